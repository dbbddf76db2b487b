"""Every problem in Chinese: the messages an office clerk reads to fix an Excel file.

Example tests pin a few translations word for word; the catalogue test scans ``src`` for
every message a producer writes (the message argument of ``Problem``, ``Fault``,
``CellError`` and ``invalid``, and the variables passed as one) and asserts each has its
own Chinese, not the per-code fallback; the corpus test loads broken files and records
and asserts the same of every problem they give."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import shequ_core
from shequ_core import Dataset, ValidationError
from shequ_core._messages_zh import GENERIC, translate
from shequ_core.errors import Problem
from shequ_core.io import LoadResult, load_dataset
from shequ_core.serialization import structure
from tests.builders import office_folder
from tests.fuzzing import corrupted, fuzz, scratch, with_hostile_cell
from tests.helpers import shequ

SRC = Path(shequ_core.__file__).parent

HEADER = "居民编号,所属社区,户号,姓名,性别,身份证号码,出生年月,手机号,户口性质"


def _folder(tmp: Path, *rows: str) -> Path:
    """A dataset folder: a community, two households and a roster of ``rows``."""
    office_folder(tmp)
    (tmp / "居民.csv").write_text("\n".join([HEADER, *rows]) + "\n", encoding="gb18030")
    return tmp


def _problems(folder: Path) -> list[Problem]:
    result = load_dataset(folder, errors="collect")
    assert isinstance(result, LoadResult)
    return sorted(result.problems, key=lambda p: (p.line or 0, p.loc))


def _real(p: Problem) -> None:
    """``p`` has its own Chinese: the catalogue knows its message, and it reads Chinese."""
    assert translate(p.code, p.message) is not None, f"no Chinese for {p.code}: {p.message!r}"
    assert re.search(r"[\u4e00-\u9fff]", p.message_zh), p.message_zh


class TestExamples:
    def test_a_bad_cell_is_named_by_its_column_as_the_file_wrote_it(self, tmp_path: Path) -> None:
        """A wrong date, an unknown 性别 and an Excel-rounded number, each named by the
        header the clerk sees (出生年月, 性别, 身份证号码), on its line."""
        folder = _folder(
            tmp_path,
            "r1,c1,h1,张三,男,,八〇年,,户籍",
            "r2,c1,h1,李四,未知,,1980/1/1,,户籍",
            "r3,c1,h2,王五,男,1.50926E+17,1950-01-01,,户籍",
        )
        p1, p2, p3 = _problems(folder)
        assert p1.render("zh") == (
            "居民.csv 第 2 行“出生年月”列：不是可识别的日期，请写成 2023-05-06、2023/5/6、"
            "2023.5.6、2023年5月6日 或 20230506"
        )
        assert p2.render("zh") == (
            "居民.csv 第 3 行“性别”列：只能填写以下之一：男、女（也可填代码 male、female）"
        )
        assert p3.render("zh") == (
            "居民.csv 第 4 行“身份证号码”列：身份证号码被 Excel 当成数字保存，后几位已变成 0："
            "请把该列设置为文本（设置单元格格式 → 文本），重新填写完整号码后保存"
        )
        assert str(p3).startswith("居民.csv:4: id_number: looks rounded by Excel")
        assert p3.column == "身份证号码"

    def test_a_notice_names_its_column_too(self, tmp_path: Path) -> None:
        folder = _folder(tmp_path, "r1,c1,h1,张三,男,150926520506123,1952/5/6,,户籍")
        result = load_dataset(folder, errors="collect")
        assert isinstance(result, LoadResult)
        (notice,) = [n for n in result.notices if n.code == "id_number_converted"]
        assert notice.render("zh") == (
            "居民.csv 第 2 行“身份证号码”列：原为 15 位老身份证号码，已按 GB 11643 转换为 18 位"
        )

    def test_a_required_field(self) -> None:
        with pytest.raises(ValidationError) as info:
            structure({"community_id": "c1"}, shequ_core.Household)
        (p,) = [p for p in info.value.problems if p.path == "id"]
        assert (p.path, p.message, p.message_zh) == ("id", "is required", "必须填写")
        assert p.render("zh") == "id：必须填写"

    def test_an_unknown_code_lists_the_codes(self) -> None:
        with pytest.raises(ValidationError) as info:
            structure({"id": "r1", "community_id": "c1", "sex": "x"}, shequ_core.Resident)
        (p,) = [p for p in info.value.problems if p.code == "unknown_value"]
        assert p.message_zh.startswith("只能填写以下代码之一：male、female")

    def test_a_dangling_reference_and_a_person_twice(self, tmp_path: Path) -> None:
        number = "110105196003011234"
        number = number[:17] + shequ_core.id_number_check_char(number[:17])
        folder = _folder(
            tmp_path,
            f"r1,c1,h1,张三,男,{number},,,户籍",
            f"r2,c1,h9,李四,男,{number},,,户籍",
        )
        dangling, twice = _problems(folder)
        assert dangling.render("zh") == "居民.csv 第 3 行“户号”列：填写的户编号 'h9' 不存在，请核对"
        masked = re.search(r"\((.+)\)", twice.message)[1]  # type: ignore[index]
        assert twice.message_zh == (
            f"居民 'r2' 与居民 'r1' 的身份证号码相同（{masked}），同一人不能登记两次"
        )
        assert number not in twice.message_zh

    def test_an_unknown_column_header(self) -> None:
        p = Problem(
            ("序 号",), "is not a field of Resident; ignored (did you mean 姓名?)", "unknown_column"
        )
        assert p.message_zh == "无法识别的列，已忽略（是不是“姓名”？）"

    def test_an_explicit_translation_wins_and_english_stays(self) -> None:
        p = Problem(("x",), "is required", "required", message_zh="请填写")
        assert (str(p), p.message_zh) == ("x: is required", "请填写")
        assert p.to_dict()["message_zh"] == "请填写"
        assert {"message", "message_zh"} <= set(p.to_dict())

    def test_an_unknown_message_falls_back_to_its_code(self) -> None:
        p = Problem((), "something new", "empty")
        assert translate(p.code, p.message) is None
        assert p.message_zh == GENERIC["empty"]


class TestCli:
    def test_validate_in_chinese_and_json_with_both(self, tmp_path: Path) -> None:
        folder = _folder(tmp_path, "r1,c1,h1,张三,男,,八〇年,,户籍")
        zh = shequ("validate", str(folder), "--lang", "zh")
        assert zh.returncode == 1, zh.stderr
        assert "居民.csv 第 2 行“出生年月”列：不是可识别的日期" in zh.stdout
        js = shequ("validate", str(folder), "--format", "json")
        (row,) = json.loads(js.stdout)["problems"]
        assert row["message"].startswith("must be a date")
        assert row["message_zh"].startswith("不是可识别的日期")
        assert (row["where"], row["column"]) == ("居民.csv:2: birth_date", "出生年月")

    def test_invalid_data_stops_with_one_chinese_line(self, tmp_path: Path) -> None:
        folder = _folder(tmp_path, "r1,c1,h1,张三,男,,八〇年,,户籍")
        result = shequ("scorecard", str(folder), "--as-of", "2024-06-30", "--lang", "zh")
        assert result.returncode == 1
        assert result.stderr.startswith("shequ: 数据有误：居民.csv 第 2 行“出生年月”列")


# -- completeness ------------------------------------------------------------------------

_ARG = {"Problem": 1, "Fault": 1, "CellError": 0, "invalid": 0}


def _text(node: ast.expr) -> str | None:
    """A message's template, each ``{...}`` of an f-string read as ``1``."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(str(v.value) if isinstance(v, ast.Constant) else "1" for v in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        a, b = _text(node.left), _text(node.right)
        return None if a is None or b is None else a + b
    if isinstance(node, ast.IfExp):
        return _text(node.body)
    return None


def _templates() -> list[tuple[str, int, str]]:
    """Every message written in ``src``: the message argument of a producer, and each
    value assigned (in the same function, or at module level) to a name passed as one."""
    found = []
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        consts = {
            t.id: n.value
            for n in tree.body
            if isinstance(n, ast.Assign)
            for t in n.targets
            if isinstance(t, ast.Name)
        }
        for fn in ast.walk(tree):
            if not isinstance(fn, (ast.FunctionDef, ast.Module)):
                continue
            names = set()
            for node in ast.walk(fn):
                if isinstance(node, ast.Call):
                    func = node.func
                    name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
                    i = _ARG.get(name)
                    if i is None or len(node.args) <= i:
                        continue
                    arg = node.args[i]
                    if isinstance(arg, ast.Name):
                        names.add(arg.id)
                        arg = consts.get(arg.id, arg)  # a module constant (_MANGLED)
                    if (text := _text(arg)) is not None:
                        found.append((path.name, node.lineno, text))
            for node in ast.walk(fn):
                if (
                    isinstance(node, ast.Assign)
                    and any(isinstance(t, ast.Name) and t.id in names for t in node.targets)
                    and (text := _text(node.value)) is not None
                ):
                    found.append((path.name, node.lineno, text))
    return found


def test_every_message_in_src_has_its_chinese() -> None:
    templates = _templates()
    assert len(templates) > 150  # the scan finds the producers
    # ``{expected}, got {kind}`` (the converter's): its parts are messages of their own.
    missing = [t for t in templates if t[2] != "1, got 1" and translate("", t[2]) is None]
    assert missing == []
    assert (
        translate("", "must be an object (Resident), got an array")
        == "应为对象（Resident），实际是列表"
    )


def test_every_code_has_a_chinese_fallback() -> None:
    assert set(GENERIC) == set(shequ_core.errors.CODES)


ROSTER = (
    HEADER
    + "\nr1,c1,h1,张三,男,150926520506123,1952/5/6,13812345678,户籍"
    + "\nr2,c1,h2,李四,女,,1960年3月1日,,流动"
).encode("utf-8")


@fuzz(25)
@given(st.data())
def test_every_problem_of_a_broken_file_has_its_chinese(data: st.DataObject) -> None:
    """A roster broken the ways files break (a hostile cell, bytes flipped or cut)."""
    broken = data.draw(with_hostile_cell(ROSTER) | corrupted(ROSTER))
    with scratch() as tmp:
        folder = _folder(tmp)
        (folder / "居民.csv").write_bytes(broken)
        result = load_dataset(folder, errors="collect")
        assert isinstance(result, LoadResult)
        for p in (*result.problems, *result.notices):
            _real(p)


@fuzz(25)
@given(
    st.sampled_from(sorted(Dataset.__annotations__)),
    st.dictionaries(
        st.sampled_from(
            [
                "id",
                "community_id",
                "birth_date",
                "sex",
                "id_number",
                "phone",
                "since",
                "kind",
                "households",
                "residents",
                "area",
                "name",
                "grid_id",
                "household_id",
                "x",
            ]
        ),
        st.none()
        | st.integers(-5, 10**12)
        | st.text(max_size=5)
        | st.sampled_from(["2023-02-30", " a ", "1.5", "150926199001011234", "male"])
        | st.lists(st.text(max_size=2), max_size=2),
        max_size=6,
    ),
)
def test_every_problem_of_a_bad_record_has_its_chinese(
    collection: str, record: dict[str, object]
) -> None:
    with pytest.raises(ValidationError) as info:
        structure({collection: [record]}, Dataset)
    for p in info.value.problems:
        _real(p)

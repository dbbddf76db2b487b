"""Rosters (花名册) as offices write them: one row a person, GB18030 CSV or .xlsx,
Chinese headers, lenient values, no ids (issue 14, item 4)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from shequ_core.entities import AttentionKind, Community, CommunityKind, Sex
from shequ_core.errors import ValidationError
from shequ_core.io import import_roster

C = Community(
    id="C1",
    name="新区社区",
    town="土贵乌拉镇",
    kind=CommunityKind.SHOWCASE,
    households=3,
    residents=6,
)
AS_OF = dt.date(2025, 6, 30)
HEADER = [
    "序号",
    "姓名",
    "性别",
    "身份证号码",
    "联系电话",
    "出生日期",
    "户籍地址",
    "现住址",
    "所属网格",
    "人员类别",
    "备注",
]
ROWS = [
    [
        "1",
        "张三",
        "男",
        "150926520506123",
        "13800138000",
        "1952/5/6",
        "某地",
        "新区1号楼101",
        "第一网格",
        "独居老人、困难家庭",
        "",
    ],
    ["2", "李四", "女", "", "", "1960年3月1日", "某地", "新区1号楼101", "第一网格", "", "租户"],
    ["3", "王五", "男", "1.50926E+17", "", "1950.1.1", "", "新区1号楼102", "第二网格", "", ""],
    ["4", "赵六", "", "150926200102030027", "", "", "", "新区1号楼102", "第二网格", "低保户", ""],
    ["5", "钱七", "女", "", "", "20010203", "", "新区2号楼201", "", "外星人", ""],
]


def _csv(tmp_path: Path) -> Path:
    text = "\n".join(",".join(r) for r in [HEADER, *ROWS]) + "\n"
    path = tmp_path / "花名册.csv"
    path.write_bytes(text.encode("gb18030"))
    return path


def _xlsx(tmp_path: Path) -> Path:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["新区社区居民花名册"])
    sheet.append(HEADER)
    for row in ROWS:
        cells: list[object] = list(row)
        if row[3] == "1.50926E+17":
            cells[3] = 150926195001011237.0  # a number cell: Excel rounded it
        if row[5] == "1952/5/6":
            cells[5] = dt.datetime(1952, 5, 6)
        sheet.append(cells)
    path = tmp_path / "花名册.xlsx"
    book.save(path)
    return path


@pytest.mark.parametrize("make", [_csv, _xlsx])
class TestOfficeRoster:
    def test_good_rows_load_and_every_bad_row_is_named(self, tmp_path: Path, make) -> None:
        """Rows 3 (a number Excel rounded) and 5 (a category nobody knows) are problems on
        their line and column; the other three people load with households and grids."""
        path = make(tmp_path)
        result = import_roster(path, community=C, as_of=AS_OF, errors="collect")
        offset = 1 if path.suffix == ".xlsx" else 0  # the title row above the header
        found = {(p.file, p.line, p.loc, p.code) for p in result.problems}
        assert found == {
            (path.name, 4 + offset, ("id_number",), "id_number_mangled_by_excel"),
            (path.name, 6 + offset, ("attentions",), "unknown_value"),
        }
        ds = result.dataset
        assert [r.name for r in ds.residents] == ["张三", "李四", "赵六"]
        assert [r.id for r in ds.residents] == [f"C1-r{n + offset}" for n in (2, 3, 5)]
        zhang, li, zhao = ds.residents
        assert zhang.id_number is not None and str(zhang.id_number.birth_date) == "1952-05-06"
        assert zhang.sex is Sex.MALE and li.sex is Sex.FEMALE
        assert zhao.sex is Sex.FEMALE and zhao.birth_date == dt.date(2001, 2, 3)  # from the number
        assert {a.kind for a in zhang.attentions} == {
            AttentionKind.EMPTY_NEST_ELDER,
            AttentionKind.HARDSHIP_FAMILY,
        }
        assert all(a.since == AS_OF for a in zhang.attentions)
        assert [h.id for h in ds.households] == ["C1-h1", "C1-h2"]
        assert zhang.household_id == li.household_id == "C1-h1"
        assert [(g.id, g.name, g.households) for g in ds.grids] == [
            ("C1-g1", "第一网格", 1),
            ("C1-g2", "第二网格", 1),
        ]
        codes = {n.code for n in result.notices}
        assert {"unknown_column", "id_number_converted", "assumed_value"} <= codes

    def test_the_same_file_gives_the_same_ids(self, tmp_path: Path, make) -> None:
        path = make(tmp_path)
        one = import_roster(path, community=C, as_of=AS_OF, errors="collect")
        two = import_roster(path, community=C, as_of=AS_OF, errors="collect")
        assert one.dataset == two.dataset

    def test_raise_lists_every_problem(self, tmp_path: Path, make) -> None:
        with pytest.raises(ValidationError) as e:
            import_roster(make(tmp_path), community=C, as_of=AS_OF)
        assert len(e.value.problems) == 2


def test_household_number_date_column_and_members_under_the_head(tmp_path: Path) -> None:
    """户号 groups people; a member row with no address follows its 户主; 登记日期 is when
    the attention starts."""
    text = (
        "姓名,户号,与户主关系,现住址,人员类别,登记日期\n"
        "甲,101,户主,新区1号,残疾人,2020/1/2\n"
        "乙,101,妻,,,\n"
        "丙,,户主,新区2号,,\n"
        "丁,,子,,,\n"
    )
    path = tmp_path / "r.csv"
    path.write_text(text, encoding="utf-8")
    ds = import_roster(path, community=C, as_of=AS_OF).dataset
    assert [r.household_id for r in ds.residents] == ["101", "101", "C1-h2", "C1-h2"]
    assert ds.residents[0].attentions[0].since == dt.date(2020, 1, 2)
    assert [h.address for h in ds.households] == ["新区1号", "新区2号"]


def test_own_headers_a_blank_date_and_a_header_without_names(tmp_path: Path) -> None:
    """``columns=`` maps an office's own header to a roster column; a blank 登记日期 is
    as_of with a notice on its line; a roster without 姓名 is refused, one problem on its
    header."""
    path = tmp_path / "r.csv"
    path.write_text("姓名,住处,类别,登记日期\n甲,新区1号,残疾人,\n", encoding="utf-8")
    result = import_roster(
        path,
        community=C,
        as_of=AS_OF,
        columns={"住处": "address", "类别": "attentions"},
    )
    (person,) = result.dataset.residents
    assert person.attentions[0].since == AS_OF
    assert [(n.line, n.loc, n.code) for n in result.notices] == [(2, ("since",), "assumed_value")]
    assert result.headers["attentions"] == "类别"
    path.write_text("名字,住址\n甲,新区1号\n", encoding="utf-8")
    with pytest.raises(ValidationError) as e:  # not a roster at all, even when collecting
        import_roster(path, community=C, as_of=AS_OF, errors="collect")
    assert [(p.line, p.loc, p.code) for p in e.value.problems] == [(1, ("name",), "required")]


def test_the_same_person_twice_is_a_problem_on_the_second_row(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    number = "150926195001011237"
    path.write_text(f"姓名,身份证号码,住址\n甲,{number},一号\n乙,{number},二号\n", encoding="utf-8")
    result = import_roster(path, community=C, as_of=AS_OF, errors="collect")
    assert [(p.line, p.code) for p in result.problems] == [(3, "duplicate_id_number")]
    assert [r.name for r in result.dataset.residents] == ["甲"]
    assert number not in str(result.problems[0])


def test_bad_arguments_are_refused_together(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("姓名,住址\n甲,一号\n", encoding="utf-8")
    with pytest.raises(ValidationError) as e:
        import_roster(
            path, community=C, as_of=AS_OF, errors="keep", encoding="utf-16", columns={"x": "y"}
        )
    assert [p.path for p in e.value.problems] == ["errors", "encoding", "columns.x"]

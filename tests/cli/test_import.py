"""``shequ import``: a roster into a dataset file, its bad rows into a workbook to fix
(issue 14, item 4), under the command's exit-code contract."""

from __future__ import annotations

from pathlib import Path

import pytest

from shequ_core.cli import main
from shequ_core.io import load_dataset

ROSTER = (
    "序号,姓名,性别,身份证号码,出生日期,现住址,所属网格,人员类别,备注\n"
    "1,张三,男,150926520506123,1952年5月6日,新区1号,第一网格,独居老人、困难家庭,\n"
    "2,李四,女,1.50926E+17,1950.1.1,新区1号,第一网格,,\n"
    "3,王五,男,,,新区2号,第二网格,外星人,\n"
    "4,赵六,女,,2001/2/3,新区2号,第二网格,,\n"
)
ARGS = ["--community-id", "C1", "--community-name", "新区社区", "--as-of", "2025-06-30"]


@pytest.fixture
def roster(tmp_path: Path) -> Path:
    path = tmp_path / "花名册.csv"
    path.write_bytes(ROSTER.encode("gb18030"))
    return path


def test_import_writes_the_good_rows_and_reports_the_bad(
    roster: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Exit 1: two rows are bad, named by file, line and the header as written; the two
    good rows are written to OUT, and the report holds the bad rows as the office wrote
    them with a 问题 column."""
    openpyxl = pytest.importorskip("openpyxl")
    out, report = tmp_path / "out.json", tmp_path / "问题.xlsx"
    code = main(
        ["import", str(roster), *ARGS, "-o", str(out), "--report", str(report), "--lang", "zh"]
    )
    assert code == 1
    printed = capsys.readouterr().out
    assert "花名册.csv:3: 身份证号码:" in printed
    assert "花名册.csv:4: 人员类别:" in printed
    assert "150926" not in printed.replace("1509**", "")  # numbers stay masked
    ds = load_dataset(out)
    assert [r.name for r in ds.residents] == ["张三", "赵六"]
    assert ds.communities[0].residents == 2
    rows = list(openpyxl.load_workbook(report).active.iter_rows(values_only=True))
    assert rows[0][:2] == ("序号", "姓名") and rows[0][-2:] == ("问题", "行号")
    assert [(r[1], r[-1]) for r in rows[1:]] == [("李四", 3), ("王五", 4)]
    assert rows[1][3] == "1.50926E+17"  # the cell as the office wrote it
    assert rows[1][-2].startswith("身份证号码: ")


def test_a_clean_roster_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "r.csv"
    path.write_text("姓名,性别,现住址\n张三,男,新区1号\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["import", str(path), *ARGS, "-o", str(out), "--lang", "en"]) == 0
    assert "imported 1 residents" in capsys.readouterr().out
    assert len(load_dataset(out).residents) == 1


def test_to_names_outs_format_and_format_json_prints_one_document(
    roster: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--to`` is OUT's format, as for ``export``; ``--format json`` is what the command
    prints, one JSON document, as for every subcommand."""
    import json

    out = tmp_path / "out"  # no suffix: --to decides
    code = main(["import", str(roster), *ARGS, "-o", str(out), "--to", "json", "--format", "json"])
    assert code == 1
    doc = json.loads(capsys.readouterr().out)
    assert doc["counts"]["residents"] == 2 and doc["notices"] >= 1
    assert [(p["where"].split(":")[1], p["code"]) for p in doc["problems"]] == [
        ("3", "id_number_mangled_by_excel"),
        ("4", "unknown_value"),
    ]
    assert all(p["message_zh"] for p in doc["problems"])
    written = json.loads(out.read_text(encoding="utf-8"))  # a JSON document, not a folder
    assert [r["name"] for r in written["residents"]] == ["张三", "赵六"]


@pytest.mark.parametrize(
    ("content", "extra"),
    [
        (ROSTER.encode("gb18030"), ["--report", "bad.txt"]),  # a report is a workbook
        (ROSTER.encode("gb18030"), ["--sheet", "nope"]),  # a CSV file has no sheets
        (None, []),  # no such file
        (b"", []),  # empty
        (bytes(range(128, 256)) * 20, []),  # neither UTF-8 nor GB18030
        ("编号,名字\n1,甲\n".encode(), []),  # no 姓名, no address: not a roster
    ],
)
def test_cannot_do_its_job_exits_2_and_writes_nothing(
    tmp_path: Path, content: bytes | None, extra: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    target, out = tmp_path / "r.csv", tmp_path / "o.json"
    if content is not None:
        target.write_bytes(content)
    code = main(["import", str(target), *ARGS, "-o", str(out), *extra])
    assert code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("shequ: error: ")
    assert not out.exists()

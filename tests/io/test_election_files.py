"""Elections in files: a dataset with elections comes back equal from every format, and
a result sheet an office writes (选举.csv, Chinese headers, 户代表 for the mode) loads."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from shequ_core import CandidateVotes, Dataset, Election, StaffRole, ValidationError
from shequ_core.entities import ElectionKind
from shequ_core.io import load_dataset, save_dataset
from tests.builders import community


def dataset() -> Dataset:
    held = Election(
        id="c1-E2021",
        community_id="c1",
        held_on=dt.date(2021, 5, 15),
        kind=ElectionKind.DIRECT,
        registered=1830,
        voted=1204,
        seats=5,
        invalid_ballots=7,
        candidates=(
            CandidateVotes(name="张伟", votes=1001, post=StaffRole.DIRECTOR, elected=True),
            CandidateVotes(name="李娜", votes=180, post=StaffRole.DIRECTOR, elected=False),
            CandidateVotes(name="王芳", votes=5, post=StaffRole.COMMITTEE_MEMBER, write_in=True),
        ),
        notes="另选他人：王芳",
    )
    runoff = Election(
        id="c1-E2021-2",
        community_id="c1",
        held_on=dt.date(2021, 5, 22),
        kind=ElectionKind.DIRECT,
        registered=1830,
        voted=990,
        seats=1,
        candidates=(CandidateVotes(name="赵敏", votes=512, elected=True),),
        runoff=True,
    )
    return Dataset(communities=(community("c1"),), elections=(held, runoff))


@pytest.mark.parametrize(
    ("fmt", "name", "headers"),
    [
        ("json", "d.json", "field"),
        ("jsonl", "d.jsonl", "field"),
        ("csv", "d", "field"),
        ("xlsx", "d.xlsx", "field"),
        ("xlsx", "zh.xlsx", "zh"),
    ],
)
def test_elections_come_back_equal(fmt: str, name: str, headers: str, tmp_path: Path) -> None:
    ds = dataset()
    save_dataset(ds, tmp_path / name, format=fmt, headers=headers)  # type: ignore[arg-type]
    assert load_dataset(tmp_path / name) == ds


# What an office's result sheet looks like: its own headers, the mode as a word, a blank
# for no invalid ballots, the count by candidate as the list the library writes.
OFFICE_CSV = (
    "选举编号,所属社区,选举日期,选举方式,选民总数,投票人数,应选人数,无效票数,候选人得票,备注\n"
    'c1-2021,c1,2021年5月15日,户代表,1260,1011,5,,"[{""name"": ""张伟"", ""votes"": 900, '
    '""post"": ""director"", ""elected"": true}, {""name"": ""李娜"", ""votes"": 95, '
    '""post"": ""director"", ""elected"": false}]",第九届\n'
)


def test_an_office_result_sheet_with_chinese_headers_loads(tmp_path: Path) -> None:
    folder = tmp_path / "office"
    save_dataset(Dataset(communities=(community("c1"),)), folder, format="csv")
    (folder / "elections.csv").unlink()
    (folder / "选举.csv").write_text(OFFICE_CSV, encoding="gb18030")
    ds = load_dataset(folder)
    assert isinstance(ds, Dataset)
    (e,) = ds.elections
    assert (e.kind, e.held_on, e.registered, e.voted, e.seats) == (
        ElectionKind.HOUSEHOLD_REPRESENTATIVES,
        dt.date(2021, 5, 15),
        1260,
        1011,
        5,
    )
    assert e.invalid_ballots == 0
    assert [(c.name, c.votes, c.elected) for c in e.candidates] == [
        ("张伟", 900, True),
        ("李娜", 95, False),
    ]
    assert e.notes == "第九届"


def test_an_office_sheet_with_more_votes_than_voters_is_refused_at_its_line(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "office"
    save_dataset(Dataset(communities=(community("c1"),)), folder, format="csv")
    (folder / "elections.csv").write_text(OFFICE_CSV.replace(",1011,", ",1300,"), encoding="utf-8")
    with pytest.raises(ValidationError) as info:
        load_dataset(folder)
    (problem,) = info.value.problems
    assert problem.loc[-1] == "voted"
    assert problem.line == 2


# The candidates as an office types them in the one cell (选举结果报告单): a name, its
# votes, the post and the outcome, one candidate after another; not JSON.
TYPED = "张伟（主任）900票 当选；李娜（主任）95票 未当选；王芳 5票 委员 另选他人"
TYPED_CANDIDATES = [
    CandidateVotes(name="张伟", votes=900, post=StaffRole.DIRECTOR, elected=True),
    CandidateVotes(name="李娜", votes=95, post=StaffRole.DIRECTOR, elected=False),
    CandidateVotes(name="王芳", votes=5, post=StaffRole.COMMITTEE_MEMBER, write_in=True),
]
SHEET_HEADERS = [
    "选举编号",
    "所属社区",
    "选举日期",
    "选举方式",
    "选民总数",
    "投票人数",
    "应选名额",
    "无效票数",
    "候选人得票",
    "备注",
]


def _office_folder(tmp_path: Path, candidates: str) -> Path:
    folder = tmp_path / "office"
    save_dataset(Dataset(communities=(community("c1"),)), folder, format="csv")
    (folder / "elections.csv").unlink()
    text = (
        ",".join(SHEET_HEADERS) + "\n"
        f'c1-2021,c1,2021年5月15日,户代表,1260,1011,5,,"{candidates}",第九届\n'
    )
    (folder / "选举.csv").write_text(text, encoding="gb18030")
    return folder


def test_candidates_typed_as_an_office_types_them_load(tmp_path: Path) -> None:
    (e,) = load_dataset(_office_folder(tmp_path, TYPED)).elections
    assert list(e.candidates) == TYPED_CANDIDATES


def test_full_width_digits_and_other_separators_are_read_alike(tmp_path: Path) -> None:
    typed = "张伟 ９００ 主任 当选、李娜 95 副主任 落选\n买买提·艾力 30票"
    (e,) = load_dataset(_office_folder(tmp_path, typed)).elections
    assert [(c.name, c.votes, c.post, c.elected) for c in e.candidates] == [
        ("张伟", 900, StaffRole.DIRECTOR, True),
        ("李娜", 95, StaffRole.DEPUTY_DIRECTOR, False),
        ("买买提·艾力", 30, None, None),
    ]


def test_an_office_workbook_typed_by_hand_loads(tmp_path: Path) -> None:
    """A sheet 选举 typed in Excel, not written by the library: a real date cell, numbers
    as numbers, a blank for no invalid ballots, the candidates typed."""
    openpyxl = pytest.importorskip("openpyxl")
    book = tmp_path / "office.xlsx"
    save_dataset(Dataset(communities=(community("c1"),)), book, format="xlsx", headers="zh")
    wb = openpyxl.load_workbook(book)
    del wb["选举"]  # the library's empty sheet, replaced by the office's own
    sheet = wb.create_sheet("选举")
    sheet.append(SHEET_HEADERS)
    sheet.append(["c1-2026", "c1", dt.datetime(2026, 5, 16), "户代表", 1260, 1011, 5, None, TYPED])
    wb.save(tmp_path / "office.xlsx")
    (e,) = load_dataset(tmp_path / "office.xlsx").elections
    assert (e.held_on, e.kind, e.registered, e.voted, e.seats, e.invalid_ballots) == (
        dt.date(2026, 5, 16),
        ElectionKind.HOUSEHOLD_REPRESENTATIVES,
        1260,
        1011,
        5,
        0,
    )
    assert list(e.candidates) == TYPED_CANDIDATES


@pytest.mark.parametrize(
    "typed",
    [
        "张伟 900票 当选；李娜",  # no votes
        "张伟 900票 书记",  # not a post the committee election fills
        "张伟 900票 当选 未当选",  # two outcomes
        "[{",  # broken JSON
    ],
)
def test_a_candidates_cell_in_neither_form_is_one_problem_at_its_column(
    typed: str, tmp_path: Path
) -> None:
    with pytest.raises(ValidationError) as info:
        load_dataset(_office_folder(tmp_path, typed))
    (problem,) = info.value.problems
    assert (problem.loc, problem.line, problem.column) == (("candidates",), 2, "候选人得票")
    assert "张伟 900票 主任 当选" in problem.message  # says what the cell should hold
    assert "张伟 900票 主任 当选" in problem.message_zh and "无法识别" in problem.message_zh


@pytest.mark.parametrize(
    ("mode", "kind"),
    [
        ("户代表", ElectionKind.HOUSEHOLD_REPRESENTATIVES),
        ("每户派代表", ElectionKind.HOUSEHOLD_REPRESENTATIVES),  # the law's words (第十四条)
        ("户代表选举", ElectionKind.HOUSEHOLD_REPRESENTATIVES),
        ("直选", ElectionKind.DIRECT),
        ("居民代表", ElectionKind.RESIDENTS_REPRESENTATIVES),
    ],
)
def test_the_mode_as_offices_write_it(mode: str, kind: ElectionKind, tmp_path: Path) -> None:
    folder = _office_folder(tmp_path, "")
    sheet = folder / "选举.csv"
    sheet.write_text(sheet.read_text("gb18030").replace(",户代表,", f",{mode},"), "gb18030")
    (e,) = load_dataset(folder).elections
    assert e.kind is kind

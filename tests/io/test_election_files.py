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

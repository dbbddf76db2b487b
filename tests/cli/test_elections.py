"""``shequ elections``: the committees' terms soonest end first, the recorded elections
checked, a community's statutory timeline as a table or CSV for Excel; exit codes 0 (no
term ends within the horizon, nothing wrong), 1 (a term ends or has ended, or an
election falls short of the law of its day), 2 (a usage error or an unknown community);
JSON with stable keys; one line on stderr, never a traceback."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest

from shequ_core import CandidateVotes, Dataset, Election, ElectionKind, StaffRole
from shequ_core.io import save_dataset
from tests.builders import community
from tests.fuzzing import run_captured

SAMPLE = str(Path(__file__).parents[2] / "src" / "shequ_core" / "datasets" / "chayouqianqi.json")


def run(*argv: str) -> tuple[int, str, str]:
    code, out, err = run_captured(list(argv))
    assert "Traceback" not in out + err
    assert err == "" or (err.count("\n") == 1 and err.startswith("shequ: ")), err
    return code, out, err


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Two committees elected in the 2021 round (terms end in May 2026) and one not
    recorded; c2's 2026 election declared a winner with half the votes."""
    c1 = community("c1", committee_elected_on=dt.date(2021, 5, 15))
    c2 = community("c2", committee_elected_on=dt.date(2021, 6, 5))
    c3 = community("c3")
    bad = Election(
        id="c2-E2026",
        community_id="c2",
        held_on=dt.date(2026, 6, 6),
        kind=ElectionKind.DIRECT,
        registered=800,
        voted=500,
        seats=1,
        candidates=(
            CandidateVotes(name="甲", votes=250, post=StaffRole.DIRECTOR, elected=True),
            CandidateVotes(name="乙", votes=240, post=StaffRole.DIRECTOR, elected=False),
        ),
    )
    path = tmp_path_factory.mktemp("office") / "d.json"
    save_dataset(Dataset(communities=(c1, c2, c3), elections=(bad,)), path)
    return str(path)


class TestTerms:
    def test_the_sample_lists_the_terms_ending_next(self) -> None:
        """The banner on 2017-12-31: nine committees elected in spring 2015 end their
        three-year terms in April and May 2018 (1989 law 第八条); 东风社区, elected in 2016,
        is in its term until 2019."""
        code, out, _ = run("elections", SAMPLE, "--as-of", "2017-12-31", "--format", "json")
        assert code == 1
        rows = json.loads(out)["committees"]
        assert [r["community_id"] for r in rows] == [f"C{i:02d}" for i in range(1, 11)]
        assert rows[0] == {
            "community_id": "C01",
            "community": "文华社区",
            "elected_on": "2015-04-18",
            "term_years": 3,
            "term_ends_on": "2018-04-18",
            "days_left": 108,
            "status": "due",
            "basis": "中华人民共和国城市居民委员会组织法 第八条",
        }
        assert [r["status"] for r in rows].count("due") == 9
        assert rows[-1]["status"] == "in_term" and rows[-1]["term_ends_on"] == "2019-03-26"

    def test_nothing_ends_within_the_horizon_exits_0(self) -> None:
        code, out, _ = run(
            "elections", SAMPLE, "--as-of", "2017-12-31", "--horizon", "30", "--lang", "en"
        )
        assert code == 0
        assert "in term" in out and "election due" not in out

    def test_an_ended_term_is_overdue(self, office: str) -> None:
        code, out, _ = run("elections", office, "--as-of", "2026-05-20", "--format", "csv")
        assert code == 1
        rows = list(csv.DictReader(io.StringIO(out)))
        assert [(r["community_id"], r["status"], r["days_left"]) for r in rows] == [
            ("c1", "overdue", "-5"),
            ("c2", "due", "16"),
            ("c3", "unknown", ""),
        ]
        assert rows[0]["basis"].endswith("第八条")  # the term of the law of 2021


class TestRecordedElections:
    def test_a_winner_with_half_the_votes_is_reported_with_its_article(self, office: str) -> None:
        code, out, _ = run("elections", office, "--as-of", "2026-06-30", "--format", "json")
        assert code == 1
        doc = json.loads(out)
        assert set(doc) == {"as_of", "committees", "findings"}
        (finding,) = doc["findings"]
        assert set(finding) == {"rule", "subject_id", "severity", "message", "basis"}
        assert finding["rule"] == "elections.results"
        assert finding["severity"] == "violation"
        assert finding["basis"] == "中华人民共和国城市居民委员会组织法（2025年修订） 第十九条第二款"

    def test_csv_is_one_table_for_excel(self, office: str) -> None:
        """CSV holds the committees alone (the findings are in the table and JSON), so a
        spreadsheet opens it as one table; the exit code still says what was found."""
        code, out, _ = run("elections", office, "--as-of", "2026-06-30", "--format", "csv")
        assert code == 1
        lines = out.splitlines()
        assert lines[0].startswith("community_id,") and len(lines) == 4

    def test_one_community_shows_only_its_own(self, office: str) -> None:
        _, out, _ = run(
            "elections", office, "--as-of", "2026-06-30", "--community", "c1", "--format", "json"
        )
        doc = json.loads(out)
        assert [r["community_id"] for r in doc["committees"]] == ["c1"]
        assert doc["findings"] == []


class TestAnOfficeSheet:
    """A result sheet as a 街道 office types it (选举.csv in GB18030, Chinese headers, the
    mode 户代表, the candidates typed in one cell), judged or refused in one line."""

    def _folder(self, tmp_path: Path, candidates: str) -> str:
        save_dataset(Dataset(communities=(community("c1"),)), tmp_path, format="csv")
        (tmp_path / "elections.csv").unlink()
        sheet = (
            "选举编号,所属社区,选举日期,选举方式,选民总数,投票人数,应选名额,无效票数,候选人得票\n"
            f"c1-2026,c1,2026年6月6日,户代表,800,500,1,,{candidates}\n"
        )
        (tmp_path / "选举.csv").write_text(sheet, encoding="gb18030")
        return str(tmp_path)

    def test_a_typed_count_is_judged(self, tmp_path: Path) -> None:
        folder = self._folder(tmp_path, "张伟（主任）250票 当选；李娜（主任）240票 未当选")
        code, out, _ = run("elections", folder, "--as-of", "2026-06-30", "--format", "json")
        assert code == 1
        (finding,) = json.loads(out)["findings"]
        assert (finding["rule"], finding["subject_id"]) == ("elections.results", "c1-2026")
        assert "张伟 (director) was declared elected" in finding["message"]
        assert "250 of 500" in finding["message"]

    def test_a_cell_it_cannot_read_is_one_line_naming_its_column(self, tmp_path: Path) -> None:
        folder = self._folder(tmp_path, "张伟 250票 书记 当选")
        code, out, err = run("elections", folder, "--as-of", "2026-06-30", "--lang", "zh")
        assert (code, out) == (1, "")
        assert "选举.csv 第 2 行“候选人得票”列" in err and "无法识别“张伟 250票 书记 当选”" in err


class TestTimeline:
    def test_the_next_election_on_the_term_end_under_the_2025_law(self, office: str) -> None:
        """c1's term ends 2026-05-15: the voter list by 2026-04-25 (二十日前, 第十七条),
        the handover by 2026-05-25 (十日, 第二十五条)."""
        code, out, _ = run(
            "elections", office, "--as-of", "2026-03-01", "--community", "c1", "--format", "json"
        )
        assert code == 1  # the term ends within the half year of the horizon
        doc = json.loads(out)
        assert doc["election_day"] == "2026-05-15"
        first = {}
        for step in doc["timeline"]:  # the first step of each article: 第十七条's is the list
            first.setdefault(step["article"], step)
        assert first["第十七条"]["last_day"] == "2026-04-25"
        assert first["第二十五条"]["last_day"] == "2026-05-25"
        assert set(doc["timeline"][0]) == {
            "step", "first_day", "last_day", "unit", "article", "basis", "note",
        }  # fmt: skip

    def test_csv_gives_the_timeline_alone_for_excel(self, office: str) -> None:
        code, out, _ = run(
            "elections", office, "--as-of", "2026-03-01", "--community", "c1",
            "--day", "2026-05-23", "--format", "csv",
        )  # fmt: skip
        assert code == 1
        rows = list(csv.DictReader(io.StringIO(out)))
        assert rows[0].keys() == {
            "step",
            "first_day",
            "last_day",
            "unit",
            "article",
            "basis",
            "note",
        }
        election = next(r for r in rows if r["article"] == "第十四条")
        assert election["first_day"] == election["last_day"] == "2026-05-23"

    def test_the_printable_table_names_each_step_and_article_in_chinese(self, office: str) -> None:
        _, out, _ = run(
            "elections", office, "--as-of", "2026-03-01", "--community", "c1", "--lang", "zh"
        )
        assert "法定时间表" in out and "第十七条" in out and "第二十五条" in out


class TestErrors:
    @pytest.mark.parametrize(
        ("args", "says"),
        [
            (["--community", "nope"], "no community 'nope'"),
            (["--community", "c3"], "has no election recorded: give --day"),
            (["--horizon", "-1"], "usage error"),
            (["--day", "2026-02-30"], "usage error"),
        ],
    )
    def test_one_line_and_exit_2(self, office: str, args: list[str], says: str) -> None:
        code, out, err = run("elections", office, "--as-of", "2026-03-01", *args)
        assert code == 2
        assert says in err
        assert out == ""

    def test_a_policy_file_it_cannot_use_exits_2(self, office: str, tmp_path: Path) -> None:
        bad = tmp_path / "bad.toml"
        bad.write_text("committee_term_years = 'five'\n", encoding="utf-8")
        code, out, err = run("elections", office, "--as-of", "2026-03-01", "--policy", str(bad))
        assert code == 2 and out == ""
        assert err.startswith("shequ: ") and "bad.toml" in err

    def test_a_term_past_9999_is_no_traceback(self, tmp_path: Path) -> None:
        far = community("c1", committee_elected_on=dt.date(9998, 3, 1))
        save_dataset(Dataset(communities=(far,)), tmp_path / "d.json")
        code, out, err = run("elections", str(tmp_path / "d.json"), "--as-of", "2026-01-01")
        assert (code, err) == (0, "")
        assert "c1" in out

    def test_a_missing_file_exits_2(self, tmp_path: Path) -> None:
        code, _, err = run("elections", str(tmp_path / "none.json"), "--as-of", "2026-03-01")
        assert code == 2 and err.startswith("shequ: ")

"""The command line at the turn of the year: every subcommand finishes on requests
received on 24 and 31 December of the last confirmed year; strict, it lists them as
unjudged and says so in one line with the flag to use; ``--provisional`` judges them on
estimated days, marked; ``--notices FILE`` makes them certain. ``shequ calendar`` shows
a year's days and the confirmed range."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from shequ_core.calendar import china_calendar
from shequ_core.io import save_dataset
from tests.builders import fictional_notice, late_december
from tests.fuzzing import run_captured

LAST = china_calendar().confirmed_through
NEXT = LAST + 1
AS_OF = f"{LAST}-12-31"
NOTICE_2026 = Path(__file__).parents[2] / "docs" / "how-to" / "notices" / "2026.toml"


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """The late-December register as a JSON file, and a notice for the next year."""
    root = tmp_path_factory.mktemp("turn")
    data = root / "late.json"
    save_dataset(late_december(LAST), data, format="json")
    notice = root / f"{NEXT}.toml"
    notice.write_text(fictional_notice(NEXT), encoding="utf-8")
    return str(data), str(notice)


def run(*argv: str) -> tuple[int, str, str]:
    code, out, err = run_captured(list(argv))
    assert "Traceback" not in out + err
    assert err == "" or (err.count("\n") == 1 and err.startswith("shequ: ")), err
    return code, out, err


class TestStrict:
    """Without the notice: finishes, lists the two apart, one line saying what to do."""

    def test_sla_lists_them_unjudged(self, files: tuple[str, str]) -> None:
        code, out, err = run("sla", files[0], "--as-of", AS_OF, "--lang", "en")
        # R1 is breached, but two requests are left unjudged: the command could not do
        # all its job, which the exit code says first (2 before 1)
        assert code == 2
        rows = {line.split()[0]: line for line in out.splitlines() if line.startswith("R")}
        assert "unjudged" in rows["R2"] and "unjudged" in rows["R3"]
        assert "breached" in rows["R1"]
        assert err.startswith("shequ: 2 request(s) not judged: ")
        assert "--provisional" in err and "--notices FILE" in err

    def test_sla_in_json_keeps_them_with_their_stage(self, files: tuple[str, str]) -> None:
        code, out, err = run("sla", files[0], "--as-of", AS_OF, "--format", "json")
        assert code == 2
        records = json.loads(out)
        stages = {r["request_id"]: r["stage"] for r in records}
        assert stages == {"R1": "breached", "R2": "unjudged", "R3": "unjudged"}
        assert "2 件工单无法判定" in err or "2 request(s) not judged" in err

    def test_scorecard_finishes_and_says_so(self, files: tuple[str, str]) -> None:
        code, out, err = run("scorecard", files[0], "--as-of", AS_OF, "--lang", "zh")
        assert code == 2 and "A社区" in out
        assert err.startswith("shequ: 2 件工单无法判定")

    def test_visits_accepts_the_options(self, files: tuple[str, str]) -> None:
        for flags in ((), ("--provisional",), ("--notices", files[1])):
            code, _, err = run("visits", files[0], "--as-of", AS_OF, *flags)
            assert (code, err) == (0, "")

    def test_demo_past_the_calendar_finishes(self) -> None:
        code, out, err = run("demo", "--as-of", f"{NEXT}-01-05", "--lang", "en")
        assert code == 2
        assert "cannot be judged" in out and "not judged: no holiday notice" in out
        assert err.startswith("shequ: ") and "not judged" in err


class TestProvisional:
    """``--provisional``: judged on estimated days, each marked, one line saying so."""

    def test_sla_marks_the_estimated_due_dates(self, files: tuple[str, str]) -> None:
        code, out, err = run("sla", files[0], "--as-of", AS_OF, "--provisional", "--lang", "zh")
        assert code == 1  # R1 breached
        rows = {line.split()[0]: line for line in out.splitlines() if line.startswith("R")}
        assert "预计" in rows["R2"] and "预计" in rows["R3"] and "预计" not in rows["R1"]
        assert "无法判定" not in out
        assert err.startswith("shequ: 2 件工单按预计日期判定")

    @pytest.mark.parametrize("lang", ["zh", "en"])
    def test_sla_rows_carry_a_provisional_key(self, files: tuple[str, str], lang: str) -> None:
        """JSON and CSV rows say which deadline rests on estimated days (R2 and R3, due
        in January of the year without a notice), with a stable key and a plain due
        date; the key is there, false, for a certain or an unjudged row too."""
        flags = ("--as-of", AS_OF, "--lang", lang)
        _, out, _ = run("sla", files[0], *flags, "--provisional", "--format", "json")
        marked = {r["request_id"]: r["provisional"] for r in json.loads(out)}
        assert marked == {"R1": False, "R2": True, "R3": True}
        assert all(r["due_on"].startswith(f"{NEXT}-01-") for r in json.loads(out)[1:])
        _, out, _ = run("sla", files[0], *flags, "--provisional", "--format", "csv")
        rows = list(csv.DictReader(io.StringIO(out)))
        assert {r["request_id"]: r["provisional"] for r in rows} == {
            "R1": "false", "R2": "true", "R3": "true"
        }  # fmt: skip
        _, out, _ = run("sla", files[0], *flags, "--format", "json")  # strict: unjudged
        assert {r["request_id"]: r["provisional"] for r in json.loads(out)} == {
            "R1": False, "R2": False, "R3": False
        }  # fmt: skip

    def test_scorecard_and_demo(self, files: tuple[str, str]) -> None:
        _, _, err = run("scorecard", files[0], "--as-of", AS_OF, "--provisional", "--lang", "en")
        assert err.startswith("shequ: 2 request(s) judged on estimated days")
        code, out, err = run("demo", "--as-of", f"{NEXT}-01-05", "--provisional", "--lang", "en")
        assert code == 0 and "judged on estimated days" in out and "estimated" in err


class TestWithTheNotice:
    """``--notices FILE``: every request judged, nothing marked, nothing to say."""

    def test_every_subcommand_is_certain(self, files: tuple[str, str]) -> None:
        data, notice = files
        code, out, err = run("sla", data, "--as-of", AS_OF, "--notices", notice, "--lang", "en")
        assert code == 1 and err == "" and "unjudged" not in out and "est." not in out
        _, _, err = run("scorecard", data, "--as-of", AS_OF, "--notices", notice)
        assert err == ""

    def test_a_bad_notice_is_one_line(self, tmp_path: Path, files: tuple[str, str]) -> None:
        bad = tmp_path / "bad.toml"
        bad.write_text("year = ", encoding="utf-8")
        code, _, err = run("sla", files[0], "--as-of", AS_OF, "--notices", str(bad))
        assert code == 2 and err.startswith("shequ: error: --notices: ")


class TestCalendarCommand:
    """``shequ calendar``: a year's rest and make-up days, and the confirmed range."""

    def test_2026_as_the_notice_has_it(self) -> None:
        code, out, err = run("calendar", "--year", "2026", "--format", "json")
        assert (code, err) == (0, "")
        rows = json.loads(out)
        rest = [(r["first"], r["last"]) for r in rows if r["kind"] == "rest"]
        work = [r["first"] for r in rows if r["kind"] == "work"]
        assert ("2026-02-15", "2026-02-23") in rest and ("2026-10-01", "2026-10-07") in rest
        assert len(rest) == 7
        assert work == [
            "2026-01-04",
            "2026-02-14",
            "2026-02-28",
            "2026-05-09",
            "2026-09-20",
            "2026-10-10",
        ]

    def test_the_table_names_the_confirmed_range(self) -> None:
        code, out, _ = run("calendar", "--lang", "zh")
        assert code == 0
        assert out.startswith(f"已确认：2001–{LAST}年")
        assert f"{LAST}年放假调休" in out

    def test_the_next_year_strict_estimated_or_from_its_notice(
        self, files: tuple[str, str]
    ) -> None:
        code, _, err = run("calendar", "--year", str(NEXT))
        assert code == 2 and f"no official holiday notice for {NEXT}" in err
        code, out, _ = run("calendar", "--year", str(NEXT), "--provisional", "--lang", "en")
        assert code == 0 and "estimated" in out
        code, out, _ = run("calendar", "--year", str(NEXT), "--notices", files[1], "--lang", "en")
        assert code == 0 and f"confirmed: 2001–{NEXT}" in out and "estimated" not in out
        assert "make-up working day" in out

    def test_the_shipped_2026_notice_loads(self) -> None:
        code, out, err = run("calendar", "--notices", str(NOTICE_2026), "--lang", "en")
        assert (code, err) == (0, "")
        assert out.startswith(f"confirmed: 2001–{LAST}")

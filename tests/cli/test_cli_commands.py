"""The ``shequ`` command, run as a user runs it: in a subprocess, on real and broken files.

Exit codes: 0 ok, 1 findings or bad data or an unreadable path, 2 usage errors; never a
traceback; never a full identity or phone number.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from shequ_core.datasets import load_chayouqianqi
from shequ_core.io import save_dataset


def shequ(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "shequ_core", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "PYTHONIOENCODING": "utf-8"},
        check=False,
    )


@pytest.fixture(scope="module")
def banner(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "banner.json"
    save_dataset(load_chayouqianqi(), path)
    return path


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory, banner: Path) -> Path:
    data = json.loads(banner.read_text(encoding="utf-8"))
    data["residents"][3]["household_id"] = "H-NOWHERE"
    data["visits"][0]["visited_on"] = "2017-02-30"
    path = tmp_path_factory.mktemp("cli") / "broken.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def personal_numbers() -> set[str]:
    ds = load_chayouqianqi()
    found = set()
    for person in (*ds.residents, *ds.staff):
        for value in (person.id_number, person.phone):
            if value is not None:
                found.add(value.reveal())
    for case in ds.dispute_cases:
        for party in case.parties:
            for value in (party.id_number, party.phone):
                if value is not None:
                    found.add(value.reveal())
    return found


def assert_clean(result: subprocess.CompletedProcess[str]) -> None:
    text = result.stdout + result.stderr
    assert "Traceback" not in text
    leaked = [n for n in personal_numbers() if n in text]
    assert not leaked, f"{len(leaked)} personal numbers printed"


def test_demo_shows_the_banner_against_the_article() -> None:
    result = shequ("demo", "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert_clean(result)
    out = result.stdout
    for figure in ("136", "81", "383", "67", "85%"):
        assert figure in out
    assert "Must-visit list" in out
    assert "lossless round trip: True" in out


def test_demo_in_chinese() -> None:
    result = shequ("demo", "--lang", "zh")
    assert result.returncode == 0, result.stderr
    assert "四个必访" in result.stdout
    assert_clean(result)


def test_validate(banner: Path, broken: Path) -> None:
    ok = shequ("validate", str(banner))
    assert ok.returncode == 0
    assert "residents" in ok.stdout
    bad = shequ("validate", str(broken), "--lang", "en")
    assert bad.returncode == 1
    assert "broken.json:residents[3].household_id" in bad.stdout
    assert "broken.json:visits[0].visited_on" in bad.stdout
    assert_clean(bad)


@pytest.mark.parametrize(
    "command",
    [
        ["visits", "{path}", "--as-of", "2017-12-31"],
        ["visits", "{path}", "--as-of", "2017-12-31", "--horizon", "30", "--format", "csv"],
        ["sla", "{path}", "--as-of", "2017-12-31"],
        ["sla", "{path}", "--as-of", "2017-12-31", "--format", "json"],
        ["scorecard", "{path}", "--as-of", "2017-12-31", "--policy", "seed"],
    ],
)
def test_reports_on_the_banner(banner: Path, command: list[str]) -> None:
    result = shequ(*[c.format(path=banner) for c in command])
    # The sample banner has overdue visits, breached requests and findings: exit 1.
    assert result.returncode == 1, result.stderr
    assert result.stdout.strip()
    assert result.stderr == ""
    assert_clean(result)


def test_machine_formats_parse(banner: Path) -> None:
    as_json = shequ("sla", str(banner), "--as-of", "2017-12-31", "--format", "json")
    rows = json.loads(as_json.stdout)
    assert len(rows) == len(load_chayouqianqi().service_requests)
    as_csv = shequ("visits", str(banner), "--as-of", "2017-12-31", "--format", "csv")
    lines = as_csv.stdout.splitlines()
    assert len(lines) > 1
    assert lines[0].count(",") == lines[1].count(",")


@pytest.mark.parametrize(
    "command", [["visits"], ["sla"], ["scorecard"], ["validate"], ["export", "--to", "csv"]]
)
def test_reports_on_a_broken_file_are_one_line(broken: Path, command: list[str]) -> None:
    args = [command[0], str(broken), *command[1:]]
    if command[0] in ("visits", "sla", "scorecard"):
        args += ["--as-of", "2017-12-31"]
    if command[0] == "export":
        args.append(str(broken.parent / "out"))
    result = shequ(*args)
    assert result.returncode == 1
    if command[0] != "validate":
        assert result.stderr.count("\n") == 1
        assert result.stderr.startswith("shequ: invalid data:")
    assert_clean(result)


def test_export_round_trip(banner: Path, tmp_path: Path) -> None:
    out = tmp_path / "banner-csv"
    result = shequ("export", str(banner), "--to", "csv", str(out))
    assert result.returncode == 0, result.stderr
    back = shequ("export", str(out), "--to", "jsonl", str(tmp_path / "b.jsonl"))
    assert back.returncode == 0, back.stderr
    assert shequ("validate", str(tmp_path / "b.jsonl")).returncode == 0


@pytest.mark.parametrize(
    ("args", "code", "fragment"),
    [
        (["validate", "no/such/file.json"], 1, "no such file"),
        (["bogus"], 2, "invalid choice"),
        ([], 2, "missing COMMAND"),
        (["visits", "x.json"], 2, "--as-of"),
        (["sla", "x.json", "--as-of", "2017-13-01"], 2, "not a date"),
        (["demo", "--frobnicate"], 2, "unrecognized arguments"),
        (["export", "x.json", "--to", "xml", "out"], 2, "invalid choice"),
        (["demo", "demo", "\n"], 2, "unrecognized arguments: demo \\n"),  # found by fuzzing
        (["validate", "no\nsuch.json"], 1, "no\\nsuch.json"),
    ],
)
def test_usage_and_path_errors(args: list[str], code: int, fragment: str) -> None:
    result = shequ(*args)
    assert result.returncode == code
    assert fragment in result.stderr
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr

"""The command under hostile input and its contract (issue 17, items 5 and 6).

Every probe that once printed a traceback, or exited with a code the contract does not
give it, now exits with one clear line on stderr and the documented code: ``0`` nothing
found; ``1`` the input was read and the answer holds findings; ``2`` the command could
not do its job. ``--format json`` prints one JSON document whose keys do not change with
``--lang``; ``--format csv`` prints stable codes.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from shequ_core import Dataset
from shequ_core.cli import main
from shequ_core.datasets import load_chayouqianqi
from shequ_core.io import save_dataset
from shequ_core.serialization import unstructure
from tests.fuzzing import consistent_subset
from tests.leaks import run_cli

AS_OF = "2017-12-31"


def one_clear_line(code: int, text: str, expected: int | set[int]) -> None:
    """Exit ``expected``; any message is one line starting ``shequ:``; no traceback."""
    assert code in ({expected} if isinstance(expected, int) else expected), text
    assert "Traceback" not in text
    errors = [line for line in text.splitlines() if line.startswith("shequ: ")]
    if code == 2:
        assert len(errors) == 1, text
        assert errors[0].startswith(("shequ: usage error: ", "shequ: error: ")), text


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Two communities of the sample banner (C01, C03 and what they refer to), as JSON data."""
    ds = load_chayouqianqi()
    keep = {
        name: [r for r in records if getattr(r, "community_id", "C01") in ("C01", "C03")]
        for name, records in ds.collections()
    }
    data: dict[str, Any] = unstructure(consistent_subset(keep))
    return data


def write(folder: Path, data: dict[str, Any], change: Callable[[dict[str, Any]], None]) -> Path:
    """``data`` changed by ``change``, written as ``folder/data.json``."""
    copy = json.loads(json.dumps(data))
    change(copy)
    path = folder / "data.json"
    path.write_text(json.dumps(copy, ensure_ascii=False), encoding="utf-8")
    return path


def shequ_env(
    *args: str, env: dict[str, str], shell_suffix: str = ""
) -> subprocess.CompletedProcess[str]:
    """``python -m shequ_core`` in a subprocess with exactly ``env`` (and the test run's
    ``PYTHONPATH``, so the code under test is the code run)."""
    command = [sys.executable, "-m", "shequ_core", *args]
    if "PYTHONPATH" in os.environ:
        env = {**env, "PYTHONPATH": os.environ["PYTHONPATH"]}
    if shell_suffix:
        line = " ".join(f"'{c}'" for c in command) + shell_suffix
        return subprocess.run(["/bin/sh", "-c", line], capture_output=True, text=True,
                              env=env, timeout=120, check=False)  # fmt: skip
    return subprocess.run(
        command, capture_output=True, env=env, timeout=120, check=False, text=True,
        encoding="utf-8", errors="strict",
    )  # fmt: skip


class TestNoTraceback:
    """Item 5: each probe exits with one clear line and the documented code."""

    def test_a_limit_of_three_million_natural_days(
        self, tmp_path: Path, small: dict[str, Any]
    ) -> None:
        def huge(d: dict[str, Any]) -> None:
            d["service_items"][0]["time_limit"] = {"amount": 3_000_000, "unit": "natural_days"}

        path = write(tmp_path, small, huge)
        for command in ("sla", "scorecard"):
            code, text = run_cli(command, str(path), "--as-of", AS_OF)
            one_clear_line(code, text, {1, 2})

    @pytest.mark.parametrize(
        ("args", "expected"),
        [
            (["scorecard", "{path}", "--as-of", "1980-01-01"], 2),  # no national numbers
            (["visits", "{path}", "--as-of", "1980-01-01"], 0),  # nothing due yet
            (["sla", "{path}", "--as-of", "1989-12-31"], {0, 1, 2}),
            (["sla", "{path}", "--as-of", "9999-12-30"], 2),
            (["visits", "{path}", "--as-of", "9999-12-31", "--horizon", "7"], 2),
        ],
    )
    def test_as_of_far_from_today(
        self, tmp_path: Path, small: dict[str, Any], args: list[str], expected: int | set[int]
    ) -> None:
        path = write(tmp_path, small, lambda d: None)
        code, text = run_cli(*[a.format(path=path) for a in args])
        one_clear_line(code, text, expected)

    def test_a_day_the_calendar_cannot_judge(self, tmp_path: Path, small: dict[str, Any]) -> None:
        """The report still comes (the requests it can judge, the rest unjudged), with one
        line saying how many were not judged, and exit 2: the job is not all done."""
        path = write(tmp_path, small, lambda d: None)
        code, text = run_cli("sla", str(path), "--as-of", "2199-12-31", "--lang", "en")
        assert code == 2 and "Traceback" not in text
        notes = [line for line in text.splitlines() if line.startswith("shequ: ")]
        assert len(notes) == 1 and "not judged" in notes[0] and "--provisional" in notes[0]
        assert "unjudged" in text

    @pytest.mark.parametrize("horizon", ["1000000000", "-1", "99999999999999999999", "x"])
    def test_horizon_is_checked_before_loading(self, tmp_path: Path, horizon: str) -> None:
        """The path does not exist: the refusal names the horizon, so it came first."""
        missing = str(tmp_path / "missing.json")
        code, text = run_cli("visits", missing, "--as-of", AS_OF, "--horizon", horizon)
        one_clear_line(code, text, 2)
        assert "--horizon" in text and "missing.json" not in text

    @pytest.mark.parametrize(
        "env",
        [
            {"PYTHONIOENCODING": "ascii", "LANG": "C.UTF-8"},
            {"LC_ALL": "C", "PYTHONIOENCODING": "ascii"},
        ],
    )
    def test_an_ascii_only_output(
        self, tmp_path: Path, small: dict[str, Any], env: dict[str, str]
    ) -> None:
        """Chinese names to an output that cannot encode them: escapes, not a crash;
        and the JSON document is the same one a UTF-8 output gets."""
        path = write(tmp_path, small, lambda d: None)
        base = {"PATH": "/usr/bin:/bin"}
        args = ["sla", str(path), "--as-of", AS_OF, "--lang", "zh"]
        plain = shequ_env(*args, env={**base, **env})
        assert plain.returncode in (0, 1), plain.stderr
        assert "Traceback" not in plain.stderr and plain.stderr == ""
        assert plain.stdout.strip()
        as_json = shequ_env(*args, "--format", "json", env={**base, **env})
        _, utf8 = run_cli(*args, "--format", "json")
        assert json.loads(as_json.stdout) == json.loads(utf8)

    def test_a_closed_standard_output(self, tmp_path: Path, small: dict[str, Any]) -> None:
        path = write(tmp_path, small, lambda d: None)
        env = {"PATH": "/usr/bin:/bin", "PYTHONIOENCODING": "utf-8"}
        result = shequ_env("validate", str(path), env=env, shell_suffix=" >&-")
        assert result.returncode == 2
        assert result.stderr == "shequ: error: standard output is closed\n"

    @pytest.mark.parametrize("to", ["json", "jsonl", "csv"])
    def test_a_lone_surrogate_in_a_name(
        self, tmp_path: Path, small: dict[str, Any], to: str
    ) -> None:
        def surrogate(d: dict[str, Any]) -> None:
            d["residents"][0]["name"] = "王\ud800"

        copy = json.loads(json.dumps(small))
        surrogate(copy)
        path = tmp_path / "data.json"
        path.write_text(json.dumps(copy), encoding="ascii")  # \ud800 as a JSON escape
        code, text = run_cli("export", str(path), "--to", to, str(tmp_path / f"out-{to}"))
        # refused when the record is built: text no save can write as UTF-8
        one_clear_line(code, text, 1)
        assert text.startswith("shequ: invalid data: ") and "lone surrogate" in text
        assert not (tmp_path / f"out-{to}").exists()

    @pytest.mark.parametrize(
        ("collection", "field", "value"),
        [
            ("service_items", "fee", "1E+1000000"),
            ("communities", "facility_area_m2", 1.7e308),
            ("communities", "service_hall_area_m2", 1.7e308),
        ],
    )
    def test_numbers_too_large_to_compute_with(
        self, tmp_path: Path, small: dict[str, Any], collection: str, field: str, value: object
    ) -> None:
        def big(d: dict[str, Any]) -> None:
            for record in d[collection]:
                record[field] = value

        path = write(tmp_path, small, big)
        for args in (
            ["scorecard", str(path), "--as-of", AS_OF],
            ["sla", str(path), "--as-of", AS_OF],
        ):
            # refused when the record is built (the bounds of the entities), so no rule
            # ever computes with it
            for extra in ([], ["--format", "json"]):
                code, text = run_cli(*args, *extra)
                one_clear_line(code, text, 1)
                assert text.startswith("shequ: invalid data: ") and field in text

    def test_deeply_nested_json_in_a_csv_cell(self, tmp_path: Path, small: dict[str, Any]) -> None:
        folder = tmp_path / "csv"
        save_dataset(Dataset(communities=load_chayouqianqi().communities[:1]), folder, format="csv")
        communities = folder / "communities.csv"
        with communities.open(encoding="utf-8-sig", newline="") as f:
            header, row = list(csv.reader(f))
        # Under the csv module's field limit, far past the JSON parser's recursion limit.
        row[header.index("facilities")] = "[" * 100_000
        with communities.open("w", encoding="utf-8", newline="") as f:
            csv.writer(f).writerows([header, row])
        for args in (["validate", str(folder)], ["scorecard", str(folder), "--as-of", AS_OF]):
            code, text = run_cli(*args)
            one_clear_line(code, text, {1, 2})

    @pytest.mark.parametrize("fmt", ["table", "csv", "json"])
    def test_control_characters_cannot_rewrite_the_terminal(
        self, tmp_path: Path, small: dict[str, Any], fmt: str
    ) -> None:
        def evil(d: dict[str, Any]) -> None:
            for item in d["service_items"]:
                item["name"] = "\x1b[2J\x1b[31m办\u202e\x9b1m\r"

        path = write(tmp_path, small, evil)
        code, text = run_cli("sla", str(path), "--as-of", AS_OF, "--format", fmt)
        assert code in (0, 1), text
        assert not any(c in text for c in "\x1b\u202e\x9b\r")
        assert "\\x1b[2J" in text


class TestContract:
    """Item 6: exit codes, help, and machine formats."""

    def test_help_states_the_exit_codes_and_what_export_writes(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        for argv in (["--help"], ["export", "--help"]):
            with pytest.raises(SystemExit) as info:  # argparse prints the help and exits
                main(argv)
            assert info.value.code == 0
        flat = " ".join(capsys.readouterr().out.split())
        assert "exit codes: 0 nothing found; 1" in flat
        assert "2 the command could not do its job" in flat
        assert "FULL personal data unless --redact" in flat
        assert "--redact mask personal data for sharing" in flat

    @pytest.mark.parametrize(
        ("args", "expected"),
        [
            (["validate", "{good}"], 0),
            (["validate", "{bad}"], 1),  # invalid records: findings
            (["validate", "{missing}"], 2),
            (["validate", "{garbage}"], 2),  # not JSON at all
            (["visits", "{good}", "--as-of", AS_OF], 1),  # visits due
            (["visits", "{good}", "--as-of", "1990-01-01"], 0),  # none yet
            (["sla", "{good}", "--as-of", AS_OF], 1),  # deadlines breached
            (["sla", "{good}", "--as-of", AS_OF, "--policy", "{garbage}"], 2),  # bad option value
            (["scorecard", "{good}", "--as-of", AS_OF], 1),  # rule violations
            (["export", "{bad}", "--to", "json", "{out}"], 1),
            (["export", "{good}", "--to", "json", "{tmp}/no/such/dir/out.json"], 2),
        ],
    )
    def test_exit_codes(
        self, tmp_path: Path, small: dict[str, Any], args: list[str], expected: int
    ) -> None:
        good = write(tmp_path, small, lambda d: None)
        bad_dir = tmp_path / "bad"
        bad_dir.mkdir()

        def broken(d: dict[str, Any]) -> None:
            d["residents"][0]["household_id"] = "H-NOWHERE"

        bad = write(bad_dir, small, broken)
        garbage = tmp_path / "garbage.json"
        garbage.write_bytes(b"\x00not json")
        names = dict(good=good, bad=bad, missing=tmp_path / "missing.json", garbage=garbage,
                     out=tmp_path / "out.json", tmp=tmp_path)  # fmt: skip
        code, text = run_cli(*[a.format(**names) for a in args])
        one_clear_line(code, text, expected)

    @pytest.mark.parametrize(
        "args",
        [
            ["demo"],
            ["validate", "{path}"],
            ["visits", "{path}", "--as-of", AS_OF, "--horizon", "30"],
            ["sla", "{path}", "--as-of", AS_OF],
            ["scorecard", "{path}", "--as-of", AS_OF, "--policy", "seed"],
            ["export", "{path}", "--to", "jsonl", "{out}"],
        ],
    )
    def test_json_is_one_document_with_the_same_keys_in_every_language(
        self, tmp_path: Path, small: dict[str, Any], args: list[str]
    ) -> None:
        path = write(tmp_path, small, lambda d: None)
        argv = [a.format(path=path, out=tmp_path / "out.jsonl") for a in args]
        docs = {}
        for lang in ("zh", "en"):
            code, text = run_cli(*argv, "--format", "json", "--lang", lang)
            assert code in (0, 1), text
            docs[lang] = json.loads(text)  # the whole output: one document
        assert keys(docs["zh"]) == keys(docs["en"])
        assert all(k == k.lower() and " " not in k for k in keys(docs["en"]))

    def test_validate_json_counts_the_records(self, tmp_path: Path, small: dict[str, Any]) -> None:
        path = write(tmp_path, small, lambda d: None)
        code, text = run_cli("validate", str(path), "--format", "json")
        report = json.loads(text)
        assert code == 0
        assert report["valid"] is True and report["problems"] == []
        assert report["counts"]["residents"] == len(small["residents"])
        assert report["records"] == sum(report["counts"].values())

    def test_csv_shows_stable_codes(self, tmp_path: Path, small: dict[str, Any]) -> None:
        path = write(tmp_path, small, lambda d: None)
        for lang in ("zh", "en"):
            _, text = run_cli("sla", str(path), "--as-of", AS_OF, "--format", "csv", "--lang", lang)
            lines = text.splitlines()
            assert lines[0] == (
                "request_id,community_id,item,received_on,due_on,stage,remaining,provisional"
            )
            stages = {line.split(",")[5] for line in lines[1:]}
            assert stages <= {"breached", "paused", "running", "met_late", "met", "cancelled"}
            assert stages and not any(" " in s for s in stages)
            _, text = run_cli(
                "visits", str(path), "--as-of", AS_OF, "--format", "csv", "--lang", lang
            )
            assert text.splitlines()[0].startswith("resident_id,community_id,grid_id,reasons")
            assert "孤寡" not in text and "lonely elder" not in text


def keys(doc: object) -> set[str]:
    """Every key of every object in ``doc``, at any depth."""
    if isinstance(doc, dict):
        return set(doc) | set().union(*(keys(v) for v in doc.values()))
    if isinstance(doc, list):
        return set().union(*(keys(v) for v in doc)) if doc else set()
    return set()

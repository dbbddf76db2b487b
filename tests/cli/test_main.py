"""The ``shequ`` command (``shequ_core.cli``), run as a user runs it: in a subprocess,
on real and broken files; and in-process, fed any arguments, corrupted files and any
policy file, always exiting 0, 1 or 2 with one clear line on stderr and never a
traceback; and never showing a full identity or phone number, in any subcommand, output
format or language, nor in its log.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from shequ_core import (
    AttentionKind,
    Dataset,
    ValidationError,
)
from shequ_core.cli import main
from shequ_core.datasets import load_chayouqianqi
from shequ_core.io import load_dataset, save_dataset
from shequ_core.policy import (
    DEFAULT_SCORING,
    DEFAULT_VISIT_POLICY,
    SlaPolicy,
    dump_policy,
    load_policy,
    seed_policy,
)
from shequ_core.rules.assessment import scorecard
from shequ_core.rules.visiting import must_visit
from shequ_core.serialization import unstructure
from tests.fuzzing import (
    CSV_FILES,
    OPTIONS,
    SUBCOMMANDS,
    Counter,
    check_cli,
    corrupted,
    fuzz,
    scratch,
)
from tests.helpers import assert_clean, shequ
from tests.leaks import (
    cli_outputs,
    error_text,
    hits,
    library_log,
    needles,
    spellings,
    swap_check_char,
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


FORMATS = {"json": "data.json", "jsonl": "data.jsonl", "csv": "folder"}


@pytest.fixture(scope="module")
def banner_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("pii")
    paths = {}
    for fmt, name in FORMATS.items():
        paths[fmt] = folder / name
        save_dataset(load_chayouqianqi(), paths[fmt], format=fmt)  # type: ignore[arg-type]
    return paths


def _write_broken(folder: Path, ds: Dataset) -> Iterator[Path]:
    """The banner's files, each broken in a way that puts a personal number in an error."""
    people = [r for r in ds.residents if r.id_number is not None]
    idn = people[0].id_number.reveal()  # type: ignore[union-attr]
    data = unstructure(ds)
    data["schema_version"] = 1
    data["residents"][1]["phone"] = idn
    data["residents"][2]["id_number"] = swap_check_char(idn)
    data[idn] = []
    path = folder / "broken.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    yield path
    lines = [json.dumps({"schema_version": 1})]
    lines.append(json.dumps({"collection": idn, "record": {}}))
    lines.append(json.dumps({"collection": "residents", "record": data["residents"][1]}))
    jsonl = folder / "broken.jsonl"
    jsonl.write_text("\n".join(lines) + "\n", encoding="utf-8")
    yield jsonl
    csv_folder = folder / "broken-csv"
    save_dataset(ds, csv_folder, format="csv")
    residents = csv_folder / "residents.csv"
    rows = residents.read_text(encoding="utf-8-sig").splitlines()
    residents.write_text("\n".join(rows[1:]) + "\n", encoding="utf-8")  # the header lost
    (csv_folder / f"{idn}.csv").write_text("id\n", encoding="utf-8")
    yield csv_folder


class TestCommands:
    """Each subcommand on the sample banner and on a broken file."""

    def test_validate(self, banner: Path, broken: Path) -> None:
        ok = shequ("validate", str(banner))
        assert ok.returncode == 0
        assert "residents" in ok.stdout
        bad = shequ("validate", str(broken), "--lang", "en")
        assert bad.returncode == 1
        assert "broken.json: residents[3].household_id: " in bad.stdout
        assert "broken.json: visits[0].visited_on: " in bad.stdout
        assert_clean(bad)
        as_json = shequ("validate", str(broken), "--format", "json")
        assert as_json.returncode == 1
        report = json.loads(as_json.stdout)
        assert report["valid"] is False
        assert report["counts"]["residents"] == len(load_chayouqianqi().residents) - 1
        where = {row["where"] for row in report["problems"]}
        assert where == {
            "broken.json: residents[3].household_id",
            "broken.json: visits[0].visited_on",
        }

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
    def test_reports_on_the_banner(self, banner: Path, command: list[str]) -> None:
        result = shequ(*[c.format(path=banner) for c in command])
        # The sample banner has overdue visits, breached requests and findings: exit 1.
        assert result.returncode == 1, result.stderr
        assert result.stdout.strip()
        assert result.stderr == ""
        assert_clean(result)

    def test_machine_formats_parse(self, banner: Path) -> None:
        as_json = shequ("sla", str(banner), "--as-of", "2017-12-31", "--format", "json")
        rows = json.loads(as_json.stdout)
        assert len(rows) == len(load_chayouqianqi().service_requests)
        as_csv = shequ("visits", str(banner), "--as-of", "2017-12-31", "--format", "csv")
        lines = as_csv.stdout.splitlines()
        assert len(lines) > 1
        assert lines[0].count(",") == lines[1].count(",")

    @pytest.mark.parametrize(
        "command",
        [
            ["visits"],
            ["sla"],
            ["scorecard"],
            ["validate"],
            ["export", "--to", "csv"],
            ["elections"],
        ],
    )
    def test_reports_on_a_broken_file_are_one_line(self, broken: Path, command: list[str]) -> None:
        args = [command[0], str(broken), *command[1:]]
        if command[0] in ("visits", "sla", "scorecard", "elections"):
            args += ["--as-of", "2017-12-31"]
        if command[0] == "export":
            args.append(str(broken.parent / "out"))
        result = shequ(*args)
        assert result.returncode == 1
        if command[0] != "validate":
            assert result.stderr.count("\n") == 1
            assert result.stderr.startswith("shequ: invalid data:")
        assert_clean(result)

    def test_export_round_trip(self, banner: Path, tmp_path: Path) -> None:
        out = tmp_path / "banner-csv"
        result = shequ("export", str(banner), "--to", "csv", str(out))
        assert result.returncode == 0, result.stderr
        back = shequ("export", str(out), "--to", "jsonl", str(tmp_path / "b.jsonl"))
        assert back.returncode == 0, back.stderr
        assert shequ("validate", str(tmp_path / "b.jsonl")).returncode == 0

    @pytest.mark.parametrize(
        ("args", "code", "fragment"),
        [
            (["validate", "no/such/file.json"], 2, "no such file"),
            (["bogus"], 2, "invalid choice"),
            ([], 2, "missing COMMAND"),
            (["visits", "x.json"], 2, "--as-of"),
            (["sla", "x.json", "--as-of", "2017-13-01"], 2, "not a date"),
            (["demo", "--frobnicate"], 2, "unrecognized arguments"),
            (["export", "x.json", "--to", "xml", "out"], 2, "invalid choice"),
            (["demo", "demo", "\n"], 2, "unrecognized arguments: demo \\n"),  # found by fuzzing
            (["validate", "no\nsuch.json"], 2, "no\\nsuch.json"),
        ],
    )
    def test_usage_and_path_errors(self, args: list[str], code: int, fragment: str) -> None:
        result = shequ(*args)
        assert result.returncode == code
        assert fragment in result.stderr
        assert result.stderr.count("\n") == 1
        assert "Traceback" not in result.stderr


class TestAnyInput:
    """Any arguments, corrupted files, any policy file: one clear line, never a traceback."""

    @pytest.mark.fuzz
    @fuzz(40)
    @given(args=st.lists(st.sampled_from(SUBCOMMANDS + OPTIONS) | st.text(max_size=8), max_size=7))
    def test_cli_takes_any_arguments(self, fuzz_cases: Counter, args: list[str]) -> None:
        fuzz_cases["shequ (any arguments)"] += 1
        if args and args[0] in ("demo",):
            args = args[1:]  # the demo is run below; here it would only be slow
        with scratch() as folder:
            args = [str(folder / "out") if a == "" else a for a in args]
            check_cli(args)

    @pytest.mark.fuzz
    @fuzz(40, cost=10)
    @given(
        data=st.data(),
        fmt=st.sampled_from(sorted(FORMATS)),
        command=st.sampled_from(SUBCOMMANDS[1:]),
        out_format=st.sampled_from(["table", "csv", "json"]),
    )
    def test_cli_on_a_corrupted_file(
        self,
        fuzz_cases: Counter,
        originals: dict[str, Path],
        data: st.DataObject,
        fmt: str,
        command: str,
        out_format: str,
    ) -> None:
        fuzz_cases["shequ <subcommand> (corrupted file)"] += 1
        with scratch() as folder:
            path = folder / FORMATS[fmt]
            if fmt == "csv":
                shutil.copytree(originals["csv"], path)
                file = path / data.draw(st.sampled_from(CSV_FILES))
            else:
                file = path
                shutil.copy(originals[fmt], path)
            file.write_bytes(data.draw(corrupted(file.read_bytes())))
            args = [command, str(path), "--format", out_format]
            if command in ("visits", "sla", "scorecard", "elections"):
                args += ["--as-of", data.draw(st.sampled_from(["2017-12-31", "2026-06-30"]))]
            if command == "export":
                args += ["--to", data.draw(st.sampled_from(sorted(FORMATS))), str(folder / "out")]
            check_cli(args)

    @pytest.mark.fuzz
    @fuzz(40, cost=10)
    @given(text=st.text(max_size=60) | st.sampled_from(["{", "[1]", "x = ", '{"x": 1}']))
    def test_cli_takes_any_policy_file(
        self, fuzz_cases: Counter, originals: dict[str, Path], text: str
    ) -> None:
        fuzz_cases["shequ scorecard --policy (any file)"] += 1
        with scratch() as folder:
            for suffix in (".toml", ".json"):
                policy = folder / f"p{suffix}"
                policy.write_text(text, encoding="utf-8")
                args = ["scorecard", str(originals["json"]), "--as-of", "2017-12-31"]
                check_cli([*args, "--policy", str(policy)])


class TestPersonalNumbers:
    """No full personal number in any output, error or log line."""

    @pytest.mark.parametrize("fmt", sorted(FORMATS))
    def test_every_subcommand_on_the_banner(
        self, banner_files: dict[str, Path], fmt: str, tmp_path: Path
    ) -> None:
        secret = needles(load_chayouqianqi())
        # Every format and language from JSON; the readers of the other two once each.
        with library_log() as log:
            outputs = list(cli_outputs(banner_files[fmt], tmp_path, every=fmt == "json"))
        assert len(outputs) == (39 if fmt == "json" else 15)  # 6 runs a format and language
        for label, code, text in outputs:
            assert code in (0, 1), label
            assert text.strip(), label
            assert hits(text, secret) == [], label
        assert any("loaded" in line for line in log.lines)
        assert hits("\n".join(log.lines), secret) == []

    def test_cli_on_broken_files_never_shows_a_number(self, tmp_path: Path) -> None:
        ds = load_chayouqianqi()
        secret = needles(ds) | spellings(swap_check_char(ds.residents[0].id_number.reveal()))  # type: ignore[union-attr]
        with library_log() as log:
            for path in _write_broken(tmp_path, ds):
                with pytest.raises(ValidationError) as info:
                    load_dataset(path)
                assert hits(error_text(info.value), secret) == [], path.name
                result = load_dataset(path, errors="collect")
                assert result.problems
                assert hits("\n".join(map(str, result.problems)), secret) == [], path.name
                for label, code, text in cli_outputs(path, tmp_path, every=False, langs=("en",)):
                    assert code == 1, label
                    assert hits(text, secret) == [], (path.name, label)
        assert hits("\n".join(log.lines), secret) == []


class TestPolicyProfiles:
    """``--policy FILE`` on visits, sla and scorecard: the command computes what the
    library computes under the policy the file holds."""

    AS_OF = "2017-12-31"

    @staticmethod
    def _json(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, object]:
        code = main([*args, "--format", "json", "--lang", "en"])
        return code, json.loads(capsys.readouterr().out)

    @staticmethod
    def _rows(headers: list[str], rows: list[list[object]]) -> object:
        # The English headers as stable snake_case keys ("on time %" -> "on_time_pct").
        keys = [
            re.sub(r"[^a-z0-9]+", "_", h.lower().replace("%", "pct")).strip("_") for h in headers
        ]
        return json.loads(json.dumps([dict(zip(keys, r, strict=True)) for r in rows], default=str))

    def test_visits_reads_a_visiting_profile(
        self, banner: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Hardship families out of scope: fewer visits due, exactly as many as
        must_visit finds under that policy."""
        quick = DEFAULT_VISIT_POLICY.with_cadence(AttentionKind.HARDSHIP_FAMILY, None)
        dump_policy(quick, tmp_path / "visits.toml")
        ds = load_chayouqianqi()
        day = dt.date.fromisoformat(self.AS_OF)
        _, default = self._json(capsys, "visits", str(banner), "--as-of", self.AS_OF)
        _, changed = self._json(
            capsys, "visits", str(banner), "--as-of", self.AS_OF,
            "--policy", str(tmp_path / "visits.toml"),
        )  # fmt: skip
        assert isinstance(default, list) and isinstance(changed, list)
        assert len(default) == len(must_visit(ds, as_of=day))
        assert len(changed) == len(must_visit(ds, as_of=day, policy=quick)) < len(default)

    def test_scorecard_combines_profiles_of_every_kind(
        self, banner: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """``--policy seed --policy committee.toml --policy scoring.toml``: the seed
        profile with one committee number changed, scored with other points."""
        day = dt.date.fromisoformat(self.AS_OF)
        (tmp_path / "committee.toml").write_text(
            "[committee_members]\nmaximum = 7\n", encoding="utf-8"
        )
        scoring = attrs.evolve(DEFAULT_SCORING, violation_points=40, advisory_points=0)
        dump_policy(scoring, tmp_path / "scoring.json")
        _, shown = self._json(
            capsys, "scorecard", str(banner), "--as-of", self.AS_OF,
            "--policy", "seed", "--policy", str(tmp_path / "committee.toml"),
            "--policy", str(tmp_path / "scoring.json"),
        )  # fmt: skip
        policy = load_policy(tmp_path / "committee.toml", base=seed_policy(day))
        assert policy.committee_members.maximum == 7
        card = scorecard(load_chayouqianqi(), as_of=day, policy=policy, scoring=scoring)
        headers, rows = card.table_rows(lang="en")
        assert shown == self._rows(list(headers), [list(r) for r in rows])
        plain = scorecard(load_chayouqianqi(), as_of=day, policy=seed_policy(day))
        assert plain.table_rows(lang="en") != card.table_rows(lang="en")

    def test_sla_reads_and_checks_a_service_hall_profile(
        self, banner: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """The file is read and validated: a warning point of 0 % is refused, naming the
        file and the field; a valid one is accepted. (The table shows stages, which the
        warning points do not change, so the output cannot tell which was used.)"""
        profile = tmp_path / "sla.toml"
        profile.write_text('kind = "sla"\nwarn_at_percent = [0, 90]\n', encoding="utf-8")
        args = ["sla", str(banner), "--as-of", self.AS_OF, "--policy", str(profile)]
        code = main(args)
        err = capsys.readouterr().err
        assert "sla.toml: warn_at_percent: every percentage must be in 1..100" in err
        assert code == 2  # a bad option value: the command could not do its job
        dump_policy(SlaPolicy(warn_at_percent=(90,)), profile)
        assert main(args) == main(args[:4])

    @pytest.mark.parametrize("command", ["visits", "sla"])
    def test_a_profile_of_another_kind_is_one_clear_line(
        self, banner: Path, tmp_path: Path, command: str, capsys: pytest.CaptureFixture[str]
    ) -> None:
        dump_policy(DEFAULT_SCORING, tmp_path / "scoring.toml")
        code = main(
            [
                command,
                str(banner),
                "--as-of",
                self.AS_OF,
                "--policy",
                str(tmp_path / "scoring.toml"),
            ]
        )
        err = capsys.readouterr().err
        assert code == 2
        assert err.count("\n") == 1
        assert "scoring.toml: kind: must be" in err

    def test_scorecard_refuses_a_service_hall_profile(
        self, banner: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        dump_policy(SlaPolicy(), tmp_path / "sla.toml")
        code = main(
            [
                "scorecard",
                str(banner),
                "--as-of",
                self.AS_OF,
                "--policy",
                str(tmp_path / "sla.toml"),
            ]
        )
        err = capsys.readouterr().err
        assert code == 2
        assert "SlaPolicy does not apply to the scorecard" in err

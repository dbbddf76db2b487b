"""The versioned wire format: a golden file of every released layout still loads,
older versions are upgraded through the chain of migrations, and a newer or malformed
``schema_version`` is refused.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

from shequ_core import Dataset, ValidationError
from shequ_core.io import (
    MIGRATIONS,
    SCHEMA_VERSION,
    LoadResult,
    Migration,
    load_dataset,
    save_dataset,
)

GOLDEN = Path(__file__).parent / "golden"


# The module that holds the version chain and reads it at call time: the one to patch
# for a hypothetical newer version (found through Migration, not by a private name).
VERSIONS = sys.modules[Migration.__module__]
FILES = {"json": "dataset.json", "jsonl": "dataset.jsonl", "csv": "csv"}


def golden(version: int, fmt: str) -> Path:
    return GOLDEN / f"v{version}" / FILES[fmt]


@pytest.fixture(scope="module")
def expected() -> Dataset:
    ds = load_dataset(golden(1, "json"))
    assert isinstance(ds, Dataset)
    return ds


def _with_version(fmt: str, version: Any, tmp_path: Path) -> Path:
    """The golden v1 file with its ``schema_version`` replaced by ``version``."""
    target = tmp_path / FILES[fmt]
    if fmt == "json":
        data = json.loads(golden(1, fmt).read_text("utf-8"))
        data["schema_version"] = version
        target.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    elif fmt == "jsonl":
        lines = golden(1, fmt).read_text("utf-8").splitlines(keepends=True)
        lines[0] = json.dumps({"schema_version": version}) + "\n"
        target.write_text("".join(lines), encoding="utf-8")
    else:
        shutil.copytree(golden(1, fmt), target)
        (target / "schema.json").write_text(json.dumps({"schema_version": version}))
    return target


# Where the version marker is: the file, and the line for JSON Lines.
MARKER = {
    "json": ("dataset.json", None),
    "jsonl": ("dataset.jsonl", 1),
    "csv": ("schema.json", None),
}


def _rename_community(collection: str, record: dict[str, Any]) -> dict[str, Any]:
    if collection == "communities":
        return {**record, "name": record["name"] + "（新）"}
    return record


class TestGoldenFiles:
    """A golden folder for every version, loaded and written byte for byte."""

    def test_a_v1_file_from_before_the_defaulted_fields_loads(
        self, expected: Dataset, tmp_path: Path
    ) -> None:
        """Staff.extra_roles and team_ids, Volunteer.sex and the lifecycle fields of #18
        were added with defaults:
        a v1 file written before them, without their keys, loads to the same records."""
        data = json.loads(golden(1, "json").read_text("utf-8"))
        dropped = {"staff": ("extra_roles", "team_ids"), "volunteers": ("sex",)}
        for collection, keys in dropped.items():
            assert data[collection], collection
            for record in data[collection]:
                for k in keys:
                    del record[k]
        # #18's timestamps, urgency, satisfaction, unit and case event kinds.
        for request in data["service_requests"]:
            del request["urgency"], request["received_at"]
            for event in request["events"]:
                del event["at"], event["satisfaction"], event["unit"]
        for case in data["dispute_cases"]:
            for event in case["events"]:
                del event["kind"]
        old = tmp_path / "dataset.json"
        old.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        assert load_dataset(old) == expected

    def test_there_is_a_golden_folder_for_every_version(self) -> None:
        assert sorted(p.name for p in GOLDEN.iterdir() if p.is_dir()) == [
            f"v{v}" for v in range(SCHEMA_VERSION + 1)
        ]
        assert sorted(MIGRATIONS) == list(range(SCHEMA_VERSION))

    @pytest.mark.parametrize("fmt", sorted(FILES))
    def test_golden_v1_loads_and_is_written_byte_for_byte(
        self, expected: Dataset, fmt: str, tmp_path: Path
    ) -> None:
        assert load_dataset(golden(1, fmt)) == expected
        out = tmp_path / FILES[fmt]
        save_dataset(expected, out, format=fmt)  # type: ignore[arg-type]
        if fmt == "csv":
            names = sorted(p.name for p in golden(1, "csv").iterdir())
            assert sorted(p.name for p in out.iterdir()) == names
            for name in names:
                assert (out / name).read_bytes() == (golden(1, "csv") / name).read_bytes(), name
        else:
            assert out.read_bytes() == golden(1, fmt).read_bytes()

    def test_the_golden_data_is_worth_pinning(self, expected: Dataset) -> None:
        numbers = [r.id_number.reveal() for r in expected.residents if r.id_number is not None]
        assert any(n.endswith("X") for n in numbers)
        assert all(n for _, records in expected.collections() for n in [len(records)])
        assert json.loads(golden(1, "jsonl").read_text("utf-8").splitlines()[0]) == {
            "schema_version": 1
        }

    @pytest.mark.parametrize("fmt", sorted(FILES))
    def test_version_0_is_upgraded(self, expected: Dataset, fmt: str) -> None:
        assert load_dataset(golden(0, fmt)) == expected
        result = load_dataset(golden(0, fmt), errors="collect")
        assert isinstance(result, LoadResult)
        assert result.ok
        assert result.upgraded_from == 0
        current = load_dataset(golden(1, fmt), errors="collect")
        assert current.upgraded_from is None

    def test_an_empty_folder_is_not_a_version_0_dataset(self, tmp_path: Path) -> None:
        with pytest.raises(ValidationError, match="not a dataset folder") as info:
            load_dataset(tmp_path)
        (problem,) = info.value.problems
        assert (problem.file, problem.loc, problem.code) == (tmp_path.name, (), "invalid_file")


class TestRefusals:
    """A version the library does not know is refused, with a problem that says so."""

    def test_schema_version_is_checked(self, tmp_path: Path) -> None:
        path = tmp_path / "data.json"
        path.write_text('{"schema_version": 99, "communities": []}', encoding="utf-8")
        with pytest.raises(ValidationError, match="schema_version 99") as info:
            load_dataset(path)
        (problem,) = info.value.problems
        assert (problem.file, problem.line, problem.code) == (
            "data.json",
            None,
            "unsupported_version",
        )

    @pytest.mark.parametrize("fmt", sorted(FILES))
    def test_a_newer_version_is_refused(self, fmt: str, tmp_path: Path) -> None:
        path = _with_version(fmt, SCHEMA_VERSION + 1, tmp_path)
        with pytest.raises(ValidationError) as info:
            load_dataset(path)
        (problem,) = info.value.problems  # one clear message, not one a record
        assert (problem.file, problem.line) == MARKER[fmt]
        assert problem.code == "unsupported_version"
        assert "schema_version 2 is newer" in str(info.value)
        assert "upgrade shequ_core" in str(info.value)

    @pytest.mark.parametrize("fmt", sorted(FILES))
    @pytest.mark.parametrize("version", ["1", True, 1.0, None, -1, [1]])
    def test_a_version_that_is_not_one_is_refused(
        self, fmt: str, version: Any, tmp_path: Path
    ) -> None:
        path = _with_version(fmt, version, tmp_path)
        with pytest.raises(ValidationError) as info:
            load_dataset(path)
        (problem,) = info.value.problems
        assert (problem.file, problem.line, problem.code) == (*MARKER[fmt], "unsupported_version")
        assert "schema_version" in str(info.value)


class TestMigrations:
    """MIGRATIONS: the chain runs in order; a missing link is refused."""

    @pytest.mark.parametrize("fmt", sorted(FILES))
    @pytest.mark.parametrize("start", [0, 1])
    def test_the_chain_runs_every_migration_in_order(
        self, monkeypatch: pytest.MonkeyPatch, expected: Dataset, fmt: str, start: int
    ) -> None:
        """With a hypothetical version 2 whose migration renames communities, a v1 file and
        a v0 file both load through it, once; the v0 file through 0 -> 1 first."""
        seen: list[int] = []

        def tracing(version: int, upgrade: Any) -> Migration:
            def run(collection: str, record: dict[str, Any]) -> dict[str, Any]:
                if collection == "communities":
                    seen.append(version)
                return upgrade(collection, record)  # type: ignore[no-any-return]

            return Migration(version, f"traced {version}", run)

        monkeypatch.setattr(VERSIONS, "SCHEMA_VERSION", 2)
        monkeypatch.setattr(
            VERSIONS,
            "MIGRATIONS",
            {0: tracing(0, MIGRATIONS[0].upgrade), 1: tracing(1, _rename_community)},
        )
        result = load_dataset(golden(start, fmt), errors="collect")
        assert result.ok
        assert result.upgraded_from == start
        names = [c.name for c in result.dataset.communities]
        assert names == [c.name + "（新）" for c in expected.communities]
        n = len(expected.communities)
        assert seen == [v for _ in range(n) for v in range(start, 2)]

    def test_a_missing_migration_is_refused(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(VERSIONS, "SCHEMA_VERSION", 3)
        with pytest.raises(ValidationError, match="schema_version 1 is not a version"):
            load_dataset(golden(1, "json"))

"""The JSON Lines format: problems are named by their line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from shequ_core import ValidationError
from shequ_core.datasets import load_chayouqianqi
from shequ_core.io import SCHEMA_VERSION, load_dataset, save_dataset
from tests.builders import residents_dataset


def test_jsonl_problems_name_the_line(tmp_path: Path) -> None:
    path = tmp_path / "data.jsonl"
    save_dataset(load_chayouqianqi(), path, format="jsonl")
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[4] = lines[4][:20]  # truncated
    lines[9] = json.dumps({"collection": "aliens", "record": {}})
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ValidationError) as info:
        load_dataset(path)
    assert [(p.file, p.line, p.loc, p.code) for p in info.value.problems] == [
        ("data.jsonl", 5, (), "malformed_json"),
        ("data.jsonl", 10, ("collection",), "unknown_collection"),
    ]
    assert str(info.value.problems[0]).startswith("data.jsonl:5: malformed JSON")


class TestCollectKeepsWhatItCan:
    """``errors="collect"`` on a JSON Lines file keeps every line it can read."""

    @pytest.mark.parametrize(
        "damage", [b'{"schema_version": ', b"\xff\xfe{}", b'{"schema_version": 1, "x": 1, "x": 2}']
    )
    def test_a_damaged_version_line_does_not_drop_the_others(
        self, tmp_path: Path, damage: bytes
    ) -> None:
        """The first line cut short, not UTF-8, or with a key twice: the rest (here 11
        records) used to be dropped with it."""
        path = tmp_path / "data.jsonl"
        ds = residents_dataset(8)
        save_dataset(ds, path, format="jsonl")
        lines = path.read_bytes().split(b"\n")
        path.write_bytes(b"\n".join([damage, *lines[1:]]))
        result = load_dataset(path, errors="collect")
        assert result.dataset == ds
        ((line, code, message),) = [(p.line, p.code, p.message) for p in result.problems]
        assert line == 1
        assert code in ("malformed_json", "duplicate_key")
        assert message.endswith(f"so the file is read as schema_version {SCHEMA_VERSION}")
        with pytest.raises(ValidationError) as info:  # by default nothing is loaded
            load_dataset(path)
        assert len(info.value.problems) == 1

    def test_one_undecodable_line_is_one_problem(self, tmp_path: Path) -> None:
        """A line that is not UTF-8 made the whole file unreadable ("cannot read ...")."""
        path = tmp_path / "data.jsonl"
        ds = residents_dataset(8)
        save_dataset(ds, path, format="jsonl")
        lines = path.read_bytes().split(b"\n")
        lines[5] = lines[5].replace("居民".encode(), b"\xe5\xb1", 1)  # a character cut short
        path.write_bytes(b"\n".join(lines))
        result = load_dataset(path, errors="collect")
        assert [(p.line, p.code) for p in result.problems] == [(6, "malformed_json")]
        assert "not UTF-8" in result.problems[0].message
        assert len(result.dataset.residents) == len(ds.residents) - 1

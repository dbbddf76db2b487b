"""The JSON Lines format: problems are named by their line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from shequ_core import ValidationError
from shequ_core.datasets import load_chayouqianqi
from shequ_core.io import load_dataset, save_dataset


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

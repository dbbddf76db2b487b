"""The JSON file format: problems are named by their place in the file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from shequ_core import ValidationError
from shequ_core.datasets import load_chayouqianqi
from shequ_core.io import load_dataset, save_dataset
from tests.builders import residents_dataset


def test_json_problems_name_the_record(tmp_path: Path) -> None:
    path = tmp_path / "data.json"
    save_dataset(load_chayouqianqi(), path)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["visits"][2]["outcome"] = "teleported"
    del data["residents"][0]["name"]
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ValidationError) as info:
        load_dataset(path)
    assert [(p.file, p.line, p.loc, p.code) for p in info.value.problems] == [
        ("data.json", None, ("residents", 0, "name"), "required"),
        ("data.json", None, ("visits", 2, "outcome"), "unknown_value"),
    ]
    assert [p.path for p in info.value.problems] == ["residents[0].name", "visits[2].outcome"]
    assert str(info.value.problems[0]).startswith("data.json: residents[0].name: ")


def test_a_key_twice_in_a_json_file_is_a_problem_not_the_last_value(tmp_path: Path) -> None:
    path = tmp_path / "data.json"
    ds = residents_dataset(3)
    save_dataset(ds, path)
    text = path.read_text(encoding="utf-8")
    text = text.replace('"name": "居民·1",', '"name": "居民·1", "name": "某某",', 1)
    assert text.count('"某某"') == 1
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValidationError) as info:
        load_dataset(path)
    found = [(p.file, p.loc, p.code) for p in info.value.problems]
    assert found == [("data.json", ("residents", 1, "name"), "duplicate_key")]
    assert str(info.value.problems[0]) == (
        "data.json: residents[1].name: appears more than once in its object"
    )
    result = load_dataset(path, errors="collect")  # only that record is dropped
    assert [p.code for p in result.problems] == ["duplicate_key"]
    assert result.dataset.residents == (ds.residents[0], ds.residents[2])

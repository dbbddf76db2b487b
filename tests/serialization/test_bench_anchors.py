"""The benchmark's pydantic and msgspec models keep the records' fields.

``bench/anchor_models.py`` imports pydantic and msgspec, which the test environment does
not install, so its classes are read from the source: a field added to a record and not
to its anchors (``CaseEvent.kind`` once) made every anchor refuse the records' data, and
``make bench`` failed where no test looked.
"""

from __future__ import annotations

import ast
from pathlib import Path

import attrs
import pytest

from shequ_core import entities

SOURCE = Path(__file__).resolve().parents[2] / "bench" / "anchor_models.py"


def _anchors() -> dict[str, list[tuple[str, bool]]]:
    """Each model class of the file: its fields in order, and whether each has a default."""
    tree = ast.parse(SOURCE.read_text(encoding="utf-8"))
    return {
        node.name: [
            (item.target.id, item.value is not None)
            for item in node.body
            if isinstance(item, ast.AnnAssign)
            and isinstance(item.target, ast.Name)
            and item.target.id != "model_config"
        ]
        for node in tree.body
        if isinstance(node, ast.ClassDef) and node.name[:1] in "PM" and node.name[1:2].isupper()
    }


ANCHORS = _anchors()


def test_the_file_has_both_anchors_of_each_benchmarked_record() -> None:
    names = {name[1:] for name in ANCHORS}
    assert {"DisputeCase", "Resident", "Party", "CaseEvent", "Attention"} <= names
    assert all(f"P{n}" in ANCHORS and f"M{n}" in ANCHORS for n in names)


@pytest.mark.parametrize("name", sorted(ANCHORS))
def test_an_anchor_has_its_records_fields_in_order_with_the_same_defaults(name: str) -> None:
    record = getattr(entities, name[1:])
    expected = [(a.name, a.default is not attrs.NOTHING) for a in attrs.fields(record)]
    assert ANCHORS[name] == expected

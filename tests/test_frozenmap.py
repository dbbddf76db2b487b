"""``shequ_core.frozenmap.FrozenMap``: a read-only mapping that reads like a dict,
compares equal to one, and pickles.
"""

from __future__ import annotations

import pickle

import pytest

from shequ_core.frozenmap import FrozenMap


def _again(x: object) -> object:
    return pickle.loads(pickle.dumps(x, protocol=pickle.HIGHEST_PROTOCOL))


def test_frozen_map_reads_like_a_dict_and_cannot_change() -> None:
    m = FrozenMap({"b": 2, "a": 1})
    assert list(m) == ["b", "a"] and len(m) == 2 and m["a"] == 1 and "b" in m
    assert m == {"a": 1, "b": 2} and m != {"a": 1}
    assert m.get("z") is None and dict(m.items()) == {"b": 2, "a": 1}
    assert repr(m) == "FrozenMap({'b': 2, 'a': 1})"
    assert _again(m) == m and type(_again(m)) is FrozenMap
    with pytest.raises(TypeError):
        m["c"] = 3  # type: ignore[index]
    with pytest.raises(AttributeError):
        m._data = {}  # type: ignore[misc]
    source = {"x": 1}
    copy = FrozenMap(source)
    source["x"] = 2
    assert copy["x"] == 1  # a copy, not a view
    assert FrozenMap() == {}

"""Everything a rule takes and gives pickles, so it can cross to a worker process and back.

Dask, multiprocessing pools and Spark all move work by pickling; a result that holds a
``MappingProxyType`` (which does not pickle) could only travel taken apart.
"""

from __future__ import annotations

import datetime as dt
import pickle

import pytest

from shequ_core.calendar import china_calendar
from shequ_core.datasets import load_chayouqianqi
from shequ_core.frozenmap import FrozenMap
from shequ_core.policy import national_policy, seed_policy
from shequ_core.rules.assessment import scorecard, summary
from shequ_core.rules.sla import backlog
from shequ_core.rules.visiting import DEFAULT_VISIT_POLICY, must_visit, visit_coverage

AS_OF = dt.date(2017, 12, 31)


def _again(x: object) -> object:
    return pickle.loads(pickle.dumps(x, protocol=pickle.HIGHEST_PROTOCOL))


def test_rule_inputs_and_results_pickle_and_compare_equal() -> None:
    ds = load_chayouqianqi()
    calendar = china_calendar()
    policy = seed_policy(AS_OF)
    for thing in (
        ds,
        calendar,
        policy,
        national_policy(AS_OF),
        DEFAULT_VISIT_POLICY,
        must_visit(ds, as_of=AS_OF, horizon_days=7),
        visit_coverage(ds, start=dt.date(2017, 1, 1), end=AS_OF),
        backlog(ds, as_of=AS_OF, calendar=calendar),
        summary(ds, as_of=AS_OF),
        scorecard(ds, as_of=AS_OF, policy=policy, calendar=calendar),
    ):
        assert _again(thing) == thing, type(thing).__name__


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

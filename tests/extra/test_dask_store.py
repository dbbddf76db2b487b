"""``from_store``: Dask workers read a Parquet store by community and give the answers of
one process on the loaded store, while the calling process holds almost nothing."""

from __future__ import annotations

import importlib.util
import sys
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from shequ_core.calendar import china_calendar
from shequ_core.entities import Dataset
from shequ_core.errors import ValidationError
from shequ_core.policy import national_policy

pytest.importorskip("dask", reason="the dask extra (the test extra installs it)")
pytest.importorskip("pyarrow", reason="the parquet extra (the test extra installs it)")

from shequ_core.extra import dask as sdask
from shequ_core.io import load_dataset, save_dataset
from shequ_core.rules.assessment import scorecard
from shequ_core.rules.sla import backlog
from shequ_core.rules.visiting import must_visit

CITY_FILE = Path(__file__).resolve().parents[2] / "bench" / "city.py"
PROCESSES = {"scheduler": "processes", "num_workers": 2}


def _city_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("shequ_bench_city", CITY_FILE)
    assert spec is not None and spec.loader is not None
    module = sys.modules.get(spec.name) or importlib.util.module_from_spec(spec)
    if spec.name not in sys.modules:
        sys.modules[spec.name] = module
        spec.loader.exec_module(module)
    return module


city = _city_module()
AS_OF = city.AS_OF


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("province") / "store"
    save_dataset(city.make_city(100_000), path, format="parquet")
    return path


@pytest.fixture(scope="module")
def loading(store: Path) -> tuple[Dataset, int]:
    """The whole store loaded in this process, and the memory that took at its peak."""
    ds, peak = _peak(lambda: load_dataset(store))
    return ds, peak


@pytest.fixture(scope="module")
def loaded(loading: tuple[Dataset, int]) -> Dataset:
    return loading[0]


def _peak(run: Callable[[], Any]) -> tuple[Any, int]:
    """What ``run`` returns, and the most memory the calling process held meanwhile."""
    tracemalloc.start()
    try:
        out = run()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return out, peak


def test_the_workers_give_the_answers_of_one_process(store: Path, loaded: Dataset) -> None:
    calendar = china_calendar()
    bag = sdask.from_store(store, npartitions=4)
    assert sdask.must_visit(bag, as_of=AS_OF, **PROCESSES) == must_visit(loaded, as_of=AS_OF)
    got = sdask.backlog(bag, as_of=AS_OF, calendar=calendar, **PROCESSES)
    assert got == backlog(loaded, as_of=AS_OF, calendar=calendar)


def test_the_scorecard_from_disk_with_the_caller_holding_under_5_percent(
    store: Path, loading: tuple[Dataset, int]
) -> None:
    loaded, whole = loading
    calendar = china_calendar()
    policy = national_policy(AS_OF)

    def from_disk() -> object:
        bag = sdask.from_store(store, npartitions=4)
        return sdask.scorecard(bag, as_of=AS_OF, policy=policy, calendar=calendar, **PROCESSES)

    card, caller = _peak(from_disk)
    expected = scorecard(loaded, as_of=AS_OF, policy=policy, calendar=calendar)
    assert card == expected
    assert card.table() == expected.table()
    assert len(card.communities) == 20
    assert caller < 0.05 * whole, (caller, whole)


def test_a_few_communities(store: Path, loaded: Dataset) -> None:
    ids = [c.id for c in loaded.communities][3:6]
    bag = sdask.from_store(store, communities=list(reversed(ids)), communities_per_partition=2)
    due = sdask.must_visit(bag, as_of=AS_OF, scheduler="sync")
    assert due == [d for d in must_visit(loaded, as_of=AS_OF) if d.community_id in ids]


def test_an_unknown_community_is_refused_before_any_work(store: Path) -> None:
    with pytest.raises(ValidationError) as e:
        sdask.from_store(store, communities=["C0001", "nowhere"])
    assert [p.loc for p in e.value.problems] == [("communities", 1)]

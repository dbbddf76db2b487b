"""shequ_core.extra.dask gives exactly the single-process answers, on two worker
processes; everything a rule takes and gives pickles, so it can cross to a worker
process and back.
"""

from __future__ import annotations

import datetime as dt
import pickle
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from shequ_core import strategies as sst
from shequ_core.calendar import china_calendar
from shequ_core.datasets import load_chayouqianqi
from shequ_core.entities import Dataset
from shequ_core.errors import ValidationError
from shequ_core.extra import dask as sdask
from shequ_core.io import load_dataset, save_dataset
from shequ_core.policy import national_policy, seed_policy
from shequ_core.rules.assessment import scorecard, summary
from shequ_core.rules.sla import backlog
from shequ_core.rules.visiting import DEFAULT_VISIT_POLICY, must_visit, visit_coverage
from tests.builders import bench_city, late_december

pytest.importorskip("dask", reason="the dask extra (the test extra installs it)")


PROCESSES = {"scheduler": "processes", "num_workers": 2}


city = bench_city()
AS_OF = city.AS_OF


#: The city the answers are compared on: 40,000 residents in 8 communities (over a
#: thousand of them due a visit). The memory bound of #22 is held on 100,000, a city
#: built and stored only for it (``test_the_scorecard_from_disk_...``).
CITY_RESIDENTS = 40_000


@pytest.fixture(scope="module")
def banner() -> Dataset:
    ds: Dataset = city.make_city(CITY_RESIDENTS)
    return ds


@pytest.fixture(scope="module")
def bag(banner: Dataset):  # type: ignore[no-untyped-def]
    return sdask.to_bag(banner, npartitions=4)


SAMPLE_AS_OF = dt.date(2017, 12, 31)


def _again(x: object) -> object:
    return pickle.loads(pickle.dumps(x, protocol=pickle.HIGHEST_PROTOCOL))


class TestPartitions:
    """``partition_by_community`` and ``to_bag``: every owned record once, references carried."""

    def test_partitions_cover_every_owned_record_once(self, banner: Dataset) -> None:
        parts = sdask.partition_by_community(banner, communities_per_partition=3)
        homes = [cid for p in parts for cid in p.community_ids]
        assert homes == [c.id for c in banner.communities]
        for name in ("residents", "service_requests", "meetings", "staff"):
            owned = [
                r.id
                for p in parts
                for r in getattr(p.dataset, name)
                if r.community_id in p.community_ids
            ]
            assert sorted(owned) == sorted(r.id for r in getattr(banner, name)), name
        visits = [v.id for p in parts for v in p.dataset.visits]
        assert sorted(visits) == sorted(v.id for v in banner.visits)

    def test_cross_community_references_are_carried(self, banner: Dataset) -> None:
        part = sdask.partition_by_community(banner)[0]
        foreign = [s for s in part.dataset.staff if s.community_id not in part.community_ids]
        assert foreign, "the city has visitors from the next community"
        assert {s.community_id for s in foreign} <= {c.id for c in part.dataset.communities}
        for unit in part.dataset.partner_units:
            assert unit.community_ids <= set(part.community_ids)

    def test_partitions_pickle(self, banner: Dataset) -> None:
        part = sdask.partition_by_community(banner, communities_per_partition=2)[1]
        assert pickle.loads(pickle.dumps(part)) == part

    def test_a_dataset_is_partitioned_on_the_spot(self) -> None:
        small: Dataset = city.make_city(10_000, seed=7)
        expected = must_visit(small, as_of=AS_OF, horizon_days=30)
        assert sdask.must_visit(small, as_of=AS_OF, horizon_days=30, scheduler="sync") == expected
        statuses = sdask.sla_statuses(
            small, as_of=AS_OF, calendar=china_calendar(), scheduler="sync"
        )
        assert statuses == backlog(small, as_of=AS_OF, calendar=china_calendar()).statuses

    @pytest.mark.parametrize("bad", [0, -1, True, 1.5])
    def test_partition_size_is_a_positive_whole_number(self, bad: object) -> None:
        with pytest.raises(ValidationError, match="communities_per_partition"):
            sdask.partition_by_community(Dataset(), communities_per_partition=bad)  # type: ignore[arg-type]


class TestSameAnswers:
    """The rules on two worker processes give the single-process answers."""

    def test_must_visit_on_two_processes_equals_one(self, banner: Dataset, bag: object) -> None:
        expected = must_visit(banner, as_of=AS_OF)
        assert len(expected) > 1000
        assert sdask.must_visit(bag, as_of=AS_OF, **PROCESSES) == expected  # type: ignore[arg-type]

    def test_backlog_on_two_processes_equals_one(self, banner: Dataset, bag: object) -> None:
        calendar = china_calendar()
        expected = backlog(banner, as_of=AS_OF, calendar=calendar)
        got = sdask.backlog(bag, as_of=AS_OF, calendar=calendar, **PROCESSES)  # type: ignore[arg-type]
        assert got == expected
        assert got.statuses == expected.statuses
        assert {k: dict(v) for k, v in got.by_community.items()} == {
            k: dict(v) for k, v in expected.by_community.items()
        }
        assert expected.breached and expected.completed_in_period

    def test_scorecard_on_two_processes_equals_one(self, banner: Dataset, bag: object) -> None:
        calendar = china_calendar()
        policy = national_policy(AS_OF)
        expected = scorecard(banner, as_of=AS_OF, policy=policy, calendar=calendar)
        got = sdask.scorecard(bag, as_of=AS_OF, policy=policy, calendar=calendar, **PROCESSES)  # type: ignore[arg-type]
        assert list(got.communities) == list(expected.communities)
        assert got == expected
        assert got.banner == expected.banner
        assert got.findings == expected.findings
        assert got.table() == expected.table()

    def test_backlog_refuses_a_period_that_ends_before_it_begins(self) -> None:
        with pytest.raises(ValidationError, match="period"):
            sdask.backlog(
                Dataset(),
                as_of=AS_OF,
                calendar=china_calendar(),
                period=(AS_OF, AS_OF.replace(day=1)),
                scheduler="sync",
            )


class TestTurnOfTheYear:
    """Requests past the last notice: unjudged, not a failed computation, as in one process."""

    def test_backlog_lists_the_unjudged_as_one_process_does(self) -> None:
        strict = china_calendar()
        year = strict.confirmed_through
        ds = late_december(year)
        as_of = dt.date(year, 12, 31)
        for cal in (strict, china_calendar(provisional=True)):
            got = sdask.backlog(ds, as_of=as_of, calendar=cal, scheduler="sync")
            assert got == backlog(ds, as_of=as_of, calendar=cal)
            assert got.statuses == sdask.sla_statuses(
                ds, as_of=as_of, calendar=cal, scheduler="sync"
            )
        got = sdask.backlog(ds, as_of=as_of, calendar=strict, scheduler="sync")
        assert [u.request_id for u in got.unjudged] == ["R2", "R3"]
        card = sdask.scorecard(
            ds, as_of=as_of, policy=national_policy(as_of), calendar=strict, scheduler="sync"
        )
        assert card.banner.seven_zeros.unjudged == 2


class TestPickling:
    """What crosses to a worker process pickles and comes back equal."""

    def test_rule_inputs_and_results_pickle_and_compare_equal(self) -> None:
        ds = load_chayouqianqi()
        calendar = china_calendar()
        policy = seed_policy(SAMPLE_AS_OF)
        for thing in (
            ds,
            calendar,
            policy,
            national_policy(SAMPLE_AS_OF),
            DEFAULT_VISIT_POLICY,
            must_visit(ds, as_of=SAMPLE_AS_OF, horizon_days=7),
            visit_coverage(ds, start=dt.date(2017, 1, 1), end=SAMPLE_AS_OF),
            backlog(ds, as_of=SAMPLE_AS_OF, calendar=calendar),
            summary(ds, as_of=SAMPLE_AS_OF),
            scorecard(ds, as_of=SAMPLE_AS_OF, policy=policy, calendar=calendar),
        ):
            assert _again(thing) == thing, type(thing).__name__


# -- from a Parquet store --------------------------------------------------------------
# The same city saved as a store: the workers read it by community
# (``from_store``) and give the answers of one process on the loaded store, while the
# calling process holds almost nothing.


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory, banner: Dataset) -> Path:
    """The city saved as a Parquet store (the ``parquet`` extra)."""
    pytest.importorskip("pyarrow", reason="the parquet extra (the test extra installs it)")
    path = tmp_path_factory.mktemp("province") / "store"
    save_dataset(banner, path, format="parquet")
    return path


@pytest.fixture(scope="module")
def loaded(store: Path) -> Dataset:
    return load_dataset(store)


def _peak(run: Callable[[], Any]) -> tuple[Any, int]:
    """What ``run`` returns, and the most memory the calling process held meanwhile."""
    tracemalloc.start()
    try:
        out = run()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return out, peak


def test_the_workers_give_the_answers_of_one_process(
    store: Path, loaded: Dataset, banner: Dataset
) -> None:
    assert loaded == banner  # the store holds the city exactly
    calendar = china_calendar()
    bag = sdask.from_store(store, npartitions=4)
    assert sdask.must_visit(bag, as_of=AS_OF, **PROCESSES) == must_visit(loaded, as_of=AS_OF)
    got = sdask.backlog(bag, as_of=AS_OF, calendar=calendar, **PROCESSES)
    assert got == backlog(loaded, as_of=AS_OF, calendar=calendar)


def test_the_scorecard_from_disk_with_the_caller_holding_under_5_percent(
    tmp_path: Path,
) -> None:
    """Issue #22: a 100,000-resident city (20 communities) stored, and its scorecard
    computed by two worker processes reading the store, while the calling process holds
    under 5 % of what loading the whole store takes."""
    pytest.importorskip("pyarrow", reason="the parquet extra (the test extra installs it)")
    store = tmp_path / "store"
    save_dataset(city.make_city(100_000), store, format="parquet")
    loaded, whole = _peak(lambda: load_dataset(store))
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


def test_the_12345_rates_on_partitions_and_from_a_store_equal_one_process(
    tmp_path: Path,
) -> None:
    from shequ_core.policy import JINAN_2018, NATIONAL_2020
    from shequ_core.rules.hotline import hotline_rates, merge_rates

    sample = load_chayouqianqi()
    path = tmp_path / "store"
    save_dataset(sample, path, format="parquet")
    calendar = china_calendar()
    for profile in (NATIONAL_2020, JINAN_2018):
        args = {
            "start": dt.date(2014, 1, 1), "end": SAMPLE_AS_OF, "as_of": SAMPLE_AS_OF,
            "policy": profile, "calendar": calendar,
        }  # fmt: skip
        expected = hotline_rates(sample, **args)  # type: ignore[arg-type]
        assert expected.total.orders > 300
        bag = sdask.to_bag(sample, npartitions=3)
        assert sdask.hotline_rates(bag, scheduler="sync", **args) == expected  # type: ignore[arg-type]
        store_bag = sdask.from_store(path, communities_per_partition=3)
        assert sdask.hotline_rates(store_bag, scheduler="sync", **args) == expected  # type: ignore[arg-type]
        assert merge_rates(expected) == expected
    empty = sdask.hotline_rates(Dataset(), scheduler="sync", **args)  # type: ignore[arg-type]
    assert (empty.communities, empty.total.orders) == ((), 0)


def test_a_staff_member_in_a_team_of_another_community(tmp_path: Path) -> None:
    """A partition and a community read from a store carry every record their records
    refer to: here a team of the next community that a staff member belongs to (the
    partitions once followed a volunteer's team but not a staff member's)."""
    import attrs

    from shequ_core.io import load_communities

    sample = load_chayouqianqi()
    mine, other = (c.id for c in sample.communities[:2])
    team = next(t for t in sample.teams if t.community_id == other)
    staff = tuple(
        attrs.evolve(s, team_ids=s.team_ids | {team.id}) if s.community_id == mine else s
        for s in sample.staff
    )
    ds = sample.replace(staff=staff)
    first = sdask.partition_by_community(ds)[0]
    assert first.community_ids == (mine,) and team in first.dataset.teams
    save_dataset(ds, tmp_path / "s", format="parquet")
    assert team in load_communities(tmp_path / "s", [mine]).teams
    (part,) = sdask.from_store(tmp_path / "s", communities=[mine]).compute(scheduler="sync")
    assert part == first


def test_an_office_workbook_stored_and_read_by_community(tmp_path: Path) -> None:
    """An office's workbook (Chinese sheet names and headers, dates typed or as Excel
    dates, 男/女, roles as offices name them) of two communities, where a staff member
    of the second visits a resident of the first: stored, the first community read
    from the store carries the visitor, as the partition of the loaded workbook does."""
    pytest.importorskip("pyarrow", reason="the parquet extra (the test extra installs it)")
    from openpyxl import Workbook

    from shequ_core.io import load_communities

    book = Workbook()
    sheets = {
        "社区": [
            ["社区编号", "社区名称", "所属镇/街道", "社区类型", "户数", "人口数"],
            ["c1", "东风社区", "土贵乌拉镇", "普通社区", 1, 1],
            ["c2", "西湖社区", "土贵乌拉镇", "普通社区", 1, 1],
        ],
        "户": [
            ["户编号", "所属社区", "住址"],
            ["h1", "c1", "幸福路1号"],
            ["h2", "c2", "和平街2号"],
        ],
        "居民": [
            ["序号", "居民编号", "所属社区", "户号", "姓名", "性别", "出生年月"],
            [1, "r1", "c1", "h1", "张三", "男", "1952/5/6"],
            [2, "r2", "c2", "h2", "李四", "女", dt.datetime(1960, 3, 1)],
        ],
        "社区工作人员": [
            ["人员编号", "所属社区", "姓名", "职务", "身份类别"],
            ["s1", "c1", "王五", "网格员", "聘用社区专职"],
            ["s2", "c2", "赵六", "社区专干", "公益性岗位"],
        ],
        "走访": [
            ["走访编号", "居民编号", "走访人", "走访日期", "走访结果"],
            ["w1", "r1", "s2", "2017年11月3日", "见面"],
            ["w2", "r2", "s2", dt.datetime(2017, 12, 1), "未遇"],
        ],
    }
    for k, (title, rows) in enumerate(sheets.items()):
        sheet = book.active if k == 0 else book.create_sheet()
        assert sheet is not None
        sheet.title = title
        for row in rows:
            sheet.append(row)
    book.save(tmp_path / "台账.xlsx")
    ds = load_dataset(tmp_path / "台账.xlsx")
    assert [v.visited_on for v in ds.visits] == [dt.date(2017, 11, 3), dt.date(2017, 12, 1)]
    save_dataset(ds, tmp_path / "s", format="parquet")
    assert load_dataset(tmp_path / "s") == ds
    first = sdask.partition_by_community(ds)[0]
    assert [s.id for s in first.dataset.staff] == ["s1", "s2"]
    assert [v.id for v in first.dataset.visits] == ["w1"]
    assert load_communities(tmp_path / "s", ["c1"]) == first.dataset
    (part,) = sdask.from_store(tmp_path / "s", communities=["c1"]).compute(scheduler="sync")
    assert part == first


@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
@given(ds=sst.datasets(hostile=True))
def test_from_store_gives_the_partitions_of_any_dataset(
    tmp_path_factory: pytest.TempPathFactory, ds: Dataset
) -> None:
    """On the hostile datasets of the strategies (ids a folder name cannot hold, records
    that refer across communities), each community read by a worker from the store is
    the partition made from the dataset in memory."""
    pytest.importorskip("pyarrow", reason="the parquet extra (the test extra installs it)")
    path = tmp_path_factory.mktemp("store") / "s"
    save_dataset(ds, path, format="parquet")
    got = sdask.from_store(path, npartitions=2).compute(scheduler="sync")
    assert got == sdask.partition_by_community(ds)

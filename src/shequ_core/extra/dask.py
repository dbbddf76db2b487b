"""The rules at province scale on Dask: partition a dataset by community, run, combine.

A prefecture's data does not have to fit one core's patience. This module splits a
:class:`~shequ_core.entities.Dataset` into :class:`Partition` s, each a valid
sub-dataset for one or more *home* communities, puts them in a :class:`dask.bag.Bag`
(:func:`to_bag`), runs the ordinary pure rules on every partition, and combines the
pieces into exactly what the single-process rule returns, in the same order:

* :func:`must_visit` equals :func:`shequ_core.rules.visiting.must_visit`;
* :func:`sla_statuses` equals ``backlog(...).statuses`` (every request received by
  ``as_of``, by request id) and :func:`backlog` equals
  :func:`shequ_core.rules.sla.backlog`;
* :func:`scorecard` equals :func:`shequ_core.rules.assessment.scorecard`;
* :func:`hotline_rates` equals :func:`shequ_core.rules.hotline.hotline_rates`.

Each function takes a bag from :func:`to_bag` (or a Dataset, partitioned on the spot)
and computes it with ``dask.compute``: pass ``scheduler="processes"`` and
``num_workers=`` for local processes, or nothing to use the scheduler in effect (a
``distributed.Client`` a user has created becomes the default). Everything shipped to
a worker pickles: the records, :class:`~shequ_core.calendar.WorkCalendar`, the
policies; results come back as plain records and are assembled in the calling process.

How a partition stays reference-consistent: it holds the records its home communities
own (by ``community_id``; a visit belongs to its resident's community; a partner unit
to each community it serves, with ``community_ids`` narrowed to the partition's home
communities), every dispute case one of its residents is a party to, and, unchanged,
every record those refer to (a visitor from the next community, a party living
elsewhere, their households, grids, teams and communities). The rules are run on the
whole partition and only the home communities' results are kept, so a borrowed record
is read but never counted twice.

A province does not have to fit the calling process: saved as a Parquet store
(``save_dataset(dataset, path, format="parquet")``), :func:`from_store` gives a bag in
which each task reads its own communities' files and, by id, the records they refer to
elsewhere (:func:`shequ_core.io.load_communities`); the calling process reads the
store's manifest and the results, never the records.

Limitations: :func:`to_bag` partitions in the calling process, which then needs the
whole dataset in memory (a city's records fit: see ``docs/benchmarks.md``). Dask
DataFrames are not taken as input: the rules need records, not rows;
``Bag.to_dataframe`` turns the results into one.
"""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import attrs
import dask.bag as db
from dask.base import compute as _compute

from shequ_core.calendar import WorkCalendar, china_calendar
from shequ_core.entities import COLLECTIONS, REFERENCES, Community, Dataset, home_communities
from shequ_core.errors import Problem, ValidationError
from shequ_core.io import load_communities, store_communities
from shequ_core.policy import HotlineProfile, Policy
from shequ_core.rules import assessment as _assessment
from shequ_core.rules import hotline as _hotline
from shequ_core.rules import visiting as _visiting
from shequ_core.rules.sla import (
    BacklogReport,
    SlaStatus,
    UnjudgedRequest,
    judge_request,
    report_from_statuses,
)
from shequ_core.text import Lang

__all__ = [
    "Partition",
    "backlog",
    "from_store",
    "hotline_rates",
    "must_visit",
    "partition_by_community",
    "scorecard",
    "sla_statuses",
    "to_bag",
]

T = TypeVar("T")


@attrs.frozen
class Partition:
    """A reference-consistent sub-dataset and the communities whose results it gives.

    ``dataset`` may also hold records of other communities that the home communities'
    records refer to; results are kept for ``community_ids`` only.
    """

    community_ids: tuple[str, ...]
    dataset: Dataset


# -- partitioning ----------------------------------------------------------------------


class _Index:
    """Every record of a dataset by id, and who owns what, built once for all partitions."""

    def __init__(self, ds: Dataset) -> None:
        self.ds = ds
        targets = {t for ref in REFERENCES for t in ref.targets} | {"communities"}
        self.by_id: dict[str, dict[str, Any]] = {
            name: {r.id: r for r in getattr(ds, name)} for name in targets
        }
        homes = home_communities(ds)
        self.owned: dict[str, dict[str, list[Any]]] = {
            cid: {name: [r for _, r in homes.get(name, {}).get(cid, ())] for name in COLLECTIONS}
            for cid in self.by_id["communities"]
        }
        for u in ds.partner_units:
            for cid in sorted(u.community_ids):
                self.owned[cid]["partner_units"].append(u)
        # A dispute counts for the must-visit list of every resident who is a party.
        residents = self.by_id["residents"]
        for case in ds.dispute_cases:
            parties = {
                residents[p.resident_id].community_id
                for p in case.parties
                if p.resident_id is not None
            }
            for cid in sorted(parties - {case.community_id}):
                self.owned[cid]["dispute_cases"].append(case)


def _closure(index: _Index, homes: Sequence[str]) -> Dataset:
    """The records ``homes`` own, plus every record they refer to, transitively."""
    home = set(homes)
    picked: dict[str, dict[str, Any]] = {name: {} for name in COLLECTIONS}
    for cid in homes:
        for name, records in index.owned[cid].items():
            bucket = picked[name]
            for r in records:
                bucket[r.id] = r
    units = picked["partner_units"]
    for uid, u in units.items():
        if not u.community_ids <= home:
            units[uid] = attrs.evolve(u, community_ids=u.community_ids & home)

    fresh = {name: list(picked[name].values()) for name in COLLECTIONS}
    while any(fresh.values()):  # every record they refer to, and every record those do
        found: dict[str, list[Any]] = {name: [] for name in COLLECTIONS}
        for ref in REFERENCES:
            first, *others = ref.targets  # a visitor: staff, or else a volunteer
            for record in fresh[ref.collection]:
                for rid in ref.ids(record):
                    target = first if rid in index.by_id[first] else others[0]
                    if rid not in picked[target]:
                        picked[target][rid] = index.by_id[target][rid]
                        found[target].append(picked[target][rid])
        fresh = found
    communities: dict[str, Community] = picked["communities"]
    for name in COLLECTIONS:
        for r in picked[name].values():
            owner = getattr(r, "community_id", None)
            if owner is not None and owner not in communities:
                communities[owner] = index.by_id["communities"][owner]
    # Service items are few and refer to nothing: every partition gets them all.
    items = {i.id: i for i in index.ds.service_items}
    order = {c.id: k for k, c in enumerate(index.ds.communities)}
    picked["communities"] = {
        cid: communities[cid] for cid in sorted(communities, key=order.__getitem__)
    }
    picked["service_items"] = items
    return Dataset(**{name: tuple(picked[name].values()) for name in COLLECTIONS})


def partition_by_community(
    dataset: Dataset, *, communities_per_partition: int = 1
) -> list[Partition]:
    """``dataset`` split into reference-consistent partitions, in community order.

    Each partition has ``communities_per_partition`` consecutive communities of the
    dataset as its home (the last may have fewer); see the module docstring for what
    else it carries.
    """
    step = _per_partition(communities_per_partition)
    index = _Index(dataset)
    ids = [c.id for c in dataset.communities]
    return [
        Partition(
            community_ids=tuple(ids[k : k + step]), dataset=_closure(index, ids[k : k + step])
        )
        for k in range(0, len(ids), step)
    ]


def _per_partition(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        msg = "must be a whole number, 1 or more"
        problem = Problem("communities_per_partition", msg, "invalid_argument")
        raise ValidationError([problem], subject="partition_by_community")
    return value


def to_bag(
    data: Dataset | Sequence[Partition],
    *,
    npartitions: int | None = None,
    communities_per_partition: int = 1,
) -> db.Bag:
    """A Dask bag of :class:`Partition` s: of a dataset (see :func:`partition_by_community`)
    or of partitions made some other way (one file per community, say).

    ``npartitions`` is the number of Dask partitions (tasks per step); by default one
    per two of our partitions, at most 100. The bag's graph holds the partitions as they
    are: Dask does not hash them (which would cost as much as pickling them twice).
    """
    if isinstance(data, Dataset):
        parts = partition_by_community(data, communities_per_partition=communities_per_partition)
    else:
        parts = list(data)
    n = _npartitions(npartitions, len(parts))
    size, extra = divmod(len(parts), n)
    name = f"shequ-partitions-{uuid.uuid4().hex}"
    graph: dict[Any, Any] = {}
    start = 0
    for k in range(n):
        end = start + size + (1 if k < extra else 0)
        graph[name, k] = parts[start:end]
        start = end
    return db.Bag(graph, name, n)


def _npartitions(asked: int | None, parts: int) -> int:
    """Dask partitions for ``parts`` of ours: as asked, or one per two (at most 100);
    never more than there are parts, never none."""
    n = asked if asked is not None else min(100, parts // 2)
    return max(1, min(n, parts))


@attrs.frozen
class _StorePartition:
    """A task of :func:`from_store`: read these communities from the store, partition."""

    path: str

    def __call__(self, homes: tuple[str, ...]) -> Partition:
        dataset = load_communities(self.path, homes)
        return Partition(community_ids=homes, dataset=_closure(_Index(dataset), homes))


def from_store(
    path: str | os.PathLike[str],
    *,
    communities: Sequence[str] | None = None,
    communities_per_partition: int = 1,
    npartitions: int | None = None,
) -> db.Bag:
    """A Dask bag of :class:`Partition` s read from a Parquet store by the workers.

    Each task reads ``communities_per_partition`` communities (in the store's order) and
    the records they refer to in other communities, by id
    (:func:`shequ_core.io.load_communities`), and makes the same partition
    :func:`partition_by_community` would: the rules on the bag equal the rules on the
    loaded store. The calling process reads the manifest only. ``communities`` limits the
    bag to those communities (each result then covers them alone); ``npartitions`` is
    as in :func:`to_bag`.
    """
    ids = store_communities(path)
    if communities is not None:
        known = set(ids)
        wanted = list(dict.fromkeys(communities))
        problems = [
            Problem(("communities", k), "is not a community of the store", "invalid_argument")
            for k, cid in enumerate(wanted)
            if cid not in known
        ]
        if problems:
            raise ValidationError(problems, subject="from_store")
        chosen = set(wanted)
        ids = tuple(cid for cid in ids if cid in chosen)
    step = _per_partition(communities_per_partition)
    groups = [ids[k : k + step] for k in range(0, len(ids), step)]
    bag = db.from_sequence(groups, npartitions=_npartitions(npartitions, len(groups)))  # type: ignore[no-untyped-call]
    parts: db.Bag = bag.map(_StorePartition(os.fspath(path)))
    return parts


def _bag(data: db.Bag | Dataset) -> db.Bag:
    return to_bag(data) if isinstance(data, Dataset) else data


def _run(
    data: db.Bag | Dataset, per_partition: Callable[[Partition], T], compute: dict[str, Any]
) -> list[T]:
    bag = _bag(data).map(per_partition)  # type: ignore[no-untyped-call]
    (out,) = _compute(bag, **compute)  # type: ignore[no-untyped-call]
    return list(out)


# -- must_visit ------------------------------------------------------------------------


@attrs.frozen
class _MustVisit:
    as_of: dt.date
    policy: _visiting.VisitPolicy
    horizon_days: int

    def __call__(self, part: Partition) -> list[_visiting.DueVisit]:
        home = set(part.community_ids)
        due = _visiting.must_visit(
            part.dataset, as_of=self.as_of, policy=self.policy, horizon_days=self.horizon_days
        )
        return [d for d in due if d.community_id in home]


def must_visit(
    data: db.Bag | Dataset,
    *,
    as_of: dt.date,
    policy: _visiting.VisitPolicy = _visiting.DEFAULT_VISIT_POLICY,
    horizon_days: int = 0,
    **compute: Any,
) -> list[_visiting.DueVisit]:
    """:func:`shequ_core.rules.visiting.must_visit` over every partition, combined.

    The same list, in the same order, as the single-process rule on the whole dataset.
    ``compute`` goes to ``dask.compute`` (``scheduler=``, ``num_workers=``).
    """
    pieces = _run(data, _MustVisit(as_of, policy, horizon_days), compute)
    return _visiting.merge_due_visits(pieces)


# -- service requests ------------------------------------------------------------------


@attrs.frozen
class _Statuses:
    as_of: dt.date
    calendar: WorkCalendar

    def __call__(
        self, part: Partition
    ) -> tuple[tuple[str, ...], list[SlaStatus | UnjudgedRequest]]:
        home = set(part.community_ids)
        items = {i.id: i for i in part.dataset.service_items}
        judged = [
            judge_request(r, items[r.item_id], as_of=self.as_of, calendar=self.calendar)
            for r in part.dataset.service_requests
            if r.community_id in home and r.received_on <= self.as_of
        ]
        return part.community_ids, judged


def _statuses(
    data: db.Bag | Dataset, as_of: dt.date, calendar: WorkCalendar, compute: dict[str, Any]
) -> tuple[list[str], tuple[SlaStatus, ...], tuple[UnjudgedRequest, ...]]:
    """The statuses and the unjudged requests, each by request id."""
    pieces = _run(data, _Statuses(as_of, calendar), compute)
    communities = [cid for ids, _ in pieces for cid in ids]
    judged = sorted((s for _, part in pieces for s in part), key=_request_id)
    statuses = tuple(s for s in judged if isinstance(s, SlaStatus))
    unjudged = tuple(s for s in judged if isinstance(s, UnjudgedRequest))
    return communities, statuses, unjudged


def _request_id(s: SlaStatus | UnjudgedRequest) -> str:
    return s.request_id


def sla_statuses(
    data: db.Bag | Dataset, *, as_of: dt.date, calendar: WorkCalendar, **compute: Any
) -> tuple[SlaStatus, ...]:
    """:func:`~shequ_core.rules.sla.sla_status` of every request received by ``as_of``
    that the calendar can judge.

    By request id, as in :attr:`BacklogReport.statuses`; :func:`backlog` lists the
    others in ``unjudged``.
    """
    return _statuses(data, as_of, calendar, compute)[1]


def backlog(
    data: db.Bag | Dataset,
    *,
    as_of: dt.date,
    calendar: WorkCalendar,
    period: tuple[dt.date, dt.date] | None = None,
    **compute: Any,
) -> BacklogReport:
    """:func:`shequ_core.rules.sla.backlog`, with the statuses computed on the partitions."""
    communities, statuses, unjudged = _statuses(data, as_of, calendar, compute)
    return report_from_statuses(
        statuses, as_of=as_of, period=period, communities=communities, unjudged=unjudged
    )


# -- scorecard -------------------------------------------------------------------------


@attrs.frozen
class _Scorecard:
    as_of: dt.date
    policy: Policy
    calendar: WorkCalendar
    lang: Lang
    scoring: _assessment.ScoringPolicy
    visit_policy: _visiting.VisitPolicy

    def __call__(self, part: Partition) -> list[_assessment.CommunityScore]:
        scores = _assessment.community_scores(
            part.dataset,
            as_of=self.as_of,
            policy=self.policy,
            calendar=self.calendar,
            lang=self.lang,
            scoring=self.scoring,
            visit_policy=self.visit_policy,
            community_ids=part.community_ids,
        )
        return list(scores.values())


def scorecard(
    data: db.Bag | Dataset,
    *,
    as_of: dt.date,
    policy: Policy,
    calendar: WorkCalendar | None = None,
    lang: Lang = "zh",
    scoring: _assessment.ScoringPolicy = _assessment.DEFAULT_SCORING,
    visit_policy: _visiting.VisitPolicy = _visiting.DEFAULT_VISIT_POLICY,
    **compute: Any,
) -> _assessment.Scorecard:
    """:func:`shequ_core.rules.assessment.scorecard`, one partition's communities at a time.

    Communities come in dataset order and the banner's scores are the means over all of
    them, as in the single-process scorecard.
    """
    if lang not in ("zh", "en"):
        msg = f"must be 'zh' or 'en', got {lang!r}"
        raise ValidationError([Problem("lang", msg, "invalid_argument")], subject="scorecard")
    task = _Scorecard(
        as_of,
        policy,
        china_calendar() if calendar is None else calendar,
        lang,
        scoring,
        visit_policy,
    )
    pieces = _run(data, task, compute)
    scores = [cs for piece in pieces for cs in piece]
    return _assessment.assemble_scorecard(scores, as_of=as_of, policy=policy, lang=lang)


# -- the 12345 rates ---------------------------------------------------------------------


@attrs.frozen
class _Rates:
    start: dt.date
    end: dt.date
    as_of: dt.date
    policy: HotlineProfile
    calendar: WorkCalendar

    def __call__(self, part: Partition) -> _hotline.HotlineRates:
        home = set(part.community_ids)
        rates = _hotline.hotline_rates(
            part.dataset,
            start=self.start,
            end=self.end,
            as_of=self.as_of,
            policy=self.policy,
            calendar=self.calendar,
        )
        mine = {r.id for r in part.dataset.service_requests if r.community_id in home}
        return attrs.evolve(
            rates,
            communities=tuple(c for c in rates.communities if c.community_id in home),
            unjudged=tuple(u for u in rates.unjudged if u in mine),
        )


def hotline_rates(
    data: db.Bag | Dataset,
    *,
    start: dt.date,
    end: dt.date,
    as_of: dt.date,
    policy: HotlineProfile,
    calendar: WorkCalendar,
    **compute: Any,
) -> _hotline.HotlineRates:
    """:func:`shequ_core.rules.hotline.hotline_rates` on every partition, combined
    (:func:`~shequ_core.rules.hotline.merge_rates`): the same rates and counts as the
    single-process rule. A partition's orders are all its home communities' own."""
    task = _Rates(start, end, as_of, policy, calendar)
    pieces = _run(data, task, compute) or [task(Partition(community_ids=(), dataset=Dataset()))]
    return _hotline.merge_rates(*pieces)

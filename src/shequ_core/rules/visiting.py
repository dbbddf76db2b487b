"""Must-visit lists (四个必访): who is due a visit, when, why, and who goes.

References:
    * The seed's 平安家园 (safe home) obliges community workers to visit four groups
      (四个必访): 刑释解教人员 released prisoners, 纠纷家庭 families in a dispute,
      信访维稳对象 petitioners under watch, and the families of 不良青年 and 辍学学生
      (at-risk youth and school drop-outs); its 爱心家园 (caring home) adds 孤寡老人,
      空巢老人 and 困难家庭 (包联 pairing). See docs/explanation/sources.md.
    * **National law sets no visit frequency for the must-visit groups.** No national or
      provincial document defining 四个必访 was found, and none gives a frequency
      (searched for, not found). For 社区矫正对象 the
      社区矫正法 (2019-12-28, in force 2020-07-01) 第26条 has the agency verify by
      communications, information checks and on-site visits, at no fixed frequency.
      Their cadences in :data:`DEFAULT_VISIT_POLICY` (monthly, every 14 days at high
      risk, the first visit 7 days after a resident comes into scope, 30 days of 回访
      after a dispute closes) are therefore **local practice**, and say so in their basis.
    * **Elders in special difficulty** (独居、空巢、留守、失能、重残、计划生育特殊家庭) are
      visited monthly on a national basis: the 2022 guidance of 民政部 and nine other
      departments (《关于开展特殊困难老年人探访关爱服务的指导意见》, a normative document)
      sets a monthly visit rate of 100 % by the end of 2025. Provincial cadences (Inner
      Mongolia's weekly, monthly and quarterly tiers) are not shipped: their text was
      not found.
    * 安置帮教 lasts 5 years after release (刑满释放5年内): from provincial documents
      (Fujian's 分类帮教办法 第2条, consistent across the secondary sources seen, the
      document itself not read); the national base document (中办发〔2010〕5号) was
      not read.

How a visit falls due:
    A resident is in scope for a kind while an :class:`~shequ_core.entities.Attention` of
    that kind is active (``since <= as_of``, ``until`` open or ``>= as_of``) and the
    policy gives the kind a cadence. A party to a dispute case is in scope as
    ``DISPUTE_FAMILY`` from the case's ``received_on`` while it is open and through
    ``closed_on`` plus the follow-up window (that last day included), tagged or not. A
    released prisoner leaves scope on the fifth anniversary of ``since`` (the last day
    in scope is the day before; a 29 February release's last day is 27 February).

    The first visit for a kind is due one initial period after ``since``; after a
    visit that counts (outcome ``MET``, the kind among its ``reasons``; ``NOT_HOME`` and
    ``REFUSED`` are kept on record but do not reset the clock) the next is due one
    cadence later, never before that first due date. Months are added with
    relativedelta, so a visit on 31 January is next due on the last day of February.
    Only what was known on ``as_of`` counts: visits dated after it are ignored.

Limitations:
    * Several sources of one kind (two attentions, an attention and a dispute case)
      count as one: the earliest ``since`` among those active and the highest risk.
    * A dispute-derived scope has the policy's ``dispute_risk`` (default medium): a case
      carries no risk level of its own.
    * The 安置帮教 period after 社区矫正 ends (3 or 5 years, sources disagree) is not
      modelled: only ``RELEASED_PRISONER`` attentions are limited by the period.
    * Due dates are natural days; a due date on a rest day is not moved (a visit is not
      a legal time limit).
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

import attrs

from shequ_core.entities import (
    AttentionKind,
    Dataset,
    Resident,
    RiskLevel,
    VisitOutcome,
    masked_repr,
)
from shequ_core.errors import Problem, ValidationError
from shequ_core.policy import DEFAULT_VISIT_POLICY, Cadence, Interval, VisitPolicy

__all__ = [
    "DEFAULT_VISIT_POLICY",
    "PRIORITY_PER_RISK",
    "UNASSIGNED",
    "Cadence",
    "Coverage",
    "DueVisit",
    "Interval",
    "VisitPolicy",
    "assign_visits",
    "in_scope_kinds",
    "merge_due_visits",
    "must_visit",
    "visit_coverage",
]

#: The key under which :func:`assign_visits` puts what no one can take: the empty
#: string, which no staff id can be.
UNASSIGNED = ""
#: ``priority = PRIORITY_PER_RISK * risk.rank + len(reasons)``: risk dominates, then the
#: number of reasons (never more than there are kinds, fewer than 100).
PRIORITY_PER_RISK = 100

_MET = VisitOutcome.MET
_KIND_ORDER: dict[AttentionKind, int] = {k: i for i, k in enumerate(AttentionKind)}
_RISK_BY_RANK: dict[int, RiskLevel] = {r.rank: r for r in RiskLevel}


# -- results ---------------------------------------------------------------------------


@masked_repr
@attrs.frozen(kw_only=True)
class DueVisit:
    """One resident to visit: why, by when, and how urgent.

    ``reasons`` are the kinds due by the horizon, in :class:`AttentionKind` order;
    ``due_on`` is the earliest due date of the resident's kinds; ``last_visited_on`` is
    the last ``MET`` visit that counted for one of the ``reasons``. ``risk`` is the
    highest risk among the reasons, and ``priority`` is
    ``PRIORITY_PER_RISK * risk.rank + len(reasons)``: higher is more urgent.
    """

    resident_id: str
    household_id: str
    community_id: str
    grid_id: str | None
    reasons: tuple[AttentionKind, ...]
    due_on: dt.date
    last_visited_on: dt.date | None
    overdue_days: int
    risk: RiskLevel
    priority: int


@masked_repr
@attrs.frozen(kw_only=True)
class Coverage:
    """How many of a community's in-scope residents of one kind were met in a period.

    ``rate`` is ``visited / in_scope``, and 1.0 when no one was in scope (nothing was
    owed), so it is defined for every community.
    """

    community_id: str
    kind: AttentionKind
    visited: int
    in_scope: int

    @property
    def rate(self) -> float:
        """``visited / in_scope``; 1.0 when no one was in scope, so nothing was owed."""
        return self.visited / self.in_scope if self.in_scope else 1.0


# -- scope -----------------------------------------------------------------------------

# A window in which a resident is in scope for a kind: (kind, first day, last day or
# None for open-ended, risk rank).
_Window = tuple[AttentionKind, dt.date, "dt.date | None", int]


def _attention_windows(
    resident: Resident,
    cadences: Mapping[AttentionKind, Cadence],
    resettlement_end: Callable[[dt.date], dt.date] | None,
) -> Iterator[_Window]:
    released = AttentionKind.RELEASED_PRISONER
    for a in resident.attentions:
        kind = a.kind
        if kind not in cadences:
            continue
        last = a.until
        if kind is released and resettlement_end is not None:
            end = resettlement_end(a.since)
            if last is None or end < last:
                last = end
        yield kind, a.since, last, a.risk.rank


def _dispute_windows(dataset: Dataset, policy: VisitPolicy) -> dict[str, list[_Window]]:
    kind = AttentionKind.DISPUTE_FAMILY
    if kind not in policy.cadences:
        return {}
    follow_up = policy.dispute_follow_up.adder()
    rank = policy.dispute_risk.rank
    out: dict[str, list[_Window]] = {}
    for case in dataset.dispute_cases:
        last = None if case.closed_on is None else follow_up(case.closed_on)
        for party in case.parties:
            if party.resident_id is not None:
                out.setdefault(party.resident_id, []).append((kind, case.received_on, last, rank))
    return out


def _resettlement_end(policy: VisitPolicy) -> Callable[[dt.date], dt.date] | None:
    """The last day in scope of a release on ``since``: the day before the anniversary."""
    if policy.resettlement_period is None:
        return None
    add = policy.resettlement_period.adder()
    one = dt.timedelta(days=1)
    return lambda since: add(since) - one


def _windows_of(dataset: Dataset, policy: VisitPolicy) -> Iterator[tuple[Resident, list[_Window]]]:
    """Every resident with a window of scope, in dataset order.

    Reads only :attr:`Dataset.watched_residents`: no one else has an attention or a case.
    """
    cadences = policy.cadences
    disputes = _dispute_windows(dataset, policy)
    resettlement_end = _resettlement_end(policy)
    for r in dataset.watched_residents:
        windows = list(_attention_windows(r, cadences, resettlement_end))
        if disputes:
            windows.extend(disputes.get(r.id, ()))
        if windows:
            yield r, windows


def _active(windows: Iterable[_Window], on: dt.date) -> dict[AttentionKind, list[Any]]:
    """Kind -> [earliest since, highest risk rank, None] over the windows active on ``on``.

    The last slot is for the last counting visit, filled in by :func:`_record_last_met`.
    """
    kinds: dict[AttentionKind, list[Any]] = {}
    for kind, since, last, rank in windows:
        if since <= on and (last is None or on <= last):
            cur = kinds.get(kind)
            if cur is None:
                kinds[kind] = [since, rank, None]
            else:
                if since < cur[0]:
                    cur[0] = since
                if rank > cur[1]:
                    cur[1] = rank
    return kinds


def in_scope_kinds(
    dataset: Dataset, *, as_of: dt.date, policy: VisitPolicy = DEFAULT_VISIT_POLICY
) -> dict[str, frozenset[AttentionKind]]:
    """Resident id -> the kinds each resident is in scope for on ``as_of`` (due or not)."""
    out: dict[str, frozenset[AttentionKind]] = {}
    for r, windows in _windows_of(dataset, policy):
        kinds = _active(windows, as_of)
        if kinds:
            out[r.id] = frozenset(kinds)
    return out


def _record_last_met(
    dataset: Dataset, scope: Mapping[str, Mapping[AttentionKind, list[Any]]], as_of: dt.date
) -> None:
    """Store in each scope entry (slot 2) the last ``MET`` visit for it up to ``as_of``.

    Reads only the visits of the residents in scope (:attr:`Dataset.watched_visits`),
    latest first, up to the last one that each kind needs.
    """
    met = _MET
    watched = dataset.watched_visits
    for rid, kinds in scope.items():
        missing = len(kinds)
        for v in reversed(watched.get(rid, ())):
            day = v.visited_on
            if day > as_of or v.outcome is not met:
                continue
            for kind in v.reasons:
                entry = kinds.get(kind)
                if entry is not None and entry[2] is None:
                    entry[2] = day
                    missing -= 1
            if not missing:
                break


# -- the rule --------------------------------------------------------------------------


def _sort_key(d: DueVisit) -> tuple[int, int, str]:
    return (-d.overdue_days, -d.priority, d.resident_id)


def merge_due_visits(pieces: Iterable[Iterable[DueVisit]]) -> list[DueVisit]:
    """Lists of due visits of different residents as one list in :func:`must_visit`'s order.

    :func:`must_visit` run on parts of a dataset that split its residents (one partition
    of communities at a time) and merged gives what it gives on the whole dataset.
    """
    out = [d for piece in pieces for d in piece]
    out.sort(key=_sort_key)
    return out


def must_visit(
    dataset: Dataset,
    *,
    as_of: dt.date,
    policy: VisitPolicy = DEFAULT_VISIT_POLICY,
    horizon_days: int = 0,
) -> list[DueVisit]:
    """Every resident due a visit on ``as_of`` or within ``horizon_days`` after it.

    One item per resident, most overdue first, then by priority (high risk and more
    reasons first), then by resident id. Visits dated after ``as_of`` are ignored, so
    the list for a past day is what was known that day. Reads only the residents with an
    attention or a dispute and their visits (:attr:`Dataset.watched_residents`), plus a
    sort of the result: its time grows with them, not with the whole dataset.
    """
    if not isinstance(horizon_days, int) or isinstance(horizon_days, bool) or horizon_days < 0:
        msg = "must be a whole number of days, 0 or more"
        raise ValidationError(
            [Problem("horizon_days", msg, "invalid_argument")], subject="must_visit"
        )
    until = as_of + dt.timedelta(days=horizon_days)

    scope: dict[str, dict[AttentionKind, list[Any]]] = {}
    residents: dict[str, Resident] = {}
    for r, windows in _windows_of(dataset, policy):
        kinds = _active(windows, as_of)
        if kinds:
            scope[r.id] = kinds
            residents[r.id] = r
    if not scope:
        return []
    _record_last_met(dataset, scope, as_of)
    homes = dataset.watched_households

    first_due = policy.initial.adder()
    cadence_add: dict[tuple[AttentionKind, int], Callable[[dt.date], dt.date]] = {}
    for kind, cadence in policy.cadences.items():
        for risk in RiskLevel:
            cadence_add[kind, risk.rank] = cadence.for_risk(risk).adder()

    out: list[DueVisit] = []
    for rid, kinds in scope.items():
        due_on: dt.date | None = None
        reasons: list[AttentionKind] = []
        rank = 0
        last_visited: dt.date | None = None
        for kind, (since, kind_rank, visited) in kinds.items():
            due = first_due(since)
            if visited is not None:
                nxt = cadence_add[kind, kind_rank](visited)
                if nxt > due:
                    due = nxt
            if due_on is None or due < due_on:
                due_on = due
            if due <= until:
                reasons.append(kind)
                rank = max(rank, kind_rank)
                if visited is not None and (last_visited is None or visited > last_visited):
                    last_visited = visited
        if not reasons or due_on is None:
            continue
        reasons.sort(key=_KIND_ORDER.__getitem__)
        r = residents[rid]
        out.append(
            DueVisit(
                resident_id=rid,
                household_id=r.household_id,
                community_id=r.community_id,
                grid_id=homes[r.household_id].grid_id,
                reasons=tuple(reasons),
                due_on=due_on,
                last_visited_on=last_visited,
                overdue_days=max(0, (as_of - due_on).days),
                risk=_RISK_BY_RANK[rank],
                priority=PRIORITY_PER_RISK * rank + len(reasons),
            )
        )
    out.sort(key=_sort_key)
    return out


# -- who goes --------------------------------------------------------------------------


def assign_visits(
    due: Iterable[DueVisit], dataset: Dataset, *, max_per_worker: int | None = None
) -> dict[str, list[DueVisit]]:
    """Staff id -> the visits they make; what no one can take is under :data:`UNASSIGNED`.

    Each visit goes to its grid's worker (``Grid.worker_id``). Those without one, or
    beyond a worker's ``max_per_worker``, are spread over the other staff of the
    visit's community, least loaded first (ties by staff id). Each list keeps the order
    of ``due`` (most urgent first, as :func:`must_visit` returns it), so a capacity cuts
    off the least urgent. Nothing is dropped; only staff with visits appear as keys.
    """
    if max_per_worker is not None and (
        not isinstance(max_per_worker, int)
        or isinstance(max_per_worker, bool)
        or max_per_worker < 0
    ):
        msg = "must be None or a whole number, 0 or more"
        raise ValidationError(
            [Problem("max_per_worker", msg, "invalid_argument")], subject="assign_visits"
        )
    cap = max_per_worker
    worker_of = {g.id: g.worker_id for g in dataset.grids}
    load: dict[str, int] = {}
    placed: dict[str, list[tuple[int, DueVisit]]] = {}
    rest: list[tuple[int, DueVisit]] = []
    for i, d in enumerate(due):
        worker = worker_of.get(d.grid_id) if d.grid_id is not None else None
        if worker is not None and (cap is None or load.get(worker, 0) < cap):
            load[worker] = load.get(worker, 0) + 1
            placed.setdefault(worker, []).append((i, d))
        else:
            rest.append((i, d))

    if rest:
        staff_of: dict[str, list[str]] = {}
        for s in dataset.staff:
            staff_of.setdefault(s.community_id, []).append(s.id)
        heaps: dict[str, list[tuple[int, str]]] = {}
        for i, d in rest:
            heap = heaps.get(d.community_id)
            if heap is None:
                heap = [(load.get(s, 0), s) for s in staff_of.get(d.community_id, ())]
                heapq.heapify(heap)
                heaps[d.community_id] = heap
            taker = _least_loaded(heap, cap)
            placed.setdefault(UNASSIGNED if taker is None else taker, []).append((i, d))

    return {who: [d for _, d in sorted(items, key=_first)] for who, items in placed.items()}


def _first(item: tuple[int, DueVisit]) -> int:
    return item[0]


def _least_loaded(heap: list[tuple[int, str]], cap: int | None) -> str | None:
    """Pop the least-loaded staff member with room, count one more, and push them back.

    Each member sits in one community's heap, built once the grid workers have their
    visits, so its counts are current; a member at ``cap`` is dropped for good.
    A visit's own grid worker needs no exclusion: it reaches here only when they are full.
    """
    while heap:
        n, s = heapq.heappop(heap)
        if cap is not None and n >= cap:
            continue
        heapq.heappush(heap, (n + 1, s))
        return s
    return None


# -- coverage --------------------------------------------------------------------------


def visit_coverage(
    dataset: Dataset,
    *,
    start: dt.date,
    end: dt.date,
    policy: VisitPolicy = DEFAULT_VISIT_POLICY,
) -> list[Coverage]:
    """Per community and kind: residents met at least once from ``start`` to ``end``.

    A resident counts for a kind when in scope on at least one day of the period; they
    were visited when a ``MET`` visit in the period (both ends included) has the kind
    among its reasons. One row for every community and every kind the policy covers,
    empty ones included, by community id and kind.
    """
    if end < start:
        msg = "must not be before start"
        raise ValidationError([Problem("end", msg, "invalid_argument")], subject="visit_coverage")
    scope: dict[str, tuple[str, frozenset[AttentionKind]]] = {}
    for r, windows in _windows_of(dataset, policy):
        kinds = frozenset(
            kind
            for kind, since, last, _ in windows
            if since <= end and (last is None or start <= last)
        )
        if kinds:
            scope[r.id] = (r.community_id, kinds)

    met: set[tuple[str, AttentionKind]] = set()
    watched = dataset.watched_visits
    for rid, (_, scope_kinds) in scope.items():
        for v in watched.get(rid, ()):
            if v.outcome is _MET and start <= v.visited_on <= end:
                met.update((rid, kind) for kind in v.reasons & scope_kinds)

    counts: dict[tuple[str, AttentionKind], list[int]] = {
        (c.id, kind): [0, 0] for c in dataset.communities for kind in policy.cadences
    }
    for rid, (cid, kinds) in scope.items():
        for kind in kinds:
            row = counts[cid, kind]
            row[1] += 1
            if (rid, kind) in met:
                row[0] += 1
    return [
        Coverage(community_id=cid, kind=kind, visited=v, in_scope=n)
        for (cid, kind), (v, n) in sorted(
            counts.items(), key=lambda item: (item[0][0], _KIND_ORDER[item[0][1]])
        )
    ]

"""The backlog (零积压): open requests by stage and community, and the on-time share."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

import attrs

from shequ_core.calendar import WorkCalendar
from shequ_core.entities import Dataset
from shequ_core.errors import Problem, ValidationError
from shequ_core.frozenmap import FrozenMap
from shequ_core.policy import DEFAULT_SLA_POLICY, SlaPolicy
from shequ_core.rules._findings import check_lang
from shequ_core.rules._views import as_frame, plotted
from shequ_core.rules.sla._status import SlaStage, SlaStatus, UnjudgedRequest, judge_request
from shequ_core.rules.sla._text import amount
from shequ_core.text import Lang, mask_personal

__all__ = ["OPEN_STAGES", "BacklogReport", "backlog", "report_from_statuses"]

#: The stages of a request still to be done, in the order reports show them.
OPEN_STAGES: tuple[SlaStage, ...] = (SlaStage.RUNNING, SlaStage.PAUSED, SlaStage.BREACHED)


@attrs.frozen(kw_only=True, repr=False)
class BacklogReport:
    """The state of a dataset's service requests on ``as_of``.

    Only requests received on or before ``as_of`` are in it. ``by_stage`` counts the
    open ones per open stage; ``by_community`` does the same for every community of the
    dataset (zeros included, so a community with no backlog shows as such).
    ``breached`` is oldest first: by due date, then request id. ``on_time_share`` is
    the share of the requests completed within ``period`` (and by ``as_of``) that were
    completed on time; None when none were completed.

    ``unjudged`` lists, apart from every other figure, the requests the calendar cannot
    judge (stage :attr:`SlaStage.UNJUDGED`, each with its reason): with a strict
    calendar, those whose deadline needs a year with no notice yet. ``provisional``
    counts the judged ones that rest on estimated days (``SlaStatus.provisional``).
    """

    as_of: date
    period: tuple[date, date]
    statuses: tuple[SlaStatus, ...]
    open_requests: tuple[SlaStatus, ...]
    breached: tuple[SlaStatus, ...]
    by_stage: Mapping[SlaStage, int]
    by_community: Mapping[str, Mapping[SlaStage, int]]
    completed_in_period: int
    met_in_period: int
    on_time_share: float | None
    unjudged: tuple[UnjudgedRequest, ...] = ()
    provisional: int = 0

    @property
    def is_zero_backlog(self) -> bool:
        """零积压: no request is past its deadline."""
        return not self.breached

    def __repr__(self) -> str:
        # The statuses run to thousands; a repr that prints them all helps nobody.
        return (
            f"BacklogReport(as_of={self.as_of.isoformat()}, requests={len(self.statuses)}, "
            f"open={len(self.open_requests)}, breached={len(self.breached)}, "
            f"on_time_share={self.on_time_share}{self._apart()})"
        )

    def _apart(self) -> str:
        # Shown only when there are some, as a report without them always read.
        unjudged = f", unjudged={len(self.unjudged)}" if self.unjudged else ""
        provisional = f", provisional={self.provisional}" if self.provisional else ""
        return unjudged + provisional

    def summary(self, lang: str = "zh") -> str:
        """A few lines for a report: open requests by stage, the breached ones, on time."""
        zh = check_lang(lang, subject="BacklogReport.summary") == "zh"
        stages = ", ".join(
            f"{stage.label(lang)} {self.by_stage.get(stage, 0)}" for stage in OPEN_STAGES
        )
        first, last = self.period
        share = "-" if self.on_time_share is None else f"{self.on_time_share:.0%}"
        lines = [
            (f"在办工单 {len(self.open_requests)} 件：{stages}" if zh
             else f"{len(self.open_requests)} open requests: {stages}"),
            (f"{first}至{last}办结 {self.completed_in_period} 件，按期 "
             f"{self.met_in_period} 件（按期率 {share}）" if zh
             else f"completed {first} to {last}: {self.completed_in_period}, on time "
             f"{self.met_in_period} ({share})"),
        ]  # fmt: skip
        if self.unjudged:
            reasons = sorted({u.reason(lang) for u in self.unjudged})
            why = "；".join(reasons) if zh else "; ".join(reasons)
            n = len(self.unjudged)
            lines.append(f"无法判定 {n} 件：{why}" if zh else f"{n} not judged: {why}")
            lines.extend(
                f"  无法判定：{u.request_id}（{u.community_id}），受理 {u.received_on}"
                if zh
                else f"  not judged: {u.request_id} ({u.community_id}), received {u.received_on}"
                for u in self.unjudged
            )
        if self.provisional:
            n = self.provisional
            lines.append(
                f"其中 {n} 件的期限为预计（放假安排尚未公布）"
                if zh
                else f"{n} judged on estimated days (no official notice yet)"
            )
        if self.is_zero_backlog:
            lines.append("零积压：无超期未办结工单" if zh else "zero backlog: nothing overdue")
        for s in self.breached:
            over = amount(-s.remaining, s.deadline.limit.unit, lang)
            lines.append(
                f"  超期：{s.request_id}（{s.community_id}），期限 {s.due_on}，已超 {over}"
                if zh
                else f"  overdue: {s.request_id} ({s.community_id}), due {s.due_on}, {over} over"
            )
        return "\n".join(map(mask_personal, lines))  # a request's id can be a number

    def to_frame(self, *, lang: Lang | None = None, reveal: bool = False) -> Any:
        """This result as a pandas DataFrame (the ``pandas`` extra): see
        :func:`shequ_core.extra.pandas.to_frame` for its columns."""
        return as_frame(self, lang=lang, reveal=reveal)

    def plot(self, **options: Any) -> Any:
        """Draw this backlog (the ``plot`` extra):
        :func:`shequ_core.extra.plots.plot_backlog` with ``options``."""
        return plotted("plot_backlog", self, options)


def backlog(
    dataset: Dataset,
    *,
    as_of: date,
    calendar: WorkCalendar,
    period: tuple[date, date] | None = None,
    policy: SlaPolicy = DEFAULT_SLA_POLICY,
) -> BacklogReport:
    """The backlog of ``dataset`` on ``as_of``: see :class:`BacklogReport`.

    ``period`` is ``(first, last)``, both days included; by default the calendar year
    of ``as_of`` up to ``as_of``. A completion after ``as_of`` is not known yet and is
    not counted, whatever the period. Every request is judged by :func:`sla_status`
    with the warning points of ``policy``; one the calendar cannot judge is listed in
    ``unjudged`` with its reason (:func:`judge_request`) instead of stopping the report.
    """
    items = {item.id: item for item in dataset.service_items}
    judged = [
        judge_request(r, items[r.item_id], as_of=as_of, calendar=calendar, policy=policy)
        for r in sorted(dataset.service_requests, key=lambda r: r.id)
        if r.received_on <= as_of
    ]
    return report_from_statuses(
        tuple(s for s in judged if isinstance(s, SlaStatus)),
        as_of=as_of,
        period=period,
        communities=(c.id for c in dataset.communities),
        unjudged=tuple(s for s in judged if isinstance(s, UnjudgedRequest)),
    )


def report_from_statuses(
    statuses: tuple[SlaStatus, ...],
    *,
    as_of: date,
    period: tuple[date, date] | None = None,
    communities: Iterable[str] = (),
    unjudged: Iterable[UnjudgedRequest] = (),
) -> BacklogReport:
    """The :class:`BacklogReport` of statuses already judged (in request-id order), for
    callers that judge the requests elsewhere, on Dask partitions say. ``communities``
    are listed in ``by_community`` even with nothing open; ``unjudged`` are the requests
    the calendar could not judge."""
    apart: tuple[UnjudgedRequest, ...] = tuple(sorted(unjudged, key=lambda u: u.request_id))
    if period is None:
        period = (date(as_of.year, 1, 1), as_of)
    first, last = period
    if last < first:
        problem = Problem("period", f"ends ({last}) before it begins ({first})", "invalid_argument")
        raise ValidationError([problem], subject="backlog")
    open_requests = tuple(
        sorted((s for s in statuses if s.is_open), key=lambda s: (s.due_on, s.request_id))
    )
    breached = tuple(s for s in open_requests if s.stage is SlaStage.BREACHED)

    by_community: dict[str, dict[SlaStage, int]] = {
        cid: dict.fromkeys(OPEN_STAGES, 0)
        for cid in sorted(
            set(communities) | {s.community_id for s in statuses} | {u.community_id for u in apart}
        )
    }
    by_stage = dict.fromkeys(OPEN_STAGES, 0)
    for s in open_requests:
        by_stage[s.stage] += 1
        by_community[s.community_id][s.stage] += 1

    completed = [
        s
        for s in statuses
        if s.stage in (SlaStage.MET, SlaStage.MET_LATE)
        and s.closed_on is not None
        and first <= s.closed_on <= last
    ]
    met = sum(1 for s in completed if s.stage is SlaStage.MET)
    return BacklogReport(
        as_of=as_of,
        period=(first, last),
        statuses=statuses,
        open_requests=open_requests,
        breached=breached,
        by_stage=FrozenMap(by_stage),
        by_community=FrozenMap({cid: FrozenMap(counts) for cid, counts in by_community.items()}),
        completed_in_period=len(completed),
        met_in_period=met,
        on_time_share=met / len(completed) if completed else None,
        unjudged=apart,
        provisional=sum(1 for s in statuses if s.provisional),
    )

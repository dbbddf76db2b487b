"""What the report says, gathered from the rules' results: plain rows and figures, in
one language, every text masked, before any template or chart sees them.

Nothing here imports Jinja2 or matplotlib: :func:`build_report` runs the rules
(summary, scorecard, every registered rule, the must-visit list, the backlog) and keeps
what each section shows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from shequ_core.calendar import WorkCalendar, china_calendar
from shequ_core.entities import AttentionKind, Dataset
from shequ_core.errors import Problem, ValidationError
from shequ_core.policy import (
    DEFAULT_SCORING,
    DEFAULT_SLA_POLICY,
    DEFAULT_VISIT_POLICY,
    Policy,
    ScoringPolicy,
    SlaPolicy,
    VisitPolicy,
    national_policy,
)
from shequ_core.rules import RULES, Finding, Severity, check_dataset
from shequ_core.rules.assessment import Dimension, scorecard, summary
from shequ_core.rules.sla import OPEN_STAGES, backlog
from shequ_core.rules.visiting import DueVisit, must_visit
from shequ_core.text import Lang, mask_personal

__all__ = ["Measure", "Report", "build_report"]

#: How many rows a long list shows before it says how many more there are.
LIST_LIMIT = 100
#: How many of the oldest breached requests the backlog section lists.
OLDEST_BREACHES = 10


def _masked(value: object) -> str:
    """A cell as the report shows it: text, with every personal number masked."""
    if value is None:
        return "–"
    return mask_personal(str(value))


@attrs.frozen(kw_only=True)
class Measure:
    """One scorecard measure: its label, the banner's score, and each community's."""

    key: str
    label: str
    group: str
    banner: int | None
    scores: tuple[tuple[str, int | None], ...]
    explanation: str


@attrs.frozen(kw_only=True)
class Report:
    """Everything the report page shows, in ``lang``, already masked.

    ``unjudged`` and ``provisional`` count the requests the calendar could not judge
    and those judged on estimated days (as ``shequ sla`` counts them).
    """

    lang: Lang
    as_of: dt.date
    policy_name: str
    calendar_note: str
    tiles: tuple[tuple[str, str, str], ...]
    summary_rows: tuple[tuple[str, str, str | None], ...]
    has_article: bool
    card_headers: tuple[str, ...]
    card_rows: tuple[tuple[str, ...], ...]
    measures: tuple[Measure, ...]
    horizon_days: int
    visits_total: int
    visits_overdue: int
    visit_groups: tuple[tuple[str, tuple[int, int, int]], ...]
    visit_communities: tuple[tuple[str, tuple[int, int, int]], ...]
    visit_rows: tuple[tuple[str, ...], ...]
    visits_more: int
    stages: tuple[str, ...]
    stage_counts: tuple[int, ...]
    backlog_rows: tuple[tuple[str, tuple[int, ...]], ...]
    backlog_lines: tuple[str, ...]
    breaches: tuple[tuple[str, ...], ...]
    breached_total: int
    findings: tuple[tuple[str, str, tuple[tuple[str, ...], ...]], ...]
    unjudged: int
    unjudged_rows: tuple[tuple[str, ...], ...]
    unjudged_reasons: tuple[str, ...]
    provisional: int


def build_report(
    dataset: Dataset,
    *,
    as_of: dt.date,
    policy: Policy | None = None,
    calendar: WorkCalendar | None = None,
    lang: str = "zh",
    visit_policy: VisitPolicy = DEFAULT_VISIT_POLICY,
    scoring: ScoringPolicy = DEFAULT_SCORING,
    sla_policy: SlaPolicy = DEFAULT_SLA_POLICY,
    horizon_days: int = 7,
    article: Mapping[str, float] | None = None,
) -> Report:
    """What the page of ``dataset`` on ``as_of`` shows (see :func:`render_report` for
    the arguments), every figure computed and every text masked, before any template.

    ``lang`` other than ``"zh"`` or ``"en"`` is refused with a ValidationError.
    """
    if lang != "zh" and lang != "en":
        msg = f"must be 'zh' or 'en', got {lang!r}"
        raise ValidationError([Problem("lang", msg, "invalid_argument")], subject="render_report")
    language: Lang = "zh" if lang == "zh" else "en"
    policy = national_policy(as_of) if policy is None else policy
    cal = china_calendar() if calendar is None else calendar
    z = _Say(language)
    names = {c.id: c.name for c in dataset.communities}

    card = scorecard(
        dataset,
        as_of=as_of,
        policy=policy,
        calendar=cal,
        lang=language,
        scoring=scoring,
        visit_policy=visit_policy,
    )
    headers, rows = card.table_rows(language)
    measures = tuple(
        Measure(
            key=d.value,
            label=d.label(language),
            group=d.group if language == "zh" else _GROUP_EN[d.group],
            banner=card.banner.score(d),
            scores=tuple((_masked(c.name), c.score(d)) for c in card.communities.values()),
            explanation=_masked(card.banner[d].explanation),
        )
        for d in Dimension
    )

    due = must_visit(dataset, as_of=as_of, policy=visit_policy, horizon_days=horizon_days)
    report = backlog(dataset, as_of=as_of, calendar=cal, policy=sla_policy)
    everything = list(check_dataset(dataset, as_of=as_of, policy=policy, lang=language))
    found = list(dict.fromkeys([*everything, *card.findings]))
    violations = sum(1 for f in found if f.severity is Severity.VIOLATION)
    overdue = sum(1 for d in due if d.overdue_days > 0)
    share = report.on_time_share

    return Report(
        lang=language,
        as_of=as_of,
        policy_name=_masked(policy.name),
        calendar_note=z(
            f"放假安排确认至{cal.confirmed_through}年",
            f"official holiday notices through {cal.confirmed_through}",
        ),
        tiles=(
            (z("社区", "communities"), str(len(dataset.communities)), "plain"),
            (z("社区工作人员", "staff"), str(len(dataset.staff)), "plain"),
            (z("违反规定", "violations"), str(violations), "bad" if violations else "good"),
            (z("逾期未访", "visits overdue"), str(overdue), "bad" if overdue else "good"),
            (
                z("超期工单", "requests overdue"),
                str(len(report.breached)),
                "bad" if report.breached else "good",
            ),
            (z("按期办结率", "on time"), "–" if share is None else f"{share:.0%}", "plain"),
        ),
        summary_rows=_summary_rows(dataset, as_of, language, article),
        has_article=article is not None,
        card_headers=tuple(headers),
        card_rows=tuple(tuple(_masked(v) for v in row) for row in rows),
        measures=measures,
        horizon_days=horizon_days,
        visits_total=len(due),
        visits_overdue=overdue,
        visit_groups=_visit_groups(due, as_of, language),
        visit_communities=_visit_communities(due, as_of, names),
        visit_rows=tuple(_visit_row(d, names, language) for d in due[:LIST_LIMIT]),
        visits_more=max(0, len(due) - LIST_LIMIT),
        stages=tuple(s.label(language) for s in OPEN_STAGES),
        stage_counts=tuple(report.by_stage.get(s, 0) for s in OPEN_STAGES),
        backlog_rows=tuple(
            (_masked(names.get(cid, cid)), tuple(counts.get(s, 0) for s in OPEN_STAGES))
            for cid, counts in report.by_community.items()
        ),
        backlog_lines=tuple(
            line for line in report.summary(language).split("\n") if not line.startswith("  ")
        ),
        breaches=tuple(
            tuple(
                _masked(v)
                for v in (
                    s.request_id,
                    names.get(s.community_id, s.community_id),
                    s.received_on,
                    s.due_on,
                    -s.remaining,
                    s.deadline.limit.unit.label(language),
                )
            )
            for s in report.breached[:OLDEST_BREACHES]
        ),
        breached_total=len(report.breached),
        findings=_findings(found, names, language),
        unjudged=len(report.unjudged),
        unjudged_rows=tuple(
            tuple(_masked(v) for v in (u.request_id, names.get(u.community_id), u.received_on))
            for u in report.unjudged[:LIST_LIMIT]
        ),
        unjudged_reasons=tuple(sorted({_masked(u.reason(language)) for u in report.unjudged})),
        provisional=report.provisional,
    )


_GROUP_EN = {"三有四化": "management model", "六园一港": "service goals"}


class _Say:
    def __init__(self, lang: Lang) -> None:
        self.lang = lang

    def __call__(self, zh: str, en: str) -> str:
        return zh if self.lang == "zh" else en


def _summary_rows(
    dataset: Dataset, as_of: dt.date, lang: Lang, article: Mapping[str, float] | None
) -> tuple[tuple[str, str, str | None], ...]:
    """The banner's figures (:class:`BannerSummary`), each beside the article's."""
    s = summary(dataset, as_of=as_of)
    names = [a.name for a in attrs.fields(type(s))]
    out = []
    for name, (label, value) in zip(names, s.rows(lang), strict=True):
        if name == "as_of":
            continue
        theirs = None
        if article is not None and name in article:
            figure = article[name]
            theirs = f"{figure:.0%}" if isinstance(figure, float) and figure < 1 else str(figure)
        out.append((_masked(label), _masked(value), theirs))
    return tuple(out)


def _urgency(d: DueVisit, as_of: dt.date) -> int:
    """0 overdue, 1 due on ``as_of``, 2 due within the horizon."""
    return 0 if d.overdue_days > 0 else 1 if d.due_on == as_of else 2


def _visit_groups(
    due: Sequence[DueVisit], as_of: dt.date, lang: Lang
) -> tuple[tuple[str, tuple[int, int, int]], ...]:
    """Per group (attention kind) with someone due: overdue, due today, due soon. A
    resident due for two reasons counts under each."""
    counts: dict[AttentionKind, list[int]] = {}
    for d in due:
        for kind in d.reasons:
            counts.setdefault(kind, [0, 0, 0])[_urgency(d, as_of)] += 1
    return tuple(
        (kind.label(lang), (n[0], n[1], n[2]))
        for kind in AttentionKind
        if (n := counts.get(kind)) is not None
    )


def _visit_communities(
    due: Sequence[DueVisit], as_of: dt.date, names: Mapping[str, str]
) -> tuple[tuple[str, tuple[int, int, int]], ...]:
    """Per community of the dataset (in its order, none left out): overdue, due today,
    due soon."""
    counts = {cid: [0, 0, 0] for cid in names}
    for d in due:
        counts.setdefault(d.community_id, [0, 0, 0])[_urgency(d, as_of)] += 1
    return tuple((_masked(names.get(cid, cid)), (n[0], n[1], n[2])) for cid, n in counts.items())


def _visit_row(d: DueVisit, names: Mapping[str, str], lang: Lang) -> tuple[str, ...]:
    sep = "、" if lang == "zh" else ", "
    return tuple(
        _masked(v)
        for v in (
            d.resident_id,
            names.get(d.community_id, d.community_id),
            d.grid_id,
            sep.join(k.label(lang) for k in d.reasons),
            d.risk.label(lang),
            d.due_on,
            d.last_visited_on,
            d.overdue_days,
        )
    )


def _findings(
    found: Sequence[Finding], names: Mapping[str, str], lang: Lang
) -> tuple[tuple[str, str, tuple[tuple[str, ...], ...]], ...]:
    """``(severity code, label, rows)`` from the most serious down; rows sorted by rule
    and subject, each with its rule's title, the basis and its article."""
    out = []
    for severity in sorted(Severity, key=lambda s: -s.rank):
        rows = sorted(
            (f for f in found if f.severity is severity), key=lambda f: (f.rule, f.subject_id)
        )
        out.append(
            (
                severity.value,
                severity.label(lang) if lang == "zh" else severity.label_en,
                tuple(_finding_row(f, names, lang) for f in rows),
            )
        )
    return tuple(out)


def _finding_row(f: Finding, names: Mapping[str, str], lang: Lang) -> tuple[str, ...]:
    entry: Any = RULES.get(f.rule)
    if entry is not None:
        title = entry.title(lang)
    else:  # a note of the scorecard itself (scorecard.backlog ...), not a registered rule
        title = f.rule.replace("scorecard.", "评分：" if lang == "zh" else "scorecard: ", 1)
    subject = f"{f.subject_id} {names[f.subject_id]}" if f.subject_id in names else f.subject_id
    return tuple(
        _masked(v)
        for v in (
            title,
            subject,
            f.message,
            f.basis.title,
            f.basis.article,
            f.basis.kind.label(lang),
        )
    )

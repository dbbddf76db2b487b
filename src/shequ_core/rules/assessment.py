"""The banner's figures and the 三有四化 / 六园一港 scorecard, from a Dataset.

References:
    * The seed article, 王清《建设管理有序文明和谐的新型社区——察右前旗加强社区建设的实践
      与思考》(乌兰察布文明网, 2018-01-11), reports a banner's community system in the
      figures :class:`BannerSummary` carries: communities, the 136 people working in
      them (81 community workers = 21 statutory two-committee members + 60 seconded
      from agencies; 55 public-welfare posts), 16 graduates placed, 8 secretaries
      recruited openly, the secretaries' and deputies' mean age (37) and share with
      junior college or more (85 %), 8 mediation committees, 67 disputes resolved and
      383 service items completed (``shared/domain/seed-model.md``).
    * Who counts as what follows the entity contract (``shared/domain/model.md``): a
      community worker (社区工作者) is a staff member employed as a two-committee
      member, seconded or contracted; public-welfare posts are staff but not workers;
      the party secretaries and deputies are the roles 书记 and 副书记.

Definitions (where the article gives a figure but no rule):
    * A dispute is resolved on the date of its first 达成协议 (``AGREEMENT_REACHED``)
      event; ``disputes_resolved`` counts those on or before ``as_of``.
    * ``requests_completed`` counts ``COMPLETED`` requests with ``completed_on`` on or
      before ``as_of``.
    * Ages are in completed years on ``as_of`` (a 29 February birthday falls on 1 March
      in other years); the mean is taken over the secretaries and deputies whose birth
      date is recorded (and not after ``as_of``) and rounded half up: 36.5 gives 37.
    * ``college_share`` is over all secretaries and deputies; one without a recorded
      education counts as not college-educated, so a missing record never raises it.

Limitations:
    * Rosters (communities, staff, volunteers, teams) are counted as recorded: a
      dataset is a snapshot and these records carry no end date. Only dated facts (an
      age, a resolution, a completion) depend on ``as_of``.
    * The article's "8 mediation committees" are teams of kind ``MEDIATION``; a
      committee kept as some other record is not counted.

The scorecard (:func:`scorecard`):
    * The seed article names the management model 三有四化 (有人管事, 有钱办事,
      有场所议事; 区域化党建, 网格化管理, 精细化服务, 信息化支撑) and the service goals
      六园一港 (阳光, 爱心, 康乐, 学习, 温馨家园, 平安家园, 红色港湾) but gives them no
      scoring method. Each :class:`Dimension` is scored here from 0 to 100 by a
      formula of this library, written in its docstring and in each score's
      ``explanation``: either ``100 - 25 per violation - 10 per advisory - 5 per figure
      the data cannot give`` over the findings of the rules it rests on (staffing,
      funding, facilities, governance, party), or 100 x the mean of some shares
      (visit coverage, grids with a worker, requests met on time ...) less the same
      points for what the shares do not already count. Floored at 0, rounded half up
      to whole points. The points and the two local targets (partner units per
      community, households per culture team) are in :class:`ScoringPolicy`.
    * Periods: visits, disputes, completions, complaints and fees count from 1 January
      of ``as_of``'s year through ``as_of``; the backlog and who is overdue are taken
      on ``as_of``. Records dated after ``as_of`` are not known yet.
    * The seven zeros (七零) are the service hall's pledge; :class:`SevenZeros` counts
      the four the data can show: 零积压 (open requests past their deadline), 零投诉
      (requests with a complaint), 零收费 (fees of completed requests) and late
      completions (零失信), with the share completed on time, as
      :func:`shequ_core.rules.sla.backlog` counts them.

Scorecard limitations:
    * 信息化支撑 and 学习家园 are always None: the entity model records no
      remote-education stations, showings, lectures or campaigns, and a score made up
      from other records would say what the data does not. Each says so in a finding.
    * A dimension whose standards the policy does not set (有钱办事 and 有场所议事 under
      the national profile, which has no local funds or hall standard) is None rather
      than a vacuous 100.
    * A request whose deadline needs a year the calendar does not cover is left out of
      the seven zeros and the 阳光家园 score, and counted in ``SevenZeros.unjudged``.
    * The banner's score of a dimension is the mean of its communities' scores (those
      that have one): each community weighs the same, whatever its size.
"""

from __future__ import annotations

import datetime as dt
import html
import math
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from shequ_core.calendar import CalendarCoverageError, WorkCalendar, china_calendar
from shequ_core.entities import (
    AttentionKind,
    Basis,
    Community,
    Dataset,
    DisputeCase,
    Employment,
    Grid,
    LabelledEnum,
    Meeting,
    PartnerUnit,
    PartyMember,
    PartyMemberCategory,
    Registration,
    RequestStatus,
    Resident,
    ServiceRequest,
    Staff,
    StaffRole,
    TeamKind,
    VisitOutcome,
    VolunteerTeam,
)
from shequ_core.errors import Problem, ValidationError
from shequ_core.frozenmap import FrozenMap
from shequ_core.policy import DEFAULT_SCORING, Policy, ScoringPolicy
from shequ_core.rules._findings import RULES, Finding, Findings, Lang, Severity, pick
from shequ_core.rules.facilities import facility_findings
from shequ_core.rules.funding import funding_findings
from shequ_core.rules.governance import committee_size_findings, mediation_committee_findings
from shequ_core.rules.party import (
    management_mode,
    party_findings,
    unreported_employed_findings,
)
from shequ_core.rules.sla import SlaStage, sla_status
from shequ_core.rules.staffing import age_on, staffing_findings
from shequ_core.rules.visiting import (
    DEFAULT_VISIT_POLICY,
    Coverage,
    VisitPolicy,
    in_scope_kinds,
    must_visit,
    visit_coverage,
)
from shequ_core.text import format_table

__all__ = [
    "DEFAULT_SCORING",
    "BannerSummary",
    "CommunityScore",
    "Dimension",
    "DimensionScore",
    "Scorecard",
    "ScoringPolicy",
    "SevenZeros",
    "scorecard",
    "summary",
]


def _label(zh: str, en: str) -> dict[str, str]:
    return {"label_zh": zh, "label_en": en}


@attrs.frozen(kw_only=True)
class BannerSummary:
    """The figures a banner (旗) or district reports for its community system on ``as_of``.

    ``secretary_mean_age`` is None when no secretary or deputy has a birth date, and
    ``college_share`` (a fraction from 0 to 1) when there is no secretary or deputy:
    a figure of nobody is not zero.
    """

    as_of: dt.date = attrs.field(metadata=_label("统计日期", "as of"))
    communities: int = attrs.field(metadata=_label("社区数", "communities"))
    staff_total: int = attrs.field(metadata=_label("社区工作人员", "staff in communities"))
    community_workers: int = attrs.field(metadata=_label("社区工作者", "community workers"))
    two_committee_members: int = attrs.field(
        metadata=_label("法定两委成员", "statutory two-committee members")
    )
    seconded_staff: int = attrs.field(metadata=_label("机关事业单位下派", "seconded staff"))
    public_welfare_posts: int = attrs.field(metadata=_label("公益性岗位", "public-welfare posts"))
    graduates_placed: int = attrs.field(metadata=_label("选聘大学生", "graduates placed"))
    secretaries_recruited_openly: int = attrs.field(
        metadata=_label("公开选拔书记", "secretaries recruited openly")
    )
    secretary_mean_age: int | None = attrs.field(
        metadata=_label("书记副书记平均年龄", "secretaries' and deputies' mean age")
    )
    college_share: float | None = attrs.field(
        metadata=_label("大专以上学历占比", "share with junior college or more")
    )
    mediation_committees: int = attrs.field(metadata=_label("调解委员会", "mediation committees"))
    disputes_resolved: int = attrs.field(metadata=_label("化解矛盾纠纷", "disputes resolved"))
    requests_completed: int = attrs.field(
        metadata=_label("办结服务事项", "service requests completed")
    )
    volunteers: int = attrs.field(metadata=_label("志愿者", "volunteers"))
    teams: int = attrs.field(metadata=_label("队伍", "teams"))

    def to_dict(self) -> dict[str, Any]:
        """The figures as JSON-ready data: the date in ISO form, the rest as they are."""
        out = attrs.asdict(self)
        out["as_of"] = self.as_of.isoformat()
        return out

    def rows(self, lang: str = "zh") -> list[tuple[str, str]]:
        """``(label, value)`` pairs in field order, the share as a percentage."""
        key = "label_zh" if lang == "zh" else "label_en"
        out = []
        for a in attrs.fields(type(self)):
            value = getattr(self, a.name)
            if value is None:
                text = "-"
            elif a.name == "college_share":
                text = f"{value:.0%}"
            else:  # the date too: str() of a date is its ISO form
                text = str(value)
            out.append((a.metadata[key], text))
        return out

    def table(self, lang: str = "zh") -> str:
        """A two-column text table, with Chinese (``"zh"``) or English (``"en"``) labels."""
        title = "社区建设概况" if lang == "zh" else "Community system at a glance"
        head = ("指标", "数值") if lang == "zh" else ("figure", "value")
        return format_table(head, self.rows(lang), title=title)

    def __str__(self) -> str:
        return self.table()


def _round_half_up(x: Fraction) -> int:
    return math.floor(x + Fraction(1, 2))


def _resolved_by(case: DisputeCase, as_of: dt.date) -> bool:
    on = case.resolved_on()
    return on is not None and on <= as_of


def summary(dataset: Dataset, *, as_of: dt.date) -> BannerSummary:
    """The banner's figures on ``as_of``, as the seed article reports them.

    Reads nothing but its arguments; the definitions are in the module's docstring. On
    the sample banner (:func:`shequ_core.datasets.load_chayouqianqi`) with
    ``as_of=date(2017, 12, 31)`` it gives the article's figures.
    """
    staff = dataset.staff
    employment = [s.employment for s in staff]
    secretaries = [s for s in staff if s.is_secretary]
    ages = [
        age_on(s.birth_date, as_of)
        for s in secretaries
        if s.birth_date is not None and s.birth_date <= as_of
    ]
    college = sum(1 for s in secretaries if s.education is not None and s.education.is_college)
    return BannerSummary(
        as_of=as_of,
        communities=len(dataset.communities),
        staff_total=len(staff),
        community_workers=sum(1 for s in staff if s.is_community_worker),
        two_committee_members=employment.count(Employment.TWO_COMMITTEES),
        seconded_staff=employment.count(Employment.SECONDED),
        public_welfare_posts=employment.count(Employment.PUBLIC_WELFARE),
        graduates_placed=sum(1 for s in staff if s.is_graduate_placement),
        secretaries_recruited_openly=sum(
            1 for s in staff if s.role is StaffRole.PARTY_SECRETARY and s.recruited_openly
        ),
        secretary_mean_age=_round_half_up(Fraction(sum(ages), len(ages))) if ages else None,
        college_share=college / len(secretaries) if secretaries else None,
        mediation_committees=sum(1 for t in dataset.teams if t.kind is TeamKind.MEDIATION),
        disputes_resolved=sum(1 for c in dataset.dispute_cases if _resolved_by(c, as_of)),
        requests_completed=sum(
            1
            for r in dataset.service_requests
            if r.status is RequestStatus.COMPLETED
            and r.completed_on is not None
            and r.completed_on <= as_of
        ),
        volunteers=len(dataset.volunteers),
        teams=len(dataset.teams),
    )


# == the scorecard: 三有四化 and 六园一港 ===================================================


class Dimension(LabelledEnum):
    """One dimension of the scorecard: the seven of 三有四化, then the seven of 六园一港."""

    HAS_PEOPLE = "has_people", "有人管事"
    HAS_MONEY = "has_money", "有钱办事"
    HAS_VENUE = "has_venue", "有场所议事"
    REGIONAL_PARTY_BUILDING = "regional_party_building", "区域化党建"
    GRID_MANAGEMENT = "grid_management", "网格化管理"
    FINE_GRAINED_SERVICE = "fine_grained_service", "精细化服务"
    INFORMATION_SUPPORT = "information_support", "信息化支撑"
    SUNSHINE = "sunshine", "阳光家园"
    CARING = "caring", "爱心家园"
    HEALTH_LEISURE = "health_leisure", "康乐家园"
    LEARNING = "learning", "学习家园"
    FLOATING_POPULATION = "floating_population", "温馨家园"
    SAFETY = "safety", "平安家园"
    PARTY_HARBOUR = "party_harbour", "红色港湾"

    @property
    def group(self) -> str:
        """``"三有四化"`` (the management model) or ``"六园一港"`` (the service goals)."""
        return "三有四化" if self in _MANAGEMENT_MODEL else "六园一港"


_MANAGEMENT_MODEL = frozenset(
    {
        Dimension.HAS_PEOPLE,
        Dimension.HAS_MONEY,
        Dimension.HAS_VENUE,
        Dimension.REGIONAL_PARTY_BUILDING,
        Dimension.GRID_MANAGEMENT,
        Dimension.FINE_GRAINED_SERVICE,
        Dimension.INFORMATION_SUPPORT,
    }
)

_ARTICLE = "察右前旗新型社区建设经验（2018）"


def _seed(article: str) -> Basis:
    return Basis(title=_ARTICLE, article=article)


#: The attention kinds of 爱心家园 (the caring home) and of 平安家园 (the safe home).
_CARING_KINDS = frozenset(
    {
        AttentionKind.LONELY_ELDER,
        AttentionKind.EMPTY_NEST_ELDER,
        AttentionKind.HARDSHIP_FAMILY,
        AttentionKind.DISABLED,
    }
)
_SAFETY_KINDS = frozenset(
    {k for k in AttentionKind if k.is_must_visit} | {AttentionKind.COMMUNITY_CORRECTION}
)


@attrs.frozen(kw_only=True)
class DimensionScore:
    """A dimension's score (0–100, None when the data or the policy cannot say), and why.

    ``findings`` are those the score rests on, ``explanation`` the formula with its
    figures (``100 − 25×1 − 10×2 = 55``).
    """

    dimension: Dimension
    score: int | None
    findings: Findings
    explanation: str


@attrs.frozen(kw_only=True)
class SevenZeros:
    """The seven-zeros (七零) figures of the service hall on ``as_of``.

    ``backlog`` counts open requests past their deadline (零积压); ``complaints`` the
    requests received in the period with a complaint (零投诉); ``fees_charged`` sums the
    item fees of the requests completed in the period (零收费); ``late_completions``
    counts those completed after their deadline, of ``completed``; ``on_time_share`` is
    the rest's share, None when none was completed. ``unjudged`` counts the requests
    received by ``as_of`` whose deadline the calendar cannot compute: they are in no
    other figure but ``complaints`` and ``fees_charged``, which need no calendar.
    """

    backlog: int
    complaints: int
    fees_charged: Decimal
    late_completions: int
    completed: int
    on_time_share: float | None
    unjudged: int

    @property
    def on_time_percent(self) -> int | None:
        """The on-time share in whole per cent, rounded half up."""
        if self.on_time_share is None:
            return None
        met = self.completed - self.late_completions
        return _round_half_up(Fraction(100 * met, self.completed))


def _frozen_map(value: Mapping[Any, Any]) -> Mapping[Any, Any]:
    return FrozenMap(value)


@attrs.frozen(kw_only=True)
class CommunityScore:
    """The fourteen dimensions and the seven zeros of one community, or of the banner.

    ``community_id`` is None for the banner.
    """

    community_id: str | None
    name: str
    dimensions: Mapping[Dimension, DimensionScore] = attrs.field(converter=_frozen_map, hash=False)
    seven_zeros: SevenZeros

    def __getitem__(self, dimension: Dimension) -> DimensionScore:
        return self.dimensions[dimension]

    def score(self, dimension: Dimension) -> int | None:
        """The score of one dimension."""
        return self.dimensions[dimension].score

    @property
    def findings(self) -> Findings:
        """Every finding of the dimensions, each once, in dimension order."""
        items = [f for d in self.dimensions.values() for f in d.findings]
        lang = next(iter(self.dimensions.values())).findings.lang if self.dimensions else "zh"
        return Findings(dict.fromkeys(items), lang)


_SEVEN_ZEROS_HEADERS = {
    "zh": ("积压", "投诉", "收费(元)", "超期办结", "按期率%"),
    "en": ("backlog", "complaints", "fees (CNY)", "late", "on time %"),
}


@attrs.frozen(kw_only=True)
class Scorecard:
    """The 三有四化 / 六园一港 scorecard of a banner on ``as_of``: see :func:`scorecard`.

    ``communities`` maps each community id to its :class:`CommunityScore`, in dataset
    order; ``banner`` holds the means; ``findings`` every finding once.
    """

    as_of: dt.date
    policy_name: str
    lang: Lang
    communities: Mapping[str, CommunityScore] = attrs.field(converter=_frozen_map, hash=False)
    banner: CommunityScore
    findings: Findings

    @property
    def has_violations(self) -> bool:
        """Whether a finding says a statutory number is not met."""
        return any(f.severity is Severity.VIOLATION for f in self.findings)

    def table_rows(self, lang: Lang | None = None) -> tuple[list[str], list[list[object]]]:
        """``(headers, rows)``: one row per community, then the banner's.

        Columns: id, name, the fourteen dimensions' scores (None where there is none),
        then backlog, complaints, fees, late completions and the on-time percentage.
        ``lang`` (``"zh"`` or ``"en"``) defaults to the scorecard's.
        """
        lang = self.lang if lang is None else lang
        key: Lang = "zh" if lang == "zh" else "en"
        headers = [
            pick(key, "编号", "id"),
            pick(key, "社区", "community"),
            *(d.label(key) for d in Dimension),
            *_SEVEN_ZEROS_HEADERS[key],
        ]
        rows = [_row(c, key) for c in (*self.communities.values(), self.banner)]
        return headers, rows

    def table(self, lang: Lang | None = None) -> str:
        """The scorecard as a text table (see :meth:`table_rows`)."""
        lang = self.lang if lang is None else lang
        headers, rows = self.table_rows(lang)
        title = pick(
            "zh" if lang == "zh" else "en",
            f"三有四化 · 六园一港评分（{self.as_of.isoformat()}，{self.policy_name}）",
            f"Scorecard on {self.as_of.isoformat()} ({self.policy_name} policy)",
        )
        return format_table(headers, rows, title=title)

    def __str__(self) -> str:
        return self.table()

    def _repr_html_(self) -> str:
        headers, rows = self.table_rows()
        head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
        body = "".join(
            "<tr>"
            + "".join(f"<td>{html.escape('-' if v is None else str(v))}</td>" for v in row)
            + "</tr>"
            for row in rows
        )
        caption = html.escape(
            pick(
                self.lang,
                f"三有四化 · 六园一港评分（{self.as_of.isoformat()}）：{len(self.findings)}条发现",
                f"Scorecard on {self.as_of.isoformat()}: {len(self.findings)} findings",
            )
        )
        return (
            f'<table class="shequ-scorecard"><caption>{caption}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        )


def _row(c: CommunityScore, lang: Lang) -> list[object]:
    z = c.seven_zeros
    banner = c.community_id is None
    return [
        "" if c.community_id is None else c.community_id,
        pick(lang, "全旗", "banner") if banner else c.name,
        *(c.dimensions[d].score for d in Dimension),
        z.backlog,
        z.complaints,
        z.fees_charged,
        z.late_completions,
        z.on_time_percent,
    ]


# -- composing a score -----------------------------------------------------------------


def _pct(x: Fraction) -> str:
    return f"{float(x * 100):.0f}%"


def _is_missing(f: Finding) -> bool:
    """An INFO finding without a figure: the data to compute the figure is missing."""
    return f.severity is Severity.INFO and f.actual is None


@attrs.frozen
class _Part:
    """A share (0 to 1) that a dimension averages, named for the explanation."""

    zh: str
    en: str
    value: Fraction


@attrs.frozen
class _Deduction:
    """Points taken off: ``count`` times ``points``, named for the explanation."""

    zh: str
    en: str
    points: int
    count: int


def _penalties(findings: Iterable[Finding], scoring: ScoringPolicy) -> list[_Deduction]:
    """The deductions for the rule findings a penalty-scored dimension rests on."""
    found = list(findings)
    v = sum(1 for f in found if f.severity is Severity.VIOLATION)
    a = sum(1 for f in found if f.severity is Severity.ADVISORY)
    m = sum(1 for f in found if _is_missing(f))
    return [
        _Deduction("违反规定", "violations", scoring.violation_points, v),
        _Deduction("建议整改", "advisories", scoring.advisory_points, a),
        _Deduction("数据缺失", "figures missing", scoring.missing_points, m),
    ]


def _compose(
    dimension: Dimension,
    findings: Iterable[Finding],
    lang: Lang,
    *,
    parts: Sequence[_Part] = (),
    deductions: Sequence[_Deduction] = (),
) -> DimensionScore:
    """``100 × mean(parts)`` (100 without parts) less the deductions, floored at 0."""
    base = sum((p.value for p in parts), Fraction(0)) / len(parts) if parts else Fraction(1)
    taken = sum(d.points * d.count for d in deductions)
    exact = max(Fraction(0), 100 * base - taken)
    score = _round_half_up(exact)
    if parts:
        inner = pick(
            lang,
            "、".join(f"{p.zh}{_pct(p.value)}" for p in parts),
            ", ".join(f"{p.en} {_pct(p.value)}" for p in parts),
        )
        head = inner if len(parts) == 1 else pick(lang, f"均值（{inner}）", f"mean({inner})")
    else:
        head = "100"
    tail = "".join(
        pick(lang, f" − {d.points}×{d.count}（{d.zh}）", f" − {d.points}×{d.count} ({d.en})")
        for d in deductions
        if d.count
    )
    return DimensionScore(
        dimension=dimension,
        score=score,
        findings=Findings(dict.fromkeys(findings), lang),
        explanation=f"{head}{tail} = {score}",
    )


def _unscored(
    dimension: Dimension, findings: Iterable[Finding], lang: Lang, why_zh: str, why_en: str
) -> DimensionScore:
    return DimensionScore(
        dimension=dimension,
        score=None,
        findings=Findings(dict.fromkeys(findings), lang),
        explanation=pick(lang, why_zh, why_en),
    )


def _note(
    rule_id: str,
    subject: str,
    message: str,
    basis: Basis,
    *,
    severity: Severity = Severity.INFO,
    actual: Any = None,
    required: Any = None,
) -> Finding:
    return Finding(
        rule=rule_id,
        subject_id=subject,
        severity=severity,
        message=message,
        basis=basis,
        actual=actual,
        required=required,
    )


# -- what the whole dataset gives, indexed once ------------------------------------------


def _by_community(records: Iterable[Any]) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = {}
    for r in records:
        out.setdefault(r.community_id, []).append(r)
    return out


def _restricted(policy: VisitPolicy, kinds: frozenset[AttentionKind]) -> VisitPolicy | None:
    """The visit policy for some kinds only; None when it covers none of them."""
    cadences = {k: c for k, c in policy.cadences.items() if k in kinds}
    return attrs.evolve(policy, cadences=cadences) if cadences else None


@attrs.frozen
class _VisitGroup:
    """Coverage over the year and who is overdue on ``as_of``, per community, for some kinds."""

    kinds: frozenset[AttentionKind]
    # community id -> [visited (resident, kind) pairs, in-scope pairs] over the period
    coverage: Mapping[str, tuple[int, int]]
    # community id -> residents in scope on as_of, and those of them overdue
    in_scope_now: Mapping[str, int]
    overdue_now: Mapping[str, int]


def _visit_group(
    dataset: Dataset,
    kinds: frozenset[AttentionKind],
    policy: VisitPolicy,
    *,
    start: dt.date,
    as_of: dt.date,
    community_of: Mapping[str, str],
    scope_now: Mapping[str, frozenset[AttentionKind]],
    rows: Sequence[Coverage],
) -> _VisitGroup:
    coverage: dict[str, tuple[int, int]] = {}
    for row in rows:
        if row.kind in kinds:
            v, n = coverage.get(row.community_id, (0, 0))
            coverage[row.community_id] = (v + row.visited, n + row.in_scope)
    in_scope: dict[str, int] = {}
    for rid, ks in scope_now.items():
        if ks & kinds:
            cid = community_of[rid]
            in_scope[cid] = in_scope.get(cid, 0) + 1
    overdue: dict[str, int] = {}
    only = _restricted(policy, kinds)
    if only is not None:
        for d in must_visit(dataset, as_of=as_of, policy=only):
            if d.overdue_days > 0:
                overdue[d.community_id] = overdue.get(d.community_id, 0) + 1
    return _VisitGroup(kinds, coverage, in_scope, overdue)


@attrs.frozen
class _Context:
    """The inputs of every community's scores, computed once for the whole dataset."""

    dataset: Dataset
    as_of: dt.date
    start: dt.date
    policy: Policy
    calendar: WorkCalendar
    scoring: ScoringPolicy
    lang: Lang
    staff: Mapping[str, list[Staff]]
    grids: Mapping[str, list[Grid]]
    teams: Mapping[str, list[VolunteerTeam]]
    members: Mapping[str, list[PartyMember]]
    cases: Mapping[str, list[DisputeCase]]
    requests: Mapping[str, list[ServiceRequest]]
    meetings: Mapping[str, list[Meeting]]
    residents: Mapping[str, list[Resident]]
    partners: Mapping[str, list[PartnerUnit]]
    quorum: Mapping[str, list[Finding]]
    staff_by_id: Mapping[str, Staff]
    all_kinds: _VisitGroup
    caring: _VisitGroup
    safety: _VisitGroup
    served_visits: frozenset[str]
    served_requests: frozenset[str]


def _context(
    dataset: Dataset,
    *,
    as_of: dt.date,
    policy: Policy,
    calendar: WorkCalendar,
    scoring: ScoringPolicy,
    visit_policy: VisitPolicy,
    lang: Lang,
) -> _Context:
    start = dt.date(as_of.year, 1, 1)
    partners: dict[str, list[PartnerUnit]] = {}
    for u in dataset.partner_units:
        if u.since is None or u.since <= as_of:
            for cid in sorted(u.community_ids):
                partners.setdefault(cid, []).append(u)
    meeting_community = {m.id: m.community_id for m in dataset.meetings}
    quorum: dict[str, list[Finding]] = {}
    for f in RULES["governance.meeting_quorum"](dataset, as_of=as_of, policy=policy, lang=lang):
        quorum.setdefault(meeting_community[f.subject_id], []).append(f)
    community_of = {r.id: r.community_id for r in dataset.residents}
    scope_now = in_scope_kinds(dataset, as_of=as_of, policy=visit_policy)
    coverage = visit_coverage(dataset, start=start, end=as_of, policy=visit_policy)

    def group(kinds: frozenset[AttentionKind]) -> _VisitGroup:
        return _visit_group(
            dataset,
            kinds,
            visit_policy,
            start=start,
            as_of=as_of,
            community_of=community_of,
            scope_now=scope_now,
            rows=coverage,
        )

    return _Context(
        dataset=dataset,
        as_of=as_of,
        start=start,
        policy=policy,
        calendar=calendar,
        scoring=scoring,
        lang=lang,
        staff=_by_community(dataset.staff),
        grids=_by_community(dataset.grids),
        teams=_by_community(dataset.teams),
        members=_by_community(dataset.party_members),
        cases=_by_community(dataset.dispute_cases),
        requests=_by_community(dataset.service_requests),
        meetings=_by_community(dataset.meetings),
        residents=_by_community(dataset.residents),
        partners=partners,
        quorum=quorum,
        staff_by_id={s.id: s for s in dataset.staff},
        all_kinds=group(frozenset(AttentionKind)),
        caring=group(_CARING_KINDS),
        safety=group(_SAFETY_KINDS),
        served_visits=frozenset(
            v.resident_id
            for v in dataset.visits
            if v.outcome is VisitOutcome.MET and start <= v.visited_on <= as_of
        ),
        served_requests=frozenset(
            r.resident_id
            for r in dataset.service_requests
            if r.resident_id is not None and start <= r.received_on <= as_of
        ),
    )


# -- the dimensions, one function each ----------------------------------------------------

_PEOPLE_RULES = frozenset(
    {
        "staffing.workers_per_10k",
        "staffing.employment_mix",
        "staffing.secretary_age",
        "staffing.secretary_education",
    }
)
_GRID_RULES = frozenset({"staffing.grid_worker", "staffing.households_per_grid_worker"})


def _has_people(c: Community, ctx: _Context, staffing: list[Finding]) -> DimensionScore:
    """有人管事: ``100 − points`` over the staffing and committee-size findings.

    The staffing rules (workers per 10,000 residents, the secretaries' age and
    education) and the committee law (5–9 members; from 2026 a woman among them); a
    community with no staff at all scores 0: nobody runs its affairs.
    """
    lang = ctx.lang
    own = ctx.staff.get(c.id, [])
    found = [f for f in staffing if f.rule in _PEOPLE_RULES]
    found += committee_size_findings(c, own, ctx.as_of, policy=ctx.policy, lang=lang)
    if not own:
        msg = pick(
            lang, "社区未登记任何工作人员，无人管事", "no staff recorded: nobody runs affairs"
        )
        found.append(
            _note(
                "scorecard.no_staff",
                c.id,
                msg,
                _seed("三有四化·有人管事"),
                severity=Severity.ADVISORY,
                actual=0,
                required=1,
            )
        )
        return DimensionScore(
            dimension=Dimension.HAS_PEOPLE,
            score=0,
            findings=Findings(found, lang),
            explanation=pick(lang, "无工作人员 = 0", "no staff = 0"),
        )
    return _compose(Dimension.HAS_PEOPLE, found, lang, deductions=_penalties(found, ctx.scoring))


def _has_money(c: Community, ctx: _Context) -> DimensionScore:
    """有钱办事: ``100 − points`` over the funding findings (the two funds, 两金).

    None when the policy sets none of the funds or the insurance duty (the national
    profile): there is nothing to judge against.
    """
    p, lang = ctx.policy, ctx.lang
    if p.party_building_funds is None and p.office_funds is None and p.cadre_insurance is None:
        return _unscored(
            Dimension.HAS_MONEY,
            (),
            lang,
            "政策未规定经费和两金标准",
            "the policy sets no funds or insurance standard",
        )
    found = funding_findings(c, ctx.staff.get(c.id, []), as_of=ctx.as_of, policy=p, lang=lang)
    return _compose(Dimension.HAS_MONEY, found, lang, deductions=_penalties(found, ctx.scoring))


def _has_venue(c: Community, ctx: _Context) -> DimensionScore:
    """有场所议事: ``100 − points`` over the facility findings and the meeting quorums.

    The venue (area per 100 households, the hall, 六室两中心) and deliberation that
    counts (a residents' or representatives' meeting that decided without its quorum
    is a violation). None when the policy sets no facility standard.
    """
    p, lang = ctx.policy, ctx.lang
    quorum = ctx.quorum.get(c.id, [])
    if (
        p.facility_area_per_100_households is None
        and p.service_hall_area_m2 is None
        and p.required_facilities is None
    ):
        return _unscored(
            Dimension.HAS_VENUE,
            quorum,
            lang,
            "政策未规定服务设施标准",
            "the policy sets no facility standard",
        )
    found = [*facility_findings(c, as_of=ctx.as_of, policy=p, lang=lang), *quorum]
    return _compose(Dimension.HAS_VENUE, found, lang, deductions=_penalties(found, ctx.scoring))


def _reporting(members: Sequence[PartyMember], as_of: dt.date) -> tuple[int, int]:
    """Employed members who reported (报到) by ``as_of``, and all employed members."""
    employed = [m for m in members if m.category is PartyMemberCategory.EMPLOYED]
    reported = sum(1 for m in employed if m.reported_on is not None and m.reported_on <= as_of)
    return reported, len(employed)


def _regional_party_building(c: Community, ctx: _Context) -> DimensionScore:
    """区域化党建: ``100 × mean(partner units, reporting)``.

    Partner units: ``min(n, target) / target`` for the units paired with the community
    by ``as_of`` (target in :class:`ScoringPolicy`); reporting: the share of employed
    members (在职党员) who reported to the community by ``as_of``, left out when there
    are none. The unreported members are listed as the party rule finds them.
    """
    lang = ctx.lang
    target = ctx.scoring.partner_units
    n = len(ctx.partners.get(c.id, []))
    members = ctx.members.get(c.id, [])
    msg = pick(
        lang,
        f"共建单位{n}个，目标{target.value}个",
        f"{n} partner units, target {target.value}",
    )
    found = [
        _note("scorecard.partner_units", c.id, msg, target.basis, actual=n, required=target.value)
    ]
    parts = [_Part("共建单位", "partner units", Fraction(min(n, target.value), target.value))]
    reported, employed = _reporting(members, ctx.as_of)
    if employed:
        parts.append(
            _Part("在职党员报到", "employed members reported", Fraction(reported, employed))
        )
    found += unreported_employed_findings(members, as_of=ctx.as_of, policy=ctx.policy, lang=lang)
    return _compose(Dimension.REGIONAL_PARTY_BUILDING, found, lang, parts=parts)


def _grid_management(c: Community, ctx: _Context, staffing: list[Finding]) -> DimensionScore:
    """网格化管理: ``100 × covered share − points per overloaded grid worker``.

    The covered share is the households of the community's grids whose responsible
    worker is one of its own staff, over its households (its recorded count, or the
    grids' total if larger). A worker above the policy's households-per-worker bound
    costs ``advisory_points``. None for a community of no households and no grids.
    """
    lang = ctx.lang
    own = ctx.grids.get(c.id, [])
    found = [f for f in staffing if f.rule in _GRID_RULES]
    staffed = [
        g for g in own if g.worker_id is not None and _community_of(ctx, g.worker_id) == c.id
    ]
    covered = sum(g.households for g in staffed)
    total = max(c.households, sum(g.households for g in own))
    if total == 0:
        return _unscored(
            Dimension.GRID_MANAGEMENT, found, lang, "社区无户、无网格", "no households and no grids"
        )
    share = Fraction(covered, total)
    msg = pick(
        lang,
        f"{len(own)}个网格中{len(staffed)}个有本社区责任网格员，覆盖{covered}/{total}户",
        f"{len(staffed)} of {len(own)} grids have a responsible worker of the community, "
        f"covering {covered} of {total} households",
    )
    found.append(
        _note(
            "scorecard.grid_coverage",
            c.id,
            msg,
            _seed("三有四化·网格化管理"),
            actual=share,
            required=1,
        )
    )
    overloaded = sum(
        1
        for f in found
        if f.rule == "staffing.households_per_grid_worker" and f.severity is Severity.ADVISORY
    )
    deductions = [
        _Deduction(
            "超负荷网格员", "overloaded grid workers", ctx.scoring.advisory_points, overloaded
        )
    ]
    return _compose(
        Dimension.GRID_MANAGEMENT,
        found,
        lang,
        parts=[_Part("网格覆盖", "households covered", share)],
        deductions=deductions,
    )


def _visit_parts(
    dimension: Dimension, group: _VisitGroup, c: Community, ctx: _Context, basis: Basis
) -> tuple[list[_Part], list[Finding]]:
    """Coverage over the year and punctuality on ``as_of`` of one group of kinds."""
    lang = ctx.lang
    visited, pairs = group.coverage.get(c.id, (0, 0))
    now = group.in_scope_now.get(c.id, 0)
    late = group.overdue_now.get(c.id, 0)
    parts: list[_Part] = []
    found: list[Finding] = []
    rid = f"scorecard.{dimension.value}"
    if pairs:
        parts.append(_Part("走访覆盖", "visit coverage", Fraction(visited, pairs)))
        msg = pick(
            lang,
            f"{ctx.start}至{ctx.as_of}应访{pairs}人次（按事由），已见面{visited}人次",
            f"{visited} of {pairs} residents in scope (by reason) met from {ctx.start} "
            f"to {ctx.as_of}",
        )
        found.append(
            _note(f"{rid}.visit_coverage", c.id, msg, basis, actual=visited, required=pairs)
        )
    if now:
        parts.append(_Part("按期走访", "visits on time", 1 - Fraction(late, now)))
        if late:
            msg = pick(
                lang,
                f"{ctx.as_of}在册{now}人中{late}人走访逾期",
                f"{late} of {now} residents in scope on {ctx.as_of} are overdue a visit",
            )
            found.append(
                _note(
                    f"{rid}.overdue_visits",
                    c.id,
                    msg,
                    basis,
                    severity=Severity.ADVISORY,
                    actual=late,
                    required=0,
                )
            )
    return parts, found


def _fine_grained_service(c: Community, ctx: _Context) -> DimensionScore:
    """精细化服务: ``100 × mean(visit coverage, visits on time)`` over every attention kind.

    Coverage: the (resident, reason) pairs in scope during the year to ``as_of`` that
    were met at least once; on time: the residents in scope on ``as_of`` who are not
    overdue. None when no resident of the community needs visiting.
    """
    d = Dimension.FINE_GRAINED_SERVICE
    parts, found = _visit_parts(d, ctx.all_kinds, c, ctx, _seed("三有四化·精细化服务"))
    if not parts:
        return _unscored(d, found, ctx.lang, "无需走访的居民", "no resident needs visiting")
    return _compose(d, found, ctx.lang, parts=parts)


def _no_data(dimension: Dimension, c: Community, ctx: _Context, zh: str, en: str) -> DimensionScore:
    msg = pick(
        ctx.lang, f"数据模型未记录{zh}，无法评分", f"the data model records no {en}: no score"
    )
    basis = _seed(f"{dimension.group}·{dimension.label_zh}")
    return _unscored(
        dimension,
        [_note("scorecard.no_data", c.id, msg, basis)],
        ctx.lang,
        pick(ctx.lang, f"无{zh}数据", f"no data on {en}"),
        pick(ctx.lang, f"无{zh}数据", f"no data on {en}"),
    )


def _service(c: Community, ctx: _Context) -> tuple[SevenZeros, DimensionScore]:
    """The seven zeros and 阳光家园: ``100 × on-time share − points per non-zero``.

    The on-time share is over the requests completed in the period (100 when none was
    but some are open); each breached open request (积压), complaint (投诉) and
    fee-charging completion (收费) costs ``seven_zeros_points``. None when the
    community has no request the calendar can judge, open or completed in the period.
    """
    lang, first, as_of = ctx.lang, ctx.start, ctx.as_of
    basis = _seed("六园一港·阳光家园：七零服务承诺")
    items = {i.id: i for i in ctx.dataset.service_items}
    backlog = complaints = late = completed = unjudged = open_judged = fee_count = 0
    fees = Decimal(0)
    found: list[Finding] = []
    for r in sorted(ctx.requests.get(c.id, []), key=lambda r: r.id):
        if r.received_on > as_of:
            continue
        item = items[r.item_id]
        if r.complaint and first <= r.received_on:
            complaints += 1
            msg = pick(lang, f"工单{r.id}有投诉", f"request {r.id} drew a complaint")
            found.append(
                _note(
                    "scorecard.complaint",
                    r.id,
                    msg,
                    basis,
                    severity=Severity.ADVISORY,
                    actual=True,
                    required=False,
                )
            )
        done = r.completed_on
        charged = item.fee > 0 and r.status is RequestStatus.COMPLETED
        if charged and done is not None and first <= done <= as_of:
            fees += item.fee
            fee_count += 1
            msg = pick(
                lang, f"工单{r.id}收费{item.fee}元", f"request {r.id} charged {item.fee} CNY"
            )
            found.append(
                _note(
                    "scorecard.fee",
                    r.id,
                    msg,
                    basis,
                    severity=Severity.ADVISORY,
                    actual=item.fee,
                    required=Decimal(0),
                )
            )
        try:
            s = sla_status(r, item, as_of=as_of, calendar=ctx.calendar)
        except CalendarCoverageError:
            unjudged += 1
            continue
        if s.is_open:
            open_judged += 1
        if s.stage is SlaStage.BREACHED:
            backlog += 1
            msg = pick(
                lang,
                f"工单{r.id}已超过办结期限（{s.due_on}）",
                f"request {r.id} is past its deadline ({s.due_on})",
            )
            found.append(
                _note(
                    "scorecard.backlog",
                    r.id,
                    msg,
                    basis,
                    severity=Severity.ADVISORY,
                    actual=s.remaining,
                    required=0,
                )
            )
        elif (
            s.stage in (SlaStage.MET, SlaStage.MET_LATE)
            and s.closed_on is not None
            and first <= s.closed_on <= as_of
        ):
            completed += 1
            late += s.stage is SlaStage.MET_LATE
    if unjudged:
        msg = pick(
            lang,
            f"{unjudged}件工单的期限超出日历覆盖的年份，未计入",
            f"{unjudged} requests need days the calendar does not cover: left out",
        )
        found.append(_note("scorecard.unjudged", c.id, msg, basis, actual=unjudged))
    zeros = SevenZeros(
        backlog=backlog,
        complaints=complaints,
        fees_charged=fees,
        late_completions=late,
        completed=completed,
        on_time_share=(completed - late) / completed if completed else None,
        unjudged=unjudged,
    )
    d = Dimension.SUNSHINE
    if not completed and not open_judged:
        return zeros, _unscored(
            d, found, lang, "本期无可评判的服务工单", "no request to judge in the period"
        )
    parts = (
        [_Part("按期办结", "on time", Fraction(completed - late, completed))] if completed else []
    )
    points = ctx.scoring.seven_zeros_points
    deductions = [
        _Deduction("超期积压", "past deadline", points, backlog),
        _Deduction("投诉", "complaints", points, complaints),
        _Deduction("收费", "fees charged", points, fee_count),
    ]
    return zeros, _compose(d, found, lang, parts=parts, deductions=deductions)


def _caring(c: Community, ctx: _Context) -> DimensionScore:
    """爱心家园: ``100 × mean(visit coverage, visits on time)`` for the caring kinds.

    Lonely and empty-nest elders, hardship families and the disabled, as far as the
    visit policy covers them. None when none of the community's residents is in scope.
    """
    d = Dimension.CARING
    parts, found = _visit_parts(d, ctx.caring, c, ctx, _seed("六园一港·爱心家园"))
    if not parts:
        return _unscored(d, found, ctx.lang, "无关爱对象", "no resident in the caring groups")
    return _compose(d, found, ctx.lang, parts=parts)


def _health_leisure(c: Community, ctx: _Context) -> DimensionScore:
    """康乐家园: ``100 × min(teams, target) / target`` for culture and sports teams.

    The target is one team per ``households_per_culture_team`` households, rounded up,
    and at least one.
    """
    lang = ctx.lang
    per = ctx.scoring.households_per_culture_team
    target = max(1, -(-c.households // per.value))
    n = sum(1 for t in ctx.teams.get(c.id, []) if t.kind is TeamKind.CULTURE_SPORTS)
    msg = pick(
        lang,
        f"文体团队{n}支，按每{per.value}户一支应有{target}支",
        f"{n} culture and sports teams; one per {per.value} households makes {target}",
    )
    found = [_note("scorecard.culture_teams", c.id, msg, per.basis, actual=n, required=target)]
    part = _Part("文体团队", "culture teams", Fraction(min(n, target), target))
    return _compose(Dimension.HEALTH_LEISURE, found, lang, parts=[part])


def _floating_population(c: Community, ctx: _Context) -> DimensionScore:
    """温馨家园: ``100 × served / floating residents``.

    A floating resident (流动人口) is served when met on a visit or the subject of a
    service request during the year to ``as_of``. None without floating residents.
    """
    lang = ctx.lang
    floating = [r for r in ctx.residents.get(c.id, []) if r.registration is Registration.FLOATING]
    d = Dimension.FLOATING_POPULATION
    if not floating:
        return _unscored(d, (), lang, "无流动人口", "no floating residents")
    served = sum(1 for r in floating if r.id in ctx.served_visits or r.id in ctx.served_requests)
    msg = pick(
        lang,
        f"流动人口{len(floating)}人中{served}人本期得到走访或服务",
        f"{served} of {len(floating)} floating residents visited or served in the period",
    )
    found = [
        _note(
            "scorecard.floating_served",
            c.id,
            msg,
            _seed("六园一港·温馨家园"),
            actual=served,
            required=len(floating),
        )
    ]
    part = _Part("流动人口受服务", "floating residents served", Fraction(served, len(floating)))
    return _compose(d, found, lang, parts=[part])


def _safety(c: Community, ctx: _Context) -> DimensionScore:
    """平安家园: ``100 × mean(parts) − points per mediation-committee violation``.

    Parts: coverage and punctuality of the must-visits (四个必访, and community
    correction); organisation, half for a mediation committee (调解委员会) and half for
    a joint-defence group (群防群治); and the share of disputes received in the
    period resolved by agreement by ``as_of``. A visit part without anyone in scope,
    or the dispute part without a dispute, is left out.
    """
    lang, as_of = ctx.lang, ctx.as_of
    d = Dimension.SAFETY
    parts, found = _visit_parts(d, ctx.safety, c, ctx, _seed("六园一港·平安家园：四个必访"))
    teams = ctx.teams.get(c.id, [])
    mediation = [t for t in teams if t.kind is TeamKind.MEDIATION]
    patrol = any(t.kind is TeamKind.SAFETY_PATROL for t in teams)
    if not mediation:
        msg = pick(
            lang,
            "未登记人民调解委员会（居民委员会应设立）",
            "no people's mediation committee recorded (a residents' committee sets one up)",
        )
        found.append(
            _note(
                "scorecard.mediation_committee",
                c.id,
                msg,
                ctx.policy.mediation_members.basis,
                severity=Severity.ADVISORY,
                actual=0,
                required=1,
            )
        )
    if not patrol:
        msg = pick(lang, "未登记群防群治组织", "no joint-defence group recorded")
        found.append(
            _note(
                "scorecard.safety_patrol",
                c.id,
                msg,
                _seed("六园一港·平安家园"),
                actual=0,
                required=1,
            )
        )
    parts.append(_Part("组织", "organisation", Fraction(bool(mediation) + patrol, 2)))
    size: list[Finding] = []
    for t in mediation:
        size += mediation_committee_findings(
            t, ctx.dataset, as_of=as_of, policy=ctx.policy, lang=lang
        )
    cases = [k for k in ctx.cases.get(c.id, []) if ctx.start <= k.received_on <= as_of]
    if cases:
        resolved = sum(1 for k in cases if _resolved_by(k, as_of))
        msg = pick(
            lang,
            f"本期受理矛盾纠纷{len(cases)}件，达成协议{resolved}件",
            f"{resolved} of {len(cases)} disputes received in the period resolved by agreement",
        )
        found.append(
            _note(
                "scorecard.disputes",
                c.id,
                msg,
                _seed("六园一港·平安家园"),
                actual=resolved,
                required=len(cases),
            )
        )
        parts.append(_Part("纠纷化解", "disputes resolved", Fraction(resolved, len(cases))))
    found += size
    violations = sum(1 for f in size if f.severity is Severity.VIOLATION)
    deductions = [
        _Deduction(
            "调解委员会人数", "mediation committee size", ctx.scoring.violation_points, violations
        )
    ]
    return _compose(d, found, lang, parts=parts, deductions=deductions)


def _party_harbour(c: Community, ctx: _Context) -> DimensionScore:
    """红色港湾: ``100 × managed members / members``.

    Resident, retired and floating members are managed in their class's mode by
    definition; an employed member (在职党员, dual management) counts once they have
    reported (报到) by ``as_of``. None for a community without party members.
    """
    lang = ctx.lang
    members = ctx.members.get(c.id, [])
    found = party_findings(c, members, as_of=ctx.as_of, policy=ctx.policy, lang=lang)
    d = Dimension.PARTY_HARBOUR
    if not members:
        return _unscored(d, found, lang, "无党员", "no party members")
    counts = {k: sum(1 for m in members if m.category is k) for k in PartyMemberCategory}
    msg = pick(
        lang,
        "，".join(f"{k.label_zh}{n}人（{management_mode(k).label_zh}）" for k, n in counts.items()),
        ", ".join(f"{k.label_en} {n} ({management_mode(k).label_en})" for k, n in counts.items()),
    )
    found.insert(
        0,
        _note(
            "scorecard.party_classes",
            c.id,
            msg,
            _seed("六园一港·红色港湾"),
            actual=tuple(f"{k.value}={n}" for k, n in counts.items()),
        ),
    )
    reported, employed = _reporting(members, ctx.as_of)
    managed = len(members) - employed + reported
    part = _Part("纳入管理", "managed", Fraction(managed, len(members)))
    return _compose(d, found, lang, parts=[part])


# -- assembling ---------------------------------------------------------------------------


def _community_of(ctx: _Context, staff_id: str) -> str | None:
    s = ctx.staff_by_id.get(staff_id)
    return None if s is None else s.community_id


def _community_score(c: Community, ctx: _Context) -> CommunityScore:
    grids = ctx.grids.get(c.id, [])
    # Its own staff, and those of other communities named as its grids' workers (which
    # the grid-worker check reports): not every staff member of the banner for each one.
    own = ctx.staff.get(c.id, [])
    workers = (ctx.staff_by_id.get(g.worker_id) for g in grids if g.worker_id is not None)
    lent = list({s.id: s for s in workers if s is not None and s.community_id != c.id}.values())
    staffing = staffing_findings(
        c, [*own, *lent], as_of=ctx.as_of, policy=ctx.policy, grids=grids, lang=ctx.lang
    )
    zeros, sunshine = _service(c, ctx)
    scores = [
        _has_people(c, ctx, staffing),
        _has_money(c, ctx),
        _has_venue(c, ctx),
        _regional_party_building(c, ctx),
        _grid_management(c, ctx, staffing),
        _fine_grained_service(c, ctx),
        _no_data(
            Dimension.INFORMATION_SUPPORT,
            c,
            ctx,
            "远程教育站点",
            "remote-education stations",
        ),
        sunshine,
        _caring(c, ctx),
        _health_leisure(c, ctx),
        _no_data(
            Dimension.LEARNING,
            c,
            ctx,
            "远程教育放映、讲座和宣传活动",
            "remote-education showings, lectures or campaigns",
        ),
        _floating_population(c, ctx),
        _safety(c, ctx),
        _party_harbour(c, ctx),
    ]
    return CommunityScore(
        community_id=c.id,
        name=c.name,
        dimensions={s.dimension: s for s in scores},
        seven_zeros=zeros,
    )


def _banner_zeros(parts: Sequence[SevenZeros]) -> SevenZeros:
    completed = sum(z.completed for z in parts)
    late = sum(z.late_completions for z in parts)
    return SevenZeros(
        backlog=sum(z.backlog for z in parts),
        complaints=sum(z.complaints for z in parts),
        fees_charged=sum((z.fees_charged for z in parts), Decimal(0)),
        late_completions=late,
        completed=completed,
        on_time_share=(completed - late) / completed if completed else None,
        unjudged=sum(z.unjudged for z in parts),
    )


def _banner(communities: Sequence[CommunityScore], lang: Lang) -> CommunityScore:
    """The banner: each dimension's mean over the communities that have a score."""
    dims: dict[Dimension, DimensionScore] = {}
    for d in Dimension:
        found = [f for cs in communities for f in cs.dimensions[d].findings]
        scores = [s for cs in communities if (s := cs.dimensions[d].score) is not None]
        if not scores:
            dims[d] = _unscored(d, found, lang, "各社区均无得分", "no community has a score")
            continue
        score = _round_half_up(Fraction(sum(scores), len(scores)))
        dims[d] = DimensionScore(
            dimension=d,
            score=score,
            findings=Findings(dict.fromkeys(found), lang),
            explanation=pick(
                lang,
                f"{len(scores)}个社区得分均值 = {score}",
                f"mean of {len(scores)} communities' scores = {score}"
                if len(scores) > 1
                else f"the one community's score = {score}",
            ),
        )
    return CommunityScore(
        community_id=None,
        name=pick(lang, "全旗", "banner"),
        dimensions=dims,
        seven_zeros=_banner_zeros([cs.seven_zeros for cs in communities]),
    )


def scorecard(
    dataset: Dataset,
    *,
    as_of: dt.date,
    policy: Policy,
    calendar: WorkCalendar | None = None,
    lang: Lang = "zh",
    scoring: ScoringPolicy = DEFAULT_SCORING,
    visit_policy: VisitPolicy = DEFAULT_VISIT_POLICY,
) -> Scorecard:
    """The 三有四化 / 六园一港 scorecard of every community and of the banner on ``as_of``.

    Each :class:`Dimension` is scored 0–100 by the formula in its function's docstring
    (and in each score's ``explanation``) from the findings of the staffing, funding,
    facilities, governance, party, visiting and SLA rules, under ``policy`` (national
    or the seed's local standards: :func:`~shequ_core.policy.seed_policy`); None where
    the data or the policy cannot say. ``calendar`` judges the service requests'
    deadlines; None means the national calendar, :func:`~shequ_core.calendar.china_calendar`.
    Pure: everything it reads is an argument. Messages are in ``lang`` (``"zh"`` or
    ``"en"``).
    """
    if lang not in ("zh", "en"):
        msg = f"must be 'zh' or 'en', got {lang!r}"
        raise ValidationError([Problem("lang", msg, "invalid_argument")], subject="scorecard")
    ctx = _context(
        dataset,
        as_of=as_of,
        policy=policy,
        calendar=china_calendar() if calendar is None else calendar,
        scoring=scoring,
        visit_policy=visit_policy,
        lang=lang,
    )
    communities = {c.id: _community_score(c, ctx) for c in dataset.communities}
    banner = _banner(list(communities.values()), lang)
    everything = [f for cs in communities.values() for f in cs.findings]
    return Scorecard(
        as_of=as_of,
        policy_name=policy.name,
        lang=lang,
        communities=communities,
        banner=banner,
        findings=Findings(dict.fromkeys(everything), lang),
    )

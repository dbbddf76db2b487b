"""The visiting policy: how often each kind of resident is visited, and why that often.

References:
    **National law sets no visit frequency for the must-visit groups** (四个必访); their
    cadences in :data:`DEFAULT_VISIT_POLICY` are local practice and say so in their
    basis, as is the 5-year 安置帮教 period after release (one province's document, 福建省
    刑满释放人员分类帮教办法 第2条, local practice elsewhere) and community correction,
    for which the 社区矫正法 (2019-12-28, in force 2020-07-01) 第26条 has on-site visits
    at no fixed frequency.

    **Elders in special difficulty are visited every month**: 民政部 and nine other
    departments' 《关于开展特殊困难老年人探访关爱服务的指导意见》 (October 2022, a
    normative document, not a statute) covers 独居、空巢、留守、失能、重残、计划生育特殊
    家庭 elders and sets a monthly visit rate (月探访率) of 100 % by the end of 2025; the
    six elder kinds (:attr:`AttentionKind.is_elder_in_special_difficulty`) are monthly
    on that basis. :mod:`shequ_core.rules.visiting` says how a visit falls due.

Limitations:
    * The 14 days at high risk are local practice for every kind, elders included.
    * Provincial cadences are not shipped. Inner Mongolia's implementing opinion
      (high-risk elders weekly and within 24 hours of a major event, key elders monthly,
      others quarterly) was seen only as a newspaper's paraphrase (北方新报, 2022-06-23),
      without its title, number or text; load it as a profile of your own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import attrs
from dateutil.relativedelta import relativedelta

from shequ_core.entities import AttentionKind, Basis, BasisKind, RiskLevel
from shequ_core.errors import Loc
from shequ_core.policy._texts import ELDER_VISITING_GUIDANCE_2022, FUJIAN_RESETTLEMENT, cite
from shequ_core.validation import (
    Record,
    check_count,
    check_enum,
    check_instance,
    check_opt_instance,
    md,
)

__all__ = ["DEFAULT_VISIT_POLICY", "Cadence", "Interval", "VisitPolicy"]

_NO_BASIS = Basis(title="set by the user (no basis given)", kind=BasisKind.LOCAL_PRACTICE)


@attrs.frozen(kw_only=True)
class Interval(Record):
    """A span of years, months and days with its basis; months are calendar months.

    Added with relativedelta, so one month after 31 January is the last day of
    February. A day past the last representable date is clipped to ``date.max``.
    """

    years: int = attrs.field(default=0, metadata=md("年", check_count))
    months: int = attrs.field(default=0, metadata=md("月", check_count))
    days: int = attrs.field(default=0, metadata=md("日", check_count))
    basis: Basis = attrs.field(
        default=_NO_BASIS, metadata=md("依据", check_instance(Basis, "a Basis"))
    )

    @property
    def is_zero(self) -> bool:
        """No years, months or days: not a usable cadence."""
        return not (self.years or self.months or self.days)

    def after(self, day: dt.date) -> dt.date:
        """The day this span after ``day``."""
        return self.adder()(day)

    def adder(self) -> Callable[[dt.date], dt.date]:
        """A fast ``day -> day + span``, built once per call of a rule.

        Month arithmetic (relativedelta) is slow and a city's visits fall on a few
        thousand distinct days, so its results are remembered for the life of the adder.
        """
        return _adder(self)

    def __str__(self) -> str:
        parts = [(self.years, "year"), (self.months, "month"), (self.days, "day")]
        text = ", ".join(f"{n} {unit}{'s' if n != 1 else ''}" for n, unit in parts if n)
        return text or "0 days"


def _adder(span: Interval) -> Callable[[dt.date], dt.date]:
    """A fast ``day -> day + span``, built once per call of a rule.

    Month arithmetic (relativedelta) is slow and a city's visits fall on a few thousand
    distinct days, so its results are remembered for the life of the adder.
    """
    if span.years or span.months:
        rd = relativedelta(years=span.years, months=span.months, days=span.days)
        memo: dict[dt.date, dt.date] = {}

        def add_months(day: dt.date) -> dt.date:
            result = memo.get(day)
            if result is None:
                try:
                    result = day + rd
                except (OverflowError, ValueError):
                    result = dt.date.max
                memo[day] = result
            return result

        return add_months
    delta = dt.timedelta(days=span.days)

    def add_days(day: dt.date) -> dt.date:
        try:
            return day + delta
        except OverflowError:
            return dt.date.max

    return add_days


def _check_by_risk(value: object) -> str | None:
    if not isinstance(value, Mapping):
        return f"must be a mapping of risk levels to intervals, got {type(value).__name__}"
    for k, v in value.items():
        if not isinstance(k, RiskLevel):
            return "must have risk levels (low, medium, high) as keys"
        if not isinstance(v, Interval):
            return f"must map {k.value} to an Interval, got {type(v).__name__}"
        if v.is_zero:
            return f"must give {k.value} a cadence longer than 0 days"
    return None


def _to_dict(value: Any) -> Any:
    """A private copy of a mapping, so the caller's dict and ours never alias."""
    return dict(value) if isinstance(value, Mapping) else value


@attrs.frozen(kw_only=True)
class Cadence(Record):
    """How often a kind is visited: ``every``, unless ``by_risk`` says otherwise for a level."""

    every: Interval = attrs.field(metadata=md("周期", check_instance(Interval, "an Interval")))
    by_risk: Mapping[RiskLevel, Interval] = attrs.field(
        factory=dict, converter=_to_dict, hash=False, metadata=md("按风险等级", _check_by_risk)
    )

    def _invariants(self) -> Iterable[tuple[Loc | str, str]]:
        if self.every.is_zero:
            yield "every", "must be longer than 0 days"

    def for_risk(self, risk: RiskLevel) -> Interval:
        """The cadence for a resident at ``risk``."""
        return self.by_risk.get(risk, self.every)


def _check_cadences(value: object) -> str | None:
    if not isinstance(value, Mapping):
        return f"must be a mapping of attention kinds to cadences, got {type(value).__name__}"
    for k, v in value.items():
        if not isinstance(k, AttentionKind):
            return "must have attention kinds as keys"
        if not isinstance(v, Cadence):
            return f"must map {k.value} to a Cadence, got {type(v).__name__}"
    return None


@attrs.frozen(kw_only=True)
class VisitPolicy(Record):
    """Every number the visiting rules compare against, each with its basis.

    ``cadences`` lists the kinds in scope: a kind without a cadence is never due.
    ``resettlement_period`` (安置帮教) limits ``RELEASED_PRISONER``; None means no limit.
    Change one number with ``attrs.evolve(DEFAULT_VISIT_POLICY, initial=Interval(days=3))``
    or :meth:`with_cadence`.
    """

    cadences: Mapping[AttentionKind, Cadence] = attrs.field(
        converter=_to_dict, hash=False, metadata=md("走访周期", _check_cadences)
    )
    initial: Interval = attrs.field(
        metadata=md("首访期限", check_instance(Interval, "an Interval"))
    )
    dispute_follow_up: Interval = attrs.field(
        metadata=md("纠纷回访期", check_instance(Interval, "an Interval"))
    )
    resettlement_period: Interval | None = attrs.field(
        default=None, metadata=md("安置帮教期", check_opt_instance(Interval, "an Interval"))
    )
    dispute_risk: RiskLevel = attrs.field(
        default=RiskLevel.MEDIUM, metadata=md("纠纷风险等级", check_enum(RiskLevel))
    )

    def _invariants(self) -> Iterable[tuple[Loc | str, str]]:
        if self.resettlement_period is not None and self.resettlement_period.is_zero:
            yield "resettlement_period", "must be longer than 0 days (or None for no limit)"

    def with_cadence(self, kind: AttentionKind, cadence: Cadence | None) -> VisitPolicy:
        """The same policy with ``kind`` visited at ``cadence`` (None: not in scope)."""
        cadences = dict(self.cadences)
        if cadence is None:
            cadences.pop(kind, None)
        else:
            cadences[kind] = cadence
        return attrs.evolve(self, cadences=cadences)


def _local(days: int = 0, months: int = 0, *, what: str) -> Interval:
    """A number of local practice: no national norm sets it."""
    title = f"local practice, no national norm: {what}"
    return Interval(
        months=months, days=days, basis=Basis(title=title, kind=BasisKind.LOCAL_PRACTICE)
    )


def _default_policy() -> VisitPolicy:
    high = _local(14, what="every 14 days at high risk")
    monthly = Cadence(
        every=_local(months=1, what="monthly 走访 of the 察右前旗 seed's groups"),
        by_risk={RiskLevel.HIGH: high},
    )
    correction = Cadence(
        every=Interval(
            months=1,
            basis=Basis(
                title="社区矫正法 (2019) sets no visit frequency; monthly is local practice",
                article="第26条",
                effective_from=dt.date(2020, 7, 1),
                kind=BasisKind.LOCAL_PRACTICE,
            ),
        ),
        by_risk={RiskLevel.HIGH: high},
    )
    elders = Cadence(
        every=Interval(
            months=1,
            basis=cite(ELDER_VISITING_GUIDANCE_2022, "工作目标：到2025年年底月探访率达到100%"),
        ),
        by_risk={RiskLevel.HIGH: high},
    )
    kinds = [
        AttentionKind.RELEASED_PRISONER,
        AttentionKind.DISPUTE_FAMILY,
        AttentionKind.PETITIONER,
        AttentionKind.AT_RISK_YOUTH,
        AttentionKind.SCHOOL_DROPOUT,
        AttentionKind.LONELY_ELDER,
        AttentionKind.EMPTY_NEST_ELDER,
        AttentionKind.HARDSHIP_FAMILY,
    ]
    kinds += [k for k in AttentionKind if k.is_elder_in_special_difficulty and k not in kinds]
    cadences = {k: elders if k.is_elder_in_special_difficulty else monthly for k in kinds}
    cadences[AttentionKind.COMMUNITY_CORRECTION] = correction
    return VisitPolicy(
        cadences=cadences,
        initial=_local(7, what="first visit within 7 days of coming into scope"),
        dispute_follow_up=_local(30, what="回访 through 30 days after a dispute closes"),
        resettlement_period=Interval(years=5, basis=cite(FUJIAN_RESETTLEMENT, "第2条")),
    )


#: The defaults: the four must-visit groups, hardship families and community correction
#: monthly as local practice; the six kinds of elder in special difficulty monthly by
#: the 2022 national guidance; every 14 days at high risk (local practice); the 5-year
#: 安置帮教 period from provincial documents.
DEFAULT_VISIT_POLICY: VisitPolicy = _default_policy()

"""What the election rules share: the result record, the law of a day, argument checks."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import Any

import attrs

from shequ_core.entities import Basis, ElectionKind
from shequ_core.errors import Problem, ValidationError
from shequ_core.policy import FIRST_DAY, Policy, Threshold, national_policy
from shequ_core.validation import check_date, field_problems

__all__ = [
    "RuleResult",
    "check_day",
    "check_kind",
    "law_of",
    "no_rule",
    "rule_result",
    "who_elects",
]


@attrs.frozen(kw_only=True)
class RuleResult:
    """What a rule of the election law says about a case, and why.

    ``holds`` is True or False when the law of the day sets the rule, None when it
    sets none (the national law before 2026 set no turnout, majority or recall share:
    the provinces did), so ask ``result.holds is True`` rather than the result itself.
    ``threshold`` is the share as an exact fraction, ``inclusive``
    whether the law says 以上 (the share itself suffices) or 超过/过半数 (more than the
    share); ``part`` of ``whole`` is what was counted, ``needed`` the fewest of
    ``whole`` that meet the share. ``basis`` is the text and article the rule rests on
    (where the law sets none, the article of the law of the day that says who elects).
    """

    holds: bool | None
    basis: Basis
    explanation: str
    explanation_zh: str
    threshold: Fraction | None = None
    inclusive: bool | None = None
    part: int | None = None
    whole: int | None = None
    needed: int | None = None

    @property
    def article(self) -> str | None:
        """The article the rule rests on (``第十九条第一款``)."""
        return self.basis.article

    @property
    def comparison(self) -> str | None:
        """The law's word for the comparison: 以上 (at least) or 超过 (more than)."""
        if self.inclusive is None:
            return None
        return "以上" if self.inclusive else "超过"


def rule_result(
    threshold: Threshold, part: int, whole: int, *, what_en: str, what_zh: str
) -> RuleResult:
    """The result of comparing ``part`` of ``whole`` with ``threshold``, explained."""
    holds = threshold.met(part, whole)
    need = threshold.minimum_part(whole)
    verdict_zh = "符合" if holds else "不符合"
    verdict_en = "met" if holds else "not met"
    return RuleResult(
        holds=holds,
        basis=threshold.basis,
        threshold=threshold.share.fraction,
        inclusive=threshold.inclusive,
        part=part,
        whole=whole,
        needed=need,
        explanation_zh=(
            f"{what_zh}{part}/{whole}，须{threshold.describe('zh')}"
            f"（至少{need if need is not None else '—'}），{verdict_zh}（{threshold.basis}）"
        ),
        explanation=(
            f"{what_en}: {part} of {whole}, {threshold.describe('en')} required "
            f"(at least {need if need is not None else '—'}): {verdict_en} ({threshold.basis})"
        ),
    )


def law_of(day: dt.date, policy: Policy | None, field: str) -> Any:
    """The number ``field`` of the law in force on ``day``: the policy's when its basis is
    in force that day (a province's profile, or the national numbers of that day),
    otherwise the national number of ``day`` (None where that law sets none)."""
    if policy is not None:
        value = getattr(policy, field)
        basis = getattr(value, "basis", None)
        if isinstance(basis, Basis) and basis.in_force(day):
            return value
    if day < FIRST_DAY:
        return None
    return getattr(national_policy(day), field)


def who_elects(day: dt.date, policy: Policy | None) -> Basis:
    """The article of the law of ``day`` that says who elects and for how long (2018
    第八条, 2025 第十四条): what a result cites where the law sets no number."""
    term = law_of(day, policy, "committee_term_years")
    if term is None:  # before the 1989 law: cite the earliest text the library has
        term = national_policy(FIRST_DAY).committee_term_years
    basis: Basis = term.basis
    return basis


def no_rule(day: dt.date, policy: Policy | None, *, what_en: str, what_zh: str) -> RuleResult:
    """The result where the law of ``day`` sets no such number."""
    basis = who_elects(day, policy)
    return RuleResult(
        holds=None,
        basis=basis,
        explanation_zh=f"{day}适用的{basis.title}未规定{what_zh}，适用省级实施办法或选举办法",
        explanation=(
            f"the law in force on {day} ({basis.title}) sets no {what_en}: "
            "the province's implementing or election rules apply"
        ),
    )


def check_day(subject: str, name: str, value: object) -> dt.date:
    """``value`` itself when it is a date (not a datetime), else a ValidationError."""
    problems = field_problems(name, check_date, value)
    if problems:
        raise ValidationError(problems, subject=subject)
    return value  # type: ignore[return-value]  # check_date passed it: a date


def check_kind(subject: str, kind: object) -> ElectionKind:
    """``kind`` itself when it is an :class:`ElectionKind`, else a ValidationError."""
    if not isinstance(kind, ElectionKind):
        msg = f"must be an ElectionKind, got {kind!r}"
        raise ValidationError([Problem("kind", msg, "invalid_argument")], subject=subject)
    return kind

"""Composing a score: the shares a dimension averages, the points it takes off, the notes.

A dimension scores ``100 × mean(parts)`` (100 without parts) less its deductions,
floored at 0 and rounded half up; its ``explanation`` writes the same sum with its
figures. The points are :class:`~shequ_core.policy.ScoringPolicy`'s.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from fractions import Fraction

import attrs

from shequ_core.entities import Basis
from shequ_core.policy import SEED_SCORING, ScoringPolicy, cite
from shequ_core.rules._findings import (
    Figure,
    Finding,
    Findings,
    Severity,
    is_undefined_figure,
    pick,
    undefined_figure,
)
from shequ_core.rules._ids import RuleId
from shequ_core.rules.assessment._results import Dimension, DimensionScore
from shequ_core.rules.assessment._summary import round_half_up
from shequ_core.text import Lang

__all__ = [
    "Deduction",
    "Part",
    "compose",
    "no_data",
    "note",
    "penalties",
    "seed",
    "unscored",
]


def seed(article: str) -> Basis:
    """The seed article (察右前旗, 2018) as a scorecard's note cites it: ``article`` names
    the part of 三有四化 / 六园一港 the note is about."""
    return cite(SEED_SCORING, article)


def _pct(x: Fraction) -> str:
    return f"{float(x * 100):.0f}%"


@attrs.frozen
class Part:
    """A share (0 to 1) that a dimension averages, named for the explanation."""

    zh: str
    en: str
    value: Fraction


@attrs.frozen
class Deduction:
    """Points taken off: ``count`` times ``points``, named for the explanation."""

    zh: str
    en: str
    points: int
    count: int


def penalties(findings: Iterable[Finding], scoring: ScoringPolicy) -> list[Deduction]:
    """The deductions for the rule findings a penalty-scored dimension rests on."""
    found = list(findings)
    v = sum(1 for f in found if f.severity is Severity.VIOLATION)
    a = sum(1 for f in found if f.severity is Severity.ADVISORY)
    m = sum(1 for f in found if is_undefined_figure(f))
    return [
        Deduction("违反规定", "violations", scoring.violation_points, v),
        Deduction("建议整改", "advisories", scoring.advisory_points, a),
        Deduction("数据缺失", "figures missing", scoring.missing_points, m),
    ]


def compose(
    dimension: Dimension,
    findings: Iterable[Finding],
    lang: Lang,
    *,
    parts: Sequence[Part] = (),
    deductions: Sequence[Deduction] = (),
) -> DimensionScore:
    """``100 × mean(parts)`` (100 without parts) less the deductions, floored at 0."""
    base = sum((p.value for p in parts), Fraction(0)) / len(parts) if parts else Fraction(1)
    taken = sum(d.points * d.count for d in deductions)
    exact = max(Fraction(0), 100 * base - taken)
    score = round_half_up(exact)
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


def unscored(
    dimension: Dimension, findings: Iterable[Finding], lang: Lang, why_zh: str, why_en: str
) -> DimensionScore:
    """A dimension without a score (None), and why."""
    return DimensionScore(
        dimension=dimension,
        score=None,
        findings=Findings(dict.fromkeys(findings), lang),
        explanation=pick(lang, why_zh, why_en),
    )


def note(
    rule_id: RuleId,
    subject: str,
    message: str,
    basis: Basis,
    *,
    severity: Severity = Severity.INFO,
    actual: Figure = None,
    required: Figure = None,
) -> Finding:
    """A finding of the scorecard's own (``scorecard.*``), ``INFO`` unless said."""
    return Finding(
        rule=rule_id,
        subject_id=subject,
        severity=severity,
        message=message,
        basis=basis,
        actual=actual,
        required=required,
    )


def no_data(
    dimension: Dimension, community_id: str, lang: Lang, zh: str, en: str
) -> DimensionScore:
    """A dimension the entity model records nothing for (``zh``/``en`` name what): no
    score, and a note saying so."""
    msg = pick(lang, f"数据模型未记录{zh}，无法评分", f"the data model records no {en}: no score")
    basis = seed(f"{dimension.group}·{dimension.label_zh}")
    return unscored(
        dimension,
        [undefined_figure(RuleId.SCORECARD_NO_DATA, community_id, message=msg, basis=basis)],
        lang,
        f"无{zh}数据",
        f"no data on {en}",
    )

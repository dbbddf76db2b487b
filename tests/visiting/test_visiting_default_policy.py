"""The numbers of the default visit policy and where each says it comes from.

National law sets no visit frequency for these groups (rules-reference §5), so every
cadence is marked local practice; the 5-year 安置帮教 period cites its provincial
document and community correction the 社区矫正法. The policy is built by a factory at
import; the tests read what the factory builds.
"""

from __future__ import annotations

import datetime as dt

from shequ_core.entities import AttentionKind, RiskLevel
from shequ_core.policy import _visits as visiting
from shequ_core.rules.visiting import DEFAULT_VISIT_POLICY, Interval

LOCAL = "local practice, no national norm (rules-reference §5): "


def _span(i: Interval) -> tuple[int, int, int]:
    return (i.years, i.months, i.days)


def test_the_factory_builds_the_module_default() -> None:
    assert visiting._default_policy() == DEFAULT_VISIT_POLICY


def test_every_kind_but_disabled_is_visited_monthly_or_every_14_days_at_high_risk() -> None:
    p = visiting._default_policy()
    assert set(p.cadences) == set(AttentionKind) - {AttentionKind.DISABLED}
    for kind, cadence in p.cadences.items():
        assert _span(cadence.every) == (0, 1, 0), kind
        assert set(cadence.by_risk) == {RiskLevel.HIGH}, kind
        high = cadence.by_risk[RiskLevel.HIGH]
        assert _span(high) == (0, 0, 14)
        assert high.basis.title == LOCAL + "every 14 days at high risk"
        assert _span(cadence.for_risk(RiskLevel.LOW)) == (0, 1, 0)


def test_each_number_names_its_basis() -> None:
    p = visiting._default_policy()
    monthly = p.cadences[AttentionKind.LONELY_ELDER].every.basis
    assert monthly.title == LOCAL + "monthly 走访 of the 察右前旗 seed's groups"
    assert (monthly.article, monthly.effective_from) == (None, None)
    correction = p.cadences[AttentionKind.COMMUNITY_CORRECTION].every.basis
    assert correction.title == (
        "社区矫正法 (2019) sets no visit frequency; monthly is local practice"
    )
    assert correction.article == "第26条"
    assert correction.effective_from == dt.date(2020, 7, 1)  # the law's commencement

    assert _span(p.initial) == (0, 0, 7)
    assert p.initial.basis.title == LOCAL + "first visit within 7 days of coming into scope"
    assert _span(p.dispute_follow_up) == (0, 0, 30)
    assert p.dispute_follow_up.basis.title == (
        LOCAL + "回访 through 30 days after a dispute closes"
    )
    assert p.resettlement_period is not None
    assert _span(p.resettlement_period) == (5, 0, 0)
    assert p.resettlement_period.basis.article == "第2条"
    assert "刑满释放5年内" in p.resettlement_period.basis.title


def test_a_cadence_of_nothing_is_refused() -> None:
    import pytest

    from shequ_core.errors import ValidationError
    from shequ_core.rules.visiting import Cadence

    with pytest.raises(ValidationError) as info:
        Cadence(every=Interval())
    assert [(p.path, p.message) for p in info.value.problems] == [
        ("every", "must be longer than 0 days")
    ]
    assert info.value.subject == "Cadence"

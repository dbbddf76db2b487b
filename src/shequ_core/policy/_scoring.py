"""The scorecard's points and targets: what a finding costs, and the local targets.

References:
    The targets are the seed article's own figures (察右前旗新型社区建设经验, 2018):
    "60 and more" partner units for the banner's communities (区域化党建) and "10 and
    more" culture and sports teams for about 18,000 households (康乐家园). The points
    are shequ_core's own scale, not any text's: a scorecard is a reading aid, not a
    finding of law.
"""

from __future__ import annotations

import attrs

from shequ_core.entities import Basis, BasisKind
from shequ_core.policy._kinds import Count
from shequ_core.policy._texts import cite
from shequ_core.validation import Fault, Record, check_count, md

__all__ = ["DEFAULT_SCORING", "ScoringPolicy"]

#: The seed article as the scorecard's dimensions cite it.
SEED_SCORING = Basis(title="察右前旗新型社区建设经验（2018）", kind=BasisKind.LOCAL_PRACTICE)


def _check_target(value: object) -> str | None:
    if not isinstance(value, Count):
        return Fault("wrong_type", f"must be a Count, got {type(value).__name__}")
    if value.value <= 0:
        return Fault("out_of_range", "must be more than 0")
    return None


@attrs.frozen(kw_only=True)
class ScoringPolicy(Record):
    """The points and targets of the scorecard's formulas, with the targets' bases.

    A finding of a rule a dimension rests on costs ``violation_points``,
    ``advisory_points``, or ``missing_points`` when it only says a figure cannot be
    computed (an INFO finding without an actual figure: the office should keep that
    record). Each breached request, complaint and fee-charging completion costs
    ``seven_zeros_points``. The targets are local: the seed pairs "60 and more" units
    with its communities and counts "10 and more" culture and sports teams for about
    18,000 households. Change one with ``attrs.evolve(DEFAULT_SCORING, ...)``.
    """

    violation_points: int = attrs.field(default=25, metadata=md("违反规定扣分", check_count))
    advisory_points: int = attrs.field(default=10, metadata=md("建议整改扣分", check_count))
    missing_points: int = attrs.field(default=5, metadata=md("数据缺失扣分", check_count))
    seven_zeros_points: int = attrs.field(default=10, metadata=md("七零扣分", check_count))
    partner_units: Count = attrs.field(
        default=Count(value=6, basis=cite(SEED_SCORING, "区域化党建：与60余个单位结对共建")),
        metadata=md("每社区共建单位目标", _check_target),
    )
    households_per_culture_team: Count = attrs.field(
        default=Count(value=2000, basis=cite(SEED_SCORING, "康乐家园：文体团队10余支")),
        metadata=md("每支文体团队户数", _check_target),
    )


#: The default points (25, 10, 5; 10 per non-zero of the seven zeros) and local targets
#: (6 partner units per community; one culture or sports team per 2,000 households).
DEFAULT_SCORING: ScoringPolicy = ScoringPolicy()

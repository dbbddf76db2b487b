"""The scorecard's remaining edges: a figure of nobody, a bad target, the visit policy.

Scores are worked out by hand from the caring dimension's formula,
``100 × mean(visit coverage, visits on time)``, on 2017-12-31 under the default visit
policy (first visit 7 days after coming into scope: local practice, rules-reference §5).
"""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

from shequ_core.calendar import china_calendar
from shequ_core.entities import (
    Attention,
    AttentionKind,
    Community,
    CommunityKind,
    Dataset,
    Employment,
    Household,
    Resident,
    Staff,
    StaffRole,
)
from shequ_core.errors import ValidationError
from shequ_core.policy import national_policy
from shequ_core.rules.assessment import (
    DEFAULT_SCORING,
    Dimension,
    ScoringPolicy,
    scorecard,
    summary,
)
from shequ_core.rules.visiting import DEFAULT_VISIT_POLICY

AS_OF = dt.date(2017, 12, 31)
NATIONAL = national_policy(AS_OF)
CAL = china_calendar()
K = AttentionKind


def problems(info: pytest.ExceptionInfo[ValidationError]) -> list[tuple[str, str]]:
    return [(p.path, p.message) for p in info.value.problems]


def community() -> Community:
    return Community(
        id="c",
        name="c社区",
        town="示例镇",
        kind=CommunityKind.ORDINARY,
        households=100,
        residents=300,
    )


def committee() -> tuple[Staff, ...]:
    return tuple(
        Staff(
            id=f"m{i}",
            community_id="c",
            name="甲",
            role=StaffRole.COMMITTEE_MEMBER,
            employment=Employment.TWO_COMMITTEES,
        )
        for i in range(5)
    )


def people(*residents: Resident) -> Dataset:
    return Dataset(
        communities=(community(),),
        staff=committee(),
        households=(Household(id="h", community_id="c", address="示例路1号"),),
        residents=residents,
    )


def resident(rid: str, kind: AttentionKind, since: dt.date) -> Resident:
    return Resident(
        id=rid,
        community_id="c",
        household_id="h",
        name="丙",
        attentions=(Attention(kind=kind, since=since),),
    )


def caring(ds: Dataset, **kw: object) -> int | None:
    card = scorecard(ds, as_of=AS_OF, policy=NATIONAL, calendar=CAL, **kw)  # type: ignore[arg-type]
    return card.communities["c"].score(Dimension.CARING)


def test_a_visit_due_on_as_of_is_not_yet_overdue() -> None:
    # In scope from 24 December: first visit due 31 December, as_of itself. Not met this
    # year (coverage 0) but not overdue (on time 100 %): mean 50.
    assert caring(people(resident("r1", K.LONELY_ELDER, dt.date(2017, 12, 24)))) == 50
    # One day earlier, due 30 December: overdue on the 31st, on time 0 %: mean 0.
    assert caring(people(resident("r1", K.LONELY_ELDER, dt.date(2017, 12, 23)))) == 0
    # Not yet due (since 25 December): in scope now but not overdue either.
    assert caring(people(resident("r1", K.LONELY_ELDER, dt.date(2017, 12, 25)))) == 50


def test_a_visit_policy_without_the_caring_kinds_leaves_caring_unscored() -> None:
    ds = people(
        resident("r1", K.LONELY_ELDER, dt.date(2017, 1, 1)),
        resident("r2", K.PETITIONER, dt.date(2017, 1, 1)),
    )
    petitioners_only = attrs.evolve(
        DEFAULT_VISIT_POLICY, cadences={K.PETITIONER: DEFAULT_VISIT_POLICY.cadences[K.PETITIONER]}
    )
    assert caring(ds) == 0  # the elder: never met, overdue since 8 January
    assert caring(ds, visit_policy=petitioners_only) is None
    card = scorecard(ds, as_of=AS_OF, policy=NATIONAL, calendar=CAL, visit_policy=petitioners_only)
    # The petitioner is still scored: never met and overdue.
    assert card.communities["c"].score(Dimension.FINE_GRAINED_SERVICE) == 0
    assert card.communities["c"].score(Dimension.SAFETY) is not None


def test_a_banner_summary_shows_a_figure_of_nobody_as_a_dash() -> None:
    s = summary(Dataset(communities=(community(),)), as_of=AS_OF)
    assert (s.secretary_mean_age, s.college_share) == (None, None)
    zh = dict(s.rows())
    assert zh["书记副书记平均年龄"] == "-" and zh["大专以上学历占比"] == "-"
    assert zh["统计日期"] == "2017-12-31" and zh["社区数"] == "1"
    en = dict(s.rows("en"))
    assert en["secretaries' and deputies' mean age"] == "-"
    assert en["share with junior college or more"] == "-"
    assert "secretaries' and deputies' mean age" in s.table("en")


def test_a_scoring_target_must_be_a_count() -> None:
    with pytest.raises(ValidationError) as info:
        ScoringPolicy(partner_units=6)  # type: ignore[arg-type]
    assert problems(info) == [("partner_units", "must be a Count, got int")]
    with pytest.raises(ValidationError) as info:
        attrs.evolve(DEFAULT_SCORING, households_per_culture_team=2000)
    assert problems(info) == [("households_per_culture_team", "must be a Count, got int")]


def test_a_scoring_target_must_be_more_than_0() -> None:
    target = DEFAULT_SCORING.partner_units
    with pytest.raises(ValidationError) as info:
        attrs.evolve(DEFAULT_SCORING, partner_units=attrs.evolve(target, value=0))
    assert problems(info) == [("partner_units", "must be more than 0")]
    one = attrs.evolve(DEFAULT_SCORING, partner_units=attrs.evolve(target, value=1))
    assert one.partner_units.value == 1  # a target of one unit is a target


def test_scorecard_table_headers_in_both_languages() -> None:
    card = scorecard(
        Dataset(communities=(community(),)), as_of=AS_OF, policy=NATIONAL, calendar=CAL
    )
    zh, _ = card.table_rows()
    en, _ = card.table_rows("en")
    assert zh[:2] == ["编号", "社区"] and en[:2] == ["id", "community"]
    assert zh[2:16] == [d.label("zh") for d in Dimension]
    assert en[2:16] == [d.label("en") for d in Dimension]


def test_scorecard_refuses_an_unknown_language_by_name() -> None:
    with pytest.raises(ValidationError) as info:
        scorecard(Dataset(), as_of=AS_OF, policy=NATIONAL, calendar=CAL, lang="fr")  # type: ignore[arg-type]
    assert info.value.subject == "scorecard"
    assert problems(info) == [("lang", "must be 'zh' or 'en', got 'fr'")]

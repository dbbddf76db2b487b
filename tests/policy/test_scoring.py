"""ScoringPolicy (``_scoring``): its targets are counts, and more than 0."""

from __future__ import annotations

import attrs
import pytest

from shequ_core.errors import ValidationError
from shequ_core.rules.assessment import (
    DEFAULT_SCORING,
    ScoringPolicy,
)
from tests.helpers import problems


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

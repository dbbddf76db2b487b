"""The statutory limits as data: their numbers and bases, pinned to the texts."""

from __future__ import annotations

from datetime import date

import pytest

from shequ_core.entities import Basis, TimeLimit, TimeUnit
from shequ_core.errors import ValidationError
from shequ_core.rules import sla
from shequ_core.rules.sla import limits
from shequ_core.rules.sla.limits import (
    JUDICIAL_CONFIRMATION_WINDOW,
    PETITION_HANDLING,
    PETITION_RECHECK,
    PETITION_REVIEW,
    PETITION_ROUTING,
    StatutoryLimit,
)

PETITIONS_IN_FORCE = date(2022, 5, 1)  # 信访工作条例, published 2022-02-25


@pytest.mark.parametrize(
    ("limit", "days", "cap", "title", "article"),
    [
        (PETITION_ROUTING, 15, 0, "信访工作条例", "第22条、第23条"),
        (PETITION_HANDLING, 60, 30, "信访工作条例", "第34条"),
        (PETITION_REVIEW, 30, 0, "信访工作条例", "第35条"),
        (PETITION_RECHECK, 30, 0, "信访工作条例", "第36条"),
        (JUDICIAL_CONFIRMATION_WINDOW, 30, 0, "中华人民共和国人民调解法", "第33条"),
    ],
)
def test_statutory_limits_follow_the_texts(
    limit: StatutoryLimit, days: int, cap: int, title: str, article: str
) -> None:
    # Bare 日 in each text: natural days (rules-reference §0, an inference).
    assert limit.limit == TimeLimit(amount=days, unit=TimeUnit.NATURAL_DAYS)
    assert limit.max_extension_days == cap
    assert (limit.basis.title, limit.basis.article) == (title, article)


def test_petition_limits_apply_from_2022_05_01() -> None:
    for limit in (PETITION_ROUTING, PETITION_HANDLING, PETITION_REVIEW, PETITION_RECHECK):
        assert limit.basis.effective_from == PETITIONS_IN_FORCE
        assert limit.basis.in_force(date(2022, 5, 1))
        assert not limit.basis.in_force(date(2022, 4, 30))


def test_judicial_confirmation_also_cites_the_civil_procedure_law() -> None:
    assert JUDICIAL_CONFIRMATION_WINDOW.basis.effective_from == date(2011, 1, 1)
    assert [str(b) for b in JUDICIAL_CONFIRMATION_WINDOW.see_also] == ["民事诉讼法 第205条"]


def test_statutory_limit_validates_its_fields() -> None:
    basis = Basis(title="某条例")
    limit = TimeLimit(amount=5, unit=TimeUnit.WORKING_DAYS)
    assert StatutoryLimit(limit, basis, None).max_extension_days is None
    with pytest.raises(ValidationError) as info:
        StatutoryLimit(limit=5, basis=basis, max_extension_days=-1)  # type: ignore[arg-type]
    assert {p.path for p in info.value.problems} == {"limit", "max_extension_days"}


def test_the_public_surface_is_exported() -> None:
    for module in (sla, limits):
        for name in module.__all__:
            assert hasattr(module, name)
    assert set(limits.__all__) <= set(sla.__all__)
    assert "ExtensionRefused" in sla.__all__

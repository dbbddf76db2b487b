"""The statutory limits as data (``_limits``): their numbers and bases, pinned to the
texts, and the checks of a StatutoryLimit.
"""

from __future__ import annotations

from datetime import date

import pytest

from shequ_core.entities import (
    Basis,
    TimeLimit,
    TimeUnit,
)
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
from tests.helpers import problems

PETITIONS_IN_FORCE = date(2022, 5, 1)  # 信访工作条例, published 2022-02-25
WORKING_5 = TimeLimit(amount=5, unit=TimeUnit.WORKING_DAYS)


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


@pytest.mark.parametrize(
    ("cap", "message"),
    [
        (-1, "must be 0 or more, got -1"),
        (True, "must be a whole number of days or None, got bool"),
        (1.5, "must be a whole number of days or None, got float"),
        ("30", "must be a whole number of days or None, got str"),
    ],
)
def test_an_extension_cap_is_none_or_a_whole_number(cap: object, message: str) -> None:
    basis = Basis(title="信访工作条例", article="第34条")
    with pytest.raises(ValidationError) as info:
        StatutoryLimit(limit=WORKING_5, basis=basis, max_extension_days=cap)  # type: ignore[arg-type]
    assert problems(info) == [("max_extension_days", message)]
    assert (
        StatutoryLimit(limit=WORKING_5, basis=basis, max_extension_days=0).max_extension_days == 0
    )


def test_bare_ri_is_read_as_natural_days() -> None:
    # The constants are built from this helper when the module is imported; calling it
    # here pins the reading itself (bare 日 = natural days, rules-reference §0) where a
    # changed helper would show, not only in the constants built before a test runs.
    from shequ_core.policy import _limits

    assert _limits._natural(15) == TimeLimit(amount=15, unit=TimeUnit.NATURAL_DAYS)
    assert _limits._natural(60) == limits.PETITION_HANDLING.limit

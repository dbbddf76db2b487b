"""The statutory limits as data (``_limits``): their numbers and bases, pinned to the
texts, and the checks of a StatutoryLimit.
"""

from __future__ import annotations

from datetime import date

import pytest

from shequ_core.entities import (
    Basis,
    BasisKind,
    TimeLimit,
    TimeUnit,
)
from shequ_core.errors import ValidationError
from shequ_core.policy import (
    ELECTION_HANDOVER,
    ELECTION_OBJECTION,
    ELECTION_OBJECTION_DECISION,
    ELECTION_VOTER_LIST_NOTICE,
    PETITION_ASSIGNMENT_OBJECTION,
    PETITION_RECHECK_REQUEST,
    PETITION_REVIEW_REQUEST,
    RESIDENTS_MEETING_NOTICE,
)
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
    # Bare 日 in each text: natural days (an inference: the texts say 工作日 when they
    # mean working days, as 信访工作条例 第23条 does).
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
    assert [str(b) for b in JUDICIAL_CONFIRMATION_WINDOW.see_also] == [
        "中华人民共和国民事诉讼法（2023年修正） 第205条"
    ]
    assert JUDICIAL_CONFIRMATION_WINDOW.see_also[0].kind is BasisKind.STATUTE
    assert JUDICIAL_CONFIRMATION_WINDOW.see_also[0].effective_from == date(2024, 1, 1)


class TestPetitionerAndCommitteeLawLimits:
    """The limits added from the texts themselves (信访工作条例 第23、35、36条; the 2025
    committee law 第十七、二十五、二十六条), each with its article, unit and force."""

    @pytest.mark.parametrize(
        ("limit", "amount", "unit", "article"),
        [
            # 第35条: 自收到书面答复之日起30日内请求……复查
            (PETITION_REVIEW_REQUEST, 30, TimeUnit.NATURAL_DAYS, "第35条"),
            # 第36条: 自收到书面答复之日起30日内……请求复核
            (PETITION_RECHECK_REQUEST, 30, TimeUnit.NATURAL_DAYS, "第36条"),
            # 第23条: 自收到之日起5个工作日内提出异议 (the text's one working-day limit)
            (PETITION_ASSIGNMENT_OBJECTION, 5, TimeUnit.WORKING_DAYS, "第23条"),
        ],
    )
    def test_the_petition_regulation(
        self, limit: StatutoryLimit, amount: int, unit: TimeUnit, article: str
    ) -> None:
        assert limit.limit == TimeLimit(amount=amount, unit=unit)
        assert (limit.basis.title, limit.basis.article) == ("信访工作条例", article)
        assert limit.max_extension_days == 0
        assert limit.basis.kind is BasisKind.PARTY_REGULATION  # 中共中央、国务院 jointly
        assert limit.basis.in_force(date(2022, 5, 1))
        assert not limit.basis.in_force(date(2022, 4, 30))

    @pytest.mark.parametrize(
        ("limit", "days", "article"),
        [
            (ELECTION_VOTER_LIST_NOTICE, 20, "第十七条"),  # 选举日的二十日前公布
            (ELECTION_OBJECTION, 5, "第十七条"),  # 自名单公布之日起五日内
            (ELECTION_OBJECTION_DECISION, 3, "第十七条"),  # 自收到申诉之日起三日内
            (ELECTION_HANDOVER, 10, "第二十五条"),  # 自新一届……产生之日起十日内
            (RESIDENTS_MEETING_NOTICE, 10, "第二十六条"),  # 提前十日通知居民
        ],
    )
    def test_the_2025_committee_law(self, limit: StatutoryLimit, days: int, article: str) -> None:
        assert limit.limit == TimeLimit(amount=days, unit=TimeUnit.NATURAL_DAYS)
        assert limit.basis.title == "中华人民共和国城市居民委员会组织法（2025年修订）"
        assert limit.basis.article == article
        assert limit.basis.kind is BasisKind.STATUTE
        # the 1989/2018 text set none of these periods: they apply from 2026-01-01
        assert limit.basis.in_force(date(2026, 1, 1))
        assert not limit.basis.in_force(date(2025, 12, 31))

    def test_every_limit_has_a_distinct_name(self) -> None:
        from shequ_core.policy import _limits as module

        found = [getattr(module, n) for n in module.__all__ if n != "StatutoryLimit"]
        names = [limit.name for limit in found]
        assert all(names) and len(set(names)) == len(names) == 13


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
    # here pins the reading itself (bare 日 = natural days, an inference) where a
    # changed helper would show, not only in the constants built before a test runs.
    from shequ_core.policy import _limits

    assert _limits._natural(15) == TimeLimit(amount=15, unit=TimeUnit.NATURAL_DAYS)
    assert _limits._natural(60) == limits.PETITION_HANDLING.limit

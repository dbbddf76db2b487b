"""The 12345 profiles and the mediation policy: each number as its text sets it, with its
article and force, and every profile round-trips through a profile file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from shequ_core.entities import BasisKind, Satisfaction, TimeUnit, Urgency
from shequ_core.errors import ValidationError
from shequ_core.policy import (
    BEIJING_2021,
    DEFAULT_MEDIATION_POLICY,
    HOTLINE_PROFILES,
    JINAN_2018,
    NATIONAL_2020,
    WEIFANG_2021,
    HotlineProfile,
    MediationPolicy,
    dump_policy,
    hotline_profile,
    load_policy,
    parse_policy,
)


def test_jinan_sets_five_working_days_to_reply_and_to_handle() -> None:
    for step, article in (("response", "第二十四条第一款"), ("handling", "第二十四条第一款第一项")):
        limit = getattr(JINAN_2018, step).default
        assert (limit.limit.amount, limit.limit.unit) == (5, TimeUnit.WORKING_DAYS)
        assert limit.basis.title == "济南市12345市民服务热线条例"
        assert limit.basis.article == article
        assert limit.basis.kind is BasisKind.LOCAL_REGULATION
        assert limit.max_extension_days is None  # 第二、三项: longer limits, told, no cap
    assert JINAN_2018.text.effective_from == dt.date(2018, 9, 1)
    assert JINAN_2018.reopen is not None and JINAN_2018.reopen.article == "第二十七条第二款"


def test_weifang_sets_only_the_handling_limit() -> None:
    limit = WEIFANG_2021.handling.default
    assert limit is not None
    assert (limit.limit.amount, limit.limit.unit, limit.basis.article) == (
        5,
        TimeUnit.WORKING_DAYS,
        "第二十条第一款第一项",
    )
    assert WEIFANG_2021.response.default is None
    assert WEIFANG_2021.text.effective_from == dt.date(2021, 12, 15)


@pytest.mark.parametrize("profile", [NATIONAL_2020, BEIJING_2021])
def test_texts_without_numbers_ship_none(profile: HotlineProfile) -> None:
    for step in (profile.response, profile.handling):
        assert (step.default, step.urgent, step.consultation) == (None, None, None)
    assert set(profile.bases()) <= {"text", "rates", "revisit"}  # no limit to cite


@pytest.mark.parametrize(
    ("day", "governs"), [(dt.date(2021, 9, 23), False), (dt.date(2021, 9, 24), True)]
)
def test_beijing_governs_from_the_day_it_was_adopted(day: dt.date, governs: bool) -> None:
    assert BEIJING_2021.in_force(day) is governs


def test_an_urgency_without_its_own_limit_takes_the_default() -> None:
    limits = JINAN_2018.handling
    for urgency in (None, *Urgency):
        assert limits.for_urgency(urgency) is limits.default


def test_profiles_are_found_by_name_and_a_wrong_name_is_refused() -> None:
    assert hotline_profile("jinan-2018") is JINAN_2018
    with pytest.raises(ValidationError, match="national-2020"):
        hotline_profile("shanghai")


def test_satisfied_means_satisfied_or_basically_by_default() -> None:
    assert JINAN_2018.rates.satisfied == {Satisfaction.SATISFIED, Satisfaction.BASICALLY_SATISFIED}


def test_the_mediation_policy_cites_each_period() -> None:
    p = DEFAULT_MEDIATION_POLICY
    assert (p.target.months, p.target.days) == (1, 0)
    assert p.target.basis.title == "人民调解工作若干规定（司法部令第75号）"
    assert p.target.basis.effective_from == dt.date(2002, 11, 1)
    assert (p.confirmation.limit.amount, p.confirmation.limit.unit) == (30, TimeUnit.NATURAL_DAYS)
    assert p.confirmation.basis.article == "第33条"
    assert p.follow_up is None  # 人民调解法 第三十一条 sets no period


@pytest.mark.parametrize("suffix", [".toml", ".json"])
@pytest.mark.parametrize(
    "policy",
    [*HOTLINE_PROFILES.values(), DEFAULT_MEDIATION_POLICY],
    ids=lambda p: getattr(p, "name", "mediation"),
)
def test_every_profile_dumps_and_loads_back_equal(
    tmp_path: Path, policy: HotlineProfile | MediationPolicy, suffix: str
) -> None:
    path = tmp_path / f"profile{suffix}"
    dump_policy(policy, path)
    assert load_policy(path) == policy
    assert load_policy(path, type(policy)) == policy


def test_a_city_writes_its_own_profile_on_a_shipped_one() -> None:
    text = """
kind = "hotline"
name = "my-city"

[response.urgent]
name = "紧急诉求响应"
max_extension_days = 0
limit = { amount = 2, unit = "hours" }
basis = { title = "某市12345热线工作规范", kind = "local_practice" }
"""
    city = parse_policy(text, base=JINAN_2018)
    assert isinstance(city, HotlineProfile)
    assert city.name == "my-city"
    urgent = city.response.for_urgency(Urgency.URGENT)
    assert urgent is not None and (urgent.limit.amount, urgent.limit.unit) == (2, TimeUnit.HOURS)
    assert city.handling == JINAN_2018.handling

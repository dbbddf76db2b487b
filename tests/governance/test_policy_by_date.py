"""The policy layer: numbers in force by date, each with its basis, and profiles on disk."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from fractions import Fraction

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from shequ_core.errors import ValidationError
from shequ_core.policy import (
    DEFAULT_SCORING,
    DEFAULT_SLA_POLICY,
    DEFAULT_VISIT_POLICY,
    Policy,
    Ratio,
    Threshold,
    dump_policy,
    load_policy,
    national_policy,
    parse_policy,
    policy_bases,
    policy_from_dict,
    policy_to_dict,
    seed_policy,
)

LAST_2018 = dt.date(2025, 12, 31)
FIRST_2025 = dt.date(2026, 1, 1)
policy_dates = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 12, 31))


def test_committee_law_numbers_switch_on_2026_01_01() -> None:
    old, new = national_policy(LAST_2018), national_policy(FIRST_2025)
    assert (old.committee_households.minimum, old.committee_households.maximum) == (100, 700)
    assert old.committee_households.basis.article == "第六条"
    assert (new.committee_households.minimum, new.committee_households.maximum) == (1000, 3000)
    assert new.committee_households.basis.article == "第三条"
    assert old.convening_adults.share.fraction == Fraction(1, 5)
    assert new.convening_adults.share.fraction == Fraction(1, 10)
    assert old.convening_groups is not None and old.convening_representatives is None
    assert new.convening_groups is None and new.convening_representatives is not None
    assert old.representatives_meeting_quorum is None
    assert new.representatives_meeting_quorum is not None
    assert old.committee_women is None and new.committee_women is not None
    assert old.households_per_representative is None
    assert new.households_per_representative is not None
    assert (
        new.households_per_representative.minimum,
        new.households_per_representative.maximum,
    ) == (20, 50)


def test_bases_carry_the_dates_of_their_text() -> None:
    old = national_policy(LAST_2018).committee_members.basis
    new = national_policy(FIRST_2025).committee_members.basis
    assert old.effective_to == LAST_2018 and old.in_force(LAST_2018)
    assert not old.in_force(FIRST_2025)
    assert new.effective_from == FIRST_2025 and new.effective_to is None
    assert "2025" in new.title and "2018" in old.title


def test_term_became_five_years_with_the_2018_amendment() -> None:
    assert national_policy(dt.date(2018, 12, 28)).committee_term_years.value == 3
    assert national_policy(dt.date(2018, 12, 29)).committee_term_years.value == 5
    assert national_policy(FIRST_2025).committee_term_years.value == 5


def test_mediation_law_numbers() -> None:
    p = national_policy(dt.date(2011, 1, 1))
    assert (p.mediation_members.minimum, p.mediation_members.maximum) == (3, 9)
    assert p.mediation_term_years.value == 3
    assert p.mediation_term_years.basis.title == "中华人民共和国人民调解法"
    assert p.mediation_term_years.basis.article == "第九条"
    before = national_policy(dt.date(2010, 12, 31)).mediation_members.basis
    assert "条例" in before.title


def test_planning_targets_start_with_the_plan() -> None:
    assert national_policy(dt.date(2021, 12, 26)).workers_per_10k is None
    p = national_policy(dt.date(2021, 12, 27))
    assert p.workers_per_10k is not None and p.workers_per_10k.value == 18
    assert p.facility_area_per_100_households is not None
    assert p.facility_area_per_100_households.value == 30


def test_no_national_numbers_before_the_1989_law() -> None:
    with pytest.raises(ValueError, match="1990-01-01"):
        national_policy(dt.date(1989, 12, 31))
    national_policy(dt.date(1990, 1, 1))


def test_seed_profile_adds_local_standards_only() -> None:
    national, seed = national_policy(FIRST_2025), seed_policy(FIRST_2025)
    assert national.service_hall_area_m2 is None and national.required_facilities is None
    assert seed.service_hall_area_m2 is not None and seed.service_hall_area_m2.value == 150
    assert seed.party_building_funds is not None
    assert seed.party_building_funds.value == Decimal(100000)
    assert seed.office_funds is not None and seed.office_funds.value == Decimal(20000)
    assert seed.required_facilities is not None and len(seed.required_facilities.kinds) == 8
    assert seed.committee_households == national.committee_households


@given(policy_dates)
def test_every_national_basis_is_in_force_on_its_date(day: dt.date) -> None:
    for field, basis in policy_bases(national_policy(day)).items():
        assert basis.in_force(day), field


@given(policy_dates, st.booleans())
def test_profiles_round_trip_through_the_converter(day: dt.date, seed: bool) -> None:
    policy = seed_policy(day) if seed else national_policy(day)
    data = policy_to_dict(policy)
    assert policy_from_dict(json.loads(json.dumps(data))) == policy


def test_toml_profile_changes_one_number_on_a_base() -> None:
    base = national_policy(FIRST_2025)
    text = "[committee_members]\nminimum = 5\nmaximum = 7\n"
    p = parse_policy(text, base=base)
    assert (p.committee_members.minimum, p.committee_members.maximum) == (5, 7)
    assert p.committee_members.basis == base.committee_members.basis
    assert attrs.evolve(p, committee_members=base.committee_members) == base


def test_json_and_toml_files_load(tmp_path) -> None:  # type: ignore[no-untyped-def]
    base = seed_policy(LAST_2018)
    j = tmp_path / "profile.json"
    j.write_text(json.dumps(policy_to_dict(base)), encoding="utf-8")
    assert load_policy(j) == base
    t = tmp_path / "profile.toml"
    t.write_text(
        'name = "henan"\n[committee_members]\nmaximum = 7\n'
        "[committee_members.basis]\ntitle = '河南省实施办法'\narticle = '第六条'\n"
        "effective_from = 2020-06-04\n",
        encoding="utf-8",
    )
    p = load_policy(str(t), base=base)
    assert p.name == "henan" and p.committee_members.maximum == 7
    assert p.committee_members.basis.effective_from == dt.date(2020, 6, 4)


def test_a_string_is_always_a_path(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """load_policy never guesses that a string is a profile's text: a missing file is a
    problem naming the file."""
    with pytest.raises(ValidationError) as err:
        load_policy('{"name": "x"}')
    assert [p.code for p in err.value.problems] == ["invalid_file"]
    assert err.value.problems[0].file == '{"name": "x"}'


@pytest.mark.parametrize("suffix", [".toml", ".json"])
@pytest.mark.parametrize(
    "policy",
    [
        national_policy(FIRST_2025),
        seed_policy(LAST_2018),
        DEFAULT_VISIT_POLICY,
        DEFAULT_SCORING,
        DEFAULT_SLA_POLICY,
    ],
    ids=["national", "seed", "visits", "scoring", "sla"],
)
def test_every_kind_of_policy_dumps_and_loads_back_equal(tmp_path, policy, suffix) -> None:  # type: ignore[no-untyped-def]
    """dump_policy writes the file's kind, so load_policy needs no class to read it back."""
    path = tmp_path / f"profile{suffix}"
    dump_policy(policy, path)
    assert load_policy(path) == policy
    assert load_policy(path, type(policy)) == policy


def test_a_file_of_another_kind_is_refused(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "visits.toml"
    dump_policy(DEFAULT_VISIT_POLICY, path)
    with pytest.raises(ValidationError) as err:
        load_policy(path, Policy)
    (problem,) = err.value.problems
    assert (problem.loc, problem.code, problem.file) == (("kind",), "unknown_value", "visits.toml")


def test_a_mistake_in_a_file_names_the_file_and_the_field(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "scoring.toml"
    path.write_text('kind = "scoring"\nviolation_points = -1\n', encoding="utf-8")
    with pytest.raises(ValidationError) as err:
        load_policy(path)
    (problem,) = err.value.problems
    assert (problem.path, problem.code, problem.file) == (
        "violation_points",
        "out_of_range",
        "scoring.toml",
    )
    assert str(problem).startswith("scoring.toml: violation_points: ")


def test_invalid_profile_lists_problems_with_paths() -> None:
    data = policy_to_dict(national_policy(FIRST_2025))
    data["committee_members"]["minimum"] = 10  # above the maximum of 9
    data["convening_adults"]["share"]["denominator"] = 0
    with pytest.raises(ValidationError) as info:
        policy_from_dict(data)
    paths = {p.path for p in info.value.problems}
    assert any(p.startswith("committee_members") for p in paths)
    assert any(p.startswith("convening_adults") for p in paths)


def test_threshold_reads_yishang_and_chaoguo_exactly() -> None:
    basis = national_policy(FIRST_2025).convening_adults.basis
    at_least = Threshold(share=Ratio(numerator=2, denominator=3), inclusive=True, basis=basis)
    more_than = attrs.evolve(at_least, inclusive=False)
    assert at_least.met(2, 3) and not more_than.met(2, 3)
    assert at_least.met(20, 30) and not at_least.met(19, 30)
    assert not at_least.met(0, 0) and not more_than.met(0, 0)


@given(st.integers(0, 5), st.integers(1, 6), st.booleans(), st.integers(0, 500))
def test_minimum_part_is_the_least_that_meets(n: int, d: int, inclusive: bool, whole: int) -> None:
    basis = national_policy(FIRST_2025).convening_adults.basis
    t = Threshold(share=Ratio(numerator=n, denominator=d), inclusive=inclusive, basis=basis)
    need = t.minimum_part(whole)
    meeting = [k for k in range(whole + 1) if t.met(k, whole)]
    # the integer oracle: k/whole >= n/d  <=>  k*d >= n*whole (and > for 超过)
    oracle = [
        k
        for k in range(whole + 1)
        if whole and (k * d >= n * whole if inclusive else k * d > n * whole)
    ]
    assert meeting == oracle
    assert need == (meeting[0] if meeting else None)
    # met is monotone in the part: everything from the least that meets also meets
    if meeting:
        assert meeting == list(range(meeting[0], whole + 1))

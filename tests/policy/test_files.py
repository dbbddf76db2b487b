"""Policy profiles on disk (``load_policy``, ``parse_policy``, ``dump_policy``,
``policy_to_dict``, ``policy_from_dict``): TOML and JSON, every kind of policy, and every
mistake named with its file and field.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

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
    ScoringPolicy,
    dump_policy,
    load_policy,
    national_policy,
    parse_policy,
    policy_from_dict,
    policy_to_dict,
    seed_policy,
)

LAST_2018 = dt.date(2025, 12, 31)
FIRST_2025 = dt.date(2026, 1, 1)
policy_dates = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 12, 31))


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


def test_a_profile_saved_by_notepad_with_a_byte_order_mark_loads(tmp_path: Path) -> None:
    """Windows Notepad writes UTF-8 with a BOM; that is still a profile, not bad TOML."""
    path = tmp_path / "scoring.toml"
    path.write_bytes(b"\xef\xbb\xbf" + b'kind = "scoring"\nviolation_points = 30\n')
    assert load_policy(path) == ScoringPolicy(violation_points=30)


def test_a_profile_in_gbk_is_refused_saying_how_to_fix_it(tmp_path: Path) -> None:
    path = tmp_path / "scoring.toml"
    path.write_bytes('kind = "scoring"\n# 河南省扣分标准\nviolation_points = 30\n'.encode("gbk"))
    with pytest.raises(ValidationError) as err:
        load_policy(path)
    (problem,) = err.value.problems
    assert (problem.code, problem.file) == ("invalid_file", "scoring.toml")
    assert "save it as UTF-8" in problem.message


def test_a_key_twice_in_a_json_profile_is_refused(tmp_path: Path) -> None:
    """json.loads keeps the last of two values: 25 points here, silently, where the
    author may have meant either."""
    path = tmp_path / "scoring.json"
    path.write_text('{"kind": "scoring", "violation_points": 30, "violation_points": 25}')
    with pytest.raises(ValidationError) as err:
        load_policy(path)
    (problem,) = err.value.problems
    assert (problem.loc, problem.code, problem.file) == (
        ("violation_points",),
        "duplicate_key",
        "scoring.json",
    )

"""The shared building blocks of ``shequ_core.strategies`` (``_common``): ids, names,
identity and phone numbers, and the argument checks every public strategy makes (bad
arguments are refused with InvalidArgument, as Hypothesis' own strategies do); and what
holds of every public strategy: each is checked here, yields valid records, and never
shows a full personal number.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

import shequ_core.strategies as S
from shequ_core import (
    Attention,
    Basis,
    CaseEvent,
    Community,
    Dataset,
    DisputeCase,
    DisputeStatus,
    Grid,
    Household,
    IdNumber,
    Meeting,
    PartnerUnit,
    Party,
    PartyMember,
    PhoneNumber,
    RequestEvent,
    Resident,
    ServiceItem,
    ServiceRequest,
    Sex,
    Staff,
    TimeLimit,
    Visit,
    Volunteer,
    VolunteerTeam,
)
from tests.helpers import reach
from tests.leaks import assert_hidden, secrets, shown

# Some calls pass the wrong type on purpose: users without a type checker will.
BAD: list[tuple[str, Callable[[], Any]]] = [
    ("min above max", lambda: S.residents(min_attentions=3, max_attentions=1)),
    ("negative size", lambda: S.residents(max_attentions=-1)),
    ("bool as size", lambda: S.datasets(max_residents=True)),
    ("float as size", lambda: S.datasets(max_visits=2.0)),  # type: ignore[arg-type]
    ("dataset min above max", lambda: S.datasets(min_residents=5, max_residents=2)),
    ("dataset negative", lambda: S.datasets(min_communities=-1)),
    ("need blocked by max", lambda: S.datasets(min_residents=1, max_households=0)),
    ("no visitor possible", lambda: S.datasets(min_visits=1, max_staff=0, max_volunteers=0)),
    ("one-sided dispute", lambda: S.dispute_cases(min_parties=1)),
    ("value for strategy", lambda: S.dispute_cases(statuses=DisputeStatus.CLOSED)),  # type: ignore[arg-type]
    ("string for strategy", lambda: S.residents(community_id="C1")),  # type: ignore[arg-type]
    ("date for strategy", lambda: S.service_requests(received_on=dt.date(2025, 1, 1))),  # type: ignore[arg-type]
    ("prefix with space", lambda: S.entity_ids(prefix=" R")),
    ("prefix not str", lambda: S.entity_ids(prefix=7)),  # type: ignore[arg-type]
    ("no phone kind", lambda: S.phone_numbers(mobile=False, landline=False)),
    ("phone kind not bool", lambda: S.phone_number_texts(mobile=1)),  # type: ignore[arg-type]
    ("zero time limit", lambda: S.time_limits(max_amount=0)),
    ("negative pauses", lambda: S.service_requests(max_pauses=-1)),
    ("zero extension days", lambda: S.request_events(max_extension_days=0)),
    ("negative mediators", lambda: S.dispute_cases(max_mediators=-2)),
    ("partner sizes", lambda: S.partner_units(max_communities=-1)),
    ("hostile not bool", lambda: S.residents(hostile=1)),  # type: ignore[arg-type]
    ("dataset hostile not bool", lambda: S.datasets(hostile="yes")),  # type: ignore[arg-type]
    ("id hostile not bool", lambda: S.entity_ids(hostile=None)),  # type: ignore[arg-type]
    ("unit hostile not bool", lambda: S.unit_names(hostile=1)),  # type: ignore[arg-type]
]


PEOPLE = [S.residents, S.staff_members, S.parties, S.dispute_cases]


CASES: list[tuple[Callable[[], st.SearchStrategy[Any]], type]] = [
    (S.attentions, Attention),
    (S.bases, Basis),
    (S.case_events, CaseEvent),
    (S.communities, Community),
    (S.datasets, Dataset),
    (S.dispute_cases, DisputeCase),
    (S.grids, Grid),
    (S.households, Household),
    (S.id_numbers, IdNumber),
    (S.meetings, Meeting),
    (S.parties, Party),
    (S.partner_units, PartnerUnit),
    (S.party_members, PartyMember),
    (S.phone_numbers, PhoneNumber),
    (S.request_events, RequestEvent),
    (S.residents, Resident),
    (S.service_items, ServiceItem),
    (S.service_requests, ServiceRequest),
    (S.staff_members, Staff),
    (S.time_limits, TimeLimit),
    (S.visits, Visit),
    (S.volunteer_teams, VolunteerTeam),
    (S.volunteers, Volunteer),
]


def rebuilt(x: Any) -> Any:
    """The same value constructed again, so that every check runs once more."""
    if isinstance(x, (IdNumber, PhoneNumber)):
        return type(x)(x.reveal())
    return attrs.evolve(x)


class TestEveryStrategy:
    """What holds of every public strategy."""

    def test_every_public_strategy_is_checked_here(self) -> None:
        tested = {f.__name__ for f, _ in CASES} | {"entity_ids", "phone_number_texts", "unit_names"}
        assert tested == set(S.__all__)

    @pytest.mark.parametrize(("factory", "cls"), CASES, ids=[c.__name__ for _, c in CASES])
    @given(data=st.data())
    def test_strategy_yields_valid_instances(
        self, factory: Callable[[], st.SearchStrategy[Any]], cls: type, data: st.DataObject
    ) -> None:
        x = data.draw(factory())
        assert type(x) is cls
        assert rebuilt(x) == x

    @pytest.mark.parametrize("factory", PEOPLE, ids=[f.__name__ for f in PEOPLE])
    @given(data=st.data())
    def test_records_do_not_show_full_numbers(self, factory: Any, data: st.DataObject) -> None:
        x = data.draw(factory())
        assert_hidden(shown(x), secrets(x))


class TestArguments:
    """Bad arguments are refused with InvalidArgument; the edges are accepted."""

    @pytest.mark.parametrize("call", [c for _, c in BAD], ids=[n for n, _ in BAD])
    def test_bad_arguments_are_refused(self, call: Callable[[], Any]) -> None:
        with pytest.raises(InvalidArgument):
            call()

    def test_birth_dates_an_identity_number_cannot_hold_are_refused(self) -> None:
        @given(S.id_numbers(birth_dates=st.just(dt.date(1899, 12, 31))))
        def draw(_: object) -> None:
            raise AssertionError("unreachable: the strategy must refuse the date")

        with pytest.raises(InvalidArgument):
            draw()

    def test_good_edge_arguments_are_accepted(self) -> None:
        # The boundaries themselves are valid: empty sizes and equal bounds.
        S.datasets(min_residents=0, max_residents=0)
        S.datasets(min_visits=1, max_staff=0)
        S.residents(min_attentions=2, max_attentions=2)
        S.dispute_cases(min_parties=2, max_parties=2, max_mediators=0)
        S.service_requests(max_pauses=0, max_extension_days=0)


class TestEntityIds:
    """``entity_ids``: what records accept, with the prefix asked for."""

    @given(S.entity_ids())
    def test_entity_ids_are_what_records_accept(self, rid: str) -> None:
        assert rid and rid == rid.strip() and rid.isprintable()
        assert Grid(id=rid, community_id=rid, name="第1网格", households=0).id == rid

    @given(S.entity_ids(prefix="R-"))
    def test_entity_ids_keep_their_prefix(self, rid: str) -> None:
        assert rid.startswith("R-") and len(rid) > 2


class TestIdNumbers:
    """``id_numbers``: the birth date and sex asked for, and the rare ones reachable."""

    @given(st.dates(dt.date(1900, 1, 1), dt.date(2099, 12, 31)), st.sampled_from(Sex), st.data())
    def test_id_numbers_encode_the_birth_date_and_sex_asked_for(
        self, born: dt.date, sex: Sex, data: st.DataObject
    ) -> None:
        n = data.draw(S.id_numbers(birth_dates=st.just(born), sexes=st.just(sex)))
        assert n.birth_date == born
        assert n.sex is sex
        assert n.reveal()[6:14] == born.strftime("%Y%m%d")

    def test_id_number_with_check_character_x(self) -> None:
        n: IdNumber = reach(S.id_numbers(), lambda n: n.reveal()[-1] == "X")
        assert IdNumber(n.reveal().lower()) == n

    def test_id_number_born_on_29_february(self) -> None:
        n: IdNumber = reach(
            S.id_numbers(), lambda n: (n.birth_date.month, n.birth_date.day) == (2, 29)
        )
        assert n.birth_date.year % 4 == 0


class TestPhoneNumbers:
    """``phone_numbers`` and ``phone_number_texts``."""

    @given(S.phone_number_texts(), S.phone_number_texts())
    def test_phone_spellings_parse_to_one_canonical_form(self, a: str, b: str) -> None:
        pa, pb = PhoneNumber(a), PhoneNumber(b)
        # Canonical forms: 11 mobile digits, or area code, hyphen and subscriber number.
        assert pa.reveal().replace("-", "").isdigit()
        assert (pa == pb) == (pa.reveal() == pb.reveal())
        assert PhoneNumber(pa.reveal()) == pa

    @given(S.phone_numbers(mobile=False))
    def test_landline_only(self, p: PhoneNumber) -> None:
        assert not p.is_mobile and p.reveal().startswith("0")

    @given(S.phone_numbers(landline=False))
    def test_mobile_only(self, p: PhoneNumber) -> None:
        assert p.is_mobile and len(p.reveal()) == 11 and p.reveal()[0] == "1"

    def test_landline_and_mobile_numbers(self) -> None:
        reach(S.phone_numbers(), lambda p: not p.is_mobile)
        reach(S.phone_numbers(), lambda p: p.is_mobile)

    def test_phone_spellings(self) -> None:
        reach(S.phone_number_texts(), lambda t: t.startswith("+86"))
        reach(S.phone_number_texts(), lambda t: t.startswith("（"))
        reach(S.phone_number_texts(), lambda t: " " in t.strip())


class TestPersonNames:
    """``person_names``: the rare names real registers hold are reachable."""

    def test_name_outside_the_basic_multilingual_plane(self) -> None:
        reach(S.residents(), lambda r: any(ord(c) > 0xFFFF for c in r.name))

    def test_name_with_a_cjk_extension_a_character(self) -> None:
        reach(S.staff_members(), lambda s: any(0x3400 <= ord(c) <= 0x4DBF for c in s.name))

    def test_minority_name_with_middle_dot(self) -> None:
        r = reach(S.residents(), lambda r: "·" in r.name)
        assert all(part for part in r.name.split("·"))

    def test_latin_name(self) -> None:
        reach(S.parties(), lambda p: p.name.isascii() and " " in p.name)

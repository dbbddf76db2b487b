"""The converter (``structure``, ``unstructure``, ``make_converter``,
``configure_converter``): round trips of the wire format for every record class, and the
laws of its shape.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

import attrs
import cattrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from shequ_core import (
    ENTITIES,
    VALUES,
    Attention,
    Basis,
    CandidateVotes,
    CaseEvent,
    Community,
    CommunityKind,
    Dataset,
    DisputeCase,
    Election,
    FacilityKind,
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
    Staff,
    TimeLimit,
    TimeUnit,
    Visit,
    Volunteer,
    VolunteerTeam,
)
from shequ_core import strategies as sst
from shequ_core.serialization import (
    configure_converter,
    converter,
    from_json,
    make_converter,
    structure,
    to_json,
    unstructure,
)
from shequ_core.validation import MONEY_LIMIT

STRATEGIES: dict[type, st.SearchStrategy[Any]] = {
    Community: sst.communities(hostile=True),
    Grid: sst.grids(hostile=True),
    Household: sst.households(hostile=True),
    Resident: sst.residents(hostile=True),
    Staff: sst.staff_members(hostile=True),
    Volunteer: sst.volunteers(hostile=True),
    VolunteerTeam: sst.volunteer_teams(hostile=True),
    PartyMember: sst.party_members(hostile=True),
    DisputeCase: sst.dispute_cases(hostile=True),
    ServiceItem: sst.service_items(hostile=True),
    ServiceRequest: sst.service_requests(hostile=True),
    Visit: sst.visits(hostile=True),
    PartnerUnit: sst.partner_units(hostile=True),
    Meeting: sst.meetings(hostile=True),
    Election: sst.elections(hostile=True),
    CandidateVotes: sst.candidate_votes(hostile=True),
    Attention: sst.attentions(hostile=True),
    Basis: sst.bases(hostile=True),
    CaseEvent: sst.case_events(hostile=True),
    Party: sst.parties(hostile=True),
    RequestEvent: sst.request_events(hostile=True),
    TimeLimit: sst.time_limits(),
    Dataset: sst.datasets(hostile=True),
}


CLASSES = list(STRATEGIES)
ids = [c.__name__ for c in CLASSES]
records = st.sampled_from(CLASSES).flatmap(lambda cls: st.tuples(st.just(cls), STRATEGIES[cls]))


def _is_json_ready(data: object) -> bool:
    if data is None or type(data) in (str, int, float, bool):
        return True
    if type(data) is list:
        return all(_is_json_ready(v) for v in data)
    if type(data) is dict:
        return all(type(k) is str and _is_json_ready(v) for k, v in data.items())
    return False


def _fields_and_values(obj: Any, path: str = "") -> list[tuple[str, Any]]:
    """Every (path, value) of an attrs record tree, for finding values of one type."""
    out: list[tuple[str, Any]] = []
    if attrs.has(type(obj)):
        for a in attrs.fields(type(obj)):
            out.extend(_fields_and_values(getattr(obj, a.name), f"{path}.{a.name}"))
    elif isinstance(obj, (tuple, frozenset)):
        for v in obj:
            out.extend(_fields_and_values(v, path))
    else:
        out.append((path, obj))
    return out


class TestRoundTrips:
    """Structuring inverts unstructuring for every record class."""

    def test_every_record_class_has_a_strategy_here(self) -> None:
        assert set(STRATEGIES) == {*ENTITIES, *VALUES, Dataset}

    @pytest.mark.parametrize("cls", CLASSES, ids=ids)
    @given(data=st.data())
    def test_structure_and_from_json_invert_unstructure_and_to_json(
        self, cls: type, data: st.DataObject
    ) -> None:
        # One test for both round trips: generating a Dataset costs far more than its trips.
        x = data.draw(STRATEGIES[cls])
        plain = unstructure(x)
        assert _is_json_ready(plain)
        back = structure(plain, cls)
        assert type(back) is cls
        assert back == x

        text = to_json(x)
        assert from_json(text, cls) == x
        assert from_json(to_json(x, indent=2), cls) == x
        assert from_json(text.encode(), cls) == x
        # The text is the unstructured data, and the same record always gives the same text.
        assert json.loads(text) == plain
        assert to_json(back) == text


class TestWireShape:
    """What the converter writes: sorted sets, full personal numbers, exact money."""

    @given(records)
    def test_sets_are_written_sorted_and_tuples_in_order(self, pair: tuple[type, Any]) -> None:
        cls, x = pair
        plain = unstructure(x)

        def walk(obj: Any, data: Any) -> None:
            for a in attrs.fields(type(obj)):
                value, wire = getattr(obj, a.name), data[a.name]
                if isinstance(value, frozenset):
                    assert wire == sorted(wire)
                    assert len(wire) == len(value)
                elif isinstance(value, tuple):
                    assert isinstance(wire, list)
                    assert len(wire) == len(value)
                    for v, w in zip(value, wire, strict=True):
                        if attrs.has(type(v)):
                            walk(v, w)

        walk(x, plain)
        assert list(plain) == [a.name for a in attrs.fields(cls)]

    @given(records)
    def test_personal_numbers_are_written_in_full_by_default(self, pair: tuple[type, Any]) -> None:
        _, x = pair
        text = to_json(x)
        for _path, value in _fields_and_values(x):
            if isinstance(value, (IdNumber, PhoneNumber)):
                assert json.dumps(value.reveal()) in text

    @given(
        st.decimals(min_value=0, max_value=10**12, allow_nan=False, allow_infinity=False).filter(
            lambda d: d < MONEY_LIMIT  # 10**12 itself is refused: money is below it
        )
        | st.sampled_from([Decimal("1E+2"), Decimal("3089.50"), Decimal("0.000"), Decimal("0E-7")])
    )
    def test_money_keeps_its_exponent(self, fee: Decimal) -> None:
        limit = TimeLimit(amount=1, unit=TimeUnit.WORKING_DAYS)
        item = ServiceItem(id="s1", name="办证", time_limit=limit, fee=fee)
        plain = unstructure(item)
        assert isinstance(plain["fee"], str)
        back = from_json(to_json(item), ServiceItem)
        assert back.fee.as_tuple() == fee.as_tuple()

    def test_wire_values_of_a_community(self) -> None:
        c = Community(
            id="c1",
            name="幸福社区",
            town="平地泉镇",
            kind=CommunityKind.OLD_TOWN,
            households=1200,
            residents=3089,
            established_on=dt.date(2025, 10, 1),
            facilities=frozenset(
                {FacilityKind.LIBRARY, FacilityKind.ELDERLY_ROOM, FacilityKind.COMMITTEE_OFFICE}
            ),
            yearly_party_building_funds=Decimal("100000"),
            yearly_office_funds=Decimal("3089.50"),
            committee_elected_on=dt.date(2021, 6, 1),
        )
        assert unstructure(c) == {
            "id": "c1",
            "name": "幸福社区",
            "town": "平地泉镇",
            "kind": "old_town",
            "households": 1200,
            "residents": 3089,
            "established_on": "2025-10-01",
            "service_hall_area_m2": None,
            "facility_area_m2": None,
            "facilities": ["committee_office", "elderly_room", "library"],
            "yearly_party_building_funds": "100000",
            "yearly_office_funds": "3089.50",
            "committee_elected_on": "2021-06-01",
        }
        text = to_json(c)
        assert '"name":"幸福社区"' in text  # UTF-8, not \u escapes
        assert from_json(text, Community) == c


class TestWhatItReads:
    """What the converter accepts beyond what it writes."""

    def test_optional_fields_may_be_left_out_and_written_as_null(self) -> None:
        minimal = {"id": "h1", "community_id": "c1", "address": "1号楼"}
        h = structure(minimal, Household)
        assert h.grid_id is None
        assert unstructure(h) == {**minimal, "grid_id": None}
        assert structure({**minimal, "grid_id": None}, Household) == h

    def test_blank_personal_numbers_read_as_none(self) -> None:
        p = structure({"name": "张三", "phone": "", "id_number": ""}, Party)
        assert p.phone is None
        assert p.id_number is None

    def test_a_whole_float_is_accepted_as_an_integer(self) -> None:
        t = structure({"amount": 2.0, "unit": "natural_days"}, TimeLimit)
        assert t.amount == 2
        assert type(t.amount) is int

    def test_integers_are_accepted_for_money_and_floats(self) -> None:
        item = structure(
            {"id": "s", "name": "n", "time_limit": {"amount": 1, "unit": "working_days"}, "fee": 5},
            ServiceItem,
        )
        assert item.fee == Decimal(5)
        v = structure(
            {
                "id": "v",
                "community_id": "c",
                "name": "n",
                "registered_on": "2025-01-01",
                "service_hours": 3,
            },
            Volunteer,
        )
        assert v.service_hours == 3.0
        assert type(v.service_hours) is float


class TestConverters:
    """Redacting and configured converters, and the global one left alone."""

    @given(sst.residents(hostile=True))
    def test_redacting_converter_masks_and_plain_one_reveals(self, r: Resident) -> None:
        plain = make_converter().unstructure(r)
        masked = make_converter(redact=True).unstructure(r)
        for name in ("id_number", "phone"):
            value = getattr(r, name)
            assert plain[name] == (None if value is None else value.reveal())
            assert masked[name] == (None if value is None else value.masked)
        assert unstructure(r, redact=True) == masked

    def test_configure_converter_leaves_other_classes_and_the_global_converter_alone(self) -> None:
        @attrs.frozen
        class Theirs:
            label: str

        conv = cattrs.Converter()
        configure_converter(conv)
        # Their own class keeps cattrs' default (lenient) handling ...
        assert conv.structure({"label": 5}, Theirs) == Theirs(label="5")
        # ... while our records on their converter are strict.
        with pytest.raises(cattrs.BaseValidationError):
            conv.structure({"amount": 1, "unit": 5}, TimeLimit)
        assert conv.unstructure(IdNumber("11010519491231002X")) == "11010519491231002X"
        # The module never touched cattrs' global converter.
        assert converter is not cattrs.global_converter
        assert isinstance(
            cattrs.unstructure(Party(name="a", id_number="11010519491231002X")).get("id_number"),
            IdNumber,
        )

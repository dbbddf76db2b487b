"""The generated JSON Schema (``json_schema``): valid 2020-12, true of everything we
write, and strict; policies are data too, and their schema accepts the shipped profiles
and refuses a mapping keyed by an unknown kind.
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from shequ_core import (
    ENTITIES,
    VALUES,
    Community,
    CommunityKind,
    Dataset,
    DisputeCase,
    IdNumber,
    Meeting,
    Party,
    RequestEvent,
    Resident,
    ServiceItem,
    Sex,
    TimeLimit,
    label_zh,
)
from shequ_core import strategies as sst
from shequ_core.policy import Policy, national_policy, seed_policy
from shequ_core.rules.visiting import DEFAULT_VISIT_POLICY, VisitPolicy
from shequ_core.serialization import json_schema, unstructure

RECORD_CLASSES = [*ENTITIES, *VALUES, Dataset]


STRATEGIES = {
    Community: sst.communities(hostile=True),
    Resident: sst.residents(hostile=True),
    DisputeCase: sst.dispute_cases(hostile=True),
    ServiceItem: sst.service_items(hostile=True),
    Meeting: sst.meetings(hostile=True),
    RequestEvent: sst.request_events(hostile=True),
    Dataset: sst.datasets(hostile=True),
}


_validators: dict[type, Draft202012Validator] = {}


def validator(cls: type) -> Draft202012Validator:
    if cls not in _validators:
        _validators[cls] = Draft202012Validator(
            json_schema(cls), format_checker=Draft202012Validator.FORMAT_CHECKER
        )
    return _validators[cls]


def errors(cls: type, data: Any) -> list[str]:
    return [e.message for e in validator(cls).iter_errors(data)]


def _holds_personal_numbers(data: Any) -> bool:
    """Whether redacting ``data`` changed it: an identity or phone number masked, or a
    date of birth cut to its year (neither of which the schema takes)."""
    if isinstance(data, list):
        return any(_holds_personal_numbers(v) for v in data)
    if isinstance(data, dict):
        return any(
            (k in ("id_number", "phone", "birth_date") and v is not None)
            or _holds_personal_numbers(v)
            for k, v in data.items()
        )
    return False


def _party(**changes: Any) -> dict[str, Any]:
    return {"name": "甲", "resident_id": None, "phone": None, "id_number": None, **changes}


def _case(**changes: Any) -> dict[str, Any]:
    return {
        "id": "d1",
        "community_id": "c1",
        "category": "neighbour",
        "parties": [_party(), _party(name="乙")],
        "received_on": "2025-10-08",
        "status": "received",
        "mediator_ids": [],
        "events": [],
        "closed_on": None,
        **changes,
    }


class TestRecordSchemas:
    """The schema of each record class: valid, complete, strict, true."""

    @pytest.mark.parametrize("cls", [*RECORD_CLASSES, Sex, IdNumber], ids=lambda c: c.__name__)
    def test_schema_is_valid_2020_12(self, cls: type) -> None:
        schema = json_schema(cls)
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        Draft202012Validator.check_schema(schema)

    @pytest.mark.parametrize("cls", RECORD_CLASSES, ids=lambda c: c.__name__)
    def test_schema_lists_every_field_with_its_label_and_forbids_others(self, cls: type) -> None:
        schema = json_schema(cls)
        assert schema["additionalProperties"] is False
        fields = attrs.fields(cls)
        assert list(schema["properties"]) == [a.name for a in fields]
        assert schema.get("required", []) == [a.name for a in fields if a.default is attrs.NOTHING]
        for a in fields:
            assert schema["properties"][a.name]["title"] == label_zh(cls, a.name)
        for name, definition in schema.get("$defs", {}).items():
            assert definition["title"] == name
            if definition["type"] == "object":
                assert definition["additionalProperties"] is False

    @given(cls=st.sampled_from(list(STRATEGIES)), data=st.data())
    def test_what_we_write_matches_the_schema(self, cls: type, data: st.DataObject) -> None:
        x = data.draw(STRATEGIES[cls])
        assert errors(cls, unstructure(x)) == []

    @given(x=sst.datasets(hostile=True))
    def test_redacted_personal_numbers_do_not_match_the_schema(self, x: Dataset) -> None:
        plain = unstructure(x, redact=True)
        assert (errors(Dataset, plain) != []) == _holds_personal_numbers(plain)

    def test_facts_of_the_model_are_in_the_schema(self) -> None:
        resident = json_schema(Resident)
        assert resident["properties"]["id_number"]["title"] == "身份证号"
        assert resident["required"] == ["id", "community_id", "household_id", "name"]
        assert resident["$defs"]["Registration"]["enum"] == ["local", "floating"]
        assert resident["properties"]["registration"]["default"] == "local"
        case = json_schema(DisputeCase)
        assert case["properties"]["parties"]["minItems"] == 2
        limit = json_schema(TimeLimit)
        assert limit["properties"]["amount"]["exclusiveMinimum"] == 0
        dataset = json_schema(Dataset)
        assert dataset["properties"]["visits"]["items"] == {"$ref": "#/$defs/Visit"}
        assert set(dataset["$defs"]) >= {c.__name__ for c in (*ENTITIES, *VALUES)} - {"Basis"}

    def test_a_valid_case_passes_and_each_damage_fails(self) -> None:
        assert errors(DisputeCase, _case()) == []
        damaged = {
            "empty id": _case(id=""),
            "blank name": _case(parties=[_party(name="  "), _party()]),
            "unknown enum": _case(category="village"),
            "unknown key": _case(priority=1),
            "missing key": {k: v for k, v in _case().items() if k != "status"},
            "one party": _case(parties=[_party()]),
            "not a date": _case(received_on="2025-02-30"),
            "date with time": _case(received_on="2025-10-08T09:00"),
            "bad phone": _case(parties=[_party(phone="12345678901"), _party()]),
            "short id number": _case(parties=[_party(id_number="11010519491231"), _party()]),
            "padded mediator id": _case(mediator_ids=[" s1"]),
        }
        for what, data in damaged.items():
            assert errors(DisputeCase, data), what

    def test_counts_money_and_sets(self) -> None:
        community = unstructure(
            Community(
                id="c", name="n", town="t", kind=CommunityKind.ORDINARY, households=0, residents=0
            )
        )
        assert errors(Community, community) == []
        for field, value in [
            ("households", -1),
            ("households", 1.5),
            ("yearly_office_funds", "-5"),
            ("yearly_office_funds", 5),
            ("facilities", ["library", "library"]),
            ("service_hall_area_m2", -0.5),
        ]:
            assert errors(Community, {**community, field: value}), (field, value)
        for money in ["0", "3089.50", "1E+2", "-0", "0E-7"]:
            assert errors(Community, {**community, "yearly_office_funds": money}) == [], money

    def test_schema_is_a_fresh_dict_each_time(self) -> None:
        first = json_schema(Party)
        keep = copy.deepcopy(first)
        first["properties"].clear()
        assert json_schema(Party) == keep


class TestPolicySchemas:
    """The schema of each kind of policy."""

    @pytest.mark.parametrize(
        ("cls", "value"),
        [
            (VisitPolicy, DEFAULT_VISIT_POLICY),
            (Policy, national_policy(dt.date(2025, 12, 31))),
            (Policy, national_policy(dt.date(2026, 1, 1))),
            (Policy, seed_policy(dt.date(2017, 12, 31))),
        ],
    )
    def test_profiles_validate_against_their_schema(self, cls: type, value: object) -> None:
        schema = json_schema(cls)
        jsonschema.Draft202012Validator.check_schema(schema)
        jsonschema.Draft202012Validator(schema).validate(unstructure(value))

    def test_enum_keyed_mapping_refuses_unknown_keys(self) -> None:
        schema = json_schema(VisitPolicy)
        data = unstructure(DEFAULT_VISIT_POLICY)
        data["cadences"]["nonsense"] = data["cadences"]["petitioner"]
        with pytest.raises(jsonschema.ValidationError, match="nonsense"):
            jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator)

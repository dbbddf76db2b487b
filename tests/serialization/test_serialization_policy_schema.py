"""Policies are data too: their JSON Schema accepts the shipped profiles and refuses a
mapping keyed by an unknown kind."""

from __future__ import annotations

import datetime as dt

import jsonschema
import pytest

from shequ_core.policy import Policy, national_policy, seed_policy
from shequ_core.rules.visiting import DEFAULT_VISIT_POLICY, VisitPolicy
from shequ_core.serialization import json_schema, unstructure


@pytest.mark.parametrize(
    ("cls", "value"),
    [
        (VisitPolicy, DEFAULT_VISIT_POLICY),
        (Policy, national_policy(dt.date(2025, 12, 31))),
        (Policy, national_policy(dt.date(2026, 1, 1))),
        (Policy, seed_policy(dt.date(2017, 12, 31))),
    ],
)
def test_profiles_validate_against_their_schema(cls: type, value: object) -> None:
    schema = json_schema(cls)
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(unstructure(value))


def test_enum_keyed_mapping_refuses_unknown_keys() -> None:
    schema = json_schema(VisitPolicy)
    data = unstructure(DEFAULT_VISIT_POLICY)
    data["cadences"]["nonsense"] = data["cadences"]["petitioner"]
    with pytest.raises(jsonschema.ValidationError, match="nonsense"):
        jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator)

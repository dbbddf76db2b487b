"""The ``orjson`` extra: ``fast=True`` reads and writes the same data as the standard
library, and malformed text still gets the standard library's precise error."""

from __future__ import annotations

import json

import pytest
from hypothesis import given

from shequ_core import Dataset, ValidationError
from shequ_core import strategies as sst
from shequ_core.serialization import from_json, to_json, unstructure

orjson = pytest.importorskip("orjson", reason="the orjson extra (the test extra installs it)")


@given(sst.datasets())
def test_fast_json_round_trips_and_agrees_with_the_standard_library(ds: Dataset) -> None:
    fast = to_json(ds, fast=True)
    assert from_json(fast, Dataset, fast=True) == ds
    assert json.loads(fast) == json.loads(to_json(ds))
    assert from_json(to_json(ds), Dataset, fast=True) == from_json(to_json(ds), Dataset)


def test_fast_json_is_orjson() -> None:
    ds = Dataset()
    assert to_json(ds, fast=True) == orjson.dumps(unstructure(ds)).decode()


@pytest.mark.parametrize("text", ['{"communities": [', "NaN", b"\xff\xfe"])
def test_fast_json_errors_are_the_standard_ones(text: str | bytes) -> None:
    with pytest.raises(ValidationError) as slow:
        from_json(text, Dataset)
    with pytest.raises(ValidationError) as fast:
        from_json(text, Dataset, fast=True)
    assert str(fast.value) == str(slow.value)

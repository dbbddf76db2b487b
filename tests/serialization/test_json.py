"""JSON text: ``to_json`` and ``from_json``, the ``orjson`` extra (``fast=True`` reads and
writes the same data as the standard library, and malformed text still gets the
standard library's precise error), and redacted JSON that holds no full personal
number.
"""

from __future__ import annotations

import json
from typing import Any

import attrs
import pytest
from hypothesis import given

from shequ_core import (
    Dataset,
    IdNumber,
    PhoneNumber,
    ValidationError,
)
from shequ_core import strategies as sst
from shequ_core.datasets import load_chayouqianqi
from shequ_core.serialization import from_json, to_json, unstructure
from tests.leaks import hits, needles

orjson = pytest.importorskip("orjson", reason="the orjson extra (the test extra installs it)")


def _personal_numbers(obj: Any) -> list[IdNumber | PhoneNumber]:
    if isinstance(obj, (IdNumber, PhoneNumber)):
        return [obj]
    if attrs.has(type(obj)):
        return [n for a in attrs.fields(type(obj)) for n in _personal_numbers(getattr(obj, a.name))]
    if isinstance(obj, (tuple, frozenset)):
        return [n for v in obj for n in _personal_numbers(v)]
    return []


class TestFastJson:
    """``fast=True``: orjson, with the standard library's answers."""

    @given(sst.datasets(hostile=True))
    def test_fast_json_round_trips_and_agrees_with_the_standard_library(self, ds: Dataset) -> None:
        fast = to_json(ds, fast=True)
        assert from_json(fast, Dataset, fast=True) == ds
        assert json.loads(fast) == json.loads(to_json(ds))
        assert from_json(to_json(ds), Dataset, fast=True) == from_json(to_json(ds), Dataset)

    def test_fast_json_is_orjson(self) -> None:
        ds = Dataset()
        assert to_json(ds, fast=True) == orjson.dumps(unstructure(ds)).decode()

    @pytest.mark.parametrize("text", ['{"communities": [', "NaN", b"\xff\xfe"])
    def test_fast_json_errors_are_the_standard_ones(self, text: str | bytes) -> None:
        with pytest.raises(ValidationError) as slow:
            from_json(text, Dataset)
        with pytest.raises(ValidationError) as fast:
            from_json(text, Dataset, fast=True)
        assert str(fast.value) == str(slow.value)


class TestRedactedJson:
    """``redact=True``: no full identity or phone number in the text."""

    @given(
        x=sst.datasets(hostile=True)
        | sst.residents(hostile=True)
        | sst.staff_members(hostile=True)
        | sst.parties(hostile=True)
    )
    def test_redacted_json_holds_no_full_personal_number(self, x: Any) -> None:
        text = to_json(x, redact=True)
        numbers = [v.reveal() for v in _personal_numbers(x)]
        for full in numbers:
            assert full not in text
        if numbers:
            assert to_json(x) != text

    def test_redacted_json_of_every_record(self) -> None:
        ds = load_chayouqianqi()
        secret = needles(ds)
        text = to_json(ds, redact=True)
        assert hits(text, secret) == []
        assert hits(json.dumps(unstructure(ds, redact=True), ensure_ascii=False), secret) == []
        for person in ds.residents[:50]:
            assert hits(to_json(person, redact=True, indent=2), secret) == []

"""JSON text: ``to_json`` and ``from_json``, the ``orjson`` extra (``fast=True`` reads and
writes the same data as the standard library, and malformed text still gets the
standard library's precise error), and redacted JSON that holds no full personal
number.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from shequ_core import (
    Community,
    CommunityKind,
    Dataset,
    IdNumber,
    PhoneNumber,
    ValidationError,
)
from shequ_core import strategies as sst
from shequ_core.datasets import load_chayouqianqi
from shequ_core.serialization import from_json, json_loads, structure, to_json, unstructure
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


def _community(households: str) -> str:
    return (
        '{"id":"c1","name":"新区社区","town":"土贵乌拉镇","kind":"ordinary",'
        f'"households":{households},"residents":9}}'
    )


class TestDuplicateKeys:
    """A key twice in one object is refused (``duplicate_key``, at its place), by both
    parsers; :mod:`json` and orjson alike would keep the last value silently."""

    @pytest.mark.parametrize("fast", [False, True])
    def test_a_key_twice_is_refused_at_its_place(self, fast: bool) -> None:
        text = '{"communities": [' + _community('5,"households":50000') + "]}"
        with pytest.raises(ValidationError) as info:
            from_json(text, Dataset, fast=fast)
        found = [(p.loc, p.code) for p in info.value.problems]
        assert found == [(("communities", 0, "households"), "duplicate_key")]
        assert str(info.value).startswith("invalid Dataset: communities[0].households: ")

    @pytest.mark.parametrize("fast", [False, True])
    @pytest.mark.parametrize(
        "text",
        [
            '{"a": "x:y", "b": 1, "b": 2}',  # a colon in a string does not hide a key
            '{"a": "\\u003a", "b": 1, "b": 2}',  # nor does an escaped one
            '{"b": {"c": [1, {"d": 1, "d": 1}]}}',  # the same value twice is still twice
            '{"a:b": 1, "a:b": 2}',
        ],
    )
    def test_every_kind_of_duplicate_is_found(self, text: str, fast: bool) -> None:
        with pytest.raises(ValidationError) as info:
            json_loads(text, fast=fast)
        assert [p.code for p in info.value.problems] == ["duplicate_key"]

    @pytest.mark.parametrize("fast", [False, True])
    def test_keys_and_colons_that_are_not_duplicates_pass(self, fast: bool) -> None:
        text = '{"a:b": "12:30", "c": {"a:b": "\\u003a"}, "d": ["e:", {"f": 1}]}'
        assert json_loads(text, fast=fast) == json.loads(text)

    def test_a_duplicate_key_that_is_an_identity_number_is_not_echoed(self) -> None:
        with pytest.raises(ValidationError) as info:
            json_loads('{"150926199001011234": 1, "150926199001011234": 2}', fast=True)
        assert "199001011234" not in str(info.value)


class TestFastIntegers:
    """orjson reads an integer beyond 64 bits as a float, which does not hold it exactly:
    ``from_json(fast=True)`` refuses it, as its documentation promises, where it used to
    take 18446744073709551617 households as 18446744073709551616."""

    @pytest.mark.parametrize("households", [2**64 + 1, -(2**63) - 1, 10**30])
    def test_an_integer_orjson_cannot_hold_is_refused(self, households: int) -> None:
        with pytest.raises(ValidationError) as info:
            from_json(_community(str(households)), Community, fast=True)
        assert [(p.loc, p.code) for p in info.value.problems] == [(("households",), "out_of_range")]

    def test_a_whole_float_is_an_integer_only_while_it_is_exact(self) -> None:
        data = json.loads(_community("2.0"))
        assert structure(data, Community).households == 2
        with pytest.raises(ValidationError) as info:
            structure({**data, "households": 2.0**64}, Community)
        assert [(p.code, p.message) for p in info.value.problems] == [
            ("out_of_range", "is too large a whole number to be read exactly")
        ]


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


def _stdlib(obj: Any, indent: int | None = None) -> str:
    """``obj``'s JSON text as the standard library writes it."""
    separators = (",", ":") if indent is None else (",", ": ")
    data = unstructure(obj)
    return json.dumps(
        data, ensure_ascii=False, allow_nan=False, indent=indent, separators=separators
    )


class TestSameBytes:
    """``to_json`` writes a record with orjson when installed, and the text is the
    standard library's byte for byte: non-ASCII text, money, dates, floats of every size."""

    @given(
        ds=sst.datasets(hostile=True, max_residents=5, max_visits=5),
        indent=st.sampled_from([None, 2]),
    )
    def test_a_dataset_is_written_as_the_standard_library_writes_it(
        self, ds: Dataset, indent: int | None
    ) -> None:
        assert to_json(ds, indent=indent) == _stdlib(ds, indent)

    @given(
        area=st.floats(0.0, 1e7, exclude_max=True, allow_nan=False)
        | st.sampled_from([1e-5, 9.99e-5, 1e-4, 5e-324, 1234567.0, 0.1, 1e-7, 2.5e-9]),
        funds=st.decimals(0, 10**9, places=2) | st.sampled_from([Decimal("1E+2"), Decimal("0")]),
    )
    def test_floats_of_every_size_are_spelt_as_the_standard_library_spells_them(
        self, area: float, funds: Decimal
    ) -> None:
        community = Community(
            id="社区1", name="茶坊社区\u3000一", kind=CommunityKind.ORDINARY, households=5,
            town="街道", residents=9,
            service_hall_area_m2=area, facility_area_m2=area / 3,
            yearly_party_building_funds=funds,
        )  # fmt: skip
        assert to_json(community) == _stdlib(community)

    def test_orjson_writes_it_where_the_text_is_the_same(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The text comes from orjson (not from json every time): a fake orjson's mark
        shows, except where the number would be spelt otherwise."""
        import shequ_core.serialization._json as module

        class Marked:
            OPT_INDENT_2 = orjson.OPT_INDENT_2

            @staticmethod
            def dumps(data: Any, option: int = 0) -> bytes:
                return orjson.dumps(data, option=option) + b" "

        monkeypatch.setattr(module, "_orjson", lambda: Marked)
        plain = Community(
            id="c", name="社区", kind=CommunityKind.ORDINARY, households=1, town="镇", residents=2
        )
        assert to_json(plain).endswith(" ")
        tiny = attrs.evolve(plain, service_hall_area_m2=1e-5)
        assert to_json(tiny) == _stdlib(tiny)  # 1e-05: the standard library's text

    @given(
        x=st.floats(allow_nan=False, allow_infinity=False)
        | st.builds(lambda m, e: m * 10.0**e, st.floats(1, 10), st.integers(-12, 20))
        | st.sampled_from([1e-7, 2.5e-9, 1e-5, 1e-10, 1e16, 5e-324, 1.7976931348623157e308])
    )
    def test_every_float_orjson_spells_otherwise_is_caught(self, x: float) -> None:
        """The byte check is complete for numbers of any size (not only the ones records
        allow now): where orjson's spelling differs from the standard library's, the
        check sends the text to the standard library."""
        from shequ_core.serialization._json import _spelt_otherwise

        raw = orjson.dumps({"x": [x, -x, x / 3]})
        assert raw == json.dumps({"x": [x, -x, x / 3]}, separators=(",", ":")).encode() or (
            _spelt_otherwise(raw)
        )

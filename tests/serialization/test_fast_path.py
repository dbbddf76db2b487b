"""The converter's fast path (``serialization._fast``) and the detailed path never disagree.

For every record class, on the data of a drawn record (realistic and hostile) and on
that data with one thing wrong (a field of the wrong type or out of range, a field
missing, an unknown key, a value that breaks the record's own rules, anything the fuzz
generators draw), the converter with its generated fast functions and a converter built
the way it was before them (cattrs' generated functions, the records' constructors) give
the same answer: the same record, field for field and type for type, or the same list of
problems, each with its path, code and message. Writing agrees the same way.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import enum
import inspect
import typing
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from cattrs.preconf.json import make_converter as make_json_converter
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

import shequ_core.entities as entities
import shequ_core.strategies as sst
from shequ_core.entities import Dataset, Resident
from shequ_core.errors import ValidationError
from shequ_core.serialization import configure_converter, converter
from shequ_core.serialization._fast import DATES_KEPT, fast_structure_fn
from shequ_core.serialization._fast_write import _ISOFORMATS
from shequ_core.serialization._hooks import (
    is_shequ_record,
    record_structure_hook,
    record_unstructure_hook,
)
from shequ_core.validation import Record, check_id, check_text, check_tuple_of, md, to_tuple
from tests.fuzzing import json_values


def reference_converter(*, redact: bool = False) -> Any:
    """A converter as it was before the fast path: cattrs' generated functions and the
    records' own constructors only (its record hooks registered last, so they win)."""
    conv = make_json_converter(detailed_validation=True, forbid_extra_keys=True)
    configure_converter(conv, redact=redact)
    conv.register_structure_hook_factory(
        is_shequ_record, lambda cls: record_structure_hook(cls, conv)
    )
    conv.register_unstructure_hook_factory(
        is_shequ_record, lambda cls: record_unstructure_hook(cls, conv, redact=redact)
    )
    return conv


REFERENCE = reference_converter()
REFERENCE_REDACTING = reference_converter(redact=True)

#: Every record class the entities module offers.
RECORDS: tuple[type, ...] = tuple(
    sorted(
        (
            cls
            for name in entities.__all__
            if isinstance(cls := getattr(entities, name), type) and issubclass(cls, Record)
        ),
        key=lambda c: c.__name__,
    )
)


def _strategies() -> dict[type, list[st.SearchStrategy[Any]]]:
    """Each record class's strategies of ``shequ_core.strategies``, realistic and hostile,
    found by their return annotation; ``st.from_type`` for a class that has none."""
    out: dict[type, list[st.SearchStrategy[Any]]] = {cls: [] for cls in RECORDS}
    for name in sst.__all__:
        fn = getattr(sst, name)
        returned = typing.get_type_hints(fn).get("return")
        args = typing.get_args(returned)
        if not args or args[0] not in out:
            continue
        hostile = "hostile" in inspect.signature(fn).parameters
        out[args[0]] += [fn(), fn(hostile=True)] if hostile else [fn()]
    for cls, found in out.items():
        if not found:
            found.append(st.from_type(cls))
    return out


STRATEGIES = _strategies()

#: Values that break a field in the ways that matter: wrong type, empty, padded, out of
#: range, a date out of order (an invariant), a value of some enum.
TRICKY: list[Any] = [
    None, "", " ", " x", "x ", "\x00", "\ud800", "R1", "1900-01-01", "2099-12-31", "2025-02-30",
    "20250101", "2025-W01-1", "0", "-1", "1E+2", "NaN", 0, -1, 1, 2.0, 1.5, 10**9, 10**20,
    1e7, -0.0, True, False, [], [None], ["x", "x"], {}, {"x": 1},
    *(m.value for e in vars(entities).values()
      if isinstance(e, type) and issubclass(e, enum.Enum) for m in e),
]  # fmt: skip


def _near(value: Any) -> list[Any]:
    """Values next to ``value``: one character, one day or one unit off."""
    if isinstance(value, str):
        out = [value + " ", " " + value, value + "\x00", value + "\n", "", value[:-1],
               value * 2, value.upper(), value + "\ud800", "\u3000" + value]  # fmt: skip
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            return out
        shifted = [(day + dt.timedelta(days=k)).isoformat() for k in (-400, -1, 1, 400)]
        return [*out, *shifted, value.replace("-", ""), day.strftime("%G-W%V-%u")]
    if isinstance(value, bool):
        return [not value, int(value)]
    if isinstance(value, int):
        return [value - 1, value + 1, -value, 0, float(value), 999_999_999, 10**9, 3_660, 3_661]
    if isinstance(value, float):
        return [-value, value * 1e7, int(value), 9_999_999.0, 1e7, str(value)]
    return []


def _mutations(draw: st.DrawFn, data: Any, other: Any) -> Any:
    """``data`` with one thing wrong somewhere (or, sometimes, still right); ``other`` is
    another record's data of the same class, whose values have the right types but may
    break this record's own rules (a closing date before this receipt)."""
    if isinstance(data, dict) and data:
        key = draw(st.sampled_from(sorted(data)))
        action = draw(st.sampled_from(["replace", "remove", "add", "descend", "descend"]))
        out = dict(data)
        theirs = other.get(key) if isinstance(other, dict) else None
        values = _near(data[key]) + ([theirs] if key in (other or {}) else [])
        if action == "replace":
            out[key] = draw(st.sampled_from(values) if values else st.nothing()
                            | st.sampled_from(TRICKY) | json_values)  # fmt: skip
        elif action == "remove":
            del out[key]
        elif action == "add":
            name = draw(st.sampled_from(["extra", *sorted(data)]) | st.text(max_size=5))
            out[name] = draw(st.sampled_from(TRICKY) | json_values)
        else:
            out[key] = _mutations(draw, data[key], theirs)
        return out
    if isinstance(data, list) and data:
        i = draw(st.integers(0, len(data) - 1))
        action = draw(st.sampled_from(["descend", "descend", "drop", "repeat", "other"]))
        if action == "drop":
            return data[:i] + data[i + 1 :]
        if action == "repeat":
            return [*data, data[i]]
        if action == "other" and isinstance(other, list) and other:
            return [*data[:i], other[0], *data[i + 1 :]]
        theirs = other[i] if isinstance(other, list) and i < len(other) else None
        return [*data[:i], _mutations(draw, data[i], theirs), *data[i + 1 :]]
    values = _near(data)
    return draw((st.sampled_from(values) if values else st.nothing()) | st.sampled_from(TRICKY))


def _one_off(data: dict[str, Any], other: dict[str, Any]) -> Any:
    """``data`` with each field in turn one thing off, and nested records the same."""
    yield {**data, "extra": 1}
    for key, value in data.items():
        yield {k: v for k, v in data.items() if k != key}
        yield {**{k: v for k, v in data.items() if k != key}, "extra": value}
        for near in [*_near(value), other.get(key), None, "", [], 0, True]:
            yield {**data, key: near}
        if isinstance(value, list) and value and not isinstance(value[0], dict):
            for near in [*_near(value[0]), None, 0]:
                yield {**data, key: [near, *value[1:]]}
        if isinstance(value, list) and value and isinstance(value[0], dict):
            mate = other.get(key) or [{}]
            for inner in _one_off(value[0], mate[0] if isinstance(mate[0], dict) else {}):
                yield {**data, key: [inner, *value[1:]]}


@st.composite
def inputs(draw: st.DrawFn) -> tuple[type, Any, bool]:
    """A record class and plain data for it: a drawn record's, maybe with one thing wrong
    (the flag says whether it was changed)."""
    cls = draw(st.sampled_from(RECORDS))
    record, other = (draw(st.one_of(STRATEGIES[cls])) for _ in range(2))
    data = REFERENCE.unstructure(record)
    changed = bool(draw(st.integers(0, 3)))
    if changed:
        data = _mutations(draw, data, REFERENCE.unstructure(other))
    return cls, data, changed


def shape(value: Any) -> Any:
    """``value`` down to the type of every part, so that ``1`` and ``1.0`` differ."""
    if attrs.has(type(value)):
        fields = attrs.fields(type(value))
        return (type(value), tuple(shape(getattr(value, a.name)) for a in fields))
    if isinstance(value, tuple):
        return (tuple, tuple(shape(v) for v in value))
    if isinstance(value, frozenset):
        return (frozenset, frozenset(shape(v) for v in value))
    return (type(value), value)


def outcome(conv: Any, data: Any, cls: type) -> Any:
    """What ``conv`` makes of ``data``: the record's shape, or every problem."""
    try:
        value = conv.structure(data, cls)
    except ValidationError as e:
        return ("refused", [(p.loc, p.code, p.message) for p in e.problems])
    except Exception as e:
        from shequ_core.serialization._problems import problems_of

        return ("refused", [(p.loc, p.code, p.message) for p in problems_of(e)])
    return ("built", shape(value))


@contextlib.contextmanager
def fallbacks(cls: type, conv: Any = converter) -> Iterator[list[Any]]:
    """The data the converter's hook for ``cls`` handed to the detailed path while the
    block ran (the generated hook calls its module-level ``_detailed`` when the fast
    lines refuse), so a test can tell the fast path was taken, not only that the
    answer was right."""
    hook = conv.get_structure_hook(cls)
    env = hook.__globals__
    detailed, seen = env["_detailed"], []

    def counted(d: Any, tp: Any) -> Any:
        seen.append(d)
        return detailed(d, tp)

    env["_detailed"] = counted
    try:
        yield seen
    finally:
        env["_detailed"] = detailed


class TestSameAnswers:
    """The fast path accepts exactly what the detailed path accepts, and builds the same."""

    def test_every_record_class_has_a_fast_path(self) -> None:
        """Every entity record is built by a generated function (none falls back for good)."""
        assert RECORDS
        missing = [c.__name__ for c in RECORDS if fast_structure_fn(c, converter, _none) is None]
        assert missing == []

    @settings(max_examples=150)
    @given(case=inputs())
    def test_fast_and_detailed_paths_agree(self, case: tuple[type, Any, bool]) -> None:
        """Same record (by type and value) or the same problems, path, code and message;
        a drawn record's own data is built by the fast path, never handed on."""
        cls, data, changed = case
        with fallbacks(cls) as handed_on:
            ours = outcome(converter, data, cls)
        assert ours == outcome(REFERENCE, data, cls)
        if not changed:
            assert handed_on == []

    @settings(max_examples=25)
    @given(data=st.data())
    def test_every_field_one_thing_off(self, data: st.DataObject) -> None:
        """For each field of a record (and of the first item of each array of records):
        every value next to its own, another record's value, a missing key and an
        unknown one give the same answer on both paths."""
        cls = data.draw(st.sampled_from(RECORDS))
        record, other = (data.draw(st.one_of(STRATEGIES[cls])) for _ in range(2))
        base, theirs = REFERENCE.unstructure(record), REFERENCE.unstructure(other)
        for variant in _one_off(base, theirs):
            assert outcome(converter, variant, cls) == outcome(REFERENCE, variant, cls)

    @settings(max_examples=40)
    @given(case=inputs())
    def test_fast_path_alone_never_builds_what_the_detailed_path_refuses(
        self, case: tuple[type, Any, bool]
    ) -> None:
        """The generated function itself (not only the converter around it) builds a
        record only where the detailed path builds an equal one."""
        cls, data, _ = case
        fast = converter.get_structure_hook(cls).fast_path
        try:
            built = fast(data)
        except Exception:
            return
        assert outcome(REFERENCE, data, cls) == ("built", shape(built))

    @settings(max_examples=40)
    @given(data=st.data())
    def test_the_fast_path_builds_every_valid_record(self, data: st.DataObject) -> None:
        """Valid data never needs the detailed path: the generated function builds it."""
        cls = data.draw(st.sampled_from(RECORDS))
        record = data.draw(st.one_of(STRATEGIES[cls]))
        built = converter.get_structure_hook(cls).fast_path(REFERENCE.unstructure(record))
        assert shape(built) == shape(record)

    @settings(max_examples=40)
    @given(data=st.data())
    def test_a_record_read_is_of_its_own_class_and_frozen(self, data: st.DataObject) -> None:
        """A record is built as an instance of a mutable subclass and then given its own
        class: what comes out is the record class itself, and frozen."""
        cls = data.draw(st.sampled_from(RECORDS))
        record = data.draw(st.one_of(STRATEGIES[cls]))
        built = converter.structure(REFERENCE.unstructure(record), cls)
        assert type(built) is cls
        name = attrs.fields(cls)[0].name
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            setattr(built, name, getattr(built, name))
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            delattr(built, name)

    def test_one_building_subclass_per_record_class(self) -> None:
        """What ``cls.__subclasses__()`` shows of the fast path: one subclass a record
        class at most, however many converters and parents read it."""
        convs = [converter, make_json_converter()]
        configure_converter(convs[1])
        for conv in convs:
            for cls in RECORDS:
                conv.get_structure_hook(cls)
        for cls in RECORDS:
            made = [k for k in cls.__subclasses__() if k.__module__.endswith("._fast")]
            assert len(made) <= 1, (cls, made)
        assert [k.__name__ for k in entities.Party.__subclasses__()] == ["building Party"]

    @settings(max_examples=40)
    @given(case=inputs(), redact=st.booleans())
    def test_written_the_same_way(self, case: tuple[type, Any, bool], redact: bool) -> None:
        """The generated unstructure functions write what cattrs' functions wrote."""
        cls, data, _ = case
        try:
            record = REFERENCE.structure(data, cls)
        except Exception:
            return
        ours = converter if not redact else _redacting()
        theirs = REFERENCE if not redact else REFERENCE_REDACTING
        assert ours.unstructure(record) == theirs.unstructure(record)

    @settings(max_examples=10)
    @given(ds=sst.datasets(hostile=True, max_residents=3, max_visits=3))
    def test_a_dataset_reads_the_same(self, ds: Dataset) -> None:
        """A whole dataset (not a Record: the detailed path, with fast records inside)."""
        data = REFERENCE.unstructure(ds)
        assert converter.unstructure(ds) == data
        assert outcome(converter, data, Dataset) == outcome(REFERENCE, data, Dataset)


class _Day(dt.date):
    """A date that writes itself its own way."""

    def isoformat(self) -> str:
        return "day " + super().isoformat()


class TestWriting:
    """What the generated unstructure functions take as given, held."""

    def test_a_date_subclass_writes_itself(self) -> None:
        # Dates' texts are kept by the date; a subclass equal to a kept date is not
        # served the kept text.
        plain = entities.CaseEvent(on=dt.date(2024, 1, 2), status=entities.DisputeStatus.RECEIVED)
        assert converter.unstructure(plain)["on"] == "2024-01-02"
        own = entities.CaseEvent(on=_Day(2024, 1, 2), status=entities.DisputeStatus.RECEIVED)
        assert converter.unstructure(own)["on"] == "day 2024-01-02"

    @pytest.mark.parametrize("text", ["20240102", "2024-01-02T00:00", "2024-W01-2"])
    def test_a_date_in_another_iso_form_is_refused_and_not_kept(self, text: str) -> None:
        """``date.fromisoformat`` reads these; the fast path takes ``YYYY-MM-DD`` only, and
        the detailed path names the problem."""
        from shequ_core.serialization._fast import _DATES

        data = REFERENCE.unstructure(_a_case())
        data["received_on"] = text
        with pytest.raises(ValueError, match=text):  # refused: the detailed path decides
            converter.get_structure_hook(entities.DisputeCase).fast_path(data)
        assert text not in _DATES
        assert outcome(converter, data, entities.DisputeCase) == outcome(
            REFERENCE, data, entities.DisputeCase
        )
        assert outcome(converter, data, entities.DisputeCase)[0] == "refused"

    def test_the_kept_texts_are_bounded(self) -> None:
        start = dt.date(1900, 1, 1)
        for k in range(DATES_KEPT + 500):
            day = start + dt.timedelta(days=k)
            assert _ISOFORMATS[day] == day.isoformat()
        assert len(_ISOFORMATS) <= DATES_KEPT

    def test_a_record_hook_of_the_callers_is_called_not_written_in_place(self) -> None:
        from shequ_core.serialization import make_converter

        conv = make_converter()
        conv.register_unstructure_hook(entities.Party, lambda p: {"who": p.name})
        case = _a_case()
        assert conv.unstructure(case)["parties"] == [{"who": p.name} for p in case.parties]
        # and our own converter writes the party in full, in place
        assert converter.unstructure(case)["parties"][0]["name"] == case.parties[0].name


def _a_case() -> entities.DisputeCase:
    parties = tuple(entities.Party(name=n) for n in ("张三", "李四"))
    return entities.DisputeCase(
        id="D1",
        community_id="C1",
        category=next(iter(entities.DisputeCategory)),
        parties=parties,
        received_on=dt.date(2024, 3, 1),
        status=entities.DisputeStatus.RECEIVED,
    )


def _none(_: Any) -> None:
    return None


def _redacting() -> Any:
    from shequ_core.serialization import make_converter

    return make_converter(redact=True)


#: Values of each type a marker may name, to hold the marker to its function.
SAMPLES: dict[type, list[Any]] = {
    type(None): [None],
    tuple: [(), ("a", 1)],
    frozenset: [frozenset(), frozenset({"a"})],
    Decimal: [Decimal(0), Decimal("-0"), Decimal("3089.50"), Decimal("1E+2")],
    float: [0.0, -0.0, 1.5, 9_999_999.0],
    entities.IdNumber: [entities.IdNumber("11010519491231002X")],
    entities.PhoneNumber: [entities.PhoneNumber("13812345678")],
}


def _marked() -> Iterator[tuple[str, Any, Any]]:
    """Each entity field's (name, converter, check)."""
    for cls in RECORDS:
        for a in attrs.fields(cls):
            yield f"{cls.__name__}.{a.name}", a.converter, a.metadata.get("check")


class TestMarkers:
    """The facts the generator reads off a check or a converter (``instance_of``,
    ``allows_none``, ``keeps``) are what the function does: a marker that said more
    than its function would let the fast path build what the constructor refuses."""

    def test_a_converter_returns_what_it_keeps_unchanged(self) -> None:
        kept = [(n, c) for n, c, _ in _marked() if getattr(c, "keeps", None)]
        assert len({c for _, c in kept}) >= 6  # to_tuple, to_decimal, to_opt_phone...
        for name, conv in kept:
            for value in (v for t in conv.keeps for v in SAMPLES[t]):
                assert shape(conv(value)) == shape(value), (name, value)

    @settings(max_examples=5)
    @given(data=st.data())
    def test_a_check_passes_every_instance_it_is_marked_with(self, data: st.DataObject) -> None:
        checks = [c for _, _, c in _marked()]
        checks += [c.item_check for c in checks if hasattr(c, "item_check")]
        marked = [(n, c) for c in checks if (n := getattr(c, "instance_of", None))]
        assert len(marked) > 20
        for cls, check in marked:
            if cls in STRATEGIES:  # a record: one drawn
                values = [data.draw(st.one_of(STRATEGIES[cls]))]
            else:
                values = list(cls) if issubclass(cls, enum.Enum) else list(SAMPLES[cls])
            values += [None] if check.allows_none else []
            assert [v for v in values if check(v) is not None] == []
            if not check.allows_none:
                assert check(None) is not None


# -- what the fast path does not know it leaves to the detailed path ------------------


def _odd_check(value: object) -> str | None:
    """A check the fast path has never seen: it is called, as the constructor calls it."""
    return None if isinstance(value, dt.datetime) and value.year >= 2000 else "must be 2000 on"


@attrs.frozen(kw_only=True)
class Stamped(Record):
    id: str = attrs.field(metadata=md("编号", check_id))
    at: dt.datetime | None = attrs.field(default=None, metadata=md("时间", _odd_check))
    note: str = attrs.field(default="备注", metadata=md("备注", check_text))
    amount: Decimal = attrs.field(default=Decimal(0), converter=lambda v: v)
    tags: tuple[str, ...] = attrs.field(
        factory=tuple, converter=to_tuple, metadata=md("标签", check_tuple_of(check_id))
    )


@attrs.frozen(kw_only=True)
class Validated(Record):
    id: str = attrs.field(validator=attrs.validators.instance_of(str))


attrs.resolve_types(Stamped)  # here, before the tests count it as shequ_core's
attrs.resolve_types(Validated)


class TestUnknownThings:
    """An unknown type, check or converter is handled by calling it, never by guessing;
    a class built with more than its fields' checks gets no fast path at all."""

    @pytest.fixture(autouse=True)
    def _ours(self, monkeypatch: pytest.MonkeyPatch) -> None:
        for cls in (Stamped, Validated):  # counted as shequ_core's, so the hooks apply
            monkeypatch.setattr(cls, "__module__", "shequ_core.testing")

    def test_a_class_with_an_attrs_validator_has_no_fast_path(self) -> None:
        assert fast_structure_fn(Validated, converter, _none) is None

    def test_a_class_with_a_cached_hash_has_no_fast_path(self) -> None:
        """attrs fills the cached hash's hidden slot in __init__, which it skips."""

        @attrs.frozen(cache_hash=True)
        class Hashed(Record):
            id: str = attrs.field(metadata=md("编号", check_id))

        assert fast_structure_fn(Hashed, converter, _none) is None

    @pytest.mark.parametrize(
        "data",
        [
            {"id": "a"},
            {"id": "a", "at": "2024-05-01T08:00:00"},
            {"id": "a", "at": "1999-05-01T08:00:00"},
            {"id": "a", "at": 5},
            {"id": "a", "note": " "},
            {"id": "a", "amount": "1.5"},
            {"id": " a"},
            {"id": "a", "other": 1},
            {"id": "a", "tags": ["x", "y"]},
            {"id": "a", "tags": ["x", " y"]},
            {"id": "a", "tags": "x"},
        ],
    )
    def test_an_unknown_check_and_type_decide_as_in_the_constructor(
        self, data: dict[str, Any]
    ) -> None:
        """Also a default made by a factory (``tags``), which no entity has yet."""
        conv, ref = _fresh(), reference_converter()
        theirs = outcome(ref, data, Stamped)
        with fallbacks(Stamped, conv) as handed_on:
            assert outcome(conv, data, Stamped) == theirs
        if theirs[0] == "built":
            assert handed_on == []

    def test_a_refusal_of_the_unknown_check_is_the_detailed_paths(self) -> None:
        result = outcome(_fresh(), {"id": "a", "at": "1999-05-01T08:00:00"}, Stamped)
        assert result == ("refused", [(("at",), "invalid_value", "must be 2000 on")])


def _fresh() -> Any:
    from shequ_core.serialization import make_converter

    return make_converter()


def test_direct_construction_keeps_every_check() -> None:
    """Building a record in code runs its checks as before: the fast path is the
    converter's alone."""
    with pytest.raises(ValidationError):
        Resident(id="", community_id="c", household_id="h", name="名")
    with pytest.raises(ValidationError):
        Resident(id="r", community_id="c", household_id="h", name="名", birth_date="2000-01-01")  # type: ignore[arg-type]


# -- rows as an office's files give them, read leniently and handed to the converter --

OFFICE_ROSTER = [
    "序号,居民编号,所属社区,户号,姓名,性别,身份证号码,出生年月,手机号,户口性质,备注",
    "1,r1,c1,h1,张三,男,150926520506123,1952/5/6,138 1234 5678,户籍,",
    "2,r2,c1,h1,李四,女, 110105 19600301100x ,1960年3月1日,,流动,外地",
    "3,r3,c1,h2,王五,男,,1970.12.31,,户籍,",
    "4,r4,c1,h2,赵六,女,,20010203,,流动人口,",
    "5,r5,c1,h2,钱七,男,1.50926E+17,1950-01-01,,户籍,",
    "6,r6,c1,h2,周九,男,,1980/13/1,,户籍,",
    "7,r7,c1,h2,吴十,,,,,,",
]
OFFICE_REQUESTS = [
    "工单编号,服务事项,所属社区,受理日期,受理时间,状态,紧急程度",
    "R1,I1,c1,2026/3/2,2026/3/2 14:05,办理中,紧急",
    "R2,I1,c1,2026年3月2日,2026年3月2日 14时05分,办理中,一般",
    "R3,I1,c1,2026/3/2,2026/3/3 08:00,办理中,紧急",
    "R4,I1,c1,2026/3/2,2026/3/2 25:00,办理中,紧急",
]


def _office_rows(folder: Path, monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, type]]:
    """Every (row, class) the loader hands to the converter when it reads ``folder``."""
    import shequ_core.io._roster as roster
    import shequ_core.serialization as serialization
    from shequ_core.io import load_dataset

    seen: list[tuple[Any, type]] = []
    real = serialization.structure

    def recorded(data: Any, cls: type) -> Any:
        seen.append((copy.deepcopy(data), cls))
        return real(data, cls)

    monkeypatch.setattr(serialization, "structure", recorded)
    monkeypatch.setattr(roster, "structure", recorded)
    load_dataset(folder, errors="collect")
    return seen


def test_office_rows_read_the_same_on_both_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A GB18030 roster and work orders (a CSV and a workbook) with Chinese headers, as offices
    type them (slashes and 年月日 in dates, Excel day numbers, a spaced identity number), read
    leniently cell by cell: each row the converter gets gives the same answer on both
    paths, and every row the detailed path builds the fast path builds itself."""
    from shequ_core import ServiceItem, TimeLimit, TimeUnit
    from shequ_core.io import save_dataset
    from tests.builders import community, office_folder

    folder = office_folder(tmp_path / "office")
    item = ServiceItem(
        id="I1", name="诉求办理", time_limit=TimeLimit(amount=2, unit=TimeUnit.WORKING_DAYS)
    )
    save_dataset(
        Dataset(communities=(community("c1", households=2),), service_items=(item,)),
        tmp_path / "items",
        format="csv",
    )
    (folder / "service_items.csv").write_bytes((tmp_path / "items/service_items.csv").read_bytes())
    (folder / "居民.CSV").write_bytes("\r\n".join(OFFICE_ROSTER).encode("gb18030") + b"\r\n")
    (folder / "service_requests.csv").write_text("\n".join(OFFICE_REQUESTS) + "\n", "utf-8")
    rows = _office_rows(folder, monkeypatch)
    # The work orders again as a workbook: Excel's date-time cells and its day numbers.
    (folder / "service_requests.csv").unlink()
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "service_requests"
    sheet.append(OFFICE_REQUESTS[0].split(","))
    sheet.append(
        ["R5", "I1", "c1", dt.datetime(2026, 3, 2), dt.datetime(2026, 3, 2, 14, 5), "办理中"]
    )
    sheet.append(["R6", "I1", "c1", "2026-03-02", 46083 + (14 * 60 + 5) / 1440, "办理中"])
    sheet.append(["R7", "I1", "c1", 46083, dt.datetime(2026, 3, 2, 9), "办理中", "紧急"])
    book.save(folder / "service_requests.xlsx")
    rows += [(d, c) for d, c in _office_rows(folder, monkeypatch) if c.__name__ == "ServiceRequest"]
    classes = {cls.__name__ for _, cls in rows}
    assert {"Resident", "ServiceRequest", "Household"} <= classes
    built = 0
    for data, cls in rows:
        theirs = outcome(REFERENCE, data, cls)
        with fallbacks(cls) as handed_on:
            assert outcome(converter, data, cls) == theirs
        if theirs[0] == "built":
            built += 1
            assert handed_on == [], (cls.__name__, data)
    assert built >= 10  # the good residents and work orders, not only refusals

"""Records as Arrow rows and back: the column types a record class has in a Parquet store.

Types are Arrow's own, read off the attrs fields: text as ``string``, whole numbers as
``int64``, measures as ``float64``, dates as ``date32``, money as ``decimal128(38, 18)``,
an enum as a dictionary-encoded string of its code, a tuple or set as a ``list``, a
nested record (a :class:`~shequ_core.entities.TimeLimit`, a dispute's parties) as a
``struct``. A timestamp is a ``struct`` of its wall-clock time and its offset from UTC
in seconds (null for a naive one), so a naive time stays naive and an aware one keeps
its offset: one Arrow timestamp column could not hold both and load back equal.

Limitations: money is kept to 18 decimal places (an amount with more is refused, never
rounded) and loads back without trailing zeros (``3089.50`` as ``3089.5``: an equal
amount).
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import types
import typing
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import attrs
import pyarrow as pa

from shequ_core.entities import IdNumber, PhoneNumber

#: The scale of the money columns: 18 decimal places, below 10^12 yuan in 38 digits.
MONEY_SCALE = 18
_MONEY = pa.decimal128(38, MONEY_SCALE)
_ENUM = pa.dictionary(pa.int32(), pa.string())
_TIMESTAMP = pa.struct(
    [pa.field("local", pa.timestamp("us")), pa.field("utc_offset_s", pa.int32())]
)

Convert = Callable[[Any], Any]


def _members(tp: Any) -> tuple[Any, bool]:
    """The type inside ``X | None``, and whether None was allowed."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) == 1:
            return args[0], True
    return tp, False


@functools.cache
def record_schema(cls: type) -> pa.Schema:
    """The Arrow schema of a record class's rows (without the partition column)."""
    return pa.schema([_field(f.name, f.type) for f in _fields(cls)])


def _fields(cls: type) -> tuple[attrs.Attribute[Any], ...]:
    attrs.resolve_types(cls)
    fields: tuple[attrs.Attribute[Any], ...] = attrs.fields(cls)
    return fields


def _field(name: str, tp: Any) -> pa.Field:
    inner, nullable = _members(tp)
    return pa.field(name, arrow_type(inner), nullable=nullable)


def arrow_type(inner: Any) -> pa.DataType:
    """The Arrow type of a field annotated ``inner`` (not ``X | None``: see ``_field``)."""
    origin = typing.get_origin(inner)
    if origin in (tuple, frozenset):
        return pa.list_(_field("item", typing.get_args(inner)[0]))
    if attrs.has(inner):
        return pa.struct([_field(f.name, f.type) for f in _fields(inner)])
    if isinstance(inner, type) and issubclass(inner, enum.Enum):
        return _ENUM
    simple: dict[Any, pa.DataType] = {
        str: pa.string(),
        IdNumber: pa.string(),
        PhoneNumber: pa.string(),
        bool: pa.bool_(),
        int: pa.int64(),
        float: pa.float64(),
        Decimal: _MONEY,
        dt.datetime: _TIMESTAMP,
        dt.date: pa.date32(),
    }
    try:
        return simple[inner]
    except (KeyError, TypeError):
        raise TypeError(f"no Arrow type for {inner!r}") from None


def columns(cls: type, records: list[Any], skip: str | None = None) -> dict[str, list[Any]]:
    """The columns of ``records`` of ``cls``, as Python values their Arrow types take."""
    out: dict[str, list[Any]] = {}
    for f in _fields(cls):
        if f.name == skip:
            continue
        convert = _to_arrow(f.type)
        values = [getattr(r, f.name) for r in records]
        out[f.name] = values if convert is None else [convert(v) for v in values]
    return out


_CONVERTERS: dict[Any, Convert | None] = {}


def _to_arrow(tp: Any) -> Convert | None:
    """The function that turns a value of type ``tp`` into its Arrow value (None: the
    value is its own), made once a type."""
    try:
        return _CONVERTERS[tp]
    except KeyError:
        convert = _CONVERTERS[tp] = _make_to_arrow(tp)
        return convert


def _make_to_arrow(tp: Any) -> Convert | None:
    inner, nullable = _members(tp)
    convert = _to_arrow_inner(inner)
    if convert is None or not nullable:
        return convert
    present = convert
    return lambda v: None if v is None else present(v)


def _to_arrow_inner(tp: Any) -> Convert | None:
    origin = typing.get_origin(tp)
    if origin in (tuple, frozenset):
        item = _to_arrow(typing.get_args(tp)[0])
        if origin is tuple:
            if item is None:
                return list
            each = item
            return lambda values: [each(v) for v in values]
        return functools.partial(_sorted, item)
    if attrs.has(tp):
        fields = [(f.name, _to_arrow(f.type)) for f in _fields(tp)]
        return lambda v: {
            name: getattr(v, name) if fn is None else fn(getattr(v, name)) for name, fn in fields
        }
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return _code
    if tp in (IdNumber, PhoneNumber):
        return _revealed
    if tp is dt.datetime:
        return _wall_clock
    return None


def _code(value: enum.Enum) -> Any:
    return value.value


def _revealed(value: IdNumber | PhoneNumber) -> str:
    return value.reveal()


def _sorted(item: Convert | None, values: frozenset[Any]) -> list[Any]:
    """A set (of text or enum codes) as a list in a fixed order, whatever the hash seed."""
    return sorted(values if item is None else (item(v) for v in values))


def _wall_clock(value: dt.datetime) -> dict[str, Any]:
    offset = value.utcoffset()
    seconds = None if offset is None else int(offset.total_seconds())
    return {"local": value.replace(tzinfo=None), "utc_offset_s": seconds}


def from_arrow(cls: type) -> Convert:
    """A function turning a row of ``cls`` as Arrow gives it (``to_pylist``) into plain
    data for the converter: timestamps rebuilt, money without its padding zeros."""
    fixes = {f.name: fix for f in _fields(cls) if (fix := _fix(f.type)) is not None}
    if not fixes:
        return _same

    def fixed(row: dict[str, Any]) -> dict[str, Any]:
        for name, fix in fixes.items():
            value = row.get(name)
            if value is not None:
                row[name] = fix(value)
        return row

    return fixed


def _same(row: dict[str, Any]) -> dict[str, Any]:
    return row


def _fix(tp: Any) -> Convert | None:
    inner, _ = _members(tp)
    origin = typing.get_origin(inner)
    if origin in (tuple, frozenset):
        item = _fix(typing.get_args(inner)[0])
        if item is None:
            return None
        fix_item = item
        return lambda values: [fix_item(v) for v in values]
    if attrs.has(inner):
        nested = from_arrow(inner)
        return None if nested is _same else nested
    if inner is Decimal:
        return _unpadded
    if inner is dt.datetime:
        return _timestamp
    return None


def _unpadded(value: Decimal) -> Decimal:
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def _timestamp(value: dict[str, Any]) -> dt.datetime:
    local: dt.datetime = value["local"]
    seconds = value["utc_offset_s"]
    if seconds is None:
        return local
    return local.replace(tzinfo=dt.timezone(dt.timedelta(seconds=seconds)))

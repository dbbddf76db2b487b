"""The hooks: how each of shequ_core's types is read from JSON-ready data and written
back to it.

Structure hooks are strict about JSON types and silent about values (a message says what
was expected and what kind of value came, never the value). They are attached to the
fields of our records through cattrs' generated functions, so a converter's hooks for
other classes are left as they were.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import operator
import re
import types
import typing
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

import attrs
from cattrs import BaseConverter
from cattrs.errors import ClassValidationError, IterableValidationError, IterableValidationNote
from cattrs.fns import identity
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from shequ_core.entities import (
    IdNumber,
    LabelledEnum,
    PhoneNumber,
    is_birth_date,
    redacted_birth_date,
)
from shequ_core.errors import Problem, ValidationError
from shequ_core.serialization._problems import invalid, kind, problems_of
from shequ_core.text import mask_personal
from shequ_core.validation import check_datetime, fault_code, field_problems

StructureHook = Callable[[Any, Any], Any]
UnstructureHook = Callable[[Any], Any]

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
# What ``datetime.isoformat`` writes (and Python 3.10's ``fromisoformat`` reads), or Z.
_DATETIME = re.compile(
    r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{3}|\.\d{6})?)?"
    r"(?:Z|[+-]\d{2}:\d{2}(?::\d{2}(?:\.\d{6})?)?)?",
    re.ASCII,
)
_DECIMAL = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?", re.ASCII)
_PII_TYPES: tuple[type, ...] = (IdNumber, PhoneNumber)


# -- structure hooks: strict about JSON types, silent about values ---------------------


def _structure_str(value: Any, _: Any) -> str:
    if isinstance(value, str):
        return value
    raise invalid(f"must be a string, got {kind(value)}")


#: Beyond this a float does not hold every whole number exactly (2**53).
_EXACT_FLOAT_INT = 2**53


def _structure_int(value: Any, _: Any) -> int:
    if type(value) is int:
        return value
    if isinstance(value, float) and value.is_integer():
        if abs(value) > _EXACT_FLOAT_INT:  # 1e20, or a 20-digit integer orjson read as a float
            raise invalid("is too large a whole number to be read exactly", "out_of_range")
        return int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return int(value)
    if isinstance(value, float):
        raise invalid("must be a whole number, got a number that is not whole")
    raise invalid(f"must be a whole number, got {kind(value)}")


def _structure_float(value: Any, _: Any) -> float:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            return float(value)
        except OverflowError:
            raise invalid("is too large a number", "out_of_range") from None
    raise invalid(f"must be a number, got {kind(value)}")


def _structure_bool(value: Any, _: Any) -> bool:
    if isinstance(value, bool):
        return value
    raise invalid(f"must be true or false, got {kind(value)}")


def _structure_date(value: Any, _: Any) -> dt.date:
    if isinstance(value, str):
        if _DATE.fullmatch(value):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
            raise invalid("is not a calendar date", "invalid_value")
        raise invalid("must be a date written YYYY-MM-DD", "invalid_value")
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    raise invalid(f"must be a date string YYYY-MM-DD, got {kind(value)}")


def _structure_datetime(value: Any, _: Any) -> dt.datetime:
    if isinstance(value, str):
        if _DATETIME.fullmatch(value):
            try:
                ts = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
            except ValueError:
                raise invalid("is not a calendar date and time", "invalid_value") from None
            msg = check_datetime(ts)
            if msg is None:
                return ts
            raise invalid(msg, fault_code(msg))
        msg = "must be a date and time written YYYY-MM-DDTHH:MM:SS, with its offset if known"
        raise invalid(msg, "invalid_value")
    if isinstance(value, dt.datetime):
        return value
    raise invalid(f"must be a date-time string, got {kind(value)}")


def _structure_decimal(value: Any, _: Any) -> Decimal:
    if isinstance(value, str):
        if _DECIMAL.fullmatch(value):
            return Decimal(value)
        msg = 'must be a decimal number written as a string, like "3089.50"'
        raise invalid(msg, "invalid_value")
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    raise invalid(f"must be a decimal string, got {kind(value)}")


def _structure_pii(cls: type[IdNumber] | type[PhoneNumber], what: str) -> StructureHook:
    def structure_pii(value: Any, _: Any) -> Any:
        if isinstance(value, str):
            return cls(value)  # its ValidationError names the problem, never the value
        if isinstance(value, cls):
            return value
        raise invalid(f"must be {what} string, got {kind(value)}")

    return structure_pii


structure_id_number = _structure_pii(IdNumber, "an identity number")
structure_phone = _structure_pii(PhoneNumber, "a phone number")


def enum_structure_hook(cls: type[enum.Enum]) -> StructureHook:
    """The hook that reads one of ``cls``'s values (its code) as the member."""
    members: dict[Any, enum.Enum] = {m.value: m for m in cls}
    codes = ", ".join(str(m.value) for m in cls)

    def structure_enum(value: Any, _: Any) -> enum.Enum:
        if isinstance(value, cls):
            return value
        try:
            return members[value]
        except (KeyError, TypeError):
            pass
        raise invalid(f"must be one of {codes}", "unknown_value")

    return structure_enum


def _structure_optional(
    inner: StructureHook, inner_type: Any, *, blank_is_none: bool
) -> StructureHook:
    if blank_is_none:

        def structure_optional_blank(value: Any, _: Any) -> Any:
            if value is None or value == "":
                return None
            return inner(value, inner_type)

        return structure_optional_blank

    def structure_optional(value: Any, _: Any) -> Any:
        return None if value is None else inner(value, inner_type)

    return structure_optional


def _structure_items(item: StructureHook, item_type: Any) -> Callable[[Any], list[Any]]:
    """Structure every item of an array, collecting each failure with its index."""

    def structure_items(value: Any) -> list[Any]:
        out: list[Any] = []
        errors: list[Exception] = []
        for i, v in enumerate(value):
            try:
                out.append(item(v, item_type))
            except Exception as e:  # every item's failure is reported, as cattrs does
                note = IterableValidationNote(f"@ index {i}", i, item_type)
                # setattr: typeshed knows __notes__ only from Python 3.11 on.
                setattr(e, "__notes__", [*getattr(e, "__notes__", []), note])  # noqa: B010
                errors.append(e)
        if errors:
            raise IterableValidationError("while structuring an array", errors, list)
        return out

    return structure_items


def _structure_tuple(item: StructureHook, item_type: Any) -> StructureHook:
    items = _structure_items(item, item_type)

    def structure_tuple(value: Any, _: Any) -> tuple[Any, ...]:
        if isinstance(value, (list, tuple)):
            return tuple(items(value))
        raise invalid(f"must be an array, got {kind(value)}")

    return structure_tuple


def _structure_frozenset(item: StructureHook, item_type: Any) -> StructureHook:
    items = _structure_items(item, item_type)

    def structure_frozenset(value: Any, _: Any) -> frozenset[Any]:
        if isinstance(value, (list, tuple, set, frozenset)):
            return frozenset(items(value))
        raise invalid(f"must be an array, got {kind(value)}")

    return structure_frozenset


def _structure_tuple_fast(item: StructureHook, item_type: Any) -> StructureHook:
    """Like :func:`_structure_tuple` without collecting failures: the fast path's."""

    def structure_tuple(value: Any, _: Any) -> tuple[Any, ...]:
        if isinstance(value, (list, tuple)):
            return tuple([item(v, item_type) for v in value])
        raise invalid(f"must be an array, got {kind(value)}")

    return structure_tuple


def _structure_frozenset_fast(item: StructureHook, item_type: Any) -> StructureHook:
    def structure_frozenset(value: Any, _: Any) -> frozenset[Any]:
        if isinstance(value, (list, tuple, set, frozenset)):
            return frozenset([item(v, item_type) for v in value])
        raise invalid(f"must be an array, got {kind(value)}")

    return structure_frozenset


_SCALAR_STRUCTURE: dict[Any, StructureHook] = {
    str: _structure_str,
    int: _structure_int,
    float: _structure_float,
    bool: _structure_bool,
    dt.date: _structure_date,
    dt.datetime: _structure_datetime,
    Decimal: _structure_decimal,
    IdNumber: structure_id_number,
    PhoneNumber: structure_phone,
}


def optional_arg(tp: Any) -> Any | None:
    """``X`` for ``X | None`` (or ``Optional[X]``), else None."""
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        args = typing.get_args(tp)
        if len(args) == 2 and type(None) in args:
            return args[0] if args[1] is type(None) else args[1]
    return None


def homogeneous_arg(tp: Any, origin: type) -> Any | None:
    """``X`` for ``tuple[X, ...]`` (origin ``tuple``) or ``frozenset[X]``, else None."""
    if typing.get_origin(tp) is not origin:
        return None
    args = typing.get_args(tp)
    if origin is tuple:
        return args[0] if len(args) == 2 and args[1] is Ellipsis else None
    return args[0] if len(args) == 1 else None


def _field_structure_hook(tp: Any, conv: BaseConverter, *, fast: bool = False) -> StructureHook:
    """The hook for a field of type ``tp``; ``fast`` ones stop at the first failure."""
    if tp in _SCALAR_STRUCTURE:
        return _SCALAR_STRUCTURE[tp]
    if (inner := optional_arg(tp)) is not None:
        blank = inner in _PII_TYPES
        inner_hook = _field_structure_hook(inner, conv, fast=fast)
        return _structure_optional(inner_hook, inner, blank_is_none=blank)
    if (item := homogeneous_arg(tp, tuple)) is not None:
        make = _structure_tuple_fast if fast else _structure_tuple
        return make(_field_structure_hook(item, conv, fast=fast), item)
    if (item := homogeneous_arg(tp, frozenset)) is not None:
        make = _structure_frozenset_fast if fast else _structure_frozenset
        return make(_field_structure_hook(item, conv, fast=fast), item)
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return enum_structure_hook(tp)
    hook: StructureHook = conv.get_structure_hook(tp)
    return hook


# -- unstructure hooks -----------------------------------------------------------------


def _unstructure_date(value: dt.date) -> str:
    return value.isoformat()


def unstructure_masked(value: IdNumber | PhoneNumber) -> str:
    """A personal identifier written masked, for sharing (it does not load back)."""
    return value.masked


# ``_value_`` is what the ``value`` property reads, without the descriptor's cost.
enum_value: UnstructureHook = operator.attrgetter("_value_")


def _unstructure_sorted(item: UnstructureHook) -> UnstructureHook:
    def sort_key(wire: Any) -> Any:  # only for items whose wire values do not compare
        return json.dumps(wire, sort_keys=True, ensure_ascii=False)

    def unstructure_set(value: frozenset[Any]) -> list[Any]:
        out = list(value) if item is identity else [item(v) for v in value]
        try:
            out.sort()
        except TypeError:
            out.sort(key=sort_key)
        return out

    return unstructure_set


def _unstructure_list(item: UnstructureHook) -> UnstructureHook:
    if item is identity:
        return list
    return lambda value: [item(v) for v in value]


def _unstructure_optional(inner: UnstructureHook) -> UnstructureHook:
    if inner is identity:
        return identity
    return lambda value: None if value is None else inner(value)


def field_unstructure_hook(tp: Any, conv: BaseConverter, *, redact: bool) -> UnstructureHook:
    """The hook that writes a field of type ``tp`` (identifiers masked with ``redact``)."""
    if tp is str and redact:  # an id, a name or a note can hold a personal number
        return mask_personal
    if tp in (str, int, float, bool):
        return identity
    if tp is dt.date:
        return _unstructure_date
    if tp is dt.datetime:  # naive stays naive, an aware one keeps its offset
        return dt.datetime.isoformat
    if tp is Decimal:
        return str
    if tp is IdNumber:
        return unstructure_masked if redact else IdNumber.reveal
    if tp is PhoneNumber:
        return unstructure_masked if redact else PhoneNumber.reveal
    if (inner := optional_arg(tp)) is not None:
        return _unstructure_optional(field_unstructure_hook(inner, conv, redact=redact))
    if (item := homogeneous_arg(tp, tuple)) is not None:
        return _unstructure_list(field_unstructure_hook(item, conv, redact=redact))
    if (item := homogeneous_arg(tp, frozenset)) is not None:
        return _unstructure_sorted(field_unstructure_hook(item, conv, redact=redact))
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return enum_value
    return conv.get_unstructure_hook(tp)


# -- which types are ours --------------------------------------------------------------


def is_shequ_record(tp: Any) -> bool:
    """One of shequ_core's own attrs classes (entities, values, Dataset, policies)."""
    return (
        isinstance(tp, type)
        and attrs.has(tp)
        and (tp.__module__ == "shequ_core" or tp.__module__.startswith("shequ_core."))
    )


def is_labelled_enum(tp: Any) -> bool:
    """One of shequ_core's enums, whose values are their codes on the wire."""
    return isinstance(tp, type) and issubclass(tp, LabelledEnum)


# -- our records -----------------------------------------------------------------------


def record_structure_hook(cls: Any, conv: BaseConverter) -> StructureHook:
    """The structure hook of one of our records on ``conv``: every problem with its path."""
    attrs.resolve_types(cls)

    def make(*, fast: bool) -> StructureHook:
        overrides: dict[str, Any] = {
            a.name: override(struct_hook=_field_structure_hook(a.type, conv, fast=fast))
            for a in attrs.fields(cls)
            if a.init
        }
        fn: StructureHook = make_dict_structure_fn(
            cls,
            conv,
            _cattrs_forbid_extra_keys=True,
            _cattrs_detailed_validation=not fast,
            _cattrs_prefer_attrib_converters=False,
            _cattrs_use_alias=False,
            **overrides,
        )
        return fn

    # Valid data takes the fast function (no per-field bookkeeping); on any failure
    # the detailed one runs again from the start and raises the error with every
    # problem and its path, exactly as if it had run alone.
    fast, detailed = make(fast=True), make(fast=False)
    expected = f"must be an object ({cls.__name__})"
    order = {a.name: i for i, a in enumerate(attrs.fields(cls))}
    checked = {
        a.name: (_field_structure_hook(a.type, conv), a.metadata["check"])
        for a in attrs.fields(cls)
        if a.init and a.metadata.get("check") is not None
    }

    def value_problems(value: Mapping[str, Any], failed: set[str]) -> list[Problem]:
        """The record's own field checks on the fields that were read, so that one
        error lists a bad ``kind`` and an empty ``id`` together (the constructor,
        which runs them otherwise, is never reached when a field cannot be read)."""
        out = []
        for name, (hook, check) in checked.items():
            if name in failed or name not in value:
                continue
            try:
                read = hook(value[name], None)
            except Exception:  # its failure is in the detailed run's report already
                continue
            out.extend(field_problems(name, check, read))
        return out

    def structure_mapping(value: Any, tp: Any) -> Any:
        if type(value) is not dict and not isinstance(value, Mapping):
            raise invalid(f"{expected}, got {kind(value)}")
        try:
            return fast(value, tp)
        except Exception:  # any failure: the detailed run explains it
            pass
        try:
            return detailed(value, tp)
        except ClassValidationError as e:
            with_notes, without = e.group_exceptions()
            if without:  # the constructor ran, and its checks have spoken
                raise
            more = value_problems(value, {note.name for _, note in with_notes})
            if not more:
                raise
            problems = problems_of(e) + more
            problems.sort(key=lambda p: order.get(p.loc[0] if p.loc else None, -1))
            raise ValidationError(problems, subject=cls.__name__) from None

    return structure_mapping


def record_unstructure_hook(cls: Any, conv: BaseConverter, *, redact: bool) -> UnstructureHook:
    """The unstructure hook of one of our records on ``conv``: every field, in order."""
    attrs.resolve_types(cls)
    overrides: dict[str, Any] = {
        a.name: override(unstruct_hook=field_unstructure_hook(a.type, conv, redact=redact))
        for a in attrs.fields(cls)
    }
    if redact:  # a date of birth shows its year only (docs/explanation/personal-data.md)
        birth = _unstructure_optional(redacted_birth_date)
        overrides |= {a.name: override(unstruct_hook=birth) for a in attrs.fields(cls)
                      if is_birth_date(a)}  # fmt: skip
    return make_dict_unstructure_fn(
        cls, conv, _cattrs_omit_if_default=False, _cattrs_use_alias=False, **overrides
    )

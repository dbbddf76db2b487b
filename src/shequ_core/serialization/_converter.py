"""The cattrs converter: our records to JSON-ready data and back, every problem reported.

The wire format and the error contract are described in :mod:`shequ_core.serialization`.
Hooks are only registered for shequ_core's own types (its records, enums and personal
identifiers); the strictness about strings, numbers, dates and money is attached to the
fields of our records through cattrs' generated functions, so :func:`configure_converter`
leaves an application's other classes on its converter as they were.
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
from typing import Any, TypeVar

import attrs
from cattrs import BaseConverter
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.fns import identity
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override
from cattrs.preconf.json import JsonConverter
from cattrs.preconf.json import make_converter as _make_json_converter

from shequ_core.entities import IdNumber, LabelledEnum, PhoneNumber
from shequ_core.errors import Problem, ValidationError
from shequ_core.validation import field_problems

__all__ = [
    "configure_converter",
    "converter",
    "from_json",
    "make_converter",
    "structure",
    "to_json",
    "unstructure",
]

T = TypeVar("T")
StructureHook = Callable[[Any, Any], Any]
UnstructureHook = Callable[[Any], Any]

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_DECIMAL = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?", re.ASCII)
_PII_TYPES: tuple[type, ...] = (IdNumber, PhoneNumber)


# -- problems --------------------------------------------------------------------------


def _kind(value: object) -> str:
    """What a value is, in JSON's words, without showing the value."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, (list, tuple)):
        return "an array"
    if isinstance(value, Mapping):
        return "an object"
    return f"a {type(value).__name__}"


def _invalid(message: str, code: str = "wrong_type") -> ValidationError:
    return ValidationError([Problem((), message, code)])


_LONG_DIGITS = re.compile(r"\d{6,}[\dXx]?")


def _key_part(key: object) -> str | int:
    """An unknown key as a step of a location, its long digit runs starred: a key can be
    an identity number (a record keyed by it), and messages never show one."""
    if isinstance(key, str):
        return _LONG_DIGITS.sub(lambda m: "*" * len(m.group()), key)
    if isinstance(key, int) and not isinstance(key, bool):
        return key
    return repr(key)


def problems_of(exc: BaseException) -> list[Problem]:
    """Every problem in a (nested) structuring error, with its path from where it was raised.

    Walks cattrs' exception groups by their notes (a field name or an index), the way
    cattrs' ``transform_error`` does, and splices in the problems of our own
    :class:`ValidationError` raised by a record's constructor or a hook.
    """
    if isinstance(exc, ValidationError):
        return list(exc.problems)
    if isinstance(exc, ClassValidationError):
        out: list[Problem] = []
        with_notes, without = exc.group_exceptions()
        for sub, attr_note in with_notes:
            if isinstance(sub, KeyError):
                out.append(Problem(attr_note.name, "is required", "required"))
            else:
                out.extend(p.within(attr_note.name) for p in problems_of(sub))
        for sub in without:
            out.extend(problems_of(sub))
        return out
    if isinstance(exc, IterableValidationError):
        out = []
        with_index, rest = exc.group_exceptions()
        for sub, index_note in with_index:
            out.extend(p.within(index_note.index) for p in problems_of(sub))
        for sub in rest:
            out.extend(problems_of(sub))
        return out
    if isinstance(exc, ForbiddenExtraKeysError):
        name = exc.cl.__name__
        return [
            Problem(_key_part(k), f"is not a field of {name}", "unknown_field")
            for k in sorted(exc.extra_fields, key=str)
        ]
    return [Problem((), f"could not be read ({type(exc).__name__})", "invalid_value")]


# -- structure hooks: strict about JSON types, silent about values ---------------------


def _structure_str(value: Any, _: Any) -> str:
    if isinstance(value, str):
        return value
    raise _invalid(f"must be a string, got {_kind(value)}")


def _structure_int(value: Any, _: Any) -> int:
    if type(value) is int:
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return int(value)
    if isinstance(value, float):
        raise _invalid("must be a whole number, got a number that is not whole")
    raise _invalid(f"must be a whole number, got {_kind(value)}")


def _structure_float(value: Any, _: Any) -> float:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            return float(value)
        except OverflowError:
            raise _invalid("is too large a number", "out_of_range") from None
    raise _invalid(f"must be a number, got {_kind(value)}")


def _structure_bool(value: Any, _: Any) -> bool:
    if isinstance(value, bool):
        return value
    raise _invalid(f"must be true or false, got {_kind(value)}")


def _structure_date(value: Any, _: Any) -> dt.date:
    if isinstance(value, str):
        if _DATE.fullmatch(value):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
            raise _invalid("is not a calendar date", "invalid_value")
        raise _invalid("must be a date written YYYY-MM-DD", "invalid_value")
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    raise _invalid(f"must be a date string YYYY-MM-DD, got {_kind(value)}")


def _structure_decimal(value: Any, _: Any) -> Decimal:
    if isinstance(value, str):
        if _DECIMAL.fullmatch(value):
            return Decimal(value)
        msg = 'must be a decimal number written as a string, like "3089.50"'
        raise _invalid(msg, "invalid_value")
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    raise _invalid(f"must be a decimal string, got {_kind(value)}")


def _structure_pii(cls: type[IdNumber] | type[PhoneNumber], what: str) -> StructureHook:
    def structure_pii(value: Any, _: Any) -> Any:
        if isinstance(value, str):
            return cls(value)  # its ValidationError names the problem, never the value
        if isinstance(value, cls):
            return value
        raise _invalid(f"must be {what} string, got {_kind(value)}")

    return structure_pii


_structure_id_number = _structure_pii(IdNumber, "an identity number")
_structure_phone = _structure_pii(PhoneNumber, "a phone number")


def _structure_enum(cls: type[enum.Enum]) -> StructureHook:
    members: dict[Any, enum.Enum] = {m.value: m for m in cls}
    codes = ", ".join(str(m.value) for m in cls)

    def structure_enum(value: Any, _: Any) -> enum.Enum:
        if isinstance(value, cls):
            return value
        try:
            return members[value]
        except (KeyError, TypeError):
            pass
        raise _invalid(f"must be one of {codes}", "unknown_value")

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
        raise _invalid(f"must be an array, got {_kind(value)}")

    return structure_tuple


def _structure_frozenset(item: StructureHook, item_type: Any) -> StructureHook:
    items = _structure_items(item, item_type)

    def structure_frozenset(value: Any, _: Any) -> frozenset[Any]:
        if isinstance(value, (list, tuple, set, frozenset)):
            return frozenset(items(value))
        raise _invalid(f"must be an array, got {_kind(value)}")

    return structure_frozenset


def _structure_tuple_fast(item: StructureHook, item_type: Any) -> StructureHook:
    """Like :func:`_structure_tuple` without collecting failures: the fast path's."""

    def structure_tuple(value: Any, _: Any) -> tuple[Any, ...]:
        if isinstance(value, (list, tuple)):
            return tuple([item(v, item_type) for v in value])
        raise _invalid(f"must be an array, got {_kind(value)}")

    return structure_tuple


def _structure_frozenset_fast(item: StructureHook, item_type: Any) -> StructureHook:
    def structure_frozenset(value: Any, _: Any) -> frozenset[Any]:
        if isinstance(value, (list, tuple, set, frozenset)):
            return frozenset([item(v, item_type) for v in value])
        raise _invalid(f"must be an array, got {_kind(value)}")

    return structure_frozenset


_SCALAR_STRUCTURE: dict[Any, StructureHook] = {
    str: _structure_str,
    int: _structure_int,
    float: _structure_float,
    bool: _structure_bool,
    dt.date: _structure_date,
    Decimal: _structure_decimal,
    IdNumber: _structure_id_number,
    PhoneNumber: _structure_phone,
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
        return _structure_enum(tp)
    hook: StructureHook = conv.get_structure_hook(tp)
    return hook


# -- unstructure hooks -----------------------------------------------------------------


def _unstructure_date(value: dt.date) -> str:
    return value.isoformat()


def _unstructure_masked(value: IdNumber | PhoneNumber) -> str:
    return value.masked


# ``_value_`` is what the ``value`` property reads, without the descriptor's cost.
_enum_value: UnstructureHook = operator.attrgetter("_value_")


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


def _field_unstructure_hook(tp: Any, conv: BaseConverter, *, redact: bool) -> UnstructureHook:
    if tp in (str, int, float, bool):
        return identity
    if tp is dt.date:
        return _unstructure_date
    if tp is Decimal:
        return str
    if tp is IdNumber:
        return _unstructure_masked if redact else IdNumber.reveal
    if tp is PhoneNumber:
        return _unstructure_masked if redact else PhoneNumber.reveal
    if (inner := optional_arg(tp)) is not None:
        return _unstructure_optional(_field_unstructure_hook(inner, conv, redact=redact))
    if (item := homogeneous_arg(tp, tuple)) is not None:
        return _unstructure_list(_field_unstructure_hook(item, conv, redact=redact))
    if (item := homogeneous_arg(tp, frozenset)) is not None:
        return _unstructure_sorted(_field_unstructure_hook(item, conv, redact=redact))
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return _enum_value
    return conv.get_unstructure_hook(tp)


# -- configure, make, and the module's instance ----------------------------------------


def is_shequ_record(tp: Any) -> bool:
    """One of shequ_core's own attrs classes (entities, values, Dataset, policies)."""
    return (
        isinstance(tp, type)
        and attrs.has(tp)
        and (tp.__module__ == "shequ_core" or tp.__module__.startswith("shequ_core."))
    )


def _is_labelled_enum(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, LabelledEnum)


def configure_converter(conv: BaseConverter, *, redact: bool = False) -> None:
    """Register shequ_core's hooks on ``conv``, anyone's cattrs converter.

    Only our own types get hooks: our records (through cattrs' generated functions, with
    unknown keys forbidden and detailed validation on whatever the converter's settings),
    our enums and the personal identifiers. With ``redact=True`` identity and phone
    numbers are unstructured masked.
    """

    def structure_record(cls: Any) -> StructureHook:
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
                raise _invalid(f"{expected}, got {_kind(value)}")
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

    def unstructure_record(cls: Any) -> UnstructureHook:
        attrs.resolve_types(cls)
        overrides: dict[str, Any] = {
            a.name: override(unstruct_hook=_field_unstructure_hook(a.type, conv, redact=redact))
            for a in attrs.fields(cls)
        }
        return make_dict_unstructure_fn(
            cls, conv, _cattrs_omit_if_default=False, _cattrs_use_alias=False, **overrides
        )

    conv.register_structure_hook_factory(is_shequ_record, structure_record)
    conv.register_unstructure_hook_factory(is_shequ_record, unstructure_record)
    conv.register_structure_hook_factory(_is_labelled_enum, _structure_enum)
    conv.register_unstructure_hook_factory(_is_labelled_enum, lambda _: _enum_value)
    for cls, hook in ((IdNumber, _structure_id_number), (PhoneNumber, _structure_phone)):
        conv.register_structure_hook(cls, hook)
        conv.register_unstructure_hook(cls, _unstructure_masked if redact else cls.reveal)


def make_converter(*, redact: bool = False, **kw: Any) -> JsonConverter:
    """A ready converter: cattrs' preconfigured JSON converter with our hooks.

    Keyword arguments go to :func:`cattrs.preconf.json.make_converter`; detailed
    validation and forbidding unknown keys are on unless turned off there (our own records
    always have both).
    """
    kw.setdefault("detailed_validation", True)
    kw.setdefault("forbid_extra_keys", True)
    conv = _make_json_converter(**kw)
    configure_converter(conv, redact=redact)
    return conv


#: The converter the module's functions use; personal identifiers are written in full.
converter: JsonConverter = make_converter()
_redacting: JsonConverter = make_converter(redact=True)


def unstructure(obj: Any, *, redact: bool = False) -> Any:
    """``obj`` as JSON-ready data: dicts, lists, strings, numbers, booleans and None."""
    return (_redacting if redact else converter).unstructure(obj)


def _subject(cls: Any) -> str:
    return getattr(cls, "__name__", None) or str(cls)


def structure(data: Any, cls: type[T]) -> T:
    """An instance of ``cls`` from JSON-ready data.

    Raises :class:`ValidationError` listing every problem with its path.
    """
    try:
        return converter.structure(data, cls)
    except Exception as e:  # every failure becomes a ValidationError with paths
        problems = problems_of(e)
    raise ValidationError(problems, subject=_subject(cls)) from None


def _orjson() -> Any:
    """orjson if installed (the ``orjson`` extra), else None."""
    try:
        import orjson
    except ImportError:  # pragma: no cover - the test extra installs it
        return None
    return orjson


def to_json(
    obj: Any, *, redact: bool = False, indent: int | None = None, fast: bool = False
) -> str:
    """``obj`` as JSON text (UTF-8 characters unescaped, compact unless ``indent`` is given).

    With ``redact=True`` identity and phone numbers are masked: the text is for sharing
    and does not load back. ``fast=True`` writes with orjson when the ``orjson`` extra is
    installed (any ``indent`` then means 2): the same data, loading back equal, but not
    always the same bytes (orjson writes ``1e-7`` where :mod:`json` writes ``1e-07``).
    """
    orjson = _orjson() if fast else None
    if orjson is not None:
        data = unstructure(obj, redact=redact)
        option = orjson.OPT_INDENT_2 if indent is not None else 0
        try:
            text: str = orjson.dumps(data, option=option).decode()
        except TypeError:  # an integer beyond 64 bits: the standard library writes it
            pass
        else:
            return text
    separators = (",", ":") if indent is None else (",", ": ")
    return json.dumps(
        unstructure(obj, redact=redact),
        ensure_ascii=False,
        allow_nan=False,
        indent=indent,
        separators=separators,
    )


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def from_json(text: str | bytes | bytearray, cls: type[T], *, fast: bool = False) -> T:
    """An instance of ``cls`` from JSON text; malformed text is a :class:`ValidationError`.

    ``fast=True`` parses with orjson when the ``orjson`` extra is installed; text orjson
    refuses is read again by :mod:`json` for the precise error. orjson reads integers
    beyond 64 bits as floats, so such a count is refused where :mod:`json` would take it.
    """
    orjson = _orjson() if fast else None
    if orjson is not None:
        try:
            data = orjson.loads(text)
        except (orjson.JSONDecodeError, TypeError):
            pass  # fall through to the standard library's error message
        else:
            return structure(data, cls)
    try:
        data = json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as e:
        msg = f"is not valid JSON: {e.msg} at line {e.lineno} column {e.colno}"
    except UnicodeDecodeError:
        msg = "is not valid JSON: the bytes are not UTF-8 text"
    except RecursionError:
        msg = "is not valid JSON we can read: nested too deeply"
    except (ValueError, TypeError) as e:
        msg = (
            f"must be JSON text, got {_kind(text)}"
            if isinstance(e, TypeError)
            else f"is not valid JSON: {e}"
        )
    else:
        return structure(data, cls)
    raise ValidationError([Problem((), msg, "malformed_json")], subject=_subject(cls))

"""JSON Schema (2020-12) for the wire format, generated from the attrs classes.

The schema describes what :func:`~shequ_core.serialization.to_json` writes, so front ends
and API docs can check a record before sending it. Each property's ``title`` is the
field's Chinese label; nested records and enums are ``$defs`` reached by ``$ref``.

Limitations: a schema can only state what one value allows on its own. Rules between
fields (a meeting's ``present`` not above ``entitled``, a closed case having its closing
date, an identity number's check character, references within a Dataset) are checked by
the classes when the data is loaded, not by the schema. Personal identifiers are
described in the full form; redacted output (``redact=True``) does not match.
"""

from __future__ import annotations

import copy
import datetime as dt
import enum
import typing
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import attrs

from shequ_core.entities import DisputeCase, IdNumber, PhoneNumber, RequestEvent
from shequ_core.errors import Problem, ValidationError
from shequ_core.serialization._converter import converter
from shequ_core.serialization._hooks import (
    field_unstructure_hook,
    homogeneous_arg,
    optional_arg,
)
from shequ_core.validation import (
    MAX_COUNT,
    MAX_DAYS,
    MEASURE_LIMIT,
    check_count,
    check_days,
    check_id,
    check_measure,
    check_money,
    check_opt_id,
    check_opt_measure,
    check_opt_money,
    check_positive,
)

__all__ = ["json_schema"]

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"

_ID = {"type": "string", "minLength": 1, "pattern": r"^\S(?:.*\S)?$"}
_TEXT = {"type": "string", "minLength": 1, "pattern": r"\S"}
_DATE = {"type": "string", "format": "date", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}
# A timestamp: with its offset, an RFC 3339 date-time; without one, Beijing local time
# (the same spelling less the offset, which ``format: date-time`` does not allow), and
# an offset in seconds as Python writes one (a zone's local mean time before 1901).
_TIME = r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{3}|\.[0-9]{6})?)?"
_OFFSET = r"[+-][0-9]{2}:[0-9]{2}"
_DATETIME = {
    "anyOf": [
        {
            "type": "string",
            "format": "date-time",
            "pattern": rf"^{_TIME}(?:Z|{_OFFSET})$",
        },
        {
            "type": "string",
            "pattern": rf"^{_TIME}(?:{_OFFSET}:[0-9]{{2}}(?:\.[0-9]{{6}})?)?$",
            "description": "Beijing local time, or an offset with seconds",
        },
    ]
}
_NUMBER = r"(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?"
_DECIMAL = {"type": "string", "pattern": rf"^[+-]?{_NUMBER}$"}
# Money is never negative; ``str(Decimal("-0"))`` is "-0", which is allowed.
_MONEY = {
    "type": "string",
    "pattern": rf"^{_NUMBER}$|^-(?:0+(?:\.0*)?|\.0+)(?:[eE][+-]?[0-9]+)?$",
}
_ID_NUMBER = {
    "type": "string",
    "minLength": 18,
    "maxLength": 18,
    "pattern": r"^[1-9][0-9]{16}[0-9X]$",
}
_PHONE = {
    "type": "string",
    "pattern": r"^(?:1[3-9][0-9]{9}|(?:010|02[0-9]|0[3-9][0-9]{2})-[2-9][0-9]{6,7})$",
}

# What a field's check allows, where the check says it on its own.
_BY_CHECK: dict[Any, dict[str, Any]] = {
    check_count: {"minimum": 0, "maximum": MAX_COUNT},
    check_positive: {"exclusiveMinimum": 0, "maximum": MAX_COUNT},
    check_days: {"exclusiveMinimum": 0, "maximum": MAX_DAYS},
    check_measure: {"minimum": 0, "exclusiveMaximum": MEASURE_LIMIT},
    check_opt_measure: {"minimum": 0, "exclusiveMaximum": MEASURE_LIMIT},
}
# Rules the classes state in their invariants or collection checks, not field checks.
_EXTRA: dict[tuple[type, str], dict[str, Any]] = {
    (DisputeCase, "parties"): {"minItems": 2},
    (RequestEvent, "days"): {"exclusiveMinimum": 0, "maximum": MAX_DAYS},
}


def json_schema(cls: type) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of ``cls``'s wire format, as a new dict.

    Works for every entity and value class, :class:`~shequ_core.entities.Dataset`, the
    enums and the personal identifiers.
    """
    defs: dict[str, Any] = {}
    if attrs.has(cls):
        root = _record_schema(cls, defs)
    else:
        root = _type_schema(cls, defs, hint=None)
        if "$ref" in root:
            root = defs.pop(root["$ref"].rsplit("/", 1)[1])
    schema: dict[str, Any] = {"$schema": SCHEMA_DIALECT, **root}
    if defs:
        schema["$defs"] = dict(sorted(defs.items()))
    return schema


def _record_schema(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    attrs.resolve_types(cls)
    properties: dict[str, Any] = {}
    required: list[str] = []
    for a in attrs.fields(cls):
        if not a.init:
            continue
        check = a.metadata.get("check")
        hint = "id" if check in (check_id, check_opt_id) or a.name.endswith("_ids") else None
        if check in (check_money, check_opt_money):
            hint = "money"
        prop = _type_schema(a.type, defs, hint=hint)
        extra = {**_BY_CHECK.get(check, {}), **_EXTRA.get((cls, a.name), {})}
        if extra:
            _constrain(prop, extra)
        label = a.metadata.get("label_zh")
        if label:
            prop = {"title": label, **prop}
        if a.default is attrs.NOTHING:
            required.append(a.name)
        elif not isinstance(a.default, attrs.Factory):  # type: ignore[arg-type]
            unstructure = field_unstructure_hook(a.type, converter, redact=False)
            prop["default"] = unstructure(a.default)
        properties[a.name] = prop
    schema: dict[str, Any] = {"title": cls.__name__}
    doc = (cls.__doc__ or "").strip().split("\n\n")[0]
    if doc:
        schema["description"] = " ".join(doc.split())
    schema |= {"type": "object", "properties": properties}
    if required:
        schema["required"] = required
    schema["additionalProperties"] = False
    return schema


def _constrain(prop: dict[str, Any], extra: dict[str, Any]) -> None:
    """Add constraints to the non-null branch of a property."""
    if "anyOf" in prop:
        prop["anyOf"][0] = {**prop["anyOf"][0], **extra}
    else:
        prop.update(extra)


def _type_schema(tp: Any, defs: dict[str, Any], *, hint: str | None) -> dict[str, Any]:
    if tp is str:
        return dict(_ID if hint == "id" else _TEXT)
    if tp is bool:
        return {"type": "boolean"}
    if tp is int:
        return {"type": "integer"}
    if tp is float:
        return {"type": "number"}
    if tp is dt.date:
        return dict(_DATE)
    if tp is dt.datetime:
        return copy.deepcopy(_DATETIME)
    if tp is Decimal:
        return dict(_MONEY if hint == "money" else _DECIMAL)
    if tp is IdNumber:
        return dict(_ID_NUMBER)
    if tp is PhoneNumber:
        return dict(_PHONE)
    if (inner := optional_arg(tp)) is not None:
        return {"anyOf": [_type_schema(inner, defs, hint=hint), {"type": "null"}]}
    if (item := homogeneous_arg(tp, tuple)) is not None:
        return {"type": "array", "items": _type_schema(item, defs, hint=hint)}
    if (item := homogeneous_arg(tp, frozenset)) is not None:
        items = _type_schema(item, defs, hint=hint)
        return {"type": "array", "items": items, "uniqueItems": True}
    if typing.get_origin(tp) in (Mapping, dict):
        key, value = typing.get_args(tp)
        schema: dict[str, Any] = {
            "type": "object",
            "additionalProperties": _type_schema(value, defs, hint=hint),
        }
        if isinstance(key, type) and issubclass(key, enum.Enum):
            schema["propertyNames"] = {"enum": [m.value for m in key]}
        return schema
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        if tp.__name__ not in defs:
            defs[tp.__name__] = {
                "title": tp.__name__,
                "type": "string",
                "enum": [m.value for m in tp],
            }
        return {"$ref": f"#/$defs/{tp.__name__}"}
    if isinstance(tp, type) and attrs.has(tp):
        if tp.__name__ not in defs:
            defs[tp.__name__] = {}  # reserve the name first, for self-reference
            defs[tp.__name__] = _record_schema(tp, defs)
        return {"$ref": f"#/$defs/{tp.__name__}"}
    msg = f"no JSON Schema for {tp!r}"
    raise ValidationError([Problem("cls", msg, "wrong_type")], subject="json_schema")

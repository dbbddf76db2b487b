"""The columns and cells of the DataFrames :mod:`shequ_core.extra.pandas` makes.

A record class gives its columns (a nested record spread over prefixed columns); each
value gives a cell (masked, an enum as its code or label, a set as a sorted tuple), and
each column a pandas Series of the dtype its field's type asks for. Nothing here
imports pandas: the caller passes the module to :func:`series`.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import typing
from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from shequ_core.entities import (
    IdNumber,
    LabelledEnum,
    PhoneNumber,
    is_birth_date,
    redacted_birth_date,
)
from shequ_core.errors import Problem, ValidationError
from shequ_core.text import Lang, mask_personal

# -- columns ---------------------------------------------------------------------------


@attrs.frozen
class Column:
    header: str
    path: tuple[str, ...]
    kind: str

    def get(self, record: Any) -> Any:
        value = record
        for name in self.path:
            if value is None:
                return None
            value = getattr(value, name)
        return value


def check_options(lang: object, reveal: object, *, subject: str) -> None:
    problems = []
    if lang not in (None, "zh", "en"):
        problems.append(
            Problem("lang", f"must be None, 'zh' or 'en', got {lang!r}", "invalid_argument")
        )
    if not isinstance(reveal, bool):
        problems.append(Problem("reveal", "must be true or false", "invalid_argument"))
    if problems:
        raise ValidationError(problems, subject=subject)


@functools.cache
def type_hints(cls: type) -> dict[str, Any]:
    """The resolved field types of record class ``cls``, worked out once a class
    (:func:`typing.get_type_hints` compiles every annotation again at each call)."""
    try:
        return typing.get_type_hints(cls)
    except (NameError, TypeError):  # a name only imported for type checking
        return {a.name: a.type for a in attrs.fields(cls) if not isinstance(a.type, str)}


def field_label(field: attrs.Attribute[Any], lang: Lang | None) -> str:
    if lang == "zh":
        label = field.metadata.get("label_zh")
        if isinstance(label, str):
            return label
    return field.name


def record_columns(
    cls: type, prefix: str, label_prefix: str, lang: Lang | None, exclude: frozenset[str]
) -> list[Column]:
    hints = type_hints(cls)
    out: list[Column] = []
    for a in attrs.fields(cls):
        if a.name in exclude:
            continue
        tp = strip_none(hints.get(a.name))
        name = prefix + a.name
        label = label_prefix + field_label(a, lang)
        if isinstance(tp, type) and attrs.has(tp):
            sep = "·" if lang == "zh" else "_"
            for sub in record_columns(tp, name + "_", label + sep, lang, frozenset()):
                out.append(Column(sub.header, (a.name, *sub.path), sub.kind))
            continue
        header = label if lang == "zh" else name
        out.append(Column(header, (a.name,), "birth_year" if is_birth_date(a) else kind_of(tp)))
    return out


def strip_none(tp: Any) -> Any:
    args = [t for t in typing.get_args(tp) if t is not type(None)]
    if len(args) == 1 and type(None) in typing.get_args(tp):
        return args[0]
    return tp


def kind_of(tp: Any) -> str:
    if tp is dt.date:
        return "date"
    if tp in (Decimal, Fraction, float):
        return "float"
    if tp is int:
        return "int"
    return "object"


# -- cells -----------------------------------------------------------------------------


def to_cell(value: Any, lang: Lang | None, reveal: bool) -> Any:
    if isinstance(value, str):  # an id or a name can hold a personal number
        return value if reveal else mask_personal(value)
    if value is None or isinstance(value, (bool, int, float, dt.date)):
        return value
    if isinstance(value, LabelledEnum):
        return value.value if lang is None else value.label(lang)
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (IdNumber, PhoneNumber)):
        return value.reveal() if reveal else str(value)
    if isinstance(value, (Decimal, Fraction)):
        return float(value)
    if isinstance(value, (frozenset, set)):
        return tuple(sorted((to_cell(v, lang, reveal) for v in value), key=sort_key))
    if isinstance(value, (tuple, list)):
        return tuple(to_cell(v, lang, reveal) for v in value)
    if isinstance(value, Mapping):
        return {to_cell(k, lang, reveal): to_cell(v, lang, reveal) for k, v in value.items()}
    return value


def sort_key(value: Any) -> tuple[str, str]:
    return (type(value).__name__, str(value))


def to_series(pd: Any, cells: Sequence[Any], kind: str) -> Any:
    if kind == "birth_year":  # a date of birth, redacted: its year only, as a period
        years = [None if c is None else redacted_birth_date(c) for c in cells]
        return pd.Series(pd.PeriodIndex(years, freq="Y"))
    if kind == "date" or (any(c is not None for c in cells) and all(is_date(c) for c in cells)):
        return pd.to_datetime(pd.Series(cells, dtype=object)).astype("datetime64[ns]")
    if kind == "int" and any(c is None for c in cells):
        return pd.array(cells, dtype="Int64")
    if kind == "float":
        return pd.Series([float("nan") if c is None else float(c) for c in cells], dtype=float)
    if kind == "int":
        return pd.Series(cells, dtype="int64")
    return pd.Series(cells, dtype=object) if not cells else list(cells)


def is_date(value: Any) -> bool:
    return value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime))

"""The fast path's writing half: one generated function per record class that writes a
record as plain data (a dict of its fields, dates, enums and money converted inline,
arrays of our records written in place), as cattrs' generated functions wrote it.

The reading half, and the code generation both share, are in :mod:`._fast`.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import attrs
from cattrs import BaseConverter

from shequ_core.entities import is_birth_date, redacted_birth_date
from shequ_core.kept import Kept
from shequ_core.serialization._fast import DATES_KEPT, PERSONAL_TYPES, Source
from shequ_core.serialization._hooks import (
    field_unstructure_hook,
    homogeneous_arg,
    is_shequ_record,
    optional_arg,
)

__all__ = ["fast_unstructure_fn"]


#: Each date's text, by the date, for writing: ``date.isoformat`` builds a new string
#: each time and a case has five dates. Only exact dates are looked up here (a subclass
#: may write itself differently), and at most as many are kept as the reading half keeps.
_ISOFORMATS: Kept[dt.date, str] = Kept(dt.date.isoformat, DATES_KEPT)


def fast_unstructure_fn(cls: type, conv: BaseConverter, *, redact: bool) -> Callable[[Any], Any]:
    """The unstructure function of ``cls``: a dict of every field in order, with the
    conversion inlined where a field needs one it knows (a date, an enum, money, an
    array of records), and the field's hook called where it does not.

    An array of records whose hook on ``conv`` is such a function too is written in
    place, one comprehension building their dicts, not a call per record: a case's
    parties and events are most of its output."""
    attrs.resolve_types(cls)
    src = Source()
    src.add(1, f"return {_record_expr(cls, 'o', conv, src, redact=redact)}")
    name = f"unstructure_{cls.__name__}"
    where = f"<shequ_core unstructure {cls.__qualname__}>"
    fn: Callable[[Any], Any] = src.compile(name, f"def {name}(o):", where)
    fn.writes = (cls, redact)  # type: ignore[attr-defined]
    return fn


def _record_expr(cls: type, value: str, conv: BaseConverter, src: Source, *, redact: bool) -> str:
    """An expression writing the record ``value`` of class ``cls`` as a dict."""
    items = []
    for a in attrs.fields(cls):
        field = f"{value}.{a.name}"
        if redact and is_birth_date(a):  # the year only (docs/explanation/personal-data.md)
            t = src.var()
            expr = f"None if ({t} := {field}) is None else {src.ref(redacted_birth_date, 'h')}({t})"
        else:
            expr = _unstructure_expr(a.type, field, conv, src, redact=redact)
        items.append(f"{a.name!r}: {expr}")
    return "{" + ", ".join(items) + "}"


def _unstructure_expr(
    tp: Any, value: str, conv: BaseConverter, src: Source, *, redact: bool
) -> str:
    """An expression writing ``value`` (of type ``tp``) as JSON-ready data."""
    if tp in (int, float, bool) or (tp is str and not redact):
        return value
    if tp is dt.date:
        t, date, iso = src.var(), src.ref(dt.date, "d"), src.ref(_ISOFORMATS, "i")
        return f"({iso}[{t}] if type({t} := {value}) is {date} else {t}.isoformat())"
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return f"{value}._value_"
    if tp is Decimal:
        return f"{src.ref(str, 'b')}({value})"
    if tp in PERSONAL_TYPES and not redact:
        return f"{value}._value"  # what reveal() returns, read from its slot
    if (inner := optional_arg(tp)) is not None:
        if inner in (int, float, bool) or (inner is str and not redact):
            return value  # None is written as itself
        t = src.var()  # an assignment expression: this may be inside a comprehension
        written = _unstructure_expr(inner, t, conv, src, redact=redact)
        return f"None if ({t} := {value}) is None else {written}"
    if (item := homogeneous_arg(tp, tuple)) is not None:
        if item in (int, float, bool) or (item is str and not redact):
            return f"{src.ref(list, 'b')}({value})"
        if isinstance(item, type) and issubclass(item, enum.Enum):
            return f"[x._value_ for x in {value}]"
        if is_shequ_record(item):
            hook = conv.get_unstructure_hook(item)
            if getattr(hook, "writes", None) == (item, redact):  # ours: written in place
                x = src.var()
                each = _record_expr(item, x, conv, src, redact=redact)
                return f"([{each} for {x} in {value}] if {value} else [])"
            each = src.ref(hook, "u")  # map: no frame for a comprehension; most are empty
            return f"({src.ref(list, 'b')}(map({each}, {value})) if {value} else [])"
    return f"{src.ref(field_unstructure_hook(tp, conv, redact=redact), 'u')}({value})"

"""The record toolkit: field metadata, converters, checks, and validation that reports
every problem of a record at once.

Every layer builds its records with it (entities, policies, rule results that validate),
so it sits at the bottom, beside :mod:`shequ_core.errors`.

Each field declares its Chinese label and the check its value must pass in its attrs
metadata; :class:`Record` runs them all after ``__init__`` and raises one
:class:`~shequ_core.errors.ValidationError` that names each failing field. Checks name
what is wrong and never echo the value, so personal data cannot leak into a message.

A check returns ``None`` when the value passes and a message when it does not; a
:class:`Fault` is a message that also carries the :class:`~shequ_core.errors.Problem`
code (``wrong_type``, ``out_of_range``...). A plain message gets ``invalid_value``.

Bounds
------
Every number a record holds has an upper bound as well as a lower one, checked when the
record is built, so that no file can hold a value another part of the library cannot
take: whatever is saved loads back, and no rule's sum or date overflows.

- a count (households, residents, people at a meeting): 0 to :data:`MAX_COUNT`
  (999,999,999: no community has 10⁹ households);
- money: a finite decimal from 0 to below :data:`MONEY_LIMIT` yuan (10¹², a trillion;
  a decimal such as ``1E+1000000`` is finite, and refused);
- an area in m² or a number of hours: a finite float from 0 to below
  :data:`MEASURE_LIMIT` (10⁷: ten square kilometres of floor, or 1,141 years of service);
- a time limit or an extension in days: 1 to :data:`MAX_DAYS` (3,660, ten years), so a
  deadline stays inside the calendar's years.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import math
import re
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any, ClassVar

import attrs

from shequ_core.errors import Loc, Problem, ValidationError

__all__ = [
    "BEIJING",
    "MAX_COUNT",
    "MAX_DAYS",
    "MEASURE_LIMIT",
    "MONEY_LIMIT",
    "Check",
    "Fault",
    "Record",
    "beijing",
    "check_bool",
    "check_count",
    "check_date",
    "check_datetime",
    "check_days",
    "check_enum",
    "check_frozenset_of",
    "check_id",
    "check_instance",
    "check_measure",
    "check_money",
    "check_opt_date",
    "check_opt_datetime",
    "check_opt_enum",
    "check_opt_id",
    "check_opt_instance",
    "check_opt_measure",
    "check_opt_money",
    "check_opt_text",
    "check_positive",
    "check_text",
    "check_tuple_of",
    "fault_code",
    "field_problems",
    "label_zh",
    "local_date",
    "local_moment",
    "local_time",
    "md",
    "opt_text",
    "to_decimal",
    "to_float",
    "to_frozenset",
    "to_opt_decimal",
    "to_opt_float",
    "to_tuple",
]

#: The largest count a record holds (households, residents, people): 10⁹ - 1.
MAX_COUNT = 999_999_999
#: Money is below this many yuan (10¹²).
MONEY_LIMIT = Decimal(10**12)
#: Areas (m²) and hours are below this (10⁷).
MEASURE_LIMIT = 1e7
#: The longest time limit or extension, in days: ten years.
MAX_DAYS = 3_660

#: Beijing time (Asia/Shanghai): a naive timestamp in a record is local time there.
#: Declared only: the module's ``__getattr__`` gives it, from :func:`beijing`.
BEIJING: dt.tzinfo


@functools.cache
def beijing() -> dt.tzinfo:
    """Beijing time (Asia/Shanghai), :data:`BEIJING`: loaded on first use, so that
    ``import shequ_core`` does not import :mod:`zoneinfo` (a twentieth of its time)."""
    import zoneinfo

    return zoneinfo.ZoneInfo("Asia/Shanghai")


def __getattr__(name: str) -> Any:
    if name == "BEIJING":
        return beijing()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


#: A field's check: ``None`` when the value passes, else a message (or a :class:`Fault`).
Check = Callable[[Any], "str | None"]


class Fault(str):
    """A check's message that also names its :class:`~shequ_core.errors.Problem` code.

    It is a ``str``, so a check that returns one reads like any other check.
    """

    code: str

    def __new__(cls, code: str, message: str) -> Fault:
        fault = super().__new__(cls, message)
        fault.code = code
        return fault


def fault_code(message: str) -> str:
    """The code of a check's message: its own for a :class:`Fault`, else ``invalid_value``."""
    code: str = getattr(message, "code", "invalid_value")
    return code


def _wrong_type(what: str, value: object) -> Fault:
    return Fault("wrong_type", f"must be {what}, got {_kind(value)}")


# -- metadata -------------------------------------------------------------------------


def md(label: str, check: Check | None = None) -> dict[str, Any]:
    """Field metadata: its Chinese label and the check its value must pass."""
    return {"label_zh": label, "check": check}


def label_zh(cls: type, name: str) -> str:
    """The Chinese label of field ``name`` of the attrs class ``cls``."""
    label: str = attrs.fields_dict(cls)[name].metadata["label_zh"]
    return label


# -- converters: forgiving about containers, never about meaning ------------------------


def opt_text(value: str | None) -> str | None:
    """An optional string stores ``""`` as ``None``, so every format round-trips it."""
    return None if value == "" else value


def to_tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    """Any iterable as a tuple; a string or a mapping is left for the check to refuse."""
    if isinstance(value, (tuple, str, bytes, Mapping)):
        return value  # type: ignore[return-value]  # left for the check to refuse
    try:
        return tuple(value)
    except TypeError:
        return value  # type: ignore[return-value]


def to_frozenset(value: Iterable[Any]) -> frozenset[Any]:
    """Any iterable as a frozenset; a string or a mapping is left for the check."""
    if isinstance(value, (frozenset, str, bytes, Mapping)):
        return value  # type: ignore[return-value]
    try:
        return frozenset(value)
    except TypeError:
        return value  # type: ignore[return-value]


def to_decimal(value: Decimal | int | str) -> Decimal:
    """Money as :class:`~decimal.Decimal`; ints and decimal strings are taken as they are.

    Floats are left for the check to refuse: ``0.1`` is not a sum of money.
    """
    if isinstance(value, bool):
        return value  # type: ignore[return-value]
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, str):
        try:
            return Decimal(value.strip())
        except InvalidOperation:
            return value  # type: ignore[return-value]
    return value


def to_opt_decimal(value: Decimal | int | str | None) -> Decimal | None:
    """None or ``""`` as None, anything else as :func:`to_decimal` takes it."""
    if value is None or value == "":
        return None
    return to_decimal(value)


def to_float(value: float | int) -> float:
    """An int as a float (areas and hours may be given whole); anything else as it is."""
    if isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value


def to_opt_float(value: float | int | None) -> float | None:
    """None as None, anything else as :func:`to_float` takes it."""
    return None if value is None else to_float(value)


# What each converter returns unchanged, for the converter's fast path (which then need
# not call it on a value it has just read as one of these); tests/serialization/
# test_fast_path.py holds each to it.
to_tuple.keeps = (tuple,)  # type: ignore[attr-defined]
to_frozenset.keeps = (frozenset,)  # type: ignore[attr-defined]
to_decimal.keeps = (Decimal,)  # type: ignore[attr-defined]
to_opt_decimal.keeps = (Decimal, type(None))  # type: ignore[attr-defined]
to_float.keeps = (float,)  # type: ignore[attr-defined]
to_opt_float.keeps = (float, type(None))  # type: ignore[attr-defined]


# -- checks: each returns a message or None --------------------------------------------


def _kind(value: object) -> str:
    return type(value).__name__


def check_id(value: object) -> str | None:
    """A record id: a non-empty printable string without surrounding white space."""
    if not isinstance(value, str):
        return _wrong_type("a string id", value)
    if not value:
        return Fault("empty", "must not be empty")
    if value != value.strip():
        return Fault("malformed_text", "must not begin or end with white space")
    if not value.isprintable():
        return Fault("malformed_text", "must not contain control characters")
    return None


def check_opt_id(value: object) -> str | None:
    """None, or what :func:`check_id` accepts."""
    return None if value is None else check_id(value)


_SURROGATE = re.compile("[\ud800-\udfff]")


def check_text(value: object) -> str | None:
    """A string that is not empty or only white space, and can be written as UTF-8 (no
    lone surrogate, such as JSON's ``"\\ud800"`` reads as): every file is UTF-8."""
    if not isinstance(value, str):
        return _wrong_type("a string", value)
    if not value.strip():
        return Fault("empty", "must not be empty")
    if _SURROGATE.search(value):
        return Fault("malformed_text", "must not hold a lone surrogate (it is not UTF-8 text)")
    return None


def check_opt_text(value: object) -> str | None:
    """None, or what :func:`check_text` accepts."""
    return None if value is None else check_text(value)


def _shown_int(value: int) -> str:
    """A whole number for a message: itself, or how long it is when it is very long (a
    number of thousands of digits cannot even be turned into text)."""
    if abs(value) < 10**20:
        return str(value)
    return "a number of more than 20 digits"


def check_count(value: object) -> str | None:
    """A whole number of things, 0 to :data:`MAX_COUNT` (a bool is not a number)."""
    if not isinstance(value, int) or isinstance(value, bool):
        return _wrong_type("a whole number", value)
    if value < 0:
        return Fault("out_of_range", f"must be 0 or more, got {_shown_int(value)}")
    if value > MAX_COUNT:
        return Fault("out_of_range", f"must be at most {MAX_COUNT:,}, got {_shown_int(value)}")
    return None


def check_positive(value: object) -> str | None:
    """A whole number more than 0, up to :data:`MAX_COUNT`."""
    if not isinstance(value, int) or isinstance(value, bool):
        return _wrong_type("a whole number", value)
    if value <= 0:
        return Fault("out_of_range", f"must be more than 0, got {_shown_int(value)}")
    if value > MAX_COUNT:
        return Fault("out_of_range", f"must be at most {MAX_COUNT:,}, got {_shown_int(value)}")
    return None


def check_days(value: object) -> str | None:
    """A number of days a time limit or an extension runs: 1 to :data:`MAX_DAYS`."""
    msg = check_positive(value)
    if msg is None and isinstance(value, int) and value > MAX_DAYS:
        return Fault("out_of_range", f"must be at most {MAX_DAYS:,} days, got {_shown_int(value)}")
    return msg


def check_date(value: object) -> str | None:
    """A date, not a datetime: the rules count days."""
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        return _wrong_type("a date", value)
    return None


def check_opt_date(value: object) -> str | None:
    """None, or what :func:`check_date` accepts."""
    return None if value is None else check_date(value)


def local_time(value: dt.datetime) -> dt.datetime:
    """``value`` as a naive Beijing local time: an aware timestamp converted to
    Asia/Shanghai, a naive one (already local time there) as it is."""
    if value.tzinfo is None or value.utcoffset() is None:
        return value.replace(fold=0) if value.fold else value
    return value.astimezone(beijing()).replace(tzinfo=None, fold=0)


def local_date(value: dt.datetime) -> dt.date:
    """The day ``value`` falls on in Beijing time (see :func:`local_time`)."""
    return local_time(value).date()


def local_moment(value: dt.date | dt.datetime, *, end: bool = False) -> dt.datetime:
    """A date or timestamp as an aware moment in Asia/Shanghai: a naive timestamp is
    Beijing local time, an aware one is converted; a date is the start of its day
    (00:00), or with ``end`` its end (24:00, the next day's 00:00)."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            return value.replace(tzinfo=beijing())
        return value.astimezone(beijing())
    day = value + dt.timedelta(days=1) if end else value
    return dt.datetime.combine(day, dt.time(), beijing())


def check_datetime(value: object) -> str | None:
    """A timestamp (a ``datetime``): naive for Beijing local time, or aware in any zone,
    whose Beijing local time is a date Python can hold."""
    if not isinstance(value, dt.datetime):
        return _wrong_type("a datetime", value)
    try:
        local_time(value)
    except (OverflowError, ValueError, TypeError):  # a zone whose offset is broken, too
        return Fault("out_of_range", "must fall on a date Python can hold in Beijing time")
    return None


def check_opt_datetime(value: object) -> str | None:
    """None, or what :func:`check_datetime` accepts."""
    return None if value is None else check_datetime(value)


def check_bool(value: object) -> str | None:
    """A boolean: ``True`` or ``False``, not 0 or 1."""
    return None if isinstance(value, bool) else _wrong_type("true or false", value)


def check_money(value: object) -> str | None:
    """An amount of money: a finite decimal from 0 to below :data:`MONEY_LIMIT` (floats
    are refused)."""
    if not isinstance(value, Decimal):
        return _wrong_type("a decimal amount of money", value)
    if not value.is_finite():
        return Fault("out_of_range", "must be a finite amount")
    if value < 0:
        return Fault("out_of_range", f"must be 0 or more, got {_shown_decimal(value)}")
    if value >= MONEY_LIMIT:
        return Fault("out_of_range", "must be below 10^12 yuan")
    return None


def _shown_decimal(value: Decimal) -> str:
    text = str(value)
    return text if len(text) <= 24 else "a long number"


def check_opt_money(value: object) -> str | None:
    """None, or what :func:`check_money` accepts."""
    return None if value is None else check_money(value)


def check_measure(value: object) -> str | None:
    """An area in m² or a number of hours: a finite float from 0 to below
    :data:`MEASURE_LIMIT`."""
    if not isinstance(value, float):
        return _wrong_type("a number", value)
    if not math.isfinite(value):
        return Fault("out_of_range", "must be a finite number")
    if value < 0:
        return Fault("out_of_range", f"must be 0 or more, got {value}")
    if value >= MEASURE_LIMIT:
        return Fault("out_of_range", f"must be below {MEASURE_LIMIT:,.0f}, got {value:.6g}")
    return None


def check_opt_measure(value: object) -> str | None:
    """None, or what :func:`check_measure` accepts."""
    return None if value is None else check_measure(value)


def check_enum(enum_cls: type[enum.Enum]) -> Check:
    """The check that a value is a member of ``enum_cls`` (code ``unknown_value``)."""
    codes = ", ".join(m.value for m in enum_cls)

    def check(value: object) -> str | None:
        if isinstance(value, enum_cls):
            return None
        return Fault("unknown_value", f"must be one of {codes}")

    return _is_instance_check(check, enum_cls, allows_none=False)


def check_opt_enum(enum_cls: type[enum.Enum]) -> Check:
    """The check of :func:`check_enum` that also accepts None."""
    inner = check_enum(enum_cls)

    def check(value: object) -> str | None:
        return None if value is None else inner(value)

    return _is_instance_check(check, enum_cls, allows_none=True)


def check_instance(cls: type, what: str) -> Check:
    """The check that a value is an instance of ``cls``, described as ``what``."""

    def check(value: object) -> str | None:
        return None if isinstance(value, cls) else _wrong_type(what, value)

    return _is_instance_check(check, cls, allows_none=False)


def check_opt_instance(cls: type, what: str) -> Check:
    """The check of :func:`check_instance` that also accepts None."""
    inner = check_instance(cls, what)

    def check(value: object) -> str | None:
        return None if value is None else inner(value)

    return _is_instance_check(check, cls, allows_none=True)


def _is_instance_check(check: Check, cls: type, *, allows_none: bool) -> Check:
    """``check``, marked as passing exactly the instances of ``cls`` (and None with
    ``allows_none``): the converter's fast path then knows that a value it has just
    built as such an instance needs no second look."""
    check.instance_of = cls  # type: ignore[attr-defined]
    check.allows_none = allows_none  # type: ignore[attr-defined]
    return check


def check_tuple_of(item: Check, *, min_size: int = 0) -> Check:
    """A tuple whose every item passes ``item``; problems name the item's index."""

    def check(value: object) -> str | None:
        if not isinstance(value, tuple):
            return _wrong_type("a list", value)
        if len(value) < min_size:
            return Fault("out_of_range", f"must have at least {min_size} items, got {len(value)}")
        for i, v in enumerate(value):
            msg = item(v)
            if msg:
                return Fault(fault_code(msg), f"item {i} {msg}")
        return None

    check.item_check = item  # type: ignore[attr-defined]  # for field_problems
    check.min_size = min_size  # type: ignore[attr-defined]  # for the converter's fast path
    return check


def field_problems(name: str, check: Check, value: object) -> list[Problem]:
    """The problems of field ``name``: each bad item of a list at its own index
    (``mediator_ids[1]``), so a message points at the very value to fix."""
    msg = check(value)
    if msg is None:
        return []
    item: Check | None = getattr(check, "item_check", None)
    if item is not None and isinstance(value, tuple) and not msg.startswith("must have"):
        found = [(i, item(v)) for i, v in enumerate(value)]
        return [Problem((name, i), m, fault_code(m)) for i, m in found if m is not None]
    return [Problem((name,), msg, fault_code(msg))]


def check_frozenset_of(item: Check) -> Check:
    """The check that a value is a frozenset whose every item passes ``item``."""

    def check(value: object) -> str | None:
        if not isinstance(value, frozenset):
            return _wrong_type("a set", value)
        for v in value:
            msg = item(v)
            if msg:
                return Fault(fault_code(msg), f"has an item that {msg}")
        return None

    return check


# -- the base of every record -----------------------------------------------------------


class Record:
    """Base of every entity and value: validates all fields, then the cross-field rules.

    A subclass lists its cross-field rules in ``_invariants``, yielding ``(field,
    message)`` pairs (problems coded ``inconsistent``). A record that fails any check cannot exist.
    """

    __slots__ = ()
    _checks: ClassVar[dict[type, tuple[tuple[str, Check], ...]]] = {}
    _plans: ClassVar[dict[type, tuple[Callable[[Any], bool], bool]]] = {}

    def __attrs_post_init__(self) -> None:
        cls = type(self)
        plan = Record._plans.get(cls)
        if plan is None:
            plan = Record._plans[cls] = _plan(cls)
        all_pass, has_invariants = plan
        if all_pass(self):
            # The common case: every field is valid; only the cross-field rules remain.
            if has_invariants:
                problems = [Problem(path, msg, "inconsistent") for path, msg in self._invariants()]
                if problems:
                    raise ValidationError(problems, subject=cls.__name__)
            return
        problems = []
        for name, check in _field_checks(cls):
            problems.extend(field_problems(name, check, getattr(self, name)))
        if not problems:  # only if a check is not a pure function of its value
            problems.extend(Problem(path, msg, "inconsistent") for path, msg in self._invariants())
        if problems:
            raise ValidationError(problems, subject=cls.__name__)

    def _invariants(self) -> Iterable[tuple[Loc | str, str]]:
        return ()


def _field_checks(cls: type) -> tuple[tuple[str, Check], ...]:
    """``(field name, check)`` for every checked field of ``cls``, in field order."""
    checks = Record._checks.get(cls)
    if checks is None:
        checks = tuple(
            (a.name, a.metadata["check"])
            for a in attrs.fields(cls)
            if a.metadata.get("check") is not None
        )
        Record._checks[cls] = checks
    return checks


def _plan(cls: type) -> tuple[Callable[[Any], bool], bool]:
    """A function telling whether every field check of ``cls`` passes, and whether the
    class has cross-field rules.

    The function is generated, as attrs generates ``__init__``: one expression calling
    each check on its attribute, so a valid record pays neither a loop nor a list. Only
    when it answers no are the checks run again one by one to name every problem.
    """
    checks = _field_checks(cls)
    env: dict[str, Any] = {f"_c{i}": check for i, (_, check) in enumerate(checks)}
    test = " and ".join(f"_c{i}(self.{name}) is None" for i, (name, _) in enumerate(checks))
    src = f"def all_pass(self):\n    return {test or 'True'}\n"
    code = compile(src, f"<shequ_core checks for {cls.__qualname__}>", "exec")
    exec(code, env)  # the source is built from attrs field names only
    has_invariants = getattr(cls, "_invariants", None) is not Record._invariants
    return env["all_pass"], has_invariants

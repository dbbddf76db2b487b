"""Personal identifiers that validate themselves and never show in full by accident.

A community office holds the identity and phone numbers of its most vulnerable
residents (PIPL applies). These value types check their form on construction and mask
themselves in ``str()``, ``repr()`` and every message; only :meth:`reveal` gives the
full value, so showing one is always a decision the caller made.

References
----------
- GB 11643-1999 公民身份号码: 6-digit address code, 8-digit birth date, 3-digit
  sequence (odd for men, even for women), 1 check character by ISO 7064 MOD 11-2.
- Mainland numbering plan: mobile numbers are 11 digits starting 13-19; landlines are
  a trunk ``0`` plus a 2-3 digit area code (010 and 020-029 are the 3-digit ones) and a
  7- or 8-digit subscriber number.

Limitations: the 15-digit numbers issued before 1999 are not accepted (they have no
check character and have all been replaced); the address code is checked for its
province only, not against the full, ever-changing table of counties.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, TypeVar

import attrs

from shequ_core.entities._enums import Sex
from shequ_core.errors import Problem, ValidationError
from shequ_core.kept import Kept
from shequ_core.text import mask_personal

__all__ = [
    "PROVINCE_CODES",
    "IdNumber",
    "PhoneNumber",
    "birth_date_md",
    "id_number_check_char",
    "id_number_of",
    "id_number_text",
    "is_birth_date",
    "masked_repr",
    "phone_of",
    "phone_text",
    "redacted_birth_date",
]

_WEIGHTS = tuple(pow(2, 17 - i, 11) for i in range(17))
_CHECK_CHARS = "10X98765432"
# Held in names: on Python 3.11 reading a member from its class goes through
# ``EnumType.__getattr__`` (0.1-0.2 µs), and every resident's check reads one.
_MALE, _FEMALE = Sex.MALE, Sex.FEMALE
#: Dates of birth by their eight digits (``YYYYMMDD``): every resident with a number
#: checks its birth date against the number's.
_BIRTH_DATES: Kept[str, dt.date] = Kept(
    lambda digits: dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:])), 40_000
)
#: Province-level address codes (the first two digits of an identity number), plus
#: 71/81/82/83 (Taiwan, Hong Kong, Macao residents' permits).
PROVINCE_CODES: frozenset[int] = frozenset(
    {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46}
    | {50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83}
)
_PROVINCE_PREFIXES = frozenset(f"{code:02d}" for code in PROVINCE_CODES)
#: Every month and day of a leap year, as ``MMDD`` (the 29th of February needs a leap
#: year): a birth date is checked by looking it up, not by building a date.
_DAYS = tuple(f"{d:02d}" for d in range(1, 32))
_MONTH_DAYS = frozenset(
    month + day
    for month, days in zip(_DAYS, (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31), strict=False)
    for day in _DAYS[:days]
)


# Position i's digit times its weight, looked up by the digit's character: the check
# character of a million identity numbers is a large share of loading them.
_WEIGHTED: tuple[dict[str, int], ...] = tuple({str(d): d * w for d in range(10)} for w in _WEIGHTS)
#: The same by three digits at a time (positions 0-2, ..., 12-14) and the last two
#: (15-16): six lookups, not seventeen. Built on first use (5,100 entries, 2 ms).
_TRIPLES: tuple[dict[str, int], ...] = ()


def _joined(tables: tuple[dict[str, int], ...]) -> dict[str, int]:
    """The weighted sum of consecutive positions, by their digits written together."""
    out = {"": 0}
    for table in tables:
        out = {k + digit: v + x for k, v in out.items() for digit, x in table.items()}
    return out


def _triples() -> tuple[dict[str, int], ...]:
    global _TRIPLES
    w = _WEIGHTED
    _TRIPLES = (*(_joined(w[i : i + 3]) for i in range(0, 15, 3)), _joined(w[15:]))
    return _TRIPLES


def id_number_check_char(first17: str) -> str:
    """The ISO 7064 MOD 11-2 check character for the first 17 digits of an identity number.

    Raises :class:`~shequ_core.errors.ValidationError` (a ``ValueError``) unless
    ``first17`` is 17 ASCII digits.
    """
    if len(first17) != 17:
        msg = f"needs 17 digits, got {len(first17)} characters"
        raise ValidationError([Problem("first17", msg, "invalid_argument")], subject="id_number")
    try:
        total = sum(map(dict.__getitem__, _WEIGHTED, first17))
    except KeyError:
        msg = "needs 17 digits 0-9"
        raise ValidationError(
            [Problem("first17", msg, "invalid_argument")], subject="id_number"
        ) from None
    return _CHECK_CHARS[total % 11]


_CODES = {"IdNumber": "invalid_id_number", "PhoneNumber": "invalid_phone_number"}


def _invalid(subject: str, message: str) -> ValidationError:
    code = "wrong_type" if message.startswith("must be a string") else _CODES[subject]
    return ValidationError([Problem((), message, code)], subject=subject)


def id_number_text(value: str) -> str:
    """The identity number ``value`` normalised (stripped, ``x`` upper case), or the
    :class:`ValidationError` saying what is wrong with it."""
    text = value.strip().upper()
    if len(text) != 18:
        raise _invalid("IdNumber", f"must have 18 characters, got {len(text)}")
    # On ASCII text isdigit() is 0-9 exactly: [1-9]\d{16}[\dX] without a regex.
    last = text[17]
    if not (text.isascii() and text[:17].isdigit() and text[0] != "0" and last in "0123456789X"):
        raise _invalid("IdNumber", "must be 17 digits and a digit or X")
    if text[:2] not in _PROVINCE_PREFIXES:
        raise _invalid("IdNumber", "does not start with a province code")
    year, month_day = text[6:10], text[10:14]
    # A real date: a month and day of the calendar, a year from 1 (what date() takes),
    # and the 29th of February in a leap year only.
    if (
        month_day not in _MONTH_DAYS
        or year == "0000"
        or (month_day == "0229" and not _leap(int(year)))
    ):
        raise _invalid("IdNumber", "does not hold a real birth date")
    if not "1900" <= year <= "2099":  # four digits: their order is the numbers' order
        raise _invalid("IdNumber", "has a birth year outside 1900-2099")
    # The form above admits only ASCII digits here: no KeyError from the lookups.
    a, b, c, d, e, f = _TRIPLES or _triples()
    total = a[text[:3]] + b[text[3:6]] + c[text[6:9]] + d[text[9:12]] + e[text[12:15]]
    if _CHECK_CHARS[(total + f[text[15:17]]) % 11] != last:
        raise _invalid("IdNumber", "has a wrong check character (GB 11643)")
    return text


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


class _PersonalNumber:
    """What an identity and a phone number share: their normalised text in one slot,
    immutable, masked in ``str`` and ``repr``, equal by value within their class."""

    __slots__ = ("_value",)
    _value: str

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def __str__(self) -> str:
        return mask_personal(self._value)  # what ``masked`` gives

    def __repr__(self) -> str:
        return f"{type(self).__name__}({mask_personal(self._value)!r})"

    def __eq__(self, other: object) -> bool:
        if isinstance(other, type(self)):
            return self._value == other._value
        return NotImplemented

    def __hash__(self) -> int:
        return hash((type(self), self._value))

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self._value,))


class IdNumber(_PersonalNumber):
    """An 18-character resident identity number (居民身份证号码), validated and masked.

    ``str()`` shows the first four characters only (province and prefecture), never the
    county, birth date, sequence or check character, so no combination of what a
    redacted output shows rebuilds it; ``reveal()`` gives the whole number.
    """

    __slots__ = ()

    def __init__(self, value: str | IdNumber) -> None:
        if isinstance(value, IdNumber):
            value = value.reveal()
        if not isinstance(value, str):
            raise _invalid("IdNumber", f"must be a string, got {type(value).__name__}")
        object.__setattr__(self, "_value", id_number_text(value))

    def reveal(self) -> str:
        """The full number. Call it only where showing it is intended."""
        return self._value

    @property
    def masked(self) -> str:
        """The first four characters, the other fourteen starred: what ``str`` shows
        (:func:`shequ_core.text.mask_personal`)."""
        return mask_personal(self._value)

    @property
    def birth_date(self) -> dt.date:
        """The date of birth the number encodes (characters 7 to 14)."""
        return _BIRTH_DATES[self._value[6:14]]

    @property
    def sex(self) -> Sex:
        """Odd sequence numbers are given to men, even ones to women."""
        return _MALE if self._value[16] in "13579" else _FEMALE

    @property
    def region_code(self) -> str:
        """The 6-digit address code of where the number was first issued."""
        return self._value[:6]


_SEPARATORS = re.compile(r"[\s\-()（）]")
_MOBILE = re.compile(r"1[3-9]\d{9}", re.ASCII)
_MOBILE_PREFIXES = frozenset(f"1{d}" for d in range(3, 10))
_LANDLINE = re.compile(r"(010|02\d|0[3-9]\d\d)([2-9]\d{6,7})", re.ASCII)


def phone_text(value: str) -> str:
    """The phone number ``value`` normalised (a mobile's 11 digits, a landline's
    ``area-number``), or the :class:`ValidationError` saying what is wrong with it."""
    if len(value) == 11 and value[:2] in _MOBILE_PREFIXES and value.isascii() and value.isdigit():
        return value  # a mobile as it is mostly written: what the steps below return
    digits = _SEPARATORS.sub("", value)
    international = digits.startswith(("+86", "0086"))
    if digits.startswith("+86"):
        digits = digits[3:]
    elif digits.startswith("0086"):
        digits = digits[4:]
    elif len(digits) == 13 and digits.startswith("861"):
        digits = digits[2:]
    if international and not digits.startswith("0") and not _MOBILE.fullmatch(digits):
        digits = "0" + digits  # +86 10 6512 3456: the trunk 0 is dropped abroad
    # The forms admit ASCII digits only: what they match needs no test of its own.
    if _MOBILE.fullmatch(digits):
        return digits
    if m := _LANDLINE.fullmatch(digits):
        return f"{m.group(1)}-{m.group(2)}"
    if not digits.isdigit() or not digits.isascii():
        raise _invalid("PhoneNumber", "must contain digits only")
    raise _invalid("PhoneNumber", "is neither a mainland mobile (11 digits) nor a landline number")


class PhoneNumber(_PersonalNumber):
    """A mainland mobile or landline number, normalised, validated and masked.

    Mobiles are kept as 11 digits (``+86`` dropped) and show as ``138****5678``;
    landlines as ``010-12345678`` and show as ``010-******78``.
    """

    __slots__ = ()

    def __init__(self, value: str | PhoneNumber) -> None:
        if isinstance(value, PhoneNumber):
            value = value.reveal()
        if not isinstance(value, str):
            raise _invalid("PhoneNumber", f"must be a string, got {type(value).__name__}")
        object.__setattr__(self, "_value", phone_text(value))

    def reveal(self) -> str:
        """The full number. Call it only where showing it is intended."""
        return self._value

    @property
    def is_mobile(self) -> bool:
        """A mobile number (11 digits); a landline is kept as ``area-number``."""
        return "-" not in self._value

    @property
    def masked(self) -> str:
        """The number with its middle digits starred, what ``str`` shows: a mobile's first
        3 and last 4 digits, a landline's area code and last 2
        (:func:`shequ_core.text.mask_personal`)."""
        return mask_personal(self._value)


_new = object.__new__
_set_value = _PersonalNumber.__dict__["_value"].__set__


def id_number_of(value: str) -> IdNumber:
    """``IdNumber(value)`` for a ``str``, without the constructor's dispatch: the same
    checks and errors, one object fewer on the way, for code that builds many from
    strings (the converter's fast path inlines the same: :func:`id_number_text` and the
    one slot)."""
    number = _new(IdNumber)
    _set_value(number, id_number_text(value))
    return number


def phone_of(value: str) -> PhoneNumber:
    """``PhoneNumber(value)`` for a ``str``, as :func:`id_number_of` is for identity
    numbers."""
    phone = _new(PhoneNumber)
    _set_value(phone, phone_text(value))
    return phone


# -- dates of birth and what a record shows --------------------------------------------


def birth_date_md(metadata: dict[str, Any]) -> dict[str, Any]:
    """A date field's metadata (``md(...)``), marked as a date of birth: every redacted
    output and ``repr`` shows its year only."""
    return {**metadata, "personal": "birth_date"}


def is_birth_date(field: attrs.Attribute[Any]) -> bool:
    """Whether ``field`` holds a date of birth (see :func:`birth_date_md`)."""
    return field.metadata.get("personal") == "birth_date"


def redacted_birth_date(day: dt.date) -> str:
    """A date of birth as a redacted output shows it: the year only (``"1949"``). Day and
    month, with the region, sex and any digit of the identity number a mask left, would
    narrow the number to a handful of candidates."""
    return f"{day.year:04d}"


def _shown(field: attrs.Attribute[Any], value: object) -> str:
    if isinstance(value, str):
        return repr(mask_personal(value))
    if isinstance(value, dt.date) and is_birth_date(field):
        return repr(redacted_birth_date(value))
    if isinstance(value, tuple):
        inner = ", ".join(_shown(field, v) for v in value)
        return f"({inner},)" if len(value) == 1 else f"({inner})"
    if isinstance(value, frozenset) and value:
        return "frozenset({" + ", ".join(sorted(_shown(field, v) for v in value)) + "})"
    return repr(value)


_C = TypeVar("_C", bound=type)


def masked_repr(cls: _C) -> _C:
    """Give the attrs class ``cls`` attrs' ``repr`` with personal data masked: every
    string through :func:`~shequ_core.text.mask_personal` (an id can be an identity
    number), a date of birth as its year. Identity and phone numbers mask themselves."""
    fields = [a for a in attrs.fields(cls) if a.repr]

    def __repr__(self: Any) -> str:
        shown = ", ".join(f"{a.name}={_shown(a, getattr(self, a.name))}" for a in fields)
        return f"{type(self).__qualname__}({shown})"

    cls.__repr__ = __repr__  # type: ignore[assignment]
    return cls

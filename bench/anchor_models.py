"""``DisputeCase`` and ``Resident`` modelled in pydantic v2 and in msgspec, for the anchors.

The same checks as shequ_core's records, written once here and called by both: an
identity number's form, province code, birth date and GB 11643 check character; a
phone number's normalisation to a mainland mobile or landline; non-empty ids without
surrounding white space; text not only white space; at least two parties; and the date
order of a case (closed not before received, events inside that span and oldest first,
the status of the last event, a closed case with its date, a step of a kind after the
agreement and a confirmation after its application) and of an attention (until not
before since). The identity and phone checks are shequ_core's code, line for line. Only
``bench/bench_serialization.py`` imports this module.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated

import msgspec
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from shequ_core.entities import (
    AttentionKind,
    CaseEventKind,
    DisputeCategory,
    DisputeStatus,
    Registration,
    RiskLevel,
    Sex,
)
from shequ_core.entities._enums import OPEN_DISPUTE_STATUSES
from shequ_core.kept import Kept

__all__ = [
    "MDisputeCase",
    "MResident",
    "PDisputeCase",
    "PResident",
    "check_id",
    "check_id_number",
    "check_phone",
]

_WEIGHTS = tuple(pow(2, 17 - i, 11) for i in range(17))
_PROVINCES = frozenset(
    {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46}
    | {50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83}
)
_PROVINCE_PREFIXES = frozenset(f"{code:02d}" for code in _PROVINCES)
_MONTH_DAYS = frozenset(
    f"{m:02d}{d:02d}"
    for m, days in enumerate((31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31), 1)
    for d in range(1, days + 1)
)
# The check character by table lookup, three digits at a time, as shequ_core computes it
# (same work for both).
_WEIGHTED = tuple({str(d): d * w for d in range(10)} for w in _WEIGHTS)


def _joined(tables: tuple[dict[str, int], ...]) -> dict[str, int]:
    out = {"": 0}
    for table in tables:
        out = {k + digit: v + x for k, v in out.items() for digit, x in table.items()}
    return out


_TRIPLES = (*(_joined(_WEIGHTED[i : i + 3]) for i in range(0, 15, 3)), _joined(_WEIGHTED[15:]))
_SEPARATORS = re.compile(r"[\s\-()（）]")
_MOBILE = re.compile(r"1[3-9]\d{9}", re.ASCII)
_MOBILE_PREFIXES = frozenset(f"1{d}" for d in range(3, 10))
_LANDLINE = re.compile(r"(010|02\d|0[3-9]\d\d)([2-9]\d{6,7})", re.ASCII)
# The open statuses are shequ_core's own (``DisputeStatus.is_open``), and the members the
# checks read are held in names, as shequ_core holds them (on Python 3.11 reading one
# from its class costs 0.1-0.2 µs).
_OPEN = OPEN_DISPUTE_STATUSES
_CLOSED, _AGREED = DisputeStatus.CLOSED, DisputeStatus.AGREEMENT_REACHED
_CONFIRMED, _APPLIED = CaseEventKind.CONFIRMED, CaseEventKind.CONFIRMATION_APPLIED
_MALE = Sex.MALE


def check_id(value: str) -> str:
    if not value or value != value.strip() or not value.isprintable():
        raise ValueError("must be a non-empty id without surrounding white space")
    return value


def check_id_number(value: str) -> str:
    text = value.strip().upper()
    if len(text) != 18:
        raise ValueError("must have 18 characters")
    last = text[17]
    if not (text.isascii() and text[:17].isdigit() and text[0] != "0" and last in "0123456789X"):
        raise ValueError("must be 17 digits and a digit or X")
    if text[:2] not in _PROVINCE_PREFIXES:
        raise ValueError("does not start with a province code")
    year, month_day = text[6:10], text[10:14]
    if (
        month_day not in _MONTH_DAYS
        or year == "0000"
        or (month_day == "0229" and not _leap(int(year)))
    ):
        raise ValueError("does not hold a real birth date")
    if not "1900" <= year <= "2099":
        raise ValueError("has a birth year outside 1900-2099")
    a, b, c, d, e, f = _TRIPLES
    total = a[text[:3]] + b[text[3:6]] + c[text[6:9]] + d[text[9:12]] + e[text[12:15]]
    if "10X98765432"[(total + f[text[15:17]]) % 11] != last:
        raise ValueError("has a wrong check character (GB 11643)")
    return text


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def check_phone(value: str) -> str:
    if len(value) == 11 and value[:2] in _MOBILE_PREFIXES and value.isascii() and value.isdigit():
        return value
    digits = _SEPARATORS.sub("", value)
    international = digits.startswith(("+86", "0086"))
    if digits.startswith("+86"):
        digits = digits[3:]
    elif digits.startswith("0086"):
        digits = digits[4:]
    elif len(digits) == 13 and digits.startswith("861"):
        digits = digits[2:]
    if international and not digits.startswith("0") and not _MOBILE.fullmatch(digits):
        digits = "0" + digits
    if _MOBILE.fullmatch(digits):
        return digits
    if m := _LANDLINE.fullmatch(digits):
        return f"{m.group(1)}-{m.group(2)}"
    raise ValueError("is neither a mainland mobile nor a landline number")


def case_order_problem(
    received: dt.date,
    closed: dt.date | None,
    status: DisputeStatus,
    events: list[tuple[dt.date, DisputeStatus, CaseEventKind | None]],
) -> str | None:
    if closed is not None and closed < received:
        return "closed_on must not be before received_on"
    if status is _CLOSED and closed is None:
        return "a closed case needs its closing date"
    if closed is not None and status in _OPEN:
        return "a case with a closing date cannot still be open"
    previous = None
    kinds = False
    for on, _, kind in events:
        if on < received or (closed is not None and on > closed):
            return "an event is outside the case"
        if previous is not None and on < previous:
            return "events must be in date order"
        previous = on
        kinds = kinds or kind is not None
    if events and events[-1][1] is not status:
        return "status must be the status of the last event"
    if kinds:  # a confirmation or a follow-up after the agreement, in order
        agreed = applied = False
        for _, event_status, kind in events:
            agreed = agreed or event_status is _AGREED
            if kind is not None and not agreed:
                return "a step of a kind must come after the agreement"
            if kind is _CONFIRMED and not applied:
                return "a confirmation must follow its application"
            applied = applied or kind is _APPLIED
    return None


# Dates of birth by their eight digits, kept as shequ_core keeps them (IdNumber.birth_date).
_BIRTH_DATES: Kept[str, dt.date] = Kept(
    lambda digits: dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:])), 40_000
)


def birth_problem(id_number: str | None, born: dt.date | None, sex: Sex | None) -> str | None:
    """A resident's birth date and sex must agree with the identity number."""
    if id_number is None:
        return None
    if born is not None and born != _BIRTH_DATES[id_number[6:14]]:
        return "birth_date does not match the birth date in id_number"
    if sex is not None and (sex is _MALE) != (id_number[16] in "13579"):
        return "sex does not match the sex encoded in id_number"
    return None


# -- pydantic v2 ------------------------------------------------------------------------

Id = Annotated[str, AfterValidator(check_id)]
IdNumberStr = Annotated[str, AfterValidator(check_id_number)]
PhoneStr = Annotated[str, AfterValidator(check_phone)]
# Not empty or only white space, as shequ_core's check_text (a lone surrogate cannot be
# read into either library's str checks: pydantic refuses it as text of its own).
Text = Annotated[str, Field(pattern=r"\S")]
_CONFIG = ConfigDict(extra="forbid", frozen=True)


class PParty(BaseModel):
    model_config = _CONFIG
    name: Text
    resident_id: Id | None = None
    phone: PhoneStr | None = None
    id_number: IdNumberStr | None = None


class PCaseEvent(BaseModel):
    model_config = _CONFIG
    on: dt.date
    status: DisputeStatus
    note: Text | None = None
    kind: CaseEventKind | None = None


class PDisputeCase(BaseModel):
    model_config = _CONFIG
    id: Id
    community_id: Id
    category: DisputeCategory
    parties: Annotated[tuple[PParty, ...], Field(min_length=2)]
    received_on: dt.date
    status: DisputeStatus
    mediator_ids: tuple[Id, ...] = ()
    events: tuple[PCaseEvent, ...] = ()
    closed_on: dt.date | None = None

    @model_validator(mode="after")
    def _order(self) -> PDisputeCase:
        events = [(e.on, e.status, e.kind) for e in self.events]
        problem = case_order_problem(self.received_on, self.closed_on, self.status, events)
        if problem:
            raise ValueError(problem)
        return self


class PAttention(BaseModel):
    model_config = _CONFIG
    kind: AttentionKind
    since: dt.date
    until: dt.date | None = None
    risk: RiskLevel = RiskLevel.MEDIUM
    note: Text | None = None

    @model_validator(mode="after")
    def _order(self) -> PAttention:
        if self.until is not None and self.until < self.since:
            raise ValueError("until must not be before since")
        return self


class PResident(BaseModel):
    model_config = _CONFIG
    id: Id
    community_id: Id
    household_id: Id
    name: Text
    id_number: IdNumberStr | None = None
    phone: PhoneStr | None = None
    birth_date: dt.date | None = None
    sex: Sex | None = None
    registration: Registration = Registration.LOCAL
    attentions: tuple[PAttention, ...] = ()

    @model_validator(mode="after")
    def _born(self) -> PResident:
        problem = birth_problem(self.id_number, self.birth_date, self.sex)
        if problem:
            raise ValueError(problem)
        return self


# -- msgspec ----------------------------------------------------------------------------


class MParty(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    name: Annotated[str, msgspec.Meta(pattern=r"\S")]
    resident_id: str | None = None
    phone: str | None = None
    id_number: str | None = None

    def __post_init__(self) -> None:
        if self.resident_id is not None:
            check_id(self.resident_id)
        if self.phone is not None:
            msgspec.structs.force_setattr(self, "phone", check_phone(self.phone))
        if self.id_number is not None:
            msgspec.structs.force_setattr(self, "id_number", check_id_number(self.id_number))


class MCaseEvent(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    on: dt.date
    status: DisputeStatus
    note: Annotated[str, msgspec.Meta(pattern=r"\S")] | None = None
    kind: CaseEventKind | None = None


class MDisputeCase(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    id: str
    community_id: str
    category: DisputeCategory
    parties: Annotated[tuple[MParty, ...], msgspec.Meta(min_length=2)]
    received_on: dt.date
    status: DisputeStatus
    mediator_ids: tuple[str, ...] = ()
    events: tuple[MCaseEvent, ...] = ()
    closed_on: dt.date | None = None

    def __post_init__(self) -> None:
        check_id(self.id)
        check_id(self.community_id)
        for m in self.mediator_ids:
            check_id(m)
        events = [(e.on, e.status, e.kind) for e in self.events]
        problem = case_order_problem(self.received_on, self.closed_on, self.status, events)
        if problem:
            raise ValueError(problem)


class MAttention(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    kind: AttentionKind
    since: dt.date
    until: dt.date | None = None
    risk: RiskLevel = RiskLevel.MEDIUM
    note: Annotated[str, msgspec.Meta(pattern=r"\S")] | None = None

    def __post_init__(self) -> None:
        if self.until is not None and self.until < self.since:
            raise ValueError("until must not be before since")


class MResident(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    id: str
    community_id: str
    household_id: str
    name: Annotated[str, msgspec.Meta(pattern=r"\S")]
    id_number: str | None = None
    phone: str | None = None
    birth_date: dt.date | None = None
    sex: Sex | None = None
    registration: Registration = Registration.LOCAL
    attentions: tuple[MAttention, ...] = ()

    def __post_init__(self) -> None:
        check_id(self.id)
        check_id(self.community_id)
        check_id(self.household_id)
        if self.phone is not None:
            msgspec.structs.force_setattr(self, "phone", check_phone(self.phone))
        if self.id_number is not None:
            msgspec.structs.force_setattr(self, "id_number", check_id_number(self.id_number))
        problem = birth_problem(self.id_number, self.birth_date, self.sex)
        if problem:
            raise ValueError(problem)

"""``DisputeCase`` and ``Resident`` modelled in pydantic v2 and in msgspec, for the anchors.

The same checks as shequ_core's records, written once here and called by both: an
identity number's form, province code, birth date and GB 11643 check character; a
phone number's normalisation to a mainland mobile or landline; non-empty ids without
surrounding white space; text not only white space; at least two parties; and the date
order of a case (closed not before received, events inside that span and oldest first,
the status of the last event, a closed case with its date, a step of a kind after the
agreement and a confirmation after its application) and of an attention (until not
before since). The identity and phone checks are shequ_core's own functions
(``id_number_text``, ``phone_text``), the very same code on both sides. Only
``bench/bench_serialization.py`` imports this module.
"""

from __future__ import annotations

import datetime as dt
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
    id_number_text,
    phone_text,
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

# The identity and phone checks are shequ_core's own functions: both libraries run the
# very same code (each raises a ValueError, which pydantic and msgspec report as theirs).
check_id_number = id_number_text
check_phone = phone_text
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

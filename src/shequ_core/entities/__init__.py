"""The entity model: frozen attrs records, the enums they use, and the Dataset bundle.

The names here are a contract (``shared/domain/model.md``): applications, notebooks
and other test suites code against them.
"""

from shequ_core.entities._base import LabelledEnum, label_zh
from shequ_core.entities._dataset import COLLECTIONS, ITEM_CLASS, Dataset
from shequ_core.entities._enums import (
    AttentionKind,
    Channel,
    CommunityKind,
    DisputeCategory,
    DisputeStatus,
    Education,
    Employment,
    FacilityKind,
    MeetingKind,
    PartyMemberCategory,
    Registration,
    RequestEventKind,
    RequestStatus,
    RiskLevel,
    Sex,
    StaffRole,
    TeamKind,
    TimeUnit,
    VisitOutcome,
)
from shequ_core.entities._pii import IdNumber, PhoneNumber, id_number_check_char
from shequ_core.entities._records import (
    COMMITTEE_ROLES,
    COMMUNITY_WORKER_EMPLOYMENTS,
    SECRETARY_ROLES,
    Community,
    DisputeCase,
    Grid,
    Household,
    Meeting,
    PartnerUnit,
    PartyMember,
    Resident,
    ServiceItem,
    ServiceRequest,
    Staff,
    Visit,
    Volunteer,
    VolunteerTeam,
    ordered_request_events,
)
from shequ_core.entities._values import (
    Attention,
    Basis,
    CaseEvent,
    Party,
    RequestEvent,
    TimeLimit,
)

#: Every entity class, in the order of the Dataset's collections.
ENTITIES: tuple[type, ...] = tuple(ITEM_CLASS.values())
#: Every value class (records without an identity of their own).
VALUES: tuple[type, ...] = (Attention, Basis, CaseEvent, Party, RequestEvent, TimeLimit)

__all__ = [
    "COLLECTIONS",
    "COMMITTEE_ROLES",
    "COMMUNITY_WORKER_EMPLOYMENTS",
    "ENTITIES",
    "ITEM_CLASS",
    "SECRETARY_ROLES",
    "VALUES",
    "Attention",
    "AttentionKind",
    "Basis",
    "CaseEvent",
    "Channel",
    "Community",
    "CommunityKind",
    "Dataset",
    "DisputeCase",
    "DisputeCategory",
    "DisputeStatus",
    "Education",
    "Employment",
    "FacilityKind",
    "Grid",
    "Household",
    "IdNumber",
    "LabelledEnum",
    "Meeting",
    "MeetingKind",
    "PartnerUnit",
    "Party",
    "PartyMember",
    "PartyMemberCategory",
    "PhoneNumber",
    "Registration",
    "RequestEvent",
    "RequestEventKind",
    "RequestStatus",
    "Resident",
    "RiskLevel",
    "ServiceItem",
    "ServiceRequest",
    "Sex",
    "Staff",
    "StaffRole",
    "TeamKind",
    "TimeLimit",
    "TimeUnit",
    "Visit",
    "VisitOutcome",
    "Volunteer",
    "VolunteerTeam",
    "id_number_check_char",
    "label_zh",
    "ordered_request_events",
]

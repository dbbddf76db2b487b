"""The entity model: frozen attrs records, the enums they use, and the Dataset bundle.

The names here are a contract (the entity model of docs/explanation/domain.md):
applications, notebooks and other test suites code against them.
"""

from shequ_core.entities._cases import (
    DisputeCase,
    ServiceItem,
    ServiceRequest,
    ordered_request_events,
)
from shequ_core.entities._dataset import COLLECTIONS, ITEM_CLASS, Dataset
from shequ_core.entities._elections import ELECTED_POSTS, CandidateVotes, Election
from shequ_core.entities._enums import (
    AttentionKind,
    BasisKind,
    Channel,
    CommunityKind,
    DisputeCategory,
    DisputeStatus,
    Education,
    ElectionKind,
    Employment,
    FacilityKind,
    LabelledEnum,
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
from shequ_core.entities._pii import (
    PROVINCE_CODES,
    IdNumber,
    PhoneNumber,
    id_number_check_char,
    is_birth_date,
    masked_repr,
    redacted_birth_date,
)
from shequ_core.entities._records import (
    COMMITTEE_ROLES,
    COMMUNITY_WORKER_EMPLOYMENTS,
    SECRETARY_ROLES,
    Community,
    Grid,
    Household,
    Meeting,
    PartnerUnit,
    PartyMember,
    Resident,
    Staff,
    Visit,
    Volunteer,
    VolunteerTeam,
)
from shequ_core.entities._values import (
    Attention,
    Basis,
    CaseEvent,
    Party,
    RequestEvent,
    TimeLimit,
)
from shequ_core.validation import label_zh

#: Every entity class, in the order of the Dataset's collections.
ENTITIES: tuple[type, ...] = tuple(ITEM_CLASS.values())
#: Every value class (records without an identity of their own).
VALUES: tuple[type, ...] = (
    Attention, Basis, CandidateVotes, CaseEvent, Party, RequestEvent, TimeLimit,
)  # fmt: skip

__all__ = [
    "COLLECTIONS",
    "COMMITTEE_ROLES",
    "COMMUNITY_WORKER_EMPLOYMENTS",
    "ELECTED_POSTS",
    "ENTITIES",
    "ITEM_CLASS",
    "PROVINCE_CODES",
    "SECRETARY_ROLES",
    "VALUES",
    "Attention",
    "AttentionKind",
    "Basis",
    "BasisKind",
    "CandidateVotes",
    "CaseEvent",
    "Channel",
    "Community",
    "CommunityKind",
    "Dataset",
    "DisputeCase",
    "DisputeCategory",
    "DisputeStatus",
    "Education",
    "Election",
    "ElectionKind",
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
    "is_birth_date",
    "label_zh",
    "masked_repr",
    "ordered_request_events",
    "redacted_birth_date",
]

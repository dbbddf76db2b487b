"""The entities: flat records with ids, the way a database or a data frame holds them.

References between records are ids; :class:`~shequ_core.entities.Dataset` checks them.
Each record checks itself on construction, so an invalid one cannot exist.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

import attrs

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
    Sex,
    StaffRole,
    TeamKind,
    VisitOutcome,
)
from shequ_core.entities._pii import IdNumber, PhoneNumber, birth_date_md, masked_repr
from shequ_core.entities._values import (
    Attention,
    CaseEvent,
    Party,
    RequestEvent,
    TimeLimit,
    check_opt_id_number,
    check_opt_phone,
    to_opt_id_number,
    to_opt_phone,
)
from shequ_core.errors import Loc
from shequ_core.validation import (
    Record,
    check_bool,
    check_count,
    check_date,
    check_enum,
    check_frozenset_of,
    check_id,
    check_instance,
    check_measure,
    check_money,
    check_opt_date,
    check_opt_enum,
    check_opt_id,
    check_opt_measure,
    check_opt_money,
    check_opt_text,
    check_text,
    check_tuple_of,
    md,
    opt_text,
    to_decimal,
    to_float,
    to_frozenset,
    to_opt_decimal,
    to_opt_float,
    to_tuple,
)

__all__ = [
    "COMMITTEE_ROLES",
    "COMMUNITY_WORKER_EMPLOYMENTS",
    "SECRETARY_ROLES",
    "Community",
    "DisputeCase",
    "Grid",
    "Household",
    "Meeting",
    "PartnerUnit",
    "PartyMember",
    "Resident",
    "ServiceItem",
    "ServiceRequest",
    "Staff",
    "Visit",
    "Volunteer",
    "VolunteerTeam",
    "ordered_request_events",
]

#: Employments that make a staff member a community worker (社区工作者); public-welfare
#: posts are staff but not community workers (the seed: 136 = 81 + 55).
COMMUNITY_WORKER_EMPLOYMENTS = frozenset(
    {Employment.TWO_COMMITTEES, Employment.SECONDED, Employment.CONTRACTED}
)
#: Roles that make up the residents' committee (主任, 副主任, 委员).
COMMITTEE_ROLES = frozenset(
    {StaffRole.DIRECTOR, StaffRole.DEPUTY_DIRECTOR, StaffRole.COMMITTEE_MEMBER}
)
#: The community party organisation's secretaries and deputies.
SECRETARY_ROLES = frozenset({StaffRole.PARTY_SECRETARY, StaffRole.DEPUTY_PARTY_SECRETARY})

_ids = check_tuple_of(check_id)
_id_set = check_frozenset_of(check_id)


# -- places ----------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Community(Record):
    """社区: a residents' committee area with its people, facilities and funds."""

    id: str = attrs.field(metadata=md("社区编号", check_id))
    name: str = attrs.field(metadata=md("社区名称", check_text))
    town: str = attrs.field(metadata=md("所属镇/街道", check_text))
    kind: CommunityKind = attrs.field(metadata=md("社区类型", check_enum(CommunityKind)))
    households: int = attrs.field(metadata=md("户数", check_count))
    residents: int = attrs.field(metadata=md("人口数", check_count))
    established_on: dt.date | None = attrs.field(
        default=None, metadata=md("成立日期", check_opt_date)
    )
    service_hall_area_m2: float | None = attrs.field(
        default=None, converter=to_opt_float, metadata=md("服务大厅面积", check_opt_measure)
    )
    facility_area_m2: float | None = attrs.field(
        default=None, converter=to_opt_float, metadata=md("服务设施面积", check_opt_measure)
    )
    facilities: frozenset[FacilityKind] = attrs.field(
        default=frozenset(),
        converter=to_frozenset,
        metadata=md("六室两中心", check_frozenset_of(check_enum(FacilityKind))),
    )
    yearly_party_building_funds: Decimal | None = attrs.field(
        default=None, converter=to_opt_decimal, metadata=md("党建经费", check_opt_money)
    )
    yearly_office_funds: Decimal | None = attrs.field(
        default=None, converter=to_opt_decimal, metadata=md("办公经费", check_opt_money)
    )


@attrs.frozen(kw_only=True)
class Grid(Record):
    """网格: a part of a community with the staff member responsible for it."""

    id: str = attrs.field(metadata=md("网格编号", check_id))
    community_id: str = attrs.field(metadata=md("所属社区", check_id))
    name: str = attrs.field(metadata=md("网格名称", check_text))
    households: int = attrs.field(metadata=md("户数", check_count))
    worker_id: str | None = attrs.field(
        default=None, converter=opt_text, metadata=md("网格员", check_opt_id)
    )


@attrs.frozen(kw_only=True)
class Household(Record):
    """户: a dwelling and the people registered in it."""

    id: str = attrs.field(metadata=md("户编号", check_id))
    community_id: str = attrs.field(metadata=md("所属社区", check_id))
    grid_id: str | None = attrs.field(
        default=None, converter=opt_text, metadata=md("所属网格", check_opt_id)
    )
    address: str = attrs.field(metadata=md("住址", check_text))


# -- people ----------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Resident(Record):
    """居民: a person living in a household, with what needs the community's attention."""

    id: str = attrs.field(metadata=md("居民编号", check_id))
    community_id: str = attrs.field(metadata=md("所属社区", check_id))
    household_id: str = attrs.field(metadata=md("所属户", check_id))
    name: str = attrs.field(metadata=md("姓名", check_text))
    id_number: IdNumber | None = attrs.field(
        default=None, converter=to_opt_id_number, metadata=md("身份证号", check_opt_id_number)
    )
    phone: PhoneNumber | None = attrs.field(
        default=None, converter=to_opt_phone, metadata=md("联系电话", check_opt_phone)
    )
    birth_date: dt.date | None = attrs.field(
        default=None, metadata=birth_date_md(md("出生日期", check_opt_date))
    )
    sex: Sex | None = attrs.field(default=None, metadata=md("性别", check_opt_enum(Sex)))
    registration: Registration = attrs.field(
        default=Registration.LOCAL,
        metadata=md("户籍类型", check_enum(Registration)),
    )
    attentions: tuple[Attention, ...] = attrs.field(
        default=(),
        converter=to_tuple,
        metadata=md("重点关注", check_tuple_of(check_instance(Attention, "an Attention"))),
    )

    def _invariants(self) -> Iterable[tuple[Loc | str, str]]:
        if self.id_number is not None:
            if self.birth_date is not None and self.birth_date != self.id_number.birth_date:
                yield "birth_date", "does not match the birth date in id_number"
            if self.sex is not None and self.sex is not self.id_number.sex:
                yield "sex", "does not match the sex encoded in id_number"


@attrs.frozen(kw_only=True)
class Staff(Record):
    """社区工作人员: someone working in a community, paid or seconded."""

    id: str = attrs.field(metadata=md("人员编号", check_id))
    community_id: str = attrs.field(metadata=md("所属社区", check_id))
    name: str = attrs.field(metadata=md("姓名", check_text))
    role: StaffRole = attrs.field(metadata=md("职务", check_enum(StaffRole)))
    employment: Employment = attrs.field(metadata=md("身份类别", check_enum(Employment)))
    birth_date: dt.date | None = attrs.field(
        default=None, metadata=birth_date_md(md("出生日期", check_opt_date))
    )
    sex: Sex | None = attrs.field(default=None, metadata=md("性别", check_opt_enum(Sex)))
    education: Education | None = attrs.field(
        default=None, metadata=md("学历", check_opt_enum(Education))
    )
    is_graduate_placement: bool = attrs.field(default=False, metadata=md("选聘大学生", check_bool))
    recruited_openly: bool = attrs.field(default=False, metadata=md("公开选拔", check_bool))
    hired_on: dt.date | None = attrs.field(default=None, metadata=md("入职日期", check_opt_date))
    monthly_wage: Decimal | None = attrs.field(
        default=None, converter=to_opt_decimal, metadata=md("月工资", check_opt_money)
    )
    pension_insured: bool = attrs.field(default=False, metadata=md("养老保险", check_bool))
    unemployment_insured: bool = attrs.field(default=False, metadata=md("失业保险", check_bool))
    phone: PhoneNumber | None = attrs.field(
        default=None, converter=to_opt_phone, metadata=md("联系电话", check_opt_phone)
    )
    id_number: IdNumber | None = attrs.field(
        default=None, converter=to_opt_id_number, metadata=md("身份证号", check_opt_id_number)
    )
    extra_roles: frozenset[StaffRole] = attrs.field(
        default=frozenset(),
        converter=to_frozenset,
        metadata=md("兼任职务", check_frozenset_of(check_enum(StaffRole))),
    )
    team_ids: frozenset[str] = attrs.field(
        default=frozenset(), converter=to_frozenset, metadata=md("所属队伍", _id_set)
    )

    def _invariants(self) -> Iterable[tuple[Loc | str, str]]:
        if self.id_number is not None:
            if self.birth_date is not None and self.birth_date != self.id_number.birth_date:
                yield "birth_date", "does not match the birth date in id_number"
            if self.sex is not None and self.sex is not self.id_number.sex:
                yield "sex", "does not match the sex encoded in id_number"
        if self.birth_date and self.hired_on and self.hired_on < self.birth_date:
            yield "hired_on", "must not be before birth_date"
        if self.role in self.extra_roles:
            yield "extra_roles", f"must not repeat the role {self.role.value!r}"

    @property
    def roles(self) -> frozenset[StaffRole]:
        """Every post the person holds: ``role`` and ``extra_roles``.

        A secretary who is also the director (一肩挑) has ``role=PARTY_SECRETARY`` and
        ``extra_roles={DIRECTOR}``; the 2025 committee law 第八条 allows both that and
        members of the two committees holding posts on each (交叉任职).
        """
        return self.extra_roles | {self.role}

    @property
    def is_community_worker(self) -> bool:
        """社区工作者: two-committee members, seconded and contracted staff."""
        return self.employment in COMMUNITY_WORKER_EMPLOYMENTS

    @property
    def is_committee_member(self) -> bool:
        """A member of the residents' committee: one of the :attr:`roles` is 主任, 副主任
        or 委员."""
        return not COMMITTEE_ROLES.isdisjoint(self.roles)

    @property
    def is_secretary(self) -> bool:
        """A party secretary or deputy secretary, in any of the :attr:`roles`."""
        return not SECRETARY_ROLES.isdisjoint(self.roles)


@attrs.frozen(kw_only=True)
class Volunteer(Record):
    """志愿者: a registered volunteer, possibly in a team."""

    id: str = attrs.field(metadata=md("志愿者编号", check_id))
    community_id: str = attrs.field(metadata=md("所属社区", check_id))
    name: str = attrs.field(metadata=md("姓名", check_text))
    registered_on: dt.date = attrs.field(metadata=md("注册日期", check_date))
    team_id: str | None = attrs.field(
        default=None, converter=opt_text, metadata=md("所属队伍", check_opt_id)
    )
    is_party_member: bool = attrs.field(default=False, metadata=md("党员", check_bool))
    service_hours: float = attrs.field(
        default=0.0, converter=to_float, metadata=md("服务时长", check_measure)
    )
    skills: frozenset[str] = attrs.field(
        default=frozenset(),
        converter=to_frozenset,
        metadata=md("特长", check_frozenset_of(check_text)),
    )
    sex: Sex | None = attrs.field(default=None, metadata=md("性别", check_opt_enum(Sex)))


@attrs.frozen(kw_only=True)
class VolunteerTeam(Record):
    """队伍: a volunteer, culture, patrol or mediation team."""

    id: str = attrs.field(metadata=md("队伍编号", check_id))
    community_id: str = attrs.field(metadata=md("所属社区", check_id))
    name: str = attrs.field(metadata=md("队伍名称", check_text))
    kind: TeamKind = attrs.field(metadata=md("队伍类型", check_enum(TeamKind)))


@attrs.frozen(kw_only=True)
class PartyMember(Record):
    """党员: a party member attached to the community, in one of the four classes."""

    id: str = attrs.field(metadata=md("党员编号", check_id))
    community_id: str = attrs.field(metadata=md("所属社区", check_id))
    name: str = attrs.field(metadata=md("姓名", check_text))
    category: PartyMemberCategory = attrs.field(
        metadata=md("党员类别", check_enum(PartyMemberCategory)),
    )
    resident_id: str | None = attrs.field(
        default=None, converter=opt_text, metadata=md("居民编号", check_opt_id)
    )
    employer: str | None = attrs.field(
        default=None, converter=opt_text, metadata=md("工作单位", check_opt_text)
    )
    is_full_member: bool = attrs.field(default=True, metadata=md("正式党员", check_bool))
    reported_on: dt.date | None = attrs.field(default=None, metadata=md("报到日期", check_opt_date))


# -- cases, services, visits -----------------------------------------------------------


@attrs.frozen(kw_only=True)
class DisputeCase(Record):
    """矛盾纠纷: a dispute received for mediation, with its status history (oldest first)."""

    id: str = attrs.field(metadata=md("案件编号", check_id))
    community_id: str = attrs.field(metadata=md("所属社区", check_id))
    category: DisputeCategory = attrs.field(metadata=md("纠纷类别", check_enum(DisputeCategory)))
    parties: tuple[Party, ...] = attrs.field(
        converter=to_tuple,
        metadata=md("当事人", check_tuple_of(check_instance(Party, "a Party"), min_size=2)),
    )
    received_on: dt.date = attrs.field(metadata=md("受理日期", check_date))
    status: DisputeStatus = attrs.field(metadata=md("状态", check_enum(DisputeStatus)))
    mediator_ids: tuple[str, ...] = attrs.field(
        default=(), converter=to_tuple, metadata=md("调解员", _ids)
    )
    events: tuple[CaseEvent, ...] = attrs.field(
        default=(),
        converter=to_tuple,
        metadata=md("办理记录", check_tuple_of(check_instance(CaseEvent, "a CaseEvent"))),
    )
    closed_on: dt.date | None = attrs.field(default=None, metadata=md("结案日期", check_opt_date))

    def _invariants(self) -> Iterable[tuple[Loc | str, str]]:
        if self.closed_on is not None and self.closed_on < self.received_on:
            yield "closed_on", "must not be before received_on"
        if self.status is DisputeStatus.CLOSED and self.closed_on is None:
            yield "closed_on", "a closed case needs its closing date"
        if self.closed_on is not None and self.status.is_open:
            yield "status", "a case with a closing date cannot still be open"
        for i, event in enumerate(self.events):
            if event.on < self.received_on:
                yield ("events", i, "on"), "must not be before received_on"
            elif self.closed_on is not None and event.on > self.closed_on:
                yield ("events", i, "on"), "must not be after closed_on"
            if i and event.on < self.events[i - 1].on:
                yield ("events", i, "on"), "events must be in date order, oldest first"
        if self.events and self.events[-1].status is not self.status:
            yield "status", "must be the status of the last event"

    @property
    def is_open(self) -> bool:
        """Not closed yet: ``closed_on`` is None."""
        return self.closed_on is None

    def resolved_on(self) -> dt.date | None:
        """The date an agreement was reached (达成协议), if it was."""
        for event in self.events:
            if event.status is DisputeStatus.AGREEMENT_REACHED:
                return event.on
        return None


@attrs.frozen(kw_only=True)
class ServiceItem(Record):
    """服务事项: a service the hall offers, with its time limit (限时办结) and channels."""

    id: str = attrs.field(metadata=md("事项编号", check_id))
    name: str = attrs.field(metadata=md("事项名称", check_text))
    time_limit: TimeLimit = attrs.field(
        metadata=md("办理时限", check_instance(TimeLimit, "a TimeLimit"))
    )
    channels: frozenset[Channel] = attrs.field(
        default=frozenset(),
        converter=to_frozenset,
        metadata=md("办理渠道", check_frozenset_of(check_enum(Channel))),
    )
    fee: Decimal = attrs.field(
        default=Decimal(0), converter=to_decimal, metadata=md("收费", check_money)
    )


def ordered_request_events(events: Iterable[RequestEvent]) -> tuple[RequestEvent, ...]:
    """The events of a request in the order they took effect, whatever order they came in.

    By date; on one day, suspensions and resumptions are interleaved so that they
    alternate where they can (a pause resumed and another begun the same day), and the
    other kinds follow in a fixed order. The result does not depend on the input order.
    """
    by_day: dict[dt.date, list[RequestEvent]] = {}
    for e in events:
        by_day.setdefault(e.on, []).append(e)
    out: list[RequestEvent] = []
    paused = False
    for day in sorted(by_day):
        todays = sorted(by_day[day], key=_event_sort_key)
        stops = [e for e in todays if e.kind is RequestEventKind.SUSPENDED]
        goes = [e for e in todays if e.kind is RequestEventKind.RESUMED]
        rest = [e for e in todays if e.kind not in _PAUSE_KINDS]
        started = [e for e in rest if e.kind is RequestEventKind.STARTED]
        later = [e for e in rest if e.kind is not RequestEventKind.STARTED]
        out.extend(started)
        while stops or goes:
            take = goes if (paused and goes) or not stops else stops
            out.append(take.pop(0))
            paused = take is stops
        out.extend(later)
    return tuple(out)


_PAUSE_KINDS = frozenset({RequestEventKind.SUSPENDED, RequestEventKind.RESUMED})
_KIND_ORDER = {k: i for i, k in enumerate(RequestEventKind)}


def _event_sort_key(e: RequestEvent) -> tuple[int, int, str, str]:
    return (_KIND_ORDER[e.kind], e.days or 0, e.approved_by or "", e.note or "")


@attrs.frozen(kw_only=True)
class ServiceRequest(Record):
    """服务工单: one resident's request for a service item, with its history.

    A request is consistent or cannot be built: ``completed_on`` is set exactly when the
    status is ``COMPLETED`` and is not before ``received_on``; no event precedes
    ``received_on``; taken by date, suspensions and resumptions alternate, starting with
    a suspension; a ``COMPLETED`` event is dated ``completed_on``.
    """

    id: str = attrs.field(metadata=md("工单编号", check_id))
    item_id: str = attrs.field(metadata=md("服务事项", check_id))
    community_id: str = attrs.field(metadata=md("所属社区", check_id))
    received_on: dt.date = attrs.field(metadata=md("受理日期", check_date))
    status: RequestStatus = attrs.field(metadata=md("状态", check_enum(RequestStatus)))
    resident_id: str | None = attrs.field(
        default=None, converter=opt_text, metadata=md("居民编号", check_opt_id)
    )
    first_responder_id: str | None = attrs.field(
        default=None, converter=opt_text, metadata=md("首问责任人", check_opt_id)
    )
    events: tuple[RequestEvent, ...] = attrs.field(
        default=(),
        converter=to_tuple,
        metadata=md("办理记录", check_tuple_of(check_instance(RequestEvent, "a RequestEvent"))),
    )
    completed_on: dt.date | None = attrs.field(
        default=None, metadata=md("办结日期", check_opt_date)
    )
    complaint: bool = attrs.field(default=False, metadata=md("投诉", check_bool))

    def _invariants(self) -> Iterable[tuple[Loc | str, str]]:
        done = self.status is RequestStatus.COMPLETED
        if done and self.completed_on is None:
            yield "completed_on", "a completed request needs its completion date"
        if not done and self.completed_on is not None:
            yield "completed_on", "only a completed request has a completion date"
        if self.completed_on is not None and self.completed_on < self.received_on:
            yield "completed_on", "must not be before received_on"
        for i, event in enumerate(self.events):
            if event.on < self.received_on:
                yield ("events", i, "on"), "must not be before received_on"
            if event.kind is RequestEventKind.COMPLETED and event.on != self.completed_on:
                yield ("events", i, "on"), "a completion event must be dated completed_on"
        paused = False
        for event in ordered_request_events(self.events):
            if event.kind is RequestEventKind.SUSPENDED:
                if paused:
                    yield "events", "a suspension must be resumed before the next one"
                    break
                paused = True
            elif event.kind is RequestEventKind.RESUMED:
                if not paused:
                    yield "events", "a resumption must follow a suspension"
                    break
                paused = False


@attrs.frozen(kw_only=True)
class Visit(Record):
    """走访: a worker's or volunteer's visit to a resident, and whether they met."""

    id: str = attrs.field(metadata=md("走访编号", check_id))
    resident_id: str = attrs.field(metadata=md("居民编号", check_id))
    visitor_id: str = attrs.field(metadata=md("走访人", check_id))
    visited_on: dt.date = attrs.field(metadata=md("走访日期", check_date))
    reasons: frozenset[AttentionKind] = attrs.field(
        default=frozenset(),
        converter=to_frozenset,
        metadata=md("走访事由", check_frozenset_of(check_enum(AttentionKind))),
    )
    outcome: VisitOutcome = attrs.field(metadata=md("走访结果", check_enum(VisitOutcome)))
    note: str | None = attrs.field(
        default=None, converter=opt_text, metadata=md("备注", check_opt_text)
    )


@attrs.frozen(kw_only=True)
class PartnerUnit(Record):
    """共建单位: an agency or enterprise paired with communities (区域化党建)."""

    id: str = attrs.field(metadata=md("单位编号", check_id))
    name: str = attrs.field(metadata=md("单位名称", check_text))
    community_ids: frozenset[str] = attrs.field(
        default=frozenset(), converter=to_frozenset, metadata=md("共建社区", _id_set)
    )
    since: dt.date | None = attrs.field(default=None, metadata=md("共建日期", check_opt_date))


@attrs.frozen(kw_only=True)
class Meeting(Record):
    """议事: a meeting of the self-government structure, with attendance and decisions."""

    id: str = attrs.field(metadata=md("会议编号", check_id))
    community_id: str = attrs.field(metadata=md("所属社区", check_id))
    kind: MeetingKind = attrs.field(metadata=md("会议类型", check_enum(MeetingKind)))
    held_on: dt.date = attrs.field(metadata=md("会议日期", check_date))
    entitled: int = attrs.field(metadata=md("应到人数", check_count))
    present: int = attrs.field(metadata=md("实到人数", check_count))
    topic: str = attrs.field(metadata=md("议题", check_text))
    decisions: tuple[str, ...] = attrs.field(
        default=(), converter=to_tuple, metadata=md("决定事项", check_tuple_of(check_text))
    )

    def _invariants(self) -> Iterable[tuple[Loc | str, str]]:
        if self.present > self.entitled:
            yield "present", f"must not exceed entitled ({self.entitled}), got {self.present}"


# Every repr masks personal data: an id may be an identity number, a date of birth shows
# its year only (docs/explanation/personal-data.md).
for _cls in (
    Community, Grid, Household, Resident, Staff, Volunteer, VolunteerTeam, PartyMember,
    DisputeCase, ServiceItem, ServiceRequest, Visit, PartnerUnit, Meeting,
):  # fmt: skip
    masked_repr(_cls)

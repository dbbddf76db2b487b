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
    CommunityKind,
    Education,
    Employment,
    FacilityKind,
    MeetingKind,
    PartyMemberCategory,
    Registration,
    Sex,
    StaffRole,
    TeamKind,
    VisitOutcome,
)
from shequ_core.entities._pii import IdNumber, PhoneNumber, birth_date_md, masked_repr
from shequ_core.entities._values import (
    Attention,
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
    "Grid",
    "Household",
    "Meeting",
    "PartnerUnit",
    "PartyMember",
    "Resident",
    "Staff",
    "Visit",
    "Volunteer",
    "VolunteerTeam",
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


@attrs.frozen(kw_only=True, repr=False)
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
    #: The day the sitting residents' committee was elected (its term runs from it).
    committee_elected_on: dt.date | None = attrs.field(
        default=None, metadata=md("本届选举日期", check_opt_date)
    )


@attrs.frozen(kw_only=True, repr=False)
class Grid(Record):
    """网格: a part of a community with the staff member responsible for it."""

    id: str = attrs.field(metadata=md("网格编号", check_id))
    community_id: str = attrs.field(metadata=md("所属社区", check_id))
    name: str = attrs.field(metadata=md("网格名称", check_text))
    households: int = attrs.field(metadata=md("户数", check_count))
    worker_id: str | None = attrs.field(
        default=None, converter=opt_text, metadata=md("网格员", check_opt_id)
    )


@attrs.frozen(kw_only=True, repr=False)
class Household(Record):
    """户: a dwelling and the people registered in it."""

    id: str = attrs.field(metadata=md("户编号", check_id))
    community_id: str = attrs.field(metadata=md("所属社区", check_id))
    grid_id: str | None = attrs.field(
        default=None, converter=opt_text, metadata=md("所属网格", check_opt_id)
    )
    address: str = attrs.field(metadata=md("住址", check_text))


# -- people ----------------------------------------------------------------------------


@attrs.frozen(kw_only=True, repr=False)
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


@attrs.frozen(kw_only=True, repr=False)
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


@attrs.frozen(kw_only=True, repr=False)
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


@attrs.frozen(kw_only=True, repr=False)
class VolunteerTeam(Record):
    """队伍: a volunteer, culture, patrol or mediation team."""

    id: str = attrs.field(metadata=md("队伍编号", check_id))
    community_id: str = attrs.field(metadata=md("所属社区", check_id))
    name: str = attrs.field(metadata=md("队伍名称", check_text))
    kind: TeamKind = attrs.field(metadata=md("队伍类型", check_enum(TeamKind)))


@attrs.frozen(kw_only=True, repr=False)
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


@attrs.frozen(kw_only=True, repr=False)
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


@attrs.frozen(kw_only=True, repr=False)
class PartnerUnit(Record):
    """共建单位: an agency or enterprise paired with communities (区域化党建)."""

    id: str = attrs.field(metadata=md("单位编号", check_id))
    name: str = attrs.field(metadata=md("单位名称", check_text))
    community_ids: frozenset[str] = attrs.field(
        default=frozenset(), converter=to_frozenset, metadata=md("共建社区", _id_set)
    )
    since: dt.date | None = attrs.field(default=None, metadata=md("共建日期", check_opt_date))


@attrs.frozen(kw_only=True, repr=False)
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
    Visit, PartnerUnit, Meeting,
):  # fmt: skip
    masked_repr(_cls)

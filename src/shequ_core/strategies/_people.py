"""Strategies for places and people: communities, grids, households, residents, staff,
volunteers, teams, party members and partner units.

A person with an identity number has a birth date and sex that agree with it, or none
given; staff are of working age and hired at 16 or later. A resident has one attention
of a kind at a time: an earlier one of the same kind ends the day before the next
begins (``hostile=True`` lets them overlap).
"""

from __future__ import annotations

import datetime as dt
import itertools

import attrs
from hypothesis import strategies as st

from shequ_core.entities import (
    Attention,
    Community,
    CommunityKind,
    Education,
    Employment,
    FacilityKind,
    Grid,
    Household,
    IdNumber,
    PartnerUnit,
    PartyMember,
    PartyMemberCategory,
    Registration,
    Resident,
    Sex,
    Staff,
    StaffRole,
    TeamKind,
    Volunteer,
    VolunteerTeam,
)
from shequ_core.strategies import _values
from shequ_core.strategies._common import (
    check_hostile,
    check_size,
    check_strategy,
    entity_ids,
    id_numbers,
    money,
    opt,
    person_names,
    phone_numbers,
    place_names,
    texts,
)
from shequ_core.strategies._dates import (
    HOSTILE_EVENTS,
    birth_dates,
    confirmed_days,
    event_dates,
    event_end,
    later,
    staff_birth_dates,
)

_HOSTILE_FIRST = HOSTILE_EVENTS[0]

__all__ = [
    "communities",
    "grids",
    "households",
    "partner_units",
    "party_members",
    "residents",
    "staff_members",
    "volunteer_teams",
    "volunteers",
]


def _ids(value: st.SearchStrategy[str] | None, name: str, hostile: bool) -> st.SearchStrategy[str]:
    strategy = entity_ids(hostile=hostile) if value is None else value
    check_strategy(strategy, name)
    return strategy


def _opt_ids(
    value: st.SearchStrategy[str | None] | None, name: str, hostile: bool
) -> st.SearchStrategy[str | None]:
    strategy = opt(entity_ids(hostile=hostile)) if value is None else value
    check_strategy(strategy, name)
    return strategy


def _areas() -> st.SearchStrategy[float]:
    return st.floats(0.0, 100_000.0, allow_nan=False, allow_infinity=False, allow_subnormal=False)


# -- places ----------------------------------------------------------------------------


@st.composite
def _communities(
    draw: st.DrawFn,
    ids: st.SearchStrategy[str],
    kinds: st.SearchStrategy[CommunityKind],
    hostile: bool,
) -> Community:
    residents = draw(st.integers(0, 200_000))
    return Community(
        id=draw(ids),
        name=draw(place_names(("社区", "社区居委会", "小区"), hostile=hostile)),
        town=draw(place_names(("镇", "街道", "苏木", "乡"), hostile=hostile)),
        kind=draw(kinds),
        # Every household counts at least one resident.
        households=draw(st.integers(0, residents)),
        residents=residents,
        established_on=draw(opt(st.dates(dt.date(1949, 10, 1), event_end(hostile)))),
        service_hall_area_m2=draw(opt(_areas())),
        facility_area_m2=draw(opt(_areas())),
        facilities=draw(st.frozensets(st.sampled_from(FacilityKind))),
        yearly_party_building_funds=draw(opt(money(max_yuan=1_000_000))),
        yearly_office_funds=draw(opt(money(max_yuan=1_000_000))),
        committee_elected_on=draw(opt(st.dates(dt.date(1949, 10, 1), event_end(hostile)))),
    )


def communities(
    *,
    ids: st.SearchStrategy[str] | None = None,
    kinds: st.SearchStrategy[CommunityKind] | None = None,
    hostile: bool = False,
) -> st.SearchStrategy[Community]:
    """Communities (社区) with households never more than residents."""
    check_hostile(hostile)
    kinds = st.sampled_from(CommunityKind) if kinds is None else kinds
    check_strategy(kinds, "kinds")
    return _communities(_ids(ids, "ids", hostile), kinds, hostile)


def grids(
    *,
    community_id: st.SearchStrategy[str] | None = None,
    worker_id: st.SearchStrategy[str | None] | None = None,
    hostile: bool = False,
) -> st.SearchStrategy[Grid]:
    """Grids (网格), with or without the staff member responsible."""
    check_hostile(hostile)
    return st.builds(
        Grid,
        id=entity_ids(hostile=hostile),
        community_id=_ids(community_id, "community_id", hostile),
        name=st.integers(1, 99).map(lambda n: f"第{n}网格") | texts(max_size=10, hostile=hostile),
        households=st.integers(0, 2_000),
        worker_id=_opt_ids(worker_id, "worker_id", hostile),
    )


_ROADS = ("人民路", "解放路", "建设大街", "团结巷", "Xinhua Rd.")


def _addresses(hostile: bool) -> st.SearchStrategy[str]:
    structured = st.builds(
        lambda road, no, bldg, unit, room: f"{road}{no}号{bldg}栋{unit}单元{room}室",
        st.sampled_from(_ROADS),
        st.integers(1, 999),
        st.integers(1, 40),
        st.integers(1, 8),
        st.integers(101, 3204),
    )
    return structured | texts(hostile=hostile)


def households(
    *,
    community_id: st.SearchStrategy[str] | None = None,
    grid_id: st.SearchStrategy[str | None] | None = None,
    hostile: bool = False,
) -> st.SearchStrategy[Household]:
    """Households (户) at an address, in a grid or not yet assigned to one."""
    check_hostile(hostile)
    return st.builds(
        Household,
        id=entity_ids(hostile=hostile),
        community_id=_ids(community_id, "community_id", hostile),
        grid_id=_opt_ids(grid_id, "grid_id", hostile),
        address=_addresses(hostile),
    )


# -- people ----------------------------------------------------------------------------


def _person_facts(
    draw: st.DrawFn, births: st.SearchStrategy[dt.date], hostile: bool
) -> tuple[IdNumber | None, dt.date | None, Sex | None]:
    """An identity number, birth date and sex that agree wherever more than one is known."""
    number = draw(opt(id_numbers(birth_dates=births, hostile=hostile)))
    if number is None:
        return None, draw(opt(births)), draw(opt(st.sampled_from(Sex)))
    birth = draw(st.sampled_from((None, number.birth_date)))
    sex = draw(st.sampled_from((None, number.sex)))
    return number, birth, sex


@st.composite
def _residents(
    draw: st.DrawFn,
    community_id: st.SearchStrategy[str],
    household_id: st.SearchStrategy[str],
    attentions: st.SearchStrategy[Attention],
    min_attentions: int,
    max_attentions: int,
    hostile: bool,
) -> Resident:
    number, birth, sex = _person_facts(draw, birth_dates(hostile), hostile)
    if hostile:
        watch = draw(st.lists(attentions, min_size=min_attentions, max_size=max_attentions))
    else:
        watch = _one_at_a_time(
            draw(
                st.lists(
                    attentions,
                    min_size=min_attentions,
                    max_size=max_attentions,
                    unique_by=lambda a: (a.kind, a.since),
                )
            )
        )
    return Resident(
        id=draw(entity_ids(hostile=hostile)),
        community_id=draw(community_id),
        household_id=draw(household_id),
        name=draw(person_names(hostile=hostile)),
        id_number=number,
        phone=draw(opt(phone_numbers())),
        birth_date=birth,
        sex=sex,
        registration=draw(st.sampled_from(Registration)),
        attentions=watch,
    )


def _one_at_a_time(drawn: list[Attention]) -> list[Attention]:
    """The attentions, each one of a kind ended the day before the next of its kind
    begins (their ``since`` differ), in the order drawn."""
    out = list(drawn)
    order = sorted(range(len(out)), key=lambda i: (out[i].kind.value, out[i].since))
    for i, j in itertools.pairwise(order):
        a, b = out[i], out[j]
        if a.kind is b.kind and (a.until is None or a.until >= b.since):
            out[i] = attrs.evolve(a, until=b.since - dt.timedelta(days=1))
    return out


def residents(
    *,
    community_id: st.SearchStrategy[str] | None = None,
    household_id: st.SearchStrategy[str] | None = None,
    attentions: st.SearchStrategy[Attention] | None = None,
    min_attentions: int = 0,
    max_attentions: int = 3,
    hostile: bool = False,
) -> st.SearchStrategy[Resident]:
    """Residents (居民) with names as registers hold them and 0-3 attentions each.

    ``attentions`` draws each attention (``max_attentions=0`` for none); of one kind
    there is one at a time, with different ``since`` days, unless ``hostile``. Birth
    dates are living people's (1900-2099 if ``hostile``) and include 29 February.
    """
    check_hostile(hostile)
    attentions = _values.attentions(hostile=hostile) if attentions is None else attentions
    check_strategy(attentions, "attentions")
    check_size(min_attentions, max_attentions, "min_attentions", "max_attentions")
    return _residents(
        _ids(community_id, "community_id", hostile),
        _ids(household_id, "household_id", hostile),
        attentions,
        min_attentions,
        max_attentions,
        hostile,
    )


@st.composite
def _staff(
    draw: st.DrawFn,
    community_id: st.SearchStrategy[str],
    roles: st.SearchStrategy[StaffRole],
    employments: st.SearchStrategy[Employment],
    hostile: bool,
) -> Staff:
    number, birth, sex = _person_facts(draw, staff_birth_dates(hostile), hostile)
    role = draw(roles)
    # A second post now and then (一肩挑, 交叉任职): never the role itself.
    extra = draw(st.frozensets(st.sampled_from(StaffRole), max_size=2)) - {role}
    born = birth if birth is not None else number.birth_date if number is not None else None
    hired = None
    if draw(st.booleans()):
        first = _HOSTILE_FIRST if hostile else confirmed_days()[0]
        end = event_end(hostile)
        start = first if born is None else max(first, born + _SIXTEEN_YEARS)
        hired = later(draw, start, max_days=(end - start).days, end=end)
    return Staff(
        id=draw(entity_ids(hostile=hostile)),
        community_id=draw(community_id),
        name=draw(person_names(hostile=hostile)),
        role=role,
        employment=draw(employments),
        birth_date=birth,
        sex=sex,
        education=draw(opt(st.sampled_from(Education))),
        is_graduate_placement=draw(st.booleans()),
        recruited_openly=draw(st.booleans()),
        hired_on=hired,
        monthly_wage=draw(opt(money(max_yuan=50_000))),
        pension_insured=draw(st.booleans()),
        unemployment_insured=draw(st.booleans()),
        phone=draw(opt(phone_numbers())),
        id_number=number,
        extra_roles=extra,
    )


_SIXTEEN_YEARS = dt.timedelta(days=16 * 366)


def staff_members(
    *,
    community_id: st.SearchStrategy[str] | None = None,
    roles: st.SearchStrategy[StaffRole] | None = None,
    employments: st.SearchStrategy[Employment] | None = None,
    hostile: bool = False,
) -> st.SearchStrategy[Staff]:
    """Community staff (社区工作人员) hired at 16 or later, born 18 to 70 years before
    the calendar's last confirmed year (1940-2007 if ``hostile``)."""
    check_hostile(hostile)
    roles = st.sampled_from(StaffRole) if roles is None else roles
    employments = st.sampled_from(Employment) if employments is None else employments
    check_strategy(roles, "roles")
    check_strategy(employments, "employments")
    return _staff(_ids(community_id, "community_id", hostile), roles, employments, hostile)


_SKILLS = ("理发", "维修家电", "法律咨询", "心理疏导", "书法", "医疗保健", "English tutoring")


def volunteers(
    *,
    community_id: st.SearchStrategy[str] | None = None,
    team_id: st.SearchStrategy[str | None] | None = None,
    registered_on: st.SearchStrategy[dt.date] | None = None,
    hostile: bool = False,
) -> st.SearchStrategy[Volunteer]:
    """Registered volunteers (志愿者), in a team or not, with their hours and skills."""
    check_hostile(hostile)
    registered_on = event_dates(hostile) if registered_on is None else registered_on
    check_strategy(registered_on, "registered_on")
    return st.builds(
        Volunteer,
        id=entity_ids(hostile=hostile),
        community_id=_ids(community_id, "community_id", hostile),
        name=person_names(hostile=hostile),
        registered_on=registered_on,
        team_id=_opt_ids(team_id, "team_id", hostile),
        is_party_member=st.booleans(),
        service_hours=st.floats(
            0.0, 20_000.0, allow_nan=False, allow_infinity=False, allow_subnormal=False
        ),
        skills=st.frozensets(
            st.sampled_from(_SKILLS) | texts(max_size=8, hostile=hostile), max_size=3
        ),
        sex=opt(st.sampled_from(Sex)),
    )


def volunteer_teams(
    *,
    community_id: st.SearchStrategy[str] | None = None,
    kinds: st.SearchStrategy[TeamKind] | None = None,
    hostile: bool = False,
) -> st.SearchStrategy[VolunteerTeam]:
    """Volunteer, culture, patrol and mediation teams (队伍)."""
    check_hostile(hostile)
    kinds = st.sampled_from(TeamKind) if kinds is None else kinds
    check_strategy(kinds, "kinds")
    return st.builds(
        VolunteerTeam,
        id=entity_ids(hostile=hostile),
        community_id=_ids(community_id, "community_id", hostile),
        name=place_names(("志愿服务队", "文体队", "巡逻队", "人民调解委员会"), hostile=hostile),
        kind=kinds,
    )


def party_members(
    *,
    community_id: st.SearchStrategy[str] | None = None,
    resident_id: st.SearchStrategy[str | None] | None = None,
    categories: st.SearchStrategy[PartyMemberCategory] | None = None,
    hostile: bool = False,
) -> st.SearchStrategy[PartyMember]:
    """Party members (党员) in the four classes, full or probationary."""
    check_hostile(hostile)
    categories = st.sampled_from(PartyMemberCategory) if categories is None else categories
    check_strategy(categories, "categories")
    return st.builds(
        PartyMember,
        id=entity_ids(hostile=hostile),
        community_id=_ids(community_id, "community_id", hostile),
        name=person_names(hostile=hostile),
        category=categories,
        resident_id=_opt_ids(resident_id, "resident_id", hostile),
        employer=opt(
            place_names(("公司", "医院", "学校", "局"), hostile=hostile) | texts(hostile=hostile)
        ),
        is_full_member=st.booleans(),
        reported_on=opt(event_dates(hostile)),
    )


def partner_units(
    *,
    community_ids: st.SearchStrategy[str] | None = None,
    max_communities: int = 3,
    hostile: bool = False,
) -> st.SearchStrategy[PartnerUnit]:
    """Partner units (共建单位) paired with up to ``max_communities`` communities."""
    check_hostile(hostile)
    check_size(0, max_communities, max_name="max_communities")
    return st.builds(
        PartnerUnit,
        id=entity_ids(hostile=hostile),
        name=place_names(("公司", "医院", "学校", "派出所", "供电局"), hostile=hostile),
        community_ids=st.frozensets(
            _ids(community_ids, "community_ids", hostile), max_size=max_communities
        ),
        since=opt(event_dates(hostile)),
    )

"""Records for the tests, built in one call: every field has a default, and a test passes
only what it is about.

The builders used by more than one test module live here, each once (tests import them
with ``from tests.builders import community``). A builder's defaults are those the
tests relying on it were written against: changing one changes what those tests build,
so add a keyword or a new builder instead. Each returns a valid record, as the entity
model checks it.

- Communities: :func:`community` (``c``, 100 households and 300 residents, named after its
  id), and the fixed 万和社区 of the governance and staffing rules in three sizes,
  :func:`community_1200`, :func:`community_10000` and :func:`showcase_community`;
  :func:`community_with_area` (东风社区, for the facility rules), and
  :func:`empty_community` for registers of requests.
- The small community ``c`` of the scorecard's examples: :func:`staff` and
  :func:`committee` (insured two-committee members), :func:`uninsured_committee`,
  :func:`resident`, :func:`visit`, :func:`party_member`, :data:`HOME`, :func:`people`;
  and :func:`period_banner`, whose records lie on both sides of the scorecard's period.
- The town of the visiting rules (community ``C1``): :func:`person`, :func:`worker`,
  :func:`town`.
- :func:`caseworker`, :func:`event` (a request event), :func:`residents_dataset` (a
  large dataset), :func:`calendar_2024` (a small WorkCalendar).
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

from shequ_core.calendar import WorkCalendar
from shequ_core.entities import (
    Attention,
    AttentionKind,
    Community,
    CommunityKind,
    Dataset,
    DisputeCase,
    DisputeCategory,
    DisputeStatus,
    Employment,
    Grid,
    Household,
    Meeting,
    MeetingKind,
    PartnerUnit,
    Party,
    PartyMember,
    PartyMemberCategory,
    Registration,
    RequestEvent,
    RequestEventKind,
    RequestStatus,
    Resident,
    ServiceItem,
    ServiceRequest,
    Sex,
    Staff,
    StaffRole,
    TimeLimit,
    TimeUnit,
    Visit,
    VisitOutcome,
    id_number_check_char,
)

# -- communities ----------------------------------------------------------------------------


def community(
    id: str = "c",
    *,
    name: str | None = None,
    town: str = "示例镇",
    kind: CommunityKind = CommunityKind.ORDINARY,
    households: int = 100,
    residents: int = 300,
    **fields: Any,
) -> Community:
    """A community of 100 households and 300 residents, named ``"{id}社区"``."""
    return Community(
        id=id,
        name=f"{id}社区" if name is None else name,
        town=town,
        kind=kind,
        households=households,
        residents=residents,
        **fields,
    )


def community_1200(**fields: Any) -> Community:
    """万和社区 (``c1``): an ordinary community of 1,200 households and 3,000 residents,
    inside the 2025 law's 1,000–3,000 households."""
    base: dict[str, Any] = {"id": "c1", "name": "万和社区", "town": "平地泉镇"}
    return community(**{**base, "households": 1200, "residents": 3000, **fields})


def community_10000(**fields: Any) -> Community:
    """万和社区 (``c1``) as a showcase of 1,000 households and 10,000 residents: one worker
    is one per 10,000 residents."""
    base: dict[str, Any] = {"id": "c1", "name": "万和社区", "town": "平地泉镇"}
    return community(
        **{**base, "kind": CommunityKind.SHOWCASE, "households": 1000, "residents": 10000, **fields}
    )


def showcase_community(**fields: Any) -> Community:
    """万和社区 (``c1``) as a showcase of 1,200 households and 3,400 residents."""
    base: dict[str, Any] = {"id": "c1", "name": "万和社区", "town": "平地泉镇"}
    return community(
        **{**base, "kind": CommunityKind.SHOWCASE, "households": 1200, "residents": 3400, **fields}
    )


def community_with_area(households: int, area: float | None) -> Community:
    """东风社区 (``c1``) of ``households`` households, three residents each, and ``area`` m²
    of facilities (None: not recorded)."""
    return Community(
        id="c1",
        name="东风社区",
        town="镇",
        kind=CommunityKind.ORDINARY,
        households=households,
        residents=3 * households,
        facility_area_m2=area,
    )


def empty_community(id: str) -> Community:
    """A community in 城关镇 with no households or residents recorded."""
    return community(id, town="城关镇", households=0, residents=0)


# -- the community ``c`` of the scorecard's examples ---------------------------------------


def staff(
    id: str,
    role: StaffRole = StaffRole.COMMITTEE_MEMBER,
    employment: Employment = Employment.TWO_COMMITTEES,
    community_id: str = "c",
    **fields: Any,
) -> Staff:
    """A member of staff of ``c`` with both insurances (两金): a committee member unless
    ``role`` says otherwise."""
    return Staff(
        id=id,
        community_id=community_id,
        name="甲",
        role=role,
        employment=employment,
        pension_insured=True,
        unemployment_insured=True,
        **fields,
    )


def committee(n: int) -> list[Staff]:
    """``n`` committee members of ``c`` (``m0``, ``m1`` ...), insured."""
    return [staff(f"m{i}") for i in range(n)]


def uninsured_committee() -> tuple[Staff, ...]:
    """Five committee members of ``c`` (``m0`` to ``m4``), their insurance not recorded."""
    return tuple(
        Staff(
            id=f"m{i}",
            community_id="c",
            name="甲",
            role=StaffRole.COMMITTEE_MEMBER,
            employment=Employment.TWO_COMMITTEES,
        )
        for i in range(5)
    )


#: The one household of ``c``.
HOME = Household(id="h", community_id="c", address="示例路1号")


def resident(
    id: str, *kinds: AttentionKind, since: dt.date = dt.date(2017, 1, 1), **fields: Any
) -> Resident:
    """A resident of ``c`` living in :data:`HOME`, with an attention of each kind given,
    all since ``since`` (1 January 2017)."""
    attentions = tuple(Attention(kind=k, since=since) for k in kinds)
    return Resident(
        id=id, community_id="c", household_id="h", name="丙", attentions=attentions, **fields
    )


def visit(
    id: str,
    resident_id: str,
    on: dt.date,
    *reasons: AttentionKind,
    outcome: VisitOutcome = VisitOutcome.MET,
) -> Visit:
    """A visit by ``m0`` (a committee member of ``c``) for ``reasons``, met unless told."""
    return Visit(
        id=id,
        resident_id=resident_id,
        visitor_id="m0",
        visited_on=on,
        reasons=reasons,
        outcome=outcome,
    )


def party_member(id: str, category: PartyMemberCategory, **fields: Any) -> PartyMember:
    """A party member of ``c``."""
    return PartyMember(id=id, community_id="c", name="乙", category=category, **fields)


def people(*residents: Resident, visits: tuple[Visit, ...] = (), **collections: Any) -> Dataset:
    """``c`` with its committee of five (insured), :data:`HOME`, and the residents, visits
    and other collections given."""
    return Dataset(
        communities=(community(),),
        staff=tuple(committee(5)),
        households=(HOME,),
        residents=residents,
        visits=visits,
        **collections,
    )


def people_with_uninsured_committee(*residents: Resident) -> Dataset:
    """``c`` with :func:`uninsured_committee`, :data:`HOME` and the residents given."""
    return Dataset(
        communities=(community(),),
        staff=uninsured_committee(),
        households=(HOME,),
        residents=residents,
    )


def period_banner() -> Dataset:
    """``c`` with a visit, a dispute, a request and a partner unit on each side of the
    scorecard's period of 2017: on 1 January 2017, on 31 December 2017 (``as_of``), and
    just outside it (31 December 2016, 1 January 2018)."""
    jan_1, as_of, early = dt.date(2017, 1, 1), dt.date(2017, 12, 31), dt.date(2016, 12, 31)

    def floating_visit(vid: str, rid: str, on: dt.date) -> Visit:
        return Visit(
            id=vid,
            resident_id=rid,
            visitor_id="s",
            visited_on=on,
            reasons=frozenset(),
            outcome=VisitOutcome.MET,
        )

    def case(kid: str, on: dt.date) -> DisputeCase:
        return DisputeCase(
            id=kid,
            community_id="c",
            category=DisputeCategory.NEIGHBOUR,
            parties=(Party(name="甲"), Party(name="乙")),
            received_on=on,
            status=DisputeStatus.RECEIVED,
        )

    return Dataset(
        communities=(community(town="镇"),),
        households=(Household(id="h", community_id="c", address="一号"),),
        staff=(
            Staff(
                id="s",
                community_id="c",
                name="网格员",
                role=StaffRole.GRID_WORKER,
                employment=Employment.CONTRACTED,
            ),
        ),
        residents=tuple(
            Resident(
                id=f"F{i}",
                community_id="c",
                household_id="h",
                name="流动",
                registration=Registration.FLOATING,
            )
            for i in range(4)
        ),
        visits=(
            floating_visit("v1", "F1", jan_1),
            floating_visit("v2", "F2", as_of),
            floating_visit("v3", "F3", early),
        ),
        service_items=(
            ServiceItem(
                id="I", name="证明", time_limit=TimeLimit(amount=5, unit=TimeUnit.WORKING_DAYS)
            ),
        ),
        service_requests=(
            ServiceRequest(
                id="r1",
                item_id="I",
                community_id="c",
                received_on=jan_1,
                status=RequestStatus.IN_PROGRESS,
                resident_id="F3",
            ),
        ),
        dispute_cases=(case("k1", jan_1), case("k2", as_of), case("k3", early)),
        partner_units=(
            PartnerUnit(id="u1", name="单位", community_ids=frozenset({"c"}), since=as_of),
            PartnerUnit(
                id="u2", name="单位2", community_ids=frozenset({"c"}), since=dt.date(2018, 1, 1)
            ),
        ),
    )


# -- the town of the visiting rules (community C1) ------------------------------------------


def person(
    rid: str, *attentions: Attention, household: str = "H1", community: str = "C1"
) -> Resident:
    """张三, a resident of ``C1`` in household ``H1``, with the attentions given."""
    return Resident(
        id=rid, community_id=community, household_id=household, name="张三", attentions=attentions
    )


def worker(sid: str, community: str = "C1") -> Staff:
    """李四, a contracted grid worker of ``C1``."""
    return Staff(
        id=sid,
        community_id=community,
        name="李四",
        role=StaffRole.GRID_WORKER,
        employment=Employment.CONTRACTED,
    )


def town(*residents: Resident, staff: tuple[Staff, ...] = ()) -> Dataset:
    """``C1`` (grids ``G1``, worked by ``W``, and ``G2``; households ``H1`` and ``H2``) and
    ``C2``, with the residents given; the staff are the grid workers ``W``, ``A``, ``B``
    of ``C1`` and ``Z`` of ``C2`` unless given."""
    c1 = Community(
        id="C1", name="一社区", town="镇", kind=CommunityKind.ORDINARY, households=2, residents=2
    )
    c2 = Community(
        id="C2", name="二社区", town="镇", kind=CommunityKind.ORDINARY, households=1, residents=1
    )
    return Dataset(
        communities=(c1, c2),
        grids=(
            Grid(id="G1", community_id="C1", name="一网格", households=1, worker_id="W"),
            Grid(id="G2", community_id="C1", name="二网格", households=1),
        ),
        households=(
            Household(id="H1", community_id="C1", grid_id="G1", address="一号"),
            Household(id="H2", community_id="C1", grid_id="G2", address="二号"),
        ),
        staff=staff or (worker("W"), worker("A"), worker("B"), worker("Z", community="C2")),
        residents=residents,
    )


# -- staff, requests, large datasets, calendars --------------------------------------------


def caseworker(i: int, employment: Employment = Employment.CONTRACTED, **fields: Any) -> Staff:
    """工作人员{i} (``s{i}``), a caseworker of ``c1``, contracted unless told."""
    base: dict[str, Any] = {
        "id": f"s{i}",
        "community_id": "c1",
        "name": f"工作人员{i}",
        "role": StaffRole.CASEWORKER,
        "employment": employment,
    }
    return Staff(**{**base, **fields})


def event(on: dt.date, kind: RequestEventKind, days: int | None = None) -> RequestEvent:
    """A request event; an extension of ``days`` is approved by ``S01``."""
    return RequestEvent(on=on, kind=kind, days=days, approved_by="S01" if days else None)


def residents_dataset(n: int) -> Dataset:
    """``n`` residents in households of four, every field of a resident used; each has an
    identity number of their own (up to 100,000 residents)."""
    residents = []
    for i in range(n):
        year, day = 1930 + i % 80, 1 + i % 28
        first17 = f"150926{year}03{day:02d}{(i + i // 14_000) % 1000:03d}"
        number = first17 + id_number_check_char(first17)
        residents.append(
            Resident(
                id=f"r{i:06d}",
                community_id="c1",
                household_id=f"h{i // 4}",
                name=f"居民·{i}",
                id_number=number,
                phone=f"13{8 + i % 2}{i:08d}" if i % 3 else f"0474-555{i % 100000:05d}",
                birth_date=dt.date(year, 3, day),
                sex=Sex.MALE if int(number[16]) % 2 else Sex.FEMALE,
                attentions=(Attention(kind=AttentionKind.LONELY_ELDER, since=dt.date(2020, 1, 1)),)
                if i % 20 == 0
                else (),
            )
        )
    return Dataset(
        communities=(
            Community(id="c1", name="示例社区", town="示例镇", kind=CommunityKind.ORDINARY,
                      households=(n + 3) // 4, residents=n),
        ),
        households=tuple(
            Household(id=f"h{i}", community_id="c1", address=f"{i}号") for i in range((n + 3) // 4)
        ),
        residents=tuple(residents),
    )  # fmt: skip


def calendar_2024(**fields: Any) -> WorkCalendar:
    """A WorkCalendar of 2024 alone: Monday 1 January off, Saturday 6 January worked."""
    args: dict[str, Any] = {
        "first_year": 2024,
        "last_year": 2024,
        "rest_days": [dt.date(2024, 1, 1)],
        "working_days": [dt.date(2024, 1, 6)],
        "source": "test",
    }
    return WorkCalendar(**{**args, **fields})


def service_request(
    rid: str,
    received: dt.date,
    *events: RequestEvent,
    status: RequestStatus = RequestStatus.IN_PROGRESS,
    completed_on: dt.date | None = None,
    community: str = "A",
) -> ServiceRequest:
    """A request for item ``I1`` of community ``A`` (the SLA tests' service hall)."""
    return ServiceRequest(
        id=rid,
        item_id="I1",
        community_id=community,
        received_on=received,
        status=status,
        completed_on=completed_on,
        events=events,
    )


def quorum_meeting(
    i: int, kind: MeetingKind, day: dt.date, present: int, decisions: tuple[str, ...]
) -> Meeting:
    """Meeting ``m<i>`` of community ``c1``: 30 entitled, ``present`` came."""
    return Meeting(
        id=f"m{i}",
        community_id="c1",
        kind=kind,
        held_on=day,
        entitled=30,
        present=present,
        topic="议题",
        decisions=decisions,
    )


# -- the turn of the year -------------------------------------------------------------------


def fictional_notice(year: int) -> str:
    """A notice for ``year`` made up for the tests (the holidays package does not carry
    it yet), as a TOML file's text; its title says what it is. 元旦 1月1日至3日 off, and
    the first Saturday after 10 January worked: a make-up day the statutory estimate
    lacks, so a calendar with the notice differs from the estimate on that day."""
    saturday = dt.date(year, 1, 11)
    saturday += dt.timedelta(days=(5 - saturday.weekday()) % 7)
    return f"""\
year = {year}
title = "测试用：虚构的{year}年部分节假日安排"
number = "虚构，无文号"
address = "https://example.invalid/notice-{year}"

[[holidays]]
name = "元旦"
first = {year}-01-01
last = {year}-01-03
work = [{saturday.isoformat()}]
"""


def late_december(year: int) -> Dataset:
    """Community ``A``'s hall at the end of ``year`` (the last confirmed one, say): a
    10-working-day item, a request of 1 December (due mid-December, judged on confirmed
    days) and two received on 24 and 31 December (due in January of the next year)."""
    item = ServiceItem(
        id="I1", name="开具证明", time_limit=TimeLimit(amount=10, unit=TimeUnit.WORKING_DAYS)
    )
    return Dataset(
        communities=(empty_community("A"),),
        service_items=(item,),
        service_requests=(
            service_request("R1", dt.date(year, 12, 1)),
            service_request("R2", dt.date(year, 12, 24)),
            service_request("R3", dt.date(year, 12, 31)),
        ),
    )


def office_folder(folder: Path) -> Path:
    """A dataset folder holding community ``c1`` and two households (h1, h2) and no
    residents or grids file: ready for a roster (居民.csv) written as an office writes it."""
    from shequ_core.io import save_dataset

    home = community("c1", households=2, residents=9)
    households = tuple(
        Household(id=h, community_id="c1", address=f"幸福路{i}号")
        for i, h in enumerate(["h1", "h2"])
    )
    save_dataset(Dataset(communities=(home,), households=households), folder, format="csv")
    for name in ("residents.csv", "grids.csv"):
        (folder / name).unlink()
    return folder


#: The generated city of the benchmarks, which the Dask tests compare on.
CITY_FILE = Path(__file__).resolve().parents[1] / "bench" / "city.py"


def bench_city() -> ModuleType:
    """``bench/city.py``, loaded once by its path (``bench`` is not a package). The
    conftest loads it before any test draws: Hypothesis draws literals of every local
    module loaded so far, so one that loaded with the Dask tests would change the
    examples of the tests that ran after them on that worker."""
    name = "shequ_bench_city"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, CITY_FILE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module

"""Generate the sample banner 察右前旗 (Chahar Right Front Banner) as shequ_core data.

    .venv/bin/python scripts/make_chayouqianqi.py            # rewrite the shipped file
    .venv/bin/python scripts/make_chayouqianqi.py --out X    # write elsewhere

The output, ``src/shequ_core/datasets/chayouqianqi.json``, is what
:func:`shequ_core.datasets.load_chayouqianqi` loads. The script is seeded
(``random.Random(SEED)``), draws in a fixed order and iterates over nothing unordered,
so it regenerates the file byte for byte; a test checks that it does.

What comes from the article (乌兰察布文明网, 2018-01-11, ``shared/seed/``): 10
communities, 8 in 土贵乌拉镇 and 2 built in 2014 (万和社区 in 平地泉镇, 东风社区 in
玫瑰营镇); 136 staff = 81 community workers (21 statutory two-committee members, 60
seconded from agencies) + 55 public-welfare posts; 16 graduates placed; 8 secretaries
recruited openly; secretaries' and deputies' mean age 37, 85 % with junior college or
more; 100,000 CNY party-building and 20,000 CNY office funds per community a year;
workers' mean monthly wage 3,089 CNY; service halls of 150 m² or more with 六室两中心 in
the 8 older communities; 60+ partner units paired with those 8; 8 volunteer teams, 8
joint-defence groups, 8 mediation committees, 10+ culture and sports teams; 25
floating party members; 67 disputes resolved; 383 service requests completed.

What is invented (the article gives no figure): the names of the 8 communities of
土贵乌拉镇, all household and resident counts, grids, areas, the two 2014 communities'
shortfalls (a smaller hall, missing rooms, no mediation committee), wages other than
their mean, every date, the service catalogue and its time limits, the backlog at the
end of 2017, visits, meetings, volunteers and party members. **All persons are
invented**: names are one of the first 24 surnames of 百家姓 and two characters of the
opening of 千字文, a pattern no registry follows; identity numbers carry 察右前旗's
address code 150926, a birth date and sex that match the record, and a valid GB 11643
check character, but are drawn at random, so any match with a real number is chance;
phone numbers are landlines 0474-555xxxxx: eight-digit subscriber numbers where, as far
as we know, Ulanqab's (0474) have seven, so that none should reach a real line (the
mainland plan reserves no fictional range). Addresses are invented. Only a sample of each
community's households and residents (about 4 %) is shipped; ``Community.households``
and ``Community.residents`` hold plausible full counts for towns of this size.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

import attrs

from shequ_core.calendar import china_calendar
from shequ_core.entities import (
    Attention,
    AttentionKind,
    CaseEvent,
    CaseEventKind,
    Channel,
    Community,
    CommunityKind,
    Dataset,
    DisputeCase,
    DisputeCategory,
    DisputeStatus,
    Education,
    Employment,
    FacilityKind,
    Grid,
    Household,
    IdNumber,
    Meeting,
    MeetingKind,
    PartnerUnit,
    Party,
    PartyMember,
    PartyMemberCategory,
    PhoneNumber,
    Registration,
    RequestEvent,
    RequestEventKind,
    RequestStatus,
    Resident,
    RiskLevel,
    Satisfaction,
    ServiceItem,
    ServiceRequest,
    Sex,
    Staff,
    StaffRole,
    TeamKind,
    TimeLimit,
    TimeUnit,
    Urgency,
    Visit,
    VisitOutcome,
    Volunteer,
    VolunteerTeam,
    id_number_check_char,
)

__all__ = ["AS_OF", "DEFAULT_OUT", "SEED", "build", "main", "render"]

#: The seed: the article's publication date.
SEED = 20180111
#: The banner's own date: every record is dated on or before it.
AS_OF = dt.date(2017, 12, 31)
#: Where the shipped file lives.
DEFAULT_OUT = (
    Path(__file__).resolve().parent.parent / "src" / "shequ_core" / "datasets" / "chayouqianqi.json"
)

_D = dt.date
_REGION = "150926"  # 察右前旗
_AREA_CODE = "0474"  # 乌兰察布
_SURNAMES = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张"  # 百家姓, first 24
_GIVEN = "天地玄黄宇宙洪荒日月盈昃辰宿列张寒来暑往秋收冬藏闰余成岁律吕调阳云腾致雨"  # 千字文

# -- the communities --------------------------------------------------------------------
# id, name, town, kind, established, households, residents, hall m², facility m²,
# rooms missing. The article names only 万和 and 东风; the rest is invented.
_SHOWCASE, _OLD, _CENTRAL, _ORDINARY = (
    CommunityKind.SHOWCASE,
    CommunityKind.OLD_TOWN,
    CommunityKind.CENTRAL_TOWN,
    CommunityKind.ORDINARY,
)
_TGWL = "土贵乌拉镇"
# The 2014 communities' venues lack rooms: no police room; no youth room, no health station.
_C09 = (FacilityKind.POLICE_ROOM,)
_C10 = (FacilityKind.YOUTH_ROOM, FacilityKind.HEALTH_STATION)


class _Spec(NamedTuple):
    id: str
    name: str
    town: str
    kind: CommunityKind
    established: dt.date
    households: int
    residents: int
    hall_m2: float
    area_m2: float
    missing: tuple[FacilityKind, ...]


_COMMUNITIES = tuple(
    _Spec(*row)
    for row in (
        ("C01", "文华社区", _TGWL, _SHOWCASE, _D(2001, 6, 18), 2650, 6920, 260.0, 980.0, ()),
        ("C02", "新城社区", _TGWL, _SHOWCASE, _D(2001, 6, 18), 2380, 6150, 220.0, 860.0, ()),
        ("C03", "团结社区", _TGWL, _OLD, _D(2002, 5, 10), 2140, 5480, 180.0, 620.0, ()),
        ("C04", "和平社区", _TGWL, _OLD, _D(2003, 4, 8), 1960, 5030, 165.0, 560.0, ()),
        ("C05", "光明社区", _TGWL, _OLD, _D(2004, 9, 1), 1820, 4700, 158.0, 530.0, ()),
        ("C06", "富民社区", _TGWL, _OLD, _D(2005, 7, 15), 1540, 3980, 152.0, 470.0, ()),
        ("C07", "兴华社区", _TGWL, _ORDINARY, _D(2006, 8, 21), 1710, 4420, 170.0, 540.0, ()),
        ("C08", "康宁社区", _TGWL, _ORDINARY, _D(2007, 6, 12), 1380, 3560, 150.0, 430.0, ()),
        ("C09", "万和社区", "平地泉镇", _CENTRAL, _D(2014, 7, 1), 1260, 3240, 160.0, 390.0, _C09),
        ("C10", "东风社区", "玫瑰营镇", _CENTRAL, _D(2014, 9, 1), 980, 2530, 120.0, 260.0, _C10),
    )
)
_OLDER = 8  # the first 8 (土贵乌拉镇) have the article's halls, teams and partners

# -- staff: 21 two-committee + 60 seconded + 55 public-welfare = 136 ----------------------
# Secretaries and deputies: age on AS_OF and education. Mean (408 + 326) / 20 = 36.7,
# which rounds to the article's 37; 17 of 20 college-educated (one deputy's education is
# not on record and counts as not college): the article's 85 %.
_JC, _BA, _SS = Education.JUNIOR_COLLEGE, Education.BACHELOR, Education.SENIOR_SECONDARY
_SECRETARY_AGES = (41, 38, 45, 36, 43, 39, 47, 40, 44, 35)
_SECRETARY_EDU = (_BA, _BA, _SS, _JC, _BA, _JC, _SS, _BA, _JC, _BA)
_DEPUTY_AGES = (29, 33, 31, 36, 28, 34, 30, 38, 32, 35)
_DEPUTY_EDU: tuple[Education | None, ...] = (_BA, _JC, _BA, _BA, _BA, _JC, _BA, None, _BA, _JC)
_DEPUTY_GRADUATE = (True, True, False, True, True, False, True, False, True, False)  # 6
_SECONDED_OTHERS = (7, 6, 6, 5, 5, 4, 5, 4, 4, 4)  # 50, one graduate in each: 10
# Of them, residents' committee members (委员): with the director (and C01's deputy
# director) a committee of 5-6, except C04 and the two 2014 communities, which are short.
_COMMITTEE_MEMBERS = (4, 4, 4, 3, 4, 4, 4, 4, 2, 2)
_PUBLIC_WELFARE = (7, 7, 6, 6, 5, 5, 5, 5, 5, 4)  # 55
_MEAN_WAGE = 3089  # community workers' mean monthly wage
_GRIDLESS = frozenset({"C03", "C10"})  # one grid without a responsible worker

# -- teams (8 volunteer, 8 joint-defence, 8 mediation in the older 8; 12 culture) --------
_CULTURE_TEAMS = (2, 2, 1, 1, 1, 1, 1, 1, 1, 1)
_CULTURE_NAMES = ("秧歌队", "文艺演唱队", "健身舞蹈队", "扇子舞蹈队", "社区健身队")
_FLOATING_PARTY = (4, 3, 3, 3, 3, 2, 3, 2, 1, 1)  # 25

# -- disputes: 67 resolved, 6 failed (4 referred), 3 withdrawn, 5 open at the year's end -
_RESOLVED = 67

# -- service: 383 completed; open, cancelled and complained-of requests ------------------
_COMPLETED = 383
_WD, _ND = TimeUnit.WORKING_DAYS, TimeUnit.NATURAL_DAYS
_HALL, _PROXY, _LINE, _HOME = Channel.HALL, Channel.PROXY_POINT, Channel.HOTLINE, Channel.HOME_VISIT
# id, name, limit, unit, channels, weight
_ITEMS: tuple[tuple[str, str, int, TimeUnit, tuple[Channel, ...], int], ...] = (
    ("SI01", "居住证明开具", 1, _WD, (_HALL, _PROXY), 14),
    ("SI02", "流动人口居住登记", 3, _WD, (_HALL, _PROXY), 8),
    ("SI03", "就业失业登记", 5, _WD, (_HALL,), 9),
    ("SI04", "城乡低保申请受理", 10, _WD, (_HALL, _HOME), 7),
    ("SI05", "临时救助申请", 10, _WD, (_HALL, _HOME), 4),
    ("SI06", "高龄津贴申领", 15, _WD, (_HALL, _PROXY, _HOME), 6),
    ("SI07", "老年优待证办理", 7, _WD, (_HALL, _PROXY), 7),
    ("SI08", "残疾人证申领代办", 20, _WD, (_HALL, _PROXY), 3),
    ("SI09", "计划生育服务证明", 3, _WD, (_HALL,), 8),
    ("SI10", "城乡居民医保参保登记", 5, _WD, (_HALL, _PROXY), 12),
    ("SI11", "党员组织关系转接", 5, _WD, (_HALL,), 3),
    ("SI12", "房屋维修协调", 15, _ND, (_LINE, _HOME), 6),
    ("SI13", "家政服务预约", 3, _ND, (_LINE,), 5),
)

_STREETS = (
    "迎宾路",
    "建设街",
    "团结路",
    "文化街",
    "新华路",
    "富强街",
    "光明路",
    "和平街",
    "育才路",
    "长青街",
    "振兴路",
    "友谊街",
)
_SKILLS = ("理发", "家电维修", "法律咨询", "医疗护理", "文艺", "心理疏导", "助老", "治安巡逻")
_PARTNERS = (
    "旗委组织部",
    "旗委宣传部",
    "旗委统战部",
    "旗委政法委",
    "旗纪委",
    "旗人大办公室",
    "旗政协办公室",
    "旗政府办公室",
    "旗发展和改革局",
    "旗财政局",
    "旗教育局",
    "旗卫生和计划生育局",
    "旗民政局",
    "旗人力资源和社会保障局",
    "旗公安局",
    "旗司法局",
    "旗住房和城乡建设局",
    "旗国土资源局",
    "旗环境保护局",
    "旗交通运输局",
    "旗农牧业局",
    "旗水务局",
    "旗林业局",
    "旗审计局",
    "旗统计局",
    "旗市场监督管理局",
    "旗文化新闻出版广电局",
    "旗体育局",
    "旗粮食局",
    "旗信访局",
    "旗总工会",
    "团旗委",
    "旗妇联",
    "旗残联",
    "旗科协",
    "旗人民法院",
    "旗人民检察院",
    "旗人民医院",
    "旗蒙医医院",
    "旗妇幼保健院",
    "旗疾病预防控制中心",
    "旗第一中学",
    "旗第二中学",
    "旗第一小学",
    "旗第二小学",
    "旗第三小学",
    "旗职业中学",
    "旗第一幼儿园",
    "旗消防大队",
    "旗供电分公司",
    "旗邮政分公司",
    "旗广播电视台",
    "旗气象局",
    "旗国家税务局",
    "旗地方税务局",
    "旗民族宗教事务局",
    "旗档案局",
    "旗委党校",
    "旗老干部局",
    "旗城市管理综合执法局",
    "旗农村信用合作联社",
    "旗自来水公司",
    "旗供热公司",
)  # 63, paired with the older 8
_PARTNERS_NEW = (
    ("平地泉镇中心卫生院", "C09"),
    ("平地泉镇中心校", "C09"),
    ("玫瑰营镇中心校", "C10"),
)
_TOPICS = (
    ("小区停车管理", "划定停车位", "成立停车自治小组"),
    ("老旧小区改造", "征集居民意见", "报送改造需求清单"),
    ("冬季供暖", "设立供暖问题登记点", "协调供热公司入户检查"),
    ("楼院环境卫生", "每月第一个周六集中清扫", "设立楼长责任制"),
    ("社区养老服务", "扩大老年日照中心服务", "组建助老志愿服务队"),
    ("社区居务公开", "每季度公开一次居务", "设立意见箱"),
    ("低保评议", "通过低保评议名单", "公示七日"),
    ("平安建设", "增加夜间巡逻", "楼院安装照明"),
)


class _Builder:
    """Draws every record in a fixed order from one seeded generator."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.cal = china_calendar()
        self.id_numbers: set[str] = set()
        self.phones: set[str] = set()

    # -- small draws -------------------------------------------------------------------

    def name(self) -> str:
        r = self.rng
        return r.choice(_SURNAMES) + r.choice(_GIVEN) + r.choice(_GIVEN)

    def day(self, start: dt.date, end: dt.date) -> dt.date:
        return start + dt.timedelta(days=self.rng.randint(0, (end - start).days))

    def workday(self, start: dt.date, end: dt.date) -> dt.date:
        """A working day in ``start..end`` (the last one on or before ``end`` if need be)."""
        d = self.day(start, end)
        if not self.cal.is_working_day(d):
            d = self.cal.next_working_day(d)
        if d > end:
            d = self.cal.previous_working_day(end + dt.timedelta(days=1))
        return d

    def birth(self, age: int) -> dt.date:
        """A birth date giving ``age`` completed years on AS_OF (31 December)."""
        year = AS_OF.year - age
        return self.day(_D(year, 1, 1), _D(year, 12, 31))

    def id_number(self, birth: dt.date, sex: Sex) -> IdNumber:
        while True:
            seq = self.rng.randrange(1, 1000)
            if (seq % 2 == 1) != (sex is Sex.MALE):
                seq = seq + 1 if seq < 999 else seq - 1
            first17 = f"{_REGION}{birth:%Y%m%d}{seq:03d}"
            if first17 not in self.id_numbers:
                self.id_numbers.add(first17)
                return IdNumber(first17 + id_number_check_char(first17))

    def phone(self) -> PhoneNumber:
        while True:
            text = f"{_AREA_CODE}555{self.rng.randrange(100000):05d}"
            if text not in self.phones:
                self.phones.add(text)
                return PhoneNumber(text)

    def sex(self) -> Sex:
        return Sex.MALE if self.rng.random() < 0.5 else Sex.FEMALE


def _years_after(d: dt.date, years: int) -> dt.date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def _spread(total: int, parts: int, rng: random.Random, jitter: float = 0.25) -> list[int]:
    """``parts`` positive counts summing to ``total``, roughly equal."""
    weights = [1.0 + rng.uniform(-jitter, jitter) for _ in range(parts)]
    s = sum(weights)
    counts = [max(1, int(total * w / s)) for w in weights]
    counts[-1] += total - sum(counts)
    return counts


# -- the build, collection by collection --------------------------------------------------


def _communities() -> list[Community]:
    every = frozenset(FacilityKind)
    return [
        Community(
            id=cid,
            name=name,
            town=town,
            kind=kind,
            households=hh,
            residents=res,
            established_on=est,
            service_hall_area_m2=hall,
            facility_area_m2=area,
            facilities=every - frozenset(missing),
            yearly_party_building_funds=Decimal(100000),
            yearly_office_funds=Decimal(20000),
        )
        for cid, name, town, kind, est, hh, res, hall, area, missing in _COMMUNITIES
    ]


def _staff(b: _Builder) -> list[Staff]:
    r = b.rng
    out: list[Staff] = []

    def person(
        cid: str,
        n: int,
        role: StaffRole,
        employment: Employment,
        age: int,
        education: Education | None,
        *,
        graduate: bool = False,
        openly: bool = False,
        hired: dt.date,
        wage: int,
        pension: bool = True,
        unemployment: bool = True,
    ) -> Staff:
        sex = b.sex()
        birth = b.birth(age)
        return Staff(
            id=f"{cid}-S{n:02d}",
            community_id=cid,
            name=b.name(),
            role=role,
            employment=employment,
            birth_date=birth,
            sex=sex,
            education=education,
            is_graduate_placement=graduate,
            recruited_openly=openly,
            hired_on=max(hired, _years_after(birth, 20)),
            monthly_wage=Decimal(wage),
            pension_insured=pension,
            unemployment_insured=unemployment,
            phone=b.phone(),
            id_number=b.id_number(birth, sex),
        )

    for i, c in enumerate(_COMMUNITIES):
        cid, est = c.id, c.established
        older = i < _OLDER
        start = max(est, _D(2008, 1, 1))
        n = 1
        # 书记: two-committee; the older 8 recruited openly (公开选拔).
        out.append(
            person(
                cid,
                n,
                StaffRole.PARTY_SECRETARY,
                Employment.TWO_COMMITTEES,
                _SECRETARY_AGES[i],
                _SECRETARY_EDU[i],
                openly=older,
                hired=b.day(start, _D(2014, 12, 31)) if older else b.day(est, _D(2015, 6, 30)),
                wage=r.randrange(3600, 4200, 10),
                unemployment=i != 9,
            )
        )
        n += 1
        # 副书记: seconded from an agency (下派), several of them placed graduates.
        out.append(
            person(
                cid,
                n,
                StaffRole.DEPUTY_PARTY_SECRETARY,
                Employment.SECONDED,
                _DEPUTY_AGES[i],
                _DEPUTY_EDU[i],
                graduate=_DEPUTY_GRADUATE[i],
                hired=b.day(max(est, _D(2010, 1, 1)), _D(2016, 12, 31)),
                wage=r.randrange(3100, 3500, 10),
            )
        )
        n += 1
        # 居委会主任: two-committee.
        out.append(
            person(
                cid,
                n,
                StaffRole.DIRECTOR,
                Employment.TWO_COMMITTEES,
                r.randint(40, 56),
                r.choice((_SS, _JC, _JC, _BA)),
                hired=b.day(est, _D(2015, 6, 30)),
                wage=r.randrange(3300, 3700, 10),
                pension=i != 9,
                unemployment=i not in (8, 9),
            )
        )
        n += 1
        if i == 0:  # the 21st two-committee member
            out.append(
                person(
                    cid,
                    n,
                    StaffRole.DEPUTY_DIRECTOR,
                    Employment.TWO_COMMITTEES,
                    r.randint(35, 50),
                    _JC,
                    hired=b.day(est, _D(2015, 6, 30)),
                    wage=r.randrange(3000, 3300, 10),
                )
            )
            n += 1
        # Seconded staff: committee members, then caseworkers (社区专干); the third of
        # each community is a placed graduate.
        for k in range(_SECONDED_OTHERS[i]):
            graduate = k == 2
            member = k < _COMMITTEE_MEMBERS[i]
            role = StaffRole.COMMITTEE_MEMBER if member else StaffRole.CASEWORKER
            out.append(
                person(
                    cid,
                    n,
                    role,
                    Employment.SECONDED,
                    r.randint(24, 31) if graduate else r.randint(28, 54),
                    r.choice((_JC, _BA)) if graduate else r.choice((_SS, _JC, _JC, _BA)),
                    graduate=graduate,
                    hired=b.day(max(est, _D(2009, 1, 1)), _D(2017, 9, 30)),
                    wage=r.randrange(2600, 3200, 10),
                )
            )
            n += 1
        # Public-welfare posts (公益性岗位): laid-off workers; grid workers first.
        for _ in range(_PUBLIC_WELFARE[i]):
            out.append(
                person(
                    cid,
                    n,
                    StaffRole.GRID_WORKER if r.random() < 0.6 else StaffRole.OTHER,
                    Employment.PUBLIC_WELFARE,
                    r.randint(40, 55),
                    r.choice((Education.JUNIOR_SECONDARY, _SS, _SS, None)),
                    hired=b.day(max(est, _D(2010, 1, 1)), _D(2017, 6, 30)),
                    wage=r.randrange(1640, 1900, 10),
                    unemployment=r.random() < 0.9,
                )
            )
            n += 1
    return _balance_wages(out)


def _balance_wages(staff: list[Staff]) -> list[Staff]:
    """Shift workers' wages by a yuan or two so that their mean is exactly 3,089 CNY."""
    workers = [i for i, s in enumerate(staff) if s.is_community_worker]
    total = sum(staff[i].monthly_wage or 0 for i in workers)
    diff = int(_MEAN_WAGE * len(workers) - total)
    step, rest = divmod(diff, len(workers))
    out = list(staff)
    for k, i in enumerate(workers):
        s = out[i]
        wage = (s.monthly_wage or Decimal(0)) + step + (1 if k < rest else 0)
        out[i] = attrs.evolve(s, monthly_wage=wage)
    return out


def _grids(b: _Builder, staff: Sequence[Staff]) -> list[Grid]:
    out: list[Grid] = []
    for c in _COMMUNITIES:
        cid, households = c.id, c.households
        count = -(-households // 420)
        sizes = _spread(households, count, b.rng)
        mine = [s for s in staff if s.community_id == cid]
        workers = [s.id for s in mine if s.role is StaffRole.GRID_WORKER]
        workers += [s.id for s in mine if s.role is StaffRole.CASEWORKER]
        for g, size in enumerate(sizes, 1):
            unassigned = cid in _GRIDLESS and g == count
            out.append(
                Grid(
                    id=f"{cid}-G{g:02d}",
                    community_id=cid,
                    name=f"第{g}网格",
                    households=size,
                    worker_id=None if unassigned else workers[(g - 1) % len(workers)],
                )
            )
    return out


_HOUSEHOLD_KINDS = (
    ("family", 45),
    ("three_generations", 10),
    ("elder_couple", 15),
    ("elder_single", 10),
    ("single", 10),
    ("young_couple", 10),
)


def _households_and_residents(
    b: _Builder, grids: Sequence[Grid]
) -> tuple[list[Household], list[Resident]]:
    r = b.rng
    households: list[Household] = []
    residents: list[Resident] = []
    kinds = [k for k, _ in _HOUSEHOLD_KINDS]
    weights = [w for _, w in _HOUSEHOLD_KINDS]
    for c in _COMMUNITIES:
        cid, town, est, total = c.id, c.town, c.established, c.households
        mine = [g for g in grids if g.community_id == cid]
        streets = r.sample(_STREETS, 3)
        for h in range(1, round(total * 0.04) + 1):
            grid = r.choices(mine, weights=[g.households for g in mine])[0]
            hid = f"{cid}-H{h:04d}"
            address = (
                f"{town}{r.choice(streets)}{r.randint(1, 40)}号楼"
                f"{r.randint(1, 6)}单元{r.randint(1, 6)}0{r.randint(1, 4)}"
            )
            households.append(Household(id=hid, community_id=cid, grid_id=grid.id, address=address))
            kind = r.choices(kinds, weights=weights)[0]
            floating = r.random() < 0.08
            ages: list[int] = []
            if kind in ("family", "three_generations"):
                parent = r.randint(28, 55)
                ages += [parent, parent + r.randint(-3, 4)]
                ages += [r.randint(0, min(20, parent - 20)) for _ in range(r.choice((0, 1, 1, 2)))]
                if kind == "three_generations":
                    ages += [parent + r.randint(24, 32), parent + r.randint(22, 30)]
            elif kind == "elder_couple":
                a = r.randint(62, 85)
                ages += [a, a + r.randint(-4, 4)]
            elif kind == "elder_single":
                ages.append(r.randint(65, 92))
            elif kind == "single":
                ages.append(r.randint(20, 50))
            else:
                a = r.randint(22, 35)
                ages += [a, a + r.randint(-3, 3)]
            first_sex = b.sex()
            for k, age in enumerate(ages):
                sex = first_sex if k != 1 else _other(first_sex)
                if k > 1:
                    sex = b.sex()
                birth = b.birth(age)
                attentions: list[Attention] = []
                if kind == "elder_single" and r.random() < 0.6:
                    attentions.append(_elder(b, AttentionKind.LONELY_ELDER, est))
                if kind == "elder_couple" and r.random() < 0.35:
                    attentions.append(_elder(b, AttentionKind.EMPTY_NEST_ELDER, est))
                residents.append(
                    Resident(
                        id=f"{cid}-R{len(residents) + 1:05d}",
                        community_id=cid,
                        household_id=hid,
                        name=b.name(),
                        id_number=b.id_number(birth, sex) if r.random() < 0.92 else None,
                        phone=b.phone() if age >= 18 and r.random() < 0.35 else None,
                        birth_date=birth,
                        sex=sex,
                        registration=Registration.FLOATING if floating else Registration.LOCAL,
                        attentions=tuple(attentions),
                    )
                )
    return households, residents


def _other(sex: Sex) -> Sex:
    return Sex.FEMALE if sex is Sex.MALE else Sex.MALE


def _elder(b: _Builder, kind: AttentionKind, established: dt.date) -> Attention:
    since = b.day(max(established, _D(2012, 1, 1)), _D(2017, 10, 31))
    risk = RiskLevel.HIGH if b.rng.random() < 0.1 else RiskLevel.MEDIUM
    return Attention(kind=kind, since=since, risk=risk)


def _age(birth: dt.date | None) -> int:
    assert birth is not None
    return AS_OF.year - birth.year


def _add_attentions(b: _Builder, residents: list[Resident]) -> list[Resident]:
    """The must-visit groups, correction, hardship and disability, a few per community."""
    r = b.rng
    extra: dict[str, list[Attention]] = {}
    high, med, low = RiskLevel.HIGH, RiskLevel.MEDIUM, RiskLevel.LOW

    def pick(pool: list[Resident], k: int) -> list[Resident]:
        free = [p for p in pool if p.id not in extra]
        return r.sample(free, min(k, len(free)))

    for c in _COMMUNITIES:
        cid, est = c.id, c.established
        start = max(est, _D(2013, 1, 1))
        mine = [p for p in residents if p.community_id == cid]
        men = [p for p in mine if p.sex is Sex.MALE and 22 <= _age(p.birth_date) <= 58]
        adults = [p for p in mine if 35 <= _age(p.birth_date) <= 72]
        youth = [p for p in mine if 15 <= _age(p.birth_date) <= 24]
        pupils = [p for p in mine if 12 <= _age(p.birth_date) <= 16]
        for p in pick(men, r.randint(1, 3)):
            since = b.day(start, _D(2017, 11, 30))
            risk = r.choice((high, med, med, low))
            extra[p.id] = [Attention(kind=AttentionKind.RELEASED_PRISONER, since=since, risk=risk)]
        for p in pick(men, r.randint(0, 1)):
            since = b.day(_D(2016, 1, 1), _D(2017, 10, 31))
            until = _years_after(since, r.randint(1, 3))
            extra[p.id] = [
                Attention(kind=AttentionKind.COMMUNITY_CORRECTION, since=since, until=until)
            ]
        for p in pick(adults, r.randint(0, 2)):
            since = b.day(start, _D(2017, 9, 30))
            risk = r.choice((high, med))
            extra[p.id] = [Attention(kind=AttentionKind.PETITIONER, since=since, risk=risk)]
        for p in pick(youth, r.randint(1, 2)):
            since = b.day(_D(2016, 1, 1), _D(2017, 11, 30))
            extra[p.id] = [Attention(kind=AttentionKind.AT_RISK_YOUTH, since=since)]
        for p in pick(pupils, r.randint(0, 1)):
            since = b.day(_D(2017, 3, 1), _D(2017, 11, 15))
            extra[p.id] = [Attention(kind=AttentionKind.SCHOOL_DROPOUT, since=since, risk=high)]
        heads: dict[str, Resident] = {}
        for p in mine:
            heads.setdefault(p.household_id, p)
        for p in pick(list(heads.values()), max(1, round(len(heads) * 0.04))):
            since = b.day(start, _D(2017, 10, 31))
            extra[p.id] = [Attention(kind=AttentionKind.HARDSHIP_FAMILY, since=since)]
        for p in pick(mine, max(1, round(len(mine) * 0.02))):
            since = b.day(_D(2010, 1, 1), _D(2017, 6, 30))
            extra[p.id] = [Attention(kind=AttentionKind.DISABLED, since=since, risk=low)]
    return [_attend(p, extra[p.id]) if p.id in extra else p for p in residents]


def _attend(record: Resident, more: Sequence[Attention]) -> Resident:
    return attrs.evolve(record, attentions=record.attentions + tuple(more))


def _teams() -> list[VolunteerTeam]:
    out: list[VolunteerTeam] = []
    for i, c in enumerate(_COMMUNITIES):
        cid, short = c.id, c.name.removesuffix("社区")
        kinds: list[tuple[TeamKind, str]] = []
        if i < _OLDER:
            kinds += [
                (TeamKind.VOLUNTEER, f"{short}社区志愿者服务队"),
                (TeamKind.SAFETY_PATROL, f"{short}社区群防群治队"),
                (TeamKind.MEDIATION, f"{short}社区人民调解委员会"),
            ]
        kinds += [
            (TeamKind.CULTURE_SPORTS, f"{short}社区{_CULTURE_NAMES[(i + k) % 5]}")
            for k in range(_CULTURE_TEAMS[i])
        ]
        out += [
            VolunteerTeam(id=f"{cid}-T{k:02d}", community_id=cid, name=name, kind=kind)
            for k, (kind, name) in enumerate(kinds, 1)
        ]
    return out


def _volunteers(b: _Builder, teams: Sequence[VolunteerTeam]) -> list[Volunteer]:
    r = b.rng
    out: list[Volunteer] = []
    for c in _COMMUNITIES:
        cid, est, people = c.id, c.established, c.residents
        mine = [t for t in teams if t.community_id == cid]
        for k in range(1, people // 150 + 1):
            team = r.choice([*mine, *mine, None])
            skills = frozenset(r.sample(_SKILLS, r.choice((0, 1, 1, 2))))
            out.append(
                Volunteer(
                    id=f"{cid}-V{k:03d}",
                    community_id=cid,
                    name=b.name(),
                    registered_on=b.day(max(est, _D(2012, 3, 5)), _D(2017, 12, 5)),
                    team_id=team.id if team else None,
                    is_party_member=r.random() < 0.3,
                    service_hours=r.randrange(0, 800) / 2,
                    skills=skills,
                )
            )
    return out


def _partner_units(b: _Builder) -> list[PartnerUnit]:
    r = b.rng
    older = [c.id for c in _COMMUNITIES[:_OLDER]]
    out: list[PartnerUnit] = []
    for k, name in enumerate(_PARTNERS, 1):
        ids = frozenset(r.sample(older, r.choice((1, 1, 1, 2, 3))))
        out.append(
            PartnerUnit(
                id=f"PU{k:02d}",
                name=name,
                community_ids=ids,
                since=b.day(_D(2010, 3, 1), _D(2016, 12, 31)),
            )
        )
    for k, (name, cid) in enumerate(_PARTNERS_NEW, len(_PARTNERS) + 1):
        since = b.day(_D(2015, 1, 1), _D(2017, 6, 30))
        out.append(PartnerUnit(id=f"PU{k:02d}", name=name, community_ids={cid}, since=since))
    return out


def _party_members(
    b: _Builder, residents: Sequence[Resident], partners: Sequence[PartnerUnit]
) -> list[PartyMember]:
    r = b.rng
    out: list[PartyMember] = []
    linked: set[str] = set()
    for i, c in enumerate(_COMMUNITIES):
        cid, est, people = c.id, c.established, c.residents
        units = [u.name for u in partners if cid in u.community_ids] or ["旗直机关"]
        mine = [p for p in residents if p.community_id == cid]
        cats = [PartyMemberCategory.FLOATING] * _FLOATING_PARTY[i]
        rest = people // 110 - len(cats)
        cats += r.choices(
            (
                PartyMemberCategory.RESIDENT,
                PartyMemberCategory.RETIRED,
                PartyMemberCategory.EMPLOYED,
            ),
            weights=(33, 42, 25),
            k=rest,
        )
        for k, cat in enumerate(cats, 1):
            resident: Resident | None = None
            if cat in (PartyMemberCategory.RESIDENT, PartyMemberCategory.RETIRED):
                low = 60 if cat is PartyMemberCategory.RETIRED else 25
                pool = [p for p in mine if _age(p.birth_date) >= low and p.id not in linked]
                if pool and r.random() < 0.5:
                    resident = r.choice(pool)
                    linked.add(resident.id)
            employer: str | None = None
            reported: dt.date | None = None
            if cat is PartyMemberCategory.EMPLOYED:
                employer = r.choice(units)
                if r.random() < 0.85:
                    reported = b.day(max(est, _D(2014, 3, 1)), _D(2017, 11, 30))
            elif cat is PartyMemberCategory.FLOATING:
                employer = r.choice(("建筑工地", "农贸市场个体经营", "商场商户", "物流公司"))
            out.append(
                PartyMember(
                    id=f"{cid}-P{k:03d}",
                    community_id=cid,
                    name=resident.name if resident else b.name(),
                    category=cat,
                    resident_id=resident.id if resident else None,
                    employer=employer,
                    is_full_member=r.random() < 0.95,
                    reported_on=reported,
                )
            )
    return out


def _dispute_cases(
    b: _Builder,
    residents: Sequence[Resident],
    staff: Sequence[Staff],
    volunteers: Sequence[Volunteer],
    teams: Sequence[VolunteerTeam],
) -> list[DisputeCase]:
    """67 resolved, 6 failed (4 of them referred), 3 withdrawn, 5 open on AS_OF."""
    r = b.rng
    mediation = {t.id for t in teams if t.kind is TeamKind.MEDIATION}
    # One agreement of December is not closed yet: it counts among the 67.
    plan: list[str] = ["resolved"] * (_RESOLVED - 1) + ["failed"] * 2 + ["referred"] * 4
    plan += ["withdrawn"] * 3
    r.shuffle(plan)
    plan += ["late_agreement", "received", "received", "mediating", "mediating_long"]
    weights = [c.residents for c in _COMMUNITIES]
    drawn: list[tuple[dt.date, str, str]] = []
    for kind in plan:
        c = r.choices(_COMMUNITIES, weights=weights)[0]
        cid, est = c.id, c.established
        first = max(est + dt.timedelta(days=60), _D(2014, 3, 1))
        if kind == "received":
            received = b.workday(_D(2017, 12, 18), _D(2017, 12, 29))
        elif kind == "mediating":
            received = b.workday(_D(2017, 11, 27), _D(2017, 12, 15))
        elif kind == "mediating_long":
            received = b.workday(_D(2017, 9, 4), _D(2017, 9, 29))
        elif kind == "late_agreement":
            received = b.workday(_D(2017, 12, 4), _D(2017, 12, 8))
        else:
            received = b.workday(first, _D(2017, 11, 10))
        drawn.append((received, cid, kind))
    drawn.sort()
    out: list[DisputeCase] = []
    counters: dict[str, int] = {}
    for received, cid, kind in drawn:
        counters[cid] = counters.get(cid, 0) + 1
        mine = [p for p in residents if p.community_id == cid and _age(p.birth_date) >= 20]
        category = r.choices(list(DisputeCategory), weights=(30, 18, 16, 8, 10, 8, 7, 3))[0]
        parties = _parties(b, mine, category)
        cadres = [
            s.id
            for s in staff
            if s.community_id == cid
            and s.role
            in (StaffRole.DIRECTOR, StaffRole.COMMITTEE_MEMBER, StaffRole.DEPUTY_DIRECTOR)
        ]
        members = [v.id for v in volunteers if v.community_id == cid and v.team_id in mediation]
        mediators = [r.choice(cadres)]
        if members and r.random() < 0.6:
            mediators.append(r.choice(members))  # a member of the mediation committee
        events, status, closed = _case_history(b, received, kind)
        out.append(
            DisputeCase(
                id=f"{cid}-D{counters[cid]:03d}",
                community_id=cid,
                category=category,
                parties=parties,
                received_on=received,
                status=status,
                mediator_ids=tuple(mediators),
                events=events,
                closed_on=closed,
            )
        )
    out.sort(key=lambda d: d.id)
    return out


def _parties(b: _Builder, pool: Sequence[Resident], category: DisputeCategory) -> tuple[Party, ...]:
    r = b.rng
    if category is DisputeCategory.FAMILY:
        by_household: dict[str, list[Resident]] = {}
        for p in pool:
            by_household.setdefault(p.household_id, []).append(p)
        couples = [v for v in by_household.values() if len(v) >= 2]
        if couples:
            pair = r.choice(couples)[:2]
            return tuple(Party(name=p.name, resident_id=p.id) for p in pair)
    first = r.choice(pool)
    if category is DisputeCategory.LABOUR:
        employer = r.choice(("某建筑工程公司", "某物业服务公司", "某商贸公司", "某餐饮店"))
        return (Party(name=first.name, resident_id=first.id), Party(name=employer))
    if category is DisputeCategory.PROPERTY_MANAGEMENT:
        return (Party(name=first.name, resident_id=first.id), Party(name="某物业服务公司"))
    others = [p for p in pool if p.household_id != first.household_id]
    second = r.choice(others)
    parties = [Party(name=first.name, resident_id=first.id)]
    parties.append(Party(name=second.name, resident_id=second.id))
    if r.random() < 0.1:
        parties.append(Party(name=b.name(), phone=b.phone()))  # not a sampled resident
    return tuple(parties)


def _case_history(
    b: _Builder, received: dt.date, kind: str
) -> tuple[tuple[CaseEvent, ...], DisputeStatus, dt.date | None]:
    r = b.rng
    day = dt.timedelta(days=1)
    events = [CaseEvent(on=received, status=DisputeStatus.RECEIVED)]
    if kind == "received":
        return tuple(events), DisputeStatus.RECEIVED, None
    mediating = received + day * r.randint(0, 4)
    events.append(CaseEvent(on=mediating, status=DisputeStatus.MEDIATING))
    if kind in ("mediating", "mediating_long"):
        return tuple(events), DisputeStatus.MEDIATING, None
    if kind == "late_agreement":  # agreed, not yet closed on AS_OF
        agreed = b.workday(_D(2017, 12, 20), _D(2017, 12, 28))
        events.append(CaseEvent(on=agreed, status=DisputeStatus.AGREEMENT_REACHED))
        return tuple(events), DisputeStatus.AGREEMENT_REACHED, None
    outcome_on = mediating + day * r.randint(3, 35)
    if kind == "resolved":
        note = r.choice((None, "口头协议", "书面协议"))
        events.append(CaseEvent(on=outcome_on, status=DisputeStatus.AGREEMENT_REACHED, note=note))
        closed = outcome_on + day * r.randint(0, 10)
        events.append(CaseEvent(on=closed, status=DisputeStatus.CLOSED))
        return tuple(events), DisputeStatus.CLOSED, closed
    if kind == "withdrawn":
        events.append(CaseEvent(on=outcome_on, status=DisputeStatus.WITHDRAWN, note="当事人撤回"))
        return tuple(events), DisputeStatus.WITHDRAWN, outcome_on
    events.append(CaseEvent(on=outcome_on, status=DisputeStatus.FAILED))
    if kind == "failed":
        return tuple(events), DisputeStatus.FAILED, outcome_on
    referred = outcome_on + day * r.randint(1, 7)
    note = r.choice(("转司法所", "引导诉讼", "转信访部门"))
    events.append(CaseEvent(on=referred, status=DisputeStatus.REFERRED, note=note))
    return tuple(events), DisputeStatus.REFERRED, referred


def _dispute_attentions(residents: list[Resident], cases: Sequence[DisputeCase]) -> list[Resident]:
    """Parties to a dispute are a dispute family (纠纷家庭) until a month after it ends."""
    extra: dict[str, list[Attention]] = {}
    for case in cases:
        end = case.closed_on or case.resolved_on()
        until = end + dt.timedelta(days=30) if end else None
        for party in case.parties:
            if party.resident_id is not None:
                extra.setdefault(party.resident_id, []).append(
                    Attention(
                        kind=AttentionKind.DISPUTE_FAMILY, since=case.received_on, until=until
                    )
                )
    return [_attend(p, extra[p.id]) if p.id in extra else p for p in residents]


_VISITED = frozenset(AttentionKind) - {AttentionKind.DISABLED}


def _visits(
    b: _Builder,
    residents: Sequence[Resident],
    households: Sequence[Household],
    grids: Sequence[Grid],
    staff: Sequence[Staff],
    volunteers: Sequence[Volunteer],
) -> list[Visit]:
    """Roughly monthly visits through 2017: most kept up, some lagging, a few neglected."""
    r = b.rng
    grid_of = {h.id: h.grid_id for h in households}
    worker_of = {g.id: g.worker_id for g in grids}
    out: list[Visit] = []
    year = _D(2017, 1, 3)
    for p in residents:
        kinds = [a for a in p.attentions if a.kind in _VISITED]
        if not kinds:
            continue
        start = max(year, min(a.since for a in kinds))
        end_scope = max((a.until or AS_OF) for a in kinds)
        if end_scope < start:
            continue
        cadres = [s.id for s in staff if s.community_id == p.community_id and s.is_community_worker]
        helpers = [v.id for v in volunteers if v.community_id == p.community_id]
        worker = worker_of.get(grid_of[p.household_id] or "") or r.choice(cadres)
        high = any(a.risk is RiskLevel.HIGH for a in kinds)
        profile = r.choices(("kept", "lagging", "neglected"), weights=(86, 10, 4))[0]
        stop = min(end_scope, AS_OF)
        if profile == "lagging":
            stop = min(stop, b.day(_D(2017, 10, 10), _D(2017, 11, 28)))
        elif profile == "neglected":
            stop = min(stop, b.day(_D(2017, 2, 1), _D(2017, 7, 31)))
        mine: list[Visit] = []
        day = start + dt.timedelta(days=r.randint(1, 6))
        while day <= stop:
            mine += _visit_on(b, p, kinds, day, worker, helpers)
            day += dt.timedelta(days=r.randint(9, 13) if high else r.randint(20, 30))
        if profile == "kept" and stop == AS_OF:
            # A kept-up resident was last seen in the last stretch of the year.
            last = mine[-1].visited_on if mine else start
            if (AS_OF - last).days >= (12 if high else 28):
                day = AS_OF - dt.timedelta(days=r.randint(2, 9 if high else 20))
                if day > last:
                    mine += _visit_on(b, p, kinds, day, worker, helpers)
        out += mine
    out.sort(key=lambda v: (v.visited_on, v.resident_id))
    return [
        _visit(v.resident_id, v.visitor_id, v.visited_on, v.reasons, v.outcome, f"W{k:05d}")
        for k, v in enumerate(out, 1)
    ]


def _visit_on(
    b: _Builder,
    p: Resident,
    kinds: Sequence[Attention],
    day: dt.date,
    worker: str,
    helpers: Sequence[str],
) -> list[Visit]:
    """A visit on ``day`` for the kinds active then (none if none is)."""
    r = b.rng
    reasons = frozenset(a.kind for a in kinds if a.active_on(day))
    if not reasons:
        return []
    roll = r.random()
    if roll < 0.9:
        outcome = VisitOutcome.MET
    elif roll < 0.97:
        outcome = VisitOutcome.NOT_HOME
    else:
        outcome = VisitOutcome.REFUSED
    elderly = reasons <= {AttentionKind.LONELY_ELDER, AttentionKind.EMPTY_NEST_ELDER}
    visitor = r.choice(helpers) if elderly and helpers and r.random() < 0.3 else worker
    return [_visit(p.id, visitor, day, reasons, outcome)]


def _visit(
    resident_id: str,
    visitor_id: str,
    on: dt.date,
    reasons: frozenset[AttentionKind],
    outcome: VisitOutcome,
    vid: str = "W00000",
) -> Visit:
    return Visit(
        id=vid,
        resident_id=resident_id,
        visitor_id=visitor_id,
        visited_on=on,
        reasons=reasons,
        outcome=outcome,
        note=None if outcome is VisitOutcome.MET else "另约时间",
    )


def _service_items() -> list[ServiceItem]:
    return [
        ServiceItem(
            id=iid,
            name=name,
            time_limit=TimeLimit(amount=amount, unit=unit),
            channels=frozenset(channels),
        )
        for iid, name, amount, unit, channels, _w in _ITEMS
    ]


def _service_requests(
    b: _Builder, residents: Sequence[Resident], staff: Sequence[Staff]
) -> list[ServiceRequest]:
    """383 completed by AS_OF (a few late, extended or paused), 5 cancelled, 8 open."""
    r = b.rng
    cal = b.cal
    weights = [c.residents if i < _OLDER else c.residents // 2 for i, c in enumerate(_COMMUNITIES)]
    items = list(_ITEMS)
    drafts: list[tuple[dt.date, str, ServiceRequest]] = []

    def who(cid: str) -> tuple[str | None, str, str]:
        people = [p.id for p in residents if p.community_id == cid]
        desk = [
            s.id
            for s in staff
            if s.community_id == cid
            and s.role in (StaffRole.CASEWORKER, StaffRole.COMMITTEE_MEMBER)
        ]
        boss = next(
            s.id for s in staff if s.community_id == cid and s.role is StaffRole.PARTY_SECRETARY
        )
        return (r.choice(people) if r.random() < 0.9 else None), r.choice(desk), boss

    def add(days: dt.date, unit: TimeUnit, n: int) -> dt.date:
        return cal.add_working_days(days, n) if unit is _WD else days + dt.timedelta(days=n)

    completed = 0
    complaints = 3
    while completed < _COMPLETED:
        c = r.choices(_COMMUNITIES, weights=weights)[0]
        cid = c.id
        iid, _name, limit, unit, _ch, _w = r.choices(items, weights=[i[5] for i in items])[0]
        received = b.workday(max(c.established, _D(2016, 1, 4)), _D(2017, 12, 22))
        resident, responder, boss = who(cid)
        path = r.choices(("normal", "late", "extended", "paused"), weights=(82, 5, 5, 8))[0]
        events = [RequestEvent(on=received, kind=RequestEventKind.STARTED)]
        if path == "normal":
            done = add(received, unit, r.randint(0, limit) if limit > 1 else r.randint(0, 1))
        elif path == "late":
            done = add(received, unit, limit + r.randint(1, 4))
        elif path == "extended":
            ext = max(3, limit // 2)
            at = add(received, unit, max(1, limit - 1))
            events.append(
                RequestEvent(on=at, kind=RequestEventKind.EXTENDED, days=ext, approved_by=boss)
            )
            done = add(received, unit, limit + r.randint(1, ext))
        else:
            stop = add(received, unit, r.randint(0, max(0, limit - 1)))
            go = stop + dt.timedelta(days=r.randint(3, 15))
            if unit is _WD and not cal.is_working_day(go):
                go = cal.next_working_day(go)
            events.append(RequestEvent(on=stop, kind=RequestEventKind.SUSPENDED, note="补齐材料"))
            events.append(RequestEvent(on=go, kind=RequestEventKind.RESUMED))
            done = add(go, unit, r.randint(0, max(1, limit // 2)))
        if done > AS_OF:
            continue
        events.append(RequestEvent(on=done, kind=RequestEventKind.COMPLETED))
        complaint = complaints > 0 and (path == "late" or r.random() < 0.003)
        complaints -= complaint
        completed += 1
        drafts.append(
            (
                received,
                cid,
                ServiceRequest(
                    id="Q",
                    item_id=iid,
                    community_id=cid,
                    received_on=received,
                    status=RequestStatus.COMPLETED,
                    resident_id=resident,
                    first_responder_id=responder,
                    events=tuple(events),
                    completed_on=done,
                    complaint=complaint,
                ),
            )
        )
    # Cancelled along the way.
    for _ in range(5):
        c = r.choices(_COMMUNITIES, weights=weights)[0]
        cid = c.id
        iid = r.choice(items)[0]
        received = b.workday(_D(2016, 3, 1), _D(2017, 11, 30))
        resident, responder, _boss = who(cid)
        gone = cal.add_working_days(received, r.randint(1, 3))
        drafts.append(
            (
                received,
                cid,
                ServiceRequest(
                    id="Q",
                    item_id=iid,
                    community_id=cid,
                    received_on=received,
                    status=RequestStatus.CANCELLED,
                    resident_id=resident,
                    first_responder_id=responder,
                    events=(
                        RequestEvent(on=received, kind=RequestEventKind.STARTED),
                        RequestEvent(on=gone, kind=RequestEventKind.CANCELLED, note="申请人撤回"),
                    ),
                ),
            )
        )
    # The backlog on AS_OF: on track, paused, extended, and two past their limit.
    open_plan = (
        ("SI04", _D(2017, 12, 20), RequestStatus.IN_PROGRESS, None),
        ("SI06", _D(2017, 12, 14), RequestStatus.IN_PROGRESS, None),
        ("SI01", _D(2017, 12, 29), RequestStatus.RECEIVED, None),
        ("SI08", _D(2017, 12, 5), RequestStatus.SUSPENDED, "paused"),
        ("SI05", _D(2017, 12, 8), RequestStatus.IN_PROGRESS, "extended"),
        ("SI03", _D(2017, 11, 20), RequestStatus.IN_PROGRESS, None),  # 5 WD: breached
        ("SI07", _D(2017, 11, 27), RequestStatus.IN_PROGRESS, None),  # 7 WD: breached
        ("SI12", _D(2017, 12, 22), RequestStatus.IN_PROGRESS, None),
    )
    for iid, received, status, extra in open_plan:
        c = r.choices(_COMMUNITIES, weights=weights)[0]
        cid = c.id
        resident, responder, boss = who(cid)
        events = []
        if status is not RequestStatus.RECEIVED:
            events.append(RequestEvent(on=received, kind=RequestEventKind.STARTED))
        if extra == "paused":
            events.append(
                RequestEvent(
                    on=_D(2017, 12, 12), kind=RequestEventKind.SUSPENDED, note="等待医院鉴定结论"
                )
            )
        if extra == "extended":
            events.append(
                RequestEvent(
                    on=_D(2017, 12, 20), kind=RequestEventKind.EXTENDED, days=10, approved_by=boss
                )
            )
        drafts.append(
            (
                received,
                cid,
                ServiceRequest(
                    id="Q",
                    item_id=iid,
                    community_id=cid,
                    received_on=received,
                    status=status,
                    resident_id=resident,
                    first_responder_id=responder,
                    events=tuple(events),
                ),
            )
        )
    drafts.sort(
        key=lambda t: (t[0], t[1], t[2].item_id, t[2].events[-1].on if t[2].events else t[0])
    )
    counters: dict[str, int] = {}
    out = []
    for _received, cid, req in drafts:
        counters[cid] = counters.get(cid, 0) + 1
        out.append(attrs.evolve(req, id=f"{cid}-Q{counters[cid]:04d}"))
    out.sort(key=lambda q: q.id)
    return out


def _meetings(b: _Builder, staff: Sequence[Staff]) -> list[Meeting]:
    r = b.rng
    out: list[Meeting] = []
    for i, c in enumerate(_COMMUNITIES):
        cid, households = c.id, c.households
        committee = sum(1 for s in staff if s.community_id == cid and s.is_committee_member)
        reps = committee + households // 40
        plan: list[tuple[MeetingKind, dt.date, int]] = [
            (MeetingKind.REPRESENTATIVES_MEETING, _D(2017, 3, 10), reps),
            (MeetingKind.CONSULTATION, _D(2017, 4, 18), 15),
            (MeetingKind.OPEN_TALK, _D(2017, 6, 9), 40),
            (MeetingKind.COORDINATION, _D(2017, 8, 16), 12),
            (MeetingKind.CONSULTATION, _D(2017, 10, 20), 15),
            (MeetingKind.APPRAISAL, _D(2017, 12, 15), reps),
        ]
        if i < _OLDER:
            plan.insert(3, (MeetingKind.HEARING, _D(2017, 7, 12), 30))
            plan.insert(5, (MeetingKind.REPRESENTATIVES_MEETING, _D(2017, 9, 22), reps))
        for k, (kind, around, entitled) in enumerate(plan, 1):
            held = b.workday(around - dt.timedelta(days=4), around + dt.timedelta(days=4))
            share = r.uniform(0.55, 0.62) if (cid == "C06" and k == 1) else r.uniform(0.7, 0.97)
            topic, *decisions = r.choice(_TOPICS)
            out.append(
                Meeting(
                    id=f"{cid}-M{k:02d}",
                    community_id=cid,
                    kind=kind,
                    held_on=held,
                    entitled=entitled,
                    present=min(entitled, round(entitled * share)),
                    topic=topic,
                    decisions=tuple(decisions) if kind is not MeetingKind.OPEN_TALK else (),
                )
            )
    return out


def _two_posts(staff: Sequence[Staff], teams: Sequence[VolunteerTeam]) -> list[Staff]:
    """The posts the statutory two-committee members hold on the other committee.

    Each community's party secretary also sits on the residents' committee as a 委员
    (交叉任职, as the 2025 law's 第八条 now says in so many words), so the committee's
    size counts the people the committee law counts; each director also sits on the
    community's mediation committee, as the committee law allows (2018 第十三条).
    """
    mediation = {t.community_id: t.id for t in teams if t.kind is TeamKind.MEDIATION}
    out: list[Staff] = []
    for s in staff:
        if s.role is StaffRole.PARTY_SECRETARY:
            s = attrs.evolve(s, extra_roles={StaffRole.COMMITTEE_MEMBER})
        elif s.role is StaffRole.DIRECTOR and s.community_id in mediation:
            s = attrs.evolve(s, team_ids={mediation[s.community_id]})
        out.append(s)
    return out


def _volunteer_sex(volunteers: Sequence[Volunteer], seed: int) -> list[Volunteer]:
    """Each volunteer's sex, about 3 in 5 women, from a generator of its own, so that
    adding it left every other draw of the banner as it was."""
    r = random.Random(f"{seed}-volunteer-sex")
    return [attrs.evolve(v, sex=Sex.FEMALE if r.random() < 0.6 else Sex.MALE) for v in volunteers]


# -- lifecycles (#18): timestamps, dispatch, response, return calls; confirmations ------
# Drawn from a generator of their own after everything else, so that adding them left
# every other draw of the banner, and every figure of the article, as it was.

#: The unit each item is dispatched to (承办单位).
_UNIT_OF = {
    "SI01": "社区居委会",
    "SI02": "社区警务室",
    "SI03": "街道劳动保障所",
    "SI04": "街道民政办",
    "SI05": "街道民政办",
    "SI06": "街道民政办",
    "SI07": "街道民政办",
    "SI08": "旗残疾人联合会",
    "SI09": "街道计生办",
    "SI10": "街道社保所",
    "SI11": "社区党委",
    "SI12": "物业服务公司",
    "SI13": "社区家政服务站",
}
#: Items taken by telephone (热线): answered first by a call back (响应).
_HOTLINE_ITEMS = frozenset({"SI12", "SI13"})


def _urgency(r: random.Random, item_id: str) -> Urgency:
    roll = r.random()
    if item_id in ("SI05", "SI12"):  # a family in sudden need, a burst pipe
        return Urgency.URGENT if roll < 0.25 else Urgency.NORMAL
    if item_id == "SI13":
        return Urgency.CONSULTATION if roll < 0.3 else Urgency.NORMAL
    return Urgency.CONSULTATION if roll < 0.05 else Urgency.NORMAL


def _clock(r: random.Random, day: dt.date) -> dt.datetime:
    """A time the office is open: 8:30-11:30 or 14:30-17:00 (北方冬季作息)."""
    minutes = r.choice((r.randint(8 * 60 + 30, 11 * 60 + 30), r.randint(14 * 60 + 30, 17 * 60)))
    return dt.datetime.combine(day, dt.time()) + dt.timedelta(minutes=minutes)


def _stamped(
    r: random.Random, received_at: dt.datetime, events: Sequence[RequestEvent]
) -> tuple[RequestEvent, ...]:
    """Each event with a time on its day, in the order given, after the receipt."""
    out: list[RequestEvent] = []
    last = received_at
    for e in events:
        start = last if last.date() == e.on else _clock(r, e.on) - dt.timedelta(minutes=30)
        last = start + dt.timedelta(minutes=r.randint(3, 50))
        out.append(attrs.evolve(e, at=last))
    return tuple(out)


def _request_lifecycle(r: random.Random, q: ServiceRequest, reopen: bool) -> ServiceRequest:
    """A request as the hall's system records it: received at a time, dispatched to its
    unit, a call back for a hotline item, and a return call some days after completion."""
    received_at = _clock(r, q.received_on)
    events = list(q.events)
    head: list[RequestEvent] = []
    if q.status is not RequestStatus.RECEIVED:
        unit = _UNIT_OF[q.item_id]
        head.append(RequestEvent(on=q.received_on, kind=RequestEventKind.ASSIGNED, unit=unit))
        if q.item_id in _HOTLINE_ITEMS:
            head.append(RequestEvent(on=q.received_on, kind=RequestEventKind.RESPONDED))
    tail: list[RequestEvent] = []
    done = q.completed_on
    if done is not None and reopen:  # unsatisfied the same day, handled again (重办)
        tail += [
            RequestEvent(
                on=done,
                kind=RequestEventKind.REVISITED,
                satisfaction=Satisfaction.DISSATISFIED,
                note="维修后仍漏水",
            ),
            RequestEvent(on=done, kind=RequestEventKind.REOPENED),
            RequestEvent(on=done, kind=RequestEventKind.COMPLETED),
        ]
    if done is not None and r.random() < 0.7:
        call = done + dt.timedelta(days=r.randint(1, 5))
        if call <= AS_OF:
            roll = r.random()
            grade = (
                Satisfaction.DISSATISFIED
                if roll < 0.02
                else Satisfaction.BASICALLY_SATISFIED
                if roll < 0.08
                else Satisfaction.SATISFIED
            )
            tail.append(RequestEvent(on=call, kind=RequestEventKind.REVISITED, satisfaction=grade))
    return attrs.evolve(
        q,
        urgency=_urgency(r, q.item_id),
        received_at=received_at,
        events=_stamped(r, received_at, [*head, *events, *tail]),
    )


def _case_lifecycle(r: random.Random, case: DisputeCase, confirm: bool) -> DisputeCase:
    """A closed agreement followed up (回访, 人民调解法 第31条) before it was filed; with
    ``confirm``, the parties first applied for judicial confirmation (第33条)."""
    agreed = case.resolved_on()
    if agreed is None or case.closed_on is None or (case.closed_on - agreed).days < 2:
        return case
    kinds = [CaseEventKind.FOLLOWED_UP] if confirm or r.random() < 0.4 else []
    if confirm:
        kinds.insert(0, CaseEventKind.CONFIRMATION_APPLIED)
    span = (case.closed_on - agreed).days
    days = sorted(agreed + dt.timedelta(days=r.randint(1, span)) for _ in kinds)
    notes = {CaseEventKind.CONFIRMATION_APPLIED: "双方共同向旗人民法院申请司法确认"}
    extra = [
        CaseEvent(on=d, status=DisputeStatus.AGREEMENT_REACHED, kind=k, note=notes.get(k))
        for d, k in zip(days, kinds, strict=True)
    ]
    events = list(case.events)
    at = next(i for i, e in enumerate(events) if e.status is DisputeStatus.AGREEMENT_REACHED)
    events[at + 1 : at + 1] = extra
    return attrs.evolve(case, events=tuple(events))


def _lifecycles(
    requests: Sequence[ServiceRequest], cases: Sequence[DisputeCase], seed: int
) -> tuple[list[ServiceRequest], list[DisputeCase]]:
    r = random.Random(f"{seed}-lifecycles")
    repairs = [q.id for q in requests if q.item_id == "SI12" and q.completed_on is not None]
    reopened = repairs[len(repairs) // 2] if repairs else None
    out = [_request_lifecycle(r, q, q.id == reopened) for q in requests]
    written = [
        c.id
        for c in cases
        if c.closed_on is not None
        and any(e.note == "书面协议" for e in c.events)
        and (c.closed_on - (c.resolved_on() or c.closed_on)).days >= 2
    ]
    confirmed = written[0] if written else None
    return out, [_case_lifecycle(r, c, c.id == confirmed) for c in cases]


def build(seed: int = SEED) -> Dataset:
    """The whole banner, drawn from ``random.Random(seed)`` in a fixed order."""
    b = _Builder(seed)
    communities = _communities()
    staff = _staff(b)
    grids = _grids(b, staff)
    households, residents = _households_and_residents(b, grids)
    residents = _add_attentions(b, residents)
    teams = _teams()
    volunteers = _volunteer_sex(_volunteers(b, teams), seed)
    staff = _two_posts(staff, teams)
    partners = _partner_units(b)
    party_members = _party_members(b, residents, partners)
    cases = _dispute_cases(b, residents, staff, volunteers, teams)
    residents = _dispute_attentions(residents, cases)
    visits = _visits(b, residents, households, grids, staff, volunteers)
    items = _service_items()
    requests = _service_requests(b, residents, staff)
    meetings = _meetings(b, staff)
    requests, cases = _lifecycles(requests, cases, seed)
    return Dataset(
        communities=tuple(communities),
        grids=tuple(grids),
        households=tuple(households),
        residents=tuple(residents),
        staff=tuple(staff),
        volunteers=tuple(volunteers),
        teams=tuple(teams),
        party_members=tuple(party_members),
        dispute_cases=tuple(cases),
        service_items=tuple(items),
        service_requests=tuple(requests),
        visits=tuple(visits),
        partner_units=tuple(partners),
        meetings=tuple(meetings),
    )


def render(dataset: Dataset) -> str:
    """The file's text: the project's JSON form, ending in a newline."""
    from shequ_core.serialization import to_json

    return to_json(dataset, indent=1) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to write the JSON")
    parser.add_argument("--seed", type=int, default=SEED, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    text = render(build(args.seed))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(text.encode("utf-8"))
    print(f"wrote {args.out} ({len(text.encode('utf-8')):,} bytes)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

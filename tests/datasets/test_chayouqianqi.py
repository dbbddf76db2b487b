"""The shipped sample banner: the article's figures, its facts, invented persons, regeneration.

The figures are those of the seed article (乌兰察布文明网, 2018-01-11,
``shared/seed/chayouqianqi-community-building.txt``), not read back from the generator.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from collections import Counter
from decimal import Decimal
from importlib import resources
from pathlib import Path

import attrs
import pytest

from shequ_core.datasets import load_chayouqianqi
from shequ_core.entities import Dataset, FacilityKind, PartyMemberCategory, RequestStatus, TeamKind
from shequ_core.rules.assessment import summary
from shequ_core.validation import local_date

AS_OF = dt.date(2017, 12, 31)
ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "make_chayouqianqi.py"


@pytest.fixture(scope="module")
def banner() -> Dataset:
    return load_chayouqianqi()


ARTICLE = [
    ("communities", 10),  # 全旗8个社区扩展为10个社区
    ("staff_total", 136),  # 在社区工作的各类人员136人
    ("community_workers", 81),  # 其中社区工作者81人
    ("two_committee_members", 21),  # 法定的两委成员21人
    ("seconded_staff", 60),  # 机关事业单位下派60人
    ("public_welfare_posts", 55),  # 公益性岗位55人
    ("graduates_placed", 16),  # 累计选聘到社区工作的大学毕业生16人
    ("secretaries_recruited_openly", 8),  # 面向社会公开选拔社区书记8名
    ("secretary_mean_age", 37),  # 书记、副书记平均年龄37岁
    ("college_share", 0.85),  # 大专以上学历占到85%
    ("mediation_committees", 8),  # 全旗建立社区调解委员会8个
    ("disputes_resolved", 67),  # 共化解各类矛盾67件
    ("requests_completed", 383),  # 已经为社区居民办结各类服务工作383件
]


def _is_date(value: object) -> bool:
    return isinstance(value, dt.date)


def _day(value: dt.date) -> dt.date:
    """A date, or a timestamp's day in Beijing time."""
    return local_date(value) if isinstance(value, dt.datetime) else value


SURNAMES = set("赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张")


def _people(banner: Dataset) -> list[object]:
    return [*banner.residents, *banner.staff, *banner.volunteers, *banner.party_members]


def _shipped() -> bytes:
    return resources.files("shequ_core.datasets").joinpath("chayouqianqi.json").read_bytes()


@pytest.mark.parametrize(("figure", "article"), ARTICLE, ids=[f for f, _ in ARTICLE])
def test_summary_reproduces_the_article(banner: Dataset, figure: str, article: object) -> None:
    assert getattr(summary(banner, as_of=AS_OF), figure) == article


def test_the_counters_run_with_time(banner: Dataset) -> None:
    """A year earlier fewer disputes were resolved and fewer requests completed."""
    early = summary(banner, as_of=dt.date(2016, 12, 31))
    assert 0 < early.disputes_resolved < 67
    assert 0 < early.requests_completed < 383


def test_communities_and_their_towns(banner: Dataset) -> None:
    by_name = {c.name: c for c in banner.communities}
    assert by_name["万和社区"].town == "平地泉镇"
    assert by_name["东风社区"].town == "玫瑰营镇"
    for name in ("万和社区", "东风社区"):
        established = by_name[name].established_on
        assert established is not None
        assert established.year == 2014
    older = [c for c in banner.communities if c.town == "土贵乌拉镇"]
    assert len(older) == 8
    # The experiment phase: June 2001 to September 2007.
    assert all(
        c.established_on and dt.date(2001, 6, 1) <= c.established_on <= dt.date(2007, 9, 30)
        for c in older
    )


def test_funds_halls_and_rooms(banner: Dataset) -> None:
    for c in banner.communities:
        assert c.yearly_party_building_funds == Decimal(100000)  # 党建经费10万元
        assert c.yearly_office_funds == Decimal(20000)  # 办公经费2万元
    for c in banner.communities:
        if c.town == "土贵乌拉镇":  # 8个社区 ... 150平方米以上 ... 六室两中心
            assert c.service_hall_area_m2 is not None
            assert c.service_hall_area_m2 >= 150
            assert c.facilities == frozenset(FacilityKind)


def test_community_workers_mean_wage(banner: Dataset) -> None:
    wages = [s.monthly_wage for s in banner.staff if s.is_community_worker]
    assert all(w is not None for w in wages)
    assert sum(w for w in wages if w is not None) / len(wages) == 3089  # 月平均工资3089元


def test_teams_partners_and_party_members(banner: Dataset) -> None:
    kinds = Counter(t.kind for t in banner.teams)
    assert kinds[TeamKind.VOLUNTEER] == 8  # 社区志愿者队伍8个
    assert kinds[TeamKind.SAFETY_PATROL] == 8  # 群防群治组织8个
    assert kinds[TeamKind.CULTURE_SPORTS] > 10  # 文体团队10多支
    older = {c.id for c in banner.communities if c.town == "土贵乌拉镇"}
    paired = [u for u in banner.partner_units if u.community_ids & older]
    assert 60 < len(paired) < 70  # 60多个机关事业单位
    categories = Counter(m.category for m in banner.party_members)
    assert set(categories) == set(PartyMemberCategory)  # the four classes
    assert categories[PartyMemberCategory.FLOATING] == 25  # 服务流动党员25人次


def test_residents_are_a_sample_of_each_community(banner: Dataset) -> None:
    residents = Counter(r.community_id for r in banner.residents)
    households = Counter(h.community_id for h in banner.households)
    for c in banner.communities:
        assert 0 < residents[c.id] < c.residents / 10
        assert 0 < households[c.id] < c.households / 10
        grid_total = sum(g.households for g in banner.grids if g.community_id == c.id)
        assert grid_total == c.households


def test_nothing_is_dated_after_the_banners_date(banner: Dataset) -> None:
    dates: list[dt.date] = []
    for _, records in banner.collections():
        for record in records:
            values = attrs.asdict(record, recurse=False).values()
            dates += [_day(v) for v in values if _is_date(v)]
            for event in getattr(record, "events", ()):
                dates.append(event.on)
                if getattr(event, "at", None) is not None:
                    dates.append(_day(event.at))
    assert dates
    assert max(dates) <= AS_OF


def test_some_work_is_still_open_on_the_banners_date(banner: Dataset) -> None:
    done = (RequestStatus.COMPLETED, RequestStatus.CANCELLED)
    open_requests = [q for q in banner.service_requests if q.status not in done]
    assert 3 <= len(open_requests) <= 15
    open_cases = [c for c in banner.dispute_cases if c.is_open]
    assert 1 <= len(open_cases) <= 10


def test_the_must_visit_list_has_a_few_dozen_residents(banner: Dataset) -> None:
    from shequ_core.rules.visiting import must_visit

    due = must_visit(banner, as_of=AS_OF)
    assert 20 <= len(due) <= 80
    overdue = [d for d in due if d.overdue_days > 0]
    assert overdue
    assert len({d.community_id for d in due}) >= 8


def test_names_follow_the_invented_pattern(banner: Dataset) -> None:
    """A 百家姓 surname and two 千字文 characters: a pattern no registry follows."""
    names = [p.name for p in _people(banner)]  # type: ignore[attr-defined]
    assert all(len(n) == 3 and n[0] in SURNAMES for n in names)


def test_identity_numbers_are_of_the_banner_and_unique(banner: Dataset) -> None:
    numbers = [p.id_number for p in [*banner.residents, *banner.staff] if p.id_number]
    assert len(numbers) > 1000
    assert {n.region_code for n in numbers} == {"150926"}  # 察右前旗
    assert len(set(numbers)) == len(numbers)


def test_phone_numbers_are_in_the_fictional_block(banner: Dataset) -> None:
    phones = [p.phone for p in [*banner.residents, *banner.staff] if p.phone is not None]
    assert phones
    assert all(p.reveal().startswith("0474-555") and len(p.reveal()) == 13 for p in phones)


def test_the_file_is_small() -> None:
    assert len(_shipped()) < 3_000_000


def test_loading_is_cached() -> None:
    assert load_chayouqianqi() is load_chayouqianqi()


def test_the_script_regenerates_the_file_byte_for_byte(tmp_path: Path) -> None:
    out = tmp_path / "chayouqianqi.json"
    env = {**os.environ, "PYTHONHASHSEED": "4321"}  # set order must not leak into the file
    subprocess.run(
        [sys.executable, str(SCRIPT), "--out", str(out)],
        check=True,
        env=env,
        capture_output=True,
        timeout=120,
    )
    assert out.read_bytes() == _shipped()

"""Every basis the library ships is listed on ``docs/explanation/sources.md``, and no
page, docstring or basis cites a file outside the repository (a reader of the site or a
user of the package cannot open the project's working notes).

The bases are gathered from where they live: the texts of ``shequ_core.policy``, every
number of the national and seed profiles on each day a text starts or ends, the
statutory limits, the visiting, scoring and SLA defaults, and the rules' own bases.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

import shequ_core
from shequ_core import policy as policy_module
from shequ_core.entities import Basis, BasisKind
from shequ_core.policy import (
    DEFAULT_MEDIATION_POLICY,
    DEFAULT_SCORING,
    DEFAULT_SLA_POLICY,
    DEFAULT_VISIT_POLICY,
    FIRST_DAY,
    HOTLINE_PROFILES,
    Interval,
    StatutoryLimit,
    national_policy,
    policy_bases,
    seed_policy,
)
from shequ_core.rules import RULES

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ROOT / "docs" / "explanation" / "sources.md"
SRC = Path(shequ_core.__file__).resolve().parent


def _days() -> list[dt.date]:
    """Every day a text the profiles cite starts, and the day after one ends."""
    texts = [v for v in vars(policy_module).values() if isinstance(v, Basis)]
    days = {FIRST_DAY, dt.date(2017, 12, 31), dt.date(2035, 1, 1)}
    for t in texts:
        if t.effective_from is not None and t.effective_from >= FIRST_DAY:
            days.add(t.effective_from)
        if t.effective_to is not None:
            days.add(t.effective_to + dt.timedelta(days=1))
    return sorted(days)


def shipped_bases() -> Iterator[Basis]:
    """Every Basis the library ships, found where it lives."""
    for value in vars(policy_module).values():
        if isinstance(value, Basis):
            yield value
        elif isinstance(value, StatutoryLimit):
            yield value.basis
            yield from value.see_also
    for day in _days():
        for profile in (national_policy(day), seed_policy(day)):
            yield from policy_bases(profile).values()
    for cadence in DEFAULT_VISIT_POLICY.cadences.values():
        yield cadence.every.basis
        yield from (i.basis for i in cadence.by_risk.values())
    for field in attrs.fields(type(DEFAULT_VISIT_POLICY)):
        value = getattr(DEFAULT_VISIT_POLICY, field.name)
        if isinstance(value, Interval):
            yield value.basis
    yield Interval(days=1).basis  # the default of a number set without one
    for field in attrs.fields(type(DEFAULT_SCORING)):
        basis = getattr(getattr(DEFAULT_SCORING, field.name), "basis", None)
        if isinstance(basis, Basis):
            yield basis
    yield DEFAULT_SLA_POLICY.basis
    for profile in HOTLINE_PROFILES.values():
        yield from profile.bases().values()
    m = DEFAULT_MEDIATION_POLICY
    yield from (m.target.basis, m.confirmation.basis, m.period_rule, m.follow_up_duty)
    for entry in RULES.values():
        if entry.basis is not None:
            yield entry.basis


def listed_titles() -> set[str]:
    """The first cell of every table row of the sources page: the titles as cited."""
    rows = (line for line in SOURCES.read_text(encoding="utf-8").splitlines())
    return {r.split("|")[1].strip() for r in rows if r.startswith("| ") and "---" not in r}


def test_every_basis_shipped_is_listed_on_the_sources_page() -> None:
    titles = {b.title for b in shipped_bases()}
    assert len(titles) >= 20  # the gathering itself works
    missing = sorted(titles - listed_titles())
    assert missing == [], missing


def test_every_text_carries_its_force_and_dates_where_they_were_read() -> None:
    """Each text of ``shequ_core.policy`` says its force; only those whose dates could
    not be read (said so on the sources page) go without an ``effective_from``."""
    undated = {"中国共产党党和国家机关基层组织工作条例（参照）"}
    undated |= {"察右前旗新型社区建设经验（2018）：三有四化", "察右前旗新型社区建设经验（2018）"}
    undated |= {"福建省刑满释放人员分类帮教办法（福建省，外省参照）"}
    undated |= {"中国共产党章程（2012年修改前的文本）"}  # ends 2012-11-13; starts before 1990
    for name, value in vars(policy_module).items():
        if not isinstance(value, Basis):
            continue
        assert isinstance(value.kind, BasisKind), name
        if value.title not in undated:
            assert value.effective_from is not None, name


@pytest.mark.parametrize(
    ("day", "cited"),
    [
        # 支部工作条例（试行）, issued and in force 2018-10-28: a 2017 run never cites it
        (dt.date(2017, 12, 31), False),
        (dt.date(2018, 10, 27), False),
        (dt.date(2018, 10, 28), True),
    ],
)
def test_a_party_regulation_is_cited_only_from_its_date(day: dt.date, cited: bool) -> None:
    titles = {b.title for b in policy_bases(national_policy(day)).values()}
    assert ("中国共产党支部工作条例（试行）" in titles) is cited
    assert all(b.in_force(day) for b in policy_bases(national_policy(day)).values())


@pytest.mark.parametrize(
    ("day", "title", "article"),
    [
        (dt.date(2012, 11, 13), "中国共产党章程（2012年修改前的文本）", "第二十九条"),
        (dt.date(2012, 11, 14), "中国共产党章程（2012年修改）", "第二十九条"),
        (dt.date(2017, 10, 23), "中国共产党章程（2012年修改）", "第二十九条"),
        (dt.date(2017, 10, 24), "中国共产党章程（2017年修改）", "第三十条"),
        (dt.date(2022, 10, 21), "中国共产党章程（2017年修改）", "第三十条"),
        (dt.date(2022, 10, 22), "中国共产党章程（2022年修改）", "第三十条"),
    ],
)
def test_the_three_member_duty_cites_the_party_constitution_of_the_day(
    day: dt.date, title: str, article: str
) -> None:
    basis = national_policy(day).party_branch_min.basis
    assert (basis.title, basis.article, basis.kind) == (title, article, BasisKind.PARTY_REGULATION)


#: What a reader cannot open: the project's working notes outside the repository.
OUTSIDE = re.compile(r"rules-reference|shared/|seed-model\.md|\bmodel\.md")


def _published() -> Iterator[Path]:
    yield from sorted(SRC.rglob("*.py"))
    yield from sorted((ROOT / "docs").rglob("*.md"))
    yield ROOT / "README.md"


def test_no_page_docstring_or_basis_cites_a_file_outside_the_repository() -> None:
    cited = [
        f"{path.relative_to(ROOT)}:{n}: {line.strip()}"
        for path in _published()
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if OUTSIDE.search(line)
    ]
    assert cited == []
    assert not any(OUTSIDE.search(f"{b.title} {b.article or ''}") for b in shipped_bases())

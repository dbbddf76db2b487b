"""Sample data shipped with the package: the banner of the seed article, synthetic.

:func:`load_chayouqianqi` returns 察右前旗 (Chahar Right Front Banner, Ulanqab, Inner
Mongolia) as the article of 2018-01-11 describes it at the end of 2017: 10 communities
(8 in 土贵乌拉镇; 万和社区 in 平地泉镇 and 东风社区 in 玫瑰营镇, built in 2014) with
their staff, grids, households, residents, volunteers, teams, party members, partner
units, dispute cases, service requests, visits, meetings and the committees' last
elections. With
``as_of=date(2017, 12, 31)``, :func:`shequ_core.rules.assessment.summary` gives the
article's figures: 10 communities; 136 staff = 81 community workers (21 two-committee
members, 60 seconded) + 55 public-welfare posts; 16 graduates placed; 8 secretaries
recruited openly; secretaries' and deputies' mean age 37, 85 % college-educated; 8
mediation committees; 67 disputes resolved; 383 service requests completed. The
article's other figures are kept too: 100,000 and 20,000 CNY of yearly funds per
community, a mean monthly wage of 3,089 CNY for community workers, 150 m² halls with
六室两中心 in the 8 older communities, 63 partner units paired with them, 8 volunteer
teams, 8 joint-defence groups, 12 culture and sports teams, 25 floating party members.

Where the article gives no figure the data is invented and plausible, not a record of
the place: the 8 土贵乌拉镇 communities' names, household and resident counts, grids,
areas, dates, wages other than their mean, the service catalogue and its time limits,
visits, meetings, volunteers and party members, and the committees' elections (their
days illustrative of the article's era: a spring 2015 round, 东风社区 in 2016, under the
1989 law's three-year term, so nine terms end in spring 2018). It is a realistic banner, not a
perfect one: the 2014 communities have a smaller hall, missing rooms and no mediation
committee; some grids have no responsible worker; some visits are overdue on
2017-12-31 and a handful of requests are open, two past their limit.

**All persons are invented.** Names combine a 百家姓 surname with two characters of
千字文; identity numbers carry 察右前旗's address code 150926, a birth date and sex that
match the record and a valid check character, but are drawn at random; phone numbers
are 0474-555xxxxx landlines, as far as we know longer than the area's real numbers
(the mainland plan reserves no fictional range). Addresses are
invented. Only a sample of each community's households and residents (about 4 %) is
shipped; ``Community.households`` and ``Community.residents`` hold the full counts.

The data is made by ``scripts/make_chayouqianqi.py`` (seeded, so it regenerates byte
for byte) and stored in the project's JSON form (:mod:`shequ_core.serialization`).
"""

from __future__ import annotations

import functools
from importlib import resources

from shequ_core.entities import Dataset

__all__ = ["ARTICLE_FIGURES", "load_chayouqianqi"]

#: The figures the seed article reports for the banner at the end of 2017, by the name
#: of the :class:`~shequ_core.rules.assessment.BannerSummary` field that gives each.
ARTICLE_FIGURES: dict[str, float] = {
    "communities": 10,
    "staff_total": 136,
    "community_workers": 81,
    "two_committee_members": 21,
    "seconded_staff": 60,
    "public_welfare_posts": 55,
    "graduates_placed": 16,
    "secretaries_recruited_openly": 8,
    "secretary_mean_age": 37,
    "college_share": 0.85,
    "mediation_committees": 8,
    "disputes_resolved": 67,
    "requests_completed": 383,
}

_FILE = "chayouqianqi.json"


@functools.cache
def load_chayouqianqi() -> Dataset:
    """The sample banner 察右前旗 at the end of 2017 (synthetic; see the module docstring).

    Read from the package on first call and kept: a Dataset is immutable, so every call
    returns the same object. Its date is 2017-12-31: pass ``as_of=date(2017, 12, 31)``
    to the rules to see the banner as the article does.
    """
    from shequ_core.serialization import from_json

    text = resources.files(__name__).joinpath(_FILE).read_text(encoding="utf-8")
    return from_json(text, Dataset)

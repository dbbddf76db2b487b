"""The texts the national and seed profiles cite, each a :class:`~shequ_core.entities.Basis`
with the dates it was in force (no article: :func:`cite` adds one).

A rule that changes with a law reads the date from the law's text here
(``RESIDENTS_COMMITTEE_LAW_2025.effective_from``), never from a date written in the rule.
"""

from __future__ import annotations

import datetime as dt

import attrs

from shequ_core.entities import Basis

__all__ = [
    "BRANCH_RULES",
    "ELDER_VISITING_GUIDANCE_2022",
    "MEDIATION_LAW",
    "MEDIATION_REGULATION_1989",
    "ORGAN_RULES",
    "PARTY_CONSTITUTION_1982",
    "PARTY_CONSTITUTION_2017",
    "PETITION_REGULATION",
    "PLAN_14TH_COMMUNITY_SERVICE",
    "RESIDENTS_COMMITTEE_LAW_1989",
    "RESIDENTS_COMMITTEE_LAW_2018",
    "RESIDENTS_COMMITTEE_LAW_2025",
    "SEED_ARTICLE",
    "WOMEN_LAW_2005",
    "WOMEN_LAW_2018",
    "WOMEN_LAW_2022",
    "cite",
    "in_force",
]


def cite(text: Basis, article: str | None = None) -> Basis:
    """``text`` with ``article`` named: what a policy number cites."""
    return attrs.evolve(text, article=article)


def in_force(text: Basis, on: dt.date) -> bool:
    """Whether ``text`` was in force on ``on`` (an open date counts as always)."""
    return text.in_force(on)


#: 中华人民共和国城市居民委员会组织法 (1989), in force 1990-01-01 until the 2018 amendment.
RESIDENTS_COMMITTEE_LAW_1989 = Basis(
    title="中华人民共和国城市居民委员会组织法",
    effective_from=dt.date(1990, 1, 1),
    effective_to=dt.date(2018, 12, 28),
)
#: The 2018 amendment (in force on promulgation, 2018-12-29) until the 2025 revision.
RESIDENTS_COMMITTEE_LAW_2018 = Basis(
    title="中华人民共和国城市居民委员会组织法（2018年修正）",
    effective_from=dt.date(2018, 12, 29),
    effective_to=dt.date(2025, 12, 31),
)
#: The 2025 revision (adopted 2025-10-28), in force 2026-01-01.
RESIDENTS_COMMITTEE_LAW_2025 = Basis(
    title="中华人民共和国城市居民委员会组织法（2025年修订）",
    effective_from=dt.date(2026, 1, 1),
)
#: 人民调解委员会组织条例 (国务院令第37号, 1989), replaced by the mediation law in 2011.
MEDIATION_REGULATION_1989 = Basis(
    title="人民调解委员会组织条例（国务院令第37号）", effective_to=dt.date(2010, 12, 31)
)
#: 中华人民共和国人民调解法 (2010-08-28), in force 2011-01-01.
MEDIATION_LAW = Basis(title="中华人民共和国人民调解法", effective_from=dt.date(2011, 1, 1))
#: 信访工作条例 (中共中央、国务院, published 2022-02-25), in force 2022-05-01.
PETITION_REGULATION = Basis(title="信访工作条例", effective_from=dt.date(2022, 5, 1))
#: 国务院办公厅《“十四五”城乡社区服务体系建设规划》(国办发〔2021〕56号, 2021-12-27).
PLAN_14TH_COMMUNITY_SERVICE = Basis(
    title="“十四五”城乡社区服务体系建设规划（国办发〔2021〕56号）",
    effective_from=dt.date(2021, 12, 27),
)
#: 中国共产党支部工作条例（试行） (2018); no dates are modelled (see the limitations).
BRANCH_RULES = Basis(title="中国共产党支部工作条例（试行）")
#: 中国共产党党和国家机关基层组织工作条例, read by analogy (参照).
ORGAN_RULES = Basis(title="中国共产党党和国家机关基层组织工作条例（参照）")
#: The seed article: 察右前旗's experience of new-style communities (2018), 三有四化.
SEED_ARTICLE = Basis(title="察右前旗新型社区建设经验（2018）：三有四化")

# -- texts added for the women's, mediation, party and visiting rules (issue 15) --------

#: 中华人民共和国妇女权益保障法 as amended 2005-08-28 (主席令第40号), in force 2005-12-01:
#: 第十一条第三款 居民委员会、村民委员会成员中，妇女应当有适当的名额 (new in 2005; the
#: 1992 text had no such clause).
WOMEN_LAW_2005 = Basis(
    title="中华人民共和国妇女权益保障法（2005年修正）",
    effective_from=dt.date(2005, 12, 1),
    effective_to=dt.date(2018, 10, 25),
)
#: The 2018-10-26 amendment (in force on promulgation); 第十一条第三款 unchanged.
WOMEN_LAW_2018 = Basis(
    title="中华人民共和国妇女权益保障法（2018年修正）",
    effective_from=dt.date(2018, 10, 26),
    effective_to=dt.date(2022, 12, 31),
)
#: The 2022-10-30 revision, in force 2023-01-01: 第十四条第三款 居民委员会、村民委员会
#: 成员中，应当保证有适当数量的妇女成员.
WOMEN_LAW_2022 = Basis(
    title="中华人民共和国妇女权益保障法（2022年修订）",
    effective_from=dt.date(2023, 1, 1),
)
#: 中国共产党章程 of 1982 (十二大, 1982-09-06) as revised up to 2012, until the 2017
#: revision: the three-member rule opens 第五章 (党的基层组织) in each text; its article
#: number in those texts was not verified, so the chapter is cited.
PARTY_CONSTITUTION_1982 = Basis(
    title="中国共产党章程（1982年通过，2012年以前各次修改）",
    effective_from=dt.date(1982, 9, 6),
    effective_to=dt.date(2017, 10, 23),
)
#: 中国共产党章程 as revised 2017-10-24 (十九大) and 2022-10-22 (二十大): 第三十条,
#: 凡是有正式党员三人以上的，都应当成立党的基层组织 (both texts).
PARTY_CONSTITUTION_2017 = Basis(
    title="中国共产党章程（2017年、2022年部分修改）",
    effective_from=dt.date(2017, 10, 24),
)
#: 民政部、中央政法委、中央文明办等10部门《关于开展特殊困难老年人探访关爱服务的指导
#: 意见》 (issued in October 2022; dated here from 人民日报's report of 2022-10-28, as neither
#: the signing date nor the document number was found): 独居、
#: 空巢、留守、失能、重残、计划生育特殊家庭 elders, a monthly visit rate of 100 % by the
#: end of 2025.
ELDER_VISITING_GUIDANCE_2022 = Basis(
    title="民政部等10部门《关于开展特殊困难老年人探访关爱服务的指导意见》（2022）",
    effective_from=dt.date(2022, 10, 28),
)

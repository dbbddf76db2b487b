"""The texts the national and seed profiles cite, each a :class:`~shequ_core.entities.Basis`
with its force (:class:`~shequ_core.entities.BasisKind`) and the dates it was in force
(no article: :func:`cite` adds one).

A rule that changes with a law reads the date from the law's text here
(``RESIDENTS_COMMITTEE_LAW_2025.effective_from``), never from a date written in the rule.
Every text is listed, with its issuing body, number and a public copy, in
``docs/explanation/sources.md``; a test fails when one is missing there.
"""

from __future__ import annotations

import datetime as dt

import attrs

from shequ_core.entities import Basis, BasisKind

__all__ = [
    "BEIJING_HOTLINE_REGULATION_2021",
    "BRANCH_RULES",
    "CIVIL_PROCEDURE_LAW_2023",
    "COMMUNITY_CORRECTION_LAW",
    "ELDER_VISITING_GUIDANCE_2022",
    "FUJIAN_RESETTLEMENT",
    "HOTLINE_GUIDANCE_2020",
    "JINAN_HOTLINE_REGULATION_2018",
    "MEDIATION_LAW",
    "MEDIATION_REGULATION_1989",
    "MEDIATION_RULES_2002",
    "ORGAN_RULES",
    "PARTY_CONSTITUTION_2012",
    "PARTY_CONSTITUTION_2017",
    "PARTY_CONSTITUTION_2022",
    "PARTY_CONSTITUTION_BEFORE_2012",
    "PETITION_REGULATION",
    "PLAN_14TH_COMMUNITY_SERVICE",
    "RESIDENTS_COMMITTEE_LAW_1989",
    "RESIDENTS_COMMITTEE_LAW_2018",
    "RESIDENTS_COMMITTEE_LAW_2025",
    "SEED_ARTICLE",
    "WEIFANG_HOTLINE_REGULATION_2021",
    "WOMEN_LAW_2005",
    "WOMEN_LAW_2018",
    "WOMEN_LAW_2022",
    "cite",
    "in_force",
    "party_constitution",
]


def cite(text: Basis, article: str | None = None) -> Basis:
    """``text`` with ``article`` named: what a policy number cites."""
    return attrs.evolve(text, article=article)


def in_force(text: Basis, on: dt.date) -> bool:
    """Whether ``text`` was in force on ``on`` (an open date counts as always)."""
    return text.in_force(on)


_STATUTE = BasisKind.STATUTE
_PARTY = BasisKind.PARTY_REGULATION

# -- 法律 (statutes of the NPC and its Standing Committee) ---------------------------------

#: 中华人民共和国城市居民委员会组织法 (adopted 1989-12-26), in force 1990-01-01 until the
#: 2018 amendment.
RESIDENTS_COMMITTEE_LAW_1989 = Basis(
    title="中华人民共和国城市居民委员会组织法",
    effective_from=dt.date(1990, 1, 1),
    effective_to=dt.date(2018, 12, 28),
    kind=_STATUTE,
)
#: The 2018 amendment (in force on promulgation, 2018-12-29) until the 2025 revision.
RESIDENTS_COMMITTEE_LAW_2018 = Basis(
    title="中华人民共和国城市居民委员会组织法（2018年修正）",
    effective_from=dt.date(2018, 12, 29),
    effective_to=dt.date(2025, 12, 31),
    kind=_STATUTE,
)
#: The 2025 revision (adopted 2025-10-28), in force 2026-01-01 (第五十条).
RESIDENTS_COMMITTEE_LAW_2025 = Basis(
    title="中华人民共和国城市居民委员会组织法（2025年修订）",
    effective_from=dt.date(2026, 1, 1),
    kind=_STATUTE,
)
#: 中华人民共和国人民调解法 (adopted 2010-08-28), in force 2011-01-01.
MEDIATION_LAW = Basis(
    title="中华人民共和国人民调解法", effective_from=dt.date(2011, 1, 1), kind=_STATUTE
)
#: 中华人民共和国民事诉讼法 as revised 2023-09-01, in force 2024-01-01 (its 第205条
#: states the 30-day window for a judicial confirmation).
CIVIL_PROCEDURE_LAW_2023 = Basis(
    title="中华人民共和国民事诉讼法（2023年修正）",
    effective_from=dt.date(2024, 1, 1),
    kind=_STATUTE,
)
#: 中华人民共和国社区矫正法 (adopted 2019-12-28), in force 2020-07-01.
COMMUNITY_CORRECTION_LAW = Basis(
    title="中华人民共和国社区矫正法", effective_from=dt.date(2020, 7, 1), kind=_STATUTE
)

#: 中华人民共和国妇女权益保障法 as amended 2005-08-28 (主席令第40号), in force 2005-12-01:
#: 第十一条第三款 居民委员会、村民委员会成员中，妇女应当有适当的名额 (new in 2005; the
#: 1992 text had no such clause).
WOMEN_LAW_2005 = Basis(
    title="中华人民共和国妇女权益保障法（2005年修正）",
    effective_from=dt.date(2005, 12, 1),
    effective_to=dt.date(2018, 10, 25),
    kind=_STATUTE,
)
#: The 2018-10-26 amendment (in force on promulgation); 第十一条第三款 unchanged.
WOMEN_LAW_2018 = Basis(
    title="中华人民共和国妇女权益保障法（2018年修正）",
    effective_from=dt.date(2018, 10, 26),
    effective_to=dt.date(2022, 12, 31),
    kind=_STATUTE,
)
#: The 2022-10-30 revision, in force 2023-01-01: 第十四条第三款 居民委员会、村民委员会
#: 成员中，应当保证有适当数量的妇女成员.
WOMEN_LAW_2022 = Basis(
    title="中华人民共和国妇女权益保障法（2022年修订）",
    effective_from=dt.date(2023, 1, 1),
    kind=_STATUTE,
)

# -- 行政法规 (State Council regulations) -------------------------------------------------

#: 人民调解委员会组织条例 (国务院令第37号), issued and in force 1989-06-17 (第十七条);
#: the mediation law took its place on 2011-01-01.
MEDIATION_REGULATION_1989 = Basis(
    title="人民调解委员会组织条例（国务院令第37号）",
    effective_from=dt.date(1989, 6, 17),
    effective_to=dt.date(2010, 12, 31),
    kind=BasisKind.ADMINISTRATIVE_REGULATION,
)

# -- 党内法规 (the party's own regulations, and texts the centre issues jointly) ---------------

#: 信访工作条例, issued by 中共中央 and 国务院 jointly on 2022-02-25, in force 2022-05-01
#: (第五十条): a party regulation issued with the State Council.
PETITION_REGULATION = Basis(title="信访工作条例", effective_from=dt.date(2022, 5, 1), kind=_PARTY)
#: 中国共产党章程 before its 2012 revision: the 1982 text as each congress amended it
#: (1987 to 2007), all with the 3-member duty; until 2012-11-13.
PARTY_CONSTITUTION_BEFORE_2012 = Basis(
    title="中国共产党章程（2012年修改前的文本）", effective_to=dt.date(2012, 11, 13), kind=_PARTY
)
#: 中国共产党章程 as amended by the 18th National Congress, adopted and in force 2012-11-14.
PARTY_CONSTITUTION_2012 = Basis(
    title="中国共产党章程（2012年修改）",
    effective_from=dt.date(2012, 11, 14),
    effective_to=dt.date(2017, 10, 23),
    kind=_PARTY,
)
#: As amended by the 19th National Congress, adopted and in force 2017-10-24.
PARTY_CONSTITUTION_2017 = Basis(
    title="中国共产党章程（2017年修改）",
    effective_from=dt.date(2017, 10, 24),
    effective_to=dt.date(2022, 10, 21),
    kind=_PARTY,
)
#: As amended by the 20th National Congress, adopted and in force 2022-10-22: the text
#: in force.
PARTY_CONSTITUTION_2022 = Basis(
    title="中国共产党章程（2022年修改）", effective_from=dt.date(2022, 10, 22), kind=_PARTY
)
#: 中国共产党支部工作条例（试行）, issued by 中共中央 on 2018-10-28 and in force from its
#: issue; before that day the library cites the analogy text below for branch committees.
BRANCH_RULES = Basis(
    title="中国共产党支部工作条例（试行）", effective_from=dt.date(2018, 10, 28), kind=_PARTY
)
#: 中国共产党党和国家机关基层组织工作条例, read by analogy (参照) for the sizes of general
#: branches and primary committees, and for branch committees before 2018-10-28. In force
#: throughout the years the library covers (1998 text, revised 2019); the exact dates of
#: either text were not read, so none are modelled.
ORGAN_RULES = Basis(title="中国共产党党和国家机关基层组织工作条例（参照）", kind=_PARTY)

# -- 规范性文件 (normative documents of State Council departments) -----------------------

#: 民政部、中央政法委、中央文明办等10部门《关于开展特殊困难老年人探访关爱服务的指导
#: 意见》 (issued in October 2022; dated here from 人民日报's report of 2022-10-28, as neither
#: the signing date nor the document number was found): 独居、空巢、留守、失能、重残、
#: 计划生育特殊家庭 elders, a monthly visit rate of 100 % by the end of 2025.
ELDER_VISITING_GUIDANCE_2022 = Basis(
    title="民政部等10部门《关于开展特殊困难老年人探访关爱服务的指导意见》（2022）",
    effective_from=dt.date(2022, 10, 28),
    kind=BasisKind.NORMATIVE_DOCUMENT,
)

# -- 规划目标 (planning targets) -------------------------------------------------------

#: 国务院办公厅《“十四五”城乡社区服务体系建设规划》(国办发〔2021〕56号, dated 2021-12-27):
#: targets for 2025, the end of the plan's period. After 2025-12-31 no national plan
#: target is modelled (its successor was not read).
PLAN_14TH_COMMUNITY_SERVICE = Basis(
    title="“十四五”城乡社区服务体系建设规划（国办发〔2021〕56号）",
    effective_from=dt.date(2021, 12, 27),
    effective_to=dt.date(2025, 12, 31),
    kind=BasisKind.PLAN_TARGET,
)

# -- 12345 hotlines and mediation rules (issue #18) ------------------------------------------

#: 司法部《人民调解工作若干规定》(司法部令第75号), adopted 2002-09-11, in force 2002-11-01:
#: 第三十三条 人民调解委员会调解纠纷，一般在一个月内调结.
MEDIATION_RULES_2002 = Basis(
    title="人民调解工作若干规定（司法部令第75号）",
    effective_from=dt.date(2002, 11, 1),
    kind=BasisKind.DEPARTMENTAL_RULE,
)
#: 国务院办公厅《关于进一步优化地方政务服务便民热线的指导意见》(国办发〔2020〕53号):
#: merges the hotlines into 12345 and asks for 即时转办、限时办理 without setting a number.
#: Dated here from 新华社's report of its issue (2021-01-06); its own date was not read.
HOTLINE_GUIDANCE_2020 = Basis(
    title="国务院办公厅关于进一步优化地方政务服务便民热线的指导意见（国办发〔2020〕53号）",
    effective_from=dt.date(2021, 1, 6),
    kind=BasisKind.NORMATIVE_DOCUMENT,
)
#: 北京市接诉即办工作条例, adopted 2021-09-24 and in force on publication (第三十八条).
BEIJING_HOTLINE_REGULATION_2021 = Basis(
    title="北京市接诉即办工作条例",
    effective_from=dt.date(2021, 9, 24),
    kind=BasisKind.LOCAL_REGULATION,
)
#: 济南市12345市民服务热线条例, adopted 2018-06-28, approved 2018-07-27, in force
#: 2018-09-01 (第四十四条).
JINAN_HOTLINE_REGULATION_2018 = Basis(
    title="济南市12345市民服务热线条例",
    effective_from=dt.date(2018, 9, 1),
    kind=BasisKind.LOCAL_REGULATION,
)
#: 潍坊市12345政务服务便民热线条例, adopted 2021-10-21, approved 2021-12-03, in force
#: 2021-12-15 (第四十一条).
WEIFANG_HOTLINE_REGULATION_2021 = Basis(
    title="潍坊市12345政务服务便民热线条例",
    effective_from=dt.date(2021, 12, 15),
    kind=BasisKind.LOCAL_REGULATION,
)

# -- 地方做法 (one place's practice) -----------------------------------------------------

#: The seed article: 察右前旗's experience of new-style communities (2018), 三有四化. An
#: account of one banner's practice and experiments, not a rule; no dates of force.
SEED_ARTICLE = Basis(
    title="察右前旗新型社区建设经验（2018）：三有四化", kind=BasisKind.LOCAL_PRACTICE
)
#: 福建省刑满释放人员分类帮教办法: one province's text, used as the default 安置帮教 period
#: elsewhere, where it binds nobody; its dates were not read.
FUJIAN_RESETTLEMENT = Basis(
    title="福建省刑满释放人员分类帮教办法（福建省，外省参照）", kind=BasisKind.LOCAL_PRACTICE
)

#: The 党章 texts in the order they took effect.
_PARTY_CONSTITUTIONS = (
    PARTY_CONSTITUTION_BEFORE_2012,
    PARTY_CONSTITUTION_2012,
    PARTY_CONSTITUTION_2017,
    PARTY_CONSTITUTION_2022,
)


def party_constitution(on: dt.date) -> Basis:
    """The text of 中国共产党章程 in force on ``on``."""
    return next(t for t in reversed(_PARTY_CONSTITUTIONS) if t.in_force(on))

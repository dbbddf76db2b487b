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
    "MEDIATION_LAW",
    "MEDIATION_REGULATION_1989",
    "ORGAN_RULES",
    "PETITION_REGULATION",
    "PLAN_14TH_COMMUNITY_SERVICE",
    "RESIDENTS_COMMITTEE_LAW_1989",
    "RESIDENTS_COMMITTEE_LAW_2018",
    "RESIDENTS_COMMITTEE_LAW_2025",
    "SEED_ARTICLE",
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

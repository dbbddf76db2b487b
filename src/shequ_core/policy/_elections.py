"""The numbers of a residents' committee election (换届选举), by the law of the date.

References:
    * 中华人民共和国城市居民委员会组织法 as revised 2025-10-28, in force 2026-01-01
      (read in its text, 第三章 居民委员会的选举):
      第十四条 a term of 5 years, a new election due when it ends; 第十七条 the voter
      list (and, for an election by household or residents' representatives, their
      list) published 二十日前 the election day, an objection within 五日 of
      publication, decided within 三日 of receipt; 第十八条 candidates nominated by
      the community's party organisation or 十名以上选民 jointly; 第十九条 an election
      is valid when 选民的过半数 (direct) or 户的代表的过半数 (household representatives)
      take part, or 超过三分之二的居民代表 (residents' representatives); a candidate
      is elected with 参加投票的人员过半数的选票; in a further election (另行选举) the
      most votes elect, but 不得少于已投选票总数的三分之一; 每一选民接受的委托不得超过
      三人, and no proxies in an election by residents' representatives; 第二十条 a
      recall is proposed by 十分之一以上 of the voters or household representatives, or
      三分之一以上 of the residents' representatives, and the vote on it, held the way
      the member was elected, needs the turnout of an election (过半数 of the voters or
      household representatives, 超过三分之二 of the residents' representatives) and
      投票人员的过半数; 第二十五条 the handover within
      十日 of the new committee being formed; 第二十六条 a residents' meeting notified
      十日 in advance; 第三十八条第二款 the result of the director's departure audit
      published before the next election.
    * The 1989 text and its 2018 amendment (第八条, 第九条, 第十条) set none of these
      numbers: who elects and the term only. Turnout, the share that elects, proxies and
      the periods were left to the provinces' 实施办法 and 选举办法.

Limitations:
    * Before 2026 every field here is None: the national law set no such number, and no
      province's text is built in. Load a province's numbers as a profile (with
      ``BasisKind.LOCAL_REGULATION``) over the national one.
    * The horizon in which a coming election is reported (``election_due_horizon``, 180
      days) is the library's choice, not the law's (``BasisKind.LOCAL_PRACTICE``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from shequ_core.entities import Basis, BasisKind
from shequ_core.policy._kinds import Count, Ratio, Requirement, Threshold
from shequ_core.policy._limits import (
    ELECTION_HANDOVER,
    ELECTION_OBJECTION,
    ELECTION_OBJECTION_DECISION,
    ELECTION_VOTER_LIST_NOTICE,
    RESIDENTS_MEETING_NOTICE,
)
from shequ_core.policy._texts import RESIDENTS_COMMITTEE_LAW_2025, cite, in_force

__all__ = ["ELECTION_DUE_HORIZON", "ELECTION_FIELDS", "election_law"]

#: The library's choice: an election due within 180 days of the day judged is reported.
ELECTION_DUE_HORIZON = Count(
    value=180,
    basis=Basis(
        title="shequ_core default: elections due within half a year are reported",
        kind=BasisKind.LOCAL_PRACTICE,
    ),
)

#: The policy fields of an election, each None where the law of the day sets no number.
ELECTION_FIELDS = (
    "election_turnout_voters",
    "election_turnout_households",
    "election_turnout_representatives",
    "election_majority",
    "election_runoff_minimum",
    "election_max_proxies",
    "election_nominators",
    "recall_voters",
    "recall_households",
    "recall_representatives",
    "recall_turnout_voters",
    "recall_turnout_households",
    "recall_turnout_representatives",
    "recall_majority",
    "election_voter_list_notice",
    "election_objection",
    "election_objection_decision",
    "election_handover",
    "residents_meeting_notice",
    "election_audit_notice",
)


def _share(n: int, d: int, *, inclusive: bool, article: str) -> Threshold:
    return Threshold(
        share=Ratio(numerator=n, denominator=d),
        inclusive=inclusive,
        basis=cite(RESIDENTS_COMMITTEE_LAW_2025, article),
    )


def election_law(as_of: dt.date) -> dict[str, Any]:
    """The election numbers in force on ``as_of``, by :class:`Policy` field name."""
    if not in_force(RESIDENTS_COMMITTEE_LAW_2025, as_of):
        return dict.fromkeys(ELECTION_FIELDS)
    law = RESIDENTS_COMMITTEE_LAW_2025
    return {
        # 第十九条第一款: 过半数 (more than half), 超过三分之二 (more than two thirds).
        "election_turnout_voters": _share(1, 2, inclusive=False, article="第十九条第一款"),
        "election_turnout_households": _share(1, 2, inclusive=False, article="第十九条第一款"),
        "election_turnout_representatives": _share(2, 3, inclusive=False, article="第十九条第一款"),
        # 第十九条第二款: 参加投票的人员过半数的选票; 另行选举 不得少于 1/3 (at least).
        "election_majority": _share(1, 2, inclusive=False, article="第十九条第二款"),
        "election_runoff_minimum": _share(1, 3, inclusive=True, article="第十九条第二款"),
        # 第十九条第四款: 每一选民接受的委托不得超过三人.
        "election_max_proxies": Count(value=3, basis=cite(law, "第十九条第四款")),
        # 第十八条: 十名以上选民联合提名推荐.
        "election_nominators": Count(value=10, basis=cite(law, "第十八条")),
        # 第二十条第一款: 十分之一以上 ... 三分之一以上 ... 联名.
        "recall_voters": _share(1, 10, inclusive=True, article="第二十条第一款"),
        "recall_households": _share(1, 10, inclusive=True, article="第二十条第一款"),
        "recall_representatives": _share(1, 3, inclusive=True, article="第二十条第一款"),
        # 第二十条第二款: 按照产生时的选举方式 ... 须有选民或者户的代表过半数或者超过三分之二
        # 的居民代表投票，并须经投票人员的过半数通过.
        "recall_turnout_voters": _share(1, 2, inclusive=False, article="第二十条第二款"),
        "recall_turnout_households": _share(1, 2, inclusive=False, article="第二十条第二款"),
        "recall_turnout_representatives": _share(2, 3, inclusive=False, article="第二十条第二款"),
        "recall_majority": _share(1, 2, inclusive=False, article="第二十条第二款"),
        "election_voter_list_notice": ELECTION_VOTER_LIST_NOTICE,
        "election_objection": ELECTION_OBJECTION,
        "election_objection_decision": ELECTION_OBJECTION_DECISION,
        "election_handover": ELECTION_HANDOVER,
        "residents_meeting_notice": RESIDENTS_MEETING_NOTICE,
        # 第三十八条第二款: 离任经济责任审计结果应当在下一届居民委员会选举之前公布.
        "election_audit_notice": Requirement(basis=cite(law, "第三十八条第二款")),
    }

"""Residents' committee elections (换届选举): terms, the election calendar, validity, recall.

References:
    * 中华人民共和国城市居民委员会组织法, 1989 text (in force 1990-01-01) 第八条: the
      committee is elected by all voters, by one representative of each household, or by
      two or three delegates of each 居民小组, for 3 years; 第十条第三款: the residents'
      meeting may recall and by-elect members. As amended 2018-12-29 (in force on
      promulgation): the same, for 5 years.
    * The same law as revised 2025-10-28, in force 2026-01-01 (第三章): 第十四条 (who
      elects, a term of 5 years, a new election when it ends), 第十七条 (the voter list
      published 二十日前, objections within 五日, answered within 三日), 第十八条
      (candidates nominated by the party organisation or 十名以上选民, more candidates
      than seats), 第十九条 (valid with 过半数 of the voters or household
      representatives, or 超过三分之二 of the residents' representatives, taking part;
      elected with 过半数 of the votes of those who took part; a further election for
      the seats left, the most votes electing but 不得少于 a third of the ballots; 不得
      超过三人 proxies a voter, none in an election by representatives), 第二十条 (a
      recall proposed by 十分之一以上 of the voters or household representatives, or
      三分之一以上 of the residents' representatives; the vote, held the way the member
      was elected, needs an election's turnout and 投票人员的过半数), 第二十五条
      (handover within 十日), 第二十六条 (a residents' meeting notified 十日 in
      advance), 第三十八条第二款 (the departure audit published before the next
      election). Every number is in
      :class:`~shequ_core.policy.Policy` with its article, looked up by the day judged.
    * 民法典 第二百零一条 to 第二百零三条: a period's first day is not counted; a period
      in years ends on the corresponding day (the month's last day if it has none); a
      period ending on a statutory holiday ends the day after (``roll_forward``).
    * 以上 includes the number, 超过 and 过半数 exclude it (民法典 第一千二百五十九条):
      every share is compared exactly (:class:`fractions.Fraction`).

Limitations:
    * Before 2026 the national law set no turnout, majority, proxy, recall share or
      period: the rules then answer ``holds=None`` ("the province's rules apply") and
      the timeline holds the election day alone. No province's 选举办法 is built in: a
      province's numbers are loaded as a profile (``BasisKind.LOCAL_REGULATION``).
      The villagers' committee law (村民委员会组织法) is not used for any number.
    * The committee law counts every period in 日, read as natural days; the calendar
      is asked only for a profile's working-day limits or for ``roll_forward``. A
      period counted back from the election (the voter list) is a latest day, never
      carried to a working day, as that would shorten it.
    * The handover is counted from the election day unless the day the new committee
      was formed is given; the residents' meeting that elects the election committee
      is dated only when its day is given. The number of candidates in a further
      election, by-elections (第二十四条) and resignations (第二十一条) are not modelled,
      nor the six months' work that lets a community worker registered elsewhere vote
      (第十六条第三款).
    * A term's end is judged from the recorded election day (``Community.committee_elected_on``)
      by the term of the law in force on that day: a committee elected under the 1989
      text keeps its 3 years after the 2018 amendment.
"""

from shequ_core.rules.elections._common import RuleResult
from shequ_core.rules.elections._terms import TermEnd, term_end, term_findings
from shequ_core.rules.elections._timeline import Step, election_timeline
from shequ_core.rules.elections._validity import (
    candidate_result,
    election_validity,
    enough_candidates,
    max_proxies,
    nomination_valid,
    proxies_allowed,
    recall_may_start,
    recall_passes,
    runoff_needed,
    runoff_result,
)

__all__ = [
    "RuleResult",
    "Step",
    "TermEnd",
    "candidate_result",
    "election_timeline",
    "election_validity",
    "enough_candidates",
    "max_proxies",
    "nomination_valid",
    "proxies_allowed",
    "recall_may_start",
    "recall_passes",
    "runoff_needed",
    "runoff_result",
    "term_end",
    "term_findings",
]

"""Statutory time limits as data: each with its number, unit, extension cap and basis.

References:
    * 信访工作条例 (中共中央、国务院, published 2022-02-25, in force 2022-05-01):
      第22条 (the 信访部门 registers and routes a petition within 15 日), 第23条 (the
      petitioner is told within 15 日 whether it is accepted, or where it went), 第34条
      (a petition is concluded within 60 日 of acceptance; with the head's approval the
      limit may be extended by at most 30 日, the petitioner being told why), 第35条
      (复查: the next-higher body answers within 30 日), 第36条 (复核: answered within
      30 日; the time of a hearing is not counted).
      The petitioner's own windows, read in the text: 第35条, a petitioner who does not
      accept the handling opinion may ask the next-higher body for a 复查 within 30 日
      of receiving the written reply; 第36条, one who does not accept the 复查 opinion
      may ask for a 复核 within 30 日 of receiving its written reply. The text's only
      working-day limit is 第23条's: a body given a petition that is not within its
      powers objects within 5 个工作日 of receiving it.
    * 人民调解法 (2010-08-28, in force 2011-01-01) 第33条 and 民事诉讼法 (as revised
      2023-09-01, in force 2024-01-01) 第205条: the parties to a mediation agreement
      may jointly ask a court to confirm it within 30 日 of its taking effect.
    * 城市居民委员会组织法 as revised 2025-10-28, in force 2026-01-01 (read in the
      text): the voter list is published at least 20 日 before election day (第17条);
      an objection is lodged within 5 日 of publication and the election committee
      decides within 3 日 of receiving it (第17条); the old committee hands over within
      10 日 of the new one being formed (第25条); residents are told of a residents'
      meeting 10 日 in advance, or at short notice in special circumstances (第26条).
      The 1989/2018 text set none of these periods.

Limitations:
    * Bare 日 is read as natural (calendar) days. The texts say 工作日 where they mean
      working days (信访工作条例 第23条 itself gives 5 个工作日 for an objection), so
      the reading is an inference, not a quotation (whether 信访 limits are officially
      natural days was not verified).
    * A period ending on a rest day is carried to the next working day (民法典 第203条)
      by the deadline rule's (:mod:`shequ_core.rules.sla`) ``roll_forward``, its default. Whether
      that civil-law rule governs 信访 limits was not verified: pass
      ``roll_forward=False`` for the strict reading.
    * Some limits run backwards from a day (the voter list 20 日 before the election,
      the meeting notice 10 日 before the meeting): ``limit`` is the least number of
      days between the two, and a deadline rule that counts forwards does not apply
      to them as it stands.
    * ``max_extension_days`` is 0 where the text provides for no extension. The hearing
      time excluded from a 复核 (第36条) is a suspension: record it as SUSPENDED and
      RESUMED events.
    * The 2005 信访条例 (国务院令第431号) had the same numbers (第21, 33–35条); whether
      it was formally repealed was not verified, and it is not modelled separately.
      Provincial 信访条例 that count in working days (浙江, 山东) are not included.
    * The court's own limits for a judicial confirmation (3 days to accept, 15 + 10 to
      decide, 法释〔2011〕5号) are not included.
"""

from __future__ import annotations

import attrs

from shequ_core.entities import Basis, TimeLimit, TimeUnit
from shequ_core.policy._texts import (
    CIVIL_PROCEDURE_LAW_2023,
    MEDIATION_LAW,
    PETITION_REGULATION,
    RESIDENTS_COMMITTEE_LAW_2025,
    cite,
)
from shequ_core.validation import (
    Fault,
    Record,
    check_instance,
    check_opt_text,
    check_tuple_of,
    md,
    opt_text,
    to_tuple,
)

__all__ = [
    "ELECTION_HANDOVER",
    "ELECTION_OBJECTION",
    "ELECTION_OBJECTION_DECISION",
    "ELECTION_VOTER_LIST_NOTICE",
    "JUDICIAL_CONFIRMATION_WINDOW",
    "PETITION_ASSIGNMENT_OBJECTION",
    "PETITION_HANDLING",
    "PETITION_RECHECK",
    "PETITION_RECHECK_REQUEST",
    "PETITION_REVIEW",
    "PETITION_REVIEW_REQUEST",
    "PETITION_ROUTING",
    "RESIDENTS_MEETING_NOTICE",
    "StatutoryLimit",
]


def _check_cap(value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool):
        return Fault(
            "wrong_type", f"must be a whole number of days or None, got {type(value).__name__}"
        )
    if value < 0:
        return Fault("out_of_range", f"must be 0 or more, got {value}")
    return None


@attrs.frozen
class StatutoryLimit(Record):
    """A time limit the law sets, with its basis and how far it may be extended.

    ``max_extension_days`` is the most the limit may be extended by, in its own unit:
    0 when the text provides for no extension, None (the default, so a profile file
    without it, as TOML writes None, reads back) when it sets no cap. Pass it to
    :func:`~shequ_core.rules.sla.due_date` as ``max_extension_days``. ``see_also``
    holds other texts that state the same limit.
    """

    limit: TimeLimit = attrs.field(metadata=md("时限", check_instance(TimeLimit, "a TimeLimit")))
    basis: Basis = attrs.field(metadata=md("依据", check_instance(Basis, "a Basis")))
    max_extension_days: int | None = attrs.field(default=None, metadata=md("最长延期", _check_cap))
    see_also: tuple[Basis, ...] = attrs.field(
        default=(),
        converter=to_tuple,
        metadata=md("另见", check_tuple_of(check_instance(Basis, "a Basis"))),
    )
    #: A short name of the step the limit is for (登记转送, 办理, 复查, ...).
    name: str | None = attrs.field(
        default=None, converter=opt_text, metadata=md("名称", check_opt_text)
    )


def _natural(days: int) -> TimeLimit:
    return TimeLimit(amount=days, unit=TimeUnit.NATURAL_DAYS)


def _working(days: int) -> TimeLimit:
    return TimeLimit(amount=days, unit=TimeUnit.WORKING_DAYS)


#: 登记转送、告知: 信访部门 registers and routes within 15 日 (第22条); the petitioner is
#: told whether it is accepted, or where it was sent, within 15 日 (第23条). No extension.
PETITION_ROUTING = StatutoryLimit(
    name="信访事项登记转送、告知",
    limit=_natural(15),
    basis=cite(PETITION_REGULATION, "第22条、第23条"),
    max_extension_days=0,
)

#: 办理: concluded within 60 日 of acceptance; extension of at most 30 日 with the head's
#: approval, the petitioner told why (第34条).
PETITION_HANDLING = StatutoryLimit(
    name="信访事项办理",
    limit=_natural(60),
    basis=cite(PETITION_REGULATION, "第34条"),
    max_extension_days=30,
)

#: 转送、交办异议: a body that is sent a petition outside its powers objects, with its
#: reasons, within 5 个工作日 of receiving it (第23条): the text's one working-day limit.
PETITION_ASSIGNMENT_OBJECTION = StatutoryLimit(
    name="对转送、交办信访事项提出异议",
    limit=_working(5),
    basis=cite(PETITION_REGULATION, "第23条"),
    max_extension_days=0,
)

#: 请求复查: a petitioner who does not accept the handling opinion asks the next-higher
#: body for a review within 30 日 of receiving the written reply (第35条).
PETITION_REVIEW_REQUEST = StatutoryLimit(
    name="请求复查",
    limit=_natural(30),
    basis=cite(PETITION_REGULATION, "第35条"),
    max_extension_days=0,
)

#: 请求复核: a petitioner who does not accept the 复查 opinion asks the body above the
#: reviewing one for a recheck within 30 日 of receiving its written reply (第36条).
PETITION_RECHECK_REQUEST = StatutoryLimit(
    name="请求复核",
    limit=_natural(30),
    basis=cite(PETITION_REGULATION, "第36条"),
    max_extension_days=0,
)

#: 复查: the next-higher body answers within 30 日 of receiving the request (第35条).
PETITION_REVIEW = StatutoryLimit(
    name="信访事项复查",
    limit=_natural(30),
    basis=cite(PETITION_REGULATION, "第35条"),
    max_extension_days=0,
)

#: 复核: answered within 30 日; hearing time is not counted (第36条): a suspension.
PETITION_RECHECK = StatutoryLimit(
    name="信访事项复核",
    limit=_natural(30),
    basis=cite(PETITION_REGULATION, "第36条"),
    max_extension_days=0,
)

#: 司法确认申请期间: within 30 日 of the mediation agreement taking effect, the parties
#: jointly apply to the court (人民调解法 第33条; 民事诉讼法 第205条).
JUDICIAL_CONFIRMATION_WINDOW = StatutoryLimit(
    name="申请司法确认",
    limit=_natural(30),
    basis=cite(MEDIATION_LAW, "第33条"),
    max_extension_days=0,
    see_also=(cite(CIVIL_PROCEDURE_LAW_2023, "第205条"),),
)

# -- the committee law of 2025: elections and meetings (in force 2026-01-01) ----------------

_COMMITTEE_LAW = RESIDENTS_COMMITTEE_LAW_2025

#: 选民名单公布: the registered voters' list is published at least 20 日 before election
#: day (第17条). Counted back from the election: the least number of days between.
ELECTION_VOTER_LIST_NOTICE = StatutoryLimit(
    name="选民名单于选举日二十日前公布",
    limit=_natural(20),
    basis=cite(_COMMITTEE_LAW, "第十七条"),
    max_extension_days=0,
)

#: 名单异议: an objection to the list is lodged within 5 日 of its publication (第17条).
ELECTION_OBJECTION = StatutoryLimit(
    name="对选民名单提出申诉",
    limit=_natural(5),
    basis=cite(_COMMITTEE_LAW, "第十七条"),
    max_extension_days=0,
)

#: 申诉处理: the residents' election committee decides an objection, and publishes the
#: decision, within 3 日 of receiving it (第17条).
ELECTION_OBJECTION_DECISION = StatutoryLimit(
    name="居民选举委员会处理申诉",
    limit=_natural(3),
    basis=cite(_COMMITTEE_LAW, "第十七条"),
    max_extension_days=0,
)

#: 工作移交: the committee's work is handed over within 10 日 of the new committee being
#: formed, under the election committee and supervised by the 街道办事处 (第25条).
ELECTION_HANDOVER = StatutoryLimit(
    name="新一届居民委员会工作移交",
    limit=_natural(10),
    basis=cite(_COMMITTEE_LAW, "第二十五条"),
    max_extension_days=0,
)

#: 居民会议通知: residents are told of a residents' meeting 10 日 in advance; in special
#: circumstances they may be told at short notice (第26条). Counted back from the meeting.
RESIDENTS_MEETING_NOTICE = StatutoryLimit(
    name="召集居民会议提前通知",
    limit=_natural(10),
    basis=cite(_COMMITTEE_LAW, "第二十六条"),
    max_extension_days=0,
)

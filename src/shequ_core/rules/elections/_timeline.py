"""The statutory calendar of an election (2025 第十七条、第十八条、第二十五条、第二十六条、
第三十八条): each step with its first and last day and its article."""

from __future__ import annotations

import datetime as dt

import attrs

from shequ_core.calendar import WorkCalendar, china_calendar
from shequ_core.entities import Basis, ElectionKind, TimeUnit
from shequ_core.errors import Problem, ValidationError
from shequ_core.policy import Count, Policy, Requirement, StatutoryLimit
from shequ_core.rules.elections._common import check_day, check_kind, law_of, who_elects

__all__ = ["Step", "election_timeline"]


@attrs.frozen(kw_only=True)
class Step:
    """One step of an election the law times, with the days it may be taken on.

    ``first_day`` and ``last_day`` are the earliest and latest days the law allows (None
    where it sets none: the law gives a deadline only, or no period at all, as for the
    candidates' list); ``unit`` is how the period is counted (natural or working days;
    None for a step the law does not count). ``note`` and ``note_zh`` say how the days
    were found and what the law leaves to the provinces.
    """

    name: str = attrs.field(metadata={"label_zh": "步骤（英文）"})
    name_zh: str = attrs.field(metadata={"label_zh": "步骤"})
    first_day: dt.date | None = attrs.field(metadata={"label_zh": "最早日期"})
    last_day: dt.date | None = attrs.field(metadata={"label_zh": "最晚日期"})
    unit: TimeUnit | None = attrs.field(metadata={"label_zh": "计算方式"})
    basis: Basis = attrs.field(metadata={"label_zh": "依据"})
    note: str = attrs.field(default="", metadata={"label_zh": "说明（英文）"})
    note_zh: str = attrs.field(default="", metadata={"label_zh": "说明"})

    @property
    def article(self) -> str | None:
        """The article the step rests on (``第十七条``)."""
        return self.basis.article


class _Counter:
    """Counts periods back and forth in their own unit, asking the calendar only when a
    working-day period or the rest-day rule needs it."""

    def __init__(self, calendar: WorkCalendar | None, roll_forward: bool) -> None:
        self._calendar = calendar
        self.roll_forward = roll_forward

    @property
    def calendar(self) -> WorkCalendar:
        if self._calendar is None:
            self._calendar = china_calendar()
        return self._calendar

    def before(self, day: dt.date, limit: StatutoryLimit) -> dt.date:
        """The latest day at least ``limit`` before ``day`` (the voter list 二十日前)."""
        n = limit.limit.amount
        if limit.limit.unit is TimeUnit.WORKING_DAYS:
            return self.calendar.add_working_days(day, -n)
        return _shift(day, -n)

    def after(self, day: dt.date, limit: StatutoryLimit) -> dt.date:
        """The last day of ``limit`` counted from ``day`` (its first day not counted, 民法典
        第二百零一条); a natural-day period ending on a rest day is carried to the next
        working day with ``roll_forward`` (第二百零三条)."""
        n = limit.limit.amount
        if limit.limit.unit is TimeUnit.WORKING_DAYS:
            return self.calendar.add_working_days(day, n)
        end = _shift(day, n)
        if self.roll_forward and not self.calendar.is_working_day(end):
            end = self.calendar.next_working_day(end)
        return end


def _shift(day: dt.date, days: int) -> dt.date:
    """``day`` moved by ``days`` natural days; a ValidationError at the election day when
    that falls outside the dates Python holds."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        msg = (
            f"its steps would fall outside the dates Python holds ({dt.date.min} to {dt.date.max})"
        )
        problem = Problem("election_day", msg, "out_of_range")
        raise ValidationError([problem], subject="election_timeline") from None


_NO_PERIOD = "the law sets no period; the province's election rules apply"
_NO_PERIOD_ZH = "法律未规定期限，适用省级选举办法"


def election_timeline(
    election_day: dt.date,
    *,
    policy: Policy | None = None,
    calendar: WorkCalendar | None = None,
    kind: ElectionKind | None = None,
    meeting_day: dt.date | None = None,
    list_published_on: dt.date | None = None,
    formed_on: dt.date | None = None,
    roll_forward: bool = False,
) -> list[Step]:
    """Every step the law in force on ``election_day`` times, in the order of the procedure.

    From 2026 (the 2025 text): the notice of the residents' meeting that elects the
    residents' election committee (10 日 before ``meeting_day``, 第二十六条; undated
    without it), the voter list (and for an election by household or residents'
    representatives their list) published 20 日 before the election (第十七条), the
    objections within 5 日 of publication and their answer within 3 日 of receipt
    (第十七条, counted from ``list_published_on`` or else the latest day the list may
    be published), the candidates (第十八条: no period), the director's departure audit
    published before the election (第三十八条), the election, and the handover within
    10 日 of the new committee being formed (第二十五条; ``formed_on``, by default the
    election day, whose results are announced on the spot, 第十九条). Before 2026 the
    national law timed nothing but the election itself (2018 第八条).

    Periods are natural days as the text says (日); a profile whose limits count working
    days is counted on ``calendar`` (:func:`~shequ_core.calendar.china_calendar` by
    default). ``kind`` None lists the steps of every kind of election.
    """
    subject = "election_timeline"
    election_day = check_day(subject, "election_day", election_day)
    if kind is not None:
        kind = check_kind(subject, kind)
    for name, value in (
        ("meeting_day", meeting_day),
        ("list_published_on", list_published_on),
        ("formed_on", formed_on),
    ):
        if value is not None:
            check_day(subject, name, value)
    _check_order(meeting_day, list_published_on, formed_on, election_day)
    count = _Counter(calendar, bool(roll_forward))
    steps: list[Step] = []

    def law(field: str) -> StatutoryLimit | Requirement | Count | None:
        value: StatutoryLimit | Requirement | Count | None = law_of(election_day, policy, field)
        return value

    notice = law("residents_meeting_notice")
    if isinstance(notice, StatutoryLimit):
        steps.append(_meeting_step(notice, meeting_day, count))
    voter_list = law("election_voter_list_notice")
    published = list_published_on
    if isinstance(voter_list, StatutoryLimit):
        latest = count.before(election_day, voter_list)
        published = published or latest
        unit = voter_list.limit.unit
        steps.append(
            Step(
                name="voter list published",
                name_zh="公布选民名单",
                first_day=None,
                last_day=latest,
                unit=unit,
                basis=voter_list.basis,
                note=f"at least {voter_list.limit.amount} days before the election",
                note_zh=f"选举日的{voter_list.limit.amount}日前",
            )
        )
        if kind is not ElectionKind.DIRECT:
            steps.append(
                Step(
                    name="list of household or residents' representatives published",
                    name_zh="公布户的代表或者新一届居民代表名单",
                    first_day=None,
                    last_day=latest,
                    unit=unit,
                    basis=voter_list.basis,
                    note="with the voter list, in an election by representatives",
                    note_zh="采取每户派代表或者居民代表选举方式的，与选民名单同时公布",
                )
            )
    objection = law("election_objection")
    if isinstance(objection, StatutoryLimit) and published is not None:
        lodged_by = count.after(published, objection)
        steps.append(
            Step(
                name="objections to the list",
                name_zh="对名单提出申诉",
                first_day=published,
                last_day=lodged_by,
                unit=objection.limit.unit,
                basis=objection.basis,
                note=f"within {objection.limit.amount} days of the list's publication",
                note_zh=f"自名单公布之日起{objection.limit.amount}日内",
            )
        )
        answer = law("election_objection_decision")
        if isinstance(answer, StatutoryLimit):
            steps.append(
                Step(
                    name="objections decided and published",
                    name_zh="作出处理决定并公布",
                    first_day=published,
                    last_day=count.after(lodged_by, answer),
                    unit=answer.limit.unit,
                    basis=answer.basis,
                    note=f"within {answer.limit.amount} days of receiving an objection",
                    note_zh=f"自收到申诉之日起{answer.limit.amount}日内",
                )
            )
    nominators = law("election_nominators")
    if isinstance(nominators, Count):
        steps.append(
            Step(
                name="candidates nominated and met",
                name_zh="提名推荐候选人、候选人与居民见面",
                first_day=None,
                last_day=None,
                unit=None,
                basis=nominators.basis,
                note=(
                    f"by the party organisation or {nominators.value} or more voters; " + _NO_PERIOD
                ),
                note_zh=(
                    f"由社区党组织或者{nominators.value}名以上选民联合提名推荐；" + _NO_PERIOD_ZH
                ),
            )
        )
    audit = law("election_audit_notice")
    if isinstance(audit, Requirement):
        steps.append(
            Step(
                name="director's departure audit published",
                name_zh="公布主任离任经济责任审计结果",
                first_day=None,
                last_day=election_day - dt.timedelta(days=1),
                unit=TimeUnit.NATURAL_DAYS,
                basis=audit.basis,
                note="before the election of the next committee",
                note_zh="在下一届居民委员会选举之前公布",
            )
        )
    steps.append(
        Step(
            name="election",
            name_zh="选举日",
            first_day=election_day,
            last_day=election_day,
            unit=None,
            basis=who_elects(election_day, policy),
        )
    )
    handover = law("election_handover")
    if isinstance(handover, StatutoryLimit):
        formed = formed_on or election_day
        steps.append(
            Step(
                name="handover to the new committee",
                name_zh="工作移交",
                first_day=formed,
                last_day=count.after(formed, handover),
                unit=handover.limit.unit,
                basis=handover.basis,
                note=f"within {handover.limit.amount} days of the new committee being formed",
                note_zh=f"自新一届居民委员会产生之日起{handover.limit.amount}日内",
            )
        )
    return steps


def _meeting_step(notice: StatutoryLimit, meeting_day: dt.date | None, count: _Counter) -> Step:
    n = notice.limit.amount
    return Step(
        name="notice of the residents' meeting that elects the election committee",
        name_zh="召集推选居民选举委员会的居民会议，提前通知居民",
        first_day=None,
        last_day=count.before(meeting_day, notice) if meeting_day is not None else None,
        unit=notice.limit.unit,
        basis=notice.basis,
        note=(
            f"{n} days before the meeting, at short notice in special circumstances"
            + ("" if meeting_day is not None else "; give meeting_day to date it")
        ),
        note_zh=f"提前{n}日通知居民；遇有特殊情况的，可以临时通知",
    )


def _check_order(
    meeting_day: dt.date | None,
    published: dt.date | None,
    formed: dt.date | None,
    election_day: dt.date,
) -> None:
    problems = [
        Problem(name, f"must be before the election day {election_day}", "invalid_argument")
        for name, day in (("meeting_day", meeting_day), ("list_published_on", published))
        if day is not None and day >= election_day
    ]
    if formed is not None and formed < election_day:
        msg = f"must not be before the election day {election_day}"
        problems.append(Problem("formed_on", msg, "invalid_argument"))
    if problems:
        raise ValidationError(problems, subject="election_timeline")

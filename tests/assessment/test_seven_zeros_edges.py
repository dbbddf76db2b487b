"""The seven zeros at the edges of their period: fees, complaints, late completions,
the backlog and requests the calendar cannot judge, on 2026-12-31 (the last day the
national calendar covers), the period being 2026.

Worked by hand: three completions in 2026 (one late), two of them charged 1 yuan;
two complaints received in 2026 (one on 1 January); one request open past its
deadline; one whose 60 working days run past 2026 and cannot be judged; and requests
outside the period (a completion of 2025, a complaint of 2025, one received in 2027)
that count for nothing.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

from shequ_core.calendar import china_calendar
from shequ_core.entities import (
    Community,
    CommunityKind,
    Dataset,
    RequestStatus,
    ServiceItem,
    ServiceRequest,
    TimeLimit,
    TimeUnit,
)
from shequ_core.policy import national_policy
from shequ_core.rules.assessment import DEFAULT_SCORING, Dimension, scorecard
from shequ_core.rules.sla import deadline

AS_OF = dt.date(2026, 12, 31)
D = dt.date
CAL = china_calendar()
FIVE = TimeLimit(amount=5, unit=TimeUnit.WORKING_DAYS)
ITEMS = (
    ServiceItem(id="I_fee", name="收费事项", time_limit=FIVE, fee=Decimal(1)),
    ServiceItem(id="I_free", name="免费事项", time_limit=FIVE),
    ServiceItem(
        id="I_long", name="长期事项", time_limit=TimeLimit(amount=60, unit=TimeUnit.WORKING_DAYS)
    ),
)


def _req(
    rid: str,
    item: str,
    received: dt.date,
    completed: dt.date | None = None,
    *,
    complaint: bool = False,
) -> ServiceRequest:
    return ServiceRequest(
        id=rid,
        item_id=item,
        community_id="c",
        received_on=received,
        status=RequestStatus.COMPLETED if completed else RequestStatus.IN_PROGRESS,
        completed_on=completed,
        complaint=complaint,
    )


REQUESTS = (
    _req("R0", "I_free", D(2027, 1, 5), complaint=True),  # not yet received: nothing
    _req("R1", "I_fee", D(2025, 12, 29), D(2026, 1, 1)),  # charged on the first day
    _req("R2", "I_fee", D(2026, 12, 24), D(2026, 12, 31)),  # charged on the last day
    _req("R3", "I_fee", D(2025, 12, 1), D(2025, 12, 5), complaint=True),  # all in 2025
    _req("R4", "I_free", D(2026, 1, 1), complaint=True),  # open, breached; complaint
    _req("R5", "I_free", D(2026, 3, 2), D(2026, 3, 20), complaint=True),  # late
    _req("R6", "I_long", D(2026, 12, 1)),  # its deadline lies in 2027: unjudged
)


def _card(lang: str = "en"):  # type: ignore[no-untyped-def]
    ds = Dataset(
        communities=(
            Community(
                id="c",
                name="c社区",
                town="镇",
                kind=CommunityKind.ORDINARY,
                households=100,
                residents=300,
            ),
        ),
        service_items=ITEMS,
        service_requests=REQUESTS,
    )
    return scorecard(ds, as_of=AS_OF, policy=national_policy(AS_OF), calendar=CAL, lang=lang)


def test_seven_zeros_count_each_request_once_and_only_in_the_period() -> None:
    z = _card().communities["c"].seven_zeros
    assert z.complaints == 2  # R4 (received 1 January) and R5
    assert z.fees_charged == Decimal(2) and z.completed == 3 and z.late_completions == 1
    assert z.backlog == 1 and z.unjudged == 1
    assert z.on_time_share == 2 / 3


def test_sunshine_deducts_per_non_zero_and_says_why() -> None:
    sunshine = _card().communities["c"].dimensions[Dimension.SUNSHINE]
    points = DEFAULT_SCORING.seven_zeros_points
    # 100 × 2/3 on time, less one deduction each for R4's backlog, two complaints and
    # two charged fees.
    expected = Fraction(200, 3) - 5 * points
    assert sunshine.score == max(0, int(expected + Fraction(1, 2)))
    due_r4 = deadline(D(2026, 1, 1), FIVE, CAL).due_on
    assert [(f.rule, f.subject_id, f.message) for f in sunshine.findings] == [
        ("scorecard.fee", "R1", "request R1 charged 1 CNY"),
        ("scorecard.fee", "R2", "request R2 charged 1 CNY"),
        ("scorecard.complaint", "R4", "request R4 drew a complaint"),
        ("scorecard.backlog", "R4", f"request R4 is past its deadline ({due_r4})"),
        ("scorecard.complaint", "R5", "request R5 drew a complaint"),
        (
            "scorecard.unjudged",
            "c",
            "1 requests need days the calendar does not cover: left out",
        ),
    ]
    fee = sunshine.findings[0]
    assert (fee.actual, fee.required) == (Decimal(1), Decimal(0))
    # Every one of them rests on the seed's seven-zeros pledge.
    assert len({f.basis for f in sunshine.findings}) == 1
    assert "七零" in str(sunshine.findings[0].basis)
    zh = _card("zh").communities["c"].dimensions[Dimension.SUNSHINE]
    assert [f.message for f in zh.findings] == [
        "工单R1收费1元",
        "工单R2收费1元",
        "工单R4有投诉",
        f"工单R4已超过办结期限（{due_r4}）",
        "工单R5有投诉",
        "1件工单的期限超出日历覆盖的年份，未计入",
    ]

"""Laws of the scorecard that hold for every valid dataset, date and policy."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from shequ_core.calendar import china_calendar
from shequ_core.entities import (
    AttentionKind,
    Dataset,
    PartnerUnit,
    Visit,
    VisitOutcome,
)
from shequ_core.policy import Policy, national_policy, seed_policy
from shequ_core.rules._findings import Severity
from shequ_core.rules.assessment import Dimension, Scorecard, scorecard
from shequ_core.strategies import datasets

CAL = china_calendar()

# Mostly inside the calendar's years (2001 on), sometimes outside them.
as_of_dates = st.one_of(
    st.dates(dt.date(2001, 1, 1), dt.date(2025, 12, 31)),
    st.dates(dt.date(1990, 1, 1), dt.date(2035, 12, 31)),
)
policies = st.sampled_from([national_policy, seed_policy])


def card_of(ds: Dataset, as_of: dt.date, policy: Policy, lang: str = "zh") -> Scorecard:
    return scorecard(ds, as_of=as_of, policy=policy, calendar=CAL, lang=lang)


def all_scores(card: Scorecard) -> list[int | None]:
    return [
        s.score for cs in (*card.communities.values(), card.banner) for s in cs.dimensions.values()
    ]


# One dataset drawing serves every law that needs no change to the data: drawing is
# most of the cost of these tests.
@given(datasets(), as_of_dates, policies)
def test_scorecard_laws_for_any_dataset(ds, as_of, make_policy):
    card = card_of(ds, as_of, make_policy(as_of))

    # Total, in range, one row per community plus the banner.
    assert list(card.communities) == [c.id for c in ds.communities]
    for cs in (*card.communities.values(), card.banner):
        assert list(cs.dimensions) == list(Dimension)
        # The data model records nothing these two could be scored from.
        assert cs[Dimension.INFORMATION_SUPPORT].score is None
        assert cs[Dimension.LEARNING].score is None
    for score in all_scores(card):
        assert score is None or (isinstance(score, int) and 0 <= score <= 100)
    assert card.has_violations == any(f.severity is Severity.VIOLATION for f in card.findings)
    headers, rows = card.table_rows()
    assert len(headers) == 2 + len(Dimension) + 5
    assert len(rows) == len(ds.communities) + 1
    assert all(len(row) == len(headers) for row in rows)
    assert str(card).count("\n") == len(rows) + 2

    # Every finding of a dimension is in the scorecard's findings, each once.
    everything = set(card.findings)
    assert len(everything) == len(card.findings)
    for cs in (*card.communities.values(), card.banner):
        for s in cs.dimensions.values():
            assert set(s.findings) <= everything
            assert s.explanation

    # The banner is the mean of its communities, its seven zeros their sums.
    for d in Dimension:
        scores = [cs.score(d) for cs in card.communities.values() if cs.score(d) is not None]
        banner = card.banner.score(d)
        if not scores:
            assert banner is None
        else:
            assert banner is not None
            assert abs(Fraction(sum(scores), len(scores)) - banner) <= Fraction(1, 2)
    zeros = [cs.seven_zeros for cs in card.communities.values()]
    total = card.banner.seven_zeros
    assert total.backlog == sum(z.backlog for z in zeros)
    assert total.complaints == sum(z.complaints for z in zeros)
    assert total.fees_charged == sum(z.fees_charged for z in zeros)
    assert total.completed == sum(z.completed for z in zeros)
    assert total.late_completions == sum(z.late_completions for z in zeros)
    for z in (*zeros, total):
        assert 0 <= z.late_completions <= z.completed
        assert (z.on_time_share is None) == (z.completed == 0)

    # The language changes the words, not the numbers.
    en = card_of(ds, as_of, make_policy(as_of), "en")
    assert all_scores(en) == all_scores(card)
    assert [f.severity for f in en.findings] == [f.severity for f in card.findings]
    assert en.table_rows("zh") == card.table_rows("zh")
    assert en.table_rows("en")[0] != card.table_rows("zh")[0]


FIRST, LAST = dt.date(2001, 1, 1), dt.date(2025, 12, 31)


@st.composite
def with_a_met_visit(draw):
    """A dataset, a date, and the same dataset with one more MET visit dated that year.

    Aimed where a visit can matter: when the resident has an attention, ``as_of`` falls
    while it is active and the visit gives its kind as a reason, often shortly before
    ``as_of`` (a visit that resets a due date).
    """
    # Only what visits, scope and the safety parts read; the rest is left empty.
    ds = draw(
        datasets(
            min_residents=1,
            min_staff=1,
            max_residents=6,
            max_volunteers=0,
            max_party_members=0,
            max_service_items=0,
            max_service_requests=0,
            max_partner_units=0,
            max_meetings=0,
        )
    )
    resident = draw(st.sampled_from(ds.residents))
    reasons = set(draw(st.frozensets(st.sampled_from(list(AttentionKind)), max_size=1)))
    as_of = None
    if resident.attentions:
        attention = draw(st.sampled_from(resident.attentions))
        reasons.add(attention.kind)
        lo = max(attention.since + dt.timedelta(days=8), FIRST)  # past the first due date
        hi = min(attention.until or LAST, LAST)
        if lo <= hi:
            as_of = draw(st.dates(lo, hi))
    if as_of is None:
        as_of = draw(st.dates(FIRST, LAST))
        reasons.add(draw(st.sampled_from(list(AttentionKind))))
    new_year = dt.date(as_of.year, 1, 1)
    # Within the shortest cadence (14 days) of as_of: such a visit resets a due date.
    recent = max(new_year, as_of - dt.timedelta(days=13))
    # More than a month before as_of: after such a visit alone the resident is overdue.
    long_ago = max(new_year, as_of - dt.timedelta(days=35))
    visitor = draw(st.sampled_from(ds.staff)).id

    def met_on(vid: str, day: dt.date) -> Visit:
        return Visit(
            id=vid,
            resident_id=resident.id,
            visitor_id=visitor,
            visited_on=day,
            reasons=frozenset(reasons),
            outcome=VisitOutcome.MET,
        )

    if draw(st.booleans()):
        # Already met earlier in the year: the new visit can then only change who is
        # overdue, not the coverage, so each part is tested on its own.
        earlier = met_on("earlier-visit", draw(st.dates(new_year, long_ago)))
        ds = ds.replace(visits=(*ds.visits, earlier))
    added = met_on("added-visit", draw(st.dates(recent, as_of) | st.dates(new_year, as_of)))
    return ds, ds.replace(visits=(*ds.visits, added)), as_of


@given(with_a_met_visit(), policies)
def test_a_met_visit_never_lowers_caring_or_safety(case, make_policy):
    before_ds, after_ds, as_of = case
    policy = make_policy(as_of)
    before, after = card_of(before_ds, as_of, policy), card_of(after_ds, as_of, policy)
    for d in (Dimension.CARING, Dimension.SAFETY, Dimension.FINE_GRAINED_SERVICE):
        for cs_before, cs_after in (
            *zip(before.communities.values(), after.communities.values(), strict=True),
            (before.banner, after.banner),
        ):
            old, new = cs_before.score(d), cs_after.score(d)
            # A visit changes no one's scope, so whether there is a score stays the same.
            assert (old is None) == (new is None)
            if old is not None and new is not None:
                assert new >= old


@st.composite
def with_a_partner_unit(draw):
    # Only what regional party building reads; the rest is left empty.
    ds = draw(
        datasets(
            min_communities=1,
            max_grids=0,
            max_households=0,
            max_staff=0,
            max_volunteers=0,
            max_teams=0,
            max_dispute_cases=0,
            max_service_items=0,
            max_service_requests=0,
            max_meetings=0,
        )
    )
    as_of = draw(st.dates(dt.date(1990, 1, 1), dt.date(2035, 12, 31)))
    ids = [c.id for c in ds.communities]
    unit = PartnerUnit(
        id="added-unit",
        name="共建单位",
        community_ids=draw(st.frozensets(st.sampled_from(ids), min_size=1)),
        since=draw(st.none() | st.dates(dt.date(1990, 1, 1), dt.date(2035, 12, 31))),
    )
    return ds, ds.replace(partner_units=(*ds.partner_units, unit)), as_of, unit


@given(with_a_partner_unit(), policies)
def test_a_partner_unit_never_lowers_regional_party_building(case, make_policy):
    before_ds, after_ds, as_of, unit = case
    policy = make_policy(as_of)
    before, after = card_of(before_ds, as_of, policy), card_of(after_ds, as_of, policy)
    d = Dimension.REGIONAL_PARTY_BUILDING
    for cid, cs in before.communities.items():
        old, new = cs.score(d), after.communities[cid].score(d)
        assert old is not None and new is not None
        assert new >= old
        if cid not in unit.community_ids:
            assert new == old
    old_banner, new_banner = before.banner.score(d), after.banner.score(d)
    assert old_banner is not None and new_banner is not None
    assert new_banner >= old_banner

"""When each committee's term ends, and which elections are due (2018 第八条, 2025 第十四条)."""

from __future__ import annotations

import calendar as _months
import datetime as dt

import attrs

from shequ_core.entities import Basis, Community, Dataset
from shequ_core.errors import Problem, ValidationError
from shequ_core.policy import FIRST_DAY, Count, Policy
from shequ_core.rules._findings import Finding, Severity, check_lang, pick, rule
from shequ_core.rules._ids import RuleId
from shequ_core.rules.elections._common import check_day, law_of
from shequ_core.text import Lang

__all__ = ["TermEnd", "term_end", "term_findings"]


@attrs.frozen(kw_only=True)
class TermEnd:
    """The end of a committee's term: its last day, the years of the term and the article
    of the law in force on the day the committee was elected."""

    elected_on: dt.date = attrs.field(metadata={"label_zh": "选举日期"})
    ends_on: dt.date = attrs.field(metadata={"label_zh": "任期届满日"})
    years: int = attrs.field(metadata={"label_zh": "任期（年）"})
    basis: Basis = attrs.field(metadata={"label_zh": "依据"})


def _years_after(day: dt.date, years: int) -> dt.date:
    """The same day ``years`` later; the month's last day where it has none (29 February),
    as 民法典 第二百零二条 counts a period in years."""
    year = day.year + years
    last = _months.monthrange(year, day.month)[1]
    return day.replace(year=year, day=min(day.day, last))


def term_end(elected_on: dt.date, *, policy: Policy | None = None) -> TermEnd:
    """The last day of the term of a committee elected on ``elected_on``.

    The term of the law in force that day: 3 years under the 1989 text, 5 from the 2018
    amendment (2018 第八条) and under the 2025 text (第十四条). A term in years ends on
    the same day of its last year (民法典 第二百零二条: the first day is not counted, and
    the corresponding day is the last), 28 February for a 29 February. ``policy`` is used
    where its term's basis is in force on ``elected_on``; otherwise the national term of
    that day. Before 1990 (no text the library has), or for a term ending after
    9999-12-31, a ValidationError.
    """
    elected_on = check_day("term_end", "elected_on", elected_on)
    if elected_on < FIRST_DAY:
        msg = f"no term is known before {FIRST_DAY} (the 1989 law), got {elected_on}"
        raise ValidationError([Problem("elected_on", msg, "out_of_range")], subject="term_end")
    term: Count = law_of(elected_on, policy, "committee_term_years")
    if elected_on.year + term.value > dt.MAXYEAR:
        msg = f"its {term.value}-year term would end after {dt.date.max}, got {elected_on}"
        raise ValidationError([Problem("elected_on", msg, "out_of_range")], subject="term_end")
    return TermEnd(
        elected_on=elected_on,
        ends_on=_years_after(elected_on, term.value),
        years=term.value,
        basis=term.basis,
    )


def _term_check(
    community: Community, *, as_of: dt.date, policy: Policy, horizon: int, lang: Lang
) -> list[Finding]:
    elected = community.committee_elected_on
    if elected is None or elected > as_of:
        return []
    if elected < FIRST_DAY:
        msg = pick(
            lang,
            f"社区{community.id}居委会于{elected}选举，早于本库所载法律（{FIRST_DAY}起），任期不明",
            f"community {community.id}: elected on {elected}, before the first law the library has "
            f"({FIRST_DAY}); its term is not known",
        )
        basis = policy.committee_term_years.basis
        return [_finding(community, Severity.INFO, msg, basis, elected.isoformat(), None)]
    try:
        end = term_end(elected, policy=policy)
    except ValidationError:  # a term ending after 9999-12-31 has not ended by as_of
        return []
    left = (end.ends_on - as_of).days
    if left > horizon:
        return []
    if left < 0:
        msg = pick(
            lang,
            f"社区{community.id}居委会{end.years}年任期已于{end.ends_on}届满，逾期{-left}日未换届",
            f"community {community.id}: the committee's {end.years}-year term ended on "
            f"{end.ends_on}, {-left} days ago, with no new election recorded",
        )
        severity = Severity.VIOLATION
    else:
        msg = pick(
            lang,
            f"社区{community.id}居委会{end.years}年任期将于{end.ends_on}届满（{left}日后），应及时换届",
            f"community {community.id}: the committee's {end.years}-year term ends on "
            f"{end.ends_on}, in {left} days; an election is due",
        )
        severity = Severity.INFO
    return [_finding(community, severity, msg, end.basis, end.ends_on.isoformat(), left)]


def _finding(
    community: Community,
    severity: Severity,
    message: str,
    basis: Basis,
    actual: str,
    days_left: int | None,
) -> Finding:
    return Finding(
        rule=RuleId.ELECTIONS_COMMITTEE_TERM,
        subject_id=community.id,
        severity=severity,
        message=message,
        basis=basis,
        actual=actual,
        required=days_left,
    )


def term_findings(
    dataset: Dataset,
    *,
    as_of: dt.date,
    policy: Policy,
    horizon_days: int | None = None,
    lang: Lang = "zh",
) -> list[Finding]:
    """The committees whose term ends within ``horizon_days`` of ``as_of`` (``INFO``), or
    has ended (``VIOLATION``: 2025 第十四条, 届满应当及时举行换届选举), in dataset order.

    Each finding cites the term of the law in force on the committee's election day,
    ``actual`` is the term's last day and ``required`` the days left (negative when
    overdue). ``horizon_days`` defaults to the policy's ``election_due_horizon`` (180
    days, the library's choice). A community with no election day recorded, or one
    elected after ``as_of``, gets no finding.
    """
    as_of = check_day("term_findings", "as_of", as_of)
    lang = check_lang(lang, subject="term_findings")
    if horizon_days is None:
        horizon = policy.election_due_horizon.value
    elif isinstance(horizon_days, int) and not isinstance(horizon_days, bool) and horizon_days >= 0:
        horizon = horizon_days
    else:
        msg = f"must be a whole number of days, 0 or more, got {horizon_days!r}"
        raise ValidationError(
            [Problem("horizon_days", msg, "invalid_argument")], subject="term_findings"
        )
    return [
        f
        for c in dataset.communities
        for f in _term_check(c, as_of=as_of, policy=policy, horizon=horizon, lang=lang)
    ]


@rule(
    RuleId.ELECTIONS_COMMITTEE_TERM,
    policy=("committee_term_years", "election_due_horizon"),
    title_zh="居委会任期届满与换届",
    title_en="the committee's term and the election due",
)
def _rule_committee_term(
    dataset: Dataset, /, *, as_of: dt.date, policy: Policy, lang: Lang = "zh"
) -> list[Finding]:
    return term_findings(dataset, as_of=as_of, policy=policy, lang=lang)

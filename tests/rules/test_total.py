"""Every public rule is total over what ``st.from_type`` draws, with the default calendar.

A user's first property of their own is "the rules never crash on data the library's
strategies made". This test states it for every public function of the rule modules
(each module's ``__all__``) and every rule of the :data:`~shequ_core.rules.RULES`
registry: given ``st.from_type`` values, days of the calendar's confirmed years (asked
about up to half a year before the last, see ``ASKED_BY``) and the national or the seed
profile, none raises. A new public function or registered rule is run
here without any change to this file; one with a parameter this file cannot fill fails
:meth:`TestCoverage.test_every_public_rule_function_has_its_arguments`, naming it.

Arguments that must agree with each other for the input to be valid are drawn
together (the events of a request with its receipt day, a part no more than its whole, a
period that ends after it begins, the due visits of the same dataset): an input the rule
refuses by its contract (a ``ValidationError`` for a count above its total) is not a
valid input.
"""

from __future__ import annotations

import datetime as dt
import inspect
import typing
from collections.abc import Callable, Iterable
from types import ModuleType
from typing import Any

import attrs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shequ_core import (
    Community,
    Dataset,
    DisputeCase,
    Election,
    ElectionKind,
    Grid,
    MeetingKind,
    PartyMember,
    PartyMemberCategory,
    RequestEventKind,
    ServiceItem,
    ServiceRequest,
    Staff,
    TeamKind,
    TimeLimit,
    VolunteerTeam,
    ordered_request_events,
    rules,
)
from shequ_core.calendar import WorkCalendar, china_calendar
from shequ_core.policy import (
    DEFAULT_MEDIATION_POLICY,
    DEFAULT_VISIT_POLICY,
    HOTLINE_PROFILES,
    HotlineProfile,
    MediationPolicy,
    Policy,
    ScoringPolicy,
    SlaPolicy,
    VisitPolicy,
    national_policy,
    seed_policy,
)
from shequ_core.rules import RULES, assessment, check_dataset, hotline, sla, visiting
from shequ_core.rules.assessment import DEFAULT_SCORING
from shequ_core.rules.sla import SlaStatus

#: Every rule module the rules package exports: a new one is covered as it is added.
MODULES: tuple[ModuleType, ...] = tuple(
    m for name in rules.__all__ if inspect.ismodule(m := getattr(rules, name))
)

CALENDAR = china_calendar()
#: The calendar's confirmed years, read from it: the days a rule is asked about.
FIRST = dt.date(CALENDAR.first_year, 1, 1)
LAST = dt.date(CALENDAR.confirmed_through, 12, 31)
days = st.dates(FIRST, LAST)
#: The last day a rule is asked about: half a year before the last confirmed day. A
#: request suspended on the day it is judged has its clock stopped until that day, and
#: its deadline (up to 60 working days and 30 days of extensions later) must still be a
#: confirmed day; judged in late December, it is one of a year with no notice yet, which
#: the rules handle as issue #16 says (unjudged, or CalendarCoverageError for one call).
ASKED_BY = LAST - dt.timedelta(days=183)
asked = st.dates(FIRST, ASKED_BY)


def public_functions() -> dict[str, Callable[..., Any]]:
    """``module.name`` -> every public function of the rule modules."""
    found: dict[str, Callable[..., Any]] = {}
    for module in MODULES:
        short = module.__name__.rsplit(".", 1)[-1]
        for name in module.__all__:
            obj = getattr(module, name)
            if inspect.isfunction(obj):
                found[f"{short}.{name}"] = obj
    return found


FUNCTIONS = public_functions()


class Context:
    """What one example shares: a dataset, a day, a policy, a language, and draws."""

    def __init__(self, data: st.DataObject) -> None:
        self.data = data
        self.dataset: Dataset = data.draw(st.from_type(Dataset), label="dataset")
        self.as_of: dt.date = data.draw(asked, label="as_of")
        make = data.draw(st.sampled_from([national_policy, seed_policy]), label="profile")
        self.policy: Policy = make(self.as_of)
        self.lang: str = data.draw(st.sampled_from(["zh", "en"]), label="lang")
        self.values: dict[Any, Any] = {}

    def draw(self, strategy: st.SearchStrategy[Any], label: str) -> Any:
        return self.data.draw(strategy, label=label)

    def of_type(self, hint: Any, strategy: st.SearchStrategy[Any]) -> Any:
        """One value per type and example, shared by every function that takes it
        (drawing a community for each of twenty functions would cost more than all of them)."""
        if hint not in self.values:
            self.values[hint] = self.draw(strategy, str(hint))
        return self.values[hint]

    def period(self, label: str) -> tuple[dt.date, dt.date]:
        a, b = self.draw(days, f"{label} from"), self.draw(days, f"{label} to")
        return (min(a, b), max(a, b))

    def part_and_whole(self, label: str) -> tuple[int, int]:
        whole = self.draw(st.integers(0, 100_000), f"{label} (whole)")
        return self.draw(st.integers(0, whole), f"{label} (part)"), whole

    def due(self) -> list[visiting.DueVisit]:
        horizon = self.draw(st.integers(0, 60), "horizon_days")
        return visiting.must_visit(self.dataset, as_of=self.as_of, horizon_days=horizon)

    def request_and_item(self) -> tuple[ServiceRequest, ServiceItem, dt.date]:
        """A request, the item it is for, and a day on or after its receipt."""
        request = self.draw(st.from_type(ServiceRequest), "request")
        item = self.draw(st.from_type(ServiceItem), "item")
        as_of = self.draw(st.dates(request.received_on, ASKED_BY), "as_of of the request")
        return request, attrs.evolve(item, id=request.item_id), as_of

    def maybe_period(self, label: str) -> tuple[dt.date, dt.date] | None:
        return self.period(label) if self.draw(st.booleans(), f"{label}?") else None

    def statuses(self) -> tuple[SlaStatus, ...]:
        drawn = [self.request_and_item() for _ in range(self.draw(st.integers(0, 3), "requests"))]
        return tuple(sla.sla_status(r, i, as_of=day, calendar=CALENDAR) for r, i, day in drawn)


def _open_suspension(request: Any) -> bool:
    """Whether the request's last pause is still open: a suspended request, or one the
    lifecycle table let be cancelled while suspended (shequ_core.workflow)."""
    kinds = [e.kind for e in ordered_request_events(request.events)]
    pauses = [k for k in kinds if k in (RequestEventKind.SUSPENDED, RequestEventKind.RESUMED)]
    return bool(pauses) and pauses[-1] is RequestEventKind.SUSPENDED


def _deadline_args(ctx: Context) -> dict[str, Any]:
    request, _, day = ctx.request_and_item()
    as_of = ctx.draw(st.sampled_from([day, None]), "as_of or None")
    if _open_suspension(request):
        as_of = day  # an open suspension is counted up to as_of, which it needs
    return {
        "start": request.received_on,
        "limit": ctx.draw(st.from_type(TimeLimit), "limit"),
        "calendar": CALENDAR,
        "events": request.events,
        "roll_forward": ctx.draw(st.booleans(), "roll_forward"),
        "as_of": as_of,
    }


def _quorum_args(ctx: Context) -> dict[str, Any]:
    law = ctx.draw(st.sampled_from([ctx.policy, None]), "policy")
    rules = law if law is not None else national_policy(ctx.as_of)
    kinds = [MeetingKind.RESIDENTS_MEETING]
    if rules.representatives_meeting_quorum is not None:
        kinds.append(MeetingKind.REPRESENTATIVES_MEETING)
    present, entitled = ctx.part_and_whole("attendance")
    kind = ctx.draw(st.sampled_from(kinds), "kind")
    return {
        "kind": kind,
        "present": present,
        "entitled": entitled,
        "as_of": ctx.as_of,
        "policy": law,
    }


def _convene_args(ctx: Context) -> dict[str, Any]:
    out: dict[str, Any] = {
        "as_of": ctx.as_of,
        "policy": ctx.draw(st.sampled_from([ctx.policy, None]), "policy"),
    }
    for part, whole in (
        ("requesting_adults", "adults"),
        ("requesting_households", "households"),
        ("requesting_groups", "groups"),
        ("requesting_representatives", "representatives"),
    ):
        out[part], out[whole] = ctx.part_and_whole(whole)
    return out


def _votes_args(ctx: Context) -> dict[str, Any]:
    votes, present = ctx.part_and_whole("votes")
    return {"votes_for": votes, "present": present, "as_of": ctx.as_of, "policy": ctx.policy}


def _team_args(ctx: Context) -> dict[str, Any]:
    """A mediation committee with the dataset it belongs to: one of the drawn dataset's,
    or a drawn team made one, in a dataset of its own with a drawn community."""
    mediation = [t for t in ctx.dataset.teams if t.kind is TeamKind.MEDIATION]
    if mediation:
        return {"team": ctx.draw(st.sampled_from(mediation), "team"), "dataset": ctx.dataset}
    community = ctx.draw(st.from_type(Community), "community of the team")
    team = ctx.draw(st.from_type(VolunteerTeam), "team")
    team = attrs.evolve(team, community_id=community.id, kind=TeamKind.MEDIATION)
    return {"team": team, "dataset": Dataset(communities=(community,), teams=(team,))}


def _age_args(ctx: Context) -> dict[str, Any]:
    born, on = ctx.period("life")
    return {"birth_date": born, "on": on}


def _sla_status_args(ctx: Context) -> dict[str, Any]:
    request, item, as_of = ctx.request_and_item()
    return {"request": request, "item": item, "as_of": as_of, "calendar": CALENDAR}


def _election_args(ctx: Context, part: str, whole: str, *, kind: bool = True) -> dict[str, Any]:
    """A count and its whole on an election day, with a kind of election and a policy."""
    out: dict[str, Any] = dict(zip((part, whole), ctx.part_and_whole(whole), strict=True))
    out["on"] = ctx.as_of
    out["policy"] = ctx.draw(st.sampled_from([ctx.policy, None]), "policy")
    if kind:
        out["kind"] = ctx.draw(st.sampled_from(ElectionKind), "kind")
    return out


def _recall_vote_args(ctx: Context) -> dict[str, Any]:
    """A recall vote: those who voted of the electorate, and those for it of them."""
    out = _election_args(ctx, "voted", "electorate")
    out["votes_for"] = ctx.draw(st.integers(0, out["voted"]), "votes_for")
    return out


#: Functions whose arguments must agree with each other, and how to draw them.
SPECIAL: dict[str, Callable[[Context], dict[str, Any]]] = {
    "sla.deadline": _deadline_args,
    "sla.due_date": _deadline_args,
    "sla.sla_status": _sla_status_args,
    "sla.judge_request": _sla_status_args,
    "sla.report_from_statuses": lambda ctx: {
        "statuses": ctx.statuses(),
        "as_of": ctx.as_of,
        "period": ctx.maybe_period("period"),
    },
    "sla.backlog": lambda ctx: {
        "dataset": ctx.dataset,
        "as_of": ctx.as_of,
        "calendar": CALENDAR,
        "period": ctx.maybe_period("period"),
    },
    "visiting.assign_visits": lambda ctx: {
        "due": ctx.due(),
        "dataset": ctx.dataset,
        "max_per_worker": ctx.draw(st.none() | st.integers(0, 5), "max_per_worker"),
    },
    "visiting.merge_due_visits": lambda ctx: {"pieces": [ctx.due(), ctx.due()]},
    "visiting.visit_coverage": lambda ctx: dict(
        zip(("start", "end"), ctx.period("coverage"), strict=True), dataset=ctx.dataset
    ),
    "visiting.must_visit": lambda ctx: {
        "dataset": ctx.dataset,
        "as_of": ctx.as_of,
        "horizon_days": ctx.draw(st.integers(0, 60), "horizon_days"),
    },
    "assessment.assemble_scorecard": lambda ctx: {
        "scores": assessment.community_scores(
            ctx.dataset, as_of=ctx.as_of, policy=ctx.policy, calendar=CALENDAR
        ).values(),
        "as_of": ctx.as_of,
        "policy": ctx.policy,
        "lang": ctx.lang,
    },
    "assessment.community_scores": lambda ctx: {
        "dataset": ctx.dataset,
        "as_of": ctx.as_of,
        "policy": ctx.policy,
        "calendar": CALENDAR,
        "lang": ctx.lang,
        "community_ids": ctx.draw(
            st.none() | st.lists(st.sampled_from([c.id for c in ctx.dataset.communities]))
            if ctx.dataset.communities
            else st.none(),
            "community_ids",
        ),
    },
    "governance.meeting_quorum_met": _quorum_args,
    "governance.can_convene_residents_meeting": _convene_args,
    "governance.decision_passes": _votes_args,
    "governance.mediation_committee_findings": lambda ctx: {
        **_team_args(ctx),
        "policy": ctx.policy,
        "lang": ctx.lang,
    },
    "governance.mediation_women_findings": lambda ctx: {
        **_team_args(ctx),
        "policy": ctx.policy,
        "lang": ctx.lang,
    },
    "governance.mediation_committee_members": _team_args,
    "staffing.age_on": _age_args,
    "elections.election_validity": lambda ctx: _election_args(ctx, "voted", "registered"),
    "elections.candidate_result": lambda ctx: _election_args(ctx, "votes", "cast"),
    "elections.recall_may_start": lambda ctx: _election_args(ctx, "supporters", "electorate"),
    "elections.runoff_result": lambda ctx: _election_args(ctx, "votes", "cast", kind=False),
    "elections.runoff_needed": lambda ctx: _election_args(ctx, "elected", "seats", kind=False),
    "elections.enough_candidates": lambda ctx: _election_args(
        ctx, "candidates", "seats", kind=False
    ),
    "elections.recall_passes": _recall_vote_args,
    "hotline.hotline_rates": lambda ctx: dict(
        zip(("start", "end"), ctx.period("orders"), strict=True),
        dataset=ctx.dataset,
        as_of=ctx.as_of,
        policy=ctx.draw(st.sampled_from(list(HOTLINE_PROFILES.values())), "profile"),
        calendar=CALENDAR,
    ),
    "hotline.merge_rates": lambda ctx: {
        "first": hotline.hotline_rates(
            ctx.dataset,
            **dict(zip(("start", "end"), ctx.period("orders"), strict=True)),
            as_of=ctx.as_of,
            policy=HOTLINE_PROFILES["jinan-2018"],
            calendar=CALENDAR,
        )
    },
    "mediation.resolution_rate": lambda ctx: dict(
        zip(("start", "end"), ctx.period("cases"), strict=True),
        dataset=ctx.dataset,
        as_of=ctx.draw(st.none() | days, "as_of"),
    ),
}

#: Parameters filled by name wherever they appear, whatever their type.
BY_NAME: dict[str, Callable[[Context], Any]] = {
    "dataset": lambda ctx: ctx.dataset,
    "as_of": lambda ctx: ctx.as_of,
    "calendar": lambda ctx: CALENDAR,
    "lang": lambda ctx: ctx.lang,
    "households": lambda ctx: ctx.draw(st.integers(0, 100_000), "households"),
    "full_members": lambda ctx: ctx.draw(st.integers(0, 500), "full_members"),
    # elections: the day of an election or of a committee's election, proxies carried
    "on": lambda ctx: ctx.as_of,
    "election_day": lambda ctx: ctx.as_of,
    "elected_on": lambda ctx: ctx.as_of,
    "proxies": lambda ctx: ctx.draw(st.integers(0, 5), "proxies"),
    "supporters": lambda ctx: ctx.draw(st.integers(0, 50), "supporters"),
}

#: Parameters filled by their type.
BY_TYPE: dict[object, Callable[[Context], Any]] = {
    Policy: lambda ctx: ctx.policy,
    Policy | None: lambda ctx: ctx.draw(st.sampled_from([ctx.policy, None]), "policy"),
    VisitPolicy: lambda ctx: DEFAULT_VISIT_POLICY,
    ScoringPolicy: lambda ctx: DEFAULT_SCORING,
    SlaPolicy: lambda ctx: SlaPolicy(),
    HotlineProfile: lambda ctx: ctx.draw(st.sampled_from(list(HOTLINE_PROFILES.values())), "hp"),
    MediationPolicy: lambda ctx: DEFAULT_MEDIATION_POLICY,
    WorkCalendar | None: lambda ctx: ctx.draw(st.sampled_from([CALENDAR, None]), "calendar"),
    ElectionKind: lambda ctx: ctx.draw(st.sampled_from(ElectionKind), "kind"),
    ElectionKind | None: lambda ctx: ctx.draw(st.none() | st.sampled_from(ElectionKind), "kind"),
    # one of the drawn dataset's communities, or None for the whole banner
    Community | None: lambda ctx: ctx.draw(
        st.sampled_from([None, *ctx.dataset.communities]), "community"
    ),
}
for _cls in (
    Community,
    DisputeCase,
    Election,
    Grid,
    PartyMemberCategory,
    ServiceRequest,
    Staff,
    VolunteerTeam,
):
    BY_TYPE[_cls] = lambda ctx, cls=_cls: ctx.of_type(cls, st.from_type(cls))
for _cls in (Grid, PartyMember, Staff):
    BY_TYPE[Iterable[_cls]] = lambda ctx, cls=_cls: ctx.of_type(
        Iterable[cls], st.lists(st.from_type(cls), max_size=6)
    )


def unfilled(name: str) -> list[str]:
    """The required parameters of a function that neither table knows how to fill."""
    if name in SPECIAL:
        return []
    hints = typing.get_type_hints(FUNCTIONS[name])
    return [
        p.name
        for p in inspect.signature(FUNCTIONS[name]).parameters.values()
        if p.default is p.empty and p.name not in BY_NAME and hints.get(p.name) not in BY_TYPE
    ]


def arguments(name: str, ctx: Context) -> dict[str, Any]:
    """Arguments for the function ``name``: every required one, and the optional ones the
    tables know (a policy, a language, a calendar)."""
    if name in SPECIAL:
        return SPECIAL[name](ctx)
    hints = typing.get_type_hints(FUNCTIONS[name])
    out: dict[str, Any] = {}
    for p in inspect.signature(FUNCTIONS[name]).parameters.values():
        if p.name in BY_NAME:
            out[p.name] = BY_NAME[p.name](ctx)
        elif hints.get(p.name) in BY_TYPE:
            out[p.name] = BY_TYPE[hints[p.name]](ctx)
    return out


#: Under the ci profile 25 examples, each running every rule once (about 60 calls, 0.3 s).
total = settings(
    max_examples=25,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


class TestCoverage:
    """The test reaches every public rule."""

    def test_every_public_rule_function_has_its_arguments(self) -> None:
        missing = {name: unfilled(name) for name in FUNCTIONS if unfilled(name)}
        assert not missing, f"add the parameters to SPECIAL, BY_NAME or BY_TYPE: {missing}"

    def test_the_rules_the_issue_names_are_among_them(self) -> None:
        named = {
            "sla.sla_status",
            "sla.due_date",
            "sla.backlog",
            "visiting.must_visit",
            "assessment.scorecard",
            "assessment.assemble_scorecard",
            "staffing.staffing_findings",
            "facilities.facility_findings",
            "funding.funding_findings",
            "party.party_findings",
            "governance.committee_size_findings",
        }
        assert named <= set(FUNCTIONS)
        assert {m.__name__.rsplit(".", 1)[-1] for m in MODULES} >= {
            "assessment",
            "facilities",
            "funding",
            "governance",
            "party",
            "sla",
            "staffing",
            "visiting",
        }
        assert len(RULES) >= 15


def call(name: str, function: Callable[..., Any], kwargs: dict[str, Any]) -> None:
    try:
        function(**kwargs)
    except Exception as e:
        msg = f"{name} raised {type(e).__name__}: {e}"
        raise AssertionError(msg) from e


@total
@given(data=st.data())
def test_every_public_rule_is_total(data: st.DataObject) -> None:
    """Every public function of the rule modules, every rule of the registry and
    ``check_dataset``, on one drawn dataset, day, profile and language."""
    ctx = Context(data)
    for name, function in FUNCTIONS.items():
        call(name, function, arguments(name, ctx))
    common = {"as_of": ctx.as_of, "policy": ctx.policy, "lang": ctx.lang}
    for rule_id, rule in RULES.items():
        call(rule_id, rule, {"dataset": ctx.dataset, **common})
    call("check_dataset", check_dataset, {"dataset": ctx.dataset, **common})

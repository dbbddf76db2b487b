"""Registers the strategies with Hypothesis, so ``st.from_type(Community)`` just works.

Hypothesis calls :func:`_hypothesis_setup_hook` through the ``hypothesis`` entry point
(``pyproject.toml``) when it is imported. Only :mod:`shequ_core.strategies` and this
hook import Hypothesis, so importing shequ_core alone never does. The hook sits outside
the strategies package so that importing Hypothesis loads no strategy code: each
strategy is built when a test first asks for its type.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__: list[str] = []


def _hypothesis_setup_hook() -> None:
    from hypothesis import strategies as st

    from shequ_core import entities as e

    def lazily(name: str) -> Callable[[type[Any]], st.SearchStrategy[Any]]:
        def resolve(_: type[Any]) -> st.SearchStrategy[Any]:
            from shequ_core import strategies

            factory: Callable[[], st.SearchStrategy[Any]] = getattr(strategies, name)
            return factory()

        return resolve

    registry: dict[type[Any], str] = {
        e.Attention: "attentions",
        e.Basis: "bases",
        e.CandidateVotes: "candidate_votes",
        e.CaseEvent: "case_events",
        e.Community: "communities",
        e.Dataset: "datasets",
        e.DisputeCase: "dispute_cases",
        e.Election: "elections",
        e.Grid: "grids",
        e.Household: "households",
        e.IdNumber: "id_numbers",
        e.Meeting: "meetings",
        e.PartnerUnit: "partner_units",
        e.Party: "parties",
        e.PartyMember: "party_members",
        e.PhoneNumber: "phone_numbers",
        e.RequestEvent: "request_events",
        e.Resident: "residents",
        e.ServiceItem: "service_items",
        e.ServiceRequest: "service_requests",
        e.Staff: "staff_members",
        e.TimeLimit: "time_limits",
        e.Visit: "visits",
        e.Volunteer: "volunteers",
        e.VolunteerTeam: "volunteer_teams",
    }
    for cls, name in registry.items():
        st.register_type_strategy(cls, lazily(name))

"""Hypothesis strategies for every entity and value of shequ_core, for any test suite.

Each function returns a strategy in Hypothesis' own style: plural names, keyword-only
arguments that take strategies, ``min_``/``max_`` sizes, and
:class:`hypothesis.errors.InvalidArgument` for bad arguments. They generate what real
registers hold, not only the easy cases: names with rare and astral characters or the
middle dot of minority names, 29 February birthdays, identity numbers ending in ``X``,
phone numbers in the spellings people type, and consistent event histories. Every
value they yield is one the entities accept.

Event dates run from 1990-01-01 to 2035-12-31 and birth dates from 1900 to 2025 unless
you pass your own date strategies. Hypothesis is an extra: installing shequ_core
registers these strategies for ``st.from_type``, but importing shequ_core never imports
Hypothesis.
"""

from shequ_core.strategies._cases import (
    dispute_cases,
    meetings,
    service_items,
    service_requests,
    visits,
)
from shequ_core.strategies._common import (
    entity_ids,
    id_numbers,
    phone_number_texts,
    phone_numbers,
)
from shequ_core.strategies._datasets import datasets
from shequ_core.strategies._people import (
    communities,
    grids,
    households,
    partner_units,
    party_members,
    residents,
    staff_members,
    volunteer_teams,
    volunteers,
)
from shequ_core.strategies._values import (
    attentions,
    bases,
    case_events,
    parties,
    request_events,
    time_limits,
)

__all__ = [
    "attentions",
    "bases",
    "case_events",
    "communities",
    "datasets",
    "dispute_cases",
    "entity_ids",
    "grids",
    "households",
    "id_numbers",
    "meetings",
    "parties",
    "partner_units",
    "party_members",
    "phone_number_texts",
    "phone_numbers",
    "request_events",
    "residents",
    "service_items",
    "service_requests",
    "staff_members",
    "time_limits",
    "visits",
    "volunteer_teams",
    "volunteers",
]

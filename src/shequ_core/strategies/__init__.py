"""Hypothesis strategies for every entity and value of shequ_core, for any test suite.

Each function returns a strategy in Hypothesis' own style: plural names, keyword-only
arguments that take strategies, ``min_``/``max_`` sizes, and
:class:`hypothesis.errors.InvalidArgument` for bad arguments. Every value they yield is
one the entities accept.

By default they draw what real mainland registers hold, so that the rules accept it:
Chinese names (with rare and astral characters, and a small share of minority names
joined by the middle dot and of foreign residents' Latin names), identity numbers of
mainland provinces (about half ending in ``X``, 29 February birthdays mixed in: where
hand-written validators fail), birth dates of living people, one attention of a kind at
a time, phone numbers in the spellings people type, consistent event histories, and
events inside the confirmed years of the default
:func:`~shequ_core.calendar.china_calendar` (read from it), with each request received
early enough for its deadline to be a confirmed day. Every public rule is total over
these values.

``hostile=True`` (every strategy of records takes it) draws what fuzzing wants instead:
any printable Unicode in names, ids and text, the identity numbers of Hong Kong, Macao
and Taiwan residents' permits, births 1900-2099, overlapping attentions of one kind, and
events from 1990 to 2035 with the edges of the calendar mixed in, for which the
working-day rules raise :class:`~shequ_core.errors.CalendarCoverageError` or report a
request as unjudged.

Hypothesis is an extra: installing shequ_core registers the default strategies for
``st.from_type``, but importing shequ_core never imports Hypothesis.
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
    unit_names,
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
    "unit_names",
    "visits",
    "volunteer_teams",
    "volunteers",
]

"""The old path of :mod:`shequ_core.extra.dask`: the rules over a Dask bag.

Kept so that ``from shequ_core import dask`` goes on working; new code imports
:mod:`shequ_core.extra.dask`.
"""

from shequ_core.extra.dask import (
    Partition,
    backlog,
    from_store,
    hotline_rates,
    must_visit,
    partition_by_community,
    scorecard,
    sla_statuses,
    to_bag,
)

__all__ = [
    "Partition",
    "backlog",
    "from_store",
    "hotline_rates",
    "must_visit",
    "partition_by_community",
    "scorecard",
    "sla_statuses",
    "to_bag",
]

"""The service hall's own numbers for time-limited completion (限时办结): when a running
request is flagged as at risk.

References:
    No text sets the warning points: 0.5 and 0.75 of the allowed time are shequ_core's
    defaults, a common practice of service-hall systems (a yellow light at half time, an
    orange one at three quarters). The time limits themselves come from each
    :class:`~shequ_core.entities.ServiceItem` and, where a law sets them, from
    :mod:`shequ_core.policy` 's statutory limits.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from shequ_core.entities import Basis, BasisKind
from shequ_core.validation import Fault, Record, check_instance, md

__all__ = ["DEFAULT_SLA_POLICY", "SlaPolicy"]


def _to_sorted(value: Iterable[int]) -> tuple[int, ...]:
    try:
        return tuple(sorted(value))
    except TypeError:
        return value  # type: ignore[return-value]  # left for the check to refuse


def _check_percents(value: object) -> str | None:
    if not isinstance(value, tuple):
        return Fault("wrong_type", "must be a list of whole percentages")
    for v in value:
        if not isinstance(v, int) or isinstance(v, bool):
            return Fault("wrong_type", f"must hold whole percentages, got {type(v).__name__}")
        if not 0 < v <= 100:
            return Fault("out_of_range", f"every percentage must be in 1..100, got {v}")
    return None


@attrs.frozen(kw_only=True)
class SlaPolicy(Record):
    """When :func:`~shequ_core.rules.sla.sla_status` warns that a request is at risk.

    ``warn_at_percent`` lists the shares of the allowed time, in whole percent, at which
    a running request is flagged; the highest one reached is reported. Whole numbers
    keep a profile file exact (TOML and JSON have no exact fractions).
    """

    warn_at_percent: tuple[int, ...] = attrs.field(
        default=(50, 75), converter=_to_sorted, metadata=md("预警点(%)", _check_percents)
    )
    basis: Basis = attrs.field(
        default=Basis(
            title="shequ_core default: warnings at half and three quarters of the time",
            kind=BasisKind.LOCAL_PRACTICE,
        ),
        metadata=md("依据", check_instance(Basis, "a Basis")),
    )

    @property
    def warn_at(self) -> tuple[float, ...]:
        """The warning points as fractions of the allowed time (0.5, 0.75)."""
        return tuple(p / 100 for p in self.warn_at_percent)


#: Warnings at half and at three quarters of the allowed time.
DEFAULT_SLA_POLICY: SlaPolicy = SlaPolicy()

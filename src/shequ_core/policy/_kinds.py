"""The kinds of number a policy holds: shares, thresholds, spans, minimums, counts, and
requirements that are met or not, each with the basis it comes from."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from fractions import Fraction

import attrs

from shequ_core.entities import Basis, FacilityKind
from shequ_core.errors import Loc
from shequ_core.validation import (
    Record,
    check_bool,
    check_count,
    check_enum,
    check_frozenset_of,
    check_instance,
    check_positive,
    md,
    to_decimal,
    to_frozenset,
)

__all__ = [
    "Count",
    "FacilitySet",
    "Minimum",
    "Ratio",
    "Requirement",
    "Span",
    "Threshold",
]

_basis = check_instance(Basis, "a Basis")


def _check_finite_nonneg(value: object) -> str | None:
    if not isinstance(value, Decimal):
        return f"must be a decimal number, got {type(value).__name__}"
    if not value.is_finite():
        return "must be a finite number"
    if value < 0:
        return f"must be 0 or more, got {value}"
    return None


@attrs.frozen(kw_only=True)
class Ratio(Record):
    """A share such as 1/5, kept as two whole numbers so comparisons stay exact."""

    numerator: int = attrs.field(metadata=md("分子", check_count))
    denominator: int = attrs.field(metadata=md("分母", check_positive))

    @property
    def fraction(self) -> Fraction:
        """The ratio as an exact fraction, for comparisons without rounding."""
        return Fraction(self.numerator, self.denominator)

    def __str__(self) -> str:
        return f"{self.numerator}/{self.denominator}"


@attrs.frozen(kw_only=True)
class Threshold(Record):
    """A share of a whole that must be reached: 以上 (``inclusive``, >=) or 超过 (>).

    民法典 第1259条: 以上 includes the number, 超过 does not; 过半数 is read as more than
    half. A whole of 0 never meets a threshold: nobody can reach a share of nobody.
    """

    share: Ratio = attrs.field(metadata=md("比例", check_instance(Ratio, "a Ratio")))
    inclusive: bool = attrs.field(metadata=md("含本数", check_bool))
    basis: Basis = attrs.field(metadata=md("依据", _basis))

    def met(self, part: int, whole: int) -> bool:
        """Whether ``part`` out of ``whole`` reaches the share, exactly (no floats)."""
        if whole <= 0:
            return False
        reached = Fraction(part, whole)
        return reached >= self.share.fraction if self.inclusive else reached > self.share.fraction

    def minimum_part(self, whole: int) -> int | None:
        """The fewest of ``whole`` that meet the threshold; None if none can (whole 0)."""
        if whole <= 0:
            return None
        exact = self.share.fraction * whole
        floor = exact.numerator // exact.denominator
        need = floor if self.inclusive and floor == exact else floor + 1
        return need if need <= whole else None

    def describe(self, lang: str = "zh") -> str:
        """The threshold as the law words it: 三分之二以上 (at least) or 超过 (more than)."""
        if lang == "zh":
            return f"{self.share}以上" if self.inclusive else f"超过{self.share}"
        return f"at least {self.share}" if self.inclusive else f"more than {self.share}"


@attrs.frozen(kw_only=True)
class Span(Record):
    """An inclusive range of whole numbers (members, households); ``maximum`` None is open."""

    minimum: int = attrs.field(metadata=md("下限", check_count))
    maximum: int | None = attrs.field(
        default=None,
        metadata=md("上限", lambda v: None if v is None else check_count(v)),
    )
    basis: Basis = attrs.field(metadata=md("依据", _basis))

    def _invariants(self) -> Iterator[tuple[Loc | str, str]]:
        if self.maximum is not None and self.maximum < self.minimum:
            yield "maximum", "must not be less than minimum"

    def contains(self, n: int) -> bool:
        """Whether ``n`` lies in the span, both ends included (以上、以下 include the number)."""
        return n >= self.minimum and (self.maximum is None or n <= self.maximum)

    def describe(self) -> str:
        """The span as ``5–9``, or ``≥3`` when it has no maximum."""
        return f"{self.minimum}–{self.maximum}" if self.maximum is not None else f"≥{self.minimum}"


@attrs.frozen(kw_only=True)
class Minimum(Record):
    """A measured floor: an area, a sum of money or a density that must be reached."""

    value: Decimal = attrs.field(converter=to_decimal, metadata=md("下限", _check_finite_nonneg))
    basis: Basis = attrs.field(metadata=md("依据", _basis))


@attrs.frozen(kw_only=True)
class Count(Record):
    """A whole number with its basis: a size threshold, a term in years, a bound."""

    value: int = attrs.field(metadata=md("数值", check_count))
    basis: Basis = attrs.field(metadata=md("依据", _basis))


@attrs.frozen(kw_only=True)
class Requirement(Record):
    """A duty without a number (insure eligible cadres, include a woman), with its basis."""

    basis: Basis = attrs.field(metadata=md("依据", _basis))


@attrs.frozen(kw_only=True)
class FacilitySet(Record):
    """A set of facilities every community must have (六室两中心)."""

    kinds: frozenset[FacilityKind] = attrs.field(
        converter=to_frozenset,
        metadata=md("设施", check_frozenset_of(check_enum(FacilityKind))),
    )
    basis: Basis = attrs.field(metadata=md("依据", _basis))

"""Values kept by their key, up to a bound: what many records share (a date and its
text) is built once and then looked up.

A date of birth from an identity number's digits, a date's ISO text: a population
shares a few tens of thousands of them, and building one costs more than a dict lookup
(``date.isoformat`` about 0.3 µs, a date from three ``int`` about 0.5). The values must
be immutable, since every caller gets the same object.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

K = TypeVar("K")
V = TypeVar("V")

__all__ = ["Kept"]


class Kept(dict[K, V]):
    """``kept[key]`` is ``make(key)``, kept for the next time while fewer than ``limit``
    are kept (the first ``limit`` keys stay; later ones are built each time)."""

    __slots__ = ("limit", "make")

    def __init__(self, make: Callable[[K], V], limit: int) -> None:
        super().__init__()
        self.make, self.limit = make, limit

    def __missing__(self, key: K) -> V:
        value = self.make(key)
        if len(self) < self.limit:
            self[key] = value
        return value

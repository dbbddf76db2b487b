"""The library's errors: one root, narrow subclasses, structured payloads.

Every error shequ_core raises is a :class:`ShequError`. Where a built-in exception
already means the same thing, the error subclasses it too, so ``except ValueError``
keeps working in code that does not know us (attrs does the same with
``FrozenInstanceError(AttributeError)``).
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

__all__ = [
    "CalendarCoverageError",
    "ExtensionRefused",
    "Problem",
    "ShequError",
    "ValidationError",
]


class ShequError(Exception):
    """The root of every error raised by shequ_core."""


@attrs.frozen
class Problem:
    """One thing wrong with an input: where it is and what is wrong.

    ``path`` reads like the Python expression that reaches the value
    (``dispute_cases[3].parties[0].phone``); an empty path means the input as a whole.
    """

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message

    def within(self, prefix: str) -> Problem:
        """The same problem seen from a container whose path to us is ``prefix``."""
        if not prefix:
            return self
        if not self.path:
            return Problem(prefix, self.message)
        sep = "" if self.path.startswith("[") else "."
        return Problem(f"{prefix}{sep}{self.path}", self.message)


class ValidationError(ShequError, ValueError):
    """Invalid input: carries every problem found, not only the first.

    The text lists each problem on its own line with its path. Personal data never
    appears in it: the messages are written to name what is wrong, not to echo it.
    """

    problems: tuple[Problem, ...]
    subject: str | None

    def __init__(self, problems: Iterable[Problem], *, subject: str | None = None) -> None:
        self.problems = tuple(problems)
        self.subject = subject
        super().__init__(self._text())

    def _text(self) -> str:
        head = f"invalid {self.subject}" if self.subject else "invalid input"
        n = len(self.problems)
        if n == 1:
            return f"{head}: {self.problems[0]}"
        lines = "\n".join(f"  - {p}" for p in self.problems)
        return f"{head}: {n} problems\n{lines}"

    def within(self, prefix: str, *, subject: str | None = None) -> ValidationError:
        """The same error with every path prefixed, as seen from a container."""
        return ValidationError(
            (p.within(prefix) for p in self.problems),
            subject=subject if subject is not None else self.subject,
        )

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_validation_error, (self.problems, self.subject))


def _rebuild_validation_error(
    problems: tuple[Problem, ...], subject: str | None
) -> ValidationError:
    return ValidationError(problems, subject=subject)


class CalendarCoverageError(ShequError, LookupError):
    """A computation needed a day outside the years the calendar data covers.

    The holiday schedule of a year is only known once the State Council publishes it
    (each autumn for the next year); before that, a working-day answer would be a guess.
    ``year`` is the year of the first day that was needed and not covered. A calendar
    built with ``provisional=True`` also covers a few estimated years after
    ``confirmed_through`` (``covered_through``); a day before ``first_year`` has no data
    at all.
    """

    year: int
    confirmed_through: int
    first_year: int | None
    covered_through: int | None

    def __init__(
        self,
        year: int,
        confirmed_through: int,
        *,
        first_year: int | None = None,
        covered_through: int | None = None,
    ) -> None:
        self.year = year
        self.confirmed_through = confirmed_through
        self.first_year = first_year
        self.covered_through = covered_through
        super().__init__(self._text())

    def _text(self) -> str:
        year, confirmed = self.year, self.confirmed_through
        if self.first_year is not None and year < self.first_year:
            return (
                f"no holiday data for {year} in the calendar: it starts in {self.first_year} "
                f"(confirmed through {confirmed})"
            )
        if self.covered_through is not None and self.covered_through > confirmed:
            return (
                f"no holiday data for {year} in the calendar: official notices through "
                f"{confirmed}, provisional estimates through {self.covered_through}"
            )
        return (
            f"no official holiday notice for {year} in the calendar data "
            f"(confirmed through {confirmed}); build the calendar with "
            f"provisional=True to accept estimated results"
        )

    def __reduce__(self) -> tuple[object, ...]:
        return (
            _rebuild_calendar_coverage_error,
            (self.year, self.confirmed_through, self.first_year, self.covered_through),
        )


def _rebuild_calendar_coverage_error(
    year: int, confirmed_through: int, first_year: int | None, covered_through: int | None
) -> CalendarCoverageError:
    return CalendarCoverageError(
        year, confirmed_through, first_year=first_year, covered_through=covered_through
    )


class ExtensionRefused(ShequError, ValueError):
    """Approved extensions (延期) add up to more than the law allows."""

    def __init__(self, requested: int, allowed: int) -> None:
        self.requested = requested
        self.allowed = allowed
        super().__init__(f"extensions add up to {requested} days, more than the {allowed} allowed")

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.requested, self.allowed))

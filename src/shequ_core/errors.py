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
    "CODES",
    "CalendarCoverageError",
    "ExtensionRefused",
    "Loc",
    "Problem",
    "ShequError",
    "ValidationError",
    "render_loc",
]


class ShequError(Exception):
    """The root of every error raised by shequ_core."""


#: One step of a path into an input: a field or key name, or a list index.
Loc = tuple["str | int", ...]

#: The stable codes a :class:`Problem` carries, each with what it means. Programs
#: branch on these; the messages are for people and may be reworded.
CODES: dict[str, str] = {
    "required": "a required field or column is missing",
    "wrong_type": "the value is of the wrong type (a string where a number belongs...)",
    "unknown_field": "a key or column that the record does not have",
    "unknown_value": "a code that is not one of the enum's values",
    "out_of_range": "a number or date outside what is allowed",
    "empty": "a text or id that is empty or only white space",
    "malformed_text": "text with control characters or surrounding white space",
    "invalid_id_number": "an identity number that fails GB 11643",
    "invalid_phone_number": "a phone number that is not a mainland number",
    "invalid_value": "a value that fails its field's check for another reason",
    "inconsistent": "fields that contradict each other (a rule across fields)",
    "duplicate_id": "two records of a collection with the same id",
    "dangling_reference": "an id that refers to a record which does not exist",
    "malformed_json": "a file or line that is not valid JSON",
    "duplicate_key": "a key that appears twice in one JSON object (never read as its last value)",
    "malformed_csv": "a CSV row that cannot be read (wrong number of cells...)",
    "unknown_collection": "a collection name the dataset does not have",
    "unknown_column": "a column that is not a field of the record (a notice unless strict)",
    "duplicate_column": "a CSV column that appears twice",
    "unsupported_version": "a file written by a schema version this library cannot read",
    "invalid_file": "a file that cannot be read as the format it claims",
    "invalid_argument": "an argument of a function or option that is not allowed",
    "invalid_encoding": "text that is neither UTF-8 nor GB18030 (or not the encoding given)",
    "id_number_mangled_by_excel": "an identity number Excel stored as a number and rounded",
    "id_number_converted": "a 15-digit identity number converted to 18 digits (a notice)",
    "duplicate_id_number": "two residents with the same identity number",
    "ignored_rows": "rows above a sheet's header row (a title), ignored (a notice)",
    "assumed_value": "a value the file does not give, taken from the caller (a notice)",
    "forbidden_transition": "a step of a history that the lifecycle table does not allow",
}


def render_loc(loc: Loc) -> str:
    """A location as the Python expression that reaches it: ``cases[3].parties[0].phone``."""
    out: list[str] = []
    for part in loc:
        if isinstance(part, int) or not part.isidentifier():
            out.append(f"[{part!r}]")
        elif out:
            out.append(f".{part}")
        else:
            out.append(part)
    return "".join(out)


def _to_loc(value: Loc | str | int) -> Loc:
    # A single name or index is a one-step location; the empty string, the input itself.
    if isinstance(value, (str, int)):
        return (value,) if value != "" else ()
    return tuple(value)


@attrs.frozen
class Problem:
    """One thing wrong with an input: where it is, what is wrong, and a stable code.

    ``loc`` is the path as parts (``("dispute_cases", 3, "parties", 0, "phone")``), the
    way cattrs' exception notes carry it; :attr:`path` renders it for people
    (``dispute_cases[3].parties[0].phone``), and an empty ``loc`` means the input as a
    whole. ``code`` is one of :data:`CODES`. Where the input was a file, ``file`` names it
    and ``line`` is the line (1-based) the problem is on; ``column``, for a cell of a CSV
    or xlsx row, is that column's header as the file wrote it (身份证号码).

    :attr:`message_zh` is the message in Chinese: given as ``message_zh=``, else looked up
    by the English message's pattern; :meth:`render` shows the problem in either language.
    """

    loc: Loc = attrs.field(converter=_to_loc)
    message: str
    code: str = "invalid_value"
    file: str | None = attrs.field(default=None, kw_only=True)
    line: int | None = attrs.field(default=None, kw_only=True)
    column: str | None = attrs.field(default=None, kw_only=True)
    _zh: str | None = attrs.field(default=None, kw_only=True, alias="message_zh", repr=False)

    @property
    def message_zh(self) -> str:
        """The message in Chinese, for the clerk who fixes the file."""
        if self._zh is not None:
            return self._zh
        # The catalogue compiles some 400 patterns: loaded by the first message asked
        # for in Chinese, not by ``import shequ_core``.
        from shequ_core._messages_zh import GENERIC, translate

        found = translate(self.code, self.message)
        return found if found is not None else GENERIC.get(self.code, "填写有误")

    @property
    def path(self) -> str:
        """The location rendered as a Python expression (``residents[2].id_number``)."""
        return render_loc(self.loc)

    def __str__(self) -> str:
        where = self.path
        if self.file is not None:
            at = self.file if self.line is None else f"{self.file}:{self.line}"
            where = f"{at}: {where}" if where else at
        return f"{where}: {self.message}" if where else self.message

    def render(self, lang: str = "en") -> str:
        """The problem as one line: ``str(problem)`` for ``"en"``; for ``"zh"``, its place
        in Chinese words (``residents.csv 第 5 行“身份证号码”列``) and :attr:`message_zh`."""
        if lang != "zh":
            return str(self)
        at = self.file or ""
        if self.line is not None:
            at = f"{at} 第 {self.line} 行".strip()
        if self.column is not None:  # loc[0] is the column's field; then an item of a list
            inner = self.loc[1:]
            item = f"第 {inner[0] + 1} 条" if inner and isinstance(inner[0], int) else ""
            rest = render_loc(inner[1:] if item else inner)
            where = f"{at}“{self.column}”列{item}" + (f"（{rest}）" if rest else "")
        else:
            where = f"{at}：{self.path}" if at and self.path else at or self.path
        return f"{where}：{self.message_zh}" if where else self.message_zh

    def within(self, *prefix: str | int) -> Problem:
        """The same problem seen from a container whose path to us is ``prefix``."""
        return attrs.evolve(self, loc=(*prefix, *self.loc)) if prefix else self

    def in_file(self, file: str | None, line: int | None = None) -> Problem:
        """The same problem, found in ``file`` (at ``line``, where known)."""
        return attrs.evolve(self, file=file, line=line)

    def to_dict(self) -> dict[str, object]:
        """The problem as JSON-ready data: ``loc`` as a list, ``path`` rendered."""
        return {
            "loc": list(self.loc),
            "path": self.path,
            "code": self.code,
            "message": self.message,
            "message_zh": self.message_zh,
            "file": self.file,
            "line": self.line,
            "column": self.column,
        }


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

    def within(self, *prefix: str | int, subject: str | None = None) -> ValidationError:
        """The same error with every path prefixed, as seen from a container."""
        return ValidationError(
            (p.within(*prefix) for p in self.problems),
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
    at all. ``request_id`` names the service request being judged, when there is one.
    """

    year: int
    confirmed_through: int
    first_year: int | None
    covered_through: int | None
    request_id: str | None

    def __init__(
        self,
        year: int,
        confirmed_through: int,
        *,
        first_year: int | None = None,
        covered_through: int | None = None,
        request_id: str | None = None,
    ) -> None:
        self.year = year
        self.confirmed_through = confirmed_through
        self.first_year = first_year
        self.covered_through = covered_through
        self.request_id = request_id
        text = self._text()
        super().__init__(text if request_id is None else f"request {request_id}: {text}")

    def for_request(self, request_id: str) -> CalendarCoverageError:
        """The same error, naming the request it was raised for."""
        return CalendarCoverageError(
            self.year,
            self.confirmed_through,
            first_year=self.first_year,
            covered_through=self.covered_through,
            request_id=request_id,
        )

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
            f"(confirmed through {confirmed}); load the notice once it is published "
            f"(china_calendar(notices=[...]), shequ --notices FILE) or build the calendar "
            f"with provisional=True (shequ --provisional) to accept estimated results"
        )

    def __reduce__(self) -> tuple[object, ...]:
        return (
            _rebuild_calendar_coverage_error,
            (
                self.year,
                self.confirmed_through,
                self.first_year,
                self.covered_through,
                self.request_id,
            ),
        )


def _rebuild_calendar_coverage_error(
    year: int,
    confirmed_through: int,
    first_year: int | None,
    covered_through: int | None,
    request_id: str | None = None,
) -> CalendarCoverageError:
    return CalendarCoverageError(
        year,
        confirmed_through,
        first_year=first_year,
        covered_through=covered_through,
        request_id=request_id,
    )


class ExtensionRefused(ShequError, ValueError):
    """Approved extensions (延期) add up to more than the law allows."""

    def __init__(self, requested: int, allowed: int) -> None:
        self.requested = requested
        self.allowed = allowed
        super().__init__(f"extensions add up to {requested} days, more than the {allowed} allowed")

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.requested, self.allowed))

"""What every reader yields and shares: a row of a collection with where it came from,
input text fit for a message, and the progress line."""

from __future__ import annotations

import sys
import typing
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from shequ_core.errors import Problem
from shequ_core.text import mask_personal, printable


class Row(typing.NamedTuple):
    """One record as read from a file, before it is checked against its class."""

    collection: str
    file: str
    pos: int  # the line number in a CSV or JSON Lines file; the index in a JSON list
    by_line: bool
    data: Any
    #: What a lenient reader already found wrong with the row's cells (each with its file
    #: and line): the row is not loaded, and these are reported with the converter's.
    bad: tuple[Problem, ...] = ()
    #: Each field's column header as the file wrote it, for a row of a CSV or a sheet.
    titles: Mapping[str, str] | None = None


@attrs.define
class Reading:
    """What a reader of office files is asked for, and where it puts what it finds."""

    problems: list[Problem]
    notices: list[Problem] = attrs.Factory(list)
    encoding: str | None = None
    columns: Mapping[str, str] | None = None
    strict: bool = False
    show: bool = False


def titled(problem: Problem, titles: Mapping[str, str] | None) -> Problem:
    """``problem`` naming, as its ``column``, the header its field has in the file."""
    if titles and problem.loc and isinstance(problem.loc[0], str):
        title = titles.get(problem.loc[0])
        if title is not None:
            return attrs.evolve(problem, column=shown(title))
    return problem


def shown(text: str) -> str:
    """An input string fit for a message: anything that looks like an identity or phone
    number masked (:func:`~shequ_core.text.mask_personal`), control characters escaped,
    and long text cut."""
    text = printable(mask_personal(text))
    return text if len(text) <= 40 else text[:39] + "…"


class Progress:
    """A one-line progress report on stderr while a large file is read."""

    def __init__(self, path: Path, show: bool) -> None:
        self.show = show and path.is_file() and path.stat().st_size > 5_000_000
        self.total = path.stat().st_size if self.show else 0
        self.done = 0
        self.last = -1
        self.label = path.name

    def __enter__(self) -> Progress:
        return self

    def step(self, size: int) -> None:
        """Count ``size`` more characters read, and redraw the line when the percentage moves."""
        if not self.show:
            return
        self.done += size
        pct = min(100, self.done * 100 // max(self.total, 1))
        if pct != self.last:
            self.last = pct
            sys.stderr.write(f"\rreading {self.label}: {pct:3d}%")
            sys.stderr.flush()

    def __exit__(self, *exc: object) -> None:
        if self.show:
            sys.stderr.write("\n")

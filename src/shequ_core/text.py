"""Plain-text tables that line up with Chinese characters (which take two columns)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Literal

__all__ = ["Lang", "display_width", "format_table", "mask_personal", "printable"]

#: The languages of labels and messages: Chinese (the default of most outputs) or English.
Lang = Literal["zh", "en"]


def display_width(text: str) -> int:
    """Columns ``text`` takes on a terminal: wide and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int, right: bool) -> str:
    gap = " " * max(0, width - display_width(text))
    return gap + text if right else text + gap


def _cell(value: object) -> str:
    if value is None:
        return "-"
    return printable(mask_personal(value) if isinstance(value, str) else str(value))


def format_table(
    headers: Sequence[str], rows: Sequence[Sequence[object]], *, title: str | None = None
) -> str:
    """A table with a header rule; numbers are right-aligned, ``None`` shows as ``-``.

    Text that looks like an identity or phone number is masked (:func:`mask_personal`:
    an id can be one) and control characters are escaped (:func:`printable`), so a
    record can neither show a personal number nor rewrite the terminal.
    """
    cells = [[_cell(v) for v in row] for row in rows]
    headers = [printable(h) for h in headers]
    numeric = [
        all(isinstance(row[i], (int, float)) or row[i] is None for row in rows) and bool(rows)
        for i in range(len(headers))
    ]
    widths = [
        max([display_width(h)] + [display_width(r[i]) for r in cells])
        for i, h in enumerate(headers)
    ]
    lines = []
    if title:
        lines.append(title)
    lines.append(
        "  ".join(_pad(h, w, n) for h, w, n in zip(headers, widths, numeric, strict=True)).rstrip()
    )
    lines.append("  ".join("-" * w for w in widths))
    for row in cells:
        lines.append(
            "  ".join(_pad(v, w, n) for v, w, n in zip(row, widths, numeric, strict=True)).rstrip()
        )
    return "\n".join(lines)


# -- personal numbers in any text ------------------------------------------------------

# A run of digits in groups joined by one to three separators (how people write numbers:
# ``138 0013 8000``, ``010-6512 3456``, ``(0471) 6901234``), ending in an optional ``X``
# (an identity number's check character). ``\d`` takes every script's digits, so a
# number typed with full-width digits is found too.
_SEPARATOR = r"[\s\-‐‑‒–—―.·/_()（）]"
_GROUPS = re.compile(rf"\d+(?:{_SEPARATOR}{{1,3}}\d+)*(?:[Xx](?![A-Za-z0-9]))?")
#: Ten digits in one run: the fewest a number the masker hides can have. Most text has
#: none, and is returned after this one search.
_CANDIDATE = re.compile(rf"\d(?:{_SEPARATOR}{{0,3}}\d){{9}}")
_GROUP = re.compile(r"\d+[Xx]?")
#: A window of groups is looked at up to this many digits (``0086`` and a landline).
_LONGEST = 22


def _area(digits: str) -> int:
    """The length of a landline's area code (its trunk 0 included): 010 and 02x take 3."""
    return 3 if digits[1] in "12" else 4


def _hidden(digits: str) -> range | tuple[int, ...] | None:
    """The positions of ``digits`` a mask hides, if they look like a personal number."""
    n = len(digits)
    for code in ("0086", "86"):  # the country code, then a mobile or a landline
        if digits.startswith(code) and n > len(code) + 9:
            rest = digits[len(code) :]
            if (inner := _hidden(rest)) is not None and n - len(code) < 15:
                return tuple(i + len(code) for i in inner)
            if (inner := _hidden("0" + rest)) is not None and n - len(code) < 14:
                return tuple(i + len(code) - 1 for i in inner if i >= 1)
    if n == 11 and digits[0] == "1":  # a mobile: 138****5678 (GB/T 35273's example)
        return range(3, 7)
    if digits[0] == "0" and 10 <= n <= 12:  # a landline: area code and last 2 digits
        return range(_area(digits), n - 2)
    if n >= 12 or (n >= 11 and digits[-1] in "Xx"):
        # An identity number (18 characters, 15 before 1999), or anything long enough
        # to hold a phone number with a digit more: the first 4 digits (an identity
        # number's province and prefecture) are shown, never the county, birth date,
        # sequence or check character.
        return range(4, n)
    return None


def _ascii(group: str) -> str:
    return "".join(c if c in "Xx" else str(unicodedata.digit(c, 0)) for c in group)


def _mask_run(run: str) -> str:
    # Classified by their value: ``１３８`` is 138 typed with a Chinese input method.
    groups = [(m.start(), _ascii(m.group())) for m in _GROUP.finditer(run)]
    # Every position (in ``run``) of every digit, group by group.
    places = [[start + i for i in range(len(g))] for start, g in groups]
    hide: set[int] = set()
    for i in range(len(groups)):
        digits = ""
        where: list[int] = []
        for j in range(i, len(groups)):
            digits += groups[j][1]
            where += places[j]
            if len(digits) > _LONGEST and j > i:
                break
            hidden = _hidden(digits)
            if hidden is not None:
                hide.update(where[k] for k in hidden)
    if not hide:
        return run
    return "".join("*" if k in hide else c for k, c in enumerate(run))


def mask_personal(text: str) -> str:
    """``text`` with everything that looks like an identity or phone number masked.

    The one masker of the library: what ``IdNumber`` and ``PhoneNumber`` show, and what
    every message, table, ``repr`` and redacted output shows of an id, a key or a value
    that holds such a number, valid or not (a wrong check character, spaces or dashes
    inside, a prefix such as ``sfz-`` or ``tel:``, a minus sign, full-width digits).
    What stays visible (docs/explanation/personal-data.md):

    - 11 digits starting with 1 (a mobile): the first 3 and the last 4;
    - 10 to 12 digits starting with 0 (a landline): the area code and the last 2;
    - the same after a country code 86 or 0086;
    - any other run of 12 or more digits (an identity number, or a phone number with
      more digits around it): the first 4 only, an identity number's province and
      prefecture; never its birth date, sequence or check character.

    Digits may be split by up to three spaces, dashes, dots, slashes or brackets.
    Shorter runs (ids such as ``C01-R00001``, dates, counts, an 11-digit request
    number that does not start with 0 or 1) are left alone.
    """
    if not _CANDIDATE.search(text):
        return text
    return _GROUPS.sub(lambda m: _mask_run(m.group()), text)


def printable(text: str) -> str:
    """``text`` with every control or other non-printable character shown escaped
    (``\\n``, ``\\x1b``, ``\\u202e``), so a record cannot move the cursor, recolour or
    rewrite a terminal, or break a line the output promised."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)

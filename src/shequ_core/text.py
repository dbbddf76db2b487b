"""Plain-text tables that line up with Chinese characters (which take two columns)."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Literal

__all__ = ["Lang", "display_width", "format_table"]

#: The languages of labels and messages: Chinese (the default of most outputs) or English.
Lang = Literal["zh", "en"]


def display_width(text: str) -> int:
    """Columns ``text`` takes on a terminal: wide and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int, right: bool) -> str:
    gap = " " * max(0, width - display_width(text))
    return gap + text if right else text + gap


def format_table(
    headers: Sequence[str], rows: Sequence[Sequence[object]], *, title: str | None = None
) -> str:
    """A table with a header rule; numbers are right-aligned, ``None`` shows as ``-``."""
    cells = [["-" if v is None else str(v) for v in row] for row in rows]
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

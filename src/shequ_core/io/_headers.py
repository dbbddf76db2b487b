"""Header rows as offices write them: a column is a field by its name (``id_number``),
its Chinese label (身份证号), a common alias of :data:`HEADER_ALIASES` (身份证号码), or
the caller's own ``columns={"their header": "field"}``.

Headers are compared after Unicode NFKC normalisation (full-width letters and digits
become ASCII), with white space removed, a trailing required-marker ``*`` or
``(必填)`` dropped and case ignored. A column that matches nothing is a notice
(``unknown_column``, with "did you mean" when a known header is close) and its cells
are ignored, unless ``strict=True`` makes it a problem. A column with an empty header
is ignored, with a notice at the first row that has something in it.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence

import attrs

from shequ_core.errors import Problem
from shequ_core.io._keys import known_headers, normalise
from shequ_core.io._rows import Reading, Row, shown, titled
from shequ_core.io._values import DERIVED_FROM, field_kinds, read_record


@attrs.frozen
class Header:
    """A header row matched to the fields of a record class."""

    #: The field each column holds, or ``None`` for a column that is ignored.
    fields: tuple[str | None, ...]
    #: Each column's header as written in the file.
    titles: tuple[str, ...]

    def stray(self, cells: Sequence[object], file: str | None, line: int) -> Problem | None:
        """A notice for the first column with no header that holds something in ``cells``:
        its cells are ignored, and that should not go unsaid."""
        for i, (title, cell) in enumerate(zip(self.titles, cells, strict=False)):
            if not title and cell is not None and str(cell).strip():
                msg = f"column {i + 1} has no header; its cells are ignored"
                return Problem((), msg, "unknown_column", file=file, line=line)
        return None

    def by_field(self) -> dict[str, str]:
        """Each field's header as written in the file (身份证号码 for ``id_number``)."""
        return {f: t for f, t in zip(self.fields, self.titles, strict=False) if f is not None}

    def row(self, cells: Sequence[object]) -> dict[str, object]:
        """A row of cells as ``field -> cell``, the ignored columns left out (a short row's
        missing cells are missing, not blank)."""
        return {f: c for f, c in zip(self.fields, cells, strict=False) if f is not None}


def match_header(
    cls: type,
    cells: Sequence[object],
    *,
    columns: Mapping[str, str] | None = None,
    strict: bool = False,
    required: bool = True,
    file: str | None = None,
    line: int | None = 1,
) -> tuple[Header, list[Problem], list[Problem]]:
    """The header row ``cells`` matched to the fields of ``cls``: the :class:`Header`, the
    problems (a column twice; with ``required``, a required field with no column; with
    ``strict``, an unknown column) and the notices (an unknown column, otherwise).

    ``columns`` maps a caller's own headers to field names; entries naming a field that
    ``cls`` does not have are left out, so one mapping can serve several collections.
    """
    lookup, display = known_headers(cls)
    kinds = field_kinds(cls)
    own = {normalise(k): v for k, v in (columns or {}).items() if v in kinds}
    problems: list[Problem] = []
    notices: list[Problem] = []
    names: list[str | None] = []
    titles: list[str] = []
    for cell in cells:
        title = "" if cell is None else str(cell).strip()
        titles.append(title)
        key = normalise(title)
        name = own.get(key) or lookup.get(key)
        if not key:
            name = None
        elif name is None:
            msg = f"is not a field of {cls.__name__}" + ("" if strict else "; ignored")
            close = difflib.get_close_matches(key, list(lookup), n=1, cutoff=0.6)
            if close:
                said, field = display[close[0]], lookup[close[0]]
                msg += (
                    f" (did you mean {said}?)"
                    if said == field
                    else f" (did you mean {said}, {field}?)"
                )
            where = problems if strict else notices
            where.append(Problem((shown(title),), msg, "unknown_column", file=file, line=line))
        elif name in names:
            msg = "appears twice" if title == name else f"appears twice (as {shown(title)!r})"
            problems.append(Problem((name,), msg, "duplicate_column", file=file, line=line))
            name = None
        names.append(name)
    if required:
        present = {n.partition(".")[0] for n in names if n is not None}
        for a in attrs.fields(cls):
            source = DERIVED_FROM.get(a.name)
            if a.default is attrs.NOTHING and a.name not in present and source not in present:
                msg = "is a required column, missing from the header"
                problems.append(Problem((a.name,), msg, "required", file=file, line=line))
    return Header(tuple(names), tuple(titles)), problems, notices


def header_score(cls: type, cells: Sequence[object]) -> int:
    """How many of ``cells`` name a field of ``cls``: a header row names several, a title
    row above it (某某社区居民花名册) none."""
    lookup, _ = known_headers(cls)
    return len({lookup[k] for k in map(normalise, cells) if k in lookup})


def read_row(
    header: Header,
    cls: type,
    collection: str,
    cells: Sequence[object],
    *,
    file: str,
    line: int,
    reading: Reading,
    titles: Mapping[str, str],
    stray: bool,
) -> tuple[Row, bool]:
    """One data row of a CSV file or a sheet as the Row the loader checks: its record,
    the cell problems that keep it out and its notices, each naming its column as the
    file wrote it. ``stray`` says whether a cell under no header is still to be noticed
    (once a file); returned as it stands after this row. ``titles`` is
    ``header.by_field()``, made once a file."""
    record, bad, notes = read_record(cls, header.row(cells))
    reading.notices.extend(titled(p.in_file(file, line), titles) for p in notes)
    if stray and (notice := header.stray(cells, file, line)) is not None:
        reading.notices.append(notice)
        stray = False
    found = tuple(titled(p.in_file(file, line), titles) for p in bad)
    return Row(collection, file, line, True, record, found, titles), stray

"""A resident roster (花名册) as an office keeps it: one row a person, in a CSV file
(UTF-8 or GB18030) or an ``.xlsx`` sheet, read into a checked Dataset of one community
with its households, grids, residents and their attentions.

Each row is read as a :class:`~shequ_core.entities.Resident` by the lenient rules of
:mod:`shequ_core.io._values`; the columns a roster has and a Resident does not are read
here (:data:`ROSTER_HEADERS`): the household number (户号) or else the address groups
people into households, the grid (所属网格) names the household's grid, the categories
(人员类别, 重点人群: ``独居老人、困难家庭``) become attentions through the Chinese labels
and :data:`ATTENTION_ALIASES`, and a registration date (登记日期) is when they start.
Records the roster gives no id get ids made of the community's id and a position
(``C1-r12`` for line 12, ``C1-h3``, ``C1-g1``), never of personal data, so the same
file gives the same ids.
"""

from __future__ import annotations

import array
import datetime as dt
import itertools
import os
import re
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from shequ_core.entities import Attention, Community, Resident
from shequ_core.errors import Problem, ShequError, ValidationError
from shequ_core.io._headers import header_score, match_header
from shequ_core.io._keys import normalise
from shequ_core.io._load import LoadResult, Places, consistent, reading_problems
from shequ_core.io._report import roster_rows, write_report
from shequ_core.io._rows import shown
from shequ_core.io._values import CellError, field_kinds, parse_date, read_record
from shequ_core.serialization import structure

#: A roster's own columns (those a Resident has no field for), by what they mean.
ROSTER_HEADERS: Mapping[str, tuple[str, ...]] = {
    "household": ("户号", "户编号", "所属户", "家庭编号"),
    "address": ("现住址", "居住地址", "住址", "地址", "家庭住址", "现居住地址"),
    "grid": ("所属网格", "网格", "网格名称", "网格编号"),
    "attentions": ("人员类别", "重点人群", "重点关注", "人员类型", "特殊人群", "关注类别"),
    "since": ("登记日期", "登记时间", "录入日期", "建档日期"),
    "relation": ("与户主关系", "与户主的关系", "户内关系"),
}

#: Words offices use for the kinds of attention, beside each kind's code, English and
#: Chinese label (孤寡老人, 空巢老人, 困难家庭, 残疾人...).
ATTENTION_ALIASES: Mapping[str, str] = {
    "独居老人": "empty_nest_elder",
    "空巢": "empty_nest_elder",
    "孤寡": "lonely_elder",
    "孤寡老年人": "lonely_elder",
    "低保户": "hardship_family",
    "低保": "hardship_family",
    "低保家庭": "hardship_family",
    "特困": "hardship_family",
    "特困供养": "hardship_family",
    "特困人员": "hardship_family",
    "低收入家庭": "hardship_family",
    "困难户": "hardship_family",
    "残疾": "disabled",
    "残疾人员": "disabled",
    "刑满释放人员": "released_prisoner",
    "刑释人员": "released_prisoner",
    "刑满释放": "released_prisoner",
    "社区矫正": "community_correction",
    "社区矫正人员": "community_correction",
    "信访人员": "petitioner",
    "信访户": "petitioner",
    "留守老人": "left_behind_elder",
    "失能老人": "disabled_elder",
    "失智老人": "disabled_elder",
    "失独家庭": "family_planning_special_elder",
    "计生特殊家庭": "family_planning_special_elder",
}

_SPLIT = re.compile(r"[、，,;；/／\s]+")
_HEAD = "户主"
_HEADER_ROWS = 10


def import_roster(
    path: str | Path,
    *,
    community: Community,
    as_of: dt.date,
    sheet: str | None = None,
    encoding: str | None = None,
    columns: Mapping[str, str] | None = None,
    errors: str = "raise",
    report: str | os.PathLike[str] | None = None,
    report_lang: str = "zh",
) -> LoadResult:
    """Read the roster at ``path`` into a :class:`LoadResult` whose dataset holds
    ``community`` and the roster's grids, households and residents.

    ``sheet`` picks a workbook's sheet (default: the first); ``encoding`` forces a CSV
    file's; ``columns`` maps the roster's own headers to Resident fields or to the
    roster's columns (``"household"``, ``"address"``, ``"grid"``, ``"attentions"``,
    ``"since"``, ``"relation"``). An attention starts on the roster's date column, or
    else on ``as_of`` (a notice says so). By default any problem raises
    :class:`ValidationError` with all of them; with ``errors="collect"`` the good rows
    load and each bad row is a problem naming its file, line and column. A file that
    cannot be read as a roster at all (empty, in neither encoding, a header without 姓名
    or without a household or an address column) raises :class:`ValidationError` in
    either mode, and :class:`~shequ_core.errors.ShequError` a file that cannot be
    opened.

    ``report`` names an ``.xlsx`` file to write the roster's rows that have problems
    to, every column as the roster has it and a 问题 column of what is wrong (in
    Chinese, or English with ``report_lang="en"``), so the office can fix them in Excel
    and import the file again; it is written (empty but for its header) when every row
    loaded, and before a :class:`ValidationError` is raised.
    """
    _check_arguments(errors, encoding, columns)
    source = Path(path)
    if not source.is_file():
        raise ShequError(f"cannot read {source}: no such file")
    problems: list[Problem] = []
    notices: list[Problem] = []
    lines = roster_rows(source, sheet, encoding, problems)
    roster = Roster(community, as_of, source.name, columns or {}, problems, notices)
    roster.read(lines)
    if roster.unreadable:
        raise ValidationError(problems, subject=f"roster {source.name}")
    dropped: list[Problem] = []
    if not problems:
        try:
            dataset, dropped = consistent(roster.records(), roster.places(), drop=True)
        except ValidationError as e:  # pragma: no cover - dropping never raises
            dropped = list(e.problems)
    if report is not None:
        write_report(
            source,
            (roster.titles, roster.by_title, roster.header_line),
            [*problems, *dropped],
            Path(report),
            sheet,
            encoding,
            report_lang,
        )
    if (problems or dropped) and errors == "raise":
        raise ValidationError([*problems, *dropped], subject=f"roster {source.name}")
    if problems:
        dataset, dropped = consistent(roster.records(), roster.places(), drop=True)
    problems.extend(dropped)
    return LoadResult(dataset, tuple(problems), None, tuple(notices), roster.by_title)


def _check_arguments(errors: object, encoding: object, columns: object) -> None:
    bad = reading_problems(errors, encoding)
    known = {*field_kinds(Resident), *ROSTER_HEADERS}
    if columns is not None and not isinstance(columns, Mapping):
        bad.append(Problem("columns", "must map a header to a column name", "invalid_argument"))
    elif columns is not None:
        for key, value in columns.items():
            if not isinstance(key, str) or value not in known:
                msg = "must map a header (text) to a Resident field or a roster column"
                bad.append(Problem(("columns", str(key)), msg, "invalid_argument"))
    if bad:
        raise ValidationError(bad, subject="import_roster")


def _blank(cell: object) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _text(cell: object) -> str:
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return "" if cell is None else str(cell).strip()


class Roster:
    """The roster being read: its header, and the records made of its good rows."""

    def __init__(
        self,
        community: Community,
        as_of: dt.date,
        file: str,
        columns: Mapping[str, str],
        problems: list[Problem],
        notices: list[Problem],
    ) -> None:
        self.community = community
        self.as_of = as_of
        self.file = file
        self.columns = columns
        self.problems = problems
        self.notices = notices
        self.residents: list[Resident] = []
        self.lines = array.array("q")
        self.households: dict[str, dict[str, Any]] = {}  # by 户号 or address
        self.household_lines = array.array("q")
        self.grids: dict[str, dict[str, Any]] = {}
        self.own: dict[str, int] = {}  # roster column -> index
        self.titles: tuple[str, ...] = ()
        self.last_household: str | None = None
        self.header_line = 0
        #: The file cannot be read as a roster at all (empty, undecodable, no 姓名...).
        self.unreadable = False
        self.by_title: dict[str, str] = {}

    # -- the header ---------------------------------------------------------------------

    def _header(self, cells: Sequence[object], line: int) -> Any:
        own_names = {normalise(k): v for k, v in self.columns.items() if v in ROSTER_HEADERS}
        table = {normalise(t): k for k, ts in ROSTER_HEADERS.items() for t in ts}
        for k, v in self.columns.items():  # an office's header mapped to a Resident field
            if v not in ROSTER_HEADERS:
                table.pop(normalise(k), None)
        resident_cells: list[object] = []
        for i, cell in enumerate(cells):
            key = normalise(cell)
            what = own_names.get(key) or table.get(key)
            if what is not None and what not in self.own:
                self.own[what] = i
                resident_cells.append(None)
            else:
                resident_cells.append(cell)
        self.titles = tuple(_text(c) for c in cells)
        header, bad, notices = match_header(
            Resident,
            resident_cells,
            columns={k: v for k, v in self.columns.items() if v not in ROSTER_HEADERS},
            required=False,
            file=self.file,
            line=line,
        )
        for field in ("name",):
            if field not in header.fields:
                msg = "is a required column, missing from the header (姓名)"
                bad.append(Problem((field,), msg, "required", file=self.file, line=line))
        if "household" not in self.own and "address" not in self.own:
            msg = "a roster needs a household number (户号) or an address (现住址) column"
            bad.append(Problem(("address",), msg, "required", file=self.file, line=line))
        if "attentions" in self.own and "since" not in self.own:
            msg = f"the roster has no date column (登记日期): attentions start on {self.as_of}"
            self.notices.append(Problem((), msg, "assumed_value", file=self.file, line=line))
        self.problems.extend(bad)
        self.notices.extend(notices)
        return header

    def titles_by_field(self, header: Any) -> dict[str, str]:
        """Each field (and roster column) read, by the header it has in the file."""
        out = {f: t for f, t in zip(header.fields, self.titles, strict=False) if f is not None}
        out.update((what, self.titles[i]) for what, i in self.own.items())
        if "household" in out:
            out.setdefault("address", out["household"])
        return out

    def read(self, rows: Iterator[tuple[int, Sequence[object]]]) -> None:
        """Read every row: the header among the first ten, then one person a row."""
        head: list[tuple[int, Sequence[object]]] = []
        for item in rows:
            head.append(item)
            if len(head) == _HEADER_ROWS:
                break
        if not head:
            if not self.problems:  # not a file that failed to decode
                self.problems.append(Problem((), "is empty", "invalid_file", file=self.file))
            self.unreadable = True
            return
        at = next((i for i, (_, r) in enumerate(head) if _score(r) >= 2), 0)
        if at:
            msg = f"the header is on line {head[at][0]}; the {at} line(s) above it are ignored"
            self.notices.append(Problem((), msg, "ignored_rows", file=self.file, line=head[0][0]))
        header = self._header(head[at][1], head[at][0])
        self.header_line = head[at][0]
        self.by_title = self.titles_by_field(header)
        if any(p.code == "required" for p in self.problems):
            self.unreadable = True
            return
        width = len(header.fields)
        for line, cells in itertools.chain(head[at + 1 :], rows):  # streams: rows is lazy
            if all(_blank(c) for c in cells):
                continue
            if isinstance(cells, list) and len(cells) > width:
                extra = [c for c in cells[width:] if not _blank(c)]
                if extra:
                    msg = f"has {len(cells)} cells, the header has {width}"
                    self.problems.append(
                        Problem((), msg, "malformed_csv", file=self.file, line=line)
                    )
                    continue
            self._person(header, line, cells)

    # -- one person -----------------------------------------------------------------------

    def _cell(self, what: str, cells: Sequence[object]) -> str:
        i = self.own.get(what)
        return _text(cells[i]) if i is not None and i < len(cells) else ""

    def _person(self, header: Any, line: int, cells: Sequence[object]) -> None:
        row = header.row(cells)
        row.pop("community_id", None)  # the roster is of the community given
        rid = _text(row.pop("id", None))
        given_household = row.pop("household_id", None)
        for field in ("birth_date", "sex"):  # blank in a roster: taken from the id number
            if field in row and _blank(row[field]):
                del row[field]
        record, bad, notes = read_record(Resident, row)
        record["id"] = rid or f"{self.community.id}-r{line}"
        record["community_id"] = self.community.id
        attentions = self._attentions(cells, bad, notes)
        self.notices.extend(p.in_file(self.file, line) for p in notes)
        if attentions:
            record["attentions"] = attentions
        key = self._household_key(cells, given_household, bad)
        resident = None
        if key is not None and not bad:
            record["household_id"] = self._household_id(key)
            try:
                resident = structure(record, Resident)
            except ValidationError as e:
                bad.extend(e.problems)
        if resident is None or key is None:
            self.problems.extend(p.in_file(self.file, line) for p in bad)
            return
        self._household(key, cells, line)
        self.residents.append(resident)
        self.lines.append(line)

    def _attentions(
        self, cells: Sequence[object], bad: list[Problem], notes: list[Problem]
    ) -> list[dict[str, Any]]:
        text = self._cell("attentions", cells)
        if not text or text in ("无", "否", "-", "/"):
            return []
        since: object = self.as_of.isoformat()
        i = self.own.get("since")
        raw = cells[i] if i is not None and i < len(cells) else None
        if not _blank(raw):
            try:
                since = parse_date(raw).isoformat()
            except CellError as e:
                bad.append(Problem(("since",), e.message, e.code))
        elif i is not None:
            msg = f"is blank: the attentions start on {self.as_of}"
            notes.append(Problem(("since",), msg, "assumed_value"))
        out: list[dict[str, Any]] = []
        for word in filter(None, _SPLIT.split(text)):
            kind = ATTENTION_ALIASES.get(word, word)
            value, wrong, _ = read_record(Attention, {"kind": kind, "since": since})
            if wrong:
                msg = f"{shown(word)!r} is not a kind of attention (see ATTENTION_ALIASES)"
                bad.append(Problem(("attentions",), msg, "unknown_value"))
            elif all(a["kind"] != value["kind"] for a in out):
                out.append(value)
        return out

    def _household_key(
        self, cells: Sequence[object], given: object, bad: list[Problem]
    ) -> str | None:
        number = _text(given) or self._cell("household", cells)
        if number:
            self.last_household = "#" + number
            return self.last_household
        address = self._cell("address", cells)
        if address:
            self.last_household = "@" + address
            return self.last_household
        relation = self._cell("relation", cells)
        if relation and relation != _HEAD and self.last_household is not None:
            return self.last_household  # a member listed under the head's row
        bad.append(
            Problem(("address",), "is blank: a person needs a household or an address", "required")
        )
        return None

    def _household_id(self, key: str) -> str:
        house = self.households.get(key)
        if house is not None:
            return str(house["id"])
        if key.startswith("#"):
            return key[1:]
        return f"{self.community.id}-h{len(self.households) + 1}"

    def _household(self, key: str, cells: Sequence[object], line: int) -> None:
        house = self.households.get(key)
        if house is None:
            hid = self._household_id(key)
            address = key[1:] if key.startswith("@") else self._cell("address", cells)
            house = {
                "id": hid,
                "community_id": self.community.id,
                "address": address or f"户号 {hid}",
            }
            self.households[key] = house
            self.household_lines.append(line)
        grid = self._cell("grid", cells)
        if grid and "grid_id" not in house:
            g = self.grids.get(grid)
            if g is None:
                gid = f"{self.community.id}-g{len(self.grids) + 1}"
                g = {"id": gid, "community_id": self.community.id, "name": grid, "households": 0}
                self.grids[grid] = g
            g["households"] += 1
            house["grid_id"] = g["id"]

    # -- the dataset ------------------------------------------------------------------------

    def records(self) -> dict[str, list[Any]]:
        from shequ_core.entities import COLLECTIONS, Grid, Household
        from shequ_core.serialization import structure

        out: dict[str, list[Any]] = {name: [] for name in COLLECTIONS}
        out["communities"] = [self.community]
        out["grids"] = [structure(g, Grid) for g in self.grids.values()]
        out["households"] = [structure(h, Household) for h in self.households.values()]
        out["residents"] = list(self.residents)
        return out

    def places(self) -> dict[str, Places]:
        from shequ_core.entities import COLLECTIONS

        places = {name: Places() for name in COLLECTIONS}
        for name, lines in (("residents", self.lines), ("households", self.household_lines)):
            places[name].file = self.file
            places[name].positions = lines
        return places


def _score(cells: Sequence[object]) -> int:
    table = {normalise(t) for ts in ROSTER_HEADERS.values() for t in ts}
    return header_score(Resident, cells) + sum(normalise(c) in table for c in cells)

"""Cells as offices write them, read leniently into the JSON-ready values the converter
checks strictly.

Leniency lives here, in the file readers (CSV and ``.xlsx``), and nowhere else: the
converter and the JSON formats stay strict, because what they read was written by a
program, and a program that writes ``2023/5/6`` has a bug worth hearing about. A cell of
a spreadsheet was typed by a person. The rules, each documented in
docs/how-to/office-files.md:

- **dates**: ``2023-05-06``, ``2023/5/6``, ``2023.5.6``, ``2023年5月6日``, ``20230506``
  (full-width digits too, and a time of ``00:00`` after it), or a date cell of a
  workbook; a number in a workbook's date cell that is not ``20230506``-like is the
  day number Excel stores (1900 date system).
- **timestamps**: ``2026-03-02 14:05``, ``2026/3/2 14:05:00``, ``2026年3月2日 14时05分``,
  the ISO spelling the JSON formats write (``2026-03-02T14:05:00+08:00``), or a date
  and time cell of a workbook (or Excel's day number with its fraction); without an
  offset a timestamp is Beijing local time. A date alone is refused: the time is
  unknown, not midnight.
- **enums**: the code (``male``), the English label (``empty nest elder``, any case),
  the Chinese label (男) or an entry of :data:`VALUE_ALIASES` (流动 → ``floating``).
  A set of enums (a visit's purposes) also reads as labels separated by ``、`` or ``,``.
- **identity numbers**: spaces and a lower-case ``x`` are normalised; a 15-digit
  number is converted to 18 digits by GB 11643 with a notice
  (``id_number_converted``); a number Excel stored as a number (``1.50926E+17``, or 18
  digits ending in ``000`` that fail the check) is a problem
  (``id_number_mangled_by_excel``).
- **a birth date or sex** column missing from a file is filled, row by row, from a
  valid identity number (a blank cell in a column the file has stays blank).
- **numbers** in a text column (an id typed as ``12``) are their digits; money may carry
  ``¥`` and thousands separators.
- **lists** are JSON (``["a","b"]``), or a tuple as pandas writes one to CSV
  (``('a', 'b')``); records in a JSON cell (a request's 办理记录) are keyed by field
  name or Chinese label, and their values read by these rules.
"""

from __future__ import annotations

import ast
import datetime as dt
import enum
import functools
import re
import types
import typing
import unicodedata
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

import attrs

from shequ_core.entities import IdNumber, LabelledEnum, PhoneNumber, id_number_check_char
from shequ_core.errors import Problem, ValidationError
from shequ_core.io._keys import known_headers, nested_class, normalise
from shequ_core.serialization import json_loads
from shequ_core.validation import check_datetime, local_date

#: Values an office writes that are neither a code nor a label, by enum: the alias, then
#: the code it means. Matched after stripping and case-folding.
VALUE_ALIASES: Mapping[str, Mapping[str, str]] = {
    "Sex": {"男性": "male", "女性": "female", "m": "male", "f": "female"},
    "Registration": {
        "流动": "floating",
        "外来": "floating",
        "外来人口": "floating",
        "非户籍": "floating",
        "本地": "local",
        "户籍人口": "local",
        "本地户籍": "local",
    },
    "ElectionKind": {
        "直选": "direct",
        "户代表": "household_representatives",
        "每户派代表": "household_representatives",  # the law's words (2018 第八条, 2025 第十四条)
        "居民代表": "residents_representatives",
    },
    "RequestStatus": {"已办结": "completed", "已中止": "suspended"},  # 12345 exports
}


class CellError(ValueError):
    """A cell that cannot be read as its field's kind of value: what is wrong, and its code."""

    def __init__(self, message: str, code: str = "wrong_type") -> None:
        super().__init__(message)
        self.message = message
        self.code = code


#: What :func:`read_value` returns for an empty cell of a field with a default.
SKIP: Any = object()

_INT = re.compile(r"[+-]?\d+")
_TRUE = {"true", "1", "yes", "y", "是", "t", "√", "✓"}
_FALSE = {"false", "0", "no", "n", "否", "f", "×", "✗"}
_DATE = re.compile(
    r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:[ T]+0{1,2}:00(?::00(?:\.0+)?)?)?",
    re.ASCII,
)
_DATETIME = re.compile(
    r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*[ T]?\s*"
    r"(\d{1,2})\s*[:时]\s*(\d{1,2})\s*(?:[:分]\s*(?:(\d{1,2})(?:\.(\d{1,6}))?\s*秒?)?)?",
    re.ASCII,
)
_ISO_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T[0-9:.]+(?:Z|[+-][0-9:.]+)?", re.ASCII)
_DATETIME_HINT = (
    "must be a date and time, like 2026-03-02 14:05, 2026/3/2 14:05:00 or 2026年3月2日 14时05分"
)
_DATE8 = re.compile(r"(\d{4})(\d{2})(\d{2})", re.ASCII)
_EXCEL_FLOAT = re.compile(r"\d(?:\.\d+)?E\+?\d+", re.ASCII | re.IGNORECASE)
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_DATE_HINT = "must be a date, like 2023-05-06, 2023/5/6, 2023.5.6, 2023年5月6日 or 20230506"
_MANGLED = (
    "looks rounded by Excel, which stored it as a number: format the column as text "
    "(设置单元格格式 → 文本), enter the full numbers again and save"
)
_SPLIT = re.compile(r"\s*[、,，;；/]\s*")


# -- kinds -------------------------------------------------------------------------------


@attrs.frozen
class Kind:
    """How the cells of one field are read: ``name`` and, for enums, the enum class;
    ``from_text``, for a json field, what a cell that is not JSON is read with (the
    field's metadata names it, as an election's candidates typed by an office); ``item``,
    for a json field that holds records (a request's events), their class."""

    # json, enums, bool, int, float, decimal, date, datetime, enum, id_number, phone, str,
    # scalar
    name: str
    enum: type[enum.Enum] | None = None
    from_text: Callable[[str], Any] | None = None
    item: type | None = None


@functools.cache
def field_kinds(cls: type) -> dict[str, Kind]:
    """The :class:`Kind` of every field of the attrs class ``cls``."""
    hints = typing.get_type_hints(cls)
    kinds = {a.name: kind_of(hints[a.name]) for a in attrs.fields(cls)}
    for a in attrs.fields(cls):
        if "from_text" in a.metadata:
            kinds[a.name] = attrs.evolve(kinds[a.name], from_text=a.metadata["from_text"])
    return kinds


def kind_of(tp: Any) -> Kind:
    """How a cell of a field of type ``tp`` is read."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return kind_of(args[0]) if len(args) == 1 else Kind("str")
    if origin in (tuple, frozenset, list, set):
        items = typing.get_args(tp)
        if items and isinstance(items[0], type) and issubclass(items[0], LabelledEnum):
            return Kind("enums", items[0])
        return Kind("json", item=items[0] if items and attrs.has(items[0]) else None)
    if origin is dict or attrs.has(tp):
        return Kind("json", item=tp if attrs.has(tp) else None)
    simple = {bool: "bool", int: "int", float: "float", str: "str", Decimal: "decimal"}
    if tp in simple:
        return Kind(simple[tp])
    if tp is dt.date:
        return Kind("date")
    if tp is dt.datetime:
        return Kind("datetime")
    if tp is IdNumber:
        return Kind("id_number")
    if tp is PhoneNumber:
        return Kind("phone")
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return Kind("enum", tp)
    return Kind("scalar")


# -- one cell ----------------------------------------------------------------------------


def read_value(
    cell: object, kind: Kind, field: attrs.Attribute[Any], notices: list[Problem] | None = None
) -> Any:
    """A cell (the text of a CSV cell, or a workbook cell's value) as the JSON-ready value
    the converter reads for ``field``; :data:`SKIP` for an empty cell of a field with a
    default. Raises :class:`CellError`; a notice about the value goes to ``notices``."""
    if cell is None or (isinstance(cell, str) and cell.strip() == ""):
        return SKIP if field.default is not attrs.NOTHING else None
    reader = _READERS[kind.name]
    return reader(cell, kind, field.name, notices if notices is not None else [])


def _text(cell: object) -> str:
    """A non-text workbook cell as the text a person typed: ``12``, not ``12.0``."""
    if isinstance(cell, str):
        return cell
    if isinstance(cell, bool):
        return "true" if cell else "false"
    if isinstance(cell, float) and cell.is_integer() and abs(cell) < 1e15:
        return str(int(cell))
    if isinstance(cell, dt.datetime) and cell.time() == dt.time():
        return cell.date().isoformat()
    if isinstance(cell, (dt.date, dt.time)):
        return cell.isoformat()
    return str(cell)


def _norm(cell: object) -> str:
    return unicodedata.normalize("NFKC", _text(cell)).strip()


def _read_str(cell: object, kind: Kind, name: str, notices: list[Problem]) -> Any:
    return cell if isinstance(cell, str) else _text(cell)


def _read_scalar(cell: object, kind: Kind, name: str, notices: list[Problem]) -> Any:
    return _text(cell).strip()


def _read_json(cell: object, kind: Kind, name: str, notices: list[Problem]) -> Any:
    if isinstance(cell, (list, dict)):  # read already: a value inside a JSON cell
        return cell
    if not isinstance(cell, str):
        raise CellError("must hold JSON (a list or an object)", "malformed_json")
    try:
        return json_loads(cell)
    except ValidationError:
        raise CellError("has a key twice in one JSON object", "duplicate_key") from None
    except ValueError:  # not JSON, or an integer too long to read
        listed = _python_list(cell)
        if listed is not None:
            return listed
        if kind.from_text is not None:
            try:
                return kind.from_text(cell)
            except ValueError as e:
                raise CellError(str(e), "invalid_value") from None
        raise CellError("must hold JSON (a list or an object)", "malformed_json") from None
    except RecursionError:
        raise CellError("holds JSON nested too deeply", "malformed_json") from None


def _python_list(cell: str) -> list[Any] | None:
    """A list as pandas writes a tuple cell to CSV, ``('家电维修', '文艺')``, or ``None``."""
    text = cell.strip()
    if not text.startswith(("(", "[")) or len(text) > 100_000:
        return None
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return None
    if isinstance(value, (tuple, list)) and all(isinstance(v, (str, int)) for v in value):
        return list(value)
    return None


def _read_enums(cell: object, kind: Kind, name: str, notices: list[Problem]) -> Any:
    text = _norm(cell)
    assert kind.enum is not None
    if text.startswith("["):
        items = _read_json(text, kind, name, notices)
        if isinstance(items, list) and all(isinstance(i, str) for i in items):
            return [_enum_code(kind.enum, i) for i in items]
        return items
    parts = [p.strip("()（）'\" ") for p in _SPLIT.split(text.strip("()（）[]"))]
    return [_enum_code(kind.enum, p) for p in parts if p]


def _read_bool(cell: object, kind: Kind, name: str, notices: list[Problem]) -> Any:
    if isinstance(cell, bool):
        return cell
    low = _norm(cell).lower()
    if low in _TRUE:
        return True
    if low in _FALSE:
        return False
    raise CellError("must be true or false (是/否)")


def _read_int(cell: object, kind: Kind, name: str, notices: list[Problem]) -> Any:
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        if float(cell).is_integer():
            return int(cell)
        raise CellError("must be a whole number")
    text = _norm(cell).replace(",", "")
    if _INT.fullmatch(text) and len(text) <= 100:  # int() refuses 4,300 digits anyway
        return int(text)
    if len(text) <= 100:
        raise CellError("must be a whole number")
    raise CellError("is too long a number", "out_of_range")


def _read_float(cell: object, kind: Kind, name: str, notices: list[Problem]) -> Any:
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        return float(cell)
    try:
        return float(_norm(cell).replace(",", ""))
    except ValueError:
        raise CellError("must be a number") from None


def _read_decimal(cell: object, kind: Kind, name: str, notices: list[Problem]) -> Any:
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        return repr(cell) if isinstance(cell, float) else str(cell)
    return _norm(cell).lstrip("¥￥").removesuffix("元").replace(",", "").strip()


def parse_date(cell: object) -> dt.date:
    """A date cell as a date, by the rules of this module. Raises :class:`CellError`."""
    if isinstance(cell, dt.datetime):
        if cell.time() != dt.time():
            raise CellError("must be a date without a time of day", "invalid_value")
        return cell.date()
    if isinstance(cell, dt.date):
        return cell
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        if not float(cell).is_integer():
            raise CellError("must be a date without a time of day", "invalid_value")
        days = int(cell)
        if 19000101 <= days <= 29991231:
            return parse_date(str(days))
        if 1 <= days <= 2958465:  # Excel's day numbers, 1900-01-01 to 9999-12-31
            return _EXCEL_EPOCH + dt.timedelta(days=days)
        raise CellError(_DATE_HINT, "invalid_value")
    text = _norm(cell)
    m = _DATE.fullmatch(text) or _DATE8.fullmatch(text)
    if m is None:
        raise CellError(_DATE_HINT, "invalid_value")
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        raise CellError("is not a calendar date", "invalid_value") from None


def _read_date(cell: object, kind: Kind, name: str, notices: list[Problem]) -> Any:
    return parse_date(cell).isoformat()


def parse_datetime(cell: object) -> dt.datetime:
    """A timestamp cell as a datetime (naive: Beijing local time), by the rules of this
    module. Raises :class:`CellError`."""
    if isinstance(cell, dt.datetime):
        return _whole_second(cell)
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        if 1 <= cell < 2958466:  # Excel's day numbers, 1900-01-01 to 9999-12-31
            return _whole_second(dt.datetime(1899, 12, 30) + dt.timedelta(days=cell))
        raise CellError(_DATETIME_HINT, "invalid_value")
    if isinstance(cell, (dt.date, dt.time)):
        raise CellError(_DATETIME_HINT, "invalid_value")
    text = _norm(cell)
    m = _DATETIME.fullmatch(text)
    if m is None:
        raise CellError(_DATETIME_HINT, "invalid_value")
    y, mo, d, h, mi, sec, frac = m.groups()
    try:
        return dt.datetime(
            int(y),
            int(mo),
            int(d),
            int(h),
            int(mi),
            int(sec or 0),
            int((frac or "0").ljust(6, "0")),
        )
    except ValueError:
        raise CellError("is not a calendar date and time", "invalid_value") from None


def _whole_second(value: dt.datetime) -> dt.datetime:
    """A workbook's timestamp without the float noise of its day number: within a
    millisecond of a whole second, that second."""
    micro = value.microsecond
    if micro < 1000:
        return value.replace(microsecond=0)
    if micro > 999_000:
        try:
            return value.replace(microsecond=0) + dt.timedelta(seconds=1)
        except OverflowError:
            return value
    return value


def _read_datetime(cell: object, kind: Kind, name: str, notices: list[Problem]) -> Any:
    if isinstance(cell, str) and _ISO_DATETIME.fullmatch(text := _norm(cell)):
        return text  # the JSON formats' spelling, offset and all: the converter reads it
    return parse_datetime(cell).isoformat()


@functools.cache
def _enum_table(cls: type[enum.Enum]) -> dict[str, str]:
    table: dict[str, str] = {}
    for alias, code in VALUE_ALIASES.get(cls.__name__, {}).items():
        table[alias.casefold()] = code
    for m in cls:
        code = str(m.value)
        table[m.name.casefold()] = code
        if isinstance(m, LabelledEnum):
            table[m.label_zh.casefold()] = code
            table[m.label_en.casefold()] = code
        table[code.casefold()] = code
    return table


def _enum_code(cls: type[enum.Enum], text: str) -> str:
    code = _enum_table(cls).get(text.strip().casefold())
    if code is None:
        labels = [m.label_zh for m in cls if isinstance(m, LabelledEnum)]
        codes = ", ".join(str(m.value) for m in cls)
        shown = f"{'、'.join(labels)} (or {codes})" if labels else codes
        raise CellError(f"must be one of {shown}", "unknown_value")
    return code


def _read_enum(cell: object, kind: Kind, name: str, notices: list[Problem]) -> Any:
    assert kind.enum is not None
    return _enum_code(kind.enum, _norm(cell))


def _read_phone(cell: object, kind: Kind, name: str, notices: list[Problem]) -> Any:
    return _norm(cell)


def _read_id_number(cell: object, kind: Kind, name: str, notices: list[Problem]) -> Any:
    if isinstance(cell, float) and not (cell.is_integer() and cell < 1e15):
        raise CellError(_MANGLED, "id_number_mangled_by_excel")
    text = re.sub(r"\s", "", _norm(cell)).upper()
    if _EXCEL_FLOAT.fullmatch(text):
        raise CellError(_MANGLED, "id_number_mangled_by_excel")
    if len(text) == 15 and text.isdigit() and text.isascii():
        first17 = text[:6] + "19" + text[6:]
        msg = "was a 15-digit number; converted to its 18-digit form (GB 11643)"
        notices.append(Problem((name,), msg, "id_number_converted"))
        return first17 + id_number_check_char(first17)
    if len(text) == 18 and text.endswith("000") and text.isdigit():
        try:
            IdNumber(text)
        except ValidationError:
            raise CellError(_MANGLED, "id_number_mangled_by_excel") from None
    return text


_READERS = {
    "str": _read_str,
    "scalar": _read_scalar,
    "json": _read_json,
    "enums": _read_enums,
    "bool": _read_bool,
    "int": _read_int,
    "float": _read_float,
    "decimal": _read_decimal,
    "date": _read_date,
    "datetime": _read_datetime,
    "enum": _read_enum,
    "phone": _read_phone,
    "id_number": _read_id_number,
}


# -- one row -----------------------------------------------------------------------------


def read_record(
    cls: type, cells: Mapping[str, object]
) -> tuple[dict[str, Any], list[Problem], list[Problem]]:
    """A row (field name -> cell) as the JSON-ready record of ``cls`` the converter reads,
    with the problems of its cells and the notices about them (each ``loc`` is the field).

    Empty cells of fields with defaults are left out. A birth date or sex that ``cells``
    has no entry for (the file has no such column) is taken from a valid identity
    number; a blank cell stays blank, so a saved dataset reads back the same. Every
    file reader (and a roster importer) calls this once it has matched the header
    (:func:`~shequ_core.io._headers.match_header`).
    """
    fields = attrs.fields_dict(cls)
    kinds = field_kinds(cls)
    record: dict[str, Any] = {}
    problems: list[Problem] = []
    notices: list[Problem] = []
    spread: dict[str, dict[str, object]] = {}
    for name, cell in cells.items():
        if "." in name:  # a column of a nested record spread out (time_limit.amount)
            outer, _, inner = name.partition(".")
            spread.setdefault(outer, {})[inner] = cell
            continue
        try:
            value = read_value(cell, kinds[name], fields[name], notices)
        except CellError as e:
            problems.append(Problem((name,), e.message, e.code))
            continue
        item = kinds[name].item
        if item is not None and isinstance(value, (list, dict)):
            value = _read_items(item, value, name, problems, notices)
        if value is not SKIP:
            record[name] = value
    for outer, parts in spread.items():
        inner_cls = nested_class(cls, outer)
        assert inner_cls is not None
        value, bad, notes = read_record(inner_cls, parts)
        problems.extend(p.within(outer) for p in bad)
        notices.extend(p.within(outer) for p in notes)
        if value:
            record[outer] = value
    absent = [n for n in fields if n not in cells]
    _from_id_number(record, absent, problems)
    _from_timestamp(record, absent, problems)
    return record, problems, notices


def _read_items(
    cls: type,
    value: list[Any] | dict[str, Any],
    name: str,
    problems: list[Problem],
    notices: list[Problem],
) -> Any:
    """The records in a JSON cell (a request's 办理记录) read by the rules of a row: keys
    are matched as a file's headers are (field names, Chinese labels, common aliases:
    日期, 类型), values read as people type them (2026/3/2, 派单); a key that matches no
    field is left for the converter to report, and one field under two keys (``on`` and
    日期) is a ``duplicate_key`` problem, never read as either value."""
    lookup = known_headers(cls)[0]
    out: list[Any] = []
    for i, item in enumerate([value] if isinstance(value, dict) else value):
        if not isinstance(item, dict):
            out.append(item)
            continue
        keyed = {k: lookup.get(normalise(k)) for k in item}
        fields = [f for f in keyed.values() if f]
        twice = sorted({f for f in fields if fields.count(f) > 1})
        cells = {f: item[k] for k, f in keyed.items() if f and f not in twice}
        record, bad, notes = read_record(cls, cells)
        bad += [
            Problem((f,), "appears more than once in its object", "duplicate_key") for f in twice
        ]
        where = (name,) if isinstance(value, dict) else (name, i)
        problems.extend(p.within(*where) for p in bad)
        notices.extend(p.within(*where) for p in notes)
        record.update({k: item[k] for k, f in keyed.items() if f is None})  # the converter's
        out.append(record)
    return out[0] if isinstance(value, dict) else out


#: Fields a file may leave out when it has the column they are read from: a hotline
#: export has 受理时间 (``received_at``) and no 受理日期, which is that time's Beijing day.
DERIVED_FROM: Mapping[str, str] = {"received_on": "received_at"}


def _from_timestamp(record: dict[str, Any], absent: list[str], problems: list[Problem]) -> None:
    for name, source in DERIVED_FROM.items():
        value = record.get(source)
        if name not in absent or not isinstance(value, str):
            continue
        if any(p.loc == (source,) for p in problems):
            continue
        try:
            moment = dt.datetime.fromisoformat(value)
        except ValueError:
            continue  # the converter reports it
        if check_datetime(moment) is None:
            record[name] = local_date(moment).isoformat()


def _from_id_number(record: dict[str, Any], absent: list[str], problems: list[Problem]) -> None:
    wants = [n for n in ("birth_date", "sex") if n in absent]
    number = record.get("id_number")
    if not wants or not isinstance(number, str) or any(p.loc == ("id_number",) for p in problems):
        return
    try:
        parsed = IdNumber(number)
    except ValidationError:
        return  # the converter reports it
    if "birth_date" in wants:
        record["birth_date"] = parsed.birth_date.isoformat()
    if "sex" in wants:
        record["sex"] = parsed.sex.value

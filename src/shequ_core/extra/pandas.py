"""pandas DataFrames from shequ_core's records, for analysis in Jupyter.

Records are flat on purpose (ids, not object graphs), so each collection of a
:class:`~shequ_core.entities.Dataset` becomes one table, and each list of values
inside a record (a resident's attentions, a case's parties and events, a request's
events) becomes a table of its own keyed by its owner's id: the shape a database or a
``merge`` expects.

pandas is an optional extra (``pip install 'shequ-core[pandas]'``): importing
shequ_core never imports it, and this module imports it only when called.

Cells are plain data for analysis: dates become ``datetime64`` columns (a missing date
is ``NaT``), money becomes ``float`` (use :mod:`shequ_core.serialization` where exact
amounts matter), enums their stable codes (or their labels, with ``lang``), sets sorted
tuples of codes, and a nested value such as ``ServiceItem.time_limit`` is spread over
``time_limit_amount`` and ``time_limit_unit``. Identity and phone numbers stay masked,
ids and text that hold one are masked too, and a date of birth is its year (a
``period[Y]`` column), unless ``reveal=True`` is asked for explicitly.

:func:`from_frames` goes back: the tables of ``to_frames(dataset, reveal=True)``, after
whatever analysis kept their shape, become a checked Dataset again.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
import typing
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import attrs

from shequ_core.entities import (
    COLLECTIONS,
    ITEM_CLASS,
    Dataset,
    IdNumber,
    LabelledEnum,
    PhoneNumber,
    is_birth_date,
    redacted_birth_date,
)
from shequ_core.errors import Problem, ValidationError
from shequ_core.text import Lang, mask_personal

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["child_tables", "from_frames", "rates_frame", "to_frame", "to_frames"]


def to_frames(
    dataset: Dataset, *, lang: Lang | None = None, reveal: bool = False
) -> dict[str, pd.DataFrame]:
    """One DataFrame per collection of ``dataset``, plus one per list of values inside one.

    Keys are the collection names (``"residents"``, ``"visits"``, ...) in the Dataset's
    order, each followed by its child tables named ``"<collection>.<field>"``
    (``"residents.attentions"``) whose first columns are the owner's id
    (``resident_id``) and the value's ``position`` in its list. The parent table leaves
    those list fields out. ``lang=None`` gives field names and enum codes, the form to
    compute with; ``"zh"`` gives Chinese headers and labels, ``"en"`` English labels.
    Every collection is present, an empty one with its columns.
    """
    _check_options(lang, reveal, subject="to_frames")
    out: dict[str, pd.DataFrame] = {}
    for name in COLLECTIONS:
        cls = ITEM_CLASS[name]
        records: tuple[Any, ...] = getattr(dataset, name)
        children = child_tables(cls)
        out[name] = to_frame(records, cls=cls, lang=lang, reveal=reveal, exclude=children)
        owner = _owner_key(cls)
        for field, item_cls in children.items():
            rows = [
                (record.id, i, value)
                for record in records
                for i, value in enumerate(getattr(record, field))
            ]
            frame = to_frame([v for _, _, v in rows], cls=item_cls, lang=lang, reveal=reveal)
            id_label = _label(attrs.fields_dict(cls)["id"], lang) if lang == "zh" else owner
            frame.insert(0, _POSITION[lang == "zh"], [i for _, i, _ in rows])
            frame.insert(0, id_label, [_cell(rid, lang, reveal) for rid, _, _ in rows])
            out[f"{name}.{field}"] = frame
    return out


def to_frame(
    records: Iterable[Any],
    *,
    cls: type | None = None,
    lang: Lang | None = None,
    reveal: bool = False,
    exclude: Iterable[str] = (),
) -> pd.DataFrame:
    """A DataFrame with one row per attrs record and one column per field, in field order.

    Works for entities and for the results rules return (``DueVisit``, ``Coverage``,
    ``SlaStatus``, ``Finding``...). ``cls`` names the class when ``records`` may be
    empty, so the columns are still there; otherwise it is taken from the first record.
    Fields named in ``exclude`` are left out. Lists of values stay in one cell as a
    tuple; :func:`to_frames` splits them into tables of their own.
    """
    _check_options(lang, reveal, subject="to_frame")
    import pandas as pd

    rows = list(records)
    if cls is None:
        if not rows:
            return pd.DataFrame()
        cls = type(rows[0])
    if not attrs.has(cls):
        msg = f"must be an attrs class, got {cls.__name__}"
        raise ValidationError([Problem("cls", msg, "invalid_argument")], subject="to_frame")
    columns = _columns(cls, "", "", lang, frozenset(exclude))
    data: dict[str, Any] = {}
    for column in columns:
        cells = [_cell(column.get(r), lang, reveal) for r in rows]
        kind = "date" if column.kind == "birth_year" and reveal else column.kind
        data[column.header] = _series(pd, cells, kind)
    return pd.DataFrame(data, columns=[c.header for c in columns])


_RATE_NAMES = {
    "response": ("响应率", "response_rate"),
    "resolution": ("解决率", "resolution_rate"),
    "satisfaction": ("满意率", "satisfaction_rate"),
}


def rates_frame(rates: Any, *, lang: Lang | None = None) -> pd.DataFrame:
    """A :class:`~shequ_core.rules.hotline.HotlineRates` as a DataFrame: one row per
    community and a last one for the total (no community id), every count as a column
    (``response_numerator``...) and each rate as a float (NaN over 0)."""
    rows = [*rates.communities, rates.total]
    frame = to_frame(rows, cls=type(rates.total), lang=lang)
    for name, (zh, en) in _RATE_NAMES.items():
        values = [getattr(r, name).value for r in rows]
        frame[zh if lang == "zh" else en] = [
            float("nan") if v is None else float(v) for v in values
        ]
    return frame


def child_tables(cls: type) -> dict[str, type]:
    """The fields of ``cls`` that hold a tuple of records, and the records' class.

    These are the fields :func:`to_frames` turns into tables of their own
    (``{"attentions": Attention}`` for a resident).
    """
    hints = _hints(cls)
    out: dict[str, type] = {}
    for a in attrs.fields(cls):
        tp = hints.get(a.name)
        if typing.get_origin(tp) is tuple:
            args = typing.get_args(tp)
            if args and isinstance(args[0], type) and attrs.has(args[0]):
                out[a.name] = args[0]
    return out


def from_frames(frames: Mapping[str, pd.DataFrame]) -> Dataset:
    """The :class:`Dataset` that :func:`to_frames` ``(dataset, reveal=True)`` made the
    tables of: ``from_frames(to_frames(ds, reveal=True)) == ds``.

    Each record is checked as the converter checks JSON, and the whole as a Dataset.
    What pandas puts in cells is accepted: ``Timestamp`` and ``datetime64`` for dates,
    ``NaN``, ``NaT``, ``None`` and ``pd.NA`` for a missing value, numpy and nullable
    (``Int64``, ``boolean``, ``string``) scalars for numbers and text, tuples or lists
    for lists and sets. Headers are the field names (``lang=None``). A missing table is
    an empty collection (or, for a child table such as ``residents.attentions``, no
    values). Raises :class:`~shequ_core.errors.ValidationError` with every problem:
    an unknown table or column, a bad cell (``residents[3].birth_date``), a masked
    identity number, a broken reference.
    """
    from shequ_core.serialization import structure

    problems: list[Problem] = []
    known = {f"{n}.{f}" for n in COLLECTIONS for f in child_tables(ITEM_CLASS[n])}
    for key in frames:
        if key not in ITEM_CLASS and key not in known:
            problems.append(
                Problem((str(key),), "is not a table of a Dataset", "unknown_collection")
            )
    collections: dict[str, Any] = {}
    for name in COLLECTIONS:
        cls = ITEM_CLASS[name]
        children = child_tables(cls)
        rows = _rows_of(frames.get(name), cls, (name,), frozenset(children), problems)
        for field, item_cls in children.items():
            owner = _owner_key(cls)
            items = _rows_of(
                frames.get(f"{name}.{field}"), item_cls, (f"{name}.{field}",),
                frozenset(), problems, extra=(owner, "position"),
            )  # fmt: skip
            grouped: dict[Any, list[tuple[Any, Any]]] = {}
            for item in items:
                grouped.setdefault(item.pop(owner, None), []).append(
                    (item.pop("position", 0), item)
                )
            for row in rows:
                row[field] = [v for _, v in sorted(grouped.get(row.get("id"), []), key=_first)]
        records: list[Any] = []
        for i, row in enumerate(rows):
            try:
                records.append(structure(row, cls))
            except ValidationError as e:
                problems.extend(p.within(name, i) for p in e.problems)
        collections[name] = tuple(records)
    if problems:
        raise ValidationError(problems, subject="frames")
    return Dataset(**collections)


def _first(pair: tuple[Any, Any]) -> Any:
    return pair[0]


def _rows_of(
    frame: Any,
    cls: type,
    where: tuple[str, ...],
    exclude: frozenset[str],
    problems: list[Problem],
    extra: tuple[str, ...] = (),
) -> list[dict[str, Any]]:
    """The rows of one table as JSON-ready records of ``cls`` (spread values nested again)."""
    if frame is None:
        return []
    columns = _columns(cls, "", "", None, exclude)
    by_header = {c.header: c for c in columns}
    unknown = [h for h in frame.columns if h not in by_header and h not in extra]
    for header in unknown:
        problems.append(
            Problem((*where, str(header)), "is not a column of the table", "unknown_column")
        )
    rows: list[dict[str, Any]] = [{} for _ in range(len(frame))]
    for header in frame.columns:
        if header in unknown:
            continue
        column = by_header.get(header)
        for row, cell in zip(rows, frame[header].tolist(), strict=True):
            leaf = None if column is None else _leaf_type(cls, column.path)
            value = _timestamp(cell) if leaf is dt.datetime else _plain(cell)
            if isinstance(value, float) and leaf is Decimal:
                value = repr(value)  # money, which the converter reads from its text
            if column is None:  # the owner's id or the position, in a child table
                row[header] = value
                continue
            target = row
            for part in column.path[:-1]:
                target = target.setdefault(part, {})
            target[column.path[-1]] = value
    for row in rows:
        for key, value in list(row.items()):
            if isinstance(value, dict) and all(v is None for v in value.values()):
                row[key] = None  # an optional nested value that was absent
    return rows


def _leaf_type(cls: type, path: tuple[str, ...]) -> Any:
    tp: Any = cls
    for name in path:
        tp = _strip_none(_hints(tp).get(name))
    return tp


def _timestamp(cell: Any) -> Any:
    """A timestamp cell (``Timestamp``, ``datetime64``, ``NaT``) as a ``datetime`` or None."""
    import pandas as pd

    if cell is None or cell is pd.NA or (not isinstance(cell, str) and pd.isna(cell)):
        return None
    if type(cell).__name__.startswith("datetime64"):
        cell = pd.Timestamp(cell)
    return cell.to_pydatetime() if isinstance(cell, pd.Timestamp) else cell


def _plain(cell: Any) -> Any:
    """A pandas cell as JSON-ready data for the converter."""
    if cell is None or isinstance(cell, (bool, str)):
        return cell
    if isinstance(cell, (tuple, list, frozenset, set)):
        return [_plain(v) for v in cell]
    if isinstance(cell, dict):
        return {k: _plain(v) for k, v in cell.items()}
    import pandas as pd

    if cell is pd.NaT or cell is pd.NA:
        return None
    if isinstance(cell, dt.datetime):  # a Timestamp too
        return cell.date().isoformat()
    if isinstance(cell, dt.date):
        return cell.isoformat()
    if hasattr(cell, "item"):  # a numpy scalar: numpy.int64, numpy.datetime64, numpy.bool_
        if type(cell).__name__.startswith("datetime64"):
            return _plain(pd.Timestamp(cell)) if not pd.isna(cell) else None
        return _plain(cell.item())
    if isinstance(cell, float):
        if cell != cell:  # NaN
            return None
        return cell
    return cell


# -- columns ---------------------------------------------------------------------------

_POSITION = {False: "position", True: "序号"}


@attrs.frozen
class _Column:
    header: str
    path: tuple[str, ...]
    kind: str

    def get(self, record: Any) -> Any:
        value = record
        for name in self.path:
            if value is None:
                return None
            value = getattr(value, name)
        return value


def _check_options(lang: object, reveal: object, *, subject: str) -> None:
    problems = []
    if lang not in (None, "zh", "en"):
        problems.append(
            Problem("lang", f"must be None, 'zh' or 'en', got {lang!r}", "invalid_argument")
        )
    if not isinstance(reveal, bool):
        problems.append(Problem("reveal", "must be true or false", "invalid_argument"))
    if problems:
        raise ValidationError(problems, subject=subject)


def _hints(cls: type) -> dict[str, Any]:
    try:
        return typing.get_type_hints(cls)
    except (NameError, TypeError):  # a name only imported for type checking
        return {a.name: a.type for a in attrs.fields(cls) if not isinstance(a.type, str)}


def _label(field: attrs.Attribute[Any], lang: Lang | None) -> str:
    if lang == "zh":
        label = field.metadata.get("label_zh")
        if isinstance(label, str):
            return label
    return field.name


def _columns(
    cls: type, prefix: str, label_prefix: str, lang: Lang | None, exclude: frozenset[str]
) -> list[_Column]:
    hints = _hints(cls)
    out: list[_Column] = []
    for a in attrs.fields(cls):
        if a.name in exclude:
            continue
        tp = _strip_none(hints.get(a.name))
        name = prefix + a.name
        label = label_prefix + _label(a, lang)
        if isinstance(tp, type) and attrs.has(tp):
            sep = "·" if lang == "zh" else "_"
            for sub in _columns(tp, name + "_", label + sep, lang, frozenset()):
                out.append(_Column(sub.header, (a.name, *sub.path), sub.kind))
            continue
        header = label if lang == "zh" else name
        out.append(_Column(header, (a.name,), "birth_year" if is_birth_date(a) else _kind(tp)))
    return out


def _strip_none(tp: Any) -> Any:
    args = [t for t in typing.get_args(tp) if t is not type(None)]
    if len(args) == 1 and type(None) in typing.get_args(tp):
        return args[0]
    return tp


def _kind(tp: Any) -> str:
    if tp is dt.date:
        return "date"
    if tp in (Decimal, Fraction, float):
        return "float"
    if tp is int:
        return "int"
    return "object"


# -- cells -----------------------------------------------------------------------------


def _cell(value: Any, lang: Lang | None, reveal: bool) -> Any:
    if isinstance(value, str):  # an id or a name can hold a personal number
        return value if reveal else mask_personal(value)
    if value is None or isinstance(value, (bool, int, float, dt.date)):
        return value
    if isinstance(value, LabelledEnum):
        return value.value if lang is None else value.label(lang)
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (IdNumber, PhoneNumber)):
        return value.reveal() if reveal else str(value)
    if isinstance(value, (Decimal, Fraction)):
        return float(value)
    if isinstance(value, (frozenset, set)):
        return tuple(sorted((_cell(v, lang, reveal) for v in value), key=_sort_key))
    if isinstance(value, (tuple, list)):
        return tuple(_cell(v, lang, reveal) for v in value)
    if isinstance(value, Mapping):
        return {_cell(k, lang, reveal): _cell(v, lang, reveal) for k, v in value.items()}
    return value


def _sort_key(value: Any) -> tuple[str, str]:
    return (type(value).__name__, str(value))


def _series(pd: Any, cells: Sequence[Any], kind: str) -> Any:
    if kind == "birth_year":  # a date of birth, redacted: its year only, as a period
        years = [None if c is None else redacted_birth_date(c) for c in cells]
        return pd.Series(pd.PeriodIndex(years, freq="Y"))
    if kind == "date" or (any(c is not None for c in cells) and all(_is_date(c) for c in cells)):
        return pd.to_datetime(pd.Series(cells, dtype=object)).astype("datetime64[ns]")
    if kind == "int" and any(c is None for c in cells):
        return pd.array(cells, dtype="Int64")
    if kind == "float":
        return pd.Series([float("nan") if c is None else float(c) for c in cells], dtype=float)
    if kind == "int":
        return pd.Series(cells, dtype="int64")
    return pd.Series(cells, dtype=object) if not cells else list(cells)


def _is_date(value: Any) -> bool:
    return value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime))


def _owner_key(cls: type) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", cls.__name__).lower() + "_id"

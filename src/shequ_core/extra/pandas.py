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

:func:`to_frame` also takes what the rules return (a scorecard, a backlog, findings,
due visits, any attrs result): one row per community, request, visit or finding, with
columns stable for analysis and plots: an enum's label beside its code, nullable
numbers, and headers alone in Chinese with ``lang="zh"``.
"""

from __future__ import annotations

import datetime as dt
import re
import typing
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from shequ_core.entities import (
    COLLECTIONS,
    ITEM_CLASS,
    Dataset,
)
from shequ_core.errors import Problem, ValidationError
from shequ_core.extra import _results as results
from shequ_core.extra import _tabulate as tab
from shequ_core.text import Lang

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["child_tables", "from_frames", "to_frame", "to_frames"]


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
    tab.check_options(lang, reveal, subject="to_frames")
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
            id_field = attrs.fields_dict(cls)["id"]
            id_label = tab.field_label(id_field, lang) if lang == "zh" else owner
            frame.insert(0, _POSITION[lang == "zh"], [i for _, i, _ in rows])
            frame.insert(0, id_label, [tab.to_cell(rid, lang, reveal) for rid, _, _ in rows])
            out[f"{name}.{field}"] = frame
    return out


def to_frame(
    records: Any,
    *,
    cls: type | None = None,
    lang: Lang | None = None,
    reveal: bool = False,
    exclude: Iterable[str] = (),
) -> pd.DataFrame:
    """A DataFrame of records, or of a rule's result: one row per record, community,
    request, visit or finding, one column per field.

    ``records`` is one of:

    * a list of records (entities, or results such as ``DueVisit``, ``SlaStatus``,
      ``Finding``, ``Coverage``): one row each. ``cls`` names the class when the list
      may be empty, so the columns are still there; otherwise it is taken from the
      first record. Fields named in ``exclude`` are left out;
    * a result: a :class:`~shequ_core.rules.assessment.Scorecard` or a
      :class:`~shequ_core.rules.sla.BacklogReport` (one row per community, the banner's
      figures in ``frame.attrs["total"]``), :class:`~shequ_core.rules.Findings` (one
      row per finding), or any other attrs result, such as the
      :class:`~shequ_core.rules.assessment.BannerSummary` (one row).

    Entities keep the shape :func:`to_frames` gives them (``lang`` turns their enums
    into labels, and their headers into Chinese with ``"zh"``), so that
    :func:`from_frames` reads them back. Results have stable columns for analysis and
    plots: the field names; numbers numeric, nullable (``Int64``, ``Float64``) where
    a figure may be missing; dates ``datetime64[ns]``; an enum's code with its label
    in a ``<field>_label`` column beside it; ``lang="zh"`` renames the headers only.
    The conventions are in the reference page *DataFrames*.
    """
    tab.check_options(lang, reveal, subject="to_frame")
    import pandas as pd

    options = results.Options(lang, reveal)
    if cls is None and not isinstance(records, (list, tuple)):
        frame = results.result_frame(pd, records, options)
        if frame is not None:
            return frame
    if not isinstance(records, Iterable):
        msg = f"must be a result or a list of records, got {type(records).__name__}"
        raise ValidationError([Problem("records", msg, "invalid_argument")], subject="to_frame")
    rows = list(records)
    if cls is None:
        if not rows:
            return pd.DataFrame()
        cls = type(rows[0])
    if not attrs.has(cls):
        msg = f"must be an attrs class, got {cls.__name__}"
        raise ValidationError([Problem("cls", msg, "invalid_argument")], subject="to_frame")
    if not cls.__module__.startswith("shequ_core.entities"):
        return results.records_frame(pd, rows, cls, options, exclude)
    columns = tab.record_columns(cls, "", "", lang, frozenset(exclude))
    data: dict[str, Any] = {}
    for column in columns:
        cells = [tab.to_cell(column.get(r), lang, reveal) for r in rows]
        kind = "date" if column.kind == "birth_year" and reveal else column.kind
        data[column.header] = tab.to_series(pd, cells, kind)
    return pd.DataFrame(data, columns=[c.header for c in columns])


def child_tables(cls: type) -> dict[str, type]:
    """The fields of ``cls`` that hold a tuple of records, and the records' class.

    These are the fields :func:`to_frames` turns into tables of their own
    (``{"attentions": Attention}`` for a resident).
    """
    hints = tab.type_hints(cls)
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
    columns = tab.record_columns(cls, "", "", None, exclude)
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
        leaf = None if column is None else _leaf_type(cls, column.path)
        for row, cell in zip(rows, frame[header].tolist(), strict=True):
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
        tp = tab.strip_none(tab.type_hints(tp).get(name))
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


_POSITION = {False: "position", True: "序号"}


def _owner_key(cls: type) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", cls.__name__).lower() + "_id"

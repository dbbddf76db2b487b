"""Saving a dataset in one of its five formats."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Literal, TextIO

from shequ_core.entities import Dataset
from shequ_core.errors import Problem, ValidationError
from shequ_core.io._atomic import unwritable
from shequ_core.io._csv import write_csv_folder
from shequ_core.io._excel import Headers, write_xlsx
from shequ_core.io._json import write_json
from shequ_core.io._jsonl import write_jsonl
from shequ_core.io._parquet import parquet_store

Format = Literal["json", "jsonl", "csv", "xlsx", "parquet"]
_FORMATS = ("json", "jsonl", "csv", "xlsx", "parquet")
#: The file formats :func:`~shequ_core.io.load_dataset` tells by a file's suffix.
_BY_SUFFIX: dict[str, Format] = {".json": "json", ".jsonl": "jsonl", ".xlsx": "xlsx"}

_log = logging.getLogger("shequ_core.io")


def save_dataset(
    dataset: Dataset,
    path: str | os.PathLike[str] | TextIO,
    format: Format | None = None,
    *,
    headers: Headers = "field",
    redact: bool = False,
) -> None:
    """Write ``dataset`` to ``path`` as ``json``, ``jsonl``, ``csv`` (a folder), ``xlsx``
    or ``parquet`` (a partitioned store: a folder, see :func:`write_communities`).

    Without ``format``, a file named ``.jsonl`` or ``.xlsx`` is written in that format
    and anything else (a stream too) as ``json``, as :func:`load_dataset` will read it
    back. A ``format`` that a file's suffix contradicts (``json`` to ``roster.xlsx``) is
    refused: the file would not load.

    A file is replaced all at once and a CSV folder is swapped in whole, so a save that
    fails or is killed leaves the old one as it was. A path that is a pipe or a device
    (``/dev/stdout``) is written through, never replaced; an open text stream (such as
    ``sys.stdout``, for a command's ``-``) is written to and left open, for ``json`` and
    ``jsonl``. A new file is readable by its owner only; a file replaced keeps its mode.
    Raises :class:`~shequ_core.errors.ShequError` for a place it cannot write to (a
    folder given for a file, a file for a CSV folder, a stream for a CSV folder or a
    workbook).

    An ``xlsx`` workbook has a sheet a collection; ``headers="zh"`` names the sheets and
    columns by their Chinese labels (居民, 姓名) and writes enum values as their labels
    (男), for people to read; ``"field"`` uses the field names and codes. Either loads
    back equal. Identity and phone numbers are text cells, dates date cells.

    ``redact=True`` writes the copy to share, in any format, through the same atomic
    writers: identity and phone numbers (and any id, name or note that holds one) masked
    as ``to_json(redact=True)`` masks them, a date of birth as its year only, and in a
    CSV folder a cell that a spreadsheet would run as a formula (``=``, ``+``, ``-``,
    ``@``) prefixed with ``'``. Such a copy does not load back: :func:`load_dataset`
    refuses it with a :class:`~shequ_core.errors.ValidationError` (a masked number is
    not a valid one), never a dataset with made-up numbers.
    """
    bad = []
    suffix = Path(path).suffix.lower() if isinstance(path, (str, os.PathLike)) else ""
    named = _BY_SUFFIX.get(suffix)
    if format is None:
        format = named or "json"
    elif format in _BY_SUFFIX.values() and named not in (None, format):
        msg = f"{format!r} cannot be written to a {suffix} file: it would not load back"
        bad.append(Problem("format", msg, "invalid_argument"))
    if format not in _FORMATS:
        msg = f"unknown format {format!r}: use json, jsonl, csv, xlsx or parquet"
        bad.append(Problem("format", msg, "invalid_argument"))
    if format == "parquet" and redact:
        msg = "a Parquet store is the full copy: share a redacted json, jsonl, csv or xlsx"
        bad.append(Problem("redact", msg, "invalid_argument"))
    if headers not in ("field", "zh") or (headers == "zh" and format != "xlsx"):
        msg = "must be 'field' or 'zh' (and 'zh' only with format='xlsx')"
        bad.append(Problem("headers", msg, "invalid_argument"))
    if bad:
        raise ValidationError(bad, subject="save_dataset")
    target: Path | TextIO = Path(path) if isinstance(path, (str, os.PathLike)) else path
    if format == "json":
        write_json(dataset, target, redact=redact)
    elif format == "jsonl":
        write_jsonl(dataset, target, redact=redact)
    elif not isinstance(target, Path):
        why = "a CSV dataset is a folder and a workbook a file: give a path"
        raise unwritable(Path(getattr(target, "name", "<stream>")), why)
    elif format == "xlsx":
        write_xlsx(dataset, target, headers, redact=redact)
    elif format == "parquet":
        write_store = parquet_store().write_store
        write_store(dataset, target)
    else:
        write_csv_folder(dataset, target, redact=redact)
    _log.info("saved %d records to %s as %s", len(dataset), target, format)

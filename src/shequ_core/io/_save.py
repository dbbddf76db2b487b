"""Saving a dataset in one of the three formats."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Literal

from shequ_core.entities import Dataset
from shequ_core.errors import Problem, ValidationError
from shequ_core.io._csv import write_csv_folder
from shequ_core.io._json import write_json
from shequ_core.io._jsonl import write_jsonl

Format = Literal["json", "jsonl", "csv"]
_FORMATS = ("json", "jsonl", "csv")

_log = logging.getLogger("shequ_core.io")


def save_dataset(dataset: Dataset, path: str | os.PathLike[str], format: Format = "json") -> None:
    """Write ``dataset`` to ``path`` as ``json``, ``jsonl`` or ``csv`` (a folder)."""
    if format not in _FORMATS:
        msg = f"unknown format {format!r}: use json, jsonl or csv"
        raise ValidationError([Problem("format", msg, "invalid_argument")], subject="save_dataset")
    target = Path(path)
    if format == "json":
        write_json(dataset, target)
    elif format == "jsonl":
        write_jsonl(dataset, target)
    else:
        write_csv_folder(dataset, target)
    _log.info("saved %d records to %s as %s", len(dataset), target, format)

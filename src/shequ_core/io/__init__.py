"""Reading and writing whole datasets: one JSON file, JSON Lines, or a folder of CSV files.

The three formats hold the same records losslessly (save then load gives an equal
:class:`~shequ_core.entities.Dataset`), and are told apart on loading by suffix
(``.json``, ``.jsonl``) or by being a folder (CSV).

- JSON: the converter's flat object, one key per Dataset collection, plus
  ``schema_version``.
- JSON Lines: a first line ``{"schema_version": N}``, then one line per record,
  ``{"collection": "residents", "record": {...}}``. Good for streaming and appending.
- CSV: a folder with ``schema.json`` (holding ``schema_version``) and one
  ``<collection>.csv`` per collection, a header row of field names (or their Chinese
  labels, on loading), columns in model order with ``id`` first, nested values as JSON
  in their cell and ``None`` as an empty cell. Spreadsheets open these directly; the
  files are written in UTF-8 with a byte-order mark so Excel shows Chinese correctly.

Each problem is data (:class:`~shequ_core.errors.Problem`): ``file`` names the file
(``residents.csv``, ``data.jsonl``, ``data.json``), ``line`` the line of a CSV or JSON
Lines row (the header is line 1), ``loc`` the place inside the record (``("id_number",)``)
or, in a JSON file, inside the file (``("visits", 3, "name")``), and ``code`` says what
is wrong; it prints as ``residents.csv:12: id_number: message``. By default every
problem of the whole input is reported at once and nothing is loaded; with
``errors="collect"`` the good rows are kept, and a good row that refers to a dropped one
is dropped too and reported with the reference that broke, so no row is lost silently.
Saving writes to a temporary file in the same folder and renames it into place, so an
interrupted save leaves the old file intact (a CSV folder is replaced file by file: each
file is whole, old or new).

Versions
--------
:data:`SCHEMA_VERSION` is the layout :func:`save_dataset` writes. A file of an older
version is upgraded on loading, record by record, through the explicit chain of
:data:`MIGRATIONS` (so JSON Lines and CSV still stream); a newer version, or a
``schema_version`` that is not a whole number, is refused with a problem that says so.

- Version 0 is the pre-release layout: the same records with no version marker (a JSON
  object without ``schema_version``, as :func:`~shequ_core.serialization.to_json` writes
  a Dataset and as the bundled sample is stored; JSON Lines without the header line; a
  CSV folder without ``schema.json``). Its records are already those of version 1.
- Version 1 adds the marker.

The library logs to the ``shequ_core.io`` logger (standard :mod:`logging`, silent unless
the application configures it): what was read or written, how many records and
problems, and any upgrade. Records, identity and phone numbers are never logged.
"""

from shequ_core.io._load import LoadResult, load_dataset
from shequ_core.io._save import save_dataset
from shequ_core.io._versions import MIGRATIONS, SCHEMA_VERSION, Migration

__all__ = [
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "LoadResult",
    "Migration",
    "load_dataset",
    "save_dataset",
]

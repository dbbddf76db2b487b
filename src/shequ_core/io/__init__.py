"""Reading and writing whole datasets: one JSON file, JSON Lines, a folder of CSV (or
``.xlsx``) files, or one Excel workbook.

The formats hold the same records losslessly (save then load gives an equal
:class:`~shequ_core.entities.Dataset`), and are told apart on loading by suffix
(``.json``, ``.jsonl``, ``.xlsx``) or by being a folder.

- JSON: the converter's flat object, one key per Dataset collection, plus
  ``schema_version``.
- JSON Lines: a first line ``{"schema_version": N}``, then one line per record,
  ``{"collection": "residents", "record": {...}}``. Good for streaming and appending.
- CSV: a folder with ``schema.json`` (holding ``schema_version``) and one
  ``<collection>.csv`` per collection, a header row of field names (or their Chinese
  labels, on loading), columns in model order with ``id`` first, nested values as JSON
  in their cell and ``None`` as an empty cell. Spreadsheets open these directly; the
  files are written in UTF-8 with a byte-order mark so Excel shows Chinese correctly.
  On loading, a file may also be GB18030/GBK (told apart without being asked), be named
  by the collection's Chinese label in any case (``居民.CSV``), or be an ``.xlsx``
  workbook of the collection.
- Excel (``.xlsx``, the ``excel`` extra): one sheet per collection, named by the
  collection or its Chinese label; written with field names or (``headers="zh"``)
  Chinese labels. A workbook has no version marker: it is read as today's layout.

- Parquet (the ``parquet`` extra, pyarrow): a partitioned store for a province, one
  Parquet dataset a collection in hive folders by community (``residents/
  community_id=C01/part-….parquet``), Arrow's own column types, ``schema.json`` and a
  ``_manifest.json`` listing its files. :func:`write_communities` replaces or adds
  communities, :func:`load_communities` reads a few with what they refer to, and
  :func:`shequ_core.extra.dask.from_store` scores a store on Dask workers.

An office's flat resident roster (花名册: one row a person, no ids) is read by
:func:`import_roster` into a community's households, grids, residents and attentions
(:data:`ROSTER_HEADERS`, :data:`ATTENTION_ALIASES`).

CSV and workbook cells are read leniently, the way offices type them (dates as
``2023/5/6``, 男 for ``male``, headers such as 身份证号码, a 15-digit identity number):
:data:`HEADER_ALIASES`, :data:`VALUE_ALIASES` and docs/how-to/office-files.md hold the
rules. What was read leniently is reported in :attr:`LoadResult.notices`. JSON and
JSON Lines are written by programs and read strictly.

Each problem is data (:class:`~shequ_core.errors.Problem`): ``file`` names the file
(``residents.csv``, ``data.jsonl``, ``data.json``), ``line`` the line of a CSV or JSON
Lines row (the header is line 1), ``loc`` the place inside the record (``("id_number",)``)
or, in a JSON file, inside the file (``("visits", 3, "name")``), and ``code`` says what
is wrong; it prints as ``residents.csv:12: id_number: message``. By default every
problem of the whole input is reported at once and nothing is loaded; with
``errors="collect"`` the good rows are kept, and a good row that refers to a dropped one
is dropped too and reported with the reference that broke, so no row is lost silently.
A JSON Lines file is read line by line: a line that is not UTF-8 or not JSON is one
problem, and a damaged first line (the version line) does not drop the others: they are
read as today's :data:`SCHEMA_VERSION`, and the problem says so.

Files round-trip or are refused:

- A key that appears twice in one JSON object (in a JSON file, a JSON Lines line or a
  JSON cell of a CSV file) is a ``duplicate_key`` problem, never read as its last value;
  with ``errors="collect"`` only the record (or line) that holds it is dropped.
- In a CSV folder, a collection file (or ``schema.json``) that is empty (0 bytes), a
  folder, a link to nothing or not a regular file is an ``invalid_file`` problem, not an
  empty collection: a collection without records is still written with its header row.
- A CSV cell of any length loads: importing :mod:`shequ_core.io` raises the csv module's
  field size limit (128 KiB by default, and process-wide) once, to 2 GiB - 1. A cell
  holding a carriage return is written quoted, so it stays in its cell.
- Every number a record holds is bounded when the record is built (see
  :mod:`shequ_core.validation`, "Bounds"), so nothing can be saved that does not load.

Saving
------
A JSON or JSON Lines file is written to a temporary file beside it, synced and renamed
into place; a CSV folder is written as a new folder beside the old one and swapped in
whole (in one step on Linux; elsewhere the old folder is renamed aside, the new one in,
and the old one removed). A save that fails or is killed leaves the old file or folder
whole and loadable, never a mixture of old and new files; it removes its temporary
file or folder on any exception. Temporary files, new files and new folders are readable
by their owner only (0600, 0700): the data is personal. A file or folder replaced keeps
its mode; a link is followed and kept. A path that is a pipe or a device
(``/dev/stdout``) is written through, never replaced, and an open text stream
(``sys.stdout``, for a command's ``-``) is written to; a folder given for a file, or a
file for a CSV folder, is refused with :class:`~shequ_core.errors.ShequError`.

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

import logging

from shequ_core.io._atomic import atomic_write
from shequ_core.io._keys import HEADER_ALIASES
from shequ_core.io._load import LoadResult, load_dataset
from shequ_core.io._parquet import load_communities, store_communities, write_communities
from shequ_core.io._roster import ATTENTION_ALIASES, ROSTER_HEADERS, import_roster
from shequ_core.io._save import save_dataset
from shequ_core.io._values import VALUE_ALIASES
from shequ_core.io._versions import MIGRATIONS, SCHEMA_VERSION, Migration

# The library's log records (``shequ_core.io``, the only part that logs) stay silent
# unless the application configures logging; here, so ``import shequ_core`` does not
# load :mod:`logging`.
logging.getLogger("shequ_core").addHandler(logging.NullHandler())

__all__ = [
    "ATTENTION_ALIASES",
    "HEADER_ALIASES",
    "MIGRATIONS",
    "ROSTER_HEADERS",
    "SCHEMA_VERSION",
    "VALUE_ALIASES",
    "LoadResult",
    "Migration",
    "atomic_write",
    "import_roster",
    "load_communities",
    "load_dataset",
    "save_dataset",
    "store_communities",
    "write_communities",
]

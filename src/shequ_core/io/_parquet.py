"""The Parquet store's module, imported only when a store is read or written: pyarrow
is an optional extra (``pip install 'shequ-core[parquet]'``)."""

from __future__ import annotations

import types

from shequ_core.errors import ShequError

EXTRA = "a Parquet store needs the parquet extra: pip install 'shequ-core[parquet]'"


def parquet_store() -> types.ModuleType:
    """:mod:`shequ_core.io._store`, or a :class:`ShequError` naming the extra to install."""
    try:
        from shequ_core.io import _store
    except ImportError:  # pragma: no cover - the test environment has the extra
        raise ShequError(EXTRA) from None
    return _store

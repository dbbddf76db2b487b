"""The results' own ``to_frame()`` and ``plot()``, for a notebook.

They hand the result to the pandas and matplotlib adapters of :mod:`shequ_core.extra`,
found by name when called, the way pandas finds its plotting backend: the rules never
import the adapters (they sit in a layer above, see docs/explanation/architecture.md),
and a result works without pandas or matplotlib installed until one of these is called.
"""

from __future__ import annotations

import importlib
from typing import Any

from shequ_core.errors import ShequError

_EXTRAS = {
    "shequ_core.extra.pandas": "pandas",
    "shequ_core.extra.plots": "plot",
}


def _adapter(module: str) -> Any:
    try:
        return importlib.import_module(module)
    except ImportError as e:
        extra = _EXTRAS[module]
        msg = f"this needs the {extra} extra: pip install 'shequ-core[{extra}]' ({e})"
        raise ShequError(msg) from None


def as_frame(result: object, *, lang: Any = None, reveal: bool = False) -> Any:
    """``result`` as :func:`shequ_core.extra.pandas.to_frame` gives it."""
    return _adapter("shequ_core.extra.pandas").to_frame(result, lang=lang, reveal=reveal)


def plotted(function: str, result: object, options: dict[str, Any]) -> Any:
    """``result`` drawn by ``shequ_core.extra.plots.<function>``."""
    return getattr(_adapter("shequ_core.extra.plots"), function)(result, **options)

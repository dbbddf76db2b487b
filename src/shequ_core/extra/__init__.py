"""Adapters that need an optional third-party package, each importing it when used.

In Hypothesis' ``extra`` manner: :mod:`shequ_core.extra.pandas` (DataFrames, the
``pandas`` extra) and :mod:`shequ_core.extra.dask` (province-scale runs over a Dask
bag, the ``dask`` extra). Importing shequ_core never imports pandas or Dask.
"""

__all__: list[str] = []

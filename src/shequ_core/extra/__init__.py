"""Adapters that need an optional third-party package, each importing it when used.

In Hypothesis' ``extra`` manner: :mod:`shequ_core.extra.pandas` (DataFrames of the
records and of every result, the ``pandas`` extra), :mod:`shequ_core.extra.plots`
(charts of the results with Chinese labels, the ``plot`` extra) and
:mod:`shequ_core.extra.dask` (province-scale runs over a Dask bag, the ``dask``
extra). Importing shequ_core never imports pandas, matplotlib or Dask.
"""

__all__: list[str] = []

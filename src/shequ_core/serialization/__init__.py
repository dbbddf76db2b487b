"""The wire format: every record to JSON-ready data and back, and its JSON Schema.

One converter (:data:`converter`, built on cattrs' preconfigured JSON converter) turns
every entity, value and :class:`~shequ_core.entities.Dataset` into plain data and back:
``structure(unstructure(x), type(x)) == x`` and ``from_json(to_json(x), type(x)) == x``.
:func:`configure_converter` puts the same hooks on an application's own converter and
:func:`make_converter` builds a fresh one; cattrs' global converter is never touched.

Wire format
-----------
- A record is a JSON object with one key per field, in declaration order. Every field
  is written, an optional one that is None as ``null``; on reading, a missing optional
  field takes its default and an unknown key is an error.
- Dates are ISO 8601 calendar dates, exactly ``"YYYY-MM-DD"`` (``"2025-10-01"``); the
  other spellings ``date.fromisoformat`` accepts (``"20251001"``, week dates) are refused.
- Timestamps (:class:`~datetime.datetime`) are ``isoformat()``: a naive one (Beijing
  local time) as ``"2026-03-02T14:05:00"``, an aware one with its offset
  (``"2026-03-02T06:05:00+00:00"``), so each reads back as it was; ``Z`` is read as UTC.
  A space for the ``T`` and other office spellings are refused (the CSV and Excel
  readers take them).
- Money (:class:`~decimal.Decimal`) is written as ``str(value)``, the decimal module's
  exact notation: ``"100000"``, ``"3089.50"``, ``"1E+2"``. Coefficient and exponent are
  kept, so a value reads back identical, trailing zeros included. On reading, a decimal
  string or a JSON integer is accepted; a JSON float is refused (``0.1`` is not an exact
  sum of money).
- Enums are their values (``"empty_nest_elder"``). Tuples are arrays. Frozensets are
  arrays sorted by the items' wire values, so a set is always written the same way
  (duplicates are accepted on reading).
- Identity and phone numbers are written in full (``.reveal()``) so the data loads back;
  with ``redact=True`` they are written masked, for sharing, and do not load back. An
  empty string reads as None.
- Whole numbers (counts) must be JSON integers; a float with no fraction (``2.0``) is
  accepted as ``2``, as JSON Schema's ``integer`` accepts it, while ``1.5`` and ``true``
  are refused. Floats (areas, hours) also accept integers. Strings and booleans accept
  only themselves.
- A key may appear once in an object: a key twice (``{"households": 5, "households":
  50000}``) is refused with a ``duplicate_key`` problem at its place, never read as its
  last value, whether the text is parsed by :mod:`json` or by orjson
  (:func:`json_loads`, :func:`from_json`).
- Numbers are bounded (:mod:`shequ_core.validation`, "Bounds"): a count below 10⁹,
  money below 10¹² yuan, an area or a number of hours below 10⁷, a time limit of at most
  3,660 days. A float read for a whole number is taken only while it holds it exactly
  (up to 2⁵³), so an integer orjson read as a float is refused, never rounded.
- JSON text is UTF-8 with non-ASCII characters unescaped, compact unless ``indent`` is
  given. It is read and written with the standard library's :mod:`json`, never orjson,
  so it is the same whether or not orjson is installed (orjson writes ``1e-7`` where
  :mod:`json` writes ``1e-07``, and reads integers beyond 64 bits as floats).

Errors
------
Any bad input (wrong type, missing field, unknown key or enum value, malformed JSON, an
invalid identity number, a value a record's own validation refuses) raises one
:class:`~shequ_core.errors.ValidationError` whose ``problems`` list every problem with
its path from the top (``dispute_cases[3].parties[0].phone``). A field that cannot be
read and a field whose value its record refuses are reported together; a record's
cross-field rules (a closing date before the receipt, say) run once every field has
been read, so they are reported when no field of that record failed. Messages name
what is wrong and never echo an input string, so no identity or phone number can leak
into one.
"""

from shequ_core.serialization._converter import (
    configure_converter,
    converter,
    make_converter,
    structure,
    unstructure,
)
from shequ_core.serialization._json import from_json, json_loads, to_json
from shequ_core.serialization._schema import json_schema

__all__ = [
    "configure_converter",
    "converter",
    "from_json",
    "json_loads",
    "json_schema",
    "make_converter",
    "structure",
    "to_json",
    "unstructure",
]

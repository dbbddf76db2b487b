"""The office-files how-to lists exactly the header and value aliases the readers use."""

from __future__ import annotations

import re
from pathlib import Path

from shequ_core.io import HEADER_ALIASES, VALUE_ALIASES

PAGE = Path(__file__).resolve().parents[2] / "docs" / "how-to" / "office-files.md"


def _rows(text: str) -> dict[str, str]:
    return dict(re.findall(r"^\s*\| `(\w+)` \| (.+?) \|$", text, re.M))


def test_the_header_table_is_the_code() -> None:
    rows = _rows(PAGE.read_text(encoding="utf-8"))
    listed = {k: v for k, v in rows.items() if k in HEADER_ALIASES or k.islower()}
    assert listed == {field: ", ".join(aliases) for field, aliases in HEADER_ALIASES.items()}


def test_the_value_table_is_the_code() -> None:
    rows = _rows(PAGE.read_text(encoding="utf-8"))
    listed = {k: v for k, v in rows.items() if k[0].isupper()}
    expected = {
        name: ", ".join(f"{alias} → {code}" for alias, code in table.items())
        for name, table in VALUE_ALIASES.items()
    }
    assert listed == expected


def test_the_roster_tables_are_the_code() -> None:
    """The roster's columns and the attention words, listed as the importer reads them."""
    from shequ_core.io import ATTENTION_ALIASES, ROSTER_HEADERS

    text = PAGE.read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| (\S+) \| (.+?) \|$", text, re.M))
    assert {k: rows.get(k) for k in ROSTER_HEADERS} == {
        k: ", ".join(v) for k, v in ROSTER_HEADERS.items()
    }
    assert {k: rows.get(k) for k in ATTENTION_ALIASES} == dict(ATTENTION_ALIASES)

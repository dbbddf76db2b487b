"""The rules catalogue (``rules._catalogue``): docs/rules.md is the generated catalogue
and lists exactly the registered rules; the module prints it.
"""

from __future__ import annotations

import re
import runpy
from pathlib import Path

import pytest

from shequ_core.rules import _catalogue
from shequ_core.rules._catalogue import catalogue_markdown
from shequ_core.rules._findings import (
    RULES,
)

DOCS = Path(__file__).resolve().parents[2] / "docs" / "rules.md"


def test_the_catalogue_module_prints_the_catalogue(capsys: pytest.CaptureFixture[str]) -> None:
    runpy.run_path(_catalogue.__file__, run_name="__main__")
    printed = capsys.readouterr().out
    assert printed == _catalogue.catalogue_markdown()
    assert printed.startswith("# Rules catalogue\n")


def test_docs_list_exactly_the_registered_rules() -> None:
    listed = set(
        re.findall(r"^\| `([a-z_]+\.[a-z0-9_]+)` \|", DOCS.read_text(encoding="utf-8"), re.M)
    )
    assert listed, "docs/rules.md lists no rule ids"
    assert listed == set(RULES), {
        "only in docs": listed - set(RULES),
        "only in RULES": set(RULES) - listed,
    }


def test_docs_page_is_the_generated_catalogue() -> None:
    assert DOCS.read_text(encoding="utf-8") == catalogue_markdown(), (
        "regenerate with: python -m shequ_core.rules._catalogue > docs/rules.md"
    )

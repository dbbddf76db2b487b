"""The errors page lists every Problem code, and the library uses no code it does not list."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from shequ_core.errors import CODES

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "docs" / "reference" / "errors.md"
SRC = ROOT / "src" / "shequ_core"


def _codes_in_source() -> set[str]:
    """Every code written as a literal: ``Problem(loc, msg, "code")``, ``Fault("code", msg)``
    and ``code="..."`` keywords."""
    found: set[str] = set()
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            args = node.args
            if name == "Problem" and len(args) >= 3:
                candidates = [args[2]]
            elif name == "Fault" and args:
                candidates = [args[0]]
            else:
                candidates = []
            candidates += [k.value for k in node.keywords if k.arg == "code"]
            for c in candidates:
                if isinstance(c, ast.Constant) and isinstance(c.value, str):
                    found.add(c.value)
    return found


def test_the_page_lists_exactly_the_codes() -> None:
    listed = re.findall(r"^\| `([a-z_]+)` \|", PAGE.read_text(encoding="utf-8"), re.M)
    assert listed == list(CODES)


def test_every_code_the_library_writes_is_listed() -> None:
    used = _codes_in_source()
    assert {"required", "wrong_type", "duplicate_id", "dangling_reference"} <= used
    assert sorted(used - set(CODES)) == []


def test_codes_are_snake_case() -> None:
    assert all(re.fullmatch(r"[a-z]+(_[a-z]+)*", code) for code in CODES)

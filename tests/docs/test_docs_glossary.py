"""docs/glossary.md lists every enum member of the public API, and nothing else.

Each enum has a ``### Name`` section whose table rows are, in the enum's order, the
member's Chinese label, its code and a meaning; a new member, a renamed code or a
changed label fails here until the page says the same.
"""

from __future__ import annotations

import importlib
import inspect
import re
from pathlib import Path

import shequ_core
from shequ_core.entities import LabelledEnum

GLOSSARY = Path(__file__).resolve().parents[2] / "docs" / "glossary.md"
PUBLIC = [
    "shequ_core",
    "shequ_core.rules",
    "shequ_core.rules.assessment",
    "shequ_core.rules.facilities",
    "shequ_core.rules.funding",
    "shequ_core.rules.governance",
    "shequ_core.rules.party",
    "shequ_core.rules.sla",
    "shequ_core.rules.staffing",
    "shequ_core.rules.visiting",
    "shequ_core.policy",
    "shequ_core.calendar",
    "shequ_core.io",
]
_ROW = re.compile(r"^\| (?P<zh>[^|]+?) \| `(?P<code>[^`]+)` \| (?P<meaning>[^|]*?) \|$")


def public_enums() -> dict[str, type[LabelledEnum]]:
    found: dict[str, type[LabelledEnum]] = {}
    for name in PUBLIC:
        module = importlib.import_module(name)
        for attr in module.__all__:
            obj = getattr(module, attr)
            if inspect.isclass(obj) and issubclass(obj, LabelledEnum) and obj is not LabelledEnum:
                found[obj.__name__] = obj
    return found


def glossary_sections(text: str) -> dict[str, list[tuple[str, str, str]]]:
    sections: dict[str, list[tuple[str, str, str]]] = {}
    current: list[tuple[str, str, str]] | None = None
    for line in text.splitlines():
        if line.startswith("### "):
            current = sections.setdefault(line[4:].strip(), [])
        elif line.startswith("## "):
            current = None
        elif current is not None and (m := _ROW.match(line)):
            current.append((m["zh"], m["code"], m["meaning"].strip()))
    return sections


def test_parser_reads_rows() -> None:
    page = "## A\n### Sex\n| 中文 | code | meaning |\n|---|---|---|\n| 男 | `male` | male |\n"
    assert glossary_sections(page) == {"Sex": [("男", "male", "male")]}


def test_every_public_enum_is_found() -> None:
    enums = public_enums()
    assert {"AttentionKind", "Severity", "SlaStage", "Dimension", "OrganisationForm"} <= set(enums)
    assert enums["Sex"] is shequ_core.Sex


def test_glossary_has_one_section_per_enum_and_no_other() -> None:
    sections = glossary_sections(GLOSSARY.read_text(encoding="utf-8"))
    assert sorted(sections) == sorted(public_enums())


def test_glossary_rows_match_members_in_order() -> None:
    sections = glossary_sections(GLOSSARY.read_text(encoding="utf-8"))
    mismatched = {}
    for name, enum in public_enums().items():
        rows = sections.get(name, [])
        expected = [(m.label_zh, m.value) for m in enum]
        if [(zh, code) for zh, code, _ in rows] != expected:
            mismatched[name] = rows
    assert mismatched == {}


def test_every_member_has_a_meaning() -> None:
    sections = glossary_sections(GLOSSARY.read_text(encoding="utf-8"))
    empty = [(name, code) for name, rows in sections.items() for _, code, m in rows if not m]
    assert empty == []

"""The diagrams of docs/explanation/lifecycles.md are the ones the tables draw, and a
drawing holds every row of its table."""

from __future__ import annotations

from pathlib import Path

import pytest

from shequ_core.workflow import LIFECYCLES, Lifecycle, fill_page, to_markdown, to_mermaid

PAGE = Path(__file__).resolve().parents[2] / "docs" / "explanation" / "lifecycles.md"
TABLES = pytest.mark.parametrize("table", LIFECYCLES, ids=lambda t: t.name)


def test_the_docs_page_holds_the_generated_diagrams() -> None:
    text = PAGE.read_text(encoding="utf-8")
    assert fill_page(text) == text, (
        "regenerate with: python -m shequ_core.workflow docs/explanation/lifecycles.md"
    )
    for table in LIFECYCLES:
        assert to_markdown(table) in text


def test_a_changed_table_changes_the_page() -> None:
    """The check can fail: a page drawn from a table with a row less differs."""
    import attrs

    text = PAGE.read_text(encoding="utf-8")
    table = LIFECYCLES[0]
    shorter = attrs.evolve(table, transitions=table.transitions[:-1])
    assert to_markdown(shorter) not in text


@TABLES
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_row_is_an_arrow(table: Lifecycle, lang: str) -> None:
    lines = to_mermaid(table, lang).splitlines()
    assert lines[0] == "stateDiagram-v2"
    arrows = [ln for ln in lines if "-->" in ln and "[*]" not in ln]
    assert len(arrows) == len(table.transitions)
    for t, arrow in zip(table.transitions, arrows, strict=True):
        assert arrow.strip().startswith(f"{t.source.value} --> {t.target.value}: ")
        assert t.actor.label(lang) in arrow
    finals = [ln.strip() for ln in lines if ln.strip().endswith("--> [*]")]
    assert sorted(finals) == sorted(f"{s.value} --> [*]" for s in table.final)

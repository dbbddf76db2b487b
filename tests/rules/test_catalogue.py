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


@pytest.mark.parametrize(
    ("rule_id", "kinds"),
    [
        ("governance.committee_size", "法律 (statute)"),
        ("staffing.workers_per_10k", "规划目标 (plan_target)"),
        ("facilities.area_per_100_households", "规划目标 (plan_target)"),
        ("staffing.secretary_age", "地方做法 (local_practice)"),
        ("funding.cadre_insurance", "地方做法 (local_practice)"),
        ("party.organisation_form", "党内法规 (party_regulation)"),
    ],
)
def test_each_rule_shows_the_force_of_its_bases(rule_id: str, kinds: str) -> None:
    """The third column is the kind of every basis the rule cites under any profile, and
    each basis ends with its own (``· 法律``)."""
    (row,) = [r for r in catalogue_markdown().splitlines() if r.startswith(f"| `{rule_id}` |")]
    cells = [c.strip() for c in row.split("|")[1:-1]]
    assert cells[2] == kinds
    cited = [b for c in cells[3:] for b in c.split("<br>") if b not in ("—", "as national")]
    assert cited and all(b.endswith(" · " + kinds.split(" ")[0]) for b in cited)

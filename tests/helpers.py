"""Helpers the test modules share that are not records (those are in ``builders.py``):
parsing the HTML a notebook shows, running the ``shequ`` command, finding rare examples
of a strategy, and editing the sample banner's CSV files.
"""

from __future__ import annotations

import csv
import subprocess
import sys
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from random import Random
from typing import Any

import pytest
from hypothesis import Phase, find, settings
from hypothesis import strategies as st

from shequ_core.datasets import load_chayouqianqi
from shequ_core.errors import CODES, ValidationError
from shequ_core.io import save_dataset

# -- HTML tables ----------------------------------------------------------------------------


class HtmlCells(HTMLParser):
    """The text of every element by tag, and any text that sits outside a cell."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.tags: list[str] = []
        self.cells: dict[str, list[str]] = {"th": [], "td": [], "caption": []}
        self.stray: list[str] = []
        self.rows = 0

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.stack.append(tag)
        self.tags.append(tag)
        if tag == "tr":
            self.rows += 1
        if tag in self.cells:
            self.cells[tag].append("")

    def handle_endtag(self, tag: str) -> None:
        assert self.stack.pop() == tag

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1] in self.cells:
            self.cells[self.stack[-1]][-1] += data
        else:
            self.stray.append(data)


def parse_html(html_text: str) -> HtmlCells:
    """The cells of ``html_text``, which must close every element and keep all text in cells."""
    p = HtmlCells()
    p.feed(html_text)
    p.close()
    assert p.stack == [], "every element is closed"
    assert p.stray == [], f"text outside any cell: {p.stray!r}"
    return p


# -- the command ----------------------------------------------------------------------------


def shequ(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m shequ_core`` with ``args``, as a user runs it, in a bare environment."""
    return subprocess.run(
        [sys.executable, "-m", "shequ_core", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "PYTHONIOENCODING": "utf-8"},
        check=False,
    )


def personal_numbers() -> set[str]:
    """Every full identity and phone number of the sample banner."""
    ds = load_chayouqianqi()
    found = set()
    for person in (*ds.residents, *ds.staff):
        for value in (person.id_number, person.phone):
            if value is not None:
                found.add(value.reveal())
    for case in ds.dispute_cases:
        for party in case.parties:
            for value in (party.id_number, party.phone):
                if value is not None:
                    found.add(value.reveal())
    return found


def assert_clean(result: subprocess.CompletedProcess[str]) -> None:
    """No traceback and no personal number of the sample banner in what the command printed."""
    text = result.stdout + result.stderr
    assert "Traceback" not in text
    leaked = [n for n in personal_numbers() if n in text]
    assert not leaked, f"{len(leaked)} personal numbers printed"


# -- strategies -----------------------------------------------------------------------------


FIND = settings(database=None, phases=[Phase.generate], max_examples=1000)


def reach(strategy: st.SearchStrategy[Any], condition: Callable[[Any], bool]) -> Any:
    """An example of ``strategy`` meeting ``condition``, found in at most 1,000 draws."""
    # A fixed seed: the search is for reachability, and a run that happens to miss a rare
    # case in 1,000 draws says nothing about the strategy (seen once in a full run).
    found = find(strategy, condition, settings=FIND, random=Random(20180111))
    assert condition(found)
    return found


# -- CSV files ------------------------------------------------------------------------------


def banner_csv(tmp_path: Path) -> Path:
    """The sample banner saved as a CSV folder under ``tmp_path``."""
    folder = tmp_path / "banner"
    save_dataset(load_chayouqianqi(), folder, format="csv")
    return folder


def rewrite_csv(path: Path, edit: dict[int, dict[str, str]]) -> None:
    """Change cells of a CSV file: ``{line_number: {column: new_value}}``."""
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    header = rows[0]
    for line, cells in edit.items():
        for column, value in cells.items():
            rows[line - 1][header.index(column)] = value
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)


def problems(info: pytest.ExceptionInfo[ValidationError]) -> list[tuple[str, str]]:
    """``(path, message)`` of each problem of a refusal, once each problem is checked to
    carry one of the listed codes: a refusal's code is part of its contract
    (docs/reference/errors.md), so every test of a refusal holds it."""
    found = info.value.problems
    assert all(p.code in CODES for p in found), [p.code for p in found]
    return [(p.path, p.message) for p in found]

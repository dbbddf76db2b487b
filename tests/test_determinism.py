"""The suite draws the same examples in every run, whatever order its tests run in.

Hypothesis draws now and then a literal of the local modules already imported; the
conftest imports all of shequ_core before any test, so no module of ours that loads
on first use changes the examples halfway through a run. Measured before that: 40
examples of ``dispute_cases()`` differed when two other test files ran first.
"""

from __future__ import annotations

import pkgutil
import sys

import shequ_core


def test_every_module_of_ours_is_loaded_before_the_tests_draw() -> None:
    names = [
        m.name
        for m in pkgutil.walk_packages(shequ_core.__path__, "shequ_core.")
        if not m.name.endswith("__main__")
    ]
    assert len(names) > 100
    missing = [n for n in names if n not in sys.modules]
    # Only an extra this environment lacks may be absent, and it fails to import here too.
    for name in missing:
        try:
            __import__(name)
        except ImportError:
            continue
        raise AssertionError(f"{name} was not imported before the tests drew examples")


def test_no_local_module_loads_after_the_conftest(
    local_modules: tuple[frozenset[str], frozenset[str]],
) -> None:
    # A module of this repository outside tests/ that a test file loads (bench/city.py
    # for the Dask tests) adds its literals too: a property test failed run alone and
    # passed in the whole suite, where the Dask tests had loaded the city.
    before, now = local_modules
    assert any(n.startswith("shequ_core.") for n in before)
    assert "shequ_bench_city" in before
    assert now <= before, sorted(now - before)

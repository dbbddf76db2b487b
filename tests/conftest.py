"""Hypothesis profiles, chosen by ``HYPOTHESIS_PROFILE``; ``ci`` when it is unset.

``ci``
    What `make test` (and so ``.ci/run``) runs on every machine: 60 examples a property,
    derandomized (the examples follow from each test alone, so a run that passed passes
    again and CI cannot flake), no example database, no deadline and no ``too_slow``
    health check (a loaded 2-core machine must not fail a test for being slow). A
    failure prints the blob that reproduces it. Its settings live in ``tests/profiles.py``,
    so a test running code in a child process loads the same profile there.
``explore``
    `make explore`: looking for bugs on purpose, not part of `make test`. Fresh
    randomness every run, 1,000 examples a property, the example database kept so a
    failure found once is replayed first next time; a failure prints its blob.
``fuzz``
    `make fuzz`: the long run of the fuzz tests (marker ``fuzz``, wherever they live)
    with fresh randomness. Its ``max_examples`` is what each fuzz test divides by its
    cost (see ``fuzz()`` in ``tests/fuzzing.py``); the tests marked ``slow`` run beside
    it.
``mutation``
    `make mutate`: fewer examples, the same ones every run, and no shrinking (a mutant
    only needs one failing example, and shrinking it took longer than finding it).

The fuzz tests run a few dozen cases each in `make test`; `make fuzz` loads the ``fuzz``
profile, which turns them into the long run, and also selects the tests marked ``slow``
that `make test` leaves out (the 100,000-resident round trip). The number of fuzz cases
actually run is printed at the end of the session (``fuzz_cases`` below), so the figure
in docs/quality.md is counted, not computed.
"""

from __future__ import annotations

import collections
import os
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, settings

from tests.builders import bench_city
from tests.profiles import CI

# ``too_slow`` is suppressed: it fails a test when drawing its inputs took too long by
# the wall clock, so on a loaded machine the same derandomized examples pass or fail by
# timing. The test is unweakened (the same examples, all of them, are run and checked);
# only a verdict on how fast the machine was is dropped. Code a test runs in a fresh
# interpreter (the docs examples, the entry-point hook) loads this profile too
# (``tests.profiles.ci_preamble``), for a child process never reads this file.
settings.register_profile("ci", **CI)


def _import_every_module() -> None:
    """Import all of shequ_core before any test draws an example.

    Hypothesis now and then draws a literal of the local modules imported so far (its
    "local constants", read from ``sys.modules`` as each test case starts). A module of
    ours that loads on first use would add its literals halfway through a run, so the
    examples of a derandomized test would depend on which tests ran before it on its
    worker: a test that passed alone failed beside another. Everything imported up
    front, every test draws from the same literals in every run.
    """
    import importlib
    import pkgutil

    import shequ_core

    for module in pkgutil.walk_packages(shequ_core.__path__, "shequ_core."):
        if module.name.rpartition(".")[2] == "__main__":  # runs the command line
            continue
        try:
            importlib.import_module(module.name)
        except ImportError:  # an extra this environment lacks: the same every run
            continue


def _local_modules() -> frozenset[str]:
    """The modules loaded from this repository outside ``tests/`` (Hypothesis leaves
    test files out of its local constants): ``shequ_core`` and what a test loads by
    path, such as ``bench/city.py``."""
    root = Path(__file__).resolve().parents[1]
    out = set()
    for name, module in list(sys.modules.items()):
        file = getattr(module, "__file__", None)
        if not isinstance(file, str):
            continue
        path = Path(file).resolve()
        outside = (root / ".venv", root / "tests")
        if path.is_relative_to(root) and not any(path.is_relative_to(o) for o in outside):
            out.add(name)
    return frozenset(out)


_loaded_before_tests: frozenset[str] = frozenset()


@pytest.hookimpl(trylast=True)
def pytest_sessionstart(session: pytest.Session) -> None:
    """Everything local loaded before the tests draw, once a test worker measures
    coverage (pytest-cov starts it here too): the lines of a module loaded earlier went
    uncounted in the workers (``rules._catalogue`` fell to 43 %)."""
    global _loaded_before_tests
    _import_every_module()
    bench_city()  # the Dask tests compare on it
    _loaded_before_tests = _local_modules()


@pytest.fixture(scope="session")
def local_modules() -> tuple[frozenset[str], frozenset[str]]:
    """The local modules loaded before the tests drew (by this conftest), and now."""
    return _loaded_before_tests, _local_modules()


settings.register_profile(
    "explore",
    max_examples=1000,
    derandomize=False,
    deadline=None,
    print_blob=True,
)
settings.register_profile(
    "fuzz",
    max_examples=12500,
    derandomize=False,
    database=None,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "mutation",
    max_examples=10,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    # mutmut runs the suite several times in one process (its stats, the clean run, each
    # mutant), so a test method of a class meets a new instance each time.
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.differing_executors],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


# -- fuzz cases, counted --------------------------------------------------------------------

FUZZ_CASES: collections.Counter[str] = collections.Counter()


@pytest.fixture(scope="session")
def fuzz_cases() -> collections.Counter[str]:
    """Each fuzz test adds one per case it runs, under its own name."""
    return FUZZ_CASES


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not FUZZ_CASES:
        return
    total = sum(FUZZ_CASES.values())
    terminalreporter.section("fuzz cases")
    for name, n in sorted(FUZZ_CASES.items()):
        terminalreporter.write_line(f"{n:>9,}  {name}")
    terminalreporter.write_line(f"{total:>9,}  in all")


# -- the files the fuzz tests break ---------------------------------------------------------


@pytest.fixture(scope="session")
def originals(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A slice of the sample banner (one community and what belongs to it) in each format:
    real files, small enough to corrupt thousands of times (the fuzz tests of io and cli)."""
    from shequ_core.datasets import load_chayouqianqi
    from shequ_core.io import save_dataset
    from tests.fuzzing import FORMATS, consistent_subset

    ds = load_chayouqianqi()
    cid = ds.communities[0].id
    kept: dict[str, Any] = {}
    for name, records in ds.collections():
        if name == "communities":
            kept[name] = records[:1]
        elif name in ("partner_units",):
            kept[name] = ()
        elif records and hasattr(records[0], "community_id"):
            kept[name] = records
        else:
            kept[name] = records
    small: dict[str, Any] = {k: [r for r in v if getattr(r, "community_id", cid) == cid]
                             for k, v in kept.items()}  # fmt: skip
    small["residents"] = small["residents"][:20]
    people = {r.id for r in small["residents"]}
    small["visits"] = [v for v in small["visits"] if v.resident_id in people][:20]
    small["households"] = [
        h for h in small["households"] if h.id in {r.household_id for r in small["residents"]}
    ]
    small["service_requests"] = small["service_requests"][:10]
    small["dispute_cases"] = small["dispute_cases"][:5]
    slice_ = consistent_subset(small)
    folder = tmp_path_factory.mktemp("originals")
    paths = {}
    for fmt, name in FORMATS.items():
        paths[fmt] = folder / name
        save_dataset(slice_, paths[fmt], format=fmt)  # type: ignore[arg-type]
    return paths

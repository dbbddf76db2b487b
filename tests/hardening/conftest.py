"""Shared by the hardening suite: how many fuzz cases each run executes.

The fuzz tests (marker ``fuzz``) run a few dozen cases each in `make test`; `make fuzz`
loads the ``fuzz`` Hypothesis profile (``tests/conftest.py``), which turns them into the
long run, and also selects the tests marked ``slow`` that `make test` leaves out (the
100,000-resident round trip). The number of fuzz cases actually run is printed at the
end of the session, so the figure in docs/quality.md is counted, not computed.
"""

from __future__ import annotations

import collections

import pytest

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

"""``shequ_core._hypothesis_hook``: the entry point registers every class with
Hypothesis, and shequ_core never imports Hypothesis itself.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

from tests.profiles import ci_preamble


def run(code: str, *, hypothesis: bool = True) -> subprocess.CompletedProcess[str]:
    """``code`` in a fresh interpreter; with ``hypothesis``, under the ci profile (a child
    does not read conftest: without it Hypothesis' timing health checks would apply)."""
    preamble = ci_preamble() if hypothesis else ""
    return subprocess.run(
        [sys.executable, "-c", preamble + textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_from_type_works_through_the_entry_point_alone() -> None:
    result = run(
        """
        import sys
        import attrs
        from hypothesis import given, settings, strategies as st
        from shequ_core import ENTITIES, VALUES, Dataset, IdNumber, PhoneNumber

        # Nothing here imports shequ_core.strategies: Hypothesis loaded our hook.
        assert "shequ_core._hypothesis_hook" in sys.modules
        assert "shequ_core.strategies" not in sys.modules  # loaded only on first use
        classes = (*ENTITIES, *VALUES, IdNumber, PhoneNumber, Dataset)
        assert len(classes) == 25, len(classes)
        for cls in classes:
            @settings(max_examples=15, database=None)
            @given(st.from_type(cls))
            def check(x):
                assert type(x) is cls
                if attrs.has(cls):
                    assert attrs.evolve(x) == x
                else:
                    assert cls(x.reveal()) == x
            check()
        print("checked", len(classes))
        """
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "checked 25"


def test_importing_shequ_core_does_not_import_hypothesis() -> None:
    result = run(
        """
        import sys
        import shequ_core
        import shequ_core.entities
        loaded = sorted(m for m in sys.modules if m == "hypothesis" or m.startswith("hypothesis."))
        print(loaded)
        """,
        hypothesis=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_a_child_process_runs_under_the_ci_profile() -> None:
    """The code these tests (and the docs examples) run in a fresh interpreter gets the
    suite's ci profile: derandomized, no deadline, no timing health check; a
    ``@settings`` in that code overrides only what it names."""
    result = run(
        """
        from hypothesis import HealthCheck, settings
        d = settings(max_examples=5)
        assert d.max_examples == 5 and d.derandomize and d.deadline is None, d
        assert HealthCheck.too_slow in d.suppress_health_check and d.database is None
        print("ci")
        """
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ci"

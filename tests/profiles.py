"""The ``ci`` Hypothesis profile, as data: ``tests/conftest.py`` registers it, and the
tests that run code in a fresh interpreter (the docs examples, the entry-point hook)
load it there too with :func:`ci_preamble`, for a child process does not read our
conftest and would otherwise run Hypothesis' defaults (random, with a deadline and the
timing-based health checks)."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck

#: See the ``ci`` entry of ``tests/conftest.py``'s docstring.
CI: dict[str, Any] = {
    "max_examples": 60,
    "derandomize": True,
    "database": None,
    "deadline": None,
    "print_blob": True,
    "suppress_health_check": [HealthCheck.too_slow],
}


def ci_preamble() -> str:
    """Python code that registers and loads the ``ci`` profile: put before code that a
    test runs with ``python -c``. A ``@settings(...)`` in that code overrides only what
    it names; the rest (derandomized, no deadline, too_slow suppressed) comes from here."""
    args = ", ".join(f"{k}={v!r}" for k, v in CI.items())
    return (
        "from hypothesis import HealthCheck as _HealthCheck, settings as _settings\n"
        f"_settings.register_profile('ci', {args.replace('HealthCheck.', '_HealthCheck.')})\n"
        "_settings.load_profile('ci')\n"
    )

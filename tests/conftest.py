"""Hypothesis profiles, chosen by ``HYPOTHESIS_PROFILE``; ``ci`` when it is unset.

``ci``
    What `make test` (and so ``.ci/run``) runs on every machine: 60 examples a property,
    derandomized (the examples follow from each test alone, so a run that passed passes
    again and CI cannot flake), no example database, no deadline (a loaded 2-core machine
    must not fail a test for being slow). A failure prints the blob that reproduces it.
``explore``
    `make explore`: looking for bugs on purpose, not part of `make test`. Fresh
    randomness every run, 1,000 examples a property, the example database kept so a
    failure found once is replayed first next time; a failure prints its blob.
``fuzz``
    `make fuzz`: the long fuzz run of ``tests/hardening/test_hardening_fuzz.py`` with
    fresh randomness. Its ``max_examples`` is what each fuzz test divides by its cost
    (see ``fuzz()`` there); the tests marked ``slow`` run beside it.
``mutation``
    `make mutate`: fewer examples, the same ones every run, and no shrinking (a mutant
    only needs one failing example, and shrinking it took longer than finding it).
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, Phase, settings

settings.register_profile(
    "ci",
    max_examples=60,
    derandomize=True,
    database=None,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
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
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

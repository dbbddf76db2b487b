"""Hypothesis profiles: the default keeps `make test` well inside its time budget on two
cores; `HYPOTHESIS_PROFILE=thorough` runs many more examples; `make mutate` uses
`mutation`: fewer examples, the same ones every run, and no shrinking (a mutant only
needs one failing example, and shrinking it took longer than finding it)."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, Phase, settings

settings.register_profile(
    "default",
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("thorough", max_examples=1000, deadline=None)
settings.register_profile(
    "mutation",
    max_examples=10,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

"""``import shequ_core`` stays cheap: the calendar, the wire format, the sample data and
the optional extras load on first use, never with the package.

Each check runs in a fresh interpreter, since this test session has imported them all.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = (
    "holidays",
    "shequ_core.calendar",
    "shequ_core.datasets",
    "shequ_core.serialization",
    "shequ_core.rules",
    "shequ_core.dask",
    "cattrs",
    "dask",
    "numpy",
    "orjson",
)


def _loaded_after(statement: str) -> set[str]:
    code = f"import sys\n{statement}\nimport json\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(json.loads(out.stdout.splitlines()[-1]))


def test_import_shequ_core_loads_none_of_the_heavy_modules() -> None:
    loaded = _loaded_after("import shequ_core")
    assert "shequ_core.entities" in loaded
    assert loaded.isdisjoint(HEAVY), sorted(loaded & set(HEAVY))


@pytest.mark.parametrize(
    ("statement", "module"),
    [
        ("shequ_core.china_calendar()", "holidays"),
        ("shequ_core.load_chayouqianqi()", "shequ_core.datasets"),
        ("shequ_core.must_visit", "shequ_core.rules.visiting"),
    ],
)
def test_first_use_loads_what_it_needs(statement: str, module: str) -> None:
    assert module in _loaded_after(f"import shequ_core\n{statement}")


def test_the_dask_module_is_an_explicit_import() -> None:
    pytest.importorskip("dask", reason="the dask extra (the test extra installs it)")
    loaded = _loaded_after("import shequ_core.dask")
    assert {"dask", "dask.bag", "shequ_core.rules.assessment"} <= loaded

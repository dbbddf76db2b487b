"""The public surface of ``shequ_core`` (its ``__init__``): every advertised name
resolves, and importing stays cheap.

``import shequ_core`` loads none of the calendar, the wire format, the sample data or the
optional extras: they load on first use. Each import check runs in a fresh interpreter,
since this test session has imported them all.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import shequ_core

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


class TestPublicNames:
    """Every name in ``__all__`` resolves; the package ships its types."""

    def test_every_public_name_resolves(self) -> None:
        missing = [name for name in shequ_core.__all__ if getattr(shequ_core, name, None) is None]
        assert missing == []
        assert sorted(dir(shequ_core)) == sorted(shequ_core.__all__)

    def test_unknown_attribute_is_an_attribute_error(self) -> None:
        with pytest.raises(AttributeError, match="no_such_thing"):
            shequ_core.no_such_thing  # type: ignore[attr-defined]  # noqa: B018

    def test_py_typed_ships(self) -> None:
        from importlib.resources import files

        assert files("shequ_core").joinpath("py.typed").is_file()


class TestLazyImports:
    """The package loads what it needs on first use, never with ``import shequ_core``."""

    def test_import_loads_neither_calendar_data_nor_test_tools(self) -> None:
        code = (
            "import sys, shequ_core; "
            "print(sorted(m for m in ('holidays', 'hypothesis', 'numpy', 'pandas', 'pytest', "
            "'shequ_core.rules', 'shequ_core.calendar') if m in sys.modules))"
        )
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout
        assert out.strip() == "[]"

    def test_import_loads_neither_the_zh_catalogue_nor_logging_nor_zoneinfo(self) -> None:
        # About a third of the import once: loaded by their first use instead.
        loaded = _loaded_after("import shequ_core")
        assert loaded.isdisjoint({"shequ_core._messages_zh", "logging", "zoneinfo"})
        used = _loaded_after(
            "import shequ_core.io, shequ_core.validation as v; v.BEIJING; "
            "shequ_core.Problem((), 'x').message_zh"
        )
        assert {"shequ_core._messages_zh", "logging", "zoneinfo"} <= used

    def test_the_library_logger_is_silent_once_io_is_used(self) -> None:
        import logging

        import shequ_core.io  # noqa: F401

        handlers = logging.getLogger("shequ_core").handlers
        assert any(isinstance(h, logging.NullHandler) for h in handlers)

    def test_import_shequ_core_loads_none_of_the_heavy_modules(self) -> None:
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
    def test_first_use_loads_what_it_needs(self, statement: str, module: str) -> None:
        assert module in _loaded_after(f"import shequ_core\n{statement}")

    def test_the_dask_module_is_an_explicit_import(self) -> None:
        pytest.importorskip("dask", reason="the dask extra (the test extra installs it)")
        loaded = _loaded_after("import shequ_core.dask")
        assert {"dask", "dask.bag", "shequ_core.rules.assessment"} <= loaded

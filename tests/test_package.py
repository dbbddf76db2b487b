"""The public surface: every advertised name resolves, and importing stays cheap."""

from __future__ import annotations

import subprocess
import sys

import pytest

import shequ_core


def test_every_public_name_resolves() -> None:
    missing = [name for name in shequ_core.__all__ if getattr(shequ_core, name, None) is None]
    assert missing == []
    assert sorted(dir(shequ_core)) == sorted(shequ_core.__all__)


def test_unknown_attribute_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no_such_thing"):
        shequ_core.no_such_thing  # type: ignore[attr-defined]  # noqa: B018


def test_import_loads_neither_calendar_data_nor_test_tools() -> None:
    code = (
        "import sys, shequ_core; "
        "print(sorted(m for m in ('holidays', 'hypothesis', 'numpy', 'pandas', 'pytest', "
        "'shequ_core.rules', 'shequ_core.calendar') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


def test_py_typed_ships() -> None:
    from importlib.resources import files

    assert files("shequ_core").joinpath("py.typed").is_file()

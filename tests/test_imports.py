"""The package's shape, held by tests: what import-linter cannot see.

`lint-imports` (in `make test`) holds the layers, the private modules and the absence of
cycles (pyproject.toml). These tests hold the rest of the house rules: no module imports
a leading-underscore name from another, and no module grows past what a reader can hold.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "shequ_core"
MODULES = sorted(SRC.rglob("*.py"))

#: About 600 lines: what a reader can hold (the house issue's bound).
MAX_LINES = 600


def _name(path: Path) -> str:
    return str(path.relative_to(SRC.parent).with_suffix("")).replace("/", ".")


def _is_module(dotted: str, root: Path) -> bool:
    """Whether ``dotted`` names a module or package below ``root`` (its parent folder)."""
    path = root.joinpath(*dotted.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def _private_names(path: Path, root: Path = SRC.parent) -> list[str]:
    """``module:name`` for each leading-underscore name ``path`` imports from elsewhere.

    A private submodule named through its package (``from pkg import _mod``) is a module
    import, which import-linter's private-modules contract judges, not a name.
    """
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module not in (None, "__future__"):
            for alias in node.names:
                private = alias.name.startswith("_") and not alias.name.startswith("__")
                if private and not _is_module(f"{node.module}.{alias.name}", root):
                    found.append(f"{node.module}:{alias.name}")
    return found


def test_the_source_tree_is_found() -> None:
    """The checks below read real files (a wrong root would make them pass vacuously)."""
    assert SRC / "__init__.py" in MODULES
    assert len(MODULES) > 40


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_no_module_imports_a_private_name(path: Path) -> None:
    """A leading underscore means "not for other modules": share a helper under a
    public name instead (structlog's rule)."""
    assert _private_names(path) == []


def test_the_private_name_check_can_fail(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "_mod.py").write_text("", encoding="utf-8")
    module = tmp_path / "m.py"
    module.write_text(
        "from __future__ import annotations\nfrom a.b import _c, _mod, d, __version__\n",
        encoding="utf-8",
    )
    assert _private_names(module, tmp_path) == ["a.b:_c"]


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_no_module_is_longer_than_a_reader_can_hold(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_LINES, f"{_name(path)} has {lines} lines"

"""Every public name has a docstring: the reference pages are generated from them.

Public means listed in the ``__all__`` of a public module (one whose dotted path has no
part starting with ``_``): ``shequ_core`` itself, the entities, rules and each rules
module, the calendar, policy, serialization, io, datasets, frames, strategies and the
command line. Classes and functions need their own docstring; so do the public methods
and properties a public class defines; constants need a ``#:`` comment above them or a
string right below them (both become their documentation on the reference pages).
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import types
from functools import cache
from pathlib import Path
from typing import Any

import pytest

import shequ_core

SRC = Path(shequ_core.__file__).resolve().parent


def public_module_names() -> list[str]:
    names = ["shequ_core"]
    for info in pkgutil.walk_packages(shequ_core.__path__, "shequ_core."):
        parts = info.name.split(".")
        if any(p.startswith("_") for p in parts):
            continue
        names.append(info.name)
    return sorted(names)


def _import(name: str) -> types.ModuleType:
    try:
        return importlib.import_module(name)
    except ImportError as e:  # an optional extra (dask, ...) that is not installed
        if e.name is not None and not e.name.startswith("shequ_core"):
            pytest.skip(f"{name} needs {e.name}")
        raise


def _has_doc(obj: object) -> bool:
    doc = obj.__dict__.get("__doc__") if isinstance(obj, type) else obj.__doc__
    return isinstance(doc, str) and bool(doc.strip())


def _method_gaps(cls: type) -> list[str]:
    gaps = []
    for name, member in vars(cls).items():
        if name.startswith("_"):
            continue
        func: Any = member
        if isinstance(member, (staticmethod, classmethod)):
            func = member.__func__
        elif isinstance(member, property):
            func = member.fget
        elif not inspect.isfunction(member):
            continue  # enum members, attrs fields, class constants
        if not _has_doc(func):
            gaps.append(f"{cls.__name__}.{name}")
    return gaps


@cache
def _documented_constants() -> frozenset[str]:
    """Top-level names assigned in shequ_core's sources with a ``#:`` comment or a string."""
    names: set[str] = set()
    for path in SRC.rglob("*.py"):
        lines = path.read_text(encoding="utf-8").splitlines()
        body = ast.parse("\n".join(lines)).body
        for i, node in enumerate(body):
            if isinstance(node, ast.Assign):
                targets = [t.id for t in node.targets if isinstance(t, ast.Name)]
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                targets = [node.target.id]
            else:
                continue
            above = lines[node.lineno - 2].strip() if node.lineno >= 2 else ""
            nxt = body[i + 1] if i + 1 < len(body) else None
            below = (
                isinstance(nxt, ast.Expr)
                and isinstance(nxt.value, ast.Constant)
                and isinstance(nxt.value.value, str)
            )
            if above.startswith("#:") or below:
                names.update(targets)
    return frozenset(names)


def undocumented(module: types.ModuleType) -> list[str]:
    """The public names of ``module`` without documentation."""
    gaps = [] if _has_doc(module) else ["(module docstring)"]
    for name in module.__all__:
        obj = getattr(module, name)
        if isinstance(obj, types.ModuleType) or name == "__version__":
            continue
        if inspect.isclass(obj):
            if not _has_doc(obj):
                gaps.append(name)
            gaps.extend(_method_gaps(obj))
        elif callable(obj) and (inspect.isfunction(obj) or hasattr(obj, "__wrapped__")):
            if not _has_doc(obj):
                gaps.append(name)
        elif name not in _documented_constants():
            gaps.append(f"{name} (constant)")
    return gaps


MODULES = public_module_names()


def test_the_walk_sees_every_documented_area() -> None:
    expected = {
        "shequ_core",
        "shequ_core.calendar",
        "shequ_core.cli",
        "shequ_core.datasets",
        "shequ_core.entities",
        "shequ_core.errors",
        "shequ_core.frames",
        "shequ_core.io",
        "shequ_core.policy",
        "shequ_core.rules",
        "shequ_core.rules.assessment",
        "shequ_core.rules.sla",
        "shequ_core.rules.sla.limits",
        "shequ_core.rules.visiting",
        "shequ_core.serialization",
        "shequ_core.strategies",
    }
    assert expected <= set(MODULES)


def test_the_check_catches_a_missing_docstring() -> None:
    module = types.ModuleType("fake", "A module.")

    def documented() -> None:
        """Does something."""

    def bare() -> None:
        pass

    class Thing:
        """A thing."""

        def method(self) -> None:
            pass

        @property
        def size(self) -> int:
            return 0

    module.__all__ = ["Thing", "bare", "documented"]  # type: ignore[attr-defined]
    module.Thing, module.bare, module.documented = Thing, bare, documented  # type: ignore[attr-defined]
    assert undocumented(module) == ["Thing.method", "Thing.size", "bare"]


@pytest.mark.parametrize("name", MODULES)
def test_public_module_is_documented(name: str) -> None:
    module = _import(name)
    assert isinstance(getattr(module, "__all__", None), list), f"{name} has no __all__"
    assert undocumented(module) == []

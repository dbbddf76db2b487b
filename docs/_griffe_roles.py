"""A griffe extension for the reference pages: Sphinx habits in docstrings, read as Markdown.

The package's docstrings follow the Python convention of attrs and cattrs
(``:class:`Dataset```, ``#:`` comments above constants) so that they read well in
``help()`` and in an editor. mkdocstrings renders Markdown, so this extension turns a
role into inline code (``:func:`~shequ_core.rules.sla.due_date``` shows ``due_date``)
and takes a ``#:`` comment block above a module or class attribute as its docstring.
"""

from __future__ import annotations

import ast
import re
from typing import Any

import griffe

_ROLE = re.compile(r":(?:py:)?(?:class|func|meth|attr|mod|data|exc|obj|const):`~?([^`]+)`")


def _plain(match: re.Match[str]) -> str:
    target = match.group(1)
    shown = target.rsplit(".", 1)[-1] if match.group(0).count("~") else target
    return f"`{shown}`"


class SphinxRoles(griffe.Extension):
    """Rewrite Sphinx roles as code spans and read ``#:`` comments as attribute docs."""

    def on_instance(self, *, node: Any, obj: griffe.Object, agent: Any, **kwargs: Any) -> None:
        if obj.docstring is not None and ":" in obj.docstring.value:
            obj.docstring.value = _ROLE.sub(_plain, obj.docstring.value)
        if obj.is_attribute and obj.docstring is None and isinstance(node, ast.AST):
            comment = _comment_above(obj, getattr(node, "lineno", None))
            if comment:
                obj.docstring = griffe.Docstring(
                    _ROLE.sub(_plain, comment), parent=obj, lineno=obj.lineno
                )


def _comment_above(obj: griffe.Object, lineno: int | None) -> str | None:
    if lineno is None:
        return None
    try:
        lines = obj.module.lines
    except (AttributeError, ValueError):
        return None
    found: list[str] = []
    i = lineno - 2
    while i >= 0 and lines[i].strip().startswith("#:"):
        found.append(lines[i].strip()[2:].strip())
        i -= 1
    return " ".join(reversed(found)) or None

"""The cattrs converter: our records to JSON-ready data and back, every problem reported.

The wire format and the error contract are described in :mod:`shequ_core.serialization`.
Hooks are only registered for shequ_core's own types (its records, enums and personal
identifiers); the strictness about strings, numbers, dates and money is attached to the
fields of our records through cattrs' generated functions, so :func:`configure_converter`
leaves an application's other classes on its converter as they were. The hooks
themselves are in ``_hooks``, the reading of cattrs' errors in ``_problems``.
"""

from __future__ import annotations

from typing import Any, TypeVar

from cattrs import BaseConverter
from cattrs.preconf.json import JsonConverter
from cattrs.preconf.json import make_converter as _make_json_converter

from shequ_core.entities import IdNumber, PhoneNumber
from shequ_core.errors import ValidationError
from shequ_core.serialization._fast import fast_structure_fn
from shequ_core.serialization._fast_write import fast_unstructure_fn
from shequ_core.serialization._hooks import (
    StructureHook,
    enum_structure_hook,
    enum_value,
    is_labelled_enum,
    is_shequ_record,
    record_structure_hook,
    structure_id_number,
    structure_phone,
    unstructure_masked,
)
from shequ_core.serialization._problems import problems_of, subject_of

__all__ = [
    "configure_converter",
    "converter",
    "make_converter",
    "structure",
    "unstructure",
]

T = TypeVar("T")


def configure_converter(conv: BaseConverter, *, redact: bool = False) -> None:
    """Register shequ_core's hooks on ``conv``, anyone's cattrs converter.

    Only our own types get hooks: our records (through cattrs' generated functions, with
    unknown keys forbidden and detailed validation on whatever the converter's settings),
    our enums and the personal identifiers. With ``redact=True`` identity and phone
    numbers are unstructured masked.
    """
    conv.register_structure_hook_factory(is_shequ_record, lambda cls: _structure_hook(cls, conv))
    conv.register_unstructure_hook_factory(
        is_shequ_record, lambda cls: fast_unstructure_fn(cls, conv, redact=redact)
    )
    conv.register_structure_hook_factory(is_labelled_enum, enum_structure_hook)
    conv.register_unstructure_hook_factory(is_labelled_enum, lambda _: enum_value)
    for cls, hook in ((IdNumber, structure_id_number), (PhoneNumber, structure_phone)):
        conv.register_structure_hook(cls, hook)
        conv.register_unstructure_hook(cls, unstructure_masked if redact else cls.reveal)


_building: set[tuple[int, type]] = set()


def _structure_hook(cls: type, conv: BaseConverter) -> StructureHook:
    """The structure hook of our record ``cls`` on ``conv``: its generated fast function
    first (``_fast``), and on any failure the detailed path from the start, which
    accepts or refuses with every problem and its path as if it had run alone."""
    detailed = record_structure_hook(cls, conv)
    key = (id(conv), cls)
    _building.add(key)  # a class that holds itself gets no fast path
    try:
        made = fast_structure_fn(cls, conv, lambda other: _fast_of(other, conv), detailed)
    finally:
        _building.discard(key)
    if made is None:
        return detailed
    fast, structure_record = made
    structure_record.fast_path = fast  # type: ignore[attr-defined]
    return structure_record


def _fast_of(cls: type, conv: BaseConverter) -> Any:
    """The fast function of record class ``cls`` on ``conv``, or None."""
    if (id(conv), cls) in _building:
        return None
    return getattr(conv.get_structure_hook(cls), "fast_path", None)


def make_converter(*, redact: bool = False, **kw: Any) -> JsonConverter:
    """A ready converter: cattrs' preconfigured JSON converter with our hooks.

    Keyword arguments go to :func:`cattrs.preconf.json.make_converter`; detailed
    validation and forbidding unknown keys are on unless turned off there (our own records
    always have both).
    """
    kw.setdefault("detailed_validation", True)
    kw.setdefault("forbid_extra_keys", True)
    conv = _make_json_converter(**kw)
    configure_converter(conv, redact=redact)
    return conv


#: The converter the module's functions use; personal identifiers are written in full.
converter: JsonConverter = make_converter()
_redacting: JsonConverter = make_converter(redact=True)


def unstructure(obj: Any, *, redact: bool = False) -> Any:
    """``obj`` as JSON-ready data: dicts, lists, strings, numbers, booleans and None."""
    return (_redacting if redact else converter).unstructure(obj)


def structure(data: Any, cls: type[T]) -> T:
    """An instance of ``cls`` from JSON-ready data.

    Raises :class:`ValidationError` listing every problem with its path.
    """
    try:
        return converter.structure(data, cls)
    except Exception as e:  # every failure becomes a ValidationError with paths
        problems = problems_of(e)
    raise ValidationError(problems, subject=subject_of(cls)) from None

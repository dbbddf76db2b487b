"""The fast path: one generated function per record class that reads a plain dict,
checks every field and the record's invariants once, and builds the record without
running its constructor's checks again (the function that writes a record back is in
:mod:`._fast_write`).

What a structure function does for each field is, in order, what the detailed path
does: the converter's hook for the field's type, the field's attrs converter, the
field's check (:func:`shequ_core.validation.md`), then the record's ``_invariants``. It
does them as inlined code where it knows the hook, converter or check (a string, a date,
an enum, one of our records; ``check_id``, ``check_text``, an instance check), and by
calling the very same function where it does not, so a field type or a check added
later is checked exactly as the constructor checks it. It is allowed to be stricter
than the detailed path (a ``str`` subclass, a ``2.0`` for a count, a mapping that is not
a dict), never more lenient: whenever it meets anything it does not take, or any check
says no, it raises :class:`Refused` and the caller runs the detailed path from the
start, which accepts or refuses with every message, code and path as before.
``tests/serialization/test_fast_path.py`` holds the two to the same answers over every
record class.

A record is built as an instance of a subclass of its class that adds nothing (see
:func:`_building_class`), its fields stored as plain attributes, then given its own
class; the records of an array are read by their own lines written into the parent's
function, one call fewer per item.

A class gets no fast path (``None``) when building it takes more than its fields and
:meth:`~shequ_core.validation.Record.__attrs_post_init__`: attrs validators, fields
left out of ``__init__``, a factory that takes ``self``, its own ``__init__`` or
post-init, a field not held in a slot. The source is generated and compiled once per
class and converter, on first use, as attrs and cattrs generate theirs.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import keyword
import linecache
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import attrs
from cattrs import BaseConverter

from shequ_core.entities import (
    IdNumber,
    PhoneNumber,
    id_number_text,
    phone_text,
)
from shequ_core.kept import Kept
from shequ_core.serialization._hooks import (
    DECIMAL_FORM,
    field_structure_hook,
    homogeneous_arg,
    is_shequ_record,
    optional_arg,
)
from shequ_core.validation import (
    Record,
    check_date,
    check_id,
    check_opt_date,
    check_opt_id,
    check_opt_text,
    check_text,
    opt_text,
)

__all__ = ["DATES_KEPT", "PERSONAL_TYPES", "Refused", "Source", "fast_structure_fn"]

StructureFn = Callable[[Any], Any]

#: Kinds of value the generated code knows it holds after a step (None: unknown).
Kind = Any


class Refused(Exception):
    """The fast path does not take this input; the detailed path decides."""


_MISSING = object()
DATES_KEPT = 40_000


def _date_of(text: str) -> dt.date:
    """The date written exactly ``YYYY-MM-DD`` (``fromisoformat`` takes other forms too)."""
    day = dt.date.fromisoformat(text)
    if day.isoformat() != text:
        raise ValueError(text)  # the fast path refuses; the detailed path says why
    return day


#: Dates read from their text, by the text: records share a few thousand dates (a
#: date is immutable, so one object serves them all, and saves memory too).
_DATES: Kept[str, dt.date] = Kept(_date_of, DATES_KEPT)


PERSONAL_TYPES = (IdNumber, PhoneNumber)
#: Each personal number's check and normalisation of a ``str``: the generated code builds
#: the number in place around it (``object.__new__`` and its one slot), as
#: :func:`~shequ_core.entities.id_number_of` does, without a call of its own.
_PII_TEXT: dict[type, Callable[[str], str]] = {IdNumber: id_number_text, PhoneNumber: phone_text}
_FAIL = "raise _Refused"

#: The type of every value of a kind (a tuple kind's is its first item, or its class).
_KIND_TYPES: dict[Any, type] = {
    "none": type(None),
    "str": str,
    "int": int,
    "bool": bool,
    "float": float,
    "decimal": Decimal,
    "date": dt.date,
    "tuple": tuple,
    "frozenset": frozenset,
}


def _slot_setter(cls: type, name: str) -> Any:
    """The setter of the slot ``name`` of ``cls``, or None when it is not held in a slot."""
    desc = next((k.__dict__[name] for k in cls.__mro__ if name in k.__dict__), None)
    return desc.__set__ if type(desc).__name__ == "member_descriptor" else None  # type: ignore[union-attr]


def _record_setters(cls: type) -> dict[str, Any] | None:
    """Each field's slot setter, or None when a field is not held in a slot."""
    out = {a.name: _slot_setter(cls, a.name) for a in attrs.fields(cls)}
    return None if None in out.values() else out


#: Fewest fields for which :func:`_building_class` pays: switching the class costs about
#: what storing one field through its slot's setter does, and a plain store saves about
#: two thirds of a setter.
_BUILDING_FIELDS = 3


@functools.cache
def _building_class(cls: type) -> type | None:
    """A subclass of ``cls`` that adds nothing but the plain ``__setattr__`` and
    ``__delattr__`` of :class:`object`, or None where it would not pay.

    Its instances have ``cls``'s very layout, so a record is built as one of them, its
    fields stored as plain attributes (which the interpreter specialises to a direct
    store into the slot, where each call of a frozen slot's setter is a call), and is
    then given its class: ``o.__class__ = cls``, before any invariant looks at it.
    Nothing else ever sees an instance of it. The subclass is made once per record
    class; ``cls.__subclasses__()`` lists it.
    """
    names = [a.name for a in attrs.fields(cls)]
    if len(names) < _BUILDING_FIELDS or not all(
        n.isidentifier() and not keyword.iskeyword(n) and not n.startswith("__") for n in names
    ):
        return None
    namespace = {
        "__slots__": (),
        "__setattr__": object.__setattr__,
        "__delattr__": object.__delattr__,
        "__module__": __name__,
        "__qualname__": f"building {cls.__qualname__}",
    }
    return type(f"building {cls.__name__}", (cls,), namespace)


def _plain_record(cls: type) -> bool:
    """Whether building ``cls`` is its fields plus :class:`Record`'s checks, nothing more."""
    init = getattr(cls, "__init__", None)
    code = getattr(init, "__code__", None)
    return (
        isinstance(cls, type)
        and issubclass(cls, Record)
        and attrs.has(cls)
        and getattr(cls, "__attrs_post_init__", None) is Record.__attrs_post_init__
        and not hasattr(cls, "__attrs_pre_init__")
        and code is not None
        and code.co_filename.startswith("<attrs generated")
        # A cached hash lives in a hidden slot that attrs' __init__ fills.
        and not any("_attrs_cached_hash" in getattr(k, "__slots__", ()) for k in cls.__mro__)
        and all(
            a.init
            and a.validator is None
            and (a.converter is None or type(a.converter).__name__ == "function")
            and not (isinstance(a.default, attrs.Factory) and a.default.takes_self)  # type: ignore[arg-type]
            for a in attrs.fields(cls)
        )
    )


class Source:
    """The lines of one generated function and the names its code refers to."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.env: dict[str, Any] = {"_Refused": Refused, "_MISSING": _MISSING}
        self._n = 0
        self.offset = 0  # added to every indent given to add()

    def ref(self, obj: Any, prefix: str = "o") -> str:
        name = f"_{prefix}{self._n}"
        self._n += 1
        self.env[name] = obj
        return name

    def var(self) -> str:
        self._n += 1
        return f"t{self._n}"

    def add(self, indent: int, line: str) -> None:
        self.lines.append("    " * (indent + self.offset) + line)

    def compile(self, name: str, head: str, where: str, *, lines: list[str] | None = None) -> Any:
        src = "\n".join([head, *(self.lines if lines is None else lines)]) + "\n"
        exec(compile(src, where, "exec"), self.env)  # built from field names only
        # As attrs does: the source is kept for tracebacks and profilers.
        linecache.cache[where] = (len(src), None, src.splitlines(True), where)
        return self.env[name]


class _StructureGen:
    def __init__(self, conv: BaseConverter, fast_of: Callable[[Any], Any]) -> None:
        self.conv, self.fast_of = conv, fast_of
        self.src = Source()
        self.inlined = False  # writing the lines of an item record inside its parent's

    def item_expr(self, tp: Any, x: str) -> tuple[str, Kind] | None:
        """An expression reading item ``x`` of an array as ``tp``, where one suffices."""
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            members = {m.value: m for m in tp}
            return f"{self.src.ref(members, 'e')}[{x}]", ("enum", tp)
        fast = self.fast_of(tp) if is_shequ_record(tp) else None
        if fast is not None:
            return f"{self.src.ref(fast, 'f')}({x})", ("record", tp)
        return None

    def structure(self, tp: Any, r: str, out: str, ind: int) -> Kind:
        """Lines reading the raw value ``r`` as ``tp`` into ``out``; its kind."""
        add, ref = self.src.add, self.src.ref
        if tp is str or tp is int or tp is bool:
            add(ind, f"if type({r}) is not {tp.__name__}: {_FAIL}")
            add(ind, f"{out} = {r}")
            return tp.__name__
        if tp is float:
            add(ind, f"if type({r}) is float: {out} = {r}")
            add(ind, f"elif type({r}) is int: {out} = float({r})")
            add(ind, f"else: {_FAIL}")
            return "float"
        if tp is dt.date:
            date, seen = ref(dt.date, "d"), ref(_DATES, "D")
            add(ind, f"if type({r}) is str: {out} = {seen}[{r}]")  # refused: ValueError
            add(ind, f"elif type({r}) is {date}: {out} = {r}")
            add(ind, f"else: {_FAIL}")
            return "date"
        if tp is Decimal:
            dec, form = ref(Decimal, "d"), ref(DECIMAL_FORM.fullmatch, "m")
            add(ind, f"if type({r}) is str and {form}({r}) is not None: {out} = {dec}({r})")
            add(ind, f"elif type({r}) is {dec}: {out} = {r}")
            add(ind, f"elif type({r}) is int: {out} = {dec}({r})")
            add(ind, f"else: {_FAIL}")
            return "decimal"
        if tp in PERSONAL_TYPES:
            pii, text = ref(tp, "p"), ref(_PII_TEXT[tp], "b")
            new, slot = ref(object.__new__, "n"), ref(_slot_setter(tp, "_value"), "s")
            add(ind, f"if type({r}) is str:")
            add(ind + 1, f"{out} = {new}({pii})")
            add(ind + 1, f"{slot}({out}, {text}({r}))")
            add(ind, f"elif type({r}) is {pii}: {out} = {r}")
            add(ind, f"else: {_FAIL}")
            return ("pii", tp)
        if (inner := optional_arg(tp)) is not None:
            blank = f" or {r} == ''" if inner in PERSONAL_TYPES else ""
            add(ind, f"if {r} is None{blank}: {out} = None")
            add(ind, "else:")
            kind = self.structure(inner, r, out, ind + 1)
            return ("opt", kind) if kind is not None else None
        for origin in (tuple, frozenset):
            if (item := homogeneous_arg(tp, origin)) is not None:
                return self.array(origin, item, r, out, ind)
        if (expr := self.item_expr(tp, r)) is not None:
            add(ind, f"{out} = {expr[0]}")
            return expr[1]
        # Any other type: the hook the detailed path calls for it.
        hook = field_structure_hook(tp, self.conv, fast=True)
        add(ind, f"{out} = {ref(hook, 'h')}({r}, {ref(tp, 'T')})")
        return None

    def array(self, origin: type, item: Any, r: str, out: str, ind: int) -> Kind:
        add, ref = self.src.add, self.src.ref
        accepted = "(list, tuple)" if origin is tuple else "(list, tuple, set, frozenset)"
        make = origin.__name__
        add(ind, f"if type({r}) not in {ref(frozenset(eval(accepted)), 'a')}: {_FAIL}")
        if item in (str, int, bool):
            add(ind, f"{out} = {make}({r})")
            add(ind, f"for x in {out}:")
            add(ind + 1, f"if type(x) is not {item.__name__}: {_FAIL}")
            return (make, item.__name__)
        if (expr := self.item_expr(item, "x")) is not None:
            kind = expr[1]
            if kind[0] == "record" and not self.inlined:
                self.records_inline(item, origin, r, out, ind)
            elif kind[0] == "record":  # map: no frame for a comprehension; most are empty
                each, empty = self.src.ref(self.fast_of(item), "f"), self.src.ref(origin(), "z")
                add(ind, f"{out} = {make}(map({each}, {r})) if {r} else {empty}")
            else:
                add(ind, f"{out} = {make}([{expr[0]} for x in {r}])")
            return (make, kind)
        hook = field_structure_hook(item, self.conv, fast=True)
        add(ind, f"{out} = {make}([{ref(hook, 'h')}(x, {ref(item, 'T')}) for x in {r}])")
        return (make, None)

    def convert(self, converter: Any, kind: Kind, out: str, ind: int) -> Kind:
        if converter is None:
            return kind
        keeps = getattr(converter, "keeps", ())  # what it returns unchanged
        if kind is not None and all(_is_of(k, keeps) for k in _alternatives(kind)):
            return kind
        if converter is opt_text and kind in ("str", ("opt", "str")):
            self.src.add(ind, f"if {out} == '': {out} = None")
            return ("opt", "str")
        self.src.add(ind, f"{out} = {self.src.ref(converter, 'c')}({out})")
        return None

    def text_check(self, check: Any, kind: Kind, out: str) -> str | None:
        """An expression true when ``check`` refuses the string ``out``, if it is one of
        ours on strings: ``check_id``, ``check_text`` and their optional forms."""
        # A printable string holds no lone surrogate: check_text runs only on the others.
        full = f"{self.src.ref(check_text, 'k')}({out}) is not None"
        text = f"not {out}.strip() or (not {out}.isprintable() and {full})"
        ident = f"not {out} or {out} != {out}.strip() or not {out}.isprintable()"
        return {
            (check_id, "str"): ident,
            (check_opt_id, ("opt", "str")): f"{out} is not None and ({ident})",
            (check_text, "str"): text,
            (check_opt_text, ("opt", "str")): f"{out} is not None and ({text})",
        }.get((check, kind))

    def check(self, check: Any, kind: Kind, out: str, ind: int) -> None:
        add = self.src.add
        if check is None or _passes(check, kind):
            return
        inline = self.text_check(check, kind, out)
        item = getattr(check, "item_check", None)
        array = isinstance(kind, tuple) and kind[0] == "tuple"
        if inline is None and item is not None and array:
            each = "True" if _passes(item, kind[1]) else self.text_check(item, kind[1], "x")
            if each is not None:
                size = int(getattr(check, "min_size", 0))
                if size:
                    add(ind, f"if len({out}) < {size}: {_FAIL}")
                if each != "True":
                    add(ind, f"for x in {out}:")
                    add(ind + 1, f"if {each}: {_FAIL}")
                return
        if inline is None:
            inline = f"{self.src.ref(check, 'k')}({out}) is not None"
        add(ind, f"if {inline}: {_FAIL}")

    def default(self, a: attrs.Attribute[Any], out: str) -> None:
        """Lines setting ``out`` to the default of ``a``, converted and checked: once,
        now, when the converter and the check are ours (pure functions of the value)."""
        check = a.metadata.get("check")
        factory = isinstance(a.default, attrs.Factory)  # type: ignore[arg-type]
        ours = all(
            f is None or getattr(f, "__module__", "").startswith("shequ_core.")
            for f in (a.converter, check)
        )
        if ours and not factory:
            convert: Any = a.converter
            value = a.default if convert is None else convert(a.default)
            if check is not None and check(value) is not None:
                self.src.add(2, _FAIL)  # the detailed path names the problem
            else:
                self.src.add(2, f"{out} = {self.src.ref(value, 'v')}")
            return
        if factory:
            make = self.src.ref(a.default.factory, "f")  # type: ignore[union-attr]
            self.src.add(2, f"{out} = {make}()")
        else:
            self.src.add(2, f"{out} = {self.src.ref(a.default, 'v')}")
        self.convert(a.converter, None, out, 2)
        self.check(check, None, out, 2)

    def records_inline(self, item: type, origin: type, r: str, out: str, ind: int) -> None:
        """Lines reading the array ``r`` of records of class ``item`` into ``out``: each
        item with every key is read by its fast function's own lines, written here (a
        call per item costs about what reading a small record does), any other by a call
        of the function, which decides as it would alone."""
        add, ref, n = self.src.add, self.src.ref, len(attrs.fields(item))
        acc, x, pre = self.src.var(), self.src.var(), f"{self.src.var()}_"
        add(ind, f"if {r}:")
        add(ind + 1, f"{acc} = []")
        add(ind + 1, f"for {x} in {r}:")
        add(ind + 2, f"if type({x}) is dict and len({x}) == {n}:")
        self.inlined, offset = True, self.src.offset
        self.src.offset += ind + 2  # the item's lines at indent 1 are at ind + 3
        fields = attrs.fields(item)
        outs = [self.field(i, a, every=True, d=x, pre=pre) for i, a in enumerate(fields)]
        self.build(item, outs, f"{pre}o")
        self.inlined, self.src.offset = False, offset
        add(ind + 3, f"{acc}.append({pre}o)")
        add(ind + 2, "else:")
        add(ind + 3, f"{acc}.append({ref(self.fast_of(item), 'f')}({x}))")
        add(ind + 1, f"{out} = {origin.__name__}({acc})")
        add(ind, f"else: {out} = {ref(origin(), 'z')}")

    def build(self, cls: type, outs: list[str], o: str) -> None:
        """Lines building the record ``o`` of class ``cls`` from ``outs`` (its fields' values
        in order) and refusing it if its invariants do not hold."""
        add, ref, fields = self.src.add, self.src.ref, attrs.fields(cls)
        new, record = ref(object.__new__, "n"), ref(cls, "C")
        building = _building_class(cls)
        if building is None:
            setters = _record_setters(cls)
            assert setters is not None  # a class without them has no fast path
            add(1, f"{o} = {new}({record})")
            for a, out in zip(fields, outs, strict=True):
                add(1, f"{ref(setters[a.name], 's')}({o}, {out})")
        else:
            add(1, f"{o} = {new}({ref(building, 'B')})")
            for a, out in zip(fields, outs, strict=True):
                add(1, f"{o}.{a.name} = {out}")
            add(1, f"{o}.__class__ = {record}")
        if getattr(cls, "_invariants", None) is not Record._invariants:
            add(1, f"for _ in {o}._invariants():")
            add(2, _FAIL)

    def field(
        self, i: int, a: attrs.Attribute[Any], *, every: bool, d: str = "d", pre: str = ""
    ) -> str:
        """Lines reading field ``a`` of ``d`` into ``v<i>`` (named after ``pre``); a missing
        one counts (with ``every``, ``d`` holds every field's key or the function refuses
        it)."""
        add, out, r = self.src.add, f"{pre}v{i}", f"{pre}r{i}"
        check = a.metadata.get("check")
        if a.default is attrs.NOTHING or every:
            add(1, f"{r} = {d}[{a.name!r}]")  # a KeyError refuses, as any exception does
            ind = 1
        else:
            add(1, f"{r} = get({a.name!r}, _MISSING)")
            add(1, f"if {r} is _MISSING:")
            add(2, "missing += 1")
            self.default(a, out)
            add(1, "else:")
            ind = 2
        kind = self.structure(a.type, r, out, ind)
        kind = self.convert(a.converter, kind, out, ind)
        self.check(check, kind, out, ind)
        return out


def _alternatives(kind: Kind) -> list[Kind]:
    """The kinds a value of ``kind`` may be: ``("opt", k)`` is None or ``k``."""
    if isinstance(kind, tuple) and kind[0] == "opt":
        return ["none", kind[1]]
    return [kind]


def _is_of(kind: Kind, types: tuple[type, ...]) -> bool:
    """Whether every value of ``kind`` (not optional) is an instance of one of ``types``."""
    if isinstance(kind, tuple):
        cls = kind[1] if kind[0] in ("pii", "enum", "record") else _KIND_TYPES.get(kind[0])
    else:
        cls = _KIND_TYPES.get(kind)
    return cls is not None and issubclass(cls, types)


def _passes(check: Any, kind: Kind) -> bool:
    """Whether every value of ``kind`` passes ``check`` (so it need not run)."""
    if kind is None:
        return False
    if check in (check_date, check_opt_date):
        return kind == "date" or (check is check_opt_date and kind == ("opt", "date"))
    cls = getattr(check, "instance_of", None)
    if cls is None:
        return False
    if isinstance(kind, tuple) and kind[0] == "opt":
        if not getattr(check, "allows_none", False):
            return False
        kind = kind[1]
    return _is_of(kind, (cls,))


def fast_structure_fn(
    cls: type,
    conv: BaseConverter,
    fast_of: Callable[[Any], Any],
    detailed: Callable[[Any, Any], Any] | None = None,
) -> tuple[StructureFn, Callable[[Any, Any], Any]] | None:
    """The fast structure function of ``cls`` on ``conv`` (raising :class:`Refused`, or
    any exception, where the detailed path must decide), and the hook made of it that
    calls ``detailed(value, type)`` instead of raising; None if ``cls`` has none.

    ``fast_of(R)`` gives the fast function of another record class ``R`` (or None).
    """
    if not _plain_record(cls):
        return None
    setters = _record_setters(cls)
    if setters is None:
        return None
    attrs.resolve_types(cls)
    gen = _StructureGen(conv, fast_of)
    fields = attrs.fields(cls)
    add, n = gen.src.add, len(fields)
    add(1, f"if type(d) is not dict: {_FAIL}")
    # Data written by the converter has every key: read it without counting the missing.
    add(1, f"if len(d) == {n}:")
    gen.src.offset = 1
    outs = [gen.field(i, a, every=True) for i, a in enumerate(fields)]
    gen.src.offset = 0
    add(1, f"elif len(d) > {n}: {_FAIL}")
    add(1, "else:")
    gen.src.offset = 1
    add(1, "get = d.get")
    add(1, "missing = 0")
    outs = [gen.field(i, a, every=False) for i, a in enumerate(fields)]
    add(1, f"if len(d) + missing != {n}: {_FAIL}")  # an unknown key
    gen.src.offset = 0
    gen.build(cls, outs, "o")
    add(1, "return o")
    name = f"fast_structure_{cls.__name__}"
    fast = gen.src.compile(name, f"def {name}(d):", f"<shequ_core fast structure {name}>")
    # The converter's hook: the same lines inside a try, the detailed path after it (not
    # in the except block, so that its error does not carry ours as its context).
    gen.src.env["_detailed"] = detailed
    body = ["    try:", *("    " + line for line in gen.src.lines)]
    body += ["    except Exception:", "        pass", "    return _detailed(d, tp)"]
    hook = f"structure_{cls.__name__}"
    where = f"<shequ_core structure {hook}>"
    structure = gen.src.compile(hook, f"def {hook}(d, tp=None):", where, lines=body)
    return fast, structure

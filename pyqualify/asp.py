"""The bridge to clingo: programs from package data, facts as symbols.

User data never becomes program text: every fact is built from clingo symbols
and handed to the backend.  Only validated enumeration names become constants.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import clingo

from .applicant import Applicant
from .resources import logic_text

RULE_FILES = ("params.lp", "rules.lp", "state.lp")


_SYMBOLS: dict[Any, clingo.Symbol] = {}
_NUMBERS: dict[int, clingo.Symbol] = {}
_NAMES: dict[str, clingo.Symbol] = {}


def to_symbol(value: Any) -> clingo.Symbol:
    """An int, a bool, an enumeration name or a symbol, as a clingo symbol (cached).

    Ints and names have caches of their own, looked up by the exact class (a bool is an
    int to a dict: True == 1), which is the common case of a batch's facts."""
    cls = value.__class__
    if cls is int:
        symbol = _NUMBERS.get(value)
        if symbol is None:
            symbol = _NUMBERS[value] = clingo.Number(value)
        return symbol
    if cls is str:
        symbol = _NAMES.get(value)
        if symbol is None:
            symbol = _NAMES[value] = _new_symbol(value)
        return symbol
    key = (cls, value)
    symbol = _SYMBOLS.get(key)
    if symbol is None:
        symbol = _SYMBOLS[key] = _new_symbol(value)
    return symbol


def _new_symbol(value: Any) -> clingo.Symbol:
    if isinstance(value, clingo.Symbol):
        return value
    if isinstance(value, bool):
        return clingo.Function("true" if value else "false")
    if isinstance(value, int):
        return clingo.Number(value)
    if isinstance(value, str) and value.isidentifier() and value[0].islower():
        return clingo.Function(value)
    raise TypeError(f"not an enumeration name: {value!r}")


class Program:
    """A clingo Control with rule files loaded and facts added through the backend."""

    def __init__(self, files: Sequence[str], args: Sequence[str] = ()):
        self.control = clingo.Control(["--warn=none", *args])
        for name in files:
            self.control.add("base", [], logic_text(name))
        self._facts: list[tuple[str, tuple[Any, ...], Any]] = []

    def fact(self, name: str, *args: Any) -> None:
        """Queue the fact ``name(args...)``; facts reach clingo at :meth:`ground`."""
        self._facts.append((name, args, None))

    def plain_fact(self, name: str, *args: int | str) -> None:
        """Queue a fact whose arguments are ints and names only (never a bool: True would
        be taken for 1), which reach clingo a little faster (see :func:`_add_facts`)."""
        self._facts.append((name, args, _PLAIN))

    def shared_fact(self, name: str, *args: int | str) -> None:
        """Queue a plain fact that many programs of a process share (``applicant(12)``,
        ``as_of(12, M)``): its symbol is made once."""
        self._facts.append((name, args, (name, args)))

    def ground(self) -> None:
        with self.control.backend() as backend:
            if _C is None:
                add_atom, add_rule = backend.add_atom, backend.add_rule
                function, symbol = clingo.Function, to_symbol
                for name, args, _ in self._facts:
                    add_rule([add_atom(function(name, [symbol(a) for a in args]))])
            else:
                _add_facts(backend, self._facts)
        self._facts.clear()
        self.control.ground([("base", [])])

    def shown_parts(self) -> list[tuple[str, Any, tuple[Any, ...]]]:
        """Each shown atom of the (first) model as ``(name, first argument, the other
        arguments)``, arguments as by :func:`arguments` (see :func:`parts_of`)."""
        with self.control.solve(yield_=True) as handle:
            for model in handle:
                if _C is None:
                    return [parts_of(s, str(s)) for s in model.symbols(shown=True)]
                return _shown_parts(model)
        return []

    def model_symbols(self, **solve_args: Any) -> list[clingo.Symbol]:
        """The shown symbols of the (first) model; a deterministic program has one."""
        symbols: list[clingo.Symbol] = []
        with self.control.solve(yield_=True, **solve_args) as handle:
            for model in handle:
                symbols = model.symbols(shown=True)
                break
        return symbols


# Handing a fact to the backend through clingo's Python API costs about 6 us, mostly in the
# wrappers (a new C buffer per call for the symbol, the atom and the rule): for a batch that
# is as much as grounding.  The same three calls of clingo's C API (clingo_symbol_create_
# function, clingo_backend_add_atom, clingo_backend_rule) made with buffers allocated once
# cost under 3 us.  They go through the C library the clingo package already loaded (its
# cffi module); should that ever change, the public API above is used instead.
try:
    from clingo._internal import _ffi, _handle_error, _lib

    _NEEDED = ("clingo_symbol_create_function", "clingo_backend_add_atom",
               "clingo_backend_rule", "clingo_symbol_to_string_size", "clingo_symbol_to_string",
               "clingo_model_symbols_size", "clingo_model_symbols", "clingo_show_type_shown")
    _C: Any = ((_ffi, _lib, _handle_error)
               if hasattr(clingo.Number(0), "_rep") and all(hasattr(_lib, f) for f in _NEEDED)
               else None)
except ImportError:  # pragma: no cover - another clingo build
    _C = None

_NAME_BUFFERS: dict[str, Any] = {}


# Symbols as clingo's numbers for them (clingo keeps every symbol for the life of the
# process): of shared facts (Program.shared_fact) by (name, args), and of the arguments of
# plain facts (ints and names; a bool would be found as 1 or 0, so none is plain).
_PLAIN = object()
_SHARED: dict[tuple[str, tuple[Any, ...]], int] = {}
_ARGUMENTS: dict[int | str, int] = {}
_CACHE_MAX = 100_000


def _plain_rep(value: int | str) -> int:
    rep = _ARGUMENTS[value] = to_symbol(value)._rep
    return rep


def _add_facts(backend: clingo.Backend,
               facts: list[tuple[str, tuple[Any, ...], Any]]) -> None:
    """Each ``name(args...)`` as a fact, through clingo's C API (see ``_C``).  An atom's
    number is written straight into the rule's head; clingo's error handler is called only
    when a call fails (it raises)."""
    ffi, lib, handle_error = _C
    rep = backend._rep
    create, add_atom, add_rule = (lib.clingo_symbol_create_function,
                                  lib.clingo_backend_add_atom, lib.clingo_backend_rule)
    symbol_out, head, no_body = ffi.new("clingo_symbol_t*"), ffi.new("clingo_atom_t[1]"), ffi.NULL
    size = max((len(args) for _, args, _ in facts), default=0)
    arguments_in = ffi.new("clingo_symbol_t[]", max(size, 1))
    symbol = to_symbol
    names, shared, plain = _NAME_BUFFERS, _SHARED, _ARGUMENTS
    for cache in (shared, plain):
        if len(cache) > _CACHE_MAX:
            cache.clear()
    for name, args, kind in facts:  # kind: None, _PLAIN or the key of a shared fact
        known = shared.get(kind)
        if known is not None:
            symbol_out[0] = known
        else:
            encoded = names.get(name)
            if encoded is None:
                encoded = names[name] = ffi.new("char[]", name.encode())
            if kind is None:
                values = [symbol(arg)._rep for arg in args]
            else:
                try:
                    values = [plain[arg] for arg in args]
                except KeyError:
                    values = [plain.get(arg) or _plain_rep(arg) for arg in args]
            count = len(args)
            arguments_in[0:count] = values
            if not create(encoded, arguments_in, count, True, symbol_out):
                handle_error(False)
            if kind is not None and kind is not _PLAIN:
                shared[kind] = symbol_out[0]
        if not (add_atom(rep, symbol_out, head) and add_rule(rep, False, head, 1, no_body, 0)):
            handle_error(False)


def symbol_texts(symbols: Sequence[clingo.Symbol]) -> list[str]:
    """``str()`` of each symbol, through clingo's C API with one buffer (see ``_C``):
    about half the cost of ``str()``, which allocates two C buffers per call."""
    if _C is None:
        return [str(symbol) for symbol in symbols]
    return _texts([symbol._rep for symbol in symbols])


def _texts(reps: Sequence[int]) -> list[str]:
    """The texts of symbols given by clingo's numbers for them (``Symbol._rep``)."""
    ffi, lib, handle_error = _C
    to_size, to_string, text_of = (lib.clingo_symbol_to_string_size,
                                   lib.clingo_symbol_to_string, ffi.string)
    size_out = ffi.new("size_t*")
    capacity = 256
    buffer = ffi.new("char[]", capacity)
    texts: list[str] = []
    for rep in reps:
        handle_error(to_size(rep, size_out))
        size = size_out[0]
        if size > capacity:
            capacity = size
            buffer = ffi.new("char[]", capacity)
        handle_error(to_string(rep, buffer, size))
        texts.append(text_of(buffer).decode())
    return texts


# The parts of shown atoms by clingo's number for the atom.  clingo keeps every symbol for
# the life of the process, so a number always means the same atom; a batch's models repeat
# most of their atoms (admits(12,"L4-1") in every chunk), each read from text once.
_PARTS: dict[int, tuple[str, Any, tuple[Any, ...]]] = {}
_PARTS_MAX = 100_000


def _shown_parts(model: clingo.Model) -> list[tuple[str, Any, tuple[Any, ...]]]:
    """:meth:`Program.shown_parts` through clingo's C API: the model's shown symbols in one
    call, as numbers (no Symbol object each), and the text only of those not seen yet."""
    ffi, lib, handle_error = _C
    shown, size_out = lib.clingo_show_type_shown, ffi.new("size_t*")
    handle_error(lib.clingo_model_symbols_size(model._rep, shown, size_out))
    size = size_out[0]
    array = ffi.new("clingo_symbol_t[]", max(size, 1))
    handle_error(lib.clingo_model_symbols(model._rep, shown, array, size))
    reps = ffi.unpack(array, size)
    known = _PARTS
    new = [rep for rep in reps if rep not in known]
    if new:
        if len(known) + len(new) > _PARTS_MAX:
            known.clear()
        for rep, text in zip(new, _texts(new), strict=True):
            known[rep] = parts_of(clingo.Symbol(rep), text)  # type: ignore[call-arg]
    return [known[rep] for rep in reps]


def parts_of(symbol: clingo.Symbol, text: str) -> tuple[str, Any, tuple[Any, ...]]:
    """Name, first argument and the other arguments of an atom, from its text (``str()``;
    ``quick_arguments`` and ``symbol.name`` would take two calls into clingo)."""
    start = text.find("(")
    values: list[Any] = []
    for part in text[start + 1:-1].split(",") if start > 0 else ():
        if part.lstrip("-").isdigit():
            values.append(int(part))
        elif part.isidentifier():
            values.append(part)
        elif (len(part) >= 2 and part[0] == part[-1] == '"' and '"' not in part[1:-1]
              and "\\" not in part):
            values.append(part[1:-1])
        else:
            values = arguments(symbol)
            break
    if not values:
        return symbol.name, None, ()
    return (text[:start], values[0], tuple(values[1:]))


def add_applicant(program: Program, key: Any, applicant: Applicant, as_of: int) -> None:
    """The applicant's records as input facts of ``logic/state.lp``."""
    plain = key.__class__ is int  # ints and names only (a bool is written true/false)
    fact = program.plain_fact if plain else program.fact
    if plain:   # a batch's keys 0, 1, 2, ...: the same facts in every chunk
        program.shared_fact("applicant", key)
        program.shared_fact("as_of", key, as_of)
        program.shared_fact("education_record", key, applicant.education)
    else:
        fact("applicant", key)
        fact("as_of", key, as_of)
        fact("education_record", key, applicant.education)
    for i, d in enumerate(applicant.diplomas):
        fact("diploma_record", key, i, d.kind, d.major, d.skill_target, d.graduation, d.mode)
    for i, w in enumerate(applicant.work):
        fact("work_record", key, i, w.start, "ongoing" if w.end is None else w.end,
             w.occupation)
    for i, t in enumerate(applicant.trainings):
        fact("training_record", key, i, t.hours, t.occupation,
             "true" if t.certificate else "false", t.completed)
    for i, c in enumerate(applicant.certificates):
        fact("certificate_record", key, i, c.level, c.occupation, c.obtained)


def arguments(symbol: clingo.Symbol) -> list[Any]:
    """A symbol's arguments as Python values (numbers, strings, constant names)."""
    values: list[Any] = []
    for arg in symbol.arguments:
        if arg.type == clingo.SymbolType.Number:
            values.append(arg.number)
        elif arg.type == clingo.SymbolType.String:
            values.append(arg.string)
        else:
            values.append(arg.name)
    return values


def quick_arguments(symbol: clingo.Symbol) -> list[Any]:
    """Like :func:`arguments`, from one ``str()`` of the symbol: about three times faster
    when a model has tens of thousands of atoms.  Falls back for any argument that is not
    a number, a constant or a plain string (no comma, quote, backslash or parenthesis)."""
    text = str(symbol)
    start = text.find("(")
    if start < 0:
        return []
    values: list[Any] = []
    for part in text[start + 1:-1].split(","):
        if part.startswith('"'):
            if len(part) < 2 or not part.endswith('"') or '"' in part[1:-1] or "\\" in part:
                return arguments(symbol)
            values.append(part[1:-1])
        elif part.lstrip("-").isdigit():
            values.append(int(part))
        elif part.isidentifier():
            values.append(part)
        else:
            return arguments(symbol)
    return values


def by_name(symbols: Iterable[clingo.Symbol]) -> dict[str, list[list[Any]]]:
    """Group symbols by predicate name, each as a list of argument values."""
    groups: dict[str, list[list[Any]]] = {}
    for symbol in symbols:
        groups.setdefault(symbol.name, []).append(arguments(symbol))
    return groups

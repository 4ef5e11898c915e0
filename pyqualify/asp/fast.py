"""The quick way to clingo, through its C API, beside the public way it stands for.

Handing a fact to the backend through clingo's Python API costs about 6 us, mostly in the
wrappers (a new C buffer per call for the symbol, the atom and the rule): for a batch that
is as much as grounding.  The same three calls of clingo's C API (clingo_symbol_create_
function, clingo_backend_add_atom, clingo_backend_rule) made with buffers allocated once
cost under 3 us.  Reading a model is the same story: the shown symbols in one call, as
numbers, and the text only of those not seen before.

The C API is reached through the cffi module the clingo package itself loaded
(``clingo._internal``, a private module of clingo).  Everything that touches it is in this
module; each function has its public twin (``_public_*``), used when the private module is
missing or changed (``_C`` is None), and ``tests/test_asp_fast.py`` checks that both give
the same answers.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import clingo

from .symbols import parts_of, to_symbol

Part = tuple[str, Any, tuple[Any, ...]]     # an atom: name, first argument, the others
Fact = tuple[str, tuple[Any, ...], Any]     # name, arguments, the key of a shared fact

try:
    from clingo._internal import _ffi, _handle_error, _lib

    _NEEDED = ("clingo_symbol_create_function", "clingo_backend_add_atom",
               "clingo_backend_rule", "clingo_symbol_to_string_size", "clingo_symbol_to_string",
               "clingo_model_symbols_size", "clingo_model_symbols", "clingo_show_type_shown",
               "clingo_show_type_atoms")
    _C: Any = ((_ffi, _lib, _handle_error)
               if hasattr(clingo.Number(0), "_rep") and all(hasattr(_lib, f) for f in _NEEDED)
               else None)
except ImportError:  # pragma: no cover - another clingo build
    _C = None

_CACHE_MAX = 100_000


def add_facts(backend: clingo.Backend, facts: Sequence[Fact]) -> None:
    """Each ``name(args...)`` as a fact of the program."""
    if _C is None:
        _public_add_facts(backend, facts)
    else:
        _c_add_facts(backend, facts)


def _public_add_facts(backend: clingo.Backend, facts: Sequence[Fact]) -> None:
    add_atom, add_rule, function = backend.add_atom, backend.add_rule, clingo.Function
    for name, args, _ in facts:
        add_rule([add_atom(function(name, [to_symbol(a) for a in args]))])


# Symbols as clingo's numbers for them (clingo keeps every symbol for the life of the
# process, so a number always means the same symbol): of shared facts by their key, and of
# arguments by value (never a bool: to_symbol refuses them, since True would be found as 1).
_NAME_BUFFERS: dict[str, Any] = {}
_SHARED: dict[Any, int] = {}
_ARGUMENTS: dict[Any, int] = {}


def _argument_rep(value: Any) -> int:
    rep = _ARGUMENTS[value] = to_symbol(value)._rep
    return rep


def _c_add_facts(backend: clingo.Backend, facts: Sequence[Fact]) -> None:
    """An atom's number is written straight into the rule's head; clingo's error handler is
    called only when a call fails (it raises)."""
    ffi, lib, handle_error = _C
    rep = backend._rep
    create, add_atom, add_rule = (lib.clingo_symbol_create_function,
                                  lib.clingo_backend_add_atom, lib.clingo_backend_rule)
    symbol_out, head, no_body = ffi.new("clingo_symbol_t*"), ffi.new("clingo_atom_t[1]"), ffi.NULL
    size = max((len(args) for _, args, _ in facts), default=0)
    arguments_in = ffi.new("clingo_symbol_t[]", max(size, 1))
    names, shared, known = _NAME_BUFFERS, _SHARED, _ARGUMENTS
    for cache in (shared, known):
        if len(cache) > _CACHE_MAX:
            cache.clear()
    for name, args, key in facts:
        found = shared.get(key) if key is not None else None
        if found is not None:
            symbol_out[0] = found
        else:
            encoded = names.get(name)
            if encoded is None:
                encoded = names[name] = ffi.new("char[]", name.encode())
            try:
                reps = [known[arg] for arg in args]
            except KeyError:
                reps = [known.get(arg) or _argument_rep(arg) for arg in args]
            count = len(args)
            arguments_in[0:count] = reps
            if not create(encoded, arguments_in, count, True, symbol_out):
                handle_error(False)
            if key is not None:
                shared[key] = symbol_out[0]
        if not (add_atom(rep, symbol_out, head) and add_rule(rep, False, head, 1, no_body, 0)):
            handle_error(False)


def model_parts(model: clingo.Model, shown: bool = True) -> list[Part]:
    """The model's atoms (``shown``: only those ``#show`` shows) as parts."""
    if _C is None:
        return _public_model_parts(model, shown)
    return _c_model_parts(model, shown)


def _public_model_parts(model: clingo.Model, shown: bool) -> list[Part]:
    symbols = model.symbols(shown=True) if shown else model.symbols(atoms=True)
    return [parts_of(s, str(s)) for s in symbols]


# The parts of atoms by clingo's number for the atom: a batch's models repeat most of their
# atoms (admits(12,"L4-1") in every chunk), each read from text once.
_PARTS: dict[int, Part] = {}


def _c_model_parts(model: clingo.Model, shown: bool) -> list[Part]:
    ffi, lib, handle_error = _C
    kind, size_out = (lib.clingo_show_type_shown if shown else lib.clingo_show_type_atoms,
                      ffi.new("size_t*"))
    handle_error(lib.clingo_model_symbols_size(model._rep, kind, size_out))
    size = size_out[0]
    array = ffi.new("clingo_symbol_t[]", max(size, 1))
    handle_error(lib.clingo_model_symbols(model._rep, kind, array, size))
    reps = ffi.unpack(array, size)
    known = _PARTS
    new = [rep for rep in reps if rep not in known]
    if new:
        if len(known) + len(new) > _CACHE_MAX:
            known.clear()                  # then every atom of this model is read again
            new = list(dict.fromkeys(reps))
        for rep, text in zip(new, _c_texts(new), strict=True):
            known[rep] = parts_of(clingo.Symbol(rep), text)  # type: ignore[call-arg]
    return [known[rep] for rep in reps]


def symbol_texts(symbols: Sequence[clingo.Symbol]) -> list[str]:
    """``str()`` of each symbol (through the C API with one buffer: about half the cost of
    ``str()``, which allocates two C buffers per call)."""
    if _C is None:
        return [str(symbol) for symbol in symbols]
    return _c_texts([symbol._rep for symbol in symbols])


def _c_texts(reps: Sequence[int]) -> list[str]:
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

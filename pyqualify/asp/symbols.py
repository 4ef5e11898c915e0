"""Values as clingo symbols, and symbols back as values.

A fact's arguments are ints, enumeration names (lower-case identifiers, which become
constants) and symbols made here (:func:`text` for a string, :func:`atom` for a term).  User
text is only ever a String symbol, never a name or program text.  A bool is no argument:
the rules write true and false as names, and so must the caller.
"""

from __future__ import annotations

from typing import Any

import clingo

Symbol = clingo.Symbol
Value = int | str           # a number, a constant's name, or a string's text

_NUMBERS: dict[int, clingo.Symbol] = {}
_NAMES: dict[str, clingo.Symbol] = {}


def to_symbol(value: Any) -> clingo.Symbol:
    """An int, an enumeration name or a symbol, as a clingo symbol (ints and names cached,
    looked up by their exact class: a bool is an int to a dict)."""
    cls = value.__class__
    if cls is int:
        symbol = _NUMBERS.get(value)
        if symbol is None:
            symbol = _NUMBERS[value] = clingo.Number(value)
        return symbol
    if cls is str:
        symbol = _NAMES.get(value)
        if symbol is None:
            if not (value.isidentifier() and value[0].islower()):
                raise TypeError(f"not an enumeration name: {value!r} (text goes as text())")
            symbol = _NAMES[value] = clingo.Function(value)
        return symbol
    if isinstance(value, clingo.Symbol):
        return value
    raise TypeError(f"not an argument of a fact: {value!r} (ints, names and symbols only; "
                    "write true or false for a bool)")


def text(value: str) -> clingo.Symbol:
    """A string symbol (``"L4-1"``, a programme's id): text stays text."""
    return clingo.String(value)


def atom(name: str, *args: Any) -> clingo.Symbol:
    """The atom ``name(args...)``, arguments as for a fact."""
    return clingo.Function(name, [to_symbol(arg) for arg in args])


def values(symbol: clingo.Symbol) -> tuple[Any, ...]:
    """A symbol's arguments as Python values: a number as an int, a string as its text, a
    constant by its name, a function term with arguments as the tuple of its name and its
    arguments' values (``work(0, occupation)`` as ``("work", 0, "occupation")``), and
    ``#inf``, ``#sup`` as their text."""
    found: list[Any] = []
    for arg in symbol.arguments:
        if arg.type == clingo.SymbolType.Number:
            found.append(arg.number)
        elif arg.type == clingo.SymbolType.String:
            found.append(arg.string)
        elif arg.type == clingo.SymbolType.Function:
            found.append((arg.name, *values(arg)) if arg.arguments else arg.name)
        else:
            found.append(str(arg))
    return tuple(found)


def parts_of(symbol: clingo.Symbol, text: str) -> tuple[str, Any, tuple[Any, ...]]:
    """An atom as ``(name, first argument, the other arguments)``, values as by
    :func:`values`, read from its text (``str(symbol)``): asking clingo for the name and
    each argument would take several calls."""
    start = text.find("(")
    found: list[Any] = []
    for part in text[start + 1:-1].split(",") if start > 0 else ():
        if part.lstrip("-").isdigit():
            found.append(int(part))
        elif part.isidentifier():
            found.append(part)
        elif (len(part) >= 2 and part[0] == part[-1] == '"' and '"' not in part[1:-1]
              and "\\" not in part):
            found.append(part[1:-1])
        else:
            found = list(values(symbol))
            break
    if not found:
        return symbol.name, None, ()
    return (text[:start], found[0], tuple(found[1:]))

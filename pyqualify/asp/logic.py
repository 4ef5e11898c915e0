"""The files of ``logic/`` (package data ``pyqualify.logic``), and what Python reads of them.

The programs are the entry files (``check.lp``, ``explain.lp``, ``forecast.lp``,
``audit.lp``, ``planner.lp``): each ``#include``\\s the files it is made of, so clingo
reads them from the folder itself (``python -m clingo logic/check.lp facts.lp`` runs too).
Python reads the text of ``logic/`` only here: the defaults of ``#const`` lines
(:func:`constants`; read without clingo, so that a process that never grounds, such as the
parent of a batch, does not load it: ``tests/test_logic.py`` holds them to clingo's own
reading), and facts as they are written, before constants are replaced by their values
(:func:`written_facts`, with clingo's parser: the parameter that a ``need/3`` fact names).
Everything else (routes, conditions, thresholds in force, clause texts) is read as facts of
a grounding (:meth:`.Program.atoms`).
"""

from __future__ import annotations

import os
import re
from functools import cache
from importlib import resources
from typing import Any

_FOLDER = resources.files("pyqualify.logic")
_CONST = re.compile(r"^#const\s+([a-z_][A-Za-z0-9_]*)\s*=\s*(-?[0-9]+|[a-z_][A-Za-z0-9_]*)\s*\.",
                    re.MULTILINE)


def logic_file(name: str) -> str:
    """The path of ``logic/<name>.lp`` (a real file: the package is installed as files)."""
    path = _FOLDER.joinpath(f"{name}.lp")
    if not path.is_file():
        raise ValueError(f"no program {name!r} in logic/")
    return os.fspath(path)  # type: ignore[call-overload]


@cache
def constants(name: str) -> dict[str, int | str]:
    """The values the ``#const`` lines of ``logic/<name>.lp`` give (an int, or a name such
    as true or false as a str)."""
    text = _FOLDER.joinpath(f"{name}.lp").read_text(encoding="utf-8")
    return {constant: int(value) if value.lstrip("-").isdigit() else value
            for constant, value in _CONST.findall(text)}


@cache
def written_facts(name: str, predicate: str, arity: int) -> tuple[tuple[Any, ...], ...]:
    """The facts ``predicate(...)`` of ``logic/<name>.lp`` with their arguments as written:
    a number, a string's text, or the name of a constant (not its value)."""
    from clingo import ast  # the parser: only `rules` and `explain` ask

    found: list[tuple[Any, ...]] = []

    def statement(node: ast.AST) -> None:
        if node.ast_type != ast.ASTType.Rule or node.body:
            return
        literal = node.head
        if literal.ast_type != ast.ASTType.Literal or literal.sign != ast.Sign.NoSign:
            return
        term = literal.atom.symbol
        if (term.ast_type == ast.ASTType.Function and term.name == predicate
                and len(term.arguments) == arity):
            found.append(tuple(_written(arg) for arg in term.arguments))

    ast.parse_files([logic_file(name)], statement)
    return tuple(found)


def _written(term: Any) -> Any:
    import clingo
    from clingo import ast

    if term.ast_type == ast.ASTType.SymbolicTerm:
        symbol = term.symbol
        if symbol.type == clingo.SymbolType.Number:
            return symbol.number
        if symbol.type == clingo.SymbolType.String:
            return symbol.string
        return symbol.name
    if term.ast_type == ast.ASTType.Function and not term.arguments:
        return term.name
    raise ValueError(f"not a plain argument: {term}")

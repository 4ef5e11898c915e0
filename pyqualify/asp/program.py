"""One clingo Control: a program of ``logic/``, its facts, its grounding and its solves.

A :class:`Program` loads an entry file of ``logic/`` by name (``Program("check")`` loads
``logic/check.lp``, which ``#include``\\s the files it is made of), takes facts as symbols
through the backend, is grounded once and may be solved many times: with some atoms
assumed, with externals set, for the first model, every model, an optimum, or the brave or
cautious consequences.  No other module of pyqualify drives clingo.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import clingo

from . import fast
from .fast import Part
from .logic import logic_file
from .symbols import to_symbol, values

Signature = tuple[str, int]


class SolveTimeout(Exception):
    """A solve ran past its ``timeout`` and was cancelled."""


class Model:
    """A model as a callback of :meth:`Program.solve` sees it (valid during the call)."""

    __slots__ = ("_model",)

    def __init__(self, model: clingo.Model):
        self._model = model

    def atoms(self, shown: bool = True) -> list[Part]:
        return fast.model_parts(self._model, shown)

    @property
    def optimality_proven(self) -> bool:
        return bool(self._model.optimality_proven)

    @property
    def cost(self) -> list[int]:
        return list(self._model.cost)


class Solved:
    """How a solve ended: ``last`` holds the atoms of the last model found (the optimum with
    an optimisation, the consequences with ``enum_mode`` brave or cautious) when the solve
    had no callback."""

    __slots__ = ("exhausted", "last", "satisfiable")

    def __init__(self, satisfiable: bool | None, exhausted: bool,
                 last: list[Part] | None = None):
        self.satisfiable, self.exhausted, self.last = satisfiable, exhausted, last


def consts_args(consts: Mapping[str, int | bool]) -> list[str]:
    """``-c name=value`` for each constant (ints and booleans only: checked values, never
    text of a user)."""
    args: list[str] = []
    for name, value in consts.items():
        if value.__class__ is bool:
            shown = "true" if value else "false"
        elif value.__class__ is int:
            shown = str(value)
        else:
            raise TypeError(f"constant {name}: expected an int or a bool, got {value!r}")
        args += ["-c", f"{name}={shown}"]
    return args


class Program:
    """One grounding of a program of ``logic/`` (or of an .lp file given by its path)."""

    def __init__(self, name: str | os.PathLike[str],
                 consts: Mapping[str, int | bool] | None = None, options: Sequence[str] = ()):
        self._control = clingo.Control(["--warn=none", *options,
                                        *consts_args(consts or {})])
        self._control.load(logic_file(name) if isinstance(name, str) else os.fspath(name))
        self._facts: list[fast.Fact] = []

    # --- facts ---------------------------------------------------------------------------

    def fact(self, name: str, *args: Any) -> None:
        """Queue the fact ``name(args...)`` (ints, enumeration names and symbols, see
        :mod:`.symbols`); facts reach clingo at :meth:`ground`."""
        self._facts.append((name, args, None))

    def _shared_fact(self, name: str, *args: Any) -> None:
        """A fact that many programs of a process share (``applicant(12)``): its symbol is
        made once."""
        self._facts.append((name, args, (name, args)))

    # --- grounding -----------------------------------------------------------------------

    def ground(self, *parts: str | tuple[str, Sequence[Any]]) -> None:
        """Hand over the queued facts and ground the program parts (default: ``base``; a
        part with parameters as ``(name, arguments)``).  May be called again with more facts
        and other parts: they add to what is grounded."""
        with self._control.backend() as backend:
            fast.add_facts(backend, self._facts)
        self._facts.clear()
        self._control.ground([(p, []) if isinstance(p, str) else
                              (p[0], [to_symbol(a) for a in p[1]]) for p in parts or ("base",)])

    def atoms(self, name: str, arity: int) -> list[tuple[Any, ...]]:
        """The arguments (values) of every ground atom of a signature."""
        return [values(a.symbol) for a in self._control.symbolic_atoms.by_signature(name, arity)]

    def has_atom(self, symbol: clingo.Symbol) -> bool:
        """Whether the grounding has this atom (an external, say)."""
        return self._control.symbolic_atoms[symbol] is not None

    def atom_count(self) -> int:
        """How many atoms the grounding has (known once grounded)."""
        return len(self._control.symbolic_atoms)

    def size(self) -> tuple[int, int]:
        """Atoms and rules of the ground program (known after a solve)."""
        lp = self._control.statistics["problem"]["lp"]
        return int(lp["atoms"]), int(lp["rules"])

    # --- solving -------------------------------------------------------------------------

    def first(self, shown: bool = True) -> list[Part]:
        """The atoms of the first model (``shown``: only those shown), or [] when there is
        none: the answer of a program with one model."""
        with self._control.solve(yield_=True) as handle:
            for model in handle:
                return fast.model_parts(model, shown)
        return []

    def solve(self, on_model: Callable[[Model], bool | None] | None = None, *,
              externals: Iterable[clingo.Symbol] = (),
              assumptions: Iterable[tuple[clingo.Symbol, bool]] = (),
              models: int | None = None, opt_mode: str | None = None,
              enum_mode: str | None = None, conflicts: int | None = None,
              timeout: float | None = None) -> Solved:
        """Solve the grounding as it stands.

        ``externals`` are set true for this solve and false again after it (the way to ask
        "what if these held" of a core-guided optimisation: under solve assumptions, clingo
        5.8 with ``--opt-strategy=usc`` answered UNSAT to satisfiable programs);
        ``assumptions`` are clingo's solve assumptions.  ``models`` (0: all), ``opt_mode``
        (``opt``, ``optN``, ``ignore``) and ``enum_mode`` (``brave``, ``cautious``, ...) are
        set when given and kept by the Control; ``conflicts`` limits the search (None: no
        limit).  ``on_model`` sees each model and returns False to stop; without it the
        atoms of the last model are kept.  Past ``timeout`` seconds the solve is cancelled
        and :class:`SolveTimeout` raised.
        """
        config = self._control.configuration.solve
        if models is not None:
            config.models = str(models)
        if opt_mode is not None:
            config.opt_mode = opt_mode
        if enum_mode is not None:
            config.enum_mode = enum_mode
        config.solve_limit = "umax" if conflicts is None else str(conflicts)
        last: list[list[Part]] = []

        def seen(model: clingo.Model) -> bool | None:
            if on_model is not None:
                return on_model(Model(model))
            last[:] = [fast.model_parts(model)]
            return True

        assumed = list(assumptions)
        held = list(externals)
        for symbol in held:
            self._control.assign_external(symbol, True)
        try:
            with self._control.solve(on_model=seen, assumptions=assumed,
                                     async_=True) as handle:
                if not (handle.wait() if timeout is None else handle.wait(max(timeout, 0.0))):
                    handle.cancel()
                    raise SolveTimeout(timeout)
                result = handle.get()
        finally:
            for symbol in held:
                self._control.assign_external(symbol, False)
        return Solved(result.satisfiable, result.exhausted, last[0] if last else None)


def by_name(parts: Iterable[Part]) -> dict[str, list[tuple[Any, ...]]]:
    """Atoms grouped by name, each as the tuple of its arguments."""
    groups: dict[str, list[tuple[Any, ...]]] = {}
    for name, first, rest in parts:
        groups.setdefault(name, []).append(() if first is None else (first, *rest))
    return groups

"""``pyqualify audit``: the rules checked against themselves (docs/explanations.md).

For each route, clingo searches ``logic/audit.lp`` (the rule files as ``check`` uses them, over
a small finite domain of records) for a *witness*: an applicant for whom that route is the
only route of its level that admits, with EDU met, with as few records as possible.  When
there is none, ``subsumed_by`` names the routes of its level that admit whenever it does.
``earliest`` asks the planner how soon an applicant with only ``education: high_school``
can hold each level's certificate.
"""

from __future__ import annotations

from typing import Any

from .applicant import Applicant
from .asp import Part, Program, atom, text
from .levels import LEVELS, route_order
from .months import current_month, format_month
from .params import RuleParams


def run_audit(params: RuleParams | dict[str, Any] | None = None, *, as_of: int | None = None,
              earliest: bool = True) -> dict[str, Any]:
    """The audit document: parameters, a witness (or subsumers) per route, earliest."""
    rules = RuleParams.of(params)
    month = current_month() if as_of is None else as_of
    program = Program("audit", {**rules.as_dict(), "explain": False})
    program.fact("audit_month", month)
    program.ground()
    levels = dict(program.atoms("route", 2))
    found = []
    for route in sorted(levels, key=route_order):
        atoms = _solve(program, atom("target", text(route)), optimise=True)
        entry: dict[str, Any] = {"route": route, "level": levels[route], "witness": None,
                                 "subsumed_by": []}
        if atoms is not None:
            entry["witness"] = witness_document(route, month, atoms)
        else:
            entry.update(_subsumers(program, route, levels))
        found.append(entry)
    doc: dict[str, Any] = {"as_of": format_month(month), "parameters": rules.as_dict(),
                           "routes": found}
    if earliest:
        doc["earliest"] = earliest_plans(rules, month)
    return doc


def _solve(program: Program, question: Any, optimise: bool) -> list[Part] | None:
    """With the external ``question`` true: the atoms of the optimal model (``optimise``),
    or [] for any model; None when there is none."""
    if optimise:
        return program.solve(externals=[question], opt_mode="opt").last
    solved = program.solve(lambda model: False, externals=[question], opt_mode="ignore")
    return [] if solved.satisfiable else None


def _subsumers(program: Program, route: str, levels: dict[str, int]) -> dict[str, Any]:
    """The routes of the level that admit whenever ``route`` does (``jointly`` when no one
    of them does alone; ``satisfiable: false`` when the route admits no applicant at all)."""
    if _solve(program, atom("possible", text(route)), optimise=False) is None:
        return {"subsumed_by": [], "satisfiable": False}
    others = sorted((r for r in levels if levels[r] == levels[route] and r != route),
                    key=route_order)
    alone = [r for r in others
             if _solve(program, atom("covers", text(route), text(r)), optimise=False) is None]
    if alone:
        return {"subsumed_by": alone}
    return {"subsumed_by": others, "jointly": True}


def witness_document(route: str, month: int, atoms: list[Part]) -> dict[str, Any]:
    """The witness as an applicant file (docs/input.md) with ``id`` and ``as_of``."""
    doc: dict[str, Any] = {"id": f"audit-{route}", "as_of": format_month(month),
                           "education": "none", "diplomas": [], "work": [], "trainings": [],
                           "certificates": []}
    # in the order of the records' numbers (each record predicate's first argument after w)
    for name, _, args in sorted(atoms, key=lambda part: (part[0], part[2][:1])):
        if name == "education_record":
            doc["education"] = args[0]
        elif name == "diploma_record":
            _, kind, major, skill, graduation, mode = args
            doc["diplomas"].append({"kind": kind, "major": major, "skill_target": skill,
                                    "graduation": format_month(graduation), "mode": mode})
        elif name == "work_record":
            _, start, _, occupation = args
            doc["work"].append({"start": format_month(start), "end": None,
                                "occupation": occupation})
        elif name == "training_record":
            _, hours, occupation, certificate, completed = args
            doc["trainings"].append({"hours": hours, "occupation": occupation,
                                     "certificate": certificate == "true",
                                     "completed": format_month(completed)})
        elif name == "certificate_record":
            _, level, occupation, obtained = args
            doc["certificates"].append({"level": level, "occupation": occupation,
                                        "obtained": format_month(obtained)})
    return doc


def earliest_plans(params: RuleParams, month: int) -> list[dict[str, Any]]:
    """For each level, the fewest months from only ``education: high_school`` to its
    certificate under the default planning model, with one such plan."""
    from .planner import fastest_path

    start = Applicant(education="high_school", id="audit-high-school", as_of=month)
    found = []
    for level in LEVELS:
        result = fastest_path(start, level, params=params, tradeoffs=False, explain=False)
        found.append({"level": level, "months": result.months,
                      "certified": None if result.certified is None
                      else format_month(result.certified),
                      "plan": result.plans[0].to_json() if result.plans else None})
    return found

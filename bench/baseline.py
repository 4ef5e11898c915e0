"""The driver of the baseline planner (``bench/baseline_planner.lp``), for the benchmark.

One clingo ``Control``, the rule files of ``logic/`` and the baseline encoding loaded, the
applicant's facts added through the backend, one ground, one solve with clingo's default
optimisation.  Nothing else: no stages, no hints, no checks before.  Not used by pyqualify.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import clingo

from pyqualify.applicant import Applicant
from pyqualify.asp.program import consts_args
from pyqualify.options import PlannerOptions
from pyqualify.params import RuleParams

HERE = Path(__file__).resolve().parent
LOGIC = HERE.parent / "logic"
FILES = (LOGIC / "rules.lp", LOGIC / "state.lp",   # rules.lp includes params.lp
         HERE / "baseline_planner.lp")


@dataclass(frozen=True)
class BaselineAnswer:
    """The baseline's optimum: months to the target (None: not reachable) and its costs
    (certified month - as_of, study months, exams, trainings, sum of exam months - as_of)."""

    months: int | None
    cost: tuple[int, ...]
    atoms: int


def _value(value: object) -> clingo.Symbol:
    if isinstance(value, bool):
        return clingo.Function("true" if value else "false")
    if isinstance(value, int):
        return clingo.Number(value)
    return clingo.Function(str(value))


def baseline_plan(applicant: Applicant, target: int, rules: RuleParams,
                  options: PlannerOptions) -> BaselineAnswer:
    """Plan ``applicant`` (its own ``as_of``) with the baseline encoding."""
    args = ["--warn=none", *consts_args(rules.as_dict())]
    consts = {"horizon": options.horizon, "target": target,
              "certificate_delay": options.certificate_delay,
              "training_months": options.training_months,
              "training_hours": options.training_hours}
    for name, number in consts.items():
        args += ["-c", f"{name}={number}"]
    for name, flag in (("assume_work", options.assume_work), ("allow_study", options.allow_study),
                       ("allow_training", options.allow_training)):
        args += ["-c", f"{name}={'true' if flag else 'false'}"]
    control = clingo.Control(args)
    for path in FILES:
        control.load(str(path))
    me = clingo.Function("me")
    facts: list[tuple[str, list[object]]] = [
        ("applicant", [me]), ("as_of", [me, applicant.as_of]),
        ("education_record", [me, applicant.education])]
    for i, d in enumerate(applicant.diplomas):
        facts.append(("diploma_record", [me, i, d.kind, d.major, d.skill_target, d.graduation,
                                         d.mode]))
    for i, w in enumerate(applicant.work):
        facts.append(("work_record", [me, i, w.start, "ongoing" if w.end is None else w.end,
                                      w.occupation]))
    for i, t in enumerate(applicant.trainings):
        facts.append(("training_record", [me, i, t.hours, t.occupation, t.certificate,
                                          t.completed]))
    for i, c in enumerate(applicant.certificates):
        facts.append(("certificate_record", [me, i, c.level, c.occupation, c.obtained]))
    for level, months in options.exam_months.items():
        facts += [("exam_month", [level, month]) for month in months]
    for p in options.catalog:
        ident = clingo.String(p.id)
        facts.append(("programme", [ident, p.kind, p.skill_target, p.mode, p.months, p.entry]))
        if p.certificate:
            facts.append(("programme_certificate", [ident, p.certificate]))
        if p.id in options.excluded_programmes:
            facts.append(("excluded_programme", [ident]))
    with control.backend() as backend:
        for name, values in facts:
            symbol = clingo.Function(name, [v if isinstance(v, clingo.Symbol) else _value(v)
                                            for v in values])
            backend.add_rule([backend.add_atom(symbol)])
    control.ground([("base", [])])
    best: list[list[clingo.Symbol]] = []
    control.solve(on_model=lambda m: best.__setitem__(slice(None), [m.symbols(shown=True)]))
    atoms = int(control.statistics["problem"]["lp"]["atoms"])
    if not best:
        return BaselineAnswer(None, (), atoms)
    # The five costs, read from the optimal model's atoms (clingo's cost vector leaves out
    # a priority that has nothing to minimise, say training when it is ruled out).
    months = {p.id: p.months for p in options.catalog}
    shown: dict[str, list[list[int | str]]] = {}
    for symbol in best[0]:
        shown.setdefault(symbol.name, []).append(
            [a.number if a.type == clingo.SymbolType.Number else a.string
             for a in symbol.arguments])
    now = applicant.as_of
    certified = shown["certified"][0][0] - now  # type: ignore[operator]
    exams = [month for month, _ in shown.get("exam", [])]
    cost = (certified, sum(months[p] for p, _ in shown.get("study", [])),  # type: ignore[index]
            len(exams), len(shown.get("train", [])),
            sum(month - now for month in exams))  # type: ignore[operator]
    return BaselineAnswer(certified, cost, atoms)

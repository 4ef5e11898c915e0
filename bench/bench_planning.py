"""Benchmark of planning (a script, not a test): `python bench/bench_planning.py`.

A varied held-out set of planning questions, written here by hand (not the synthetic seeds
of the other benches): the five examples, newcomers with nothing, long careers, students
(full-time and part-time diplomas in progress), certificate holders at each level, awaited
certificates, each target 1-4, no study / no training / no assumed work, changed thresholds
and switches, short and long horizons.  For each set it prints, beside each other in one run:

* in process, plan only: pyqualify's ``fastest_path(..., tradeoffs=False, explain=False)``
  and the baseline, a straightforward clingo encoding of docs/planner.md
  (``bench/baseline_planner.lp``, ``bench/baseline.py``): medians, worst, their ratios
  (targets of issue 19: median <= 0.25x, worst <= 0.35x).  Each time is the best of
  ``--runs`` (a shared machine's load only ever adds time), the two taken in turn.
  The baseline must find the same months and the same five costs as pyqualify on every
  question: the bench says so, or names the questions where they differ.
* cold processes: ``pyqualify path FILE --format json`` (the default answer, with trade-offs
  and explanation) beside ``python -c "import clingo"`` (targets: median <= 0.4 s,
  worst <= 1.5 s).

``--profile`` prints, per question, pyqualify's grounding and solving seconds and its ground
atoms per month of the horizon searched.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pyqualify  # noqa: E402
from bench.baseline import baseline_plan  # noqa: E402
from bench.timing import BASELINE, CLI, wall  # noqa: E402
from pyqualify.options import PlannerOptions  # noqa: E402
from pyqualify.params import RuleParams  # noqa: E402

AS_OF = "2026-11"


@dataclass(frozen=True)
class Case:
    """One planning question: a file, a target, rule parameters and planner options."""

    label: str
    data: dict[str, Any]
    target: int = 1
    params: dict[str, Any] = field(default_factory=dict)
    options: dict[str, Any] = field(default_factory=dict)

    def applicant(self) -> pyqualify.Applicant:
        return pyqualify.parse_applicant({"id": self.label, "as_of": AS_OF, **self.data})

    def planner_options(self) -> PlannerOptions:
        return PlannerOptions.default().updated(**self.options)

    def cli_args(self) -> list[str]:
        flags = ["--target", str(self.target)]
        for name, value in self.options.items():
            if name in ("allow_study", "allow_training", "assume_work") and not value:
                flags.append({"allow_study": "--no-study", "allow_training": "--no-training",
                              "assume_work": "--no-assume-work"}[name])
            elif name in ("horizon", "certificate_delay"):
                flags += [f"--{name.replace('_', '-')}", str(value)]
            else:
                raise ValueError(f"no flag for {name}")
        for name, value in self.params.items():
            text = ("true" if value else "false") if isinstance(value, bool) else str(value)
            flags += ["--set", f"{name}={text}"]
        return flags


def work(start: str, end: str | None = None, occupation: str = "same") -> dict[str, Any]:
    return {"start": start, "end": end, "occupation": occupation}


def diploma(kind: str, graduation: str, major: str = "same", skill: str = "none",
            mode: str = "full_time") -> dict[str, Any]:
    return {"kind": kind, "major": major, "graduation": graduation, "skill_target": skill,
            "mode": mode}


def cert(level: int | str, obtained: str, occupation: str = "same") -> dict[str, Any]:
    return {"level": level, "occupation": occupation, "obtained": obtained}


def training(completed: str, hours: int = 48) -> dict[str, Any]:
    return {"hours": hours, "occupation": "same", "certificate": True, "completed": completed}


def held_out() -> dict[str, list[Case]]:
    """The sets of questions (none of them drawn from pyqualify.synthetic)."""
    examples = []
    for path in sorted((ROOT / "examples").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data.pop("id", None)
        data.pop("as_of", None)
        examples.append(Case(path.stem, data))
    newcomers = [
        Case("new-high-school", {"education": "high_school"}),
        Case("new-equivalent-t2", {"education": "equivalent"}, target=2),
        Case("new-junior-middle", {"education": "junior_middle"}),
        Case("new-none", {"education": "none"}),
        Case("new-hs-no-study", {"education": "high_school"}, options={"allow_study": False}),
        Case("new-hs-t3", {"education": "high_school"}, target=3),
        Case("new-jm-no-training", {"education": "junior_middle"},
             options={"allow_training": False}),
    ]
    careers = [
        Case("career-20y-same", {"education": "high_school", "work": [work("2006-03")]}),
        Case("career-gaps-related", {"education": "equivalent", "work": [
            work("2008-01", "2011-06", "related"), work("2012-02", "2016-12", "same"),
            work("2017-05", None, "unrelated"), work("2019-01", None, "related")]}),
        Case("career-12y-no-work", {"education": "high_school", "work": [
            work("2010-01", "2022-12")]}, options={"assume_work": False}),
        Case("career-ongoing-no-assume", {"education": "junior_middle", "work": [
            work("2015-04")]}, options={"assume_work": False}),
        Case("career-college-t2", {"education": "high_school",
                                   "diplomas": [diploma("bachelor", "2012-06", "related")],
                                   "work": [work("2012-07")]}, target=2),
        Case("career-unrelated-major", {"education": "high_school",
                                        "diplomas": [diploma("master", "2015-06", "unrelated")],
                                        "work": [work("2015-09", "2020-12"),
                                                 work("2021-03", None, "related")]}),
    ]
    students = [
        Case("student-hv-ft", {"education": "high_school", "diplomas": [
            diploma("higher_vocational", "2028-06", skill="advanced")]}),
        Case("student-tc-ft-long", {"education": "junior_middle", "diplomas": [
            diploma("technician_college", "2029-06", skill="advanced")]}),
        Case("student-jc-part-time", {"education": "high_school", "diplomas": [
            diploma("junior_college", "2027-12", "related", mode="part_time")],
            "work": [work("2024-01")]}),
        Case("student-bachelor-t3", {"education": "high_school", "diplomas": [
            diploma("bachelor", "2027-06")]}, target=3),
        Case("student-ats-no-assume", {"education": "high_school", "diplomas": [
            diploma("advanced_technical_school", "2028-01", skill="advanced")],
            "work": [work("2023-01", "2024-08")]}, options={"assume_work": False}),
        Case("student-ts-t4", {"education": "junior_middle", "diplomas": [
            diploma("technical_school", "2027-06", skill="intermediate")]}, target=4),
    ]
    holders = [
        Case("holder-l4-recent", {"education": "high_school", "work": [work("2021-01")],
                                  "certificates": [cert(4, "2025-09")]}),
        Case("holder-l4-college", {"education": "high_school",
                                   "diplomas": [diploma("junior_college", "2019-06")],
                                   "work": [work("2019-08")],
                                   "certificates": [cert(4, "2020-12", "related")]}),
        Case("holder-l3-t2", {"education": "equivalent", "work": [work("2014-01")],
                              "certificates": [cert(4, "2017-03"), cert(3, "2024-06")]},
             target=2),
        Case("holder-l3-old", {"education": "high_school", "work": [work("2009-01")],
                               "certificates": [cert(3, "2013-06")]}),
        Case("holder-l2-no-study", {"education": "high_school", "work": [work("2012-01")],
                                    "certificates": [cert(2, "2025-03")]},
             options={"allow_study": False}),
        Case("holder-l1-held", {"education": "high_school", "work": [work("2000-01")],
                                "certificates": [cert(1, "2020-03")]}),
        Case("holder-prep-tech", {"education": "high_school",
                                  "diplomas": [diploma("technician_college", "2025-06",
                                                       "unrelated", "advanced")],
                                  "certificates": [cert("preparatory_technician", "2025-06")]}),
        Case("holder-l4-training", {"education": "high_school", "work": [work("2024-05")],
                                    "trainings": [training("2025-02")],
                                    "certificates": [cert(4, "2025-08")]}, target=3),
    ]
    awaited = [
        Case("awaited-l4", {"education": "high_school", "work": [work("2022-01")],
                            "certificates": [cert(4, "2027-01")]}),
        Case("awaited-l3-t2", {"education": "high_school", "work": [work("2016-01")],
                               "certificates": [cert(4, "2019-01"), cert(3, "2027-02")]},
             target=2),
        Case("awaited-l2", {"education": "equivalent", "work": [work("2010-01")],
                            "certificates": [cert(3, "2015-01"), cert(2, "2026-12")]}),
        Case("awaited-target-l1", {"education": "high_school", "work": [work("2005-01")],
                                   "certificates": [cert(2, "2019-01"), cert(1, "2027-03")]}),
        Case("awaited-l4-student", {"education": "high_school",
                                    "diplomas": [diploma("higher_vocational", "2027-06",
                                                         skill="advanced")],
                                    "certificates": [cert(4, "2027-01")]}),
    ]
    options = [
        Case("opt-college-no-study", examples[0].data, options={"allow_study": False}),
        Case("opt-newcomer-no-training", examples[3].data, options={"allow_training": False}),
        Case("opt-newcomer-no-assume", examples[3].data, options={"assume_work": False}),
        Case("opt-student-delay-4", examples[1].data, options={"certificate_delay": 4}),
        Case("opt-tech-no-study-t2", examples[4].data, target=2, options={"allow_study": False}),
        Case("opt-hs-nothing-allowed", {"education": "high_school", "work": [work("2020-01")]},
             options={"allow_study": False, "allow_training": False, "assume_work": False}),
    ]
    thresholds = [
        Case("set-l1-36", examples[0].data, params={"l1_1_work_months": 36}),
        Case("set-l2-24", examples[3].data, params={"l2_1_work_months": 24,
                                                    "l2_2a_work_months": 24}),
        Case("set-l4-60", {"education": "high_school", "work": [work("2022-06")]},
             params={"l4_1_work_months": 60, "l4_2_work_months": 24}),
        Case("set-I1-off", examples[1].data, params={"l3_1b_requires_l4": False}),
        Case("set-I2-I3-off", {"education": "junior_middle", "diplomas": [
            diploma("advanced_technical_school", "2020-06", skill="advanced")]},
             params={"higher_tier_counts_as_technical_school": False,
                     "education_requirement": False}),
        Case("set-window-0", examples[1].data, params={"graduating_window_months": 0}),
        Case("set-all-long", {"education": "high_school", "work": [work("2018-01")]},
             params={"l1_1_work_months": 72, "l2_1_work_months": 60, "l3_2_work_months": 48}),
    ]
    horizons = [
        Case("h-36-unreachable", examples[3].data, options={"horizon": 36}),
        Case("h-60-level2", examples[2].data, options={"horizon": 60}),
        Case("h-96-t3", {"education": "high_school"}, target=3, options={"horizon": 96}),
        Case("h-480-newcomer", {"education": "none"}, options={"horizon": 480}),
        Case("h-600-no-assume", {"education": "high_school", "work": [
            work("2020-01", "2031-12")]}, options={"horizon": 600, "assume_work": False}),
        Case("h-480-thresholds", {"education": "high_school"}, options={"horizon": 480},
             params={"l1_1_work_months": 120, "l2_1_work_months": 96}),
    ]
    return {"examples": examples, "newcomers": newcomers, "careers": careers,
            "students": students, "certificates": holders, "awaited": awaited,
            "options": options, "thresholds": thresholds, "horizons": horizons}


def costs(result: pyqualify.PathResult) -> tuple[int, ...]:
    """pyqualify's answer as the five costs of docs/planner.md (as the baseline reports them)."""
    if not result.reachable or result.certified is None:
        return ()
    plan = result.plans[0]
    if not plan.steps:   # held, or awaited: no steps
        return (result.months or 0, 0, 0, 0, 0)
    return (plan.certified - result.as_of, plan.study_months, len(plan.exams),
            0 if plan.training_start is None else 1,
            sum(month - result.as_of for month, _, _ in plan.exams))


def best_of(runs: int, action: Any) -> tuple[float, Any]:
    best, value = float("inf"), None
    for _ in range(runs):
        start = time.perf_counter()
        value = action()
        best = min(best, time.perf_counter() - start)
    return best, value


def profile(case: Case) -> str:
    """pyqualify's grounding and solving seconds and atoms per month, for one question."""
    import clingo

    from pyqualify import planner

    spent = {"ground": 0.0, "solve": 0.0}
    original_ground, original_solve = clingo.Control.ground, clingo.Control.solve

    def ground(self: clingo.Control, *args: Any, **kwargs: Any) -> None:
        start = time.perf_counter()
        original_ground(self, *args, **kwargs)
        spent["ground"] += time.perf_counter() - start

    def solve(self: clingo.Control, *args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        handle = original_solve(self, *args, **kwargs)
        if kwargs.get("async_"):
            handle.wait()
        spent["solve"] += time.perf_counter() - start
        return handle

    clingo.Control.ground, clingo.Control.solve = ground, solve   # type: ignore[method-assign]
    try:
        result = planner.fastest_path(case.applicant(), case.target, params=case.params,
                                      options=case.planner_options(), tradeoffs=False,
                                      explain=False)
    finally:
        clingo.Control.ground, clingo.Control.solve = original_ground, original_solve
    horizon = result.stats.get("horizon", case.planner_options().horizon)
    atoms = result.stats.get("atoms", 0)
    return (f"ground {spent['ground']:6.3f} s  solve {spent['solve']:6.3f} s  "
            f"solves {result.stats.get('solves', 0)}  stage {horizon:4d}  "
            f"atoms {atoms:7d} ({atoms / max(horizon, 1):5.0f}/month)")


def summary(label: str, mine: list[float], base: list[float]) -> str:
    med, worst = statistics.median(mine), max(mine)
    bmed, bworst = statistics.median(base), max(base)
    each = [m / b for m, b in zip(mine, base, strict=True)]
    return (f"{label:<13}{len(mine):>3}  pyqualify median {med * 1000:7.1f} worst "
            f"{worst * 1000:7.1f} | baseline median {bmed * 1000:7.1f} worst "
            f"{bworst * 1000:8.1f} | ratio median {med / bmed:5.2f}x worst "
            f"{worst / bworst:5.2f}x | per question median {statistics.median(each):5.2f}x "
            f"max {max(each):5.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="in process: best of this many")
    parser.add_argument("--cold", type=int, default=1,
                        help="cold processes per question (0: none)")
    parser.add_argument("--only", help="only the sets named here (comma-separated)")
    parser.add_argument("--profile", action="store_true",
                        help="grounding vs solving and atoms per month, per question")
    args = parser.parse_args()

    sets = held_out()
    if args.only:
        sets = {name: cases for name, cases in sets.items() if name in args.only.split(",")}
    print(f"load at start: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} "
          f"{os.getloadavg()[2]:.2f} (1, 5, 15 min), {os.cpu_count()} cores")
    print(f"{'question':<26}{'set':<13}{'t':>2}{'months':>7}{'pyq ms':>9}{'base ms':>9}"
          f"{'ratio':>7}{'atoms':>8}{'b.atoms':>9}  same")
    timings: dict[str, tuple[list[float], list[float]]] = {}
    differ: list[str] = []
    for name, cases in sets.items():
        mine, base = timings.setdefault(name, ([], []))
        for case in cases:
            applicant, options = case.applicant(), case.planner_options()
            rules = RuleParams.of(case.params)
            t_mine, result = best_of(args.runs, partial(
                pyqualify.fastest_path, applicant, case.target, params=rules, options=options,
                tradeoffs=False, explain=False))
            t_base, answer = best_of(args.runs, partial(
                baseline_plan, applicant, case.target, rules, options))
            mine.append(t_mine)
            base.append(t_base)
            same = result.months == answer.months and costs(result) == answer.cost
            if not same:
                differ.append(f"{case.label}: pyqualify {result.months} {costs(result)}, "
                              f"baseline {answer.months} {answer.cost}")
            months = "-" if result.months is None else str(result.months)
            print(f"{case.label:<26}{name:<13}{case.target:>2}{months:>7}{t_mine * 1000:9.1f}"
                  f"{t_base * 1000:9.1f}{t_mine / t_base:7.2f}{result.stats.get('atoms', 0):>8}"
                  f"{answer.atoms:>9}  {'yes' if same else 'NO'}", flush=True)
            if args.profile:
                print(f"    {profile(case)}", flush=True)

    print("\nin process, plan only (fastest_path(..., tradeoffs=False, explain=False)) "
          f"vs the baseline encoding, ms, best of {args.runs}")
    for name, (mine, base) in timings.items():
        print(summary(name, mine, base))
    every_mine = [t for mine, _ in timings.values() for t in mine]
    every_base = [t for _, base in timings.values() for t in base]
    print(summary("ALL", every_mine, every_base) + "   (targets: median <= 0.25x, "
          "worst <= 0.35x)")
    total = len(every_mine)
    if differ:
        print(f"baseline DIFFERS from pyqualify on {len(differ)} of {total} questions:")
        for line in differ:
            print("  " + line)
    else:
        print(f"baseline gives the same months and the same five costs as pyqualify on all "
              f"{total} questions")

    if args.cold <= 0:
        return
    cold: dict[str, tuple[list[float], list[float]]] = {}
    with tempfile.TemporaryDirectory() as folder:
        for name, cases in sets.items():
            mine, base = cold.setdefault(name, ([], []))
            for index, case in enumerate(cases):
                path = Path(folder) / f"{name}-{index}.yaml"
                path.write_text(yaml.safe_dump({"id": case.label, "as_of": AS_OF, **case.data},
                                               allow_unicode=True), encoding="utf-8")
                for _ in range(args.cold):
                    base.append(wall(BASELINE))
                    mine.append(wall([CLI, "path", str(path), "--format", "json",
                                      *case.cli_args()]))
    print(f"\ncold processes ({args.cold} per question): pyqualify path FILE --format json "
          "(trade-offs and explanation) vs python -c 'import clingo'")
    for name, (mine, base) in cold.items():
        print(f"{name:<13}{len(mine):>3}  path median {statistics.median(mine) * 1000:7.1f} ms "
              f"worst {max(mine) * 1000:7.1f} ms | import clingo median "
              f"{statistics.median(base) * 1000:6.1f} ms")
    every = [t for mine, _ in cold.values() for t in mine]
    every_base = [t for _, base in cold.values() for t in base]
    print(f"{'ALL':<13}{len(every):>3}  path median {statistics.median(every) * 1000:7.1f} ms "
          f"worst {max(every) * 1000:7.1f} ms | import clingo median "
          f"{statistics.median(every_base) * 1000:6.1f} ms   "
          "(targets: median <= 400 ms, worst <= 1500 ms)")
    print(f"load at end: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} "
          f"{os.getloadavg()[2]:.2f}")


if __name__ == "__main__":
    main()

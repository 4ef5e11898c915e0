"""Variants of the planner side by side (a script, not a test), on bench_planning's set.

    python bench/compare_encodings.py main=HEAD:logic/planner.lp new=logic/planner.lp \\
        usc='logic/planner.lp|--opt-strategy=usc'

Each variant is ``NAME=FILE[|SOLVER OPTIONS]``: a planner encoding (a path, or ``REV:PATH``
read with git) and, after ``|``, the solver options that replace ``planner.SOLVER_OPTIONS``.
For every question the variants run in turn, each the best of ``--runs``, in one process
(so that the machine's load falls on all of them alike); the answers must agree.  Prints
per set and over all: median, worst and total seconds of each variant, and the ratio of
each to the first.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pyqualify  # noqa: E402
from bench.bench_planning import held_out  # noqa: E402
from pyqualify import asp, planner  # noqa: E402
from pyqualify.params import RuleParams  # noqa: E402


def variant(spec: str) -> tuple[str, str, tuple[str, ...]]:
    name, _, rest = spec.partition("=")
    source, _, options = rest.partition("|")
    if ":" in source:
        text = subprocess.run(["git", "-C", str(ROOT), "show", source], check=True,
                              capture_output=True, text=True).stdout
    else:
        text = (ROOT / source).read_text(encoding="utf-8")
    return name, text, tuple(options.split()) if options else planner.SOLVER_OPTIONS


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("variants", nargs="+")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", help="only these sets (comma-separated)")
    args = parser.parse_args()
    variants = [variant(spec) for spec in args.variants]
    original = asp.logic_text
    sets = held_out()
    if args.only:
        sets = {k: v for k, v in sets.items() if k in args.only.split(",")}
    times: dict[str, dict[str, list[float]]] = {}
    for set_name, cases in sets.items():
        for case in cases:
            applicant, options = case.applicant(), case.planner_options()
            rules = RuleParams.of(case.params)
            answers = []
            line = f"{case.label:<26}"
            for name, text, solver in variants:
                asp.logic_text = (lambda n, t=text: t if n == "planner.lp"  # type: ignore
                                  else original(n))
                planner.SOLVER_OPTIONS = solver
                best = float("inf")
                for _ in range(args.runs):
                    start = time.perf_counter()
                    result = pyqualify.fastest_path(applicant, case.target, params=rules,
                                                    options=options, tradeoffs=False,
                                                    explain=False)
                    best = min(best, time.perf_counter() - start)
                doc = result.to_json()
                doc.pop("stats")
                answers.append(doc)
                times.setdefault(set_name, {}).setdefault(name, []).append(best)
                line += f"  {name} {best * 1000:7.1f}"
            same = all(a == answers[0] for a in answers)
            print(line + ("" if same else "   ANSWERS DIFFER"), flush=True)
    asp.logic_text = original
    print()
    every: dict[str, list[float]] = {}
    for set_name, by_variant in [*times.items(), ("ALL", every)]:
        if set_name != "ALL":
            for name, values in by_variant.items():
                every.setdefault(name, []).extend(values)
        first = by_variant[variants[0][0]]
        cells = []
        for name, values in by_variant.items():
            cells.append(f"{name}: median {statistics.median(values) * 1000:6.1f} worst "
                         f"{max(values) * 1000:7.1f} total {sum(values):6.2f} s "
                         f"({sum(values) / sum(first):4.2f}x)")
        print(f"{set_name:<13}" + " | ".join(cells))


if __name__ == "__main__":
    main()

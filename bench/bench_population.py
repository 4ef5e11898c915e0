"""Benchmark of the population study (a script, not a test): run with `make bench` or
`python bench/bench_population.py [--people 10000] [--sample 600] [--skip-notebook]`.

Two figures, each beside a baseline measured in the same run (the machine is shared):
* the paths of the first ``--sample`` people of the notebook's population (seed 3, both of
  its rounds: today's rules and L1-1 at 36 months), with questions shared only when equal but
  for whole years (the baseline) and as the notebook does it now (the canonical questions of
  ``pyqualify/questions.py``, and the first round's months as the second round's
  hints): distinct questions, seconds, speed-up;
* ``notebooks/population.ipynb`` run top to bottom (nbclient, a fresh kernel) with
  ``--people`` people, in seconds against the goal of 300 s, beside what two CPU-bound
  processes get from the machine right now (2.0 on two idle cores).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bench_batch import parallel_capacity  # noqa: E402
from pyqualify.population import population_paths  # noqa: E402
from pyqualify.synthetic import synthetic_applicants  # noqa: E402

SEED, AS_OF, RULE_CHANGE = 3, "2026-11", {"l1_1_work_months": 36}   # as in the notebook
GOAL_SECONDS = 300


def study(people: list, coarse: bool) -> tuple[float, int]:
    """Seconds and distinct questions of the notebook's two rounds of paths (``coarse``:
    canonical questions, and the first round's months as the second's hints, as the
    notebook does)."""
    start = time.perf_counter()
    first, questions = population_paths(people, 1, coarse=coarse, tradeoffs=False,
                                        explain=False)
    hints = [r.months for r in first] if coarse else None
    _, more = population_paths(people, 1, params=RULE_CHANGE, coarse=coarse, within=hints,
                               tradeoffs=False, explain=False)
    return time.perf_counter() - start, questions + more


def run_notebook(people: int) -> float:
    """Seconds to run the population notebook top to bottom in a fresh kernel."""
    import nbformat
    from nbclient import NotebookClient

    folder = ROOT / "notebooks"
    notebook = nbformat.read(folder / "population.ipynb", as_version=4)
    client = NotebookClient(notebook, timeout=3600, kernel_name="python3",
                            resources={"metadata": {"path": str(folder)}})
    env = {**os.environ, "PYQUALIFY_POPULATION": str(people), "MPLBACKEND": "Agg"}
    start = time.perf_counter()
    client.execute(env=env, cwd=str(folder))
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--sample", type=int, default=600)
    parser.add_argument("--skip-notebook", action="store_true")
    args = parser.parse_args()

    sample = synthetic_applicants(args.sample, seed=SEED, as_of=AS_OF)
    base_s, base_q = study(sample, coarse=False)
    new_s, new_q = study(sample, coarse=True)
    print(f"paths of {args.sample} people, two rounds, {os.cpu_count()} processes:")
    print(f"  questions equal but for whole years   {base_q:6d} questions {base_s:7.1f} s"
          "   (baseline)")
    print(f"  canonical questions                   {new_q:6d} questions {new_s:7.1f} s"
          f"   speed-up {base_s / new_s:.2f}x")
    if args.skip_notebook:
        return
    capacity = parallel_capacity()
    seconds = run_notebook(args.people)
    print(f"notebooks/population.ipynb, {args.people} people, top to bottom:")
    print(f"  {seconds:7.1f} s   (goal <= {GOAL_SECONDS} s on two cores)")
    print(f"  two CPU-bound processes together vs one after the other, now: {capacity:.2f}x"
          "   (what 2 cores give at this moment)")


if __name__ == "__main__":
    main()

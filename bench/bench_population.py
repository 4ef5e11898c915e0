"""Benchmark of the population study (a script, not a test): run with `make bench` or
`python bench/bench_population.py [--people 10000] [--sample 300] [--skip-notebook]`.

Two figures, each beside a baseline measured in the same run (the machine is shared):
* the paths of the first ``--sample`` people of the notebook's population (seed 3, both of
  its rounds: today's rules and L1-1 at 36 months, the first round's months as the second
  round's hints, as the notebook does), in this process (one core), the two ways taken in
  turn: each canonical question grounded alone (``share=False``, the baseline) and the
  questions that differ only in their counts of work and their free records on one
  grounding (``share=True``, what the notebook does): questions, groundings, CPU seconds
  (wall seconds beside), speed-up, and that the answers are the same;
* ``notebooks/population.ipynb`` run top to bottom (nbclient, a fresh kernel) with
  ``--people`` people, in seconds against the goal of 120 s (issue 19), beside what two
  CPU-bound processes get from the machine right now (2.0 on two idle cores) and the load.
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
GOAL_SECONDS = 120


def study(people: list, share: bool) -> tuple[float, float, int, list]:
    """CPU and wall seconds, distinct questions and the answers of the notebook's two
    rounds of paths, in this process."""
    cpu, start = time.process_time(), time.perf_counter()
    first, questions = population_paths(people, 1, jobs=1, share=share, tradeoffs=False,
                                        explain=False)
    hints = [r.months for r in first]
    second, more = population_paths(people, 1, params=RULE_CHANGE, jobs=1, share=share,
                                    within=hints, tradeoffs=False, explain=False)
    answers = [answer(r) for r in first + second]
    return (time.process_time() - cpu, time.perf_counter() - start, questions + more,
            answers)


def answer(result: object) -> dict:
    """A path document without its stats (they describe the grounding)."""
    doc = result.to_json()  # type: ignore[attr-defined]
    doc.pop("stats")
    return doc


def groundings(people: list) -> int:
    """How many groundings the shared way makes for the first round (one per frame)."""
    from pyqualify.eligibility import resolve_as_of
    from pyqualify.options import PlannerOptions
    from pyqualify.params import RuleParams
    from pyqualify.questions import canonical_question, split_counts

    rules, options = RuleParams.default(), PlannerOptions.default()
    questions = {canonical_question(p, resolve_as_of(p, None), 1, rules, options)[0]
                 for p in people}
    return len({split_counts(q)[0] for q in questions})


def run_notebook(people: int) -> tuple[float, float]:
    """Seconds to run the population notebook top to bottom in a fresh kernel, and the CPU
    seconds of the kernel and its worker processes (reaped when the kernel stops)."""
    import resource

    import nbformat
    from nbclient import NotebookClient

    folder = ROOT / "notebooks"
    notebook = nbformat.read(folder / "population.ipynb", as_version=4)
    client = NotebookClient(notebook, timeout=3600, kernel_name="python3",
                            resources={"metadata": {"path": str(folder)}})
    env = {**os.environ, "PYQUALIFY_POPULATION": str(people), "MPLBACKEND": "Agg"}
    def children() -> float:
        used = resource.getrusage(resource.RUSAGE_CHILDREN)
        return used.ru_utime + used.ru_stime

    cpu, start = children(), time.perf_counter()
    client.execute(env=env, cwd=str(folder))
    seconds = time.perf_counter() - start
    return seconds, children() - cpu


def compare(sample_size: int) -> None:
    """The sample's two rounds, each question alone and shared, taken in turn."""
    sample = synthetic_applicants(sample_size, seed=SEED, as_of=AS_OF)
    alone_cpu, alone_wall, questions, alone = study(sample, share=False)
    shared_cpu, shared_wall, again, shared = study(sample, share=True)
    assert again == questions
    print(f"paths of {sample_size} people, two rounds, {questions} questions, one process:")
    print(f"  each question grounded alone         CPU {alone_cpu:7.1f} s  (wall "
          f"{alone_wall:6.1f} s)   (baseline)")
    print(f"  shared groundings ({groundings(sample)} in round 1)  CPU {shared_cpu:7.1f} s  "
          f"(wall {shared_wall:6.1f} s)   speed-up {alone_cpu / shared_cpu:.2f}x CPU, "
          f"{alone_wall / shared_wall:.2f}x wall; the same answers: {alone == shared}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--sample", type=int, default=300, help="0: no sample")
    parser.add_argument("--skip-notebook", action="store_true")
    args = parser.parse_args()

    print(f"load {' '.join(f'{x:.2f}' for x in os.getloadavg())} (1, 5, 15 min), "
          f"{os.cpu_count()} cores")
    if args.sample:
        compare(args.sample)
    if args.skip_notebook:
        return
    capacity = parallel_capacity()
    seconds, cpu = run_notebook(args.people)
    print(f"notebooks/population.ipynb, {args.people} people, top to bottom: CPU {cpu:.1f} s "
          "(the kernel and its workers)")
    print(f"  {seconds:7.1f} s   (goal <= {GOAL_SECONDS} s on two quiet cores, <= "
          f"{2 * GOAL_SECONDS} s shared)   load at the end "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"  two CPU-bound processes together vs one after the other, now: {capacity:.2f}x"
          "   (what 2 cores give at this moment)")


if __name__ == "__main__":
    main()

"""Benchmark of `check` (a script, not a test): run with `make bench` or
`python bench/bench_check.py [--runs 15] [--applicants 1000]`.

Prints medians beside a baseline measured in the same run, since the machine is
shared and noisy:
* cold CLI: `pyqualify check FILE --format json` as a new process, beside
  `python -c "import clingo"` (runs interleaved);
* in process, per applicant, for 1,000 synthetic applicants: the clingo engine
  (one grounding for all, with and without explanations; and one call each),
  beside the pure-Python reference of tests/reference.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pyqualify  # noqa: E402
from bench.timing import CLI, cold_runs  # noqa: E402
from pyqualify.synthetic import synthetic_applicants  # noqa: E402
from tests.reference.eligibility import reference_check  # noqa: E402


def median_of(runs: int, action: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--applicants", type=int, default=1000)
    args = parser.parse_args()

    example = ROOT / "examples" / "college-graduate.yaml"
    base, cold = cold_runs([CLI, "check", str(example), "--format", "json"]
                           for _ in range(args.runs))
    b, c = statistics.median(base), statistics.median(cold)
    print(f"cold process, median of {args.runs}:")
    print(f"  python -c 'import clingo'           {b * 1000:8.1f} ms   (baseline)")
    print(f"  pyqualify check FILE --format json  {c * 1000:8.1f} ms   "
          f"ratio {c / b:.2f}x   (target <= 3x)")

    people = synthetic_applicants(args.applicants, seed=1)
    dicts = [p.to_dict() for p in people]
    n = len(people)
    pyqualify.check_many(people[:10])  # warm up imports and caches
    batch = median_of(5, lambda: pyqualify.check_many(people)) / n
    verdicts = median_of(5, lambda: pyqualify.check_many(people, explain=False)) / n
    single = median_of(3, lambda: [pyqualify.check(p) for p in people[:200]]) / 200
    reference = median_of(5, lambda: [reference_check(d) for d in dicts]) / n
    print(f"in process, per applicant, {n} synthetic applicants (median of 5):")
    print(f"  pure-Python reference               {reference * 1e3:8.3f} ms   (baseline)")
    for label, value in (("clingo, one grounding, verdicts only", verdicts),
                         ("clingo, one grounding, with unmet", batch),
                         ("clingo, one call per applicant", single)):
        print(f"  {label:<36}{value * 1e3:8.3f} ms   ratio {value / reference:6.1f}x"
              f"{'   (target <= 0.5 ms)' if 'verdicts' in label else ''}")


if __name__ == "__main__":
    main()

"""Benchmark of `check` (a script, not a test): run with `make bench` or
`python bench/bench_check.py [--runs 15] [--applicants 1000]`.

Prints medians beside a baseline measured in the same run, since the machine is
shared and noisy:
* cold CLI: `pyqualify check FILE --format json` as a new process, beside
  `python -c "import clingo"` (runs interleaved);
* in process, per applicant, for 1,000 synthetic applicants: the clingo engine
  (one grounding for all, verdicts only and with every explanation of docs/explanations.md:
  unmet, shortfall, opens/opens_by, materials; and one call each), beside the
  pure-Python reference of tests/reference;
* the forecast of `opens`: probes and rounds it needed for those applicants.
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
    command = [CLI, "check", str(example), "--format", "json"]
    runs = [command if i % 2 == 0 else [*command, "--no-explain"]
            for i in range(2 * args.runs)]
    base, cold = cold_runs(runs)
    b = statistics.median(base)
    c, plain = statistics.median(cold[0::2]), statistics.median(cold[1::2])
    print(f"cold process, median of {args.runs}:")
    print(f"  python -c 'import clingo'           {b * 1000:8.1f} ms   (baseline)")
    print(f"  pyqualify check FILE --format json  {c * 1000:8.1f} ms   "
          f"ratio {c / b:.2f}x   (target <= 3x; with every explanation)")
    print(f"  ... --no-explain                    {plain * 1000:8.1f} ms   "
          f"ratio {plain / b:.2f}x")

    people = synthetic_applicants(args.applicants, seed=1)
    dicts = [p.to_dict() for p in people]
    n = len(people)
    pyqualify.check_many(people[:10])  # warm up imports and caches
    batch = median_of(5, lambda: pyqualify.check_many(people)) / n
    verdicts = median_of(5, lambda: pyqualify.check_many(people, explain=False)) / n
    single = median_of(3, lambda: [pyqualify.check(p) for p in people[:200]]) / 200
    reference = median_of(5, lambda: [reference_check(d) for d in dicts]) / n
    targets = {"verdicts": "   (target <= 0.5 ms)", "explanations": "   (target <= 1 ms)"}
    print(f"in process, per applicant, {n} synthetic applicants (median of 5):")
    print(f"  pure-Python reference               {reference * 1e3:8.3f} ms   (baseline)")
    for label, value in (("clingo, one grounding, verdicts only", verdicts),
                         ("clingo, one grounding, explanations", batch),
                         ("clingo, one call per applicant", single)):
        note = next((t for key, t in targets.items() if key in label), "")
        print(f"  {label:<36}{value * 1e3:8.3f} ms   ratio {value / reference:6.1f}x{note}")
    forecast_statistics(people)


def forecast_statistics(people: list[pyqualify.Applicant]) -> None:
    """How many months the forecast probed, in how many rounds (one grounding each)."""
    from pyqualify.forecast import Forecast, ForecastOptions

    rounds: list[int] = []
    original = Forecast._round

    def counted(self: Forecast, asked: dict) -> None:
        rounds.append(sum(len(months) for months in asked.values()))
        original(self, asked)

    Forecast._round = counted  # type: ignore[method-assign]
    try:
        results = pyqualify.check_many(people)
    finally:
        Forecast._round = original  # type: ignore[method-assign]
    forecast = Forecast(pyqualify.RuleParams.default(), ForecastOptions())
    first = sum(len(forecast.first_probes(p, r.as_of)[1])
                for p, r in zip(people, results, strict=True))
    closed = sum(1 for r in results for lv in r.levels if not lv.held and not lv.eligible)
    opening = sum(1 for r in results for lv in r.levels
                  if lv.opens is not None and lv.opens != r.as_of and not lv.eligible)
    print(f"forecast of opens for {len(people)} applicants: {closed} closed levels, "
          f"{opening} of them open within the horizon;")
    print(f"  first round (with the check) {first} probes ({first / len(people):.1f} per "
          f"applicant); further rounds {len(rounds)}: {rounds} probes")


if __name__ == "__main__":
    main()

"""Benchmark of `path` (a script, not a test): `python bench/bench_path.py [--synthetic 20]`.

For the five example applicants and N synthetic ones (pyqualify.synthetic, seed 11), at the
default horizon of 240 months, prints per applicant the in-process time of
`fastest_path` (the plan alone, and the full default answer with trade-offs and
explanations; the best of ``--runs``), the months found, the solves and the ground
program's size; then
medians and maxima beside baselines measured in the same run: in process, `check`
of the same applicant; as cold processes, `python -c "import clingo"`.  A second, more
varied set (``--varied``, seed 5) is timed plan only, beside `check` of the same people.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pyqualify  # noqa: E402
from bench.timing import CLI, cold_runs  # noqa: E402
from pyqualify.synthetic import synthetic_applicants  # noqa: E402


def timed(action, runs: int = 1) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    best, value = float("inf"), None
    for _ in range(runs):
        start = time.perf_counter()
        value = action()
        best = min(best, time.perf_counter() - start)
    return best, value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--synthetic", type=int, default=20)
    parser.add_argument("--varied", type=int, default=40,
                        help="more synthetic applicants (seed 5), timed plan only")
    parser.add_argument("--cold", type=int, default=100, help="applicants timed as processes")
    parser.add_argument("--runs", type=int, default=3,
                        help="in-process times are the best of this many runs (a shared "
                             "machine's load only ever adds time)")
    args = parser.parse_args()

    people = [pyqualify.load_applicant(p) for p in sorted((ROOT / "examples").glob("*.yaml"))]
    people += synthetic_applicants(args.synthetic, seed=11)
    rows = []
    print(f"{'applicant':<26}{'months':>7}{'plan s':>9}{'full s':>9}{'check s':>9}"
          f"{'solves':>7}{'atoms':>8}{'rules':>8}")
    for person in people:
        plan_t, plan = timed(lambda p=person: pyqualify.fastest_path(
            p, tradeoffs=False, explain=False), runs=args.runs)
        full_t, full = timed(lambda p=person: pyqualify.fastest_path(p), runs=args.runs)
        check_t, _ = timed(lambda p=person: pyqualify.check(p), runs=3)
        stats = full.stats  # type: ignore[union-attr]
        rows.append((plan_t, full_t, check_t))
        months = plan.months if plan.reachable else "-"  # type: ignore[union-attr]
        print(f"{person.id or '':<26}{months!s:>7}{plan_t:9.3f}{full_t:9.3f}{check_t:9.4f}"
              f"{stats['solves']:>7}{stats['atoms']:>8}{stats['rules']:>8}")
    plan_times, full_times, check_times = zip(*rows, strict=True)
    varied = synthetic_applicants(args.varied, seed=5)
    varied_times = [timed(lambda p=p: pyqualify.fastest_path(
        p, tradeoffs=False, explain=False), runs=args.runs)[0] for p in varied]
    varied_check = [timed(lambda p=p: pyqualify.check(p), runs=3)[0] for p in varied]
    base = statistics.median(check_times)
    print(f"\nin process, {len(people)} applicants, default horizon:")
    print(f"  check (baseline)            median {base * 1000:8.1f} ms")
    for label, values, target in (
            ("path, plan only", plan_times, "median <= 100 ms, max <= 500 ms"),
            ("path, with trade-offs/why", full_times, "median <= 300 ms, max <= 2 s")):
        med = statistics.median(values)
        print(f"  {label:<27} median {med * 1000:8.1f} ms  max {max(values) * 1000:8.1f} ms"
              f"  ratio to check {med / base:6.1f}x   (target: {target})")
    if varied:
        vbase, med = statistics.median(varied_check), statistics.median(varied_times)
        print(f"in process, {len(varied)} more varied synthetic applicants (seed 5):")
        print(f"  check (baseline)            median {vbase * 1000:8.1f} ms")
        print(f"  path, plan only             median {med * 1000:8.1f} ms  max "
              f"{max(varied_times) * 1000:8.1f} ms  ratio to check {med / vbase:6.1f}x   "
              "(target: median <= 100 ms, max <= 500 ms)")

    with tempfile.TemporaryDirectory() as folder:
        files = []
        for index, person in enumerate(people[: args.cold]):
            path = Path(folder) / f"a{index}.yaml"
            path.write_text(yaml.safe_dump(person.to_dict(), allow_unicode=True),
                            encoding="utf-8")
            files.append(path)
        base_cold, cold = cold_runs([CLI, "path", str(f), "--format", "json"] for f in files)
    if not cold:
        return
    b, c = statistics.median(base_cold), statistics.median(cold)
    print(f"cold processes, {len(cold)} applicants:")
    print(f"  python -c 'import clingo' (baseline) median {b * 1000:8.1f} ms")
    print(f"  pyqualify path FILE --format json    median {c * 1000:8.1f} ms  "
          f"max {max(cold) * 1000:8.1f} ms  ratio {c / b:5.1f}x   (target: median <= 400 ms)")


if __name__ == "__main__":
    main()

"""Benchmark of facts a person is not sure of (a script, not a test): ``python
bench/bench_partial.py [--people 60] [--lines 20000] [--runs 5]``.

Each figure beside a baseline measured in the same run (the machine is shared and noisy):
* ``check`` in process (with its explanations, and verdicts only) of applicants with 3
  unknown facts, beside ``check`` of the same applicants with those facts known (the least
  favourable readings): median of per-applicant medians, and the ratio (goal: <= 2x);
* ``batch --jobs 1`` (a cold process, reading and writing JSON Lines; with its default
  explanations, and with ``--no-explain``) of a synthetic population with 1-3 unknown facts
  a line, beside the same population with them known, taken in turn ``--batch-runs`` times:
  applicants per second, and the median ratio of the pairs (goal: >= 0.5x);
* ``path`` in process with 3 unknowns (the plan and best_case) beside the same known.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.timing import CLI  # noqa: E402
from pyqualify import check, fastest_path  # noqa: E402
from pyqualify.applicant import parse_applicant  # noqa: E402
from pyqualify.partial import least_favourable  # noqa: E402
from pyqualify.synthetic import synthetic_lines  # noqa: E402

FIELDS = (("diplomas", "major"), ("diplomas", "skill_target"), ("diplomas", "mode"),
          ("work", "occupation"), ("trainings", "occupation"), ("trainings", "certificate"),
          ("certificates", "occupation"))


def places(doc: dict) -> list[tuple[str | None, int, str]]:
    found: list[tuple[str | None, int, str]] = [(None, 0, "education")]
    for section, name in FIELDS:
        found += [(section, i, name) for i in range(len(doc.get(section) or []))]
    return found


def unsure(doc: dict, count: int, rng: random.Random) -> dict | None:
    """The document with ``count`` of its fields said to be unknown (None: too few)."""
    spots = places(doc)
    if len(spots) < count:
        return None
    doc = json.loads(json.dumps(doc))
    for section, i, name in rng.sample(spots, count):
        if section is None:
            doc[name] = "unknown"
        else:
            doc[section][i][name] = "unknown"
    return doc


def median_ms(action, runs: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def batch_rate(path: Path, lines: int, options: tuple[str, ...]) -> float:
    start = time.perf_counter()
    subprocess.run([CLI, "batch", str(path), *options, "--jobs", "1", "--quiet",
                    "--output", str(path.with_suffix(".out.jsonl"))], check=True)
    return lines / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=60)
    parser.add_argument("--lines", type=int, default=20000)
    parser.add_argument("--paths", type=int, default=15)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--batch-runs", type=int, default=3)
    args = parser.parse_args()
    rng = random.Random(7)
    pairs = []
    for line in synthetic_lines(args.people * 4, seed=23):
        doc = json.loads(line)
        partial = unsure(doc, 3, rng)
        if partial is not None:
            known = parse_applicant(partial)
            pairs.append((least_favourable(known), known))
        if len(pairs) == args.people:
            break
    print(f"check in process, {len(pairs)} applicants with 3 unknown facts "
          f"(median of {args.runs} runs each):")
    for explain in (True, False):
        base = [median_ms(lambda a=a, e=explain: check(a, explain=e), args.runs) for a, _ in pairs]
        ours = [median_ms(lambda a=a, e=explain: check(a, explain=e), args.runs) for _, a in pairs]
        label = "with explanations" if explain else "verdicts only    "
        print(f"  {label}  known {statistics.median(base):6.2f} ms   3 unknowns "
              f"{statistics.median(ours):6.2f} ms   ratio "
              f"{statistics.median(ours) / statistics.median(base):.2f}x  (goal <= 2x); "
              f"worst {max(ours):.1f} ms")
    print(f"path in process, {args.paths} of them (plan, trade-offs; with best_case when "
          "unknown):")
    base = [median_ms(lambda a=a: fastest_path(a, explain=False), 1) for a, _ in
            pairs[:args.paths]]
    ours = [median_ms(lambda a=a: fastest_path(a, explain=False), 1) for _, a in
            pairs[:args.paths]]
    print(f"  known {statistics.median(base):6.1f} ms   3 unknowns {statistics.median(ours):6.1f}"
          f" ms   ratio {statistics.median(ours) / statistics.median(base):.2f}x")
    with tempfile.TemporaryDirectory() as folder:
        known_path, unsure_path = Path(folder, "known.jsonl"), Path(folder, "unsure.jsonl")
        with known_path.open("w") as known_file, unsure_path.open("w") as unsure_file:
            for line in synthetic_lines(args.lines, seed=29):
                doc = json.loads(line)
                partial = unsure(doc, rng.randint(1, 3), rng) or doc
                known_file.write(line if line.endswith("\n") else line + "\n")
                unsure_file.write(json.dumps(partial, ensure_ascii=False) + "\n")
        print(f"batch --jobs 1, {args.lines} lines (a cold process), known and with 1-3 "
              "unknown facts a line:")
        for options in ((), ("--no-explain",)):
            # known and unknown in turn, --batch-runs times: the ratio of each pair, whose
            # median says more than one pair on a shared machine
            pairs_run = [(batch_rate(known_path, args.lines, options),
                          batch_rate(unsure_path, args.lines, options))
                         for _ in range(args.batch_runs)]
            base_rate = statistics.median(base for base, _ in pairs_run)
            ours_rate = statistics.median(ours for _, ours in pairs_run)
            ratio = statistics.median(ours / base for base, ours in pairs_run)
            label = "--no-explain" if options else "default     "
            print(f"  {label}  known {base_rate:8.0f}/s   unknown {ours_rate:8.0f}/s   "
                  f"ratio {ratio:.2f}x  (goal >= 0.5x; median of {len(pairs_run)} pairs "
                  f"taken in turn: {', '.join(f'{o / b:.2f}' for b, o in pairs_run)})")

if __name__ == "__main__":
    main()

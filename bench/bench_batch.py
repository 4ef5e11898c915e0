"""Benchmark of `pyqualify batch` (a script, not a test): run with `make bench` or
`python bench/bench_batch.py [--lines 20000] [--big 200000] [--paths 40] [--runs 3]`.

Each figure beside a baseline measured in the same run (the machine is shared and noisy):
* `batch --no-explain --jobs 1` (a cold process, reading and writing JSON Lines included),
  in applicants per second, beside `check_many` alone in process on the same applicants;
* memory: the peak resident size of that process and its workers, for --lines and --big
  lines;
* `batch --path --jobs 2` beside `batch --path --jobs 1` (wall time, the speed-up).
The package is byte-compiled first, as an installed one is (see main).
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.timing import CLI  # noqa: E402
from pyqualify.applicant import parse_applicant  # noqa: E402
from pyqualify.eligibility import check_many  # noqa: E402
from pyqualify.synthetic import synthetic_lines  # noqa: E402


def tree_rss(root: int) -> int:
    """Resident kilobytes of a process and all its descendants (from /proc)."""
    children: dict[int, list[int]] = {}
    sizes: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/status", encoding="utf-8") as handle:
                fields = dict(line.split(":", 1) for line in handle if ":" in line)
        except OSError:
            continue
        children.setdefault(int(fields["PPid"]), []).append(int(entry))
        sizes[int(entry)] = int(fields.get("VmRSS", "0 kB").split()[0])
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += sizes.get(pid, 0)
        todo += children.get(pid, [])
    return total


def timed(command: list[str]) -> tuple[float, int]:
    """Seconds and peak resident kilobytes of one process with its worker processes
    (sampled five times a second)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0
    while process.poll() is None:
        peak = max(peak, tree_rss(process.pid))
        time.sleep(0.2)
    seconds = time.perf_counter() - start
    if process.returncode:
        raise SystemExit(f"{' '.join(command)} exited {process.returncode}")
    return seconds, peak


SPIN = [sys.executable, "-c", "x = 0\nfor i in range(20_000_000): x += i"]


def parallel_capacity() -> float:
    """How much faster two CPU-bound processes finish together than one after the other,
    right now (2.0 on two idle cores; the machine is shared)."""
    start = time.perf_counter()
    for _ in range(2):
        subprocess.run(SPIN, check=True)
    serial = time.perf_counter() - start
    start = time.perf_counter()
    both = [subprocess.Popen(SPIN) for _ in range(2)]
    for process in both:
        process.wait()
    return serial / (time.perf_counter() - start)


def write_lines(path: Path, n: int, seed: int) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for line in synthetic_lines(n, seed=seed):
            handle.write(line + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=20_000)
    parser.add_argument("--big", type=int, default=200_000)
    parser.add_argument("--paths", type=int, default=40)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    # The cold processes are timed as installed: pip byte-compiles a regular install, but an
    # editable one run with PYTHONDONTWRITEBYTECODE=1 (as here) has no bytecode, and every
    # cold process (the parent and each worker) would first compile pyqualify's modules,
    # about 50 ms a run.
    compileall.compile_dir(ROOT / "pyqualify", quiet=1)

    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        small, big, paths = tmp / "small.jsonl", tmp / "big.jsonl", tmp / "paths.jsonl"
        write_lines(small, args.lines, seed=1)
        write_lines(paths, args.paths, seed=2)
        out = str(tmp / "out.jsonl")

        people = [parse_applicant(json.loads(line))
                  for line in small.read_text(encoding="utf-8").splitlines()]
        base, cold, memory = [], [], []
        for _ in range(args.runs):   # interleaved, so both see the same load
            start = time.perf_counter()
            check_many(people, explain=False)
            base.append(args.lines / (time.perf_counter() - start))
            seconds, rss = timed([CLI, "batch", str(small), "--no-explain", "--jobs", "1",
                                  "--quiet", "--output", out])
            cold.append(args.lines / seconds)
            memory.append(rss)
        b, c = statistics.median(base), statistics.median(cold)
        print(f"batch --no-explain, {args.lines} synthetic applicants, median of {args.runs}:")
        print(f"  check_many alone, in process          {b:10,.0f} applicants/s   (baseline)")
        print(f"  pyqualify batch --jobs 1, cold process {c:10,.0f} applicants/s   "
              f"ratio {c / b:.2f}x   (target >= 10,000/s)")

        write_lines(big, args.big, seed=1)
        _, big_rss = timed([CLI, "batch", str(big), "--no-explain", "--jobs", "1", "--quiet",
                            "--output", out])
        small_rss = statistics.median(memory)
        print("peak resident memory of batch --no-explain --jobs 1:")
        print(f"  {args.lines:>9,} lines  {small_rss / 1024:8.1f} MiB   (baseline)")
        print(f"  {args.big:>9,} lines  {big_rss / 1024:8.1f} MiB   "
              f"ratio {big_rss / small_rss:.2f}x   (target: the same)")

        one, two, capacity = [], [], []
        for _ in range(max(1, args.runs - 1)):
            capacity.append(parallel_capacity())
            one.append(timed([CLI, "batch", str(paths), "--path", "--jobs", "1", "--quiet",
                              "--output", out])[0])
            two.append(timed([CLI, "batch", str(paths), "--path", "--jobs", "2", "--quiet",
                              "--output", out])[0])
        o, t = statistics.median(one), statistics.median(two)
        print(f"batch --path, {args.paths} synthetic applicants (cold process, median):")
        print(f"  --jobs 1  {o:8.2f} s   (baseline)")
        print(f"  --jobs 2  {t:8.2f} s   speed-up {o / t:.2f}x   (target >= 1.6x; "
              f"{os.cpu_count()} cores, shared)")
        print(f"  two CPU-bound processes together vs one after the other, now: "
              f"{statistics.median(capacity):.2f}x   (what 2 cores give at this moment)")


if __name__ == "__main__":
    main()

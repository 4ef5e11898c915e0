"""Benchmark of `pyqualify serve` (a script, not a test): `python bench/bench_serve.py`.

Starts the real server on a free loopback port (2 workers) and, for every bundled example,
prints the median time of a question over HTTP (one kept-alive connection) beside the same
question answered in this process, in the same run:
  /api/check  against  check(...).to_json()          (goal: ≤ 20 ms median over HTTP)
  /api/path   against  fastest_path(...).to_json()   (goal: within 1.5x of in-process)

Then (issue 19) the page's first answer, the empty form's /api/path right after the server
says it is healthy (goal ≤ 0.3 s idle), and a bounded load test on a fresh server:
``--clients`` clients (16) each asking /api/path of varied synthetic applicants, one after
the other, for ``--seconds`` (60), every question a new one (no answer kept by a worker
serves it); beside it the idle median of the same kind of questions asked one at a time in
the same run.  Goal: p95 ≤ 2 × idle median × the queue depth per worker (clients/workers).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import statistics
import sys
import threading
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pyqualify import load_applicant  # noqa: E402
from pyqualify.documents import check_document, path_document  # noqa: E402
from pyqualify.months import current_month, format_month  # noqa: E402
from pyqualify.synthetic import synthetic_applicants  # noqa: E402
from tests.web_server import running_server  # noqa: E402


def medians(first: Callable[[], object], second: Callable[[], object],
            runs: int) -> tuple[float, float]:
    """Median seconds of two actions, run in turn (so that a busy moment of the machine
    falls on both alike)."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        for action, kept in ((first, times[0]), (second, times[1])):
            start = time.perf_counter()
            action()
            kept.append(time.perf_counter() - start)
    return statistics.median(times[0]), statistics.median(times[1])


def load() -> str:
    """The machine's load averages (1, 5, 15 minutes) and its cores."""
    one, five, fifteen = os.getloadavg()
    return f"load {one:.2f} {five:.2f} {fifteen:.2f} (1, 5, 15 min), {os.cpu_count()} cores"


class Client:
    """One kept-alive connection that posts a body and times the answer."""

    def __init__(self, base: str) -> None:
        url = urlsplit(base)
        self.host, self.port = url.hostname, url.port
        self.conn = http.client.HTTPConnection(self.host, self.port, timeout=300)

    def post(self, endpoint: str, body: bytes) -> float:
        start = time.perf_counter()
        for attempt in (1, 2):
            try:
                self.conn.request("POST", endpoint, body=body,
                                  headers={"Content-Type": "application/json"})
                response = self.conn.getresponse()
                data = response.read()
                break
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                self.conn.close()   # an idle kept-alive connection closed: once more
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=300)
                if attempt == 2:
                    raise
        assert response.status == 200, data[:300]
        return time.perf_counter() - start


def first_answer(workers: int) -> tuple[float, float]:
    """Seconds from start to healthy, and of the empty form's first /api/path after."""
    empty = json.dumps({"as_of": format_month(current_month()), "education": "high_school"},
                       separators=(",", ":")).encode()
    started = time.perf_counter()
    with running_server(workers=workers) as base:
        healthy = time.perf_counter() - started
        return healthy, Client(base).post("/api/path?lang=en&target=1", empty)


def load_test(workers: int, clients: int, seconds: float) -> None:
    """The idle median and the latencies of ``clients`` clients at once for ``seconds``."""
    people = synthetic_applicants(20_000, seed=19, as_of="2026-11")
    bodies = iter(json.dumps(p.to_dict()).encode() for p in people)
    lock = threading.Lock()

    def next_body() -> bytes:
        with lock:
            return next(bodies)

    endpoint = "/api/path?lang=en&target=1"
    with running_server(workers=workers) as base:
        idle_client = Client(base)
        for _ in range(3):
            idle_client.post(endpoint, next_body())    # warm the connection
        idle = [idle_client.post(endpoint, next_body()) for _ in range(20)]
        times: list[float] = []
        end = time.monotonic() + seconds

        def run() -> None:
            client = Client(base)
            while time.monotonic() < end:
                took = client.post(endpoint, next_body())
                with lock:
                    times.append(took)

        threads = [threading.Thread(target=run) for _ in range(clients)]
        print(f"  {load()} at the start of the load test")
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        idle += [idle_client.post(endpoint, next_body()) for _ in range(20)]
    idle_median = statistics.median(idle)
    p50 = statistics.median(times)
    p95 = statistics.quantiles(times, n=20, method="inclusive")[18]
    depth = clients / workers
    goal = 2 * idle_median * depth
    print(f"/api/path, varied synthetic applicants, {workers} workers:")
    print(f"  idle, one at a time (40, before and after)   median {idle_median * 1000:7.1f} ms"
          "   (baseline)")
    print(f"  {clients} clients for {seconds:g} s ({len(times)} answers)   median "
          f"{p50 * 1000:7.1f} ms   p95 {p95 * 1000:7.1f} ms   p95 / idle median "
          f"{p95 / idle_median:.1f}x")
    print(f"  goal: p95 <= 2 x idle median x queue depth per worker ({depth:g}) = "
          f"{goal * 1000:.0f} ms: {'met' if p95 <= goal else 'NOT met'}   ({load()} at the end)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check-runs", type=int, default=50)
    parser.add_argument("--path-runs", type=int, default=7)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--only-issue-19", action="store_true",
                        help="only the first answer and the load test")
    args = parser.parse_args()
    print(load())
    healthy, first = first_answer(args.workers)
    print(f"the page's first answer, the empty form's /api/path right after /api/health said "
          f"ok ({healthy:.1f} s after start): {first * 1000:.0f} ms (goal <= 300 ms idle)")
    load_test(args.workers, args.clients, args.seconds)
    if args.only_issue_19:
        return
    examples = sorted((ROOT / "examples").glob("*.yaml"))
    with running_server(workers=2) as base:
        url = urlsplit(base)
        conn = http.client.HTTPConnection(url.hostname, url.port, timeout=120)

        def ask(endpoint: str, body: bytes) -> dict:
            try:
                conn.request("POST", endpoint, body=body,
                             headers={"Content-Type": "application/json"})
                response = conn.getresponse()
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                conn.close()   # the server closed an idle kept-alive connection: reconnect
                conn.request("POST", endpoint, body=body,
                             headers={"Content-Type": "application/json"})
                response = conn.getresponse()
            data = response.read()
            assert response.status == 200, data[:300]
            return json.loads(data)

        print(f"{'example':<24} {'check HTTP':>11} {'in-proc':>9}   {'path HTTP':>10} "
              f"{'in-proc':>9} {'ratio':>6}")
        rows = []
        for example in examples:
            applicant = load_applicant(example)
            body = json.dumps(applicant.to_dict()).encode()
            for _ in range(3):   # warm both sides (the workers' first question, caches)
                ask("/api/check", body)
                check_document(applicant)
            ask("/api/path", body)
            path_document(applicant)
            http_check, local_check = medians(partial(ask, "/api/check", body),
                                              partial(check_document, applicant),
                                              args.check_runs)
            http_path, local_path = medians(partial(ask, "/api/path", body),
                                            partial(path_document, applicant), args.path_runs)
            rows.append((http_check, local_check, http_path, local_path))
            print(f"{example.stem:<24} {http_check * 1000:>8.1f} ms {local_check * 1000:>6.1f} ms"
                  f"   {http_path * 1000:>7.0f} ms {local_path * 1000:>6.0f} ms "
                  f"{http_path / local_path:>6.2f}")
        parse = statistics.median(
            medians(partial(ask, "/api/parse", body), partial(ask, "/api/parse", body),
                    args.check_runs // 2))
        conn.close()
    print(f"\n/api/parse round trip (HTTP, a worker reads and validates the file, no rules): "
          f"{parse * 1000:.1f} ms")
    check_med = statistics.median(r[0] for r in rows)
    ratio_med = statistics.median(r[2] / r[3] for r in rows)
    print(f"/api/check median over the examples: {check_med * 1000:.1f} ms "
          f"(in-process check {statistics.median(r[1] for r in rows) * 1000:.1f} ms; "
          f"goal ≤ 20 ms)")
    print(f"/api/path / in-process fastest_path: median ratio {ratio_med:.2f}, "
          f"worst {max(r[2] / r[3] for r in rows):.2f} (goal ≤ 1.5)")


if __name__ == "__main__":
    main()

"""Benchmark of `pyqualify serve` (a script, not a test): `python bench/bench_serve.py`.

Starts the real server on a free loopback port (2 workers) and, for every bundled example,
prints the median time of a question over HTTP (one kept-alive connection) beside the same
question answered in this process, in the same run:
  /api/check  against  check(...).to_json()          (goal: ≤ 20 ms median over HTTP)
  /api/path   against  fastest_path(...).to_json()   (goal: within 1.5x of in-process)
"""

from __future__ import annotations

import argparse
import http.client
import json
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pyqualify import load_applicant  # noqa: E402
from pyqualify.documents import check_document, path_document  # noqa: E402
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check-runs", type=int, default=50)
    parser.add_argument("--path-runs", type=int, default=7)
    args = parser.parse_args()
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

"""A real ``pyqualify serve`` on a free loopback port, for the browser and load tests."""

from __future__ import annotations

import contextlib
import json
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server(str):
    """The base URL (a str), with the server's ``port`` and its log (standard error)."""

    port: int
    log: Path

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


@contextlib.contextmanager
def running_server(workers: int = 2, time_limit: float = 10.0,
                   args: tuple[str, ...] = ()) -> Iterator[Server]:
    """Start the server, wait for /api/health, yield its base URL, stop it."""
    port = free_port()
    with tempfile.TemporaryDirectory() as folder:
        log = Path(folder) / "server.log"
        with log.open("wb") as sink:
            process = subprocess.Popen(
                [sys.executable, "-m", "pyqualify", "serve", "--port", str(port),
                 "--workers", str(workers), "--time-limit", str(time_limit), *args],
                stdout=subprocess.DEVNULL, stderr=sink)
        base = Server(f"http://127.0.0.1:{port}")
        base.port, base.log = port, log
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    with urllib.request.urlopen(f"{base}/api/health", timeout=2) as response:
                        if json.load(response)["status"] == "ok":
                            break
                except OSError:
                    if process.poll() is not None or time.monotonic() > deadline:
                        raise RuntimeError("the server did not start: "
                                           + base.log_text()[-2000:]) from None
                    time.sleep(0.2)
            yield base
        finally:
            process.terminate()
            try:
                process.wait(20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(5)

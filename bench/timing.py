"""Shared timing helpers of the benchmarks: cold processes beside a baseline."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterable
from pathlib import Path

CLI = str(Path(sys.executable).with_name("pyqualify"))
BASELINE = [sys.executable, "-c", "import clingo"]


def wall(command: list[str]) -> float:
    """Seconds one process takes from start to exit."""
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def cold_runs(commands: Iterable[list[str]]) -> tuple[list[float], list[float]]:
    """Each command timed right after a baseline `python -c "import clingo"` process."""
    base, cold = [], []
    for command in commands:
        base.append(wall(BASELINE))
        cold.append(wall(command))
    return base, cold

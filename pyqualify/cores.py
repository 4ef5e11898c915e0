"""How many cores this process may use: the default number of workers everywhere
(``batch --jobs 0``, ``population_paths(jobs=0)``, ``serve --workers``)."""

from __future__ import annotations

import os


def usable_cores() -> int:
    """The cores this process may run on (its CPU affinity where the system tells it, else
    all of the machine's), at least 1."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)

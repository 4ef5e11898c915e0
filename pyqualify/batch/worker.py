"""The life of a worker process of the local engine, and what it keeps across chunks.

A worker imports this module (not the runner), answers chunks until its pool is shut down
or it is replaced, and keeps one cache of path answers for its life.
"""

from __future__ import annotations

from contextlib import suppress
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..population import PathCache

_CACHE: PathCache | None = None


def path_cache() -> PathCache:
    """This process's cache of path answers (kept across chunks)."""
    global _CACHE
    if _CACHE is None:
        from ..population import PathCache  # here: a batch without --path never plans

        _CACHE = PathCache()
    return _CACHE


def worker_start(parent: int) -> None:
    """The start of a worker process.  Workers leave Ctrl-C to the parent, which stops
    handing out work and closes the output after the last complete answer; and a worker
    whose parent was killed exits (else it would wait for ever to hand back its answer)."""
    import atexit
    import gc
    import os
    import signal
    import threading
    import time

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    atexit.register(_exit_at_once)
    # A worker makes many short-lived containers (freed by reference counting) beside
    # caches that grow to a hundred thousand objects (symbols, parsed atoms): at Python's
    # default threshold (700) its cycle collections cost about 6 us an applicant, scanning
    # those caches again and again.  Cycles are still collected, less often.
    gc.set_threshold(50_000, 20, 100)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _exit_at_once() -> None:
    """A worker exits once it has handed back its last answer (the pool is shut down, or
    it is replaced): the system frees its memory at once, instead of the interpreter's
    teardown freeing clingo's symbols and every object one by one (tens of milliseconds,
    which the pool waits for)."""
    import os
    import sys

    for stream in (sys.stdout, sys.stderr):
        with suppress(AttributeError, OSError, ValueError):
            stream.flush()
    os._exit(0)

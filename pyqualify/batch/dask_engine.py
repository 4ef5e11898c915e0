"""The Dask engine: the same chunks, answered on a Dask cluster (``pyqualify[dask]``).

Each chunk of the input is one task (a partition) handed to ``distributed``'s executor;
the runner keeps a bounded window of tasks in flight and writes their answers in input
order, exactly as the local engine does.  Without a scheduler address a LocalCluster of
``jobs`` single-threaded worker processes is started for the run.
"""

from __future__ import annotations

from concurrent.futures import Executor
from contextlib import ExitStack

from ..messages import InputError


def dask_executor(scheduler: str | None, jobs: int, stack: ExitStack) -> tuple[Executor, int]:
    """An executor on the cluster at ``scheduler`` (or a new local one) and its workers."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise InputError("--engine", "Dask installed: pip install 'pyqualify[dask]'",
                         "dask") from None
    if scheduler is None:
        cluster = stack.enter_context(LocalCluster(
            n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None))
        client = stack.enter_context(Client(cluster))
    else:
        try:
            client = stack.enter_context(Client(scheduler, timeout="20s"))
        except OSError as exc:
            raise InputError("--scheduler", f"the address of a running Dask scheduler "
                                            f"({exc})", scheduler) from None
    threads = sum(client.nthreads().values()) or 1
    return client.get_executor(pure=False), threads

"""Running a batch: chunks handed to an executor, answers written in input order.

Engines: ``local`` (this process for one job, else worker processes) and ``dask`` (a Dask
cluster through ``distributed``'s executor, a LocalCluster when no scheduler is given).
At most a few chunks per worker are in flight, so memory does not grow with the input.
"""

from __future__ import annotations

import os
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future
from concurrent.futures.process import BrokenProcessPool
from contextlib import ExitStack
from dataclasses import dataclass
from typing import Any

from ..cores import usable_cores
from ..messages import InputError
from .inputs import Chunk, chunks, count_items
from .outputs import Writer, output_kind
from .records import Answer, Settings
from .resume import resume_point
from .summary import Summary
from .targets import check_targets, close_target, open_target
from .work import answer_chunk
from .worker import worker_start

CHECK_CHUNK = 1000    # items per chunk when only checking (one grounding each)
PATH_CHUNK = 2        # items per chunk with --path (a path takes a fraction of a second)
IN_FLIGHT = 3         # chunks in flight per worker
# clingo keeps every symbol it has seen for the life of a process (about 1 KB per applicant
# checked), so a worker process is replaced after this many applicants: memory stays bounded.
RECYCLE_AFTER = 20_000


@dataclass
class Run:
    """One batch run: where from, where to, and how."""

    source: str
    output: str | None
    settings: Settings
    jobs: int = 0                 # 0: the number of cores
    engine: str = "local"
    scheduler: str | None = None
    resume: bool = False
    progress: bool = True
    summary_file: str | None = None   # checked with the output before anything is written
    chunk_size: int | None = None
    inline: bool = False          # one job in this process (no worker; memory grows slowly)


class InlineExecutor(Executor):
    """Runs each task at submission, in this process (one job: no copies, no pickling)."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:  # handed to the caller, as a pool would
            future.set_exception(exc)
        return future


def jobs_of(jobs: int) -> int:
    return jobs if jobs > 0 else usable_cores()


def execute(run: Run, on_answer: Callable[[Answer], None] | None = None) -> Summary:
    """Answer every item of ``run.source``; write them to ``run.output`` in input order."""
    settings = run.settings
    summary = Summary(settings.target)
    done = 0
    kind = output_kind(run.output)
    if run.resume:
        if run.output is None:
            raise InputError("--resume", "an --output file to continue", has_got=False)
        if kind == "xlsx":
            raise InputError("--resume", "an --output in JSON Lines or CSV (an .xlsx file "
                                         "is written only at the end)", has_got=False)
    check_targets(run.source, run.output, run.summary_file, resume=run.resume, kind=kind)
    target = None
    if run.output is not None and kind != "xlsx":
        target = open_target(run.output, "--output", resume=run.resume)
    size = run.chunk_size or (PATH_CHUNK if settings.target is not None else CHECK_CHUNK)
    jobs = jobs_of(run.jobs)
    started = time.perf_counter()
    with ExitStack() as stack:
        if target is not None:
            stack.callback(close_target, target)
        if run.resume and target is not None:
            done = resume_point(target, run.source, settings, kind, summary.add)
            summary.resumed = done
        executor, workers = _executor(run, jobs, size, stack)
        writer = Writer(run.output, settings, target=target, append=done > 0)
        target = None   # the writer closes it
        bar = stack.enter_context(_progress(run, done))
        try:
            for answer in _answers(executor, chunks(run.source, size, skip=done), settings,
                                   workers * IN_FLIGHT):
                writer.write(answer)
                for entry in answer.entries:
                    summary.add(entry)
                summary.solved += answer.solved
                if on_answer is not None:
                    on_answer(answer)
                if bar is not None:
                    bar.update(len(answer.entries))
        finally:
            summary.seconds = time.perf_counter() - started
            writer.close()
    return summary


class WorkerLost(Exception):
    """A worker process ended without handing back its answer (killed from outside, or
    out of memory); the output holds the complete answers before it."""


def _answers(executor: Executor, source: Iterator[Chunk], settings: Settings,
             window: int) -> Iterator[Answer]:
    """:func:`_ordered`, with a lost worker (a pool broken by ``kill -9``, a Dask worker
    killed again and again) said as such."""
    try:
        yield from _ordered(executor, source, settings, window)
    except BrokenProcessPool:
        raise WorkerLost() from None
    except Exception as exc:
        if exc.__class__.__name__ == "KilledWorker":   # distributed's, after its retries
            raise WorkerLost() from None
        raise


def _ordered(executor: Executor, source: Iterator[Chunk], settings: Settings,
             window: int) -> Iterator[Answer]:
    """Answers in input order, with at most ``window`` chunks submitted and not yet taken."""
    pending: deque[Future[Answer]] = deque()
    try:
        for chunk in source:
            pending.append(executor.submit(answer_chunk, chunk, settings))
            if len(pending) >= window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        for future in pending:
            future.cancel()


def _executor(run: Run, jobs: int, size: int, stack: ExitStack) -> tuple[Executor, int]:
    if run.engine == "dask":
        from .dask_engine import dask_executor

        return dask_executor(run.scheduler, jobs, stack)
    if run.inline:
        return InlineExecutor(), 1
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("spawn"),
                               initializer=worker_start, initargs=(os.getpid(),),
                               max_tasks_per_child=max(1, RECYCLE_AFTER // size))
    stack.callback(pool.shutdown, wait=True, cancel_futures=True)
    return pool, jobs


class _NoBar:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: Any) -> None:
        return None


def _progress(run: Run, done: int) -> Any:
    """A tqdm bar on standard error when it is a terminal (done, rate, time left)."""
    if not run.progress or not sys.stderr.isatty():
        return _NoBar()
    import shutil

    from tqdm import tqdm

    size = shutil.get_terminal_size((100, 24))   # 0 x 0 on some pseudo-terminals
    return tqdm(total=count_items(run.source), initial=done, unit=" applicants",
                unit_scale=True, file=sys.stderr, ncols=min(size.columns or 100, 120),
                nrows=size.lines or 24, smoothing=0.1)

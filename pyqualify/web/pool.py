"""A pool of worker processes with a time limit per question.

Each worker is a process of its own that answers one question at a time. A question that
runs past the time limit gets :class:`Timeout`; its worker is killed and a fresh one takes
its place, so a slow question never holds a worker for longer than the limit. The server's
event loop only waits on the workers' pipes: it stays free for other requests.
"""

from __future__ import annotations

import asyncio
import multiprocessing
from collections.abc import Awaitable, Callable
from multiprocessing.connection import Connection
from typing import Any

from ..cores import usable_cores

READY = "ready"
START_SECONDS = 60.0   # the most a fresh worker may take to import the engine


class Timeout(Exception):
    """The question ran past the time limit (its worker was replaced)."""


class Gone(Exception):
    """The asker went away before a worker came free (nothing was computed)."""


class Busy(Exception):
    """No worker came free in time, or a worker stopped (the question was not answered)."""


def _work(conn: Connection, warm: str) -> None:
    """A worker's life: import the engine, then answer questions until the pipe closes."""
    from . import jobs

    jobs.warm_up(warm)
    conn.send(READY)
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        conn.send(jobs.answer(job))


class _Worker:
    def __init__(self, context: Any, warm: str) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_work, args=(child, warm), daemon=True)
        self.process.start()
        child.close()
        self.ready = False
        # its READY read as soon as it comes (a task of the running loop), so that the pool
        # knows when every worker is warm (WorkerPool.warm)
        self.starting = asyncio.get_running_loop().create_task(self._start())
        self.starting.add_done_callback(lambda t: t.cancelled() or t.exception())

    async def _start(self) -> None:
        await self._readable(START_SECONDS)
        if self.conn.recv() != READY:
            raise EOFError("the worker did not start")
        self.ready = True

    async def _readable(self, timeout: float) -> None:
        loop = asyncio.get_running_loop()
        done = loop.create_future()
        fd = self.conn.fileno()
        loop.add_reader(fd, lambda: done.done() or done.set_result(None))
        try:
            await asyncio.wait_for(done, timeout)
        finally:
            loop.remove_reader(fd)

    async def call(self, job: Any, timeout: float) -> Any:
        if not self.ready:
            await self.starting
        self.conn.send(job)
        await self._readable(timeout)
        return self.conn.recv()

    def kill(self) -> None:
        self.starting.cancel()
        self.process.kill()
        self.process.join(5)
        self.conn.close()


class WorkerPool:
    """``size`` worker processes; :meth:`run` answers one job within ``time_limit`` seconds."""

    def __init__(self, size: int, time_limit: float, wait_limit: float | None = None,
                 warm: str = "check") -> None:
        self.size = size
        self.warm = warm   # the kind of question a fresh worker answers once to warm up
        self.time_limit = time_limit
        # how long a question may wait for a free worker before it is refused as busy
        self.wait_limit = wait_limit if wait_limit is not None else max(60.0, 6 * time_limit)
        self._context = multiprocessing.get_context("spawn")
        self._idle: asyncio.LifoQueue[_Worker] | None = None
        self._all: list[_Worker] = []

    def start(self) -> None:
        # last in, first out: the worker that answered last answers next, with its caches
        # warm (under load every worker is busy anyway)
        self._idle = asyncio.LifoQueue()
        for _ in range(self.size):
            self._idle.put_nowait(self._spawn())

    async def warmed(self, timeout: float = START_SECONDS) -> bool:
        """Wait until every worker started so far has imported the engine and answered its
        warm-up questions (the server reports healthy only then); False if one did not
        within ``timeout`` seconds (it is replaced when a question needs it)."""
        starting = [w.starting for w in self._all]
        done, _ = await asyncio.wait(starting, timeout=timeout) if starting else (set(), set())
        return len(done) == len(starting) and all(
            not t.cancelled() and t.exception() is None for t in done)

    def _spawn(self) -> _Worker:
        worker = _Worker(self._context, self.warm)
        self._all.append(worker)
        return worker

    def _replace(self, worker: _Worker) -> _Worker:
        worker.kill()
        self._all.remove(worker)
        return self._spawn()

    async def run(self, job: Any,
                  still_wanted: Callable[[], Awaitable[bool]] | None = None) -> Any:
        """The job's answer; :class:`Timeout` past the limit, :class:`Busy` if none free.

        ``still_wanted`` is asked once a worker is free: a question whose asker has gone
        away meanwhile (a page that sent a newer one) is dropped without being computed.
        """
        assert self._idle is not None, "start() the pool first"
        try:
            worker = await asyncio.wait_for(self._idle.get(), self.wait_limit)
        except TimeoutError:
            raise Busy("every worker is busy") from None
        if still_wanted is not None and not await still_wanted():
            self._idle.put_nowait(worker)
            raise Gone
        try:
            return await worker.call(job, self.time_limit)
        except TimeoutError:
            worker = self._replace(worker)
            raise Timeout(f"the question took longer than {self.time_limit:g} s") from None
        except (EOFError, OSError, asyncio.CancelledError) as exc:
            worker = self._replace(worker)
            if isinstance(exc, asyncio.CancelledError):
                raise
            raise Busy("a worker stopped") from None
        finally:
            self._idle.put_nowait(worker)

    def close(self) -> None:
        for worker in self._all:
            worker.kill()
        self._all.clear()

    def pids(self) -> list[int]:
        return [w.process.pid for w in self._all if w.process.pid is not None]


def default_workers() -> int:
    """The number of cores this process may use."""
    return usable_cores()

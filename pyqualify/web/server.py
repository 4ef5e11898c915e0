"""Run the application with uvicorn (``pyqualify serve``), with bounded connections.

uvicorn closes a kept-alive connection that stays idle (``timeout_keep_alive``), but by
itself it never closes a connection that sends its request's headers slowly or not at all,
and its ``limit_concurrency`` counts such connections with the rest: 1,100 half-sent
requests made ``/api/health`` answer 503.  :class:`GuardedProtocol` bounds them instead:

- the headers of a request must arrive within ``header_seconds`` of the connection (or of
  the previous answer on a kept-alive one), else the connection is closed;
- at most ``max_connections`` connections at once: past it, the one that has waited longest
  for its client (headers not complete, or idle) is closed to make room, so a crowd of
  stalled connections never keeps a real request out;
- the body must arrive within ``body_seconds`` (the application answers 408, see app.py).
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from typing import Any, ClassVar

import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from ..options import DEFAULT_TIME_LIMIT
from .app import BODY_SECONDS, MAX_HORIZON, allowed_hosts, create_app
from .pool import default_workers

HEADER_SECONDS = 10.0     # a request's headers must arrive within this
KEEP_ALIVE_SECONDS = 5    # an idle kept-alive connection is closed after this
MAX_CONNECTIONS = 4096    # open connections at once (the oldest waiting one makes room)


class GuardedProtocol(H11Protocol):
    """uvicorn's h11 protocol with a deadline for the headers and a bound on connections."""

    header_seconds: ClassVar[float] = HEADER_SECONDS
    max_connections: ClassVar[int] = MAX_CONNECTIONS
    waiting: ClassVar[OrderedDict[GuardedProtocol, None]] = OrderedDict()
    _timer: asyncio.TimerHandle | None = None

    @classmethod
    def bounded(cls, header_seconds: float, max_connections: int) -> type[GuardedProtocol]:
        """A subclass for one server, with its own bounds and its own list of waiters."""
        return type("BoundedProtocol", (cls,), {
            "header_seconds": header_seconds, "max_connections": max_connections,
            "waiting": OrderedDict()})

    def connection_made(self, transport: Any) -> None:  # type: ignore[override]
        super().connection_made(transport)
        while len(self.connections) > self.max_connections and self.waiting:
            oldest, _ = self.waiting.popitem(last=False)
            oldest._drop()
        if len(self.connections) > self.max_connections:   # everyone is being answered
            self._drop()
            return
        self._wait_for_headers()

    def connection_lost(self, exc: Exception | None) -> None:
        self._stop_waiting()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        cycle = self.cycle
        super().data_received(data)
        if self.cycle is not cycle:   # the headers are complete: a request began
            self._stop_waiting()

    def on_response_complete(self) -> None:
        cycle = self.cycle
        super().on_response_complete()
        if not self.transport.is_closing() and (
                self.cycle is cycle or self.cycle.response_complete):
            self._wait_for_headers()   # kept alive: the next request's headers, in time

    def _wait_for_headers(self) -> None:
        self._stop_waiting()
        self._timer = self.loop.call_later(self.header_seconds, self._drop)
        self.waiting[self] = None

    def _stop_waiting(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        self.waiting.pop(self, None)

    def _drop(self) -> None:
        """Close a connection whose client is not sending (nothing is being answered)."""
        self._stop_waiting()
        if not self.transport.is_closing():
            self.transport.close()


def run(*, host: str = "127.0.0.1", port: int = 8000, workers: int | None = None,
        time_limit: float = DEFAULT_TIME_LIMIT, max_horizon: int = MAX_HORIZON,
        extra_hosts: tuple[str, ...] = (), header_seconds: float = HEADER_SECONDS,
        body_seconds: float = BODY_SECONDS, max_connections: int = MAX_CONNECTIONS) -> None:
    """Serve until interrupted: one event loop, ``workers`` processes for each pool."""
    size = workers or default_workers()
    app = create_app(workers=size, time_limit=time_limit, max_horizon=max_horizon,
                     body_seconds=body_seconds, hosts=allowed_hosts(host, extra_hosts),
                     extra_hosts=extra_hosts)
    config = uvicorn.Config(app, host=host, port=port, log_level="info",
                            access_log=False, server_header=False,
                            http=GuardedProtocol.bounded(header_seconds, max_connections),
                            limit_concurrency=None, timeout_keep_alive=KEEP_ALIVE_SECONDS,
                            backlog=4096)
    uvicorn.Server(config).run()

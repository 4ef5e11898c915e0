"""Run the application with uvicorn (``pyqualify serve``)."""

from __future__ import annotations

import uvicorn

from .app import create_app
from .pool import default_workers


def run(*, host: str = "127.0.0.1", port: int = 8000, workers: int | None = None,
        time_limit: float = 10.0) -> None:
    """Serve until interrupted: one event loop, ``workers`` processes for each pool."""
    size = workers or default_workers()
    app = create_app(workers=size, time_limit=time_limit)
    config = uvicorn.Config(app, host=host, port=port, log_level="info",
                            access_log=False, server_header=False,
                            limit_concurrency=1000, timeout_keep_alive=5)
    uvicorn.Server(config).run()

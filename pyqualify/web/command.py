"""``pyqualify serve``: the click command (imports the server only when run)."""

from __future__ import annotations

import click


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (loopback by default; 0.0.0.0 opens it to others).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port to listen on (0: any free port, printed at start).")
@click.option("--workers", type=click.IntRange(1, 64), default=None,
              help="Worker processes of each pool, one pool for check and one for path "
                   "(default: the number of cores).")
@click.option("--time-limit", "time_limit", type=click.FloatRange(0.1, 3600), default=10.0,
              show_default=True, help="Seconds a question may run before it answers 503.")
def serve(host: str, port: int, workers: int | None, time_limit: float) -> None:
    """Serve the web page and the HTTP API (SERVICE.md) until interrupted."""
    try:
        from .server import run
    except ImportError as exc:  # the web extra is not installed
        raise click.ClickException(
            f"the web server needs the web extra: pip install 'pyqualify[web]' ({exc})"
        ) from None
    run(host=host, port=port, workers=workers, time_limit=time_limit)

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
@click.option("--max-horizon", "max_horizon", type=click.IntRange(1, 1200), default=480,
              show_default=True, help="The longest planning horizon a request may ask for "
                                      "(months); a longer one answers 422 naming horizon.")
@click.option("--allow-host", "extra_hosts", multiple=True, metavar="NAME",
              help="Another host name the server answers to (the Host header), besides "
                   "--host and, on loopback, localhost/127.0.0.1; repeatable.")
@click.option("--header-timeout", "header_seconds", type=click.FloatRange(0.1, 600),
              default=10.0, show_default=True,
              help="Seconds a request's headers may take to arrive before the connection "
                   "is closed.")
@click.option("--body-timeout", "body_seconds", type=click.FloatRange(0.1, 600),
              default=30.0, show_default=True,
              help="Seconds a request's body may take to arrive before it answers 408.")
def serve(host: str, port: int, workers: int | None, time_limit: float, max_horizon: int,
          extra_hosts: tuple[str, ...], header_seconds: float, body_seconds: float) -> None:
    """Serve the web page and the HTTP API (docs/service.md) until interrupted."""
    try:
        from .server import run
    except ImportError as exc:  # the web extra is not installed
        raise click.ClickException(
            f"the web server needs the web extra: pip install 'pyqualify[web]' ({exc})"
        ) from None
    run(host=host, port=port, workers=workers, time_limit=time_limit,
        max_horizon=max_horizon, extra_hosts=extra_hosts, header_seconds=header_seconds,
        body_seconds=body_seconds)

"""``pyqualify batch``, ``template`` and ``synth`` (docs/batch.md); the work is done by
:mod:`pyqualify.batch.command`."""

from __future__ import annotations

import click

from ..options import DEFAULT_TIME_LIMIT
from .common import (
    answers_errors,
    parse_as_of,
    parse_settings,
)


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--output", type=click.Path(dir_okay=False, writable=True),
              help="Write the answers here (.jsonl, or .csv/.xlsx: one row per applicant) "
                   "instead of standard output.")
@click.option("--format", "fmt", type=click.Choice(["json"]), default="json",
              help="Output format (JSON Lines).")
@click.option("--as-of", "as_of", metavar="YYYY-MM", help="Override every line's as_of.")
@click.option("--set", "settings", multiple=True, metavar="NAME=VALUE",
              help="Override a threshold or flip a switch, as for check.")
@click.option("--explain/--no-explain", default=True, show_default=True,
              help="Include the unmet conditions of failing routes.")
@click.option("--path", "with_path", is_flag=True,
              help="Also plan the fastest path for every line (default options).")
@click.option("--target", type=click.IntRange(1, 4), default=1, show_default=True,
              help="With --path, the level wanted.")
@click.option("--jobs", type=int, default=0, metavar="N",
              help="Worker processes (default 0: one per core); the output keeps input order.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local",
              show_default=True, help="Where to run: here, or on a Dask cluster.")
@click.option("--scheduler", metavar="ADDRESS",
              help="With --engine dask: the scheduler (tcp://host:8786); default a local one.")
@click.option("--resume", is_flag=True,
              help="Continue an interrupted run: answer only the lines not yet in --output.")
@click.option("--quiet", is_flag=True, help="No progress bar and no summary on stderr.")
@click.option("--summary", "summary_file", type=click.Path(dir_okay=False), metavar="FILE",
              help="Also write the summary as JSON to FILE.")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None,
              help="Language of the error messages in the records (default: English).")
@click.option("--time-limit", type=float, metavar="SECONDS", default=DEFAULT_TIME_LIMIT,
              show_default=True,
              help="With --path, give up a path question after this many seconds: that "
                   "line gets an error record and the batch goes on.")
@answers_errors
def batch(file: str, output: str | None, fmt: str, as_of: str | None,
          settings: tuple[str, ...], explain: bool, with_path: bool, target: int, jobs: int,
          engine: str, scheduler: str | None, resume: bool, quiet: bool,
          summary_file: str | None, lang: str | None, time_limit: float | None) -> None:
    """Check every applicant of FILE (.jsonl, - for stdin, .csv or .xlsx) in one run."""
    from ..batch.command import run_batch_command

    run_batch_command(file, output, as_of=parse_as_of(as_of), params=parse_settings(settings),
                      explain=explain, target=target if with_path else None, jobs=jobs,
                      engine=engine, scheduler=scheduler, resume=resume, quiet=quiet,
                      summary_file=summary_file, lang=lang or "en", time_limit=time_limit)


@click.command()
@click.argument("file", type=click.Path(dir_okay=False))
@answers_errors
def template(file: str) -> None:
    """Write an empty spreadsheet for batch: FILE.xlsx (with a help sheet) or FILE.csv."""
    from ..batch.command import write_template_command

    write_template_command(file)


@click.command()
@click.argument("count", type=int, metavar="N")
@click.option("--seed", type=int, default=0, show_default=True, help="The same seed, the "
              "same people.")
@click.option("--as-of", "as_of", default="2026-11", show_default=True, metavar="YYYY-MM")
@click.option("--output", type=click.Path(dir_okay=False), help="Default: standard output.")
@answers_errors
def synth(count: int, seed: int, as_of: str, output: str | None) -> None:
    """Write N synthetic applicants (the notebooks' generator) as JSON Lines."""
    from ..batch.command import synth_command

    synth_command(count, seed, as_of, output)

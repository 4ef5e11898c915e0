"""The code behind ``pyqualify batch``, ``pyqualify template`` and ``pyqualify synth``
(cli.py only registers the commands and their options)."""

from __future__ import annotations

import errno
import json
import sys
from typing import Any

import click

from ..loader import shown_name
from ..messages import InputError, input_error
from .outputs import output_kind
from .records import Settings
from .runner import Run, WorkerLost, execute
from .targets import close_target, open_target


def run_batch_command(file: str, output: str | None, *, as_of: int | None,
                      params: dict[str, Any], explain: bool, target: int | None, jobs: int,
                      engine: str, scheduler: str | None, resume: bool, quiet: bool,
                      summary_file: str | None, lang: str,
                      time_limit: float | None = None) -> None:
    """Run the batch; the summary goes to standard error and ``summary_file``."""
    if jobs < 0:
        raise InputError("--jobs", "a number of worker processes (0 or more)", jobs)
    if time_limit is not None and not 0 < time_limit <= 86400:
        raise InputError("--time-limit", "a number of seconds above 0 and at most 86400",
                         time_limit)
    if scheduler is not None and engine != "dask":
        raise InputError("--scheduler", "--engine dask with it", has_got=False)
    kind = output_kind(output)
    settings = Settings(as_of=as_of, params=params or None, explain=explain, target=target,
                        time_limit=time_limit,
                        output=kind, lang=lang, opens=kind != "jsonl" and explain)
    if engine == "dask" and scheduler is not None:
        from .dask_engine import check_address

        check_address(scheduler)
    run = Run(source=file, output=output, settings=settings, jobs=jobs, engine=engine,
              scheduler=scheduler, resume=resume, progress=not quiet, summary_file=summary_file)
    written = {"lines": 0}

    def count(answer: Any) -> None:
        written["lines"] += len(answer.entries)

    try:
        summary = execute(run, on_answer=count)
    except KeyboardInterrupt:
        where = f" to {shown_name(output)}" if output else ""
        click.echo(f"pyqualify: interrupted after {written['lines']} answers written{where}; "
                   "run the same command with --resume to continue", err=True)
        sys.exit(130)
    except WorkerLost:
        where = f" to {shown_name(output)}" if output else ""
        hint = ("run the same command with --resume to continue" if output else
                "run it again with --output FILE to be able to --resume")
        click.echo(f"pyqualify: error: a worker process ended without its answer (killed, "
                   f"or out of memory) after {written['lines']} answers written{where}; "
                   f"{hint}", err=True)
        sys.exit(1)
    if summary_file:
        write_summary(summary_file, summary.to_json())
    if not quiet:
        click.echo(summary.text(), err=True)


def write_summary(name: str, document: dict[str, Any]) -> None:
    """The summary as JSON, opened as an output is (no waiting on a FIFO without reader)."""
    target = open_target(name, "--summary")
    try:
        handle = target.writing(fresh=True)
        try:
            json.dump(document, handle, ensure_ascii=False, indent=2)
            handle.write("\n")
        finally:
            close_target(target)
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO):
            raise
        raise InputError("--summary", f"a file that can be written ({exc.strerror})",
                         name) from None


def write_template_command(file: str) -> None:
    from .table import write_template

    if not file.lower().endswith((".xlsx", ".csv")):
        raise InputError("FILE", "a file name ending in .xlsx or .csv", file)
    try:
        write_template(file)
    except OSError as exc:
        raise InputError("FILE", f"a file that can be written ({exc.strerror})", file) from None
    except ImportError:
        raise InputError("FILE", "openpyxl installed to write .xlsx (pip install openpyxl)",
                         file) from None


MAX_SYNTH = 10_000_000  # ten times the population study of a million people


def synth_command(count: int, seed: int, as_of: str, output: str | None) -> None:
    """Write ``count`` synthetic applicants as JSON Lines."""
    from ..months import parse_month
    from ..synthetic import synthetic_lines

    try:
        parse_month(as_of)
    except ValueError as exc:
        raise InputError("--as-of", str(exc), as_of) from None
    if not 0 <= count <= MAX_SYNTH:
        raise input_error("N", "whole_number_range", count, low=0, high=MAX_SYNTH)
    try:
        handle = open(output, "w", encoding="utf-8") if output else sys.stdout  # noqa: SIM115
    except OSError as exc:
        raise InputError("--output", f"a file that can be written ({exc.strerror})",
                         output) from None
    try:
        for line in synthetic_lines(count, seed=seed, as_of=as_of):
            handle.write(line + "\n")
    finally:
        if output:
            handle.close()

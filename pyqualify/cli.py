"""The ``pyqualify`` command line: ``check``, ``batch`` (and ``path``).

Exit status (OUTPUT.md): 0 answered, 2 bad input or options, 1 a fault of the program.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from functools import wraps
from typing import Any, NoReturn

import click

from .applicant import InputError

EXIT_BAD_INPUT = 2
EXIT_FAULT = 1


def default_lang() -> str:
    """Chinese when the locale says so, else English."""
    for name in ("PYQUALIFY_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def fail(message: str, status: int = EXIT_BAD_INPUT) -> NoReturn:
    click.echo(f"pyqualify: error: {message}", err=True)
    sys.exit(status)


def answers_errors(command: Callable[..., Any]) -> Callable[..., Any]:
    """Bad input exits 2 with the message; any other fault exits 1, without a traceback."""
    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except InputError as exc:
            fail(str(exc))
        except click.exceptions.Exit:
            raise
        except Exception as exc:  # a fault of the program: say so plainly
            if os.environ.get("PYQUALIFY_DEBUG"):
                raise
            fail(f"internal error ({exc.__class__.__name__}: {exc}); "
                 "set PYQUALIFY_DEBUG=1 to see where", EXIT_FAULT)
    return wrapper


def rule_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Options shared by every command that applies the rules."""
    command = click.option(
        "--set", "settings", multiple=True, metavar="NAME=VALUE",
        help="Override a threshold (l1_1_work_months=36) or flip a switch "
             "(I1=false, higher_tier_counts_as_technical_school=false). Repeatable.")(command)
    command = click.option("--as-of", "as_of", metavar="YYYY-MM",
                           help="The month of the question (default: the file's, else "
                                "the current month).")(command)
    command = click.option("--lang", type=click.Choice(["zh", "en"]), default=None,
                           help="Language of the text output (default: from the locale).")(
        command)
    command = click.option("--format", "fmt", type=click.Choice(["text", "json"]),
                           default="text", show_default=True, help="Output format.")(command)
    return command


def parse_settings(settings: tuple[str, ...]) -> dict[str, int | bool]:
    """``NAME=VALUE`` pairs into typed values (bad ones exit 2 naming the option)."""
    from .params import SWITCH_IDS, SWITCHES, RuleParams

    values: dict[str, int | bool] = {}
    for item in settings:
        name, sep, raw = item.partition("=")
        name = SWITCH_IDS.get(name.strip(), name.strip())
        raw = raw.strip().lower()
        if not sep:
            fail(f"--set {item}: expected NAME=VALUE")
        if name in SWITCHES:
            if raw not in ("true", "false", "on", "off", "yes", "no", "1", "0"):
                fail(f"--set {item}: expected true or false")
            values[name] = raw in ("true", "on", "yes", "1")
        else:
            try:
                values[name] = int(raw)
            except ValueError:
                fail(f"--set {item}: expected a whole number")
    try:
        RuleParams.of(values)
    except ValueError as exc:
        fail(f"--set: {exc}")
    return values


def parse_as_of(text: str | None) -> int | None:
    from .months import parse_month

    if text is None:
        return None
    try:
        return parse_month(text)
    except ValueError as exc:
        fail(f"--as-of: expected {exc}, got {text!r}")


def emit_json(document: Any) -> None:
    click.echo(json.dumps(document, ensure_ascii=False, indent=2))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="pyqualify")
def main() -> None:
    """Which level of 全媒体运营师 may I sit now, and what is my fastest path to level 1?"""


@main.command()
@click.argument("file", type=click.Path(dir_okay=False))
@rule_options
@answers_errors
def check(file: str, fmt: str, lang: str | None, as_of: str | None,
          settings: tuple[str, ...]) -> None:
    """Which levels FILE's applicant may sit now, and by which routes."""
    from .applicant import load_applicant
    from .eligibility import check as run_check

    params = parse_settings(settings)
    month = parse_as_of(as_of)
    result = run_check(load_applicant(file), as_of=month, params=params)
    if fmt == "json":
        emit_json(result.to_json())
    else:
        from .render import render_check

        click.echo(render_check(result, lang or default_lang()))


@main.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--target", type=click.IntRange(1, 4), default=1, show_default=True,
              help="The level whose certificate is wanted (1 = 一级/高级技师).")
@click.option("--no-study", is_flag=True, help="Rule out new study.")
@click.option("--exclude", "excluded", multiple=True, metavar="PROGRAMME",
              help="Rule out one programme of the catalogue (repeatable).")
@click.option("--no-training", is_flag=True, help="Rule out a training course.")
@click.option("--no-assume-work", is_flag=True,
              help="Count future work only where a work record of the file covers it.")
@click.option("--horizon", type=int, metavar="MONTHS",
              help="Months from as_of within which to look (default 240).")
@click.option("--certificate-delay", type=int, metavar="MONTHS",
              help="Months from exam to certificate (default 2).")
@click.option("--training-months", type=int, metavar="MONTHS",
              help="Length of a training course (default 1).")
@click.option("--training-hours", type=int, metavar="HOURS",
              help="Hours a training course certifies (default 48).")
@click.option("--exam-months", multiple=True, metavar="LEVEL=M,M,...",
              help="Calendar months in which a level can be sat, e.g. 2=3,6,9,12 "
                   "(repeatable; default: every month for 4 and 3, quarterly for 2 and 1).")
@click.option("--catalog", type=click.Path(dir_okay=False), metavar="FILE",
              help="A programme catalogue of your own (same format as the shipped one).")
@click.option("--all", "all_plans", is_flag=True,
              help="Show further optimal plans that differ in their exams or study (a "
                   "training course is always planned at as_of, a part-time programme at "
                   "its earliest start: later starts are never better).")
@click.option("--max-plans", type=click.IntRange(1, 100), default=10, show_default=True,
              help="With --all, at most this many plans.")
@click.option("--no-tradeoffs", is_flag=True,
              help="Do not compute the trade-off between months and study.")
@rule_options
@answers_errors
def path(file: str, target: int, no_study: bool, excluded: tuple[str, ...], no_training: bool,
         no_assume_work: bool, horizon: int | None, certificate_delay: int | None,
         training_months: int | None, training_hours: int | None,
         exam_months: tuple[str, ...], catalog: str | None, all_plans: bool, max_plans: int,
         no_tradeoffs: bool, fmt: str, lang: str | None, as_of: str | None,
         settings: tuple[str, ...]) -> None:
    """The fastest path from FILE's applicant to a certificate (default: level 1)."""
    from .applicant import load_applicant
    from .options import PlannerOptions, load_catalog
    from .planner import fastest_path

    params = parse_settings(settings)
    month = parse_as_of(as_of)
    options = PlannerOptions.default()
    changes: dict[str, Any] = {}
    if catalog:
        changes["catalog"] = load_catalog(catalog)
    for name, value in (("horizon", horizon), ("certificate_delay", certificate_delay),
                        ("training_months", training_months),
                        ("training_hours", training_hours)):
        if value is not None:
            changes[name] = value
    if exam_months:
        changes["exam_months"] = {**options.exam_months, **parse_exam_months(exam_months)}
    changes.update(allow_study=not no_study, allow_training=not no_training,
                   assume_work=not no_assume_work, excluded_programmes=frozenset(excluded))
    try:
        options = options.updated(**changes)
    except InputError as exc:
        fail(f"option {exc}")
    applicant = load_applicant(file)
    result = fastest_path(applicant, target, as_of=month, params=params, options=options,
                          all_plans=all_plans, max_plans=max_plans,
                          tradeoffs=not no_tradeoffs)
    if fmt == "json":
        emit_json(result.to_json())
    else:
        from .render import render_path

        click.echo(render_path(result, lang or default_lang()))


def parse_exam_months(items: tuple[str, ...]) -> dict[int, tuple[int, ...]]:
    """``2=3,6,9,12`` pairs into {level: months}; bad ones exit 2 naming the option."""
    calendar: dict[int, tuple[int, ...]] = {}
    for item in items:
        level, sep, months = item.partition("=")
        try:
            values = tuple(sorted({int(m) for m in months.split(",")}))
            if not sep or int(level) not in (1, 2, 3, 4) or not all(1 <= m <= 12 for m in values):
                raise ValueError
        except ValueError:
            fail(f"--exam-months {item}: expected LEVEL=M,M,... with a level 1-4 and "
                 "months 1-12")
        calendar[int(level)] = values
    return calendar


@main.command()
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
@answers_errors
def batch(file: str, output: str | None, fmt: str, as_of: str | None,
          settings: tuple[str, ...], explain: bool, with_path: bool, target: int, jobs: int,
          engine: str, scheduler: str | None, resume: bool, quiet: bool,
          summary_file: str | None, lang: str | None) -> None:
    """Check every applicant of FILE (.jsonl, - for stdin, .csv or .xlsx) in one run."""
    from .batch.command import run_batch_command

    run_batch_command(file, output, as_of=parse_as_of(as_of), params=parse_settings(settings),
                      explain=explain, target=target if with_path else None, jobs=jobs,
                      engine=engine, scheduler=scheduler, resume=resume, quiet=quiet,
                      summary_file=summary_file, lang=lang or "en")


@main.command()
@click.argument("file", type=click.Path(dir_okay=False))
@answers_errors
def template(file: str) -> None:
    """Write an empty spreadsheet for batch: FILE.xlsx (with a help sheet) or FILE.csv."""
    from .batch.command import write_template_command

    write_template_command(file)


@main.command()
@click.argument("count", type=int, metavar="N")
@click.option("--seed", type=int, default=0, show_default=True, help="The same seed, the "
              "same people.")
@click.option("--as-of", "as_of", default="2026-11", show_default=True, metavar="YYYY-MM")
@click.option("--output", type=click.Path(dir_okay=False), help="Default: standard output.")
@answers_errors
def synth(count: int, seed: int, as_of: str, output: str | None) -> None:
    """Write N synthetic applicants (the notebooks' generator) as JSON Lines."""
    from .batch.command import synth_command

    synth_command(count, seed, as_of, output)


if __name__ == "__main__":  # python -m pyqualify.cli
    main()

"""The ``pyqualify`` command line: ``check``, ``batch`` (and ``path``).

Exit status (OUTPUT.md): 0 answered, 2 bad input or options, 1 a fault of the program.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import sys
from collections.abc import Callable
from functools import wraps
from typing import Any, NoReturn

import click

from .messages import (
    TERMS,
    InputError,
    Term,
    elide,
    printable,
    say,
    shorten,
)
from .options import DEFAULT_TIME_LIMIT

EXIT_BAD_INPUT = 2
EXIT_FAULT = 1


def default_lang() -> str:
    """Chinese when the locale says so, else English."""
    for name in ("PYQUALIFY_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def fail(message: str, status: int = EXIT_BAD_INPUT, lang: str | None = None) -> NoReturn:
    """The message on standard error (one line, control characters escaped), then exit."""
    prefix = say("error_prefix", lang or default_lang())
    with contextlib.suppress(OSError, ValueError):  # standard error may be gone too
        click.echo(prefix + printable(message), err=True)
    sys.exit(status)


# Errors of writing the output (a full disk, a closed pipe): not a fault of the program.
OUTPUT_ERRNOS = {errno.ENOSPC, errno.EPIPE, errno.EIO, errno.EFBIG, errno.EROFS,
                 getattr(errno, "EDQUOT", errno.ENOSPC)}


def output_failed(exc: OSError, lang: str) -> NoReturn:
    """A failed write of standard output: a plain message and exit 2.

    A closed pipe (``pyqualify batch f | head -1``) exits 2 without a message, as
    careful command-line tools do; standard output is pointed at /dev/null so that
    the interpreter's last flush does not complain.
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass  # not a real file descriptor (CliRunner): nothing to quiet
    if exc.errno == errno.EPIPE:
        sys.exit(EXIT_BAD_INPUT)
    fail(say("write_failed", lang, reason=os_reason(exc)), EXIT_BAD_INPUT, lang)


def os_reason(exc: OSError) -> str:
    """Why a write failed, in words the catalogue can translate when it knows them."""
    code = errno.errorcode.get(exc.errno or 0, "")
    return Term(code) if code in TERMS else (exc.strerror or code or "?")


def answers_errors(command: Callable[..., Any]) -> Callable[..., Any]:
    """Bad input exits 2 with the message (in ``--lang``, else the locale's language);
    an output that cannot be written exits 2 plainly; any other fault exits 1, without
    a traceback."""
    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        lang = kwargs.get("lang") or default_lang()
        try:
            value = command(*args, **kwargs)
            sys.stdout.flush()
            return value
        except InputError as exc:
            fail(exc.text(lang), lang=lang)
        except click.exceptions.Exit:
            raise
        except OSError as exc:
            if exc.errno not in OUTPUT_ERRNOS or os.environ.get("PYQUALIFY_DEBUG"):
                raise
            output_failed(exc, lang)
        except Exception as exc:  # a fault of the program: say so plainly
            if os.environ.get("PYQUALIFY_DEBUG"):
                raise
            detail = elide(f"{exc.__class__.__name__}: {exc}", 200)
            fail(say("internal", lang, detail=detail), EXIT_FAULT, lang)
    return wrapper


class Group(click.Group):
    """The command group; click's own usage errors quote at most a short piece of the
    value (``--horizon`` followed by 5,000 digits), with control characters escaped, and
    its own output (``--help``, ``--version``) on a full disk is a plain message."""

    usage_lang = "en"   # the language of click's usage errors (--lang, else the locale)

    def main(self, *args: Any, **kwargs: Any) -> Any:
        from .usage import usage_lang

        words = args[0] if args else kwargs.get("args")
        self.usage_lang = usage_lang(sys.argv[1:] if words is None else list(words),
                                     default_lang())
        try:
            return super().main(*args, **kwargs)
        except OSError as exc:
            if exc.errno not in OUTPUT_ERRNOS or os.environ.get("PYQUALIFY_DEBUG"):
                raise
            output_failed(exc, default_lang())

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.ClickException as exc:
            raise self._said(exc) from None

    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:
        try:
            return super().make_context(*args, **kwargs)
        except click.ClickException as exc:
            raise self._said(exc) from None

    def _said(self, exc: click.ClickException) -> click.ClickException:
        """``exc`` with a short message, in the language of the command line."""
        from .usage import localised

        exc.message = shorten(exc.message)
        return localised(exc, self.usage_lang)


def common_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """``--set``, ``--lang`` and ``--format``: every command that reads the rules."""
    command = click.option(
        "--set", "settings", multiple=True, metavar="NAME=VALUE",
        help="Override a threshold (l1_1_work_months=36) or flip a switch "
             "(I1=false, higher_tier_counts_as_technical_school=false). Repeatable.")(command)
    command = click.option("--lang", type=click.Choice(["zh", "en"]), default=None,
                           help="Language of the text output (default: from the locale).")(
        command)
    command = click.option("--format", "fmt", type=click.Choice(["text", "json"]),
                           default="text", show_default=True, help="Output format.")(command)
    return command


def rule_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Options shared by every command that applies the rules to an applicant."""
    command = click.option("--as-of", "as_of", metavar="YYYY-MM",
                           help="The month of the question (default: the file's, else "
                                "the current month).")(command)
    return common_options(command)


def parse_settings(settings: tuple[str, ...]) -> dict[str, int | bool]:
    """``NAME=VALUE`` pairs into typed values (bad ones exit 2 naming the option)."""
    from .query import parse_settings as parse

    return parse(settings, "--set")


def parse_as_of(text: str | None) -> int | None:
    from .query import parse_as_of as parse

    return parse(text, "--as-of")


def emit_json(document: Any) -> None:
    click.echo(json.dumps(document, ensure_ascii=False, indent=2))


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="pyqualify")
def main() -> None:
    """Which level of 全媒体运营师 may I sit now, and what is my fastest path to level 1?"""


@main.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--no-assume-work", is_flag=True,
              help="For `opens`, count future work only where a work record covers it.")
@click.option("--horizon", type=click.IntRange(1, 1200), default=240, show_default=True,
              metavar="MONTHS", help="For `opens`, months from as_of within which to look.")
@click.option("--explain/--no-explain", default=True, show_default=True,
              help="Add opens, shortfall and materials (--no-explain: verdicts only).")
@rule_options
@answers_errors
def check(file: str, no_assume_work: bool, horizon: int, explain: bool, fmt: str,
          lang: str | None, as_of: str | None, settings: tuple[str, ...]) -> None:
    """Which levels FILE's applicant may sit now, by which routes; when the others open,
    what they lack, and what to bring."""
    from .applicant import load_applicant
    from .eligibility import check as run_check

    params = parse_settings(settings)
    month = parse_as_of(as_of)
    result = run_check(load_applicant(file), as_of=month, params=params, explain=explain,
                       assume_work=not no_assume_work, horizon=horizon)
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
@click.option("--time-limit", type=click.FloatRange(0, min_open=True), metavar="SECONDS",
              default=DEFAULT_TIME_LIMIT, show_default=True,
              help="Give up (exit 2) when no answer is found within this many seconds "
                   "(the server's default too).")
@rule_options
@answers_errors
def path(file: str, target: int, no_study: bool, excluded: tuple[str, ...], no_training: bool,
         no_assume_work: bool, horizon: int | None, certificate_delay: int | None,
         training_months: int | None, training_hours: int | None,
         exam_months: tuple[str, ...], catalog: str | None, all_plans: bool, max_plans: int,
         no_tradeoffs: bool, time_limit: float | None, fmt: str, lang: str | None,
         as_of: str | None, settings: tuple[str, ...]) -> None:
    """The fastest path from FILE's applicant to a certificate (default: level 1)."""
    from .applicant import load_applicant
    from .options import load_catalog
    from .planner import fastest_path
    from .query import parse_exam_months, planner_options

    params = parse_settings(settings)
    month = parse_as_of(as_of)
    changes = dict(horizon=horizon, certificate_delay=certificate_delay,
                   training_months=training_months, training_hours=training_hours,
                   exam_months=parse_exam_months(exam_months),
                   catalog=load_catalog(catalog) if catalog else None)
    try:
        options = planner_options(no_study=no_study, no_training=no_training,
                                  no_assume_work=no_assume_work, excluded=excluded, **changes)
    except InputError as exc:
        raise option_error(exc) from None
    applicant = load_applicant(file)
    result = fastest_path(applicant, target, as_of=month, params=params, options=options,
                          all_plans=all_plans, max_plans=max_plans,
                          tradeoffs=not no_tradeoffs, time_limit=time_limit)
    if fmt == "json":
        emit_json(result.to_json())
    else:
        from .render import render_path

        click.echo(render_path(result, lang or default_lang()))


def option_error(exc: InputError) -> InputError:
    """An error of a planning option, named as the command line spells it (``--horizon``)."""
    name, _, rest = exc.path.partition(".")
    flag = "--" + name.replace("_", "-")
    return InputError(f"{flag} {rest}" if rest else flag, exc.expected, exc.got,
                      has_got=exc.has_got, code=exc.code, params=exc.params)


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
    from .batch.command import run_batch_command

    run_batch_command(file, output, as_of=parse_as_of(as_of), params=parse_settings(settings),
                      explain=explain, target=target if with_path else None, jobs=jobs,
                      engine=engine, scheduler=scheduler, resume=resume, quiet=quiet,
                      summary_file=summary_file, lang=lang or "en", time_limit=time_limit)


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


from .web.command import serve  # noqa: E402  (click only; the server loads on use)

main.add_command(serve)

from .explain_cli import audit, explain, rules  # noqa: E402  (they use the helpers above)

main.add_command(rules)
main.add_command(explain)
main.add_command(audit)

if __name__ == "__main__":  # python -m pyqualify.cli
    main()

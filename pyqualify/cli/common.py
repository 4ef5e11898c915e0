"""What every command shares: the language of messages, exits, the common options.

Exit status (docs/output.md): 0 answered, 2 bad input or options, 1 a fault of the program.
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

from ..messages import (
    TERMS,
    InputError,
    Term,
    elide,
    printable,
    say,
    shorten,
)

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
    """Why a write failed, in words the table of messages can translate when it knows them."""
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
    from ..query import parse_settings as parse

    return parse(settings, "--set")


def parse_as_of(text: str | None) -> int | None:
    from ..query import parse_as_of as parse

    return parse(text, "--as-of")


def emit_json(document: Any) -> None:
    click.echo(json.dumps(document, ensure_ascii=False, indent=2))


def option_error(exc: InputError) -> InputError:
    """An error of a planning option, named as the command line spells it (``--horizon``)."""
    name, _, rest = exc.path.partition(".")
    flag = "--" + name.replace("_", "-")
    return InputError(f"{flag} {rest}" if rest else flag, exc.expected, exc.got,
                      has_got=exc.has_got, code=exc.code, params=exc.params)

"""click's own usage errors (unknown option, missing argument, bad choice) in Chinese.

click words them in English; with ``--lang zh`` (or a Chinese locale) the command line
shows them through the table of messages instead. English stays click's own text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import IO, Any

import click

from ..messages import (
    NAME_CHARS,
    InputError,
    Raw,
    Term,
    elide,
    input_error,
    printable,
    quote,
    say,
)

_EXTRA = re.compile(r"^Got unexpected extra arguments? \((?P<args>.*)\)$", re.DOTALL)
_DIRECTORY = re.compile(r"^(?:File|Path) '(?P<name>.*)' is a directory\.$", re.DOTALL)


def usage_lang(args: Sequence[str], default: str) -> str:
    """The language a command line asks for: its last ``--lang zh|en``, else ``default``."""
    lang = default
    for index, word in enumerate(args):
        value = None
        if word == "--lang" and index + 1 < len(args):
            value = args[index + 1]
        elif word.startswith("--lang="):
            value = word.removeprefix("--lang=")
        if value in ("zh", "en"):
            lang = value
    return lang


class LocalisedUsageError(click.UsageError):
    """A usage error of click, said in ``lang`` (exit status 2, as click's)."""

    def __init__(self, original: click.UsageError, lang: str) -> None:
        super().__init__(_message(original, lang), original.ctx)
        self.lang = lang

    def show(self, file: IO[Any] | None = None) -> None:
        lines = []
        if self.ctx is not None:
            usage = self.ctx.get_usage().removeprefix("Usage:").strip()
            lines.append(say("usage_line", self.lang, usage=Raw(usage)))
            lines.append(say("usage_hint", self.lang, command=Raw(self.ctx.command_path)))
            lines.append("")
        lines.append(say("usage_error", self.lang, message=Raw(self.format_message())))
        click.echo("\n".join(lines), file=file, err=file is None)


def localised(exc: click.ClickException, lang: str) -> click.ClickException:
    """``exc`` in ``lang`` when it is a usage error and the language is not English."""
    if lang == "en" or not isinstance(exc, click.UsageError) or isinstance(
            exc, click.exceptions.NoArgsIsHelpError):
        return exc
    return LocalisedUsageError(exc, lang)


def _name(text: str) -> Raw:
    return Raw(printable(elide(text, NAME_CHARS)))


def _hint(exc: click.BadParameter) -> str:
    hint = exc.param_hint
    if hint is None and exc.param is not None:
        hint = exc.param.get_error_hint(exc.ctx)
    if isinstance(hint, str | type(None)):
        return (hint or "").replace("'", "")
    return " / ".join(hint)


def _message(exc: click.UsageError, lang: str) -> str:
    if isinstance(exc, click.exceptions.NoSuchOption | click.exceptions.NoSuchCommand):
        code = ("no_such_option" if isinstance(exc, click.exceptions.NoSuchOption)
                else "no_such_command")
        name = getattr(exc, "option_name", None) or getattr(exc, "command_name", "")
        text = say(code, lang, name=_name(name))
        if exc.possibilities:
            text += say("did_you_mean", lang,
                        names=_name(", ".join(sorted(exc.possibilities))))
        return text
    if isinstance(exc, click.MissingParameter):
        kind = exc.param_type or (exc.param.param_type_name if exc.param else "parameter")
        code = "missing_option" if kind == "option" else "missing_argument"
        return say(code, lang, name=_name(_hint(exc)))
    if isinstance(exc, click.BadOptionUsage):
        code = ("option_takes_no_value" if "does not take a value" in exc.message
                else "option_needs_value")
        return say(code, lang, name=_name(exc.option_name))
    if isinstance(exc, click.BadParameter):
        return _bad_value(exc, lang)
    extra = _EXTRA.match(exc.message)
    if extra:
        return say("extra_arguments", lang, args=_name(extra["args"]))
    return printable(exc.message)


def _bad_value(exc: click.BadParameter, lang: str) -> str:
    """What the option or argument takes, from its click type (the value is not kept)."""
    hint = _hint(exc)
    kind = exc.param.type if exc.param is not None else None
    error: InputError | None = None
    if isinstance(kind, click.Choice):
        error = input_error(hint, "one_of", allowed=", ".join(map(str, kind.choices)))
    elif isinstance(kind, click.IntRange) and kind.min is not None and kind.max is not None:
        error = input_error(hint, "whole_number_range", low=kind.min, high=kind.max)
    elif kind is click.INT or isinstance(kind, click.types.IntParamType):
        error = input_error(hint, "whole_number")
    elif isinstance(kind, click.Path) and (found := _DIRECTORY.match(exc.message)):
        error = input_error(hint, "not_regular_file", name=Raw(quote(found["name"], NAME_CHARS)),
                            kind=Term("directory"))
    if error is not None:
        return error.text(lang)
    return say("bad_value", lang, name=_name(hint), detail=_name(exc.message))

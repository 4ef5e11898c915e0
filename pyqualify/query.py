"""The options of a question, read the same way for the command line and the HTTP API
(the documents they answer with are built by :mod:`.documents`).

Each parser raises :class:`InputError` naming the option (``--set`` on the command line,
``set`` in a query string), so both front ends report bad options with one wording.
"""

from __future__ import annotations

import re
from typing import Any

from .levels import LEVELS
from .messages import input_error, quote
from .options import PlannerOptions, Programme

TRUE_WORDS = ("true", "on", "yes", "1")
_WHOLE = re.compile(r"[+-]?[0-9]+")   # int() takes it ("+-5" would make it raise)
FALSE_WORDS = ("false", "off", "no", "0")


def parse_settings(items: tuple[str, ...] | list[str], option: str = "--set"
                   ) -> dict[str, int | bool]:
    """``NAME=VALUE`` pairs into typed rule parameters (switches by name or I1-I3)."""
    from .params import MAX_THRESHOLD, SWITCH_IDS, SWITCHES, THRESHOLDS, RuleParams

    values: dict[str, int | bool] = {}
    for item in items:
        name, sep, raw = item.partition("=")
        name = SWITCH_IDS.get(name.strip(), name.strip())
        raw = raw.strip().lower()
        where = f"{option} {quote(item) if not item.isascii() or len(item) > 60 else item}"
        if not sep:
            raise input_error(where, "name_value")
        if name in SWITCHES:
            if raw not in TRUE_WORDS + FALSE_WORDS:
                raise input_error(where, "true_false", raw)
            values[name] = raw in TRUE_WORDS
        elif name in THRESHOLDS:
            if not _WHOLE.fullmatch(raw) or len(raw) > 12 or not (
                    0 <= int(raw) <= MAX_THRESHOLD):
                raise input_error(where, "whole_number_range", raw, low=0, high=MAX_THRESHOLD)
            values[name] = int(raw)
        else:
            known = ", ".join([*THRESHOLDS, *SWITCHES, *SWITCH_IDS])
            raise input_error(where, "rule_parameter", known=known)
    RuleParams.of(values)  # checked above: any refusal here is a fault of the program
    return values


def parse_as_of(text: str | None, option: str = "--as-of") -> int | None:
    """A ``YYYY-MM`` month override (None when not given)."""
    from .months import MonthError, parse_month

    if text is None:
        return None
    try:
        return parse_month(text)
    except MonthError as exc:
        raise input_error(option, exc.code, text, **exc.params) from None


def parse_exam_months(items: tuple[str, ...] | list[str], option: str = "--exam-months"
                      ) -> dict[int, tuple[int, ...]]:
    """``2=3,6,9,12`` pairs into {level: months}."""
    calendar: dict[int, tuple[int, ...]] = {}
    for item in items:
        level, sep, months = item.partition("=")
        try:
            values = tuple(sorted({int(m) for m in months.split(",")}))
            if not sep or int(level) not in LEVELS or not all(1 <= m <= 12 for m in values):
                raise ValueError
        except ValueError:
            raise input_error(f"{option} {quote(item)}", "exam_months_option") from None
        calendar[int(level)] = values
    return calendar


def planner_options(*, no_study: bool = False, no_training: bool = False,
                    no_assume_work: bool = False, horizon: int | None = None,
                    certificate_delay: int | None = None, training_months: int | None = None,
                    training_hours: int | None = None,
                    exam_months: dict[int, tuple[int, ...]] | None = None,
                    excluded: tuple[str, ...] = (),
                    catalog: tuple[Programme, ...] | None = None) -> PlannerOptions:
    """The planning options: the defaults of docs/planner.md with the given changes (checked)."""
    options = PlannerOptions.default()
    changes: dict[str, Any] = {}
    if catalog:
        changes["catalog"] = catalog
    for name, value in (("horizon", horizon), ("certificate_delay", certificate_delay),
                        ("training_months", training_months),
                        ("training_hours", training_hours)):
        if value is not None:
            changes[name] = value
    if exam_months:
        changes["exam_months"] = {**options.exam_months, **exam_months}
    changes.update(allow_study=not no_study, allow_training=not no_training,
                   assume_work=not no_assume_work, excluded_programmes=frozenset(excluded))
    return options.updated(**changes)

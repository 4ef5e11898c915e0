"""The options of a question, read the same way for the command line and the HTTP API.

Each parser raises :class:`InputError` naming the option (``--set`` on the command line,
``set`` in a query string), so both front ends report bad options with one wording.
"""

from __future__ import annotations

from typing import Any

from .applicant import Applicant, InputError
from .options import PlannerOptions, Programme

TRUE_WORDS = ("true", "on", "yes", "1")
FALSE_WORDS = ("false", "off", "no", "0")


def parse_settings(items: tuple[str, ...] | list[str], option: str = "--set"
                   ) -> dict[str, int | bool]:
    """``NAME=VALUE`` pairs into typed rule parameters (switches by name or I1-I3)."""
    from .params import SWITCH_IDS, SWITCHES, RuleParams

    values: dict[str, int | bool] = {}
    for item in items:
        name, sep, raw = item.partition("=")
        name = SWITCH_IDS.get(name.strip(), name.strip())
        raw = raw.strip().lower()
        if not sep:
            raise InputError(option, "NAME=VALUE", item)
        if name in SWITCHES:
            if raw not in TRUE_WORDS + FALSE_WORDS:
                raise InputError(option, f"true or false for {name}", item)
            values[name] = raw in TRUE_WORDS
        else:
            try:
                values[name] = int(raw)
            except ValueError:
                raise InputError(option, f"a whole number for {name}", item) from None
    try:
        RuleParams.of(values)
    except ValueError as exc:
        raise InputError(option, str(exc), has_got=False) from None
    return values


def parse_as_of(text: str | None, option: str = "--as-of") -> int | None:
    """A ``YYYY-MM`` month override (None when not given)."""
    from .months import parse_month

    if text is None:
        return None
    try:
        return parse_month(text)
    except ValueError as exc:
        raise InputError(option, str(exc), text) from None


def parse_exam_months(items: tuple[str, ...] | list[str], option: str = "--exam-months"
                      ) -> dict[int, tuple[int, ...]]:
    """``2=3,6,9,12`` pairs into {level: months}."""
    calendar: dict[int, tuple[int, ...]] = {}
    for item in items:
        level, sep, months = item.partition("=")
        try:
            values = tuple(sorted({int(m) for m in months.split(",")}))
            if not sep or int(level) not in (1, 2, 3, 4) or not all(1 <= m <= 12 for m in values):
                raise ValueError
        except ValueError:
            raise InputError(option, "LEVEL=M,M,... with a level 1-4 and months 1-12",
                             item) from None
        calendar[int(level)] = values
    return calendar


def planner_options(*, no_study: bool = False, no_training: bool = False,
                    no_assume_work: bool = False, horizon: int | None = None,
                    certificate_delay: int | None = None, training_months: int | None = None,
                    training_hours: int | None = None,
                    exam_months: dict[int, tuple[int, ...]] | None = None,
                    excluded: tuple[str, ...] = (),
                    catalog: tuple[Programme, ...] | None = None) -> PlannerOptions:
    """The planning options of PLANNER.md's defaults with the given changes (checked)."""
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


def check_document(applicant: Applicant, *, as_of: int | None = None,
                   params: dict[str, int | bool] | None = None) -> dict[str, Any]:
    """The JSON document of ``check`` (OUTPUT.md, EXPLAIN.md)."""
    from .eligibility import check

    return check(applicant, as_of=as_of, params=params).to_json()


def path_document(applicant: Applicant, target: int = 1, *, as_of: int | None = None,
                  params: dict[str, int | bool] | None = None,
                  options: PlannerOptions | None = None) -> dict[str, Any]:
    """The JSON document of ``path`` (OUTPUT.md) with the default plan choices."""
    from .planner import fastest_path

    return fastest_path(applicant, target, as_of=as_of, params=params,
                        options=options).to_json()

"""``pyqualify path FILE``: the fastest path to a certificate (docs/planner.md)."""

from __future__ import annotations

import click

from ..messages import InputError
from ..options import DEFAULT_TIME_LIMIT
from .common import (
    answers_errors,
    default_lang,
    emit_json,
    option_error,
    parse_as_of,
    parse_settings,
    rule_options,
)


@click.command()
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
    from ..applicant import load_applicant
    from ..options import load_catalog
    from ..planner import fastest_path
    from ..query import parse_exam_months, planner_options

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
        from ..render import render_path

        click.echo(render_path(result, lang or default_lang()))

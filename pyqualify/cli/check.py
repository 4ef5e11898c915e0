"""``pyqualify check FILE``: which levels the applicant may sit now (docs/output.md)."""

from __future__ import annotations

import click

from .common import (
    answers_errors,
    default_lang,
    emit_json,
    parse_as_of,
    parse_settings,
    rule_options,
)


@click.command()
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
    from ..applicant import load_applicant
    from ..eligibility import check as run_check

    params = parse_settings(settings)
    month = parse_as_of(as_of)
    result = run_check(load_applicant(file), as_of=month, params=params, explain=explain,
                       assume_work=not no_assume_work, horizon=horizon)
    if fmt == "json":
        emit_json(result.to_json())
    else:
        from ..render import render_check

        click.echo(render_check(result, lang or default_lang()))

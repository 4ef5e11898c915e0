"""``pyqualify rules``, ``explain ROUTE|LEVEL`` and ``audit``: the rules themselves
(docs/explanations.md)."""

from __future__ import annotations

import click

from ..messages import input_error, quote
from .common import (
    answers_errors,
    common_options,
    default_lang,
    emit_json,
    parse_as_of,
    parse_settings,
)


@click.command()
@common_options
@answers_errors
def rules(settings: tuple[str, ...], lang: str | None, fmt: str) -> None:
    """Every route: its level, clause (zh), English line and conditions in force."""
    from ..params import RuleParams
    from ..render import render_routes
    from ..routes import routes, routes_document

    params = RuleParams.of(parse_settings(settings))
    if fmt == "json":
        emit_json(routes_document(params, routes(params)))
    else:
        click.echo(render_routes(routes(params), params, lang or default_lang(), general=True))


@click.command()
@click.argument("what", metavar="ROUTE|LEVEL")
@common_options
@answers_errors
def explain(what: str, settings: tuple[str, ...], lang: str | None, fmt: str) -> None:
    """One route (L3-2) or every route of one level (3) with its clause and conditions."""
    from ..params import RuleParams
    from ..render import render_routes
    from ..routes import routes, routes_document

    params = RuleParams.of(parse_settings(settings))
    every = routes(params)
    wanted = what.strip().upper()   # l3-2, L3-2, 3 and L3 all name what they say
    chosen = [r for r in every if wanted in (r.route.upper(), str(r.level), f"L{r.level}")]
    if not chosen:
        shown = quote(what) if not what.isascii() or len(what) > 60 else what
        raise input_error(f"explain {shown}", "route_or_level",
                          routes=", ".join(r.route for r in every))
    if fmt == "json":
        emit_json(routes_document(params, chosen))
    else:
        click.echo(render_routes(chosen, params, lang or default_lang()))


@click.command()
@click.option("--as-of", "as_of", metavar="YYYY-MM",
              help="The month of the witnesses and plans (default: the current month).")
@click.option("--no-earliest", is_flag=True, help="Skip the planner (earliest per level).")
@common_options
@answers_errors
def audit(as_of: str | None, no_earliest: bool, settings: tuple[str, ...], lang: str | None,
          fmt: str) -> None:
    """The rules checked against themselves: a witness per route, or the routes that
    subsume it; and the fewest months from high school to each level."""
    from ..audit import run_audit
    from ..params import RuleParams
    from ..render import render_audit

    params = RuleParams.of(parse_settings(settings))
    result = run_audit(params, as_of=parse_as_of(as_of), earliest=not no_earliest)
    if fmt == "json":
        emit_json(result)
    else:
        click.echo(render_audit(result, lang or default_lang()))

"""The reports of ``rules``, ``explain`` and ``audit``: the routes as rules.lp states them,
and the rules checked against themselves (docs/explanations.md)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..clauses import clause_texts
from ..params import RuleParams
from ..routes import Route
from ..texts import AUDIT_LABELS, CONDITIONS, LABELS, LEVEL_NAMES, SHORT_LEVEL_NAMES, text
from .layout import colon, parameter_summary


def render_routes(chosen: Sequence[Route], params: RuleParams, lang: str,
                  general: bool = False) -> str:
    """Each route as a small block: ID and level, clause, English line, conditions."""
    lines: list[str] = []
    for route in chosen:
        lines.append(f"{route.route}  {text(LEVEL_NAMES, route.level, lang)}")
        lines.append(f"  {route.zh}")
        lines.append(f"  {route.en}")
        for cond in route.conditions:
            words = text(CONDITIONS, cond.name, lang)
            need = f" ≥ {cond.need} ({cond.parameter})" if cond.parameter else ""
            lines.append(f"  - {cond.name}{need}{colon(lang)}{words}")
        lines.append("")
    if general:
        zh, en = clause_texts()["EDU"]
        enforced = "" if params.education_requirement else " " + text(
            LABELS, "reported_only", lang)
        lines += [f"EDU  {text(LABELS, 'edu', lang)}{enforced}", f"  {zh}", f"  {en}", ""]
    lines.append(f"{text(LABELS, 'readings', lang)}{colon(lang)}"
                 f"{parameter_summary(params, lang)}")
    return "\n".join(lines)


def render_audit(doc: dict[str, Any], lang: str) -> str:
    """The audit for people: one line per route, then the earliest month per level."""
    def say(key: str, **values: object) -> str:
        return text(AUDIT_LABELS, key, lang, **values)

    lines = [say("title", as_of=doc["as_of"]), ""]
    for entry in doc["routes"]:
        witness = entry["witness"]
        if witness is not None:
            lines.append(f"  {entry['route']:<6}" + say("witness", records=_summary(witness)))
        elif entry.get("satisfiable") is False:
            lines.append(f"  {entry['route']:<6}" + say("never"))
        else:
            key = "jointly" if entry.get("jointly") else "subsumed"
            lines.append(f"  {entry['route']:<6}" + say(key, by=", ".join(entry["subsumed_by"])))
    if "earliest" in doc:
        lines += ["", say("earliest_title")]
        for item in doc["earliest"]:
            name = text(SHORT_LEVEL_NAMES, item["level"], lang)
            if item["months"] is None:
                lines.append(f"  {name}: " + say("unreachable"))
            else:
                lines.append(f"  {name}: " + say("earliest", months=item["months"],
                                                 month=item["certified"]))
    return "\n".join(lines)


def _summary(witness: dict[str, Any]) -> str:
    parts = [f"education={witness['education']}"]
    for d in witness["diplomas"]:
        parts.append(f"{d['kind']}({d['major']}, {d['skill_target']}, {d['graduation']})")
    for w in witness["work"]:
        parts.append(f"work since {w['start']}")
    for t in witness["trainings"]:
        parts.append(f"training {t['hours']}h {t['completed']}")
    for c in witness["certificates"]:
        parts.append(f"certificate {c['level']} {c['obtained']}")
    return "; ".join(parts)

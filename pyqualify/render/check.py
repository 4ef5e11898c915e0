"""The report of ``check``: the levels, when the closed ones open, what each route lacks,
what to bring (docs/explanations.md)."""

from __future__ import annotations

from ..clauses import rule_facts
from ..eligibility import CheckResult, LevelAnswer, Shortfall
from ..messages import printable
from ..months import format_month
from ..texts import (
    CONDITIONS,
    EXPLAIN_LABELS,
    LABELS,
    LEVEL_NAMES,
    MATERIAL_NAMES,
    PARTIAL_LABELS,
    SHORT_LEVEL_NAMES,
    SHORTFALL_TEXTS,
    WARNINGS,
    route_summary,
    text,
)
from ..words import choice_label, field_label, record_label
from .layout import colon, parameter_summary, table


def render_check(result: CheckResult, lang: str = "en") -> str:
    """A table: each level held or not, eligible or not, the routes that admit it (or the
    closest route and what it lacks); then EDU, notes and the parameters in force."""
    def label(key: str) -> str:
        return text(LABELS, key, lang)

    params = result.params.as_dict()
    who = printable(result.applicant.id or "")  # user text: control characters escaped
    lines = [f"{who}  {label('as_of')} {format_month(result.as_of)}".strip(), ""]
    edu = label("met") if result.education_ok else label("not_met")
    if not result.params.education_requirement:
        edu += " " + label("reported_only")
    lines += [f"{label('edu')}{colon(lang)}{edu}", ""]
    rows = [(label("level"), label("held"), label("eligible_col"), label("routes_col"))]
    for answer in result.levels:
        first, *more = _route_cells(answer, result, lang, params)
        rows.append((text(LEVEL_NAMES, answer.level, lang), "✔" if answer.held else "-",
                     _verdict(answer, lang), first))
        rows += [("", "", "", cell) for cell in more]
    lines += table(rows)
    lines += unknown_lines(result, lang)
    if result.warnings:
        lines += ["", label("warnings") + colon(lang).strip()]
        lines += ["  - " + text(WARNINGS, w.code, lang, field=w.field, month=w.month)
                  for w in result.warnings]
    lines += explanation_lines(result, lang)
    lines += ["", f"{label('readings')}{colon(lang)}{parameter_summary(result.params, lang)}"]
    return "\n".join(lines)


def unknown_lines(result: CheckResult, lang: str) -> list[str]:
    """The facts the file says are unknown, and for each level that depends which answer
    of which fact would admit it (docs/partial.md): 若第 1 条工作经历的职业是相关职业，
    可凭 L4-1 报考."""
    if not result.unknowns:
        return []
    def say(key: str, **values: object) -> str:
        return text(PARTIAL_LABELS, key, lang, **values)

    joined = ("、" if lang == "zh" else "; ").join(field_label(f, lang) for f in result.unknowns)
    lines = ["", f"{say('unknowns')}{colon(lang)}{joined}"]
    depending = [a for a in result.levels if a.depends]
    if depending:
        lines += ["", say("depends_title") + colon(lang).strip()]
        for answer in depending:
            lines.append("  " + say("depends_level", level=text(LEVEL_NAMES, answer.level,
                                                                 lang)) + colon(lang).strip())
            lines += ["    " + admits_text(item.field, item.admits_if, item.routes, lang)
                      for item in answer.depends_on]
    if any(a.explained for a in result.levels):
        lines += ["", say("least_note")]
    return lines


def admits_text(path: str, readings: tuple[object, ...], routes: tuple[str, ...],
                lang: str) -> str:
    """Which answer of one fact would admit, and by which routes."""
    shown = ("、" if lang == "zh" else ", ").join(routes)
    if path.endswith(".certificate"):
        return text(PARTIAL_LABELS, "admits_if_certificate", lang,
                    record=record_label(path, lang), routes=shown)
    words = text(PARTIAL_LABELS, "or", lang).join(choice_label(path, r, lang) for r in readings)
    return text(PARTIAL_LABELS, "admits_if", lang, field=field_label(path, lang),
                readings=words, routes=shown)


def explanation_lines(result: CheckResult, lang: str) -> list[str]:
    """When each closed level opens, what each of its routes lacks (nearest first), and the
    documents for each route that admits today (docs/explanations.md)."""
    def say(key: str, **values: object) -> str:
        return text(EXPLAIN_LABELS, key, lang, **values)

    closed = [a for a in result.levels if a.explained and not a.held and not a.eligible]
    lines: list[str] = []
    if closed:
        lines += ["", say("opens_title") + colon(lang).strip()]
        assume = result.forecast.assume_work if result.forecast else True
        horizon = result.forecast.horizon if result.forecast else 240
        for answer in closed:
            name = text(SHORT_LEVEL_NAMES, answer.level, lang)
            if answer.opens is None:
                lines.append("  " + say("never", level=name, horizon=horizon))
            else:
                lines.append("  " + say("opens", level=name, month=format_month(answer.opens),
                                        routes=", ".join(answer.opens_by),
                                        condition=say("if_work" if assume else "if_records")))
        lines += ["", say("shortfall_title") + colon(lang).strip()]
        for answer in closed:
            lines.append("  " + text(LEVEL_NAMES, answer.level, lang))
            for route, items in sorted(answer.shortfall.items(),
                                       key=lambda item: nearness(*item)):
                needs = ("、" if lang == "zh" else "; ").join(
                    shortfall_text(item, lang) for item in items)
                lines.append(f"    {route:<6}{needs}")
    eligible = [a for a in result.levels if a.explained and a.materials and not a.held]
    if eligible:
        lines += ["", say("materials_title") + colon(lang).strip()]
        values = result.params.as_dict()
        for answer in eligible:
            for route, docs in sorted(answer.materials.items()):
                names = ("、" if lang == "zh" else "; ").join(
                    text(MATERIAL_NAMES, doc, lang, **values) for doc in docs)
                lines.append(f"  {text(SHORT_LEVEL_NAMES, answer.level, lang)} {route}"
                             f"{colon(lang)}{names}")
    return lines


def nearness(route: str, items: tuple[Shortfall, ...]) -> tuple[int, int, str]:
    """Routes nearest first: fewest conditions that time alone cannot meet (a diploma, a
    certificate), then fewest months or hours missing."""
    flags = sum(1 for item in items if item.missing is None)
    missing = sum(item.missing or 0 for item in items)
    return (flags, missing, route)


def shortfall_text(item: Shortfall, lang: str) -> str:
    """``还差 9 个月（…）`` for a counting condition, else the condition in words."""
    if item.missing is not None and item.condition in SHORTFALL_TEXTS and (
            item.condition != "training" or item.have):
        return text(SHORTFALL_TEXTS, item.condition, lang, n=item.missing, have=item.have,
                    need=item.need)
    return text(CONDITIONS, item.condition, lang)


def _verdict(answer: LevelAnswer, lang: str) -> str:
    if answer.depends:
        return "? " + text(PARTIAL_LABELS, "depends", lang)
    if answer.eligible:
        return "✔ " + text(LABELS, "yes", lang)
    if answer.routes:
        return "✘ " + text(LABELS, "edu_short", lang)
    return "✘"


def _count(result: CheckResult, route: str, condition: str, lang: str) -> str:
    """How many months of the threshold a work condition has, e.g. ' (22/36)'."""
    if condition == "work":
        have: int | None = result.work_months
    elif condition.startswith("work_since_level"):
        have = result.work_since.get(int(condition[-1]))
    else:
        return ""
    need = rule_facts(result.params).needs.get((route, condition))
    if have is None or need is None:
        return ""
    return f"（{have}/{need} 个月）" if lang == "zh" else f" ({have}/{need} months)"


def _route_cells(answer: LevelAnswer, result: CheckResult, lang: str,
                 params: dict[str, object]) -> list[str]:
    """One cell per admitting route; or the routes that may admit (a level that depends);
    or the closest route and what it lacks."""
    if answer.depends:
        routes = ("、" if lang == "zh" else ", ").join(answer.possible_routes)
        return [text(PARTIAL_LABELS, "possibly", lang, routes=routes)]
    if answer.routes:
        return [f"{route:<6} {route_summary(route, lang, params)}" for route in answer.routes]
    if not answer.unmet:
        return [""]
    route, missing = min(answer.unmet.items(), key=lambda item: (len(item[1]), item[0]))
    needs = ("、" if lang == "zh" else "; ").join(
        text(CONDITIONS, c, lang) + _count(result, route, c, lang) for c in missing)
    return [f"{text(LABELS, 'closest', lang)} {route}{colon(lang)}"
            f"{route_summary(route, lang, params)}",
            f"  {text(LABELS, 'missing', lang)}{colon(lang)}{needs}"]

"""The report of ``path``: the headline, the plan month by month, the trade-offs, or why
there is no path (docs/planner.md)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..messages import printable
from ..months import format_month
from ..texts import (
    ACTIONS,
    CONDITIONS,
    LABELS,
    LEVEL_NAMES,
    OPTIONS,
    PARTIAL_LABELS,
    PATH_LABELS,
    PROGRAMMES,
    route_summary,
    text,
)
from ..words import choice_label, field_label, record_label
from .layout import colon, display_width

if TYPE_CHECKING:   # the planner is imported only to render a path
    from ..planner import PathResult, Plan


def render_path(result: PathResult, lang: str = "en") -> str:
    """Headline, the plan month by month, trade-offs, or why there is no path."""
    def say(key: str, **values: object) -> str:
        return text(PATH_LABELS, key, lang, **values)

    level_name = text(LEVEL_NAMES, result.target, lang)
    who = printable(result.applicant.id or "")  # user text: control characters escaped
    lines = [f"{who}  {text(LABELS, 'as_of', lang)} {format_month(result.as_of)}".strip(), ""]
    if not result.reachable:
        end = format_month(result.as_of + result.options.horizon)
        lines.append(say("unreachable", level=level_name, end=end,
                         horizon=result.options.horizon))
        lines += _unknown_lines(result, lang)
        lines += _reason_lines(result, lang)
        return "\n".join(lines)
    if result.months == 0 and not result.plans[0].steps:
        lines.append(say("held", level=level_name))
        return "\n".join(lines)
    lines.append(say("headline", level=level_name, month=format_month(result.certified or 0),
                     months=result.months))
    lines += _unknown_lines(result, lang)
    for index, plan in enumerate(result.plans):
        lines.append("")
        if index:
            lines.append(say("also") + colon(lang).strip())
        lines += _plan_lines(plan, result, lang)
    if len(result.tradeoffs) > 1:
        lines += ["", say("tradeoffs") + colon(lang).strip()]
        for plan in result.tradeoffs:
            study = say("no_study")
            if plan.study:
                study = (say("study_months", n=plan.study_months) + colon(lang)
                         + programme_name(plan.study[0].id, lang))
            fastest = f"   ← {say('fastest')}" if plan.certified == result.certified else ""
            later = say("months_later", n=plan.certified - result.as_of)
            later += " " * max(0, 10 - display_width(later))
            lines.append(f"  {format_month(plan.certified)}  {later} {study}{fastest}")
    return "\n".join(lines)


def _unknown_lines(result: PathResult, lang: str) -> list[str]:
    """A file with unknown facts: the plan holds whatever they are; and, when some answers
    would be faster, which and how fast (docs/partial.md)."""
    if not result.unknowns:
        return []
    def say(key: str, **values: object) -> str:
        return text(PARTIAL_LABELS, key, lang, **values)

    lines = [""]
    if result.reachable:
        lines.append(say("plan_holds"))
    best = result.best_case
    if best is not None:
        facts = say("and").join(assumed_text(path, value, lang)
                                for path, value in best["assumes"].items())
        lines.append(say("best_case", facts=facts, month=best["certified"],
                         months=best["months"]) if facts else
                     say("best_case_plain", month=best["certified"], months=best["months"]))
    return lines


def assumed_text(path: str, value: object, lang: str) -> str:
    """One reading a best case assumes, in words."""
    if path.endswith(".certificate"):
        return text(PARTIAL_LABELS, "has_certificate" if value else "no_certificate", lang,
                    record=record_label(path, lang))
    return text(PARTIAL_LABELS, "is", lang, field=field_label(path, lang),
                value=choice_label(path, value, lang))


def _plan_lines(plan: Plan, result: PathResult, lang: str) -> list[str]:
    params = result.params.as_dict()
    lines = []
    for step in plan.steps:
        values = {"program": programme_name(step.program, lang) if step.program else "",
                  "level": text(LEVEL_NAMES, step.level, lang) if step.level else ""}
        what = text(ACTIONS, step.action, lang, **values)
        if step.action == "graduate" and step.certificate:
            what += ", " + text(CONDITIONS, "preparatory_technician_certificate", lang)
        lines.append(f"  {format_month(step.month)}  {what}")
        for route in step.routes:
            lines.append(f"           {text(LABELS, 'via', lang)} {route}{colon(lang)}"
                         f"{route_summary(route, lang, params)}")
        if step.skip_if:
            records = text(PARTIAL_LABELS, "or", lang).join(record_label(f, lang)
                                                            for f in step.skip_if)
            lines.append(f"           {text(PARTIAL_LABELS, 'skip_if', lang, records=records)}")
    return lines


def _reason_lines(result: PathResult, lang: str) -> list[str]:
    reason = result.reason
    if not reason:
        return []

    def say(key: str, **values: object) -> str:
        return text(PATH_LABELS, key, lang, **values)

    highest = reason["highest_reachable"]
    lines = [""]
    lines.append(say("highest", level=text(LEVEL_NAMES, highest, lang)) if highest
                 else say("nothing"))
    lines.append(say("blocked", level=text(LEVEL_NAMES, reason["blocked_level"], lang),
                     end=reason["blocked_at"]))
    separator = "、" if lang == "zh" else "; "
    for route, conditions in reason["unmet"].items():
        lines.append(f"  {route}{colon(lang)}" + separator.join(text(CONDITIONS, c, lang)
                                                              for c in conditions))
    if not reason["education_ok"] and result.params.education_requirement:
        lines.append(f"  EDU{colon(lang)}" + say("no_edu"))
    lines.append("")
    if reason["would_open"]:
        lines.append(say("would_open"))
        for item in reason["would_open"]:
            name = (" + " if lang == "en" else "并").join(
                text(OPTIONS, part, lang) if part in OPTIONS else part
                for part in item["option"].split("+"))
            lines.append("  " + say("option", option=name, month=item["certified"],
                                    months=item["months"]))
    else:
        lines.append(say("none_opens"))
    return lines


def programme_name(ident: str, lang: str) -> str:
    """A catalogue programme in words (its id when it is not in the default catalogue)."""
    return text(PROGRAMMES, ident, lang) if ident in PROGRAMMES else printable(ident)

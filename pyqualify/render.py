"""Human-readable answers of ``check`` and ``path`` in Chinese or English."""

from __future__ import annotations

from .eligibility import CheckResult, LevelAnswer
from .months import format_month
from .params import RuleParams
from .planner import PathResult, Plan
from .texts import (
    ACTIONS,
    CONDITIONS,
    LABELS,
    LEVEL_NAMES,
    OPTIONS,
    PATH_LABELS,
    PROGRAMMES,
    WARNINGS,
    route_summary,
    text,
)


def render_check(result: CheckResult, lang: str = "en") -> str:
    """A short report: EDU, then each level with its routes or what is missing."""
    def label(key: str) -> str:
        return text(LABELS, key, lang)

    params = result.params.as_dict()
    who = result.applicant.id or ""
    lines = [f"{who}  {label('as_of')} {format_month(result.as_of)}".strip(), ""]
    edu = label("met") if result.education_ok else label("not_met")
    if not result.params.education_requirement:
        edu += " " + label("reported_only")
    lines += [f"{label('edu')}: {edu}", ""]
    for answer in result.levels:
        lines += _level_lines(answer, result, lang, params)
    if result.warnings:
        lines += ["", label("warnings") + ":"]
        lines += ["  - " + text(WARNINGS, w.code, lang, field=w.field, month=w.month)
                  for w in result.warnings]
    lines += ["", f"{label('readings')}: {parameter_summary(result.params, lang)}"]
    return "\n".join(lines)


def _level_lines(answer: LevelAnswer, result: CheckResult, lang: str,
                 params: dict[str, object]) -> list[str]:
    def label(key: str) -> str:
        return text(LABELS, key, lang)

    name = text(LEVEL_NAMES, answer.level, lang)
    if answer.eligible:
        verdict = "✔ " + label("eligible")
    elif answer.routes:
        verdict = "✘ " + label("eligible_no_edu")
    else:
        verdict = "✘ " + label("not_eligible")
    held = f"  [{label('held')}]" if answer.held else ""
    lines = [f"{name}: {verdict}{held}"]
    for route in answer.routes:
        lines.append(f"    {route:<6} {route_summary(route, lang, params)}")
    if not answer.routes and answer.unmet:
        route, missing = min(answer.unmet.items(), key=lambda item: (len(item[1]), item[0]))
        needs = ("、" if lang == "zh" else "; ").join(
            text(CONDITIONS, c, lang) for c in missing)
        lines.append(f"    {label('closest')} {route} ({route_summary(route, lang, params)})")
        lines.append(f"    {label('missing')}: {needs}")
    return lines


def parameter_summary(params: RuleParams, lang: str) -> str:
    """``all defaults``, or the values that differ from them."""
    default = RuleParams.default().as_dict()
    changed = {k: v for k, v in params.as_dict().items() if default[k] != v}
    if not changed:
        return text(LABELS, "defaults", lang)
    return ", ".join(f"{k}={str(v).lower() if isinstance(v, bool) else v}"
                     for k, v in changed.items())


def render_path(result: PathResult, lang: str = "en") -> str:
    """Headline, the plan month by month, trade-offs, or why there is no path."""
    def say(key: str, **values: object) -> str:
        return text(PATH_LABELS, key, lang, **values)

    level_name = text(LEVEL_NAMES, result.target, lang)
    who = result.applicant.id or ""
    lines = [f"{who}  {text(LABELS, 'as_of', lang)} {format_month(result.as_of)}".strip(), ""]
    if not result.reachable:
        end = format_month(result.as_of + result.options.horizon)
        lines.append(say("unreachable", level=level_name, end=end,
                         horizon=result.options.horizon))
        lines += _reason_lines(result, lang)
        return "\n".join(lines)
    if result.months == 0 and not result.plans[0].steps:
        lines.append(say("held", level=level_name))
        return "\n".join(lines)
    lines.append(say("headline", level=level_name, month=format_month(result.certified or 0),
                     months=result.months))
    for index, plan in enumerate(result.plans):
        lines.append("")
        if index:
            lines.append(say("also") + ":")
        lines += _plan_lines(plan, result, lang)
    if len(result.tradeoffs) > 1:
        lines += ["", say("tradeoffs") + ":"]
        for plan in result.tradeoffs:
            study = (say("study_months", n=plan.study_months) if plan.study_months
                     else say("no_study"))
            fastest = f"   ← {say('fastest')}" if plan.certified == result.certified else ""
            later = say("months_later", n=plan.certified - result.as_of)
            lines.append(f"  {study:<24} {format_month(plan.certified)}  {later}{fastest}")
    return "\n".join(lines)


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
            lines.append(f"           {text(LABELS, 'via', lang)} {route}: "
                         f"{route_summary(route, lang, params)}")
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
        lines.append(f"  {route}: " + separator.join(text(CONDITIONS, c, lang)
                                                     for c in conditions))
    if not reason["education_ok"] and result.params.education_requirement:
        lines.append("  EDU: " + say("no_edu"))
    lines.append("")
    if reason["would_open"]:
        lines.append(say("would_open"))
        for item in reason["would_open"]:
            option = item["option"]
            name = text(OPTIONS, option, lang) if option in OPTIONS else option
            lines.append("  " + say("option", option=name, month=item["certified"],
                                    months=item["months"]))
    else:
        lines.append(say("none_opens"))
    return lines


def programme_name(ident: str, lang: str) -> str:
    """A catalogue programme in words (its id when it is not in the default catalogue)."""
    return text(PROGRAMMES, ident, lang) if ident in PROGRAMMES else ident

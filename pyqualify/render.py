"""Human-readable answers of ``check`` in Chinese or English."""

from __future__ import annotations

from .check import CheckResult, LevelAnswer
from .months import format_month
from .params import RuleParams
from .texts import CONDITIONS, LABELS, LEVEL_NAMES, WARNINGS, route_summary, text


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

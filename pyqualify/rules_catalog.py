"""The routes as ``logic/rules.lp`` states them: level, clause text, conditions, thresholds.

The Chinese clause and the English line are read from the comment block of each route in
``logic/rules.lp`` (the one place that writes them); the conditions and thresholds in force
come from clingo grounding ``params.lp`` and ``rules.lp`` with the parameters.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import clingo

from .levels import route_order
from .params import RuleParams
from .resources import logic_text

_HEADER = re.compile(r"^% --- (L[1-4]-\w+) -+$")
_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


@dataclass(frozen=True)
class Condition:
    """A condition of a route (``condition/2``) and, when it counts, its threshold."""

    name: str
    parameter: str | None = None
    need: int | None = None

    def to_json(self) -> dict[str, Any]:
        doc: dict[str, Any] = {"condition": self.name}
        if self.parameter is not None:
            doc.update(parameter=self.parameter, need=self.need)
        return doc


@dataclass(frozen=True)
class Route:
    """One route of RULES.md with the parameters in force."""

    route: str
    level: int
    zh: str
    en: str
    conditions: tuple[Condition, ...]

    def condition_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.conditions)

    def to_json(self) -> dict[str, Any]:
        return {"route": self.route, "level": self.level, "clause_zh": self.zh,
                "clause_en": self.en, "conditions": [c.to_json() for c in self.conditions]}


@cache
def clause_texts() -> dict[str, tuple[str, str]]:
    """Route ID (and ``EDU``) -> (Chinese clause, English line), from rules.lp's comments."""
    texts: dict[str, tuple[str, str]] = {}
    lines = logic_text("rules.lp").splitlines()
    for index, line in enumerate(lines):
        match = _HEADER.match(line)
        ident = match.group(1) if match else ("EDU" if line.startswith("% EDU ") else None)
        if ident is None:
            continue
        zh: list[str] = []
        en: list[str] = []
        for body in lines[index + 1:]:
            if not body.startswith("%"):
                break
            words = body[1:].strip()
            if not words or set(words) <= {"="}:
                continue
            (zh if _CJK.search(words) else en).append(words)
        texts[ident] = ("".join(zh), " ".join(en))
    return texts


def _parameter_names() -> dict[tuple[str, str], str]:
    from .forecast import needs

    return {(route, condition): name for route, condition, name in needs()}


@cache
def routes(params: RuleParams | None = None) -> tuple[Route, ...]:
    """Every route in RULES.md order, with its conditions under ``params``."""
    rules = params or RuleParams.default()
    control = clingo.Control(["--warn=none", *rules.clingo_args()])
    control.add("base", [], logic_text("params.lp") + logic_text("rules.lp"))
    control.ground([("base", [])])
    levels: dict[str, int] = {}
    conditions: dict[str, list[str]] = {}
    need: dict[tuple[str, str], int] = {}
    for atom in control.symbolic_atoms:
        symbol = atom.symbol
        args = symbol.arguments
        if symbol.name == "route" and len(args) == 2:
            levels[args[0].string] = args[1].number
        elif symbol.name == "condition" and len(args) == 2:
            conditions.setdefault(args[0].string, []).append(args[1].name)
        elif symbol.name == "need" and len(args) == 3:
            need[(args[0].string, args[1].name)] = args[2].number
    names = _parameter_names()
    texts = clause_texts()
    found = []
    for ident in sorted(levels, key=route_order):
        conds = tuple(Condition(c, names.get((ident, c)), need.get((ident, c)))
                      for c in conditions.get(ident, []))
        zh, en = texts.get(ident, ("", ""))
        found.append(Route(ident, levels[ident], zh, en, conds))
    return tuple(found)


def route_map(params: RuleParams | None = None) -> dict[str, Route]:
    return {r.route: r for r in routes(params)}


def catalog_document(params: RuleParams, chosen: Sequence[Route]) -> dict[str, Any]:
    """The JSON of ``rules`` and ``explain``: routes with the parameters in force."""
    zh, en = clause_texts()["EDU"]
    return {"parameters": params.as_dict(),
            "general": {"id": "EDU", "clause_zh": zh, "clause_en": en,
                        "enforced": params.education_requirement},
            "routes": [route.to_json() for route in chosen]}


def render_routes(chosen: Sequence[Route], params: RuleParams, lang: str,
                  general: bool = False) -> str:
    """Each route as a small block: ID and level, clause, English line, conditions."""
    from .render import colon, parameter_summary
    from .texts import CONDITIONS, LABELS, LEVEL_NAMES, text

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

"""The routes as ``logic/rules.lp`` states them, for ``rules`` and ``explain``: level,
clause text, conditions and thresholds in force.

All of it comes from the facts of rules.lp (:mod:`.clauses`); the name of the parameter a
``need/3`` fact compares with is read from the fact as it is written
(:func:`pyqualify.asp.written_facts`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from .asp import written_facts
from .clauses import clause_texts, rule_facts
from .levels import route_order
from .params import RuleParams


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
    """One route of docs/rules.md with the parameters in force."""

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
def parameter_names() -> dict[tuple[str, str], str]:
    """(route, condition) -> the parameter its ``need/3`` fact compares with."""
    return {(route, condition): name
            for route, condition, name in written_facts("rules", "need", 3)}


@cache
def routes(params: RuleParams | None = None) -> tuple[Route, ...]:
    """Every route in the order of docs/rules.md, with its conditions under ``params``."""
    facts = rule_facts(params)
    names = parameter_names()
    found = []
    for ident in sorted(facts.levels, key=route_order):
        conds = tuple(Condition(c, names.get((ident, c)), facts.needs.get((ident, c)))
                      for c in facts.conditions.get(ident, ()))
        zh, en = clause_texts().get(ident, ("", ""))
        found.append(Route(ident, facts.levels[ident], zh, en, conds))
    return tuple(found)


def routes_document(params: RuleParams, chosen: Sequence[Route]) -> dict[str, Any]:
    """The JSON of ``rules`` and ``explain``: routes with the parameters in force."""
    zh, en = clause_texts()["EDU"]
    return {"parameters": params.as_dict(),
            "general": {"id": "EDU", "clause_zh": zh, "clause_en": en,
                        "enforced": params.education_requirement},
            "routes": [route.to_json() for route in chosen]}

"""The clauses of ``logic/rules.lp`` as facts, under the parameters in force.

``route/2`` (a route and its level), ``condition/2`` (its conditions, some of them only
under a switch), ``need/3`` (the least a counting condition asks for) and, in the program
part ``clauses``, ``clause_text/3`` (the Chinese source and an English line): read from a
grounding of rules.lp, once per process and parameters.  No comment of rules.lp is read.
"""

from __future__ import annotations

from functools import cache

from .asp import Program
from .params import RuleParams

SINCE_PREFIX = "work_since_level"


class RuleFacts:
    """What rules.lp says under one set of parameters."""

    __slots__ = ("conditions", "levels", "needs")

    def __init__(self, levels: dict[str, int], conditions: dict[str, tuple[str, ...]],
                 needs: dict[tuple[str, str], int]):
        self.levels = levels            # route -> level
        self.conditions = conditions    # route -> its conditions in force, in rules.lp order
        self.needs = needs              # (route, condition) -> the least it asks for


def rule_facts(params: RuleParams | None = None) -> RuleFacts:
    """The facts of rules.lp under ``params`` (default: the defaults)."""
    return _rule_facts(params or RuleParams.default())


@cache
def _rule_facts(params: RuleParams) -> RuleFacts:
    program = Program("rules", params.as_dict())
    program.ground()
    conditions: dict[str, list[str]] = {}
    for route, condition in program.atoms("condition", 2):
        conditions.setdefault(route, []).append(condition)
    return RuleFacts(dict(program.atoms("route", 2)),
                     {route: tuple(names) for route, names in conditions.items()},
                     {(route, condition): least
                      for route, condition, least in program.atoms("need", 3)})


@cache
def clause_texts() -> dict[str, tuple[str, str]]:
    """Route ID (and ``EDU``) -> (Chinese clause, English line)."""
    program = Program("rules")
    program.ground("clauses")
    texts: dict[str, dict[str, str]] = {}
    for ident, lang, words in program.atoms("clause_text", 3):
        texts.setdefault(ident, {})[lang] = words
    return {ident: (words["zh"], words["en"]) for ident, words in texts.items()}


def since_level(condition: str) -> int | None:
    """The level whose certificate a condition counts work from (``work_since_level3`` ->
    3), as its name says and ``since_certificate/2`` of check.lp states; None for another
    condition."""
    if condition.startswith(SINCE_PREFIX):
        return int(condition[len(SINCE_PREFIX):])
    return None

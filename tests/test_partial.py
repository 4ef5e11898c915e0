"""Facts a person is not sure of (docs/partial.md): ``check`` with ``unknown`` fields.

The engine answers from the rules in ASP (the readings as a choice, brave and cautious
consequences, minimal deciding sets in logic/deciding.lp); the independent reference
(tests/reference/partial.py) enumerates every completion and every partial assignment.
"""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pyqualify
from pyqualify.applicant import parse_applicant
from pyqualify.clauses import rule_facts
from pyqualify.partial import READINGS, least_readings
from tests.reference.partial import (
    completions,
    least_favourable,
    reference_partial_check,
)
from tests.strategies import partial_applicants, rule_params

LEVEL_KEYS = ("level", "held", "eligible", "verdict", "routes")


def engine(doc: dict[str, Any], params: dict[str, Any] | None = None,
           explain: bool = False) -> dict[str, Any]:
    return pyqualify.check(parse_applicant(doc), params=params, explain=explain).to_json()


def comparable(level: dict[str, Any]) -> dict[str, Any]:
    """A level of a check document as the reference writes it."""
    found = {key: level[key] for key in LEVEL_KEYS}
    if level["verdict"] == "depends":
        found["depends_on"] = level["depends_on"]
        found["possible_routes"] = level["possible_routes"]
    return found


def reference(doc: dict[str, Any], params: dict[str, Any] | None = None) -> dict[str, Any]:
    ref = reference_partial_check(doc, params)
    return {"unknowns": ref["unknowns"], "education_ok": ref["education_ok"],
            "levels": [comparable(level) for level in ref["levels"]]}


def answered(doc: dict[str, Any]) -> dict[str, Any]:
    return {"unknowns": doc["unknowns"], "education_ok": doc["education_ok"],
            "levels": [comparable(level) for level in doc["levels"]]}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(partial_applicants(max_unknowns=4), st.none() | rule_params(partial=True))
def test_verdicts_equal_the_brute_force_over_completions(doc, params):
    """verdict, eligible, held, routes, depends_on (minimal deciding sets), possible_routes
    and unknowns, with and without explanations, as the reference finds them."""
    expected = reference(doc, params)
    assert answered(engine(doc, params)) == expected
    assert answered(engine(doc, params, explain=True)) == expected


@settings(max_examples=60, deadline=None)
@given(partial_applicants(max_unknowns=0))
def test_a_file_without_unknowns_gives_todays_document_plus_verdict(doc):
    for explain in (False, True):
        answer = engine(doc, explain=explain)
        assert answer["unknowns"] == []
        for level in answer["levels"]:
            assert level["verdict"] == ("yes" if level["eligible"] else "no")
            assert "depends_on" not in level and "possible_routes" not in level


@settings(max_examples=80, deadline=None)
@given(partial_applicants(max_unknowns=3))
def test_eligible_is_verdict_yes_and_explanations_are_the_least_favourable(doc):
    """eligible == (verdict == yes); opens, shortfall and materials are those of the least
    favourable completion (a depends is never reported as eligible)."""
    answer = engine(doc, explain=True)
    low = engine(least_favourable(doc), explain=True)
    for level, lf in zip(answer["levels"], low["levels"], strict=True):
        assert level["eligible"] == (level["verdict"] == "yes")
        for key in ("opens", "opens_by", "shortfall", "materials", "unmet"):
            assert level[key] == lf[key], key


# --- Monotonicity: what the least favourable completion meets, every completion meets --------

def met_conditions(doc: dict[str, Any], params: dict[str, Any] | None) -> set[tuple[str, str]]:
    """(route, condition) met, from the engine's unmet conditions of every route
    (admitting routes meet all of theirs), and ("EDU", "EDU")."""
    answer = pyqualify.check(parse_applicant(doc), params=params)
    conditions = rule_facts(answer.params).conditions
    met = {("EDU", "EDU")} if answer.education_ok else set()
    for level in answer.levels:
        for route in (r for r, lv in rule_facts(answer.params).levels.items()
                      if lv == level.level):
            lacking = set(level.unmet.get(route, ()))
            met |= {(route, c) for c in conditions.get(route, ()) if c not in lacking}
    return met


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(partial_applicants(max_unknowns=3), st.none() | rule_params(partial=True))
def test_every_condition_met_least_favourably_is_met_in_every_completion(doc, params):
    """The property docs/partial.md rests on, for every route and condition: a future clause
    that breaks it fails here.  Also the stronger form the minimal deciding sets use:
    reading any one field better than least favourably loses no condition."""
    low = met_conditions(least_favourable(doc), params)
    seen: dict[str, set[tuple[str, str]]] = {}
    for assignment, completion in completions(doc):
        met = met_conditions(completion, params)
        assert low <= met, (assignment, low - met)
        seen[repr(sorted(assignment.items()))] = met
    lows = least_readings()
    for assignment, _ in completions(doc):
        for path, value in assignment.items():
            kind_low = _least(path, lows)
            if value != kind_low:
                continue
            for better in _readings(path):
                raised = dict(assignment, **{path: better})
                assert seen[repr(sorted(assignment.items()))] <= seen[repr(sorted(
                    raised.items()))], (path, better)


def _least(path: str, lows: dict[str, Any]) -> Any:
    from pyqualify.partial import FIELD_KIND

    return lows[FIELD_KIND[path.rsplit(".", 1)[-1]]]


def _readings(path: str) -> list[Any]:
    from pyqualify.partial import FIELD_KIND

    kind = FIELD_KIND[path.rsplit(".", 1)[-1]]
    return [v == "true" for v in READINGS[kind]] if kind == "certificate" else list(
        READINGS[kind])


def test_the_readings_of_logic_are_those_of_the_file():
    """logic/partial.lp's reading/2 names exactly the values the applicant file allows."""
    from pyqualify.asp import Program

    program = Program("partial")
    program.ground()
    found: dict[str, set[str]] = {}
    for kind, value in program.atoms("reading", 2):
        found.setdefault(kind, set()).add(value)
    assert found == {kind: set(values) for kind, values in READINGS.items()}


def test_best_cases_order_of_readings_is_the_tables():
    """logic/best_case.lp's table/3 (the tie-break of ``assumes``) numbers every reading of
    every kind in the order of the file's enumerations, from 0."""
    from pyqualify.asp import Program

    program = Program("best_case")
    program.ground("base", ("fewest", [0]))
    found: dict[str, list[tuple[int, str]]] = {}
    for kind, value, rank in program.atoms("table", 3):
        found.setdefault(kind, []).append((rank, value))
    assert {kind: [value for _, value in sorted(pairs)] for kind, pairs in found.items()} == {
        kind: list(values) for kind, values in READINGS.items()}
    assert all([rank for rank, _ in sorted(pairs)] == list(range(len(pairs)))
               for pairs in found.values())

"""``pyqualify audit``, ``rules`` and ``explain``: witnesses checked by the reference."""

from __future__ import annotations

import itertools
import json
import re

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pyqualify
from pyqualify.audit import run_audit
from pyqualify.clauses import clause_texts
from pyqualify.cli import main
from pyqualify.routes import routes
from tests.reference.eligibility import ROUTES, reference_check
from tests.strategies import applicants

AS_OF = pyqualify.parse_month("2026-11")
SWITCHES = ("l3_1b_requires_l4", "higher_tier_counts_as_technical_school",
            "education_requirement")
COMBOS = [dict(zip(SWITCHES, values, strict=True))
          for values in itertools.product([True, False], repeat=3)]


def only_route(witness: dict, route: str, params: dict) -> None:
    """The witness is what the audit claims, by the reference and by check."""
    level = int(route[1])
    expected = reference_check(witness, params)
    assert expected["education_ok"]
    assert next(lv for lv in expected["levels"] if lv["level"] == level)["routes"] == [route]
    result = pyqualify.check(pyqualify.parse_applicant(witness), params=params, explain=False)
    assert result.education_ok and result.level(level).routes == (route,)


@pytest.mark.parametrize("params", COMBOS, ids=lambda p: "-".join(
    f"I{i + 1}{'on' if v else 'off'}" for i, v in enumerate(p.values())))
def test_every_witness_checks_out_under_each_reading(params: dict) -> None:
    doc = run_audit(params, as_of=AS_OF, earliest=False)
    assert [e["route"] for e in doc["routes"]] == [r for lv in ROUTES.values() for r in lv]
    for entry in doc["routes"]:
        assert entry["witness"] is not None, entry   # every route has a witness here
        only_route(entry["witness"], entry["route"], params)
        assert entry["witness"]["as_of"] == "2026-11"


def test_witnesses_have_the_fewest_records() -> None:
    doc = run_audit(as_of=AS_OF, earliest=False)
    sizes = {e["route"]: sum(len(e["witness"][k]) for k in
                             ("diplomas", "work", "trainings", "certificates"))
             for e in doc["routes"]}
    assert sizes == {"L4-1": 1, "L4-2": 2, "L4-3a": 1, "L4-3b": 1, "L4-3c": 1, "L3-1a": 2,
                     "L3-1b": 2, "L3-2": 3, "L2-1": 2, "L2-2a": 3, "L2-2b": 3, "L1-1": 2}
    i1_off = run_audit({"l3_1b_requires_l4": False}, as_of=AS_OF, earliest=False)
    l3_1b = next(e for e in i1_off["routes"] if e["route"] == "L3-1b")["witness"]
    assert (len(l3_1b["diplomas"]), l3_1b["certificates"]) == (1, [])


def test_a_route_implied_by_another_is_subsumed() -> None:
    for months in (0, 6, 12):     # L4-1 then asks no more than L4-2
        doc = run_audit({"l4_1_work_months": months}, as_of=AS_OF, earliest=False)
        entry = next(e for e in doc["routes"] if e["route"] == "L4-2")
        assert (entry["witness"], entry["subsumed_by"]) == (None, ["L4-1"])
    params = {"l4_1_work_months": 13}
    entry = next(e for e in run_audit(params, as_of=AS_OF, earliest=False)["routes"]
                 if e["route"] == "L4-2")
    only_route(entry["witness"], "L4-2", params)


def test_earliest_from_high_school() -> None:
    doc = run_audit(as_of=AS_OF)
    months = {item["level"]: item["months"] for item in doc["earliest"]}
    assert months[4] < months[3] < months[2] < months[1]
    for item in doc["earliest"]:
        steps = item["plan"]["steps"]
        assert {"month": item["certified"], "action": "certificate",
                "level": item["level"]} in steps
        start = pyqualify.Applicant(education="high_school", as_of=AS_OF)
        assert pyqualify.fastest_path(start, item["level"], tradeoffs=False).months \
            == item["months"]


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_audit_command_json_and_bad_set() -> None:
    result = run("audit", "--as-of", "2026-11", "--no-earliest", "--format", "json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["as_of"] == "2026-11" and len(doc["routes"]) == 12
    bad = run("audit", "--set", "l9_work_months=3")
    assert bad.exit_code == 2 and "l9_work_months" in bad.stderr
    bad = run("audit", "--set", "I1=maybe")
    assert bad.exit_code == 2 and "I1" in bad.stderr


# --- rules and explain ------------------------------------------------------------------------

def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_clauses_come_from_rules_lp_and_match_the_reference_docstrings() -> None:
    texts = clause_texts()
    for level in ROUTES.values():
        for route, function in level.items():
            quoted = function.__doc__.split("\n\n")[0].split(":", 1)[1]
            assert squeeze(texts[route][0]) == squeeze(quoted), route
            assert texts[route][1]       # an English line
    assert "高中毕业" in texts["EDU"][0]


def test_rules_json_with_parameters_in_force() -> None:
    result = run("rules", "--format", "json", "--set", "l1_1_work_months=36", "--set",
                 "I1=false")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    found = {r["route"]: r for r in doc["routes"]}
    assert list(found) == [r for lv in ROUTES.values() for r in lv]
    assert found["L1-1"]["conditions"] == [
        {"condition": "level2_certificate"},
        {"condition": "work_since_level2", "parameter": "l1_1_work_months", "need": 36}]
    assert [c["condition"] for c in found["L3-1b"]["conditions"]] == ["advanced_skill_diploma"]
    assert doc["parameters"]["l3_1b_requires_l4"] is False


def test_explain_a_route_a_level_and_an_unknown_one() -> None:
    result = run("explain", "L3-2", "--lang", "zh")
    assert result.exit_code == 0
    assert "L3-2" in result.stdout and "累计从事本职业或相关职业工作2年" in result.stdout
    result = run("explain", "2", "--format", "json")
    assert [r["route"] for r in json.loads(result.stdout)["routes"]] == ["L2-1", "L2-2a",
                                                                         "L2-2b"]
    for unknown in ("L9-9", "5", "level"):
        result = run("explain", unknown)
        assert result.exit_code == 2
        assert "L4-1" in result.stderr and "L1-1" in result.stderr


def test_conditions_in_force_follow_the_switches() -> None:
    names = {r.route: r.condition_names() for r in routes(pyqualify.RuleParams.default())}
    assert "level4_certificate" in names["L3-1b"]
    off = pyqualify.RuleParams.of({"l3_1b_requires_l4": False})
    assert "level4_certificate" not in {r.route: r.condition_names() for r in routes(off)}[
        "L3-1b"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(applicants(), st.integers(0, 12))
def test_a_subsumed_route_never_admits_alone(data: dict, l4_1: int) -> None:
    """What `subsumed_by` claims, on random applicants, by the reference: with L4-1 asking
    no more than L4-2, L4-2 never admits without L4-1."""
    params = {"l4_1_work_months": l4_1, "l4_2_work_months": 12}
    level4 = reference_check(data, params)["levels"][0]
    assert "L4-2" not in level4["routes"] or "L4-1" in level4["routes"]


def test_explain_names_routes_in_any_case_and_refuses_in_both_languages() -> None:
    lower = run("explain", "l3-1b", "--format", "json")
    assert [r["route"] for r in json.loads(lower.stdout)["routes"]] == ["L3-1b"]
    zh = run("explain", "L9", "--lang", "zh")
    assert zh.exit_code == 2
    assert zh.stderr.startswith("pyqualify：错误：explain L9：应为路线编号（L4-1")
    en = run("explain", "\x1b[2J" + "x" * 5000, "--lang", "en")
    assert en.exit_code == 2 and "\x1b" not in en.stderr and len(en.stderr) < 400
    assert "expected a route ID (L4-1" in en.stderr and "(4980 more)" in en.stderr

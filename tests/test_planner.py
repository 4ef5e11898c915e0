"""The fastest-path planner: spec examples, personas, replay through `check`, optimality."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pyqualify
from pyqualify.cli import main
from pyqualify.months import calendar_month, format_month, parse_month
from pyqualify.options import PlannerOptions
from pyqualify.planner import PathResult, Plan
from pyqualify.replay import applicant_at
from tests.builders import applicant, certificate, diploma, work
from tests.reference.planner import reference_plan
from tests.strategies import applicants, rule_params

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
EXPECTED = json.loads((EXAMPLES / "expected.json").read_text(encoding="utf-8"))
DEFAULTS = PlannerOptions.default()


def plan_for(data: dict[str, Any], target: int = 1, params: dict[str, Any] | None = None,
             options: PlannerOptions = DEFAULTS, **kwargs: Any) -> PathResult:
    return pyqualify.fastest_path(pyqualify.parse_applicant(data), target, params=params,
                                  options=options, **kwargs)


def assert_replays(result: PathResult, plan: Plan) -> None:
    """Every exam is admitted at its month by `check`, in an exam month, once per level and
    month; certificates follow the delay; the target arrives at the reported month."""
    opts, rules = result.options, result.params
    exams = tuple((month, level) for month, level, _ in plan.exams)
    assert len({m for m, _ in exams}) == len(exams), "one exam a month"
    assert len({lv for _, lv in exams}) == len(exams), "each level sat once"
    for month, level, routes in plan.exams:
        assert calendar_month(month) in opts.exam_months[level]
        state = applicant_at(result.applicant, result.as_of, month, opts, study=plan.study,
                             training_start=plan.training_start, exams=exams)
        answer = pyqualify.check(state, params=rules).level(level)
        assert answer.eligible, (format_month(month), level, answer)
        assert answer.routes == routes, (format_month(month), level)
        assert not any(c.level == level and c.occupation != "unrelated"
                       for c in result.applicant.certificates), "never a level held or awaited"
    certificates = {step.level: step.month for step in plan.steps
                    if step.action == "certificate"}
    for month, level in exams:
        assert certificates[level] == month + opts.certificate_delay
    if result.target in certificates:
        assert certificates[result.target] == result.certified
    assert result.certified is not None
    assert result.certified <= result.as_of + opts.horizon


def objective(result: PathResult) -> list[int] | None:
    if not result.reachable or result.certified is None:
        return None
    plan = result.plans[0]
    return [result.certified, plan.study_months, len(plan.exams),
            0 if plan.training_start is None else 1, sum(m for m, _, _ in plan.exams)]


# --- the spec's examples -------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_examples_match_the_spec_and_replay(name: str) -> None:
    result = pyqualify.fastest_path(pyqualify.load_applicant(EXAMPLES / name))
    expected = EXPECTED[name]["path"]
    doc = result.to_json()
    assert {k: doc[k] for k in expected} == expected
    for plan in result.plans:
        assert_replays(result, plan)


# --- personas with hand-worked answers -------------------------------------------------------

def test_high_school_graduate_without_diploma() -> None:
    # Study from 2026-11 (36 months, advanced skills): graduating from 2028-11, so level 4 by
    # L4-3a/L4-3c in 2028-11 (cert 2029-01) and level 3 in 2029-01 (cert 2029-03); school ends
    # 2029-11, then 36 months of work -> 2032-11, level 2 in 2032-12 (cert 2033-02); 48 months
    # later 2037-02, level 1 in 2037-03, certificate 2037-05: 126 months.
    result = plan_for(applicant())
    assert (format_month(result.certified or 0), result.months) == ("2037-05", 126)
    plan = result.plans[0]
    assert plan.study_months == 36 and len(plan.exams) == 4
    assert_replays(result, plan)


def test_level_1_already_held_answers_zero_months() -> None:
    result = plan_for(applicant(certificates=[certificate(1, -3)]))
    assert result.reachable and result.months == 0 and result.plans[0].steps == ()
    doc = result.to_json()
    assert doc["certified"] == "2026-11" and doc["plans"] == [{"steps": []}]


def test_awaited_target_certificate_is_its_own_month() -> None:
    result = plan_for(applicant(certificates=[certificate(1, 2)]))
    assert result.months == 2 and result.plans[0].exams == ()


def test_no_path_without_study_says_why_and_what_opens_one() -> None:
    data = json.loads(json.dumps(pyqualify.load_applicant(
        EXAMPLES / "newcomer-three-years.yaml").to_dict()))
    result = plan_for(data, options=DEFAULTS.updated(allow_study=False))
    assert not result.reachable and result.certified is None
    reason = result.reason or {}
    assert reason["highest_reachable"] == 4 and reason["blocked_level"] == 3
    assert set(reason["unmet"]) == {"L3-1a", "L3-1b", "L3-2"}
    assert [item["option"] for item in reason["would_open"]][0] == "allow_study"
    assert reason["would_open"][0]["months"] == 90


def test_education_none_without_diploma_cannot_study_or_sit() -> None:
    result = plan_for(applicant("none", work=[work(-60)]), options=DEFAULTS.updated(horizon=60))
    assert not result.reachable
    assert result.reason and result.reason["education_ok"] is False


def test_tradeoffs_list_the_front_fewest_study_first() -> None:
    result = pyqualify.fastest_path(pyqualify.load_applicant(EXAMPLES / "college-graduate.yaml"))
    front = [(plan.study_months, plan.certified - result.as_of) for plan in result.tradeoffs]
    assert front == [(0, 93), (36, 90)]
    for plan in result.tradeoffs:
        assert_replays(PathResult(**{**result.__dict__, "certified": plan.certified}), plan)


def test_all_lists_distinct_optimal_plans() -> None:
    data = applicant(diplomas=[diploma("junior_college", -40)], work=[work(-40)],
                     certificates=[certificate(4, -30)])
    best = plan_for(data, tradeoffs=False)
    every = plan_for(data, all_plans=True, max_plans=5, tradeoffs=False)
    assert every.certified == best.certified
    assert len({plan.steps for plan in every.plans}) == len(every.plans)
    for plan in every.plans:
        assert plan.certified == best.certified
        assert plan.study_months == best.plans[0].study_months
        assert len(plan.exams) == len(best.plans[0].exams)
        assert_replays(every, plan)


# --- optimality against the brute force ------------------------------------------------------

CATALOG = [p.__dict__ for p in DEFAULTS.catalog]


@st.composite
def small_cases(draw: st.DrawFn) -> tuple[dict[str, Any], int, dict[str, Any], dict[str, Any]]:
    data = draw(applicants())
    target = draw(st.sampled_from([1, 1, 2, 2, 3, 4]))
    params = draw(st.one_of(st.just({}), rule_params(partial=True)))
    chosen = draw(st.lists(st.sampled_from(range(len(CATALOG))), max_size=2, unique=True))
    planner = {
        "horizon": draw(st.integers(12, 36)),
        "certificate_delay": draw(st.integers(0, 3)),
        "assume_work": draw(st.booleans()),
        "allow_study": bool(chosen) and draw(st.booleans()),
        "allow_training": draw(st.booleans()),
        "catalog": [CATALOG[i] for i in chosen] or CATALOG[:1],
        "exam_months": draw(st.sampled_from([
            DEFAULTS.exam_months,
            {4: tuple(range(1, 13)), 3: (1, 4, 7, 10), 2: (2, 5, 8, 11), 1: (3, 6, 9, 12)},
        ])),
    }
    return data, target, params, planner


def our_options(planner: dict[str, Any]) -> PlannerOptions:
    from pyqualify.options import parse_catalog

    changes = {k: v for k, v in planner.items() if k != "catalog"}
    return DEFAULTS.updated(catalog=parse_catalog(planner["catalog"]), **changes)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_cases())
def test_optimal_against_brute_force_and_replays(
        case: tuple[dict[str, Any], int, dict[str, Any], dict[str, Any]]) -> None:
    agrees_with_brute_force(case)


def agrees_with_brute_force(
        case: tuple[dict[str, Any], int, dict[str, Any], dict[str, Any]]) -> None:
    """The same objective as the brute force, and a plan that replays through `check`."""
    data, target, params, planner = case
    ours = plan_for(data, target, params=params, options=our_options(planner),
                    tradeoffs=False, explain=False)
    reference = reference_plan(data, target, params, {
        **planner, "exam_months": {k: list(v) for k, v in planner["exam_months"].items()}})
    assert ours.reachable == reference["reachable"]
    if ours.reachable and ours.months:
        assert objective(ours) == reference["objective"]
        assert_replays(ours, ours.plans[0])
    elif ours.reachable:
        assert reference["months"] == 0


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(applicants(), st.sampled_from([1, 2, 3]))
def test_default_horizon_plans_replay(data: dict[str, Any], target: int) -> None:
    result = plan_for(data, target, tradeoffs=False, explain=False)
    if result.reachable and result.months:
        assert_replays(result, result.plans[0])


def test_shifting_every_date_shifts_the_plan() -> None:
    data = pyqualify.load_applicant(EXAMPLES / "graduating-student.yaml").to_dict()
    base = plan_for(data, tradeoffs=False)
    moved = json.loads(json.dumps(data))
    for key, fields in (("diplomas", ["graduation"]),):
        for record in moved[key]:
            for field in fields:
                record[field] = format_month(parse_month(record[field]) + 12)
    moved["as_of"] = format_month(parse_month(moved["as_of"]) + 12)
    shifted = plan_for(moved, tradeoffs=False)
    assert shifted.months == base.months


# --- the command line ------------------------------------------------------------------------

def test_path_cli_json_and_text() -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["path", str(EXAMPLES / "technician-college.yaml"),
                                  "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert (doc["certified"], doc["months"], doc["target"]) == ("2031-05", 54, 1)
    actions = [step["action"] for step in doc["plans"][0]["steps"]]
    assert actions == ["exam", "certificate", "exam", "certificate"]
    assert doc["plans"][0]["steps"][0]["routes"] == ["L2-2b"]
    zh = runner.invoke(main, ["path", str(EXAMPLES / "technician-college.yaml"), "--lang", "zh"])
    assert "一级/高级技师：2031-05 取得证书，距今 54 个月" in zh.stdout


@pytest.mark.parametrize("option", [["--target", "5"], ["--horizon", "0"],
                                    ["--exam-months", "2=13"], ["--exam-months", "x"],
                                    ["--exclude", "no_such_programme"],
                                    ["--certificate-delay", "-1"]])
def test_path_bad_options_exit_2(option: list[str]) -> None:
    result = CliRunner().invoke(main, ["path", str(EXAMPLES / "level2-holder.yaml"), *option])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output


def test_path_options_change_the_answer(tmp_path: Path) -> None:
    catalog = tmp_path / "catalog.yaml"
    catalog.write_text("catalog:\n  - {id: 'my school', kind: technician_college, "
                       "skill_target: advanced, mode: full_time, months: 24, "
                       "entry: upper_secondary, certificate: preparatory_technician}\n",
                       encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(main, ["path", str(EXAMPLES / "newcomer-three-years.yaml"),
                                  "--format", "json", "--catalog", str(catalog),
                                  "--exam-months", "1=6,12", "--certificate-delay", "1"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["planner"]["catalog"] == ["my school"]
    assert doc["planner"]["exam_months"]["1"] == [6, 12]
    exams = [s for s in doc["plans"][0]["steps"] if s["action"] == "exam" and s["level"] == 1]
    assert exams and exams[0]["month"].endswith(("-06", "-12"))
    bad = tmp_path / "bad.yaml"
    bad.write_text("- {id: x, kind: school, skill_target: none, mode: full_time, months: 3, "
                   "entry: not_none}\n", encoding="utf-8")
    result = runner.invoke(main, ["path", str(EXAMPLES / "level2-holder.yaml"),
                                  "--catalog", str(bad)])
    assert result.exit_code == 2 and "catalog[0].kind" in result.stderr


def test_a_copy_of_planning_yaml_is_a_valid_catalog() -> None:
    shipped = Path(pyqualify.__file__).parent / "data" / "planning.yaml"
    result = CliRunner().invoke(main, ["path", str(EXAMPLES / "level2-holder.yaml"),
                                       "--catalog", str(shipped), "--format", "json"])
    assert result.exit_code == 0, result.output


def test_relaxations_are_tried_together_when_none_is_enough_alone() -> None:
    data = pyqualify.load_applicant(EXAMPLES / "newcomer-three-years.yaml").to_dict()
    result = plan_for(data, options=DEFAULTS.updated(allow_study=False, horizon=24))
    options = [item["option"] for item in (result.reason or {})["would_open"]]
    assert options == ["allow_study+horizon=600"]


def test_all_puts_the_default_plan_first() -> None:
    data = pyqualify.load_applicant(EXAMPLES / "college-graduate.yaml").to_dict()
    default = plan_for(data, tradeoffs=False).plans[0]
    every = plan_for(data, all_plans=True, tradeoffs=False).plans
    assert every[0].steps == default.steps

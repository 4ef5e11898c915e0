"""The canonical question (pyqualify/questions.py): an applicant and its canonical
question have the same fastest path, under every switch, random thresholds and targets."""

from __future__ import annotations

import os
from dataclasses import replace
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pyqualify.applicant import Applicant, Certificate, Diploma, Training, Work, parse_applicant
from pyqualify.months import parse_month
from pyqualify.options import PlannerOptions, Programme
from pyqualify.params import RuleParams
from pyqualify.planner import fastest_path
from pyqualify.population import shift_result
from pyqualify.questions import canonical_question, live_levels, profiles
from tests.strategies import applicants, months, rule_params

EXAMPLES = int(os.environ.get("PYQUALIFY_QUESTION_EXAMPLES", "30"))
NOW = parse_month("2026-11")


def document(result: Any) -> dict[str, Any]:
    """The path document without its stats (they describe the solve, not the answer)."""
    doc = result.to_json()
    doc.pop("stats")
    return doc


def same_answer(person: Applicant, target: int, rules: RuleParams,
                options: PlannerOptions, **kwargs: Any) -> None:
    assert person.as_of is not None
    question, shift = canonical_question(person, person.as_of, target, rules, options)
    assert shift % 12 == 0 and (question.as_of or 0) % 12 == person.as_of % 12
    direct = fastest_path(person, target, params=rules, options=options, **kwargs)
    through = fastest_path(question, target, as_of=question.as_of, params=rules,
                           options=options, **kwargs)
    assert document(shift_result(through, shift, person)) == document(direct)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=applicants(as_of=months("2001-01", "2060-12")),
       params=rule_params(partial=True), target=st.sampled_from([1, 1, 2, 3, 4]),
       assume_work=st.booleans(), allow_study=st.booleans(),
       horizon=st.sampled_from([240, 240, 36, 6]),
       late=st.lists(st.tuples(st.sampled_from([4, 3, 2, 1, "preparatory_technician"]),
                               st.integers(1, 60)), max_size=2))
def test_an_applicant_and_its_canonical_question_have_the_same_path(
        data: dict[str, Any], params: dict[str, Any], target: int, assume_work: bool,
        allow_study: bool, horizon: int, late: list[tuple[int | str, int]]) -> None:
    """Also with short horizons (unreachable answers and their reasons) and certificates
    awaited up to five years ahead (within the horizon or past it)."""
    options = PlannerOptions.default().updated(assume_work=assume_work,
                                               allow_study=allow_study, horizon=horizon)
    person = parse_applicant(data)
    assert person.as_of is not None
    person = replace(person, certificates=(*person.certificates, *(
        Certificate(level, "same", person.as_of + months) for level, months in late)))
    same_answer(person, target, RuleParams.of(params), options)


def test_a_certificate_awaited_past_the_horizon_stops_no_chain() -> None:
    """Found by review: the reason of an unreachable answer looks past such a certificate."""
    short = PlannerOptions.default().updated(horizon=3)
    rules = RuleParams.default()
    worker = Applicant("high_school", as_of=NOW, work=(Work(NOW - 40, NOW - 1, "same"),),
                       certificates=(Certificate(4, "same", NOW + 6),))
    same_answer(worker, 4, rules, short)
    climbing = Applicant("high_school", as_of=NOW, certificates=(
        Certificate(3, "same", NOW - 10), Certificate(2, "same", NOW + 6)))
    same_answer(climbing, 2, rules, short)


def test_tied_plans_are_listed_in_one_order() -> None:
    """Found by review: with --all, plans tied on every criterion came in clingo's order,
    which differed between a file and its canonical question."""
    catalog = (
        Programme("p0", "junior_college", "intermediate", "part_time", 12, "upper_secondary"),
        Programme("p1", "advanced_technical_school", "intermediate", "part_time", 24,
                  "not_none", "preparatory_technician"),
        Programme("p2", "advanced_technical_school", "advanced", "part_time", 12,
                  "upper_secondary"))
    options = PlannerOptions.default().updated(
        catalog=catalog, horizon=60, certificate_delay=0, assume_work=False,
        exam_months={4: (8,), 3: (3, 9), 2: (6,), 1: (6, 12)})
    as_of = parse_month("2027-02")
    person = Applicant("junior_middle", as_of=as_of, diplomas=(
        Diploma("technician_college", "unrelated", as_of + 12, "none", "part_time"),))
    rules = RuleParams.of({"l3_1b_requires_l4": False})
    plans = fastest_path(person, 3, params=rules, options=options, all_plans=True).plans
    assert len(plans) > 1
    same_answer(person, 3, rules, options, all_plans=True)


def question(person: Applicant, target: int = 1, **params: Any) -> Applicant:
    assert person.as_of is not None
    return canonical_question(person, person.as_of, target, RuleParams.of(params),
                              PlannerOptions.default())[0]


def test_facts_that_no_rule_tells_apart_give_one_question() -> None:
    base = Applicant("high_school", as_of=NOW, diplomas=(
        Diploma("bachelor", "same", NOW - 30),), work=(Work(NOW - 70, None, "same"),))
    alike = [
        replace(base, education="equivalent"),                                # EDU either way
        replace(base, diplomas=(Diploma("master", "related", NOW - 2),)),     # 大专及以上, fitting
        replace(base, work=(Work(NOW - 90, NOW - 5, "related"),)),            # past every threshold
        replace(base, trainings=(Training(30, "same", True, NOW - 3),)),      # under 40 hours
        replace(base, certificates=(Certificate(3, "unrelated", NOW - 9),)),  # unrelated
    ]
    assert {question(p) for p in alike} == {question(base)}
    different = [
        replace(base, education="none"),
        replace(base, diplomas=(Diploma("bachelor", "unrelated", NOW - 30),)),
        replace(base, diplomas=(Diploma("bachelor", "same", NOW + 3),)),
        replace(base, work=(Work(NOW - 20, None, "same"),)),
        replace(base, trainings=(Training(40, "same", True, NOW - 3),)),
        replace(base, certificates=(Certificate(4, "same", NOW - 9),)),
    ]
    assert len({question(p) for p in [base, *different]}) == len(different) + 1


def test_a_threshold_changes_where_counts_stop_mattering() -> None:
    person = Applicant("high_school", as_of=NOW, work=(Work(NOW - 40, None, "same"),))
    longer = replace(person, work=(Work(NOW - 60, None, "same"),))
    assert question(person) == question(longer)      # both past every work threshold (36)
    assert question(person, l4_1_work_months=55) != question(longer, l4_1_work_months=55)
    # Work since a certificate counts up to its own threshold (L3-2: 24 months since level 4).
    held = replace(person, certificates=(Certificate(4, "same", NOW - 30),))
    assert question(held) == question(replace(held, certificates=(
        Certificate(4, "same", NOW - 26),)))
    assert question(held) != question(replace(held, certificates=(
        Certificate(4, "same", NOW - 20),)))


def test_levels_above_a_certificate_in_the_file_no_longer_matter() -> None:
    rules = RuleParams.default()
    assert live_levels(1, set(), profiles(rules)) == {1, 2, 3, 4}
    assert live_levels(1, {3}, profiles(rules)) == {1, 2}
    assert live_levels(2, {2}, profiles(rules)) == set()
    level_two = Applicant("high_school", as_of=NOW, work=(Work(NOW - 80, None, "same"),),
                          certificates=(Certificate(2, "same", NOW - 20),))
    with_more = replace(level_two, diplomas=(Diploma("technician_college", "same", NOW - 90),),
                        certificates=(*level_two.certificates, Certificate(4, "same", NOW - 70),
                                      Certificate(3, "related", NOW - 40)))
    assert question(level_two) == question(with_more)


def test_a_held_target_is_one_question() -> None:
    first = Applicant("none", as_of=NOW, certificates=(Certificate(1, "same", NOW - 1),))
    second = Applicant("high_school", as_of=NOW - 12, work=(Work(NOW - 99, None, "same"),),
                       certificates=(Certificate(1, "related", NOW - 40),))
    assert question(first) == question(second)
    same_answer(second, 1, RuleParams.default(), PlannerOptions.default())

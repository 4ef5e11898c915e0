"""opens/opens_by, shortfall and materials (docs/explanations.md), against the independent
reference."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pyqualify
from pyqualify.eligibility import SMALL_BATCH
from pyqualify.months import format_month, parse_month
from pyqualify.options import PlannerOptions
from pyqualify.replay import applicant_at
from tests.builders import NOW, applicant, certificate, diploma, month, training, work
from tests.reference.eligibility import (
    reference_materials,
    reference_opens,
    reference_shortfall,
)
from tests.strategies import applicants, rule_params

SOME = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def explained(data: dict[str, Any], params: dict[str, Any] | None = None, **kw: Any) -> dict:
    return pyqualify.check(pyqualify.parse_applicant(data), params=params, **kw).to_json()


def opens(doc: dict) -> dict[int, tuple[str | None, list[str]]]:
    return {lv["level"]: (lv["opens"], lv["opens_by"]) for lv in doc["levels"]}


# --- properties -------------------------------------------------------------------------------

@SOME
@given(applicants(), rule_params(partial=True), st.booleans())
def test_opens_equals_the_reference(data: dict, params: dict, assume_work: bool) -> None:
    doc = explained(data, params, assume_work=assume_work)
    assert opens(doc) == reference_opens(data, params, assume_work=assume_work)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(applicants(), min_size=1, max_size=6), rule_params(partial=True))
def test_opens_of_a_batch_equals_the_reference(people: list[dict], params: dict) -> None:
    """A batch of more than SMALL_BATCH applicants confirms in a second round (no confirming
    probes in the first); the same applicant repeated gets the same answer."""
    count = len(people)
    expected = [reference_opens(data, params) for data in people]
    people = (people * (1 + SMALL_BATCH // count))[:SMALL_BATCH + 2]
    results = pyqualify.check_many([pyqualify.parse_applicant(d) for d in people], params=params)
    for index, (data, result) in enumerate(zip(people, results, strict=True)):
        assert opens(result.to_json()) == expected[index % count], data


@SOME
@given(applicants(), rule_params(partial=True), st.booleans())
def test_at_opens_eligible_and_a_month_earlier_not(data: dict, params: dict,
                                                   assume_work: bool) -> None:
    person = pyqualify.parse_applicant(data)
    result = pyqualify.check(person, params=params, assume_work=assume_work)
    options = PlannerOptions.default().updated(assume_work=assume_work)
    for level in result.levels:
        if level.opens is None or level.opens == result.as_of:
            continue
        later = pyqualify.check(applicant_at(person, result.as_of, level.opens, options),
                                params=params, explain=False)
        assert later.level(level.level).eligible
        assert set(later.level(level.level).routes) >= set(level.opens_by)
        earlier = pyqualify.check(applicant_at(person, result.as_of, level.opens - 1, options),
                                  params=params, explain=False)
        assert not earlier.level(level.level).eligible


@SOME
@given(applicants(), rule_params(partial=True))
def test_shortfall_equals_the_reference(data: dict, params: dict) -> None:
    doc = explained(data, params)
    found = {route: items for lv in doc["levels"] for route, items in lv["shortfall"].items()}
    assert found == reference_shortfall(data, params)
    for lv in doc["levels"]:
        assert {r: [i["condition"] for i in items] for r, items in lv["shortfall"].items()} \
            == lv["unmet"]


@SOME
@given(applicants(), rule_params(partial=True))
def test_materials_equal_the_reference(data: dict, params: dict) -> None:
    doc = explained(data, params)
    found = {lv["level"]: lv["materials"] for lv in doc["levels"] if lv["eligible"]}
    assert found == reference_materials(data, params)
    assert all(not lv["materials"] for lv in doc["levels"] if not lv["eligible"])


# --- boundaries -------------------------------------------------------------------------------

def level(doc: dict, n: int) -> dict:
    return next(lv for lv in doc["levels"] if lv["level"] == n)


def test_thirty_months_of_work_open_level_4_six_months_later() -> None:
    doc = explained(applicant(work=[work(-30)]))
    assert (level(doc, 4)["opens"], level(doc, 4)["opens_by"]) == (month(6), ["L4-1"])
    assert level(doc, 4)["shortfall"]["L4-1"] == [{"condition": "work", "have": 30, "need": 36}]


def test_an_ended_record_opens_nothing_without_assumed_work() -> None:
    data = applicant(work=[work(-30, 2)])
    assert level(explained(data), 4)["opens"] == month(6)
    assert level(explained(data, assume_work=False), 4)["opens"] is None
    data = applicant(work=[work(-30, 10)])
    assert level(explained(data, assume_work=False), 4)["opens"] == month(6)


def test_an_ongoing_record_counts_without_assumed_work() -> None:
    assert level(explained(applicant(work=[work(-35)]), assume_work=False), 4)["opens"] == month(1)


def test_full_time_study_stops_forecast_work_even_where_a_record_covers_it() -> None:
    data = applicant(work=[work(-30)], diplomas=[diploma("bachelor", 24, major="unrelated")])
    doc = explained(data)
    assert level(doc, 4)["opens"] == month(24 + 6)
    assert level(explained(data, assume_work=False), 4)["opens"] == month(24 + 6)
    part_time = applicant(work=[work(-30)],
                          diplomas=[diploma("bachelor", 24, major="unrelated",
                                            mode="part_time")])
    assert level(explained(part_time), 4)["opens"] == month(6)


def test_a_graduating_diploma_opens_level_4_when_the_window_reaches_it() -> None:
    data = applicant(diplomas=[diploma("junior_college", 20, major="related")])
    doc = explained(data)
    assert (level(doc, 4)["opens"], level(doc, 4)["opens_by"]) == (month(8), ["L4-3c"])
    doc = explained(data, {"graduating_window_months": 0})
    assert level(doc, 4)["opens"] == month(20)


def test_an_awaited_certificate_counts_from_its_own_month() -> None:
    data = applicant(work=[work(-60)], certificates=[certificate(3, 3)])
    doc = explained(data)
    assert (level(doc, 2)["opens"], level(doc, 2)["opens_by"]) == (month(3 + 36), ["L2-1"])
    assert level(doc, 3)["opens"] is None     # held from 3 months on, but not at as_of


def test_held_level_has_no_opens_and_eligible_level_opens_now() -> None:
    data = applicant(work=[work(-60)], certificates=[certificate(4, -30)],
                     diplomas=[diploma("junior_college", -40, major="related")])
    doc = explained(data)
    assert level(doc, 4)["held"] and level(doc, 4)["opens"] is None
    assert (level(doc, 3)["opens"], level(doc, 3)["opens_by"]) == (month(0), ["L3-2"])


def test_a_level_that_never_opens_under_the_forecast_is_null() -> None:
    doc = explained(applicant(work=[work(-5)]))
    assert (level(doc, 1)["opens"], level(doc, 1)["opens_by"]) == (None, [])
    assert level(explained(applicant(work=[work(-5)]), horizon=30), 4)["opens"] is None
    assert level(explained(applicant(work=[work(-5)]), horizon=31), 4)["opens"] == month(31)


def test_training_completing_later_opens_l4_2() -> None:
    data = applicant(work=[work(-20)], trainings=[training(4, hours=40)])
    doc = explained(data)
    assert (level(doc, 4)["opens"], level(doc, 4)["opens_by"]) == (month(4), ["L4-2"])
    assert level(doc, 4)["shortfall"]["L4-2"] == [
        {"condition": "training", "have": 0, "need": 40}]


def test_training_hours_shortfall() -> None:
    data = applicant(work=[work(-20)], trainings=[training(-1, hours=39)])
    assert level(explained(data), 4)["shortfall"]["L4-2"] == [
        {"condition": "training", "have": 39, "need": 40}]


def test_materials_of_a_graduating_student_need_an_enrolment_proof() -> None:
    data = applicant(education="junior_middle",
                     diplomas=[diploma("junior_college", 6, major="same")])
    assert level(explained(data), 4)["materials"] == {
        "L4-3c": ["id_card", "education_proof", "enrolment_proof"]}


def test_materials_without_edu_and_with_switches() -> None:
    data = applicant(education="none", work=[work(-40)])
    doc = explained(data, {"education_requirement": False})
    assert level(doc, 4)["materials"] == {"L4-1": ["id_card", "work_proof"]}
    data = applicant(certificates=[certificate(4, -1)],
                     diplomas=[diploma("higher_vocational", -1, skill="advanced")])
    assert level(explained(data), 3)["materials"]["L3-1b"] == [
        "id_card", "education_proof", "certificate_level4"]
    assert level(explained(data, {"l3_1b_requires_l4": False}), 3)["materials"]["L3-1b"] == [
        "id_card", "education_proof"]


def test_no_explain_leaves_the_keys_out() -> None:
    doc = explained(applicant(work=[work(-30)]), explain=False)
    assert all("opens" not in lv and "materials" not in lv for lv in doc["levels"])


@pytest.mark.parametrize("offset", [-1, 0, 1])
def test_opens_moves_with_the_threshold(offset: int) -> None:
    doc = explained(applicant(work=[work(-24)]), {"l4_1_work_months": 36 + offset})
    assert level(doc, 4)["opens"] == month(12 + offset)
    assert parse_month(level(doc, 4)["opens"]) - NOW == 12 + offset
    assert format_month(NOW) == doc["as_of"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(applicants(), rule_params(partial=True))
def test_opens_is_exact_whatever_the_candidates(data: dict, params: dict) -> None:
    """With the end of the horizon as the only candidate, the fallback rounds must find the
    same month: the candidates only make the search short."""
    from pyqualify import forecast

    original = forecast.candidate_months
    forecast.candidate_months = lambda applicant, as_of, params, runs, horizon: [as_of + horizon]
    try:
        doc = explained(data, params)
    finally:
        forecast.candidate_months = original
    assert opens(doc) == reference_opens(data, params)

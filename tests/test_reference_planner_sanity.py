"""Sanity tests of the brute-force reference planner: hand-worked cases and the spec examples.

Every expected answer below was worked out by hand from docs/rules.md and docs/planner.md;
the comments show the arithmetic. Objectives are [certified, study months, exams, trainings,
sum of exam months] with months encoded as ``year * 12 + (month - 1)`` (CONTRACT.md).
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

try:
    from tests.reference.planner import PLANNER_DEFAULTS, month_index, reference_plan
    from tests.strategies import applicants, rule_params
except ImportError:  # tests/ itself is on sys.path (pytest's rootdir-less "prepend" mode)
    from reference.planner import PLANNER_DEFAULTS, month_index, reference_plan
    from strategies import applicants, rule_params

# The spec's examples, as copied into the repository (tests/test_examples_copy.py keeps the
# copy equal to ../shared/spec/examples whenever that folder is present).
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def m(month: str) -> int:
    """Month index of "YYYY-MM"."""
    return month_index(month)


def _exams(result: dict[str, Any]) -> list[list[Any]]:
    return result["plan"]["exams"]


# --- level 1 after 48 months of work following the level-2 certificate -----------------------

LEVEL2_SINCE_2023_02 = {
    "as_of": "2027-01",
    "education": "high_school",
    "work": [{"start": "2015-01", "occupation": "same"}],
    "certificates": [{"level": 2, "occupation": "same", "obtained": "2023-02"}],
}


def test_level1_exam_at_next_quarter_after_the_48th_month() -> None:
    # At 2027-01 the months 2023-02..2026-12 are over: 47. The 48th (2027-01) is over at
    # 2027-02, a February; level 1 is sat in Mar/Jun/Sep/Dec: exam 2027-03, certificate 2027-05.
    r = reference_plan(LEVEL2_SINCE_2023_02, 1, planner={"horizon": 12})
    assert r["reachable"] is True
    assert (r["certified"], r["months"]) == ("2027-05", 4)
    assert r["objective"] == [m("2027-05"), 0, 1, 0, m("2027-03")]
    assert _exams(r) == [[1, "2027-03"]]


def test_level1_exam_at_once_when_48_months_are_over_in_an_exam_month() -> None:
    # At 2026-12 the months 2022-12..2026-11 are over: 48, and December is an exam month.
    applicant = {
        **LEVEL2_SINCE_2023_02,
        "as_of": "2026-12",
        "certificates": [{"level": 2, "occupation": "same", "obtained": "2022-12"}],
    }
    r = reference_plan(applicant, 1, planner={"horizon": 12})
    assert r["objective"] == [m("2027-02"), 0, 1, 0, m("2026-12")]
    assert r["months"] == 2


def test_level1_needs_the_48th_work_month_without_assume_work() -> None:
    # Without assume_work only recorded months count: a job ending 2026-12 leaves 47 months.
    ended = {**LEVEL2_SINCE_2023_02, "work": [{"start": "2015-01", "end": "2026-12",
                                               "occupation": "same"}]}
    r = reference_plan(ended, 1, planner={"horizon": 24, "assume_work": False})
    assert r["reachable"] is False
    assert (r["certified"], r["months"], r["objective"]) == (None, None, None)
    # One more recorded month (2027-01) and the answer is that of the first test.
    ended["work"] = [{"start": "2015-01", "end": "2027-01", "occupation": "same"}]
    r = reference_plan(ended, 1, planner={"horizon": 24, "assume_work": False})
    assert r["objective"] == [m("2027-05"), 0, 1, 0, m("2027-03")]


# --- held, awaited, unreachable ----------------------------------------------------------------

LEVEL2_HOLDER = {
    "as_of": "2026-11",
    "education": "equivalent",
    "work": [
        {"start": "2012-03", "end": "2019-12", "occupation": "related"},
        {"start": "2019-06", "occupation": "same"},
    ],
    "certificates": [
        {"level": 4, "occupation": "related", "obtained": "2014-05"},
        {"level": 3, "occupation": "same", "obtained": "2018-06"},
        {"level": 2, "occupation": "same", "obtained": "2022-09"},
    ],
}


@pytest.mark.parametrize("target", [2, 3, 4])
def test_target_already_held_is_zero_months(target: int) -> None:
    r = reference_plan(LEVEL2_HOLDER, target, planner={"horizon": 12})
    assert r["reachable"] is True
    assert (r["certified"], r["months"]) == ("2026-11", 0)
    assert r["objective"] == [m("2026-11"), 0, 0, 0, 0]


def test_level2_holder_level1_with_default_horizon() -> None:
    # 2022-09..2026-10 = 50 months after the level-2 certificate: eligible now, but November is
    # no exam month for level 1; the next is December: certificate 2027-02 (expected.json).
    r = reference_plan(LEVEL2_HOLDER, 1)
    assert (r["certified"], r["months"]) == ("2027-02", 3)
    assert r["objective"] == [m("2027-02"), 0, 1, 0, m("2026-12")]


def test_awaited_target_certificate_arrives_on_its_own() -> None:
    # Reading R1: a level-1 certificate dated after as_of is awaited; nothing to do.
    applicant = {
        "as_of": "2026-11",
        "education": "high_school",
        "certificates": [{"level": 1, "occupation": "same", "obtained": "2027-03"}],
    }
    r = reference_plan(applicant, 1, planner={"horizon": 12})
    assert (r["certified"], r["months"]) == ("2027-03", 4)
    assert r["objective"] == [m("2027-03"), 0, 0, 0, 0]
    assert reference_plan(applicant, 1, planner={"horizon": 3})["reachable"] is False


NEWCOMER = {
    "as_of": "2026-11",
    "education": "high_school",
    "work": [{"start": "2023-09", "occupation": "same"}],
}


def test_unreachable_within_a_short_horizon() -> None:
    # Level 1 needs 48 months after a level-2 certificate: never within 24 months.
    r = reference_plan(NEWCOMER, 1, planner={"horizon": 24})
    assert r == {"reachable": False, "certified": None, "months": None, "objective": None,
                 "plan": None}


def test_level3_needs_study_and_is_unreachable_without_it() -> None:
    # Level 4 now (L4-1: 2023-09..2026-10 = 38 months), certificate 2027-01. Level 3 needs a
    # diploma: a 36-month full-time higher-vocational (L3-1b) or advanced-technical-school
    # (L3-1a) programme started now is graduating from 2028-11 (graduation 2029-11): level 3 in
    # 2028-11, certificate 2029-01. The 30-month part-time junior college graduates 2029-05 and
    # L3-2 accepts graduated diplomas only: later.
    r = reference_plan(NEWCOMER, 3, planner={"horizon": 36})
    assert r["objective"] == [m("2029-01"), 36, 2, 0, m("2026-11") + m("2028-11")]
    assert r["plan"]["study"] in {"higher_vocational", "advanced_technical_school"}
    assert r["plan"]["study_start"] == "2026-11"
    no_study = reference_plan(NEWCOMER, 3, planner={"horizon": 48, "allow_study": False})
    assert no_study["reachable"] is False


# --- training -----------------------------------------------------------------------------------

FOURTEEN_MONTHS = {
    "as_of": "2026-11",
    "education": "high_school",
    "work": [{"start": "2025-09", "occupation": "same"}],
}


def test_training_makes_level4_faster_than_36_months_of_work() -> None:
    # 2025-09..2026-10 = 14 months. A 1-month training started 2026-11 is complete in 2026-12:
    # L4-2 (>= 12 months, >= 40 hours): exam 2026-12, certificate 2027-02.
    r = reference_plan(FOURTEEN_MONTHS, 4, planner={"horizon": 36})
    assert r["objective"] == [m("2027-02"), 0, 1, 1, m("2026-12")]
    assert r["plan"]["training_start"] == "2026-11"
    assert _exams(r) == [[4, "2026-12"]]


def test_without_training_level4_waits_for_36_months_or_study() -> None:
    # Without training and study: L4-1 needs 22 more months: exam 2028-09, certificate 2028-11.
    plain = {"horizon": 36, "allow_training": False, "allow_study": False}
    r = reference_plan(FOURTEEN_MONTHS, 4, planner=plain)
    assert r["objective"] == [m("2028-11"), 0, 1, 0, m("2028-09")]
    # With study: the part-time junior college started now graduates 2029-05, so it is
    # graduating (L4-3c) from 2028-05: certificate 2028-07, earlier than by work alone.
    r = reference_plan(FOURTEEN_MONTHS, 4, planner={"horizon": 36, "allow_training": False})
    assert r["objective"] == [m("2028-07"), 30, 1, 0, m("2028-05")]
    assert r["plan"]["study"] == "junior_college_part_time"


# --- tie-breaks ---------------------------------------------------------------------------------

GRADUATING = {
    "as_of": "2026-11",
    "education": "high_school",
    "diplomas": [{"kind": "higher_vocational", "major": "same", "skill_target": "advanced",
                  "graduation": "2027-06", "mode": "full_time"}],
}
MARCH_ONLY = {**PLANNER_DEFAULTS["exam_months"], 3: [3]}


def test_tie_break_fewer_exams_wins() -> None:
    # Level 3 sat in March only. With I1 off, L3-1b (graduating, advanced higher-vocational)
    # admits level 3 directly: exam 2027-03, certificate 2027-05. Sitting level 4 first reaches
    # the same month with two exams, so one exam wins.
    r = reference_plan(
        GRADUATING, 3, params={"l3_1b_requires_l4": False},
        planner={"horizon": 12, "exam_months": MARCH_ONLY},
    )
    assert r["objective"] == [m("2027-05"), 0, 1, 0, m("2027-03")]
    assert _exams(r) == [[3, "2027-03"]]


def test_tie_break_exams_as_early_as_possible() -> None:
    # With I1 on, level 4 must be held at the level-3 exam of 2027-03: any level-4 exam in
    # 2026-11..2027-01 does; the earliest (2026-11, by L4-3c) has the smallest sum.
    r = reference_plan(GRADUATING, 3, planner={"horizon": 12, "exam_months": MARCH_ONLY})
    assert r["objective"] == [m("2027-05"), 0, 2, 0, m("2026-11") + m("2027-03")]
    assert _exams(r) == [[4, "2026-11"], [3, "2027-03"]]


def test_unknown_planner_parameter_is_refused() -> None:
    with pytest.raises(ValueError):
        reference_plan(NEWCOMER, 1, planner={"horizont": 12})


def test_default_catalogue_shape() -> None:
    catalog = {p["id"]: p for p in PLANNER_DEFAULTS["catalog"]}
    assert len(catalog) == 8
    assert catalog["junior_college_part_time"]["mode"] == "part_time"
    assert catalog["technician_college_preparatory_6yr"]["months"] == 72
    assert catalog["technician_college_preparatory"]["certificate"] == "preparatory_technician"
    assert PLANNER_DEFAULTS["exam_months"][1] == [3, 6, 9, 12]
    assert PLANNER_DEFAULTS["horizon"] == 240


# --- the prunings against plain enumeration ---------------------------------------------------

_SHORT_PROGRAMME = st.fixed_dictionaries(
    {
        "id": st.just("p"),
        "kind": st.sampled_from(["technical_school", "junior_college", "higher_vocational",
                                 "advanced_technical_school", "technician_college"]),
        "skill_target": st.sampled_from(["none", "intermediate", "advanced"]),
        "mode": st.sampled_from(["full_time", "part_time"]),
        "months": st.integers(0, 10),
        "entry": st.sampled_from(["not_none", "upper_secondary"]),
        "certificate": st.sampled_from([None, "preparatory_technician"]),
    }
)
_SMALL_THRESHOLDS = st.fixed_dictionaries(
    {
        "l4_1_work_months": st.integers(0, 40),
        "l4_2_work_months": st.integers(0, 6),
        "l3_2_work_months": st.integers(0, 8),
        "l2_1_work_months": st.integers(0, 8),
        "l2_2a_work_months": st.integers(0, 8),
        "l2_2b_work_months": st.integers(0, 8),
        "l1_1_work_months": st.integers(0, 8),
        "graduating_window_months": st.integers(0, 8),
        "l3_1b_requires_l4": st.booleans(),
    }
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    applicant=applicants(),
    target=st.sampled_from([1, 2, 3, 4]),
    params=st.one_of(rule_params(partial=True), _SMALL_THRESHOLDS),
    horizon=st.integers(4, 9),
    delay=st.integers(0, 2),
    training_months=st.integers(0, 2),
    assume_work=st.booleans(),
    allow_training=st.booleans(),
    catalog=st.lists(_SHORT_PROGRAMME, max_size=1),
    level3_months=st.sets(st.integers(1, 12), min_size=1),
)
def test_prunings_agree_with_exhaustive_enumeration(
    applicant: dict[str, Any],
    target: int,
    params: dict[str, Any],
    horizon: int,
    delay: int,
    training_months: int,
    assume_work: bool,
    allow_training: bool,
    catalog: list[dict[str, Any]],
    level3_months: set[int],
) -> None:
    planner = {
        "horizon": horizon,
        "certificate_delay": delay,
        "training_months": training_months,
        "assume_work": assume_work,
        "allow_training": allow_training,
        "catalog": catalog,
        "exam_months": {**PLANNER_DEFAULTS["exam_months"], 3: sorted(level3_months)},
    }
    fast = reference_plan(applicant, target, params, planner)
    slow = reference_plan(applicant, target, params, planner, exhaustive=True)
    assert fast["objective"] == slow["objective"]


# --- the spec examples with the default horizon of 240 months ---------------------------------


def _expected() -> dict[str, Any]:
    if not (EXAMPLES / "expected.json").is_file():
        return {}
    return json.loads((EXAMPLES / "expected.json").read_text(encoding="utf-8"))


@pytest.mark.slow
@pytest.mark.skipif(not (EXAMPLES / "expected.json").is_file(), reason="spec examples not found")
@pytest.mark.parametrize("name", sorted(_expected()) or ["(none)"])
def test_spec_example_path(name: str) -> None:
    applicant = yaml.safe_load((EXAMPLES / name).read_text(encoding="utf-8"))
    expected = _expected()[name]["path"]
    started = time.perf_counter()
    r = reference_plan(applicant, expected["target"])
    assert time.perf_counter() - started < 120
    assert r["reachable"] == expected["reachable"]
    assert r["certified"] == expected["certified"]
    assert r["months"] == expected["months"]

"""The planner's work clock (logic/planner.lp, section 1) against the brute force.

The planner finds the month at which each work threshold is reached on a fixed clock, and
moves it later when the one new full-time programme starts before it.  The cases of
test_planner.py rarely reach those moves (its programmes last 30 months or more within a
horizon of at most 36), so these cases draw a small world where they happen all the time:
programmes of a few months, thresholds of a few months, certificates that arrive before,
during and after a programme, and records that end in the future (with `assume_work` off,
a programme then takes fewer work months than it lasts).
"""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.strategies import KINDS, applicants, month_index, month_str
from tests.test_planner import DEFAULTS, agrees_with_brute_force

WORK_THRESHOLDS = ("l4_1_work_months", "l4_2_work_months", "l3_2_work_months",
                   "l2_1_work_months", "l2_2a_work_months", "l2_2b_work_months",
                   "l1_1_work_months")
Case = tuple[dict[str, Any], int, dict[str, Any], dict[str, Any]]


@st.composite
def programmes(draw: st.DrawFn) -> dict[str, Any]:
    return {
        "id": f"p{draw(st.integers(0, 999))}",
        "kind": draw(st.sampled_from(("technician_college", "advanced_technical_school",
                                      "higher_vocational", "junior_college",
                                      *KINDS))),
        "skill_target": draw(st.sampled_from(("advanced", "intermediate", "none"))),
        "mode": draw(st.sampled_from(("full_time", "full_time", "part_time"))),
        "months": draw(st.integers(1, 14)),
        "entry": draw(st.sampled_from(("not_none", "upper_secondary"))),
        "certificate": draw(st.sampled_from((None, "preparatory_technician"))),
    }


@st.composite
def small_world(draw: st.DrawFn) -> Case:
    data = draw(applicants())
    if draw(st.booleans()):   # a certificate awaited: counting starts inside the timeline
        data["certificates"] = [*data.get("certificates", []), {
            "level": draw(st.sampled_from([4, 3, 2])), "occupation": "same",
            "obtained": month_str(month_index(data["as_of"]) + draw(st.integers(0, 8)))}]
    target = draw(st.sampled_from([1, 2, 2, 3, 3]))
    small = st.one_of(st.integers(0, 3), st.integers(0, 14))
    params: dict[str, Any] = {name: draw(small) for name in WORK_THRESHOLDS
                              if draw(st.integers(0, 3))}
    params["graduating_window_months"] = draw(st.integers(0, 6))
    catalog = draw(st.lists(programmes(), min_size=1, max_size=3,
                            unique_by=lambda p: p["id"]))
    planner = {
        "horizon": draw(st.integers(12, 40)),
        "certificate_delay": draw(st.integers(0, 3)),
        "assume_work": draw(st.booleans()),
        "allow_study": draw(st.integers(0, 5)) > 0,
        "allow_training": draw(st.booleans()),
        "catalog": catalog,
        "exam_months": draw(st.sampled_from([
            DEFAULTS.exam_months,
            {4: tuple(range(1, 13)), 3: tuple(range(1, 13)), 2: tuple(range(1, 13)),
             1: tuple(range(1, 13))},
            {4: tuple(range(1, 13)), 3: (1, 4, 7, 10), 2: (2, 5, 8, 11), 1: (3, 6, 9, 12)},
        ])),
    }
    return data, target, params, planner


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_world())
def test_short_programmes_and_thresholds_against_brute_force(case: Case) -> None:
    agrees_with_brute_force(case)


SINCE = {4: "l3_2_work_months", 3: "l2_1_work_months", 2: "l1_1_work_months"}


@st.composite
def counting_across_study(draw: st.DrawFn) -> Case:
    """A certificate arrives inside the timeline, the next level counts work from it, and a
    short full-time programme (which the next level's routes may want) can start before,
    during or after the count."""
    data, _, params, planner = draw(small_world())
    level = draw(st.sampled_from([4, 3, 2]))
    data["certificates"] = [{"level": level, "occupation": "same",
                             "obtained": month_str(month_index(data["as_of"])
                                                   + draw(st.integers(0, 6)))}]
    data["education"] = "high_school"
    params[SINCE[level]] = draw(st.integers(1, 8))
    kind = draw(st.sampled_from(("junior_college", "bachelor", "advanced_technical_school",
                                 "technician_college", "higher_vocational")))
    planner["catalog"] = [{"id": "short", "kind": kind, "skill_target": "advanced",
                           "mode": "full_time", "months": draw(st.integers(1, 6)),
                           "entry": "not_none", "certificate": None}]
    planner["allow_study"] = True
    return data, level - 1, params, planner


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(counting_across_study())
def test_work_counted_from_a_certificate_across_a_programme(case: Case) -> None:
    agrees_with_brute_force(case)

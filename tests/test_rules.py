"""Every clause at its threshold and one short of it; statuses; every switch both ways.

Each case: an applicant at 2026-11 (dates as month offsets), the route in
question, whether it must hold, and rule parameters if not the defaults.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.builders import applicant, certificate, diploma, routes, training, verdicts, work

CASES: list[tuple[str, dict[str, Any], str, bool, dict[str, Any]]] = [
    # --- L4-1: 36 months of relevant work ---------------------------------------------
    ("L4-1 exactly 36 months", applicant(work=[work(-36)]), "L4-1", True, {}),
    ("L4-1 35 months", applicant(work=[work(-35)]), "L4-1", False, {}),
    ("L4-1 unrelated work", applicant(work=[work(-60, occupation="unrelated")]),
     "L4-1", False, {}),
    ("L4-1 related work counts", applicant(work=[work(-36, occupation="related")]),
     "L4-1", True, {}),
    ("L4-1 overlapping records count once",
     applicant(work=[work(-35, -1), work(-20, -10, "related")]), "L4-1", False, {}),
    ("L4-1 two records add up", applicant(work=[work(-40, -23), work(-18, -1)]),
     "L4-1", True, {}),
    ("L4-1 the month of as_of does not count yet", applicant(work=[work(-35, 5)]),
     "L4-1", False, {}),
    ("L4-1 threshold 35", applicant(work=[work(-35)]), "L4-1", True,
     {"l4_1_work_months": 35}),
    # --- L4-2: 12 months and certified training of 40 hours ------------------------------
    ("L4-2 exactly 12 months and 40 hours", applicant(work=[work(-12)],
     trainings=[training(0)]), "L4-2", True, {}),
    ("L4-2 11 months", applicant(work=[work(-11)], trainings=[training(0)]), "L4-2", False, {}),
    ("L4-2 39 hours", applicant(work=[work(-12)], trainings=[training(-1, hours=39)]),
     "L4-2", False, {}),
    ("L4-2 hours are not added up", applicant(work=[work(-12)],
     trainings=[training(-3, hours=20), training(-1, hours=20)]), "L4-2", False, {}),
    ("L4-2 no training certificate", applicant(work=[work(-12)],
     trainings=[training(-1, certificate=False)]), "L4-2", False, {}),
    ("L4-2 training in a related occupation", applicant(work=[work(-12)],
     trainings=[training(-1, occupation="related")]), "L4-2", False, {}),
    ("L4-2 training completed after as_of", applicant(work=[work(-12)],
     trainings=[training(1)]), "L4-2", False, {}),
    ("L4-2 threshold 30 hours", applicant(work=[work(-12)],
     trainings=[training(-1, hours=30)]), "L4-2", True, {"l4_2_training_hours": 30}),
    # --- L4-3a: technical school, graduated or graduating ---------------------------------
    ("L4-3a graduating in 12 months", applicant(diplomas=[diploma("technical_school", 12)]),
     "L4-3a", True, {}),
    ("L4-3a graduating in 13 months", applicant(diplomas=[diploma("technical_school", 13)]),
     "L4-3a", False, {}),
    ("L4-3a graduated", applicant(diplomas=[diploma("technical_school", -30, "related")]),
     "L4-3a", True, {}),
    ("L4-3a unrelated major", applicant(diplomas=[diploma("technical_school", -30,
     "unrelated")]), "L4-3a", False, {}),
    ("L4-3a I2 on: technician college counts",
     applicant(diplomas=[diploma("technician_college", -1)]), "L4-3a", True, {}),
    ("L4-3a I2 off: technician college does not count",
     applicant(diplomas=[diploma("technician_college", -1)]), "L4-3a", False,
     {"higher_tier_counts_as_technical_school": False}),
    ("L4-3a I2 on: secondary vocational does not count",
     applicant(diplomas=[diploma("secondary_vocational", -1)]), "L4-3a", False, {}),
    ("L4-3a window 6 months", applicant(diplomas=[diploma("technical_school", 7)]),
     "L4-3a", False, {"graduating_window_months": 6}),
    # --- L4-3b: intermediate skills, graduated only -------------------------------------
    ("L4-3b graduated this month", applicant(diplomas=[diploma("secondary_vocational", 0,
     "related", "intermediate")]), "L4-3b", True, {}),
    ("L4-3b graduating next month", applicant(diplomas=[diploma("secondary_vocational", 1,
     "related", "intermediate")]), "L4-3b", False, {}),
    ("L4-3b skill target none", applicant(diplomas=[diploma("secondary_vocational", -5,
     "related")]), "L4-3b", False, {}),
    ("L4-3b any kind (bachelor)", applicant(diplomas=[diploma("bachelor", -5, "same",
     "intermediate")]), "L4-3b", True, {}),
    # --- L4-3c: junior college or above, graduated or graduating ---------------------------
    ("L4-3c graduating in 12 months", applicant(diplomas=[diploma("bachelor", 12)]),
     "L4-3c", True, {}),
    ("L4-3c graduating in 13 months (enrolled)", applicant(diplomas=[diploma("bachelor", 13)]),
     "L4-3c", False, {}),
    ("L4-3c unrelated major", applicant(diplomas=[diploma("master", -12, "unrelated")]),
     "L4-3c", False, {}),
    ("L4-3c secondary vocational is below 大专",
     applicant(diplomas=[diploma("secondary_vocational", -12)]), "L4-3c", False, {}),
    # --- L3-1a: level 4 and a technician-school diploma, any major ------------------------
    ("L3-1a graduating, any major", applicant(
     diplomas=[diploma("technician_college", 12, "unrelated")], certificates=[certificate(4, 0)]),
     "L3-1a", True, {}),
    ("L3-1a enrolled", applicant(diplomas=[diploma("advanced_technical_school", 13)],
     certificates=[certificate(4, -1)]), "L3-1a", False, {}),
    ("L3-1a level-4 certificate next month (awaited)", applicant(
     diplomas=[diploma("technician_college", -1)], certificates=[certificate(4, 1)]),
     "L3-1a", False, {}),
    ("L3-1a unrelated certificate", applicant(diplomas=[diploma("technician_college", -1)],
     certificates=[certificate(4, -10, "unrelated")]), "L3-1a", False, {}),
    # --- L3-1b: higher vocational, advanced skills (I1: and level 4) -----------------------
    ("L3-1b I1 on, with level 4", applicant(diplomas=[diploma("higher_vocational", 12, "same",
     "advanced")], certificates=[certificate(4, -2)]), "L3-1b", True, {}),
    ("L3-1b I1 on, without level 4", applicant(diplomas=[diploma("higher_vocational", 12,
     "same", "advanced")]), "L3-1b", False, {}),
    ("L3-1b I1 off, without level 4", applicant(diplomas=[diploma("higher_vocational", 12,
     "same", "advanced")]), "L3-1b", True, {"l3_1b_requires_l4": False}),
    ("L3-1b skill target intermediate", applicant(diplomas=[diploma("higher_vocational", -12,
     "same", "intermediate")]), "L3-1b", False, {"l3_1b_requires_l4": False}),
    ("L3-1b junior college is not higher vocational", applicant(diplomas=[
     diploma("junior_college", -12, "same", "advanced")]), "L3-1b", False,
     {"l3_1b_requires_l4": False}),
    ("L3-1b enrolled", applicant(diplomas=[diploma("higher_vocational", 13, "same",
     "advanced")]), "L3-1b", False, {"l3_1b_requires_l4": False}),
    # --- L3-2: graduated 大专+, level 4, 24 months after it --------------------------------
    ("L3-2 exactly 24 months after level 4", applicant(diplomas=[diploma("junior_college", -40)],
     certificates=[certificate(4, -24)], work=[work(-60)]), "L3-2", True, {}),
    ("L3-2 23 months after level 4", applicant(diplomas=[diploma("junior_college", -40)],
     certificates=[certificate(4, -23)], work=[work(-60)]), "L3-2", False, {}),
    ("L3-2 graduating does not count", applicant(diplomas=[diploma("junior_college", 1)],
     certificates=[certificate(4, -30)], work=[work(-60)]), "L3-2", False, {}),
    ("L3-2 work before the certificate does not count", applicant(
     diplomas=[diploma("bachelor", -40)], certificates=[certificate(4, -10)],
     work=[work(-60, -11), work(-10)]), "L3-2", False, {}),
    ("L3-2 the earliest level-4 certificate counts", applicant(
     diplomas=[diploma("bachelor", -40)],
     certificates=[certificate(4, -5), certificate(4, -24, "related")], work=[work(-60)]),
     "L3-2", True, {}),
    # --- L2-1: level 3 and 36 months after it ------------------------------------------
    ("L2-1 exactly 36 months after level 3", applicant(certificates=[certificate(3, -36)],
     work=[work(-36)]), "L2-1", True, {}),
    ("L2-1 35 months after level 3", applicant(certificates=[certificate(3, -35)],
     work=[work(-100)]), "L2-1", False, {}),
    ("L2-1 gap in work", applicant(certificates=[certificate(3, -40)],
     work=[work(-40, -20), work(-14)]), "L2-1", False, {}),
    # --- L2-2a: technician-school graduate, level 3, 36 months in total -------------------
    ("L2-2a exactly 36 months in total", applicant(
     diplomas=[diploma("advanced_technical_school", -40, "unrelated")],
     certificates=[certificate(3, -1)], work=[work(-36)]), "L2-2a", True, {}),
    ("L2-2a 35 months", applicant(diplomas=[diploma("technician_college", -40)],
     certificates=[certificate(3, -1)], work=[work(-35)]), "L2-2a", False, {}),
    ("L2-2a graduating does not count", applicant(diplomas=[diploma("technician_college", 2)],
     certificates=[certificate(3, -1)], work=[work(-50)]), "L2-2a", False, {}),
    ("L2-2a bachelor does not count", applicant(diplomas=[diploma("bachelor", -40)],
     certificates=[certificate(3, -1)], work=[work(-50)]), "L2-2a", False, {}),
    # --- L2-2b: technician-college graduate, preparatory technician, 24 months ------------
    ("L2-2b exactly 24 months", applicant(diplomas=[diploma("technician_college", -30,
     "unrelated")], certificates=[certificate("preparatory_technician", -30)],
     work=[work(-24)]), "L2-2b", True, {}),
    ("L2-2b 23 months", applicant(diplomas=[diploma("technician_college", -30)],
     certificates=[certificate("preparatory_technician", -30)], work=[work(-23)]),
     "L2-2b", False, {}),
    ("L2-2b advanced technical school does not count", applicant(
     diplomas=[diploma("advanced_technical_school", -30)],
     certificates=[certificate("preparatory_technician", -30)], work=[work(-24)]),
     "L2-2b", False, {}),
    ("L2-2b graduating does not count", applicant(diplomas=[diploma("technician_college", 3)],
     certificates=[certificate("preparatory_technician", -3)], work=[work(-24)]),
     "L2-2b", False, {}),
    # --- L1-1: level 2 and 48 months after it ------------------------------------------
    ("L1-1 exactly 48 months after level 2", applicant(certificates=[certificate(2, -48)],
     work=[work(-48)]), "L1-1", True, {}),
    ("L1-1 47 months after level 2", applicant(certificates=[certificate(2, -47)],
     work=[work(-100)]), "L1-1", False, {}),
    ("L1-1 threshold 36 (what if it said 3 years)", applicant(certificates=[certificate(2, -36)],
     work=[work(-36)]), "L1-1", True, {"l1_1_work_months": 36}),
]


@pytest.mark.parametrize(("applicant_data", "route", "holds", "params"),
                         [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_route_boundary(applicant_data: dict[str, Any], route: str, holds: bool,
                        params: dict[str, Any]) -> None:
    assert (route in routes(applicant_data, **params)) is holds


def test_every_route_has_a_case_both_ways() -> None:
    ids = {"L4-1", "L4-2", "L4-3a", "L4-3b", "L4-3c", "L3-1a", "L3-1b", "L3-2", "L2-1",
           "L2-2a", "L2-2b", "L1-1"}
    assert {(c[2], c[3]) for c in CASES} >= {(r, b) for r in ids for b in (True, False)}


# --- EDU and I3 ----------------------------------------------------------------------------

def test_edu_fails_without_high_school_but_routes_are_listed() -> None:
    answer = verdicts(applicant("junior_middle", work=[work(-40)]))
    assert answer["education_ok"] is False
    assert answer["levels"][0] == {"level": 4, "held": False, "eligible": False,
                                   "routes": ["L4-1"]}


def test_edu_switched_off_makes_the_route_count() -> None:
    answer = verdicts(applicant("none", work=[work(-40)]), education_requirement=False)
    assert answer["education_ok"] is False
    assert answer["levels"][0]["eligible"] is True


@pytest.mark.parametrize(("graduation", "ok"), [(-5, True), (12, True), (13, False)])
def test_edu_by_a_diploma_graduated_or_graduating(graduation: int, ok: bool) -> None:
    data = applicant("junior_middle", diplomas=[diploma("secondary_vocational", graduation,
                                                        "unrelated")])
    assert verdicts(data)["education_ok"] is ok


@pytest.mark.parametrize("education", ["high_school", "equivalent"])
def test_edu_by_education(education: str) -> None:
    assert verdicts(applicant(education))["education_ok"] is True


# --- held ------------------------------------------------------------------------------------

def test_held_needs_a_relevant_certificate_obtained_by_as_of() -> None:
    answer = verdicts(applicant(certificates=[certificate(4, 0), certificate(3, 1),
                                              certificate(2, -5, "unrelated"),
                                              certificate(1, -5, "related")]))
    assert [level["held"] for level in answer["levels"]] == [True, False, False, True]


def test_empty_applicant_is_answered() -> None:
    answer = verdicts({"education": "high_school", "as_of": "2026-11"})
    assert all(not level["eligible"] and not level["routes"] for level in answer["levels"])

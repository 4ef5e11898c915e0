"""Sanity tests of the partial-facts reference (docs/partial.md 1-4, tests/reference/partial.py).

Every expected answer below was worked out by hand from docs/partial.md, docs/rules.md and
docs/planner.md (the comments show the reasoning); none is produced by calling the reference
itself. All cases are at as_of 2026-01; "work months" are the relevant months before as_of.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

try:
    from tests.reference import partial as ref
    from tests.reference.eligibility import reference_check
    from tests.reference.planner import reference_plan
    from tests.strategies import applicants, rule_params
except ImportError:  # tests/ itself is on sys.path (pytest's rootdir-less "prepend" mode)
    from reference import partial as ref
    from reference.eligibility import reference_check
    from reference.planner import reference_plan
    from strategies import applicants, rule_params

NO_STUDY = {"allow_study": False}


def level(doc: dict[str, Any], n: int) -> dict[str, Any]:
    """The entry of level n in a check document."""
    return next(e for e in doc["levels"] if e["level"] == n)


def verdicts(doc: dict[str, Any]) -> list[str]:
    """The verdicts of levels 4, 3, 2, 1."""
    return [e["verdict"] for e in doc["levels"]]


# --- section 1: fields, readings, completions ---------------------------------------------------


def test_the_table_of_unknown_fields_and_least_favourable_readings() -> None:
    assert list(ref.UNKNOWN_FIELDS) == [
        "education", "diplomas[i].major", "diplomas[i].skill_target", "diplomas[i].mode",
        "work[i].occupation", "trainings[i].occupation", "trainings[i].certificate",
        "certificates[i].occupation",
    ]
    assert ref.UNKNOWN_FIELDS["education"] == ("none", "junior_middle", "high_school", "equivalent")
    assert ref.UNKNOWN_FIELDS["trainings[i].certificate"] == (True, False)
    assert ref.LEAST_FAVOURABLE == {
        "education": "none", "diplomas[i].major": "unrelated",
        "diplomas[i].skill_target": "none", "diplomas[i].mode": "full_time",
        "work[i].occupation": "unrelated", "trainings[i].occupation": "unrelated",
        "trainings[i].certificate": False, "certificates[i].occupation": "unrelated",
    }


EVERY_KIND_OF_UNKNOWN = {
    "as_of": "2026-01",
    "education": "不知道",
    "certificates": [{"level": 4, "occupation": "unknown", "obtained": "2020-01"}],
    "trainings": [{"hours": 48, "occupation": "不确定", "certificate": "unknown",
                   "completed": "2025-01"}],
    "work": [{"start": "2020-01", "occupation": "same"},
             {"start": "2021-01", "end": "2021-12", "occupation": "unknown"}],
    "diplomas": [{"kind": "junior_college", "major": "unknown", "skill_target": "unknown",
                  "graduation": "2019-06", "mode": "unknown"}],
}


def test_unknown_fields_in_the_documented_order_with_the_chinese_aliases() -> None:
    # education, then sections diplomas, work, trainings, certificates (not the file's key
    # order), records by index, fields in the table's order; 不确定/不知道 count as unknown.
    assert ref.unknown_fields(EVERY_KIND_OF_UNKNOWN) == [
        "education",
        "diplomas[0].major", "diplomas[0].skill_target", "diplomas[0].mode",
        "work[1].occupation",
        "trainings[0].occupation", "trainings[0].certificate",
        "certificates[0].occupation",
    ]
    assert sorted(ref.UNKNOWN_ALIASES) == sorted(["unknown", "不确定", "不知道"])


def test_unknown_outside_the_table_is_refused() -> None:
    with pytest.raises(ValueError, match=r"diplomas\[0\]\.kind"):
        ref.unknown_fields({"education": "none",
                        "diplomas": [{"kind": "unknown", "major": "same",
                                      "graduation": "2020-01"}]})


def test_completions_count_order_and_least_favourable() -> None:
    # 4 * 3 * 3 * 2 * 3 * 3 * 2 * 3 = 7776 completions; the first takes every first reading.
    every = list(ref.completions(EVERY_KIND_OF_UNKNOWN))
    assert len(every) == 4 * 3 * 3 * 2 * 3 * 3 * 2 * 3
    first, completed = every[0]
    assert first == {
        "education": "none", "diplomas[0].major": "same", "diplomas[0].skill_target": "none",
        "diplomas[0].mode": "full_time", "work[1].occupation": "same",
        "trainings[0].occupation": "same", "trainings[0].certificate": True,
        "certificates[0].occupation": "same",
    }
    assert completed["trainings"][0]["certificate"] is True
    assert EVERY_KIND_OF_UNKNOWN["trainings"][0]["certificate"] == "unknown"  # not mutated
    lf = ref.least_favourable(EVERY_KIND_OF_UNKNOWN)
    assert lf["education"] == "none"
    assert lf["diplomas"][0] == {"kind": "junior_college", "major": "unrelated",
                                 "skill_target": "none", "graduation": "2019-06",
                                 "mode": "full_time"}
    assert lf["work"][1]["occupation"] == "unrelated"
    assert lf["work"][0]["occupation"] == "same"  # known values stay
    assert lf["trainings"][0]["occupation"] == "unrelated"
    assert lf["trainings"][0]["certificate"] is False
    assert lf["certificates"][0]["occupation"] == "unrelated"
    assert ref.unknown_fields(lf) == []


# --- section 2: verdicts ------------------------------------------------------------------------

YES_WITH_AN_IRRELEVANT_UNKNOWN = {
    "as_of": "2026-01",
    "education": "high_school",
    "work": [{"start": "2020-01", "end": "2025-12", "occupation": "same"}],
    "trainings": [{"hours": 48, "occupation": "unknown", "certificate": True,
                   "completed": "2025-06"}],
}


def test_yes_whatever_the_unknown_and_routes_of_every_completion() -> None:
    # 72 work months: L4-1 in every completion. L4-2 (12 months + a 48-hour training in this
    # occupation with a certificate) holds only when the training is "same": a route of one
    # completion, not of every completion, so routes stay ["L4-1"] (the least favourable
    # completion's routes too). Nothing opens level 3 (no certificate): "no".
    doc = ref.reference_partial_check(YES_WITH_AN_IRRELEVANT_UNKNOWN)
    assert doc["unknowns"] == ["trainings[0].occupation"]
    assert doc["education_ok"] is True
    assert level(doc, 4) == {"level": 4, "held": False, "eligible": True, "routes": ["L4-1"],
                             "verdict": "yes"}
    assert verdicts(doc) == ["yes", "no", "no", "no"]
    assert all("depends_on" not in e and "possible_routes" not in e for e in doc["levels"])
    switched = ref.reference_partial_check(YES_WITH_AN_IRRELEVANT_UNKNOWN,
                                       readings={"routes": "least_favourable"})
    assert level(switched, 4)["routes"] == ["L4-1"]


def test_no_in_every_completion_keeps_the_routes_that_hold() -> None:
    # education none and no diploma: EDU fails in every completion, so level 4 is "no" although
    # L4-1 holds (72 months); as today, routes lists the route whatever EDU says.
    applicant = {
        "as_of": "2026-01",
        "education": "none",
        "work": [{"start": "2020-01", "end": "2025-12", "occupation": "same"},
                 {"start": "2024-01", "end": "2025-12", "occupation": "unknown"}],
    }
    doc = ref.reference_partial_check(applicant)
    assert doc["education_ok"] is False
    assert level(doc, 4) == {"level": 4, "held": False, "eligible": False, "routes": ["L4-1"],
                             "verdict": "no"}
    assert verdicts(doc) == ["no", "no", "no", "no"]


TWO_JOBS_EACH_ENOUGH = {
    "as_of": "2026-01",
    "education": "high_school",
    "work": [
        {"start": "2022-01", "end": "2024-12", "occupation": "unknown"},  # 36 months
        {"start": "2022-07", "end": "2025-06", "occupation": "unknown"},  # 36 months
    ],
    # an unknown that decides nothing: a secondary_vocational diploma with no skill target
    # meets no route whatever its major (L4-3a wants a technical school, L4-3b an
    # intermediate skill target, L4-3c a 大专 kind)
    "diplomas": [{"kind": "secondary_vocational", "major": "unknown",
                  "graduation": "2015-06"}],
}


def test_depends_on_two_fields_each_of_which_alone_decides() -> None:
    # Either job counted (same or related) gives 36 months: L4-1. Both unrelated: 0 months.
    # Minimal deciding sets: {work[0]: same}, {work[0]: related}, {work[1]: same},
    # {work[1]: related}; {work[0]: unrelated, work[1]: same} decides but is not minimal.
    # The diploma's major is in no minimal set.
    doc = ref.reference_partial_check(TWO_JOBS_EACH_ENOUGH)
    assert doc["unknowns"] == ["diplomas[0].major", "work[0].occupation", "work[1].occupation"]
    assert level(doc, 4) == {
        "level": 4, "held": False, "eligible": False, "routes": [], "verdict": "depends",
        "depends_on": [
            {"field": "work[0].occupation", "admits_if": ["same", "related"],
             "routes": ["L4-1"]},
            {"field": "work[1].occupation", "admits_if": ["same", "related"],
             "routes": ["L4-1"]},
        ],
        "possible_routes": ["L4-1"],
    }
    assert verdicts(doc) == ["depends", "no", "no", "no"]
    eligible = {
        tuple(a.values()): reference_check(c)["levels"][0]["eligible"]
        for a, c in ref.completions(TWO_JOBS_EACH_ENOUGH)
    }
    found = ref.minimal_deciding_sets(ref.unknown_fields(TWO_JOBS_EACH_ENOUGH), eligible)
    assert sorted(found, key=str) == sorted(
        [{"work[0].occupation": "same"}, {"work[0].occupation": "related"},
         {"work[1].occupation": "same"}, {"work[1].occupation": "related"}], key=str)


def test_routes_of_a_deciding_field_under_both_readings() -> None:
    # Add to the two jobs a 48-hour training with a certificate, occupation unknown. With
    # {work[0]: same} (36 months) L4-1 holds in every agreeing completion; L4-2 (12 months and
    # the training) only in those where the training is "same". The training's occupation is
    # in no minimal set: it decides nothing without a job, and with one the job alone decides.
    applicant = copy.deepcopy(TWO_JOBS_EACH_ENOUGH)
    applicant["trainings"] = [{"hours": 48, "occupation": "unknown", "certificate": True,
                               "completed": "2025-06"}]
    every = level(ref.reference_partial_check(applicant), 4)
    some = level(ref.reference_partial_check(applicant, readings={"depends_routes": "some"}), 4)
    assert [d["field"] for d in every["depends_on"]] == ["work[0].occupation",
                                                         "work[1].occupation"]
    assert [d["routes"] for d in every["depends_on"]] == [["L4-1"], ["L4-1"]]
    assert [d["routes"] for d in some["depends_on"]] == [["L4-1", "L4-2"], ["L4-1", "L4-2"]]
    assert every["possible_routes"] == ["L4-1", "L4-2"]


WORK_AND_TRAINING_TOGETHER = {
    "as_of": "2026-01",
    "education": "high_school",
    "work": [{"start": "2025-01", "end": "2025-12", "occupation": "unknown"}],  # 12 months
    "trainings": [{"hours": 48, "occupation": "unknown", "certificate": "unknown",
                   "completed": "2025-06"}],
}


def test_depends_on_fields_needed_together() -> None:
    # L4-1 needs 36 months: never. L4-2 needs the 12 months (work same/related) AND the
    # training in this occupation (same only) AND its certificate (true): no field alone
    # decides; the minimal sets are {work: same, training: same, certificate: true} and
    # {work: related, training: same, certificate: true}. admits_if of the certificate is the
    # JSON boolean true.
    doc = ref.reference_partial_check(WORK_AND_TRAINING_TOGETHER)
    assert level(doc, 4)["verdict"] == "depends"
    assert level(doc, 4)["depends_on"] == [
        {"field": "work[0].occupation", "admits_if": ["same", "related"], "routes": ["L4-2"]},
        {"field": "trainings[0].occupation", "admits_if": ["same"], "routes": ["L4-2"]},
        {"field": "trainings[0].certificate", "admits_if": [True], "routes": ["L4-2"]},
    ]
    assert level(doc, 4)["possible_routes"] == ["L4-2"]
    assert len(list(ref.completions(WORK_AND_TRAINING_TOGETHER))) == 3 * 3 * 2


def test_depends_on_education_with_two_admitting_readings() -> None:
    # 48 work months: L4-1 holds in every completion, so routes is ["L4-1"] even where EDU
    # fails. EDU holds for high_school and equivalent (no diploma): admits_if lists both, in
    # the table's order; education_ok is false (not met in every completion).
    applicant = {
        "as_of": "2026-01",
        "education": "unknown",
        "work": [{"start": "2022-01", "end": "2025-12", "occupation": "same"}],
    }
    doc = ref.reference_partial_check(applicant)
    assert doc["education_ok"] is False
    assert level(doc, 4) == {
        "level": 4, "held": False, "eligible": False, "routes": ["L4-1"], "verdict": "depends",
        "depends_on": [{"field": "education", "admits_if": ["high_school", "equivalent"],
                        "routes": ["L4-1"]}],
        "possible_routes": ["L4-1"],
    }
    assert verdicts(doc) == ["depends", "no", "no", "no"]


def test_skill_target_decides_level_3_and_not_level_4() -> None:
    # A graduated higher_vocational diploma, major same: L4-3c in every completion (yes; L4-3b
    # would need skill_target intermediate). Level 3 by L3-1b needs skill_target advanced and,
    # under I1, the level-4 certificate (held since 2025-01). L3-2 needs 24 work months since
    # that certificate: none.
    applicant = {
        "as_of": "2026-01",
        "education": "high_school",
        "diplomas": [{"kind": "higher_vocational", "major": "same", "skill_target": "unknown",
                      "graduation": "2024-06"}],
        "certificates": [{"level": 4, "occupation": "same", "obtained": "2025-01"}],
    }
    doc = ref.reference_partial_check(applicant)
    assert level(doc, 4) == {"level": 4, "held": True, "eligible": True, "routes": ["L4-3c"],
                             "verdict": "yes"}
    assert level(doc, 3)["depends_on"] == [
        {"field": "diplomas[0].skill_target", "admits_if": ["advanced"], "routes": ["L3-1b"]}
    ]
    assert level(doc, 3)["routes"] == []
    assert verdicts(doc) == ["yes", "depends", "no", "no"]
    # Without I1 the certificate is not needed and the answer is the same here.
    off = ref.reference_partial_check(applicant, {"l3_1b_requires_l4": False})
    assert level(off, 3)["depends_on"] == level(doc, 3)["depends_on"]


def test_a_certificate_of_unknown_occupation_decides_held() -> None:
    # The level-4 certificate counts only when same/related: held in some completions, not in
    # every one (nor in the least favourable one), so held is false; it is the only route to
    # level 3 (L3-1a with the technician-college diploma), which depends on it.
    applicant = {
        "as_of": "2026-01",
        "education": "high_school",
        "diplomas": [{"kind": "technician_college", "major": "unrelated",
                      "graduation": "2020-06"}],
        "certificates": [{"level": 4, "occupation": "unknown", "obtained": "2021-01"}],
    }
    doc = ref.reference_partial_check(applicant)
    assert level(doc, 4)["held"] is False
    assert level(doc, 4)["verdict"] == "no"  # unrelated major: L4-3a needs same/related
    assert level(doc, 3)["depends_on"] == [
        {"field": "certificates[0].occupation", "admits_if": ["same", "related"],
         "routes": ["L3-1a"]}
    ]
    assert ref.reference_partial_check(applicant, readings={"held": "some"})["levels"][0]["held"]


# --- section 3: monotonicity --------------------------------------------------------------------


def test_monotone_on_the_cases_above() -> None:
    for applicant in (YES_WITH_AN_IRRELEVANT_UNKNOWN, TWO_JOBS_EACH_ENOUGH,
                      WORK_AND_TRAINING_TOGETHER, AWAITED_LEVEL4_OF_UNKNOWN_OCCUPATION):
        assert ref.monotone_violations(applicant, offsets=(0, 12)) == []


def test_monotone_violations_are_found_for_a_wrong_least_favourable_reading() -> None:
    # Read both jobs as "same" as if it were least favourable: 42 months (2022-01..2025-06).
    # The completion with both unrelated has 0: every work condition met at 42 fails there:
    # L4-1 (36, and the route), L4-2 (12), L2-2a (36), L2-2b (24).
    found = ref.monotone_violations(TWO_JOBS_EACH_ENOUGH, least={"work[i].occupation": "same"})
    assert found == [("L2-2a", "work"), ("L2-2b", "work"), ("L4-1", "L4-1"), ("L4-1", "work"),
                     ("L4-2", "work")]


def test_monotone_violations_of_mode_show_only_in_the_future() -> None:
    # A diploma still in progress (graduation 2027-01) of unknown mode. Read part_time as least
    # favourable: at 2027-01 (offset 12) part time gives 12 work months (2026-01..2026-12,
    # assume_work) and meets L4-2's work condition; full time gives none. At offset 0 mode
    # changes nothing. With the table's reading (full_time) there is no violation.
    applicant = {
        "as_of": "2026-01",
        "education": "high_school",
        "diplomas": [{"kind": "secondary_vocational", "major": "unrelated",
                      "graduation": "2027-01", "mode": "unknown"}],
    }
    wrong = {"diplomas[i].mode": "part_time"}
    assert ref.monotone_violations(applicant, least=wrong) == []
    assert ref.monotone_violations(applicant, least=wrong, offsets=(12,)) == [("L4-2", "work")]
    assert ref.monotone_violations(applicant, offsets=(0, 12, 36)) == []


TABLE_FIELDS = {
    section: [k.split(".", 1)[1] for k in ref.UNKNOWN_FIELDS if k.startswith(section + "[")]
    for section in ref.SECTIONS
}


@st.composite
def files_with_unknowns(draw: st.DrawFn, max_unknowns: int = 3) -> dict[str, Any]:
    """A random valid applicant with 1 to ``max_unknowns`` of its table fields unknown."""
    applicant = copy.deepcopy(draw(applicants(as_of="2026-01")))
    paths = ["education"] + [
        f"{section}[{i}].{field}"
        for section in ref.SECTIONS
        for i, _ in enumerate(applicant.get(section) or [])
        for field in TABLE_FIELDS[section]
    ]
    for path in draw(st.lists(st.sampled_from(paths), unique=True, min_size=1,
                                  max_size=max_unknowns)):
        ref.set_field(applicant, path, draw(st.sampled_from(sorted(ref.UNKNOWN_ALIASES))))
    return applicant


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(files_with_unknowns(), rule_params(partial=True))
def test_every_condition_met_least_favourably_is_met_in_every_completion(
    applicant: dict[str, Any], params: dict[str, Any]
) -> None:
    # docs/partial.md section 3: the property every route of docs/rules.md must keep.
    assert ref.monotone_violations(applicant, params, offsets=(0, 12)) == []


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(files_with_unknowns(), rule_params(partial=True))
def test_yes_routes_are_the_least_favourable_routes(
    applicant: dict[str, Any], params: dict[str, Any]
) -> None:
    # The pinned reading "routes of every completion" equals the least favourable completion's
    # routes wherever the verdict is yes, and held is the same under every reading.
    doc = ref.reference_partial_check(applicant, params)
    lf = reference_check(ref.least_favourable(applicant), params)
    for mine, theirs in zip(doc["levels"], lf["levels"], strict=True):
        assert mine["eligible"] == (mine["verdict"] == "yes")
        assert mine["held"] == theirs["held"]
        if mine["verdict"] == "yes":
            assert mine["routes"] == theirs["routes"]
        if mine["verdict"] == "depends":
            assert mine["depends_on"], "a depends always has a deciding field"
            assert set(mine["routes"]) <= set(mine["possible_routes"])


@settings(max_examples=150, deadline=None)
@given(applicants(as_of="2026-01"), rule_params(partial=True))
def test_no_unknowns_give_todays_document_plus_verdict(
    applicant: dict[str, Any], params: dict[str, Any]
) -> None:
    doc = ref.reference_partial_check(applicant, params)
    today = reference_check(applicant, params)
    assert doc["unknowns"] == []
    assert doc["education_ok"] == today["education_ok"]
    for mine, theirs in zip(doc["levels"], today["levels"], strict=True):
        assert mine == {**theirs, "verdict": "yes" if theirs["eligible"] else "no"}


# --- section 3: plans ---------------------------------------------------------------------------

AWAITED_LEVEL4_OF_UNKNOWN_OCCUPATION = {
    "as_of": "2026-01",
    "education": "high_school",
    "work": [{"start": "2015-01", "occupation": "same"}],
    "diplomas": [{"kind": "advanced_technical_school", "major": "unrelated",
                  "graduation": "2020-06"}],
    "certificates": [{"level": 4, "occupation": "unknown", "obtained": "2026-08"}],
}
SHORT = {"horizon": 12, "allow_study": False, "allow_training": False}


def test_a_plan_that_breaks_under_the_certificate_exception() -> None:
    # Least favourable: the certificate is unrelated (it neither counts nor blocks). Level 4
    # at once (L4-1, 132 months), certificate 2026-03; then level 3 by L3-1a (level 4 held and
    # the advanced-technical-school diploma, any major) at 2026-03, certificate 2026-05:
    # 4 months. Where the certificate is same/related, level 4 is awaited (2026-08): the plan's
    # level-4 exam is skipped, and at 2026-03 level 4 is not held yet: the level-3 exam fails.
    lf = ref.least_favourable(AWAITED_LEVEL4_OF_UNKNOWN_OCCUPATION)
    optimum = reference_plan(lf, 3, planner=SHORT)
    assert optimum["plan"]["exams"] == [[4, "2026-01"], [3, "2026-03"]]
    steps = ref.plan_steps(optimum["plan"])
    assert steps == [{"month": "2026-01", "action": "exam", "level": 4},
                     {"month": "2026-03", "action": "exam", "level": 3}]
    assert ref.plan_valid_in_all_completions(lf, steps, 3, planner=SHORT) == (True, "")
    ok, reason = ref.plan_valid_in_all_completions(AWAITED_LEVEL4_OF_UNKNOWN_OCCUPATION, steps, 3,
                                               planner=SHORT)
    assert not ok
    assert "2026-03: exam of level 3 not admitted" in reason
    assert '"certificates[0].occupation": "same"' in reason
    # The fastest plan valid in every completion: level 3 once level 4 is held in all of
    # them, i.e. from 2026-08 (the awaited certificate's month); level 4 still at 2026-01 (it
    # is needed where the certificate does not count; earliest: smallest sum of exam months).
    # Certified 2026-10: 9 months. best_case: the least favourable completion itself reaches
    # 2026-05 (4 months), with no reading assumed beyond the least favourable ones.
    doc = ref.reference_partial_plan(AWAITED_LEVEL4_OF_UNKNOWN_OCCUPATION, 3, planner=SHORT)
    assert (doc["reachable"], doc["certified"], doc["months"]) == (True, "2026-10", 9)
    assert doc["steps"] == [{"month": "2026-01", "action": "exam", "level": 4},
                            {"month": "2026-08", "action": "exam", "level": 3}]
    assert (doc["lf_months"], doc["lf_plan_valid"]) == (4, False)
    assert doc["unknowns"] == ["certificates[0].occupation"]
    assert doc["best_case"] == {"months": 4, "certified": "2026-05", "assumes": {}}


def test_the_exam_of_a_held_level_is_skipped_where_the_certificate_counts() -> None:
    # The same file with the certificate obtained 2025-06 (held at as_of when it counts). The
    # least favourable plan (level 4 at 2026-01, level 3 at 2026-03) stays valid: where the
    # certificate counts the level-4 exam is skipped and level 3 is admitted at 2026-03 (level
    # 4 held since 2025-06). Without the exception that completion refuses the level-4 exam.
    # best_case: with the certificate "same", level 3 at once (2026-01), certificate 2026-03.
    held = copy.deepcopy(AWAITED_LEVEL4_OF_UNKNOWN_OCCUPATION)
    held["certificates"][0]["obtained"] = "2025-06"
    doc = ref.reference_partial_plan(held, 3, planner=SHORT)
    assert (doc["certified"], doc["months"], doc["lf_plan_valid"]) == ("2026-05", 4, True)
    assert doc["best_case"] == {"months": 2, "certified": "2026-03",
                                "assumes": {"certificates[0].occupation": "same"}}
    counting = copy.deepcopy(held)
    counting["certificates"][0]["occupation"] = "related"
    ok, reason = ref.plan_valid_in_all_completions(counting, doc["steps"], 3, planner=SHORT)
    assert (ok, reason) == (False, "2026-01: level 4 is already held or awaited (completion {})")


def test_best_case_when_a_job_may_count() -> None:
    # Least favourable: the job since 2020 is unrelated, so no past work. L4-1 needs 36 future
    # months (2029-01, past the 18-month horizon); L4-2: 12 future months (2026-01..2026-12,
    # assume_work) and the training (2026-01, complete 2026-02): exam 2027-01, certificate
    # 2027-03, 14 months. If the job counts (same or related: 72 months), level 4 at once:
    # 2026-03, 2 months; "same" is the first reading of the table among the one-reading ones.
    applicant = {
        "as_of": "2026-01",
        "education": "high_school",
        "work": [{"start": "2020-01", "occupation": "unknown"}],
    }
    doc = ref.reference_partial_plan(applicant, 4, planner={"horizon": 18, **NO_STUDY})
    assert (doc["certified"], doc["months"], doc["lf_plan_valid"]) == ("2027-03", 14, True)
    assert doc["steps"] == [{"month": "2026-01", "action": "start_training"},
                            {"month": "2027-01", "action": "exam", "level": 4}]
    assert doc["best_case"] == {"months": 2, "certified": "2026-03",
                                "assumes": {"work[0].occupation": "same"}}


@pytest.mark.parametrize("target", [4, 3])
def test_the_search_for_a_valid_plan_agrees_with_the_planner_when_nothing_breaks(
    target: int,
) -> None:
    # Where the least favourable optimum is valid in every completion, the exhaustive search
    # (used only when it is not) must find a plan with the same objective: it explores every
    # study, training start and schedule of that completion. Level 4 of this file: L4-2 as in
    # the case above (14 months); level 3 without a diploma or study: not reachable (None).
    applicant = {"as_of": "2026-01", "education": "high_school",
                 "work": [{"start": "2020-01", "occupation": "unknown"}]}
    planner = {"horizon": 16, "allow_study": False}
    lf = ref.least_favourable(applicant)
    optimum = reference_plan(lf, target, planner=planner)
    found = ref.fastest_valid_plan(applicant, lf, target, None, planner)
    if optimum["reachable"]:
        assert found is not None and found[0] == optimum["objective"]
    else:
        assert found is None
    assert (optimum["months"], target) in ((14, 4), (None, 3))


def test_best_case_null_when_no_completion_is_faster() -> None:
    # The unknown mode of a diploma finished in 2015 changes nothing: 72 months, level 4 at
    # once in both completions (2026-03, 2 months).
    applicant = {
        "as_of": "2026-01",
        "education": "high_school",
        "work": [{"start": "2020-01", "occupation": "same"}],
        "diplomas": [{"kind": "secondary_vocational", "major": "unrelated",
                      "graduation": "2015-06", "mode": "unknown"}],
    }
    doc = ref.reference_partial_plan(applicant, 4, planner={"horizon": 6, **NO_STUDY})
    assert (doc["certified"], doc["months"], doc["best_case"]) == ("2026-03", 2, None)


def test_replay_refuses_steps_that_are_not_admitted() -> None:
    # Level 2 sits only in Mar/Jun/Sep/Dec; one training at most; the catalogue's ids only;
    # a target never sat is no plan.
    applicant = {"as_of": "2026-01", "education": "high_school",
                 "work": [{"start": "2015-01", "occupation": "same"}],
                 "certificates": [{"level": 3, "occupation": "same", "obtained": "2020-01"}]}
    planner = {"horizon": 12}
    exam = {"month": "2026-02", "action": "exam", "level": 2}
    assert ref.plan_valid_in_all_completions(applicant, [exam], 2, planner=planner) == (
        False, "2026-02: no exam of level 2 that month (completion {})")
    march = {**exam, "month": "2026-03", "routes": ["L2-1"]}
    assert ref.plan_valid_in_all_completions(applicant, [march], 2, planner=planner) == (True, "")
    training = {"month": "2026-01", "action": "start_training"}
    assert not ref.plan_valid_in_all_completions(applicant, [training, training, march], 2,
                                             planner=planner)[0]
    school = {"month": "2026-01", "action": "start_study", "program": "no_such_school"}
    assert not ref.plan_valid_in_all_completions(applicant, [school, march], 2, planner=planner)[0]
    assert ref.plan_valid_in_all_completions(applicant, [], 2, planner=planner) == (
        False, "no exam of the target level 2 (completion {})")


# --- section 4: relevance -----------------------------------------------------------------------

WORK_AND_TRAINING_UNASKED = {
    "as_of": "2026-01",
    "education": "high_school",
    "diplomas": [],
    "certificates": [],
    "work": [{"start": "2025-01", "end": "2025-12"}],  # 12 months, occupation not asked
    "trainings": [{"hours": 48, "certificate": True, "completed": "2025-06"}],
}


def test_a_field_that_matters_only_when_another_unasked_field_is_favourable() -> None:
    # Level 4 by L4-2 needs both the work (same/related) and the training (same). The
    # training's occupation changes the verdict only when the job counts, and the job only
    # when the training is "same": for some answer of the other, each matters.
    assert ref.relevant_fields(WORK_AND_TRAINING_UNASKED) == {
        "work[0].occupation", "trainings[0].occupation"}
    # Once the job is answered unrelated, no answer of the training changes anything.
    answered = copy.deepcopy(WORK_AND_TRAINING_UNASKED)
    answered["work"][0]["occupation"] = "unrelated"
    assert ref.relevant_fields(answered) == set()


def test_education_unasked_and_unknown_as_an_answer() -> None:
    # 48 months: level 4 is "no" for none, "yes" for high_school, "depends" for unknown.
    applicant = {"as_of": "2026-01", "diplomas": [], "trainings": [], "certificates": [],
                 "work": [{"start": "2022-01", "end": "2025-12", "occupation": "same"}]}
    assert ref.relevant_fields(applicant) == {"education"}


def test_an_unasked_section_against_its_domain() -> None:
    # 72 months of work (2020-01..2025-12). A level-3 certificate of 2022-01 gives 48 months
    # since it: L2-1 (36). A level-4 certificate opens nothing (level 3 needs a diploma here),
    # and level 4 is "yes" anyway.
    applicant = {"as_of": "2026-01", "education": "high_school", "diplomas": [],
                 "trainings": [],
                 "work": [{"start": "2020-01", "end": "2025-12", "occupation": "same"}]}
    level3 = {"certificates": [{"level": 3, "occupation": "same", "obtained": "2022-01"}],
              "max_records": 1}
    level4 = {"certificates": [{"level": 4, "occupation": "same", "obtained": "2022-01"}],
              "max_records": 1}
    assert ref.relevant_fields(applicant, domains=level3) == {"certificates"}
    assert ref.relevant_fields(applicant, domains=level4) == set()


def test_an_unasked_month_against_its_domain() -> None:
    # The job ends 2025-12; started 2022-01 it gives 48 months (L4-1), 2025-01 only 12 (no
    # training: no). Started 2025-01 or 2025-06, level 4 is "no" either way.
    applicant = {"as_of": "2026-01", "education": "high_school", "diplomas": [],
                 "trainings": [], "certificates": [],
                 "work": [{"end": "2025-12", "occupation": "same"}]}
    assert ref.relevant_fields(applicant, domains={"months": ["2025-01", "2022-01"]}) == {
        "work[0].start"}
    assert ref.relevant_fields(applicant, domains={"months": ["2025-01", "2025-06"]}) == set()


def test_a_field_that_matters_only_for_the_path() -> None:
    # A secondary_vocational diploma of an unrelated major, graduating 2026-07, mode unasked.
    # The check does not look at mode: nothing is relevant without a target. With target 4
    # (L4-2, training at 2026-01): part time works from 2026-01, 12 months by 2027-01, exam
    # 2027-01, 14 months; full time (and "unknown", planned as full time) works from 2026-07,
    # exam 2027-07, 20 months. So the mode matters for the path.
    applicant = {"as_of": "2026-01", "education": "high_school", "work": [], "trainings": [],
                 "certificates": [],
                 "diplomas": [{"kind": "secondary_vocational", "major": "unrelated",
                               "skill_target": "none", "graduation": "2026-07"}]}
    assert ref.relevant_fields(applicant) == set()
    planner = {"horizon": 24, **NO_STUDY}
    assert ref.relevant_fields(applicant, target=4, planner=planner) == {"diplomas[0].mode"}
    part_time = copy.deepcopy(applicant)
    part_time["diplomas"][0]["mode"] = "part_time"
    full_time = copy.deepcopy(applicant)
    full_time["diplomas"][0]["mode"] = "unknown"
    assert ref.reference_partial_plan(part_time, 4, planner=planner)["months"] == 14
    assert ref.reference_partial_plan(full_time, 4, planner=planner)["months"] == 20

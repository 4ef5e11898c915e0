"""The interview engine (docs/partial.md, "The interview"): soundness, relevance,
termination, the order of questions and the shape of a step.

Relevance and soundness are checked against a brute force written here, independently of
logic/interview.lp: it enumerates the answers of the questions not asked yet (a section as
no record or one record of a small set, months among a few) and judges every completion
with the public ``check`` (and ``path``), one concrete file at a time.
"""

from __future__ import annotations

import itertools
import random
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pyqualify.applicant import DIPLOMA_KINDS, EDUCATIONS, InputError, applicant_from_mapping
from pyqualify.eligibility import check
from pyqualify.interview import (
    DETAILS,
    SECTION_ORDER,
    answer_from,
    done_document,
    next_step,
    put,
    read_state,
)
from pyqualify.months import format_month, parse_month
from pyqualify.planner import fastest_path

AS_OF = "2026-11"
NOW = parse_month(AS_OF)
LONG_AGO = "1950-01"
VALUES = {"major": ("same", "related", "unrelated"), "occupation": ("same", "related", "unrelated"),
          "skill_target": ("none", "intermediate", "advanced"), "mode": ("full_time", "part_time"),
          "certificate": (True, False)}


# --- the brute force ---------------------------------------------------------------------

def candidates(section: str) -> list[dict[str, Any]]:
    """A few records of a section, every fact given (the months most in their favour, and
    some others), for the brute force."""
    if section == "diplomas":
        return [{"kind": k, "major": m, "skill_target": s, "graduation": g, "mode": "part_time"}
                for k in DIPLOMA_KINDS for m in ("same", "unrelated")
                for s in ("none", "intermediate", "advanced") for g in (LONG_AGO,)]
    if section == "work":
        return [{"start": s, "end": None, "occupation": "same"}
                for s in (LONG_AGO, format_month(NOW - 13), format_month(NOW - 25))]
    if section == "trainings":
        return [{"hours": 10000, "occupation": "same", "certificate": True, "completed": LONG_AGO}]
    return [{"level": lv, "occupation": "same", "obtained": o}
            for lv in (4, 3, 2, 1, "preparatory_technician")
            for o in (LONG_AGO, format_month(NOW - 30))]


def answers(name: str) -> list[Any]:
    """Every answer of a question (sections: none, or one candidate record)."""
    if name in SECTION_ORDER:
        return [[]] + [[r] for r in candidates(name)]
    if name == "education":
        return [*EDUCATIONS, "unknown"]
    return [*VALUES[name.rsplit(".", 1)[-1]], "unknown"]


def result(document: dict[str, Any], target: int | None = None) -> tuple[Any, ...]:
    """What the interview settles: the verdict of each level, whether it is held (and the
    path's months)."""
    applicant = applicant_from_mapping(document)
    levels = check(applicant, explain=False).levels
    verdicts = (*(lv.verdict for lv in levels), *(lv.held for lv in levels))
    if target is None:
        return verdicts
    path = fastest_path(applicant, target, tradeoffs=False, explain=False)
    return (*verdicts, path.reachable, path.months)


def filled(document: dict[str, Any], questions: tuple[str, ...],
           choice: tuple[Any, ...]) -> dict[str, Any]:
    for name, value in zip(questions, choice, strict=True):
        document = put(document, name, value)
    return document


def closed(document: dict[str, Any], state: Any) -> dict[str, Any]:
    """The remaining facts not asked yet given their least favourable answer (sections
    empty), so that the document is a whole file."""
    done = done_document(state)
    for key in ("id", "as_of"):
        if key in document:
            done[key] = document[key]
    return done


def witness(document: dict[str, Any], name: str, target: int | None = None,
            budget: int = 4000) -> bool:
    """Whether two answers of ``name`` give different results for some answers of the other
    questions not asked yet (searched with the fewest sections filled first)."""
    state = read_state(document)
    others = tuple(q for q in state.questions() if q != name)
    spaces = [answers(q) for q in others]
    # the fewest non-empty sections first: most witnesses are there
    combos = sorted(itertools.product(*[range(len(s)) for s in spaces]),
                    key=lambda c: sum(1 for i in c if i > 0))
    for n, combo in enumerate(combos):
        if n > budget:
            break
        base = filled(document, others, tuple(s[i] for s, i in zip(spaces, combo, strict=True)))
        seen = set()
        for value in answers(name):
            after = put(base, name, value)
            seen.add(result(closed(after, read_state(after)), target))
            if len(seen) > 1:
                return True
    return False


# --- random small files --------------------------------------------------------------------

def small_file(rng: random.Random) -> dict[str, Any]:
    """A small true file: at most one record of each section, months near the thresholds."""
    def month(back: int) -> str:
        return format_month(NOW - back)

    def maybe(value: Any) -> Any:
        return "unknown" if rng.random() < 0.15 else value

    doc: dict[str, Any] = {"as_of": AS_OF, "education": maybe(rng.choice(EDUCATIONS))}
    doc["diplomas"] = [{"kind": rng.choice(DIPLOMA_KINDS),
                        "major": maybe(rng.choice(VALUES["major"])),
                        "skill_target": maybe(rng.choice(VALUES["skill_target"])),
                        "graduation": month(rng.choice((-3, 0, 20, 60))),
                        "mode": maybe(rng.choice(VALUES["mode"]))}] if rng.random() < 0.6 else []
    doc["work"] = [{"start": month(rng.choice((6, 13, 30, 40, 90))),
                    "end": None, "occupation": maybe(rng.choice(VALUES["occupation"]))}
                   ] if rng.random() < 0.7 else []
    doc["trainings"] = [{"hours": rng.choice((30, 48)),
                         "occupation": maybe(rng.choice(VALUES["occupation"])),
                         "certificate": maybe(rng.random() < 0.7),
                         "completed": month(rng.choice((-2, 5)))}] if rng.random() < 0.3 else []
    doc["certificates"] = [{"level": rng.choice((4, 3, 2, "preparatory_technician")),
                            "occupation": maybe(rng.choice(VALUES["occupation"])),
                            "obtained": month(rng.choice((10, 30, 60)))}
                           ] if rng.random() < 0.4 else []
    return doc


def interview(truth: dict[str, Any], target: int | None = None, start: dict[str, Any] | None = None
              ) -> tuple[list[tuple[dict[str, Any], Any]], Any]:
    """The interview of the person of ``truth`` answered from it: each state and its step."""
    applicant = applicant_from_mapping(truth)
    document: dict[str, Any] = dict(start or {"as_of": AS_OF})
    seen = []
    for _ in range(64):
        step = next_step(document, target)
        seen.append((document, step))
        if step.done:
            return seen, step
        document = put(document, step.question.field, answer_from(applicant, step.question))
    raise AssertionError("the interview did not end within 64 steps")


def limit(truth: dict[str, Any]) -> int:
    """The most questions a file can be asked: its sections, education and its records'
    facts."""
    return len(SECTION_ORDER) + 1 + sum(len(truth[s]) * len(DETAILS[s]) for s in SECTION_ORDER)


# --- properties ---------------------------------------------------------------------------

@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 10**6))
def test_the_interview_ends_with_the_true_verdicts_and_never_asks_twice(seed: int) -> None:
    truth = small_file(random.Random(seed))
    seen, done = interview(truth)
    asked = [step.question.field for _, step in seen if not step.done]
    assert len(asked) == len(set(asked)) <= limit(truth)
    settled = result(truth)
    assert done.verdicts() == dict(zip((4, 3, 2, 1), settled[:4], strict=True))
    assert tuple(lv["held"] for lv in done.check["levels"]) == settled[4:]
    assert applicant_from_mapping(done.applicant)   # a valid file (docs/input.md)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 10**6))
def test_when_done_no_fact_never_asked_changes_the_verdicts(seed: int) -> None:
    rng = random.Random(seed)
    truth = small_file(rng)
    seen, done = interview(truth)
    final, state = seen[-1][0], done.state
    expected = result(done.applicant)
    for name in state.questions():
        values = answers(name)
        if name in SECTION_ORDER:   # a record of every kind, and random months besides
            values = values + [[dict(r, **_random_months(name, rng))]
                               for r in rng.sample(candidates(name), min(6, len(candidates(name))))]
        for value in values:
            after = put(final, name, value)
            assert result(closed(after, read_state(after))) == expected, (name, value)


def _random_months(section: str, rng: random.Random) -> dict[str, Any]:
    def month() -> str:
        return format_month(NOW - rng.randint(-20, 120))
    return {"diplomas": {"graduation": month()}, "work": {"start": month()},
            "trainings": {"completed": month()}, "certificates": {"obtained": month()}}[section]


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 10**6))
def test_every_question_asked_has_two_answers_that_differ(seed: int) -> None:
    truth = small_file(random.Random(seed))
    seen, _ = interview(truth)
    for document, step in seen:
        if not step.done and sum(1 for _ in read_state(document).questions()) <= 4:
            assert witness(document, step.question.field), step.question.field


def test_a_section_no_record_could_change_is_never_asked() -> None:
    """Level 1 already open by L1-1 and 2, 3, 4 by their certificates and routes: nothing
    a training could change (L4-2 only)."""
    document = {"as_of": AS_OF, "education": "high_school",
                "diplomas": [{"kind": "junior_college", "major": "same", "graduation": "2010-06"}],
                "work": [{"start": "2010-07", "occupation": "same"}],
                "certificates": [{"level": 4, "occupation": "same", "obtained": "2012-01"},
                                 {"level": 3, "occupation": "same", "obtained": "2015-01"},
                                 {"level": 2, "occupation": "same", "obtained": "2018-01"}]}
    step = next_step(document)
    assert step.done and step.verdicts() == {4: "yes", 3: "yes", 2: "yes", 1: "yes"}
    assert step.applicant["trainings"] == []
    assert not witness(document, "trainings")


def test_the_training_matters_beside_one_year_of_work_only() -> None:
    """L4-2: 12 months of work and a certified course of 40 hours.  With 13 months of
    unrelated-or-not work and nothing else, the training section is asked; with 11
    months it is not (no reading of anything reaches L4)."""
    base = {"as_of": AS_OF, "education": "high_school", "diplomas": [], "certificates": []}
    asked = next_step({**base, "work": [{"start": format_month(NOW - 12), "occupation": "same"}]})
    assert asked.question is not None and asked.question.field == "trainings"
    assert asked.question.why == ("L4-2",)
    short = next_step({**base, "work": [{"start": format_month(NOW - 11), "occupation": "same"}]})
    assert short.done and short.verdicts()[4] == "no"


def test_the_first_question_is_a_section_and_the_order_is_fixed() -> None:
    first = next_step({"as_of": AS_OF})
    assert first.question.field == "diplomas" and first.question.type == "records"
    assert first.question.keys == ("kind", "graduation")
    again = next_step({"as_of": AS_OF})
    assert again.to_json() == first.to_json()
    assert first.asked == 0 and first.verdicts() == {4: "depends", 3: "depends", 2: "depends",
                                                       1: "depends"}


def test_details_come_after_their_section_and_keys_count_as_asked() -> None:
    document = {"as_of": AS_OF, "education": "high_school", "work": [], "trainings": [],
                "certificates": [],
                "diplomas": [{"kind": "junior_college", "graduation": "2020-06"}]}
    step = next_step(document)
    assert step.question.field == "diplomas[0].major"
    assert [c["value"] for c in step.question.choices] == ["same", "related", "unrelated",
                                                           "unknown"]
    assert step.question.choices[-1]["label"] == "不确定"
    assert "L4-3c" in step.question.why
    assert step.asked == 5   # four sections and education
    done = next_step(put(document, "diplomas[0].major", "related"))
    assert done.done and done.verdicts()[4] == "yes"
    # skill_target and mode never asked: their defaults in the file
    assert done.applicant["diplomas"][0] == {"kind": "junior_college", "major": "related",
                                             "skill_target": "none", "graduation": "2020-06",
                                             "mode": "full_time"}


def test_an_unknown_answer_is_kept_and_the_verdict_depends() -> None:
    document = {"as_of": AS_OF, "education": "high_school", "work": [], "trainings": [],
                "certificates": [],
                "diplomas": [{"kind": "junior_college", "graduation": "2020-06",
                              "major": "unknown"}]}
    step = next_step(document)
    assert step.done
    assert step.applicant["diplomas"][0]["major"] == "unknown"
    assert step.verdicts()[4] == "depends"


def test_a_boolean_question_offers_the_json_booleans() -> None:
    document = {"as_of": AS_OF, "education": "high_school", "diplomas": [], "certificates": [],
                "work": [{"start": format_month(NOW - 20), "occupation": "same"}],
                "trainings": [{"hours": 48, "completed": "2025-01", "occupation": "same"}]}
    step = next_step(document)
    assert step.question.field == "trainings[0].certificate"
    assert [c["value"] for c in step.question.choices] == [True, False, "unknown"]


def test_with_a_target_the_path_is_settled_too() -> None:
    """No work: no certificate changes a verdict (each route above level 4 asks for work
    or another diploma beside it), but whether a level is held, and the path to level 3
    (a level-3 certificate held, or a level-4 one that saves an exam)."""
    document = {"as_of": AS_OF, "education": "high_school", "trainings": [], "work": [],
                "diplomas": [{"kind": "junior_college", "major": "same", "graduation": "2020-06"}]}
    without = next_step(document)
    assert not without.done and without.question.field == "certificates"
    assert next_step({**document, "certificates": []}).done
    step = next_step(document, target=3)
    assert not step.done and step.question.field == "certificates"
    done = next_step({**document, "certificates": []}, target=3)
    assert done.done and done.path["target"] == 3
    assert done.path["months"] == fastest_path(applicant_from_mapping(done.applicant), 3).months


def test_past_work_does_not_matter_to_a_path_that_counts_work_from_a_new_certificate() -> None:
    """L3-2 counts work from the level-4 certificate, not yet held: past work cannot
    change the path to level 3 (future work is assumed), so it is not asked."""
    document = {"as_of": AS_OF, "education": "high_school", "trainings": [], "certificates": [],
                "diplomas": [{"kind": "junior_college", "major": "same", "graduation": "2020-06"}]}
    step = next_step(document, target=3)
    assert step.done and step.applicant["work"] == []


@pytest.mark.parametrize("target", [3, 1])
def test_the_interview_with_a_target_gives_the_true_path(target: int) -> None:
    truth = {"as_of": AS_OF, "education": "high_school",
             "diplomas": [{"kind": "junior_college", "major": "related", "graduation": "2022-06",
                           "skill_target": "none", "mode": "full_time"}],
             "work": [{"start": "2022-07", "end": None, "occupation": "related"}],
             "trainings": [],
             "certificates": [{"level": 4, "occupation": "same", "obtained": "2024-05"}]}
    seen, done = interview(truth, target)
    assert done.path["months"] == result(truth, target)[-1]
    assert len(seen) - 1 <= limit(truth)


def test_with_a_target_held_no_path_question_is_asked() -> None:
    document = {"as_of": AS_OF, "education": "high_school", "diplomas": [], "work": [],
                "trainings": [],
                "certificates": [{"level": 4, "occupation": "same", "obtained": "2020-01"}]}
    step = next_step(document, target=4)
    assert step.done and step.path["months"] == 0


@pytest.mark.parametrize("document, field", [
    ({"as_of": AS_OF, "education": "college"}, "applicant.education"),
    ({"as_of": AS_OF, "work": [{"start": "2020-13"}]}, "applicant.work[0].start"),
    ({"as_of": AS_OF, "work": [{"start": "2020-01", "occupation": "maybe"}]},
     "applicant.work[0].occupation"),
    ({"as_of": AS_OF, "diplomas": [{"kind": "junior_college"}]},
     "applicant.diplomas[0].graduation"),
    ({"as_of": AS_OF, "work": "none"}, "applicant.work"),
    ([1, 2], "applicant"),
])
def test_bad_answers_name_the_field(document: Any, field: str) -> None:
    with pytest.raises(InputError) as caught:
        next_step(document)
    assert caught.value.path == field


def test_a_bad_target_is_refused() -> None:
    with pytest.raises(InputError) as caught:
        next_step({}, target=5)
    assert caught.value.path == "target"


def test_the_words_are_in_the_language_asked() -> None:
    en = next_step({"as_of": AS_OF}, lang="en").question
    zh = next_step({"as_of": AS_OF}, lang="zh").question
    assert en.text.startswith("Which diplomas") and zh.text.startswith("你有哪些毕业证书")
    kinds = {c["value"]: c["label"] for c in en.fields[0]["choices"]}
    assert kinds["junior_college"] == "junior college"


# --- with a target: the path is settled too -------------------------------------------------

@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 10**6))
def test_with_a_target_no_fact_never_asked_changes_the_path(seed: int) -> None:
    rng = random.Random(seed)
    truth = small_file(rng)
    seen, done = interview(truth, target=3)
    final, state = seen[-1][0], done.state
    expected = result(done.applicant, 3)
    assert expected[-1] == done.path["months"]
    for name in state.questions():
        values = answers(name)
        values = values if len(values) <= 6 else rng.sample(values, 6)
        values += DELAYING.get(name, [])   # records that may also delay a plan
        for value in values:
            after = put(final, name, value)
            assert result(closed(after, read_state(after)), 3) == expected, (name, value)


# A full-time programme still running (it takes the months of work planning assumes), and
# certificates awaited after as_of (their level is not sat again).
DELAYING = {
    "diplomas": [[{"kind": "bachelor", "major": "unrelated", "graduation": format_month(NOW + g),
                   "mode": "full_time"}] for g in (6, 30, 60)],
    "certificates": [[{"level": lv, "occupation": "same", "obtained": format_month(NOW + m)}]
                     for lv in (4, 3) for m in (3, 40)],
}


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 10**6))
def test_with_a_target_every_question_asked_can_change_the_result(seed: int) -> None:
    truth = small_file(random.Random(seed))
    seen, _ = interview(truth, target=3)
    for document, step in seen:
        if not step.done and sum(1 for _ in read_state(document).questions()) <= 2:
            assert witness(document, step.question.field, target=3, budget=40), \
                step.question.field


@pytest.mark.parametrize("months, delays", [(8, True), (40, False)])
def test_a_programme_still_running_delays_a_plan_that_waits_for_work(months: int,
                                                                     delays: bool) -> None:
    """L4-2 asks 12 months of work (and a course, planned in a month), L4-1 36: with 8 the
    plan waits for work that planning assumes, which a full-time programme would take (the
    diplomas can delay the path); with 40 the exam is now, and no diploma delays it."""
    from pyqualify.interview import _delaying, _planned, _read
    from pyqualify.options import PlannerOptions
    from pyqualify.params import RuleParams
    from pyqualify.partial import least_readings

    state = read_state({"as_of": AS_OF, "education": "high_school", "trainings": [],
                        "work": [{"start": format_month(NOW - months), "occupation": "same"}]})
    fixed = _read(state.applicant, set(), least_readings())
    rules, options = RuleParams.of(None), PlannerOptions.default()
    slowest, _ = _planned(_read(fixed, set(state.open_fields), least_readings()), 4,
                          state.as_of, rules, options, ())
    found = _delaying(state, fixed, 4, rules, options, slowest)
    assert ("diplomas" in found) is delays
    assert "certificates" in found   # the target's certificate awaited: not sat again


@pytest.mark.parametrize("skill, asked", [("unknown", True), ("none", False),
                                          ("advanced", True), ("intermediate", False)])
def test_a_skill_target_not_sure_is_read_as_advanced_too(skill: str, asked: bool) -> None:
    """L3-1b: a higher-vocational diploma training advanced skills, and (I1) the level-4
    certificate.  The certificates can change a verdict (L3-1b) exactly when the skill
    target may be advanced; otherwise they are asked only for the levels they would make
    held (no route in ``why``)."""
    document = {"as_of": AS_OF, "education": "high_school", "work": [], "trainings": [],
                "diplomas": [{"kind": "higher_vocational", "major": "same", "skill_target": skill,
                              "mode": "full_time", "graduation": "2020-06"}]}
    step = next_step(document)
    assert step.question is not None and step.question.field == "certificates"
    assert step.question.why == (("L3-1b",) if asked else ())


def test_a_held_level_is_asked_until_it_is_held() -> None:
    """A level-2 holder of long work: a level-4 certificate's occupation changes no verdict
    (level 4 is yes either way), but whether level 4 is held: it is asked, and the
    interview ends with level 4 held, as the true file says."""
    truth = {"as_of": "2026-11", "education": "equivalent",
             "work": [{"start": "2012-03", "end": "2019-12", "occupation": "related"},
                      {"start": "2019-06", "end": None, "occupation": "same"}],
             "certificates": [{"level": 4, "occupation": "related", "obtained": "2014-05"},
                              {"level": 3, "occupation": "same", "obtained": "2018-06"},
                              {"level": 2, "occupation": "same", "obtained": "2022-09"}]}
    seen, done = interview(truth)
    asked = [step.question.field for _, step in seen if not step.done]
    assert "certificates[0].occupation" in asked
    assert [lv["held"] for lv in done.check["levels"]] == [True, True, True, False]

"""A worker's kept answers and its warm-up (issue 19): the page's empty form is answered at
warm-up and then found at once; a kept answer is the one a fresh worker computes; the key
tells questions apart by the file, the month it is asked in and every setting."""

from __future__ import annotations

import json
import time

from pyqualify.months import current_month, format_month
from pyqualify.options import PlannerOptions
from pyqualify.web import jobs
from pyqualify.web.jobs import Job


def empty_form() -> str:
    """The empty form as the page sends it (JSON.stringify: no spaces)."""
    return json.dumps({"as_of": format_month(current_month()), "education": "high_school"},
                      separators=(",", ":"))


def test_the_empty_form_is_answered_at_warm_up_and_then_found_at_once() -> None:
    jobs._ANSWERS.clear()
    jobs.warm_up("path")
    start = time.perf_counter()
    kept = jobs.answer(Job("path", empty_form(), strict_json=True, lang="zh"))
    assert time.perf_counter() - start < 0.3
    jobs._ANSWERS.clear()
    fresh = jobs.answer(Job("path", empty_form(), strict_json=True))
    strip = [json.loads(reply["ok"]) for reply in (kept, fresh)]
    for doc in strip:
        doc.pop("stats")
    assert strip[0] == strip[1]


def test_questions_that_differ_in_a_setting_are_kept_apart() -> None:
    jobs._ANSWERS.clear()
    text = '{"education": "high_school", "as_of": "2026-11"}'
    answers = [json.loads(jobs.answer(job)["ok"]) for job in (
        Job("path", text), Job("path", text, target=4),
        Job("path", text, params={"l4_1_work_months": 12}),
        Job("path", text, options=PlannerOptions.default().updated(allow_study=False)),
        Job("path", text.replace("2026-11", "2026-12")))]
    assert len(jobs._ANSWERS) == 5
    assert answers[1]["target"] == 4 and answers[2]["parameters"]["l4_1_work_months"] == 12
    assert answers[3]["planner"]["allow_study"] is False and answers[4]["as_of"] == "2026-12"
    check = json.loads(jobs.answer(Job("check", text))["ok"])
    assert "levels" in check and len(jobs._ANSWERS) == 6


def test_a_file_without_as_of_is_kept_for_this_month_only() -> None:
    jobs._ANSWERS.clear()
    jobs.answer(Job("check", '{"education": "none"}'))
    (key,) = jobs._ANSWERS
    assert str(current_month()) in key

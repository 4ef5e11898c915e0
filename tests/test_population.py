"""Paths for populations: a question shifted by 12·k months has the shifted answer, and the
cache (which answers shifted questions from one solve of their canonical question) gives the
uncached answer: the same document but for the stats of the solve, which describe the
canonical question's (tests/test_questions.py checks that question further)."""

from __future__ import annotations

import os
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pyqualify.applicant import parse_applicant
from pyqualify.months import format_month
from pyqualify.planner import fastest_path
from pyqualify.population import PathCache, canonical, shift_applicant, shift_result
from pyqualify.synthetic import synthetic_applicants
from tests.strategies import applicants

QUICK = {"tradeoffs": True, "explain": True}


def document(result: Any) -> dict[str, Any]:
    """The path document without the seconds a solve took."""
    doc = result.to_json()
    doc["stats"] = {k: v for k, v in doc["stats"].items() if k != "seconds"}
    return doc


def answer(result: Any) -> dict[str, Any]:
    """The path document without its stats."""
    doc = result.to_json()
    doc.pop("stats")
    return doc


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=applicants(as_of="2026-11"), years=st.integers(-6, 6).filter(bool),
       target=st.sampled_from([1, 2, 3]))
def test_a_question_shifted_by_whole_years_has_the_shifted_answer(data: dict[str, Any],
                                                                   years: int,
                                                                   target: int) -> None:
    person = parse_applicant(data)
    moved = shift_applicant(person, 12 * years)
    direct = fastest_path(person, target, **QUICK)
    shifted = fastest_path(moved, target, **QUICK)
    assert document(shifted) == document(shift_result(direct, 12 * years, moved))
    cache = PathCache()
    cached, cached_moved = cache.path(person, target, **QUICK), cache.path(moved, target, **QUICK)
    assert answer(cached) == answer(direct) and answer(cached_moved) == answer(shifted)
    assert document(cached_moved) == document(shift_result(cached, 12 * years, moved))
    assert cache.solved == 1 and cache.asked == 2


def test_the_canonical_question_keeps_the_calendar_month() -> None:
    for person in synthetic_applicants(20, seed=8, as_of="2031-03"):
        question, shift = canonical(person, person.as_of)
        assert shift % 12 == 0 and format_month(question.as_of).endswith("-03")
        assert shift_applicant(question, shift).work == person.work


def test_the_cache_counts_distinct_questions() -> None:
    people = synthetic_applicants(3, seed=1)
    copies = [shift_applicant(p, 24) for p in people] + [shift_applicant(people[0], -36)]
    cache = PathCache()
    results = [cache.path(a, tradeoffs=False, explain=False) for a in [*people, *copies]]
    assert cache.solved == 3 and cache.asked == 7
    for original, copy in zip(results[:3], results[3:6], strict=True):
        assert copy.months == original.months


def test_a_path_that_fails_gives_that_line_an_error_record() -> None:
    from pyqualify.batch.inputs import Chunk
    from pyqualify.batch.records import Settings
    from pyqualify.batch.work import answer_chunk

    lines = [b'{"id": "a", "as_of": "2026-11", "education": "none"}',
             b'{"id": "b", "as_of": "2026-11", "education": "high_school"}']
    good = answer_chunk(Chunk("jsonl", list(enumerate(lines, start=1))),
                        Settings(target=4, output="records")).records
    assert [r["ok"] for r in good] == [True, True] and good[1]["path"]["target"] == 4
    bad = answer_chunk(Chunk("jsonl", list(enumerate(lines, start=1))),
                       Settings(target=7, output="records")).records   # no such level
    assert [r["ok"] for r in bad] == [False, False]
    assert bad[0]["error"].startswith("target:") and "check" not in bad[0]


@settings(max_examples=int(os.environ.get("PYQUALIFY_HINT_EXAMPLES", "10")), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(data=applicants(as_of="2026-11"), hint=st.integers(1, 300))
def test_a_hint_of_months_never_changes_the_answer(data: dict[str, Any], hint: int) -> None:
    person = parse_applicant(data)
    plain = fastest_path(person, 1, **QUICK)
    assert answer(fastest_path(person, 1, within=hint, **QUICK)) == answer(plain)
    if plain.months:   # the exact answer as the hint: one stage of that many months
        hinted = fastest_path(person, 1, within=plain.months, **QUICK)
        assert answer(hinted) == answer(plain)
        alone = fastest_path(person, 1, within=plain.months, tradeoffs=False, explain=False)
        assert alone.stats["horizon"] == min(plain.months, 240)


def test_population_paths_with_hints_give_the_same_paths() -> None:
    from pyqualify.population import population_paths

    people = synthetic_applicants(12, seed=4)
    plain, questions = population_paths(people, jobs=1, tradeoffs=False, explain=False)
    hinted, again = population_paths(people, jobs=1, within=[r.months for r in plain],
                                     tradeoffs=False, explain=False)
    assert again == questions and [answer(r) for r in hinted] == [answer(r) for r in plain]
    assert any(r.stats.get("horizon") not in (None, 128, 240) for r in hinted)

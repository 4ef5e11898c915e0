"""One grounding for the questions that differ only in their months of work before as_of
(planner.shared_paths, questions.split_counts): the counts given by externals at solve time
give the answers of each question grounded alone, under every switch, random thresholds,
targets, short horizons, trade-offs and explanations."""

from __future__ import annotations

import os
from dataclasses import replace
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pyqualify.applicant import (
    Applicant,
    Certificate,
    Diploma,
    Training,
    Work,
    parse_applicant,
)
from pyqualify.options import PlannerOptions
from pyqualify.params import RuleParams
from pyqualify.planner import Counts, fastest_path, shared_paths
from pyqualify.population import population_paths
from pyqualify.questions import canonical_question, split_counts
from pyqualify.synthetic import synthetic_applicants
from tests.strategies import applicants, rule_params

EXAMPLES = int(os.environ.get("PYQUALIFY_SHARED_EXAMPLES", "15"))


def answer(result: Any) -> dict[str, Any]:
    """The path document without its stats (they describe the grounding, not the answer)."""
    doc = result.to_json()
    doc.pop("stats")
    return doc


def rebuilt(frame: Applicant, counts: Counts) -> Applicant:
    """The canonical question of ``frame`` with these counts (each count since a held
    certificate at most the work in all) and records."""
    now = frame.as_of
    assert now is not None
    work = counts.work[0] if counts.work else 0
    since = dict(counts.since)
    records = dict.fromkeys(k for k, _ in counts.records)
    given = {kind: [args for k, args in counts.records if k == kind] for kind in records}
    return replace(
        frame, education=given["education"][0][0] if "education" in given else "none",
        diplomas=(*(Diploma(k, m, g, s, mode) for _, k, m, s, g, mode in given.get("diploma", [])),
                  *frame.diplomas),
        trainings=tuple(Training(h, o, c == "true", d)
                        for _, h, o, c, d in given.get("training", [])),
        work=(*((Work(now - work - 1, now - 2, "same"),) if work else ()), *frame.work),
        certificates=tuple(replace(c, obtained=now - 1 - since.get(c.level, 0))
                           if c.obtained < now else c for c in frame.certificates))


def test_a_canonical_question_splits_into_its_frame_and_counts() -> None:
    now = 2000 * 12 + 10
    question = Applicant("high_school", as_of=now,
                         diplomas=(Diploma("bachelor", "same", now, "none"),
                                   Diploma("junior_college", "same", now + 7, "none")),
                         work=(Work(now - 31, now - 2, "same"),),
                         trainings=(Training(48, "same", True, now),),
                         certificates=(Certificate(4, "same", now - 13),
                                       Certificate(2, "same", now + 5)))
    frame, counts = split_counts(question)
    assert counts == Counts((30,), ((4, 12),), (
        ("education", ("high_school",)),
        ("diploma", (1000, "bachelor", "same", "none", now, "full_time")),
        ("training", (1000, 48, "same", "true", now))))
    assert frame.work == () and frame.trainings == () and frame.education == "none"
    assert [c.obtained for c in frame.certificates] == [now - 1, now + 5]
    assert [d.graduation for d in frame.diplomas] == [now + 7]
    assert rebuilt(frame, counts) == question
    # a file of another shape (two records before as_of) keeps its work in the frame
    other = replace(question, work=(Work(now - 31, now - 20, "same"), Work(now - 9, now - 2,
                                                                          "same")))
    assert split_counts(other) == (replace(frame, work=other.work,
                                           certificates=question.certificates),
                                   replace(counts, work=(), since=()))


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=applicants(as_of="2026-11"), params=rule_params(partial=True),
       target=st.sampled_from([1, 1, 2, 3]), assume_work=st.booleans(),
       horizon=st.sampled_from([240, 240, 60]),
       counts=st.lists(st.tuples(st.integers(0, 70), st.integers(0, 70), st.integers(0, 70),
                                 st.integers(0, 7)),
                       min_size=1, max_size=4),
       within=st.one_of(st.none(), st.integers(1, 240)))
def test_counts_given_at_solve_time_give_each_question_its_own_answer(
        data: dict[str, Any], params: dict[str, Any], target: int, assume_work: bool,
        horizon: int, counts: list[tuple[int, int, int, int]], within: int | None) -> None:
    """Siblings of a canonical question: other counts, and some of its records left out
    (the bits of ``keep``)."""
    rules = RuleParams.of(params)
    options = PlannerOptions.default().updated(assume_work=assume_work, horizon=horizon)
    person = parse_applicant(data)
    assert person.as_of is not None
    question, _ = canonical_question(person, person.as_of, target, rules, options)
    frame, mine = split_counts(question)
    held = [c.level for c in frame.certificates if c.obtained < (frame.as_of or 0)]
    group = []
    for work, first, second, keep in counts:
        since = tuple((level, min(n, work)) for level, n in zip(held, (first, second),
                                                                strict=False) if min(n, work))
        records = tuple(r for r in mine.records if keep >> ("education", "diploma",
                                                            "training").index(r[0]) & 1)
        given = Counts((work,) if work else (), since, records)
        asked = rebuilt(frame, given)
        assert split_counts(asked) == (frame, given)
        group.append((asked, given))
    shared = shared_paths(frame, group, target, params=rules, options=options, within=within)
    for (asked, _), result in zip(group, shared, strict=True):
        alone = fastest_path(asked, target, as_of=asked.as_of, params=rules, options=options)
        assert answer(result) == answer(alone)


def test_population_paths_shared_or_not_give_the_same_paths() -> None:
    people = synthetic_applicants(40, seed=6, as_of="2026-11")
    change = {"l1_1_work_months": 36}
    alone, count = population_paths(people, jobs=1, share=False, tradeoffs=False,
                                    explain=False)
    shared, again = population_paths(people, jobs=1, tradeoffs=False, explain=False)
    assert again == count and [answer(r) for r in shared] == [answer(r) for r in alone]
    hints = [r.months for r in alone]
    alone, _ = population_paths(people, params=change, within=hints, jobs=1, share=False,
                                tradeoffs=False, explain=False)
    shared, _ = population_paths(people, params=change, within=hints, jobs=1,
                                 tradeoffs=False, explain=False)
    assert [answer(r) for r in shared] == [answer(r) for r in alone]

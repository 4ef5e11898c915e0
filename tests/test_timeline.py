"""The work-month rule of ``pyqualify.timeline`` against month-by-month sets.

The rule is written once in Python; here it is restated the slow way (each month asked on
its own, as docs/rules.md and docs/planner.md word it) and compared on random files.
"""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pyqualify import timeline
from pyqualify.applicant import parse_applicant

try:
    from tests.strategies import applicants
except ImportError:  # tests/ itself on sys.path
    from strategies import applicants  # type: ignore[no-redef]

SOME = settings(max_examples=200, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def covers(work: Any, m: int) -> bool:
    return any(w.occupation != "unrelated" and w.start <= m and (w.end is None or m <= w.end)
               for w in work)


def in_school(applicant: Any, as_of: int, m: int, study: tuple[int, int] | None) -> bool:
    return any(d.mode == "full_time" and as_of <= m < d.graduation
               for d in applicant.diplomas) or (study is not None
                                                 and study[0] <= m <= study[1])


def as_set(runs: list[tuple[int, int | None]], end: int) -> set[int]:
    return {m for first, last in runs for m in range(first, (end if last is None else last) + 1)}


def canonical(runs: list[tuple[int, int | None]]) -> bool:
    """Sorted, disjoint and not adjacent: equal sets give equal runs."""
    return all(a[1] is not None and a[1] + 1 < b[0] for a, b in zip(runs, runs[1:],
                                                                   strict=False))


@SOME
@given(applicants(), st.integers(0, 300), st.booleans(), st.integers(-5, 200),
       st.integers(0, 80))
def test_worked_months_month_by_month(data: dict[str, Any], ahead: int, assume: bool,
                                      start: int, length: int) -> None:
    applicant = parse_applicant(data)
    as_of = applicant.as_of
    assert as_of is not None
    last = as_of + ahead
    study = (as_of + start, as_of + start + length) if start >= 0 else None
    runs = timeline.worked(applicant, as_of, last, assume_work=assume, study=study)
    expected = {m for m in range(as_of, last + 1)
                if not in_school(applicant, as_of, m, study)
                and (assume or covers(applicant.work, m))}
    assert as_set(runs, last) == expected and canonical(runs)
    assert timeline.months(runs) == sorted(expected)


@SOME
@given(applicants(), st.integers(-400, 400))
def test_recorded_months_and_their_counts(data: dict[str, Any], since: int) -> None:
    applicant = parse_applicant(data)
    as_of = applicant.as_of
    assert as_of is not None
    low = min([as_of, *(w.start for w in applicant.work)])
    expected = {m for m in range(low, as_of) if covers(applicant.work, m)}
    runs = timeline.recorded(applicant, as_of)
    assert as_set(runs, as_of) == expected and canonical(runs)
    assert timeline.count(runs) == len(expected)
    assert timeline.count(runs, as_of + since) == sum(1 for m in expected if m >= as_of + since)


@SOME
@given(applicants())
def test_covered_months_from_as_of_have_an_open_end_for_a_job_going_on(
        data: dict[str, Any]) -> None:
    applicant = parse_applicant(data)
    as_of = applicant.as_of
    assert as_of is not None
    runs = timeline.covered(applicant, as_of)
    end = as_of + 1300
    assert as_set(runs, end) == {m for m in range(as_of, end + 1) if covers(applicant.work, m)}
    ongoing = any(w.end is None and w.occupation != "unrelated" for w in applicant.work)
    assert (bool(runs) and runs[-1][1] is None) == ongoing and canonical(runs)


@given(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 20)), max_size=6),
       st.integers(-5, 70), st.integers(-2, 90))
def test_reaching_is_the_month_after_the_nth_month(spans: list[tuple[int, int]], since: int,
                                                   more: int) -> None:
    runs = timeline.merged((first, first + size) for first, size in spans)
    counted = [m for m in timeline.months(runs) if m >= since]  # type: ignore[arg-type]
    expected = counted[more - 1] + 1 if 0 < more <= len(counted) else None
    assert timeline.reaching(runs, since, more) == expected

"""Which months are relevant work: the one statement of that rule in Python.

The rules of ``logic/`` decide eligibility (``state.lp`` counts the recorded months,
``forecast.lp`` and ``planner.lp`` the months ahead).  Python needs the same months to pick
the forecast's probe months and hand it its runs of future work, to replay a plan, and to
write a canonical path question; it takes them from here:

* a month m before ``as_of`` is *recorded* relevant work when a work record of the file with
  occupation same or related covers it (start <= m <= end; a record with no end goes on);
  overlapping records count each month once (docs/rules.md, "Definitions");
* a month m from ``as_of`` on is *worked* (docs/planner.md, rule 1) when it is not spent in a
  full-time programme (a diploma of the file still in progress, as_of <= m < graduation, or
  the one a plan adds) and either work is assumed or a same/related record covers it.

Sets of months are written as runs ``(first, last)``, inclusive, sorted, disjoint and not
adjacent (``last`` None: no end), so that equal sets have equal runs.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .applicant import Applicant

Run = tuple[int, int | None]
_OPEN = 1 << 40   # a month later than any: the end of a run with no end


def merged(spans: Iterable[tuple[int, int | None]]) -> list[Run]:
    """The runs of the months that ``spans`` cover (empty spans, first > last, dropped)."""
    runs: list[tuple[int, int]] = []
    for first, last in sorted((f, _OPEN if e is None else e) for f, e in spans):
        if first > last:
            continue
        if runs and first <= runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], max(runs[-1][1], last))
        else:
            runs.append((first, last))
    return [(f, None if e >= _OPEN else e) for f, e in runs]


def covered(applicant: Applicant, first: int | None = None,
            last: int | None = None) -> list[Run]:
    """The months from ``first`` to ``last`` (None: unbounded) that a same or related work
    record of the file covers."""
    return merged(
        (w.start if first is None else max(first, w.start),
         last if w.end is None else (w.end if last is None else min(last, w.end)))
        for w in applicant.work if w.occupation != "unrelated")


def recorded(applicant: Applicant, as_of: int) -> list[Run]:
    """The recorded relevant work months before ``as_of`` (a month counts once it is over)."""
    return covered(applicant, None, as_of - 1)


def worked(applicant: Applicant, as_of: int, last: int, *, assume_work: bool,
           study: tuple[int, int] | None = None) -> list[tuple[int, int]]:
    """The worked months from ``as_of`` to ``last``: out of full-time study (the file's
    diplomas in progress, and ``study``: the months ``(first, last)`` of a new full-time
    programme), and assumed or covered by a record."""
    if last < as_of:
        return []
    base = [(as_of, last)] if assume_work else covered(applicant, as_of, last)
    school = [(as_of, d.graduation - 1) for d in applicant.diplomas
              if d.graduation > as_of and d.mode == "full_time"]
    if study is not None:
        school.append(study)
    return [(f, e) for f, e in without(base, merged(school)) if e is not None]


def without(runs: Sequence[Run], gaps: Sequence[Run]) -> list[Run]:
    """The months of ``runs`` that are in none of ``gaps`` (both as runs)."""
    left: list[Run] = []
    for first, last in runs:
        start = first
        end = _OPEN if last is None else last
        for gap_first, gap_last in gaps:
            gap_end = _OPEN if gap_last is None else gap_last
            if gap_end < start or gap_first > end:
                continue
            if gap_first > start:
                left.append((start, gap_first - 1))
            start = gap_end + 1
            if start > end:
                break
        if start <= end:
            left.append((start, None if end >= _OPEN else end))
    return left


def count(runs: Sequence[Run], since: int | None = None) -> int:
    """How many months the runs (all bounded) have from ``since`` on (None: all)."""
    total = 0
    for first, last in runs:
        assert last is not None, "an unbounded run has no count"
        first = first if since is None else max(first, since)
        if first <= last:
            total += last - first + 1
    return total


def reaching(runs: Sequence[Run], since: int, more: int) -> int | None:
    """The month after the ``more``-th month of the runs counted from ``since`` (None when
    ``more`` < 1 or the runs end first)."""
    if more <= 0:
        return None
    for first, last in runs:
        first = max(first, since)
        if last is not None and first > last:
            continue
        if last is None or last - first + 1 >= more:
            return first + more
        more -= last - first + 1
    return None


def months(runs: Sequence[tuple[int, int]]) -> list[int]:
    """Every month of bounded runs, in order."""
    return [m for first, last in runs for m in range(first, last + 1)]

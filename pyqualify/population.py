"""Paths for populations: a question many applicants share is solved once.

A path question is the applicant's facts relative to ``as_of``, the calendar month of
``as_of`` (exams are held in calendar months), the target, the rule parameters and the
planner options.  Shifting every month of a question by 12·k months (k whole) shifts its
answer by 12·k months and changes nothing else, so a question is asked in a canonical form
(``as_of`` moved to the year :data:`CANONICAL_YEAR`, same calendar month; facts that the
rules cannot tell apart made one, :mod:`.questions`), its answer is cached, and the answer
of each applicant is the cached one shifted back exactly.
"""

from __future__ import annotations

import hashlib
import json
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import replace
from functools import partial
from typing import Any

from .applicant import Applicant
from .cores import usable_cores
from .eligibility import resolve_as_of
from .months import format_month, parse_month
from .options import PlannerOptions
from .params import RuleParams
from .planner import Counts, PathResult, Plan, fastest_path, shared_paths
from .questions import CANONICAL_YEAR, canonical_question, split_counts

MAX_ENTRIES = 5_000   # path answers kept per process (a few KB each)


def shift_applicant(applicant: Applicant, months: int) -> Applicant:
    """The applicant with every month (as_of included) moved by ``months``."""
    def move(m: int | None) -> int | None:
        return None if m is None else m + months

    return replace(
        applicant, as_of=move(applicant.as_of),
        diplomas=tuple(replace(d, graduation=d.graduation + months) for d in applicant.diplomas),
        work=tuple(replace(w, start=w.start + months, end=move(w.end)) for w in applicant.work),
        trainings=tuple(replace(t, completed=t.completed + months) for t in applicant.trainings),
        certificates=tuple(replace(c, obtained=c.obtained + months)
                           for c in applicant.certificates))


def canonical(applicant: Applicant, as_of: int) -> tuple[Applicant, int]:
    """The applicant moved by whole years to as_of in CANONICAL_YEAR (no id) and the shift
    back (the coarser form that the cache uses is :func:`.questions.canonical_question`)."""
    shift = as_of - (CANONICAL_YEAR * 12 + as_of % 12)
    moved = shift_applicant(replace(applicant, id=None, as_of=as_of), -shift)
    return moved, shift


def shift_result(result: PathResult, months: int, applicant: Applicant) -> PathResult:
    """A path answer moved by ``months``, told of ``applicant`` (whose question it answers)."""
    def plan(p: Plan) -> Plan:
        return replace(
            p, certified=p.certified + months,
            study=None if p.study is None else (p.study[0], p.study[1] + months),
            training_start=None if p.training_start is None else p.training_start + months,
            exams=tuple((m + months, level, routes) for m, level, routes in p.exams),
            steps=tuple(replace(s, month=s.month + months) for s in p.steps))

    reason = result.reason
    if reason is not None:
        reason = {**reason, "blocked_at": _shift_text(reason.get("blocked_at"), months),
                  "would_open": [{**w, "certified": _shift_text(w.get("certified"), months)}
                                 for w in reason.get("would_open", [])]}
    return replace(result, applicant=applicant, as_of=result.as_of + months,
                   certified=None if result.certified is None else result.certified + months,
                   plans=tuple(plan(p) for p in result.plans),
                   tradeoffs=tuple(plan(p) for p in result.tradeoffs), reason=reason)


def _shift_text(month: Any, months: int) -> Any:
    return format_month(parse_month(month) + months) if isinstance(month, str) else month


class PathCache:
    """Path answers by canonical question (at most ``max_entries``, least recently used
    dropped first); ``solved`` counts the questions actually solved."""

    def __init__(self, max_entries: int = MAX_ENTRIES):
        self.max_entries = max_entries
        self.entries: OrderedDict[tuple[Any, ...], PathResult] = OrderedDict()
        self.solved = 0
        self.asked = 0

    def path(self, applicant: Applicant, target: int = 1, *, as_of: int | None = None,
             params: RuleParams | dict[str, Any] | None = None,
             options: PlannerOptions | None = None, **kwargs: Any) -> PathResult:
        """``fastest_path(applicant, target, ...)``, from the cache when the question was
        asked before (keyword arguments as for :func:`fastest_path`)."""
        result, _ = self._answer(applicant, target, as_of, params, options, kwargs)
        return result

    def path_document(self, applicant: Applicant, target: int, *, as_of: int | None = None,
                      params: RuleParams | dict[str, Any] | None = None,
                      options: PlannerOptions | None = None,
                      time_limit: float | None = None) -> tuple[dict[str, Any], str]:
        """The ``path`` JSON document of a batch record (its ``stats`` without the seconds
        of a solve, so that the output is the same however it is computed) and the
        question's digest.  ``time_limit`` bounds a solve (:class:`PlanningTimeout`); it is
        not part of the question: an answer found in time is the answer."""
        result, key = self._answer(applicant, target, as_of, params, options, {},
                                   time_limit=time_limit)
        doc = result.to_json()
        doc["stats"] = {k: v for k, v in doc.get("stats", {}).items()
                        if k != "seconds"}
        return doc, hashlib.blake2b(repr(key).encode(), digest_size=12).hexdigest()

    def _answer(self, applicant: Applicant, target: int, as_of: int | None,
                params: Any, options: PlannerOptions | None, kwargs: dict[str, Any],
                time_limit: float | None = None) -> tuple[PathResult, tuple[Any, ...]]:
        now = resolve_as_of(applicant, as_of)
        rules = RuleParams.of(params)
        opts = options or PlannerOptions.default()
        question, shift = _question(applicant, now, target, rules, opts, coarse=True)
        key = (question, target, json.dumps(rules.as_dict(), sort_keys=True),
               json.dumps(opts.as_dict(), sort_keys=True, default=str), repr(opts.catalog),
               tuple(sorted(kwargs.items())))
        self.asked += 1
        found = self.entries.get(key)
        if found is None:
            self.solved += 1
            found = fastest_path(question, target, as_of=question.as_of, params=rules,
                                 options=opts, time_limit=time_limit, **kwargs)
            self.entries[key] = found
            if len(self.entries) > self.max_entries:
                self.entries.popitem(last=False)
        else:
            self.entries.move_to_end(key)
        return shift_result(found, shift, applicant), key


def _question(applicant: Applicant, now: int, target: int, rules: RuleParams,
              opts: PlannerOptions, *, coarse: bool) -> tuple[Applicant, int]:
    """The question a path of ``applicant`` asks, and the shift back: the canonical
    question (``coarse``) or the file moved by whole years; a file with unknown facts is
    its own question (its best_case names its own records and months)."""
    if applicant.unknowns():
        return replace(applicant, id=None, as_of=now), 0
    if coarse:
        return canonical_question(applicant, now, target, rules, opts)
    return canonical(applicant, now)


def distinct_questions(applicants: Sequence[Applicant], as_of: int | None = None, *,
                       target: int = 1, params: RuleParams | dict[str, Any] | None = None,
                       options: PlannerOptions | None = None) -> int:
    """How many distinct path questions (for one target, parameters and options) there are."""
    rules = RuleParams.of(params)
    opts = options or PlannerOptions.default()
    return len({canonical_question(a, resolve_as_of(a, as_of), target, rules, opts)[0]
                for a in applicants})


def population_paths(applicants: Sequence[Applicant], target: int = 1, *,
                     params: RuleParams | dict[str, Any] | None = None,
                     options: PlannerOptions | None = None, jobs: int = 0,
                     coarse: bool = True, within: Sequence[int | None] | None = None,
                     share: bool = True, **kwargs: Any) -> tuple[list[PathResult], int]:
    """The fastest path of every applicant (in order) and how many distinct questions were
    solved: each distinct question once, over ``jobs`` processes (0: one per core), and
    every answer shifted back to its applicant.  Keyword arguments go to
    :func:`fastest_path` (``tradeoffs=False, explain=False`` for a cheap study).
    ``coarse=False`` shares only questions equal but for whole years (:func:`canonical`),
    the baseline of ``bench/bench_population.py``.  ``within``: for each applicant, a
    number of months within which a plan is believed to exist, or None (the hint of
    :func:`fastest_path`; a question takes the smallest of its applicants').  ``share``:
    coarse questions that differ only in their months of work before as_of are solved on
    one grounding (:func:`.planner.shared_paths`); False grounds each question alone (the
    same answers; a baseline of the bench)."""
    rules = RuleParams.of(params)
    opts = options or PlannerOptions.default()
    keys: dict[Applicant, int] = {}
    hints: list[int | None] = []
    shifts: list[tuple[int, int]] = []
    for number, applicant in enumerate(applicants):
        now = resolve_as_of(applicant, None)
        question, shift = _question(applicant, now, target, rules, opts, coarse=coarse)
        index = keys.setdefault(question, len(keys))
        if index == len(hints):
            hints.append(None)
        hint = within[number] if within is not None else None
        if hint is not None:
            hints[index] = hint if hints[index] is None else min(hints[index], hint)
        shifts.append((index, shift))
    questions = list(zip(keys, hints, strict=True))
    # Questions that differ only in their months of work before as_of share a grounding
    # (coarse questions have one shape for them, questions.split_counts).
    groups: dict[Applicant, list[int]] = {}
    parts: list[tuple[Applicant, Counts]] = []
    for index, (question, _) in enumerate(questions):
        frame, counts = (split_counts(question) if coarse and share
                         else (question, Counts()))
        parts.append((question, counts))
        groups.setdefault(frame, []).append(index)
    tasks = [(frame, [parts[i] for i in members],
              _group_hint([questions[i][1] for i in members]))
             for frame, members in groups.items()]
    solve = partial(_solve, target=target, params=rules, options=opts, kwargs=kwargs)
    workers = jobs if jobs > 0 else usable_cores()
    if workers < 2 or len(questions) < 4 * workers:
        solved = [solve(task) for task in tasks]
    else:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        # the largest groups first, so that no worker is left with one at the end
        order = sorted(range(len(tasks)), key=lambda i: -len(tasks[i][1]))
        with ProcessPoolExecutor(workers,
                                 mp_context=multiprocessing.get_context("spawn")) as pool:
            found = dict(zip(order, pool.map(solve, [tasks[i] for i in order]), strict=True))
        solved = [found[i] for i in range(len(tasks))]
    answers: list[PathResult | None] = [None] * len(questions)
    for members, results in zip(groups.values(), solved, strict=True):
        for index, result in zip(members, results, strict=True):
            answers[index] = result
    results = [shift_result(answers[index], shift, applicant)  # type: ignore[arg-type]
               for applicant, (index, shift) in zip(applicants, shifts, strict=True)]
    return results, len(questions)


def _group_hint(hints: list[int | None]) -> int | None:
    """The hint for a group: a horizon within which each question has a plan (the largest
    of theirs), or none when one has no hint."""
    return None if any(h is None for h in hints) else max(hints)  # type: ignore[type-var]


def _solve(task: tuple[Applicant, list[tuple[Applicant, Counts]], int | None], *,
           target: int, params: RuleParams, options: PlannerOptions,
           kwargs: dict[str, Any]) -> list[PathResult]:
    frame, questions, hint = task
    if len(questions) == 1:
        question = questions[0][0]
        return [fastest_path(question, target, as_of=question.as_of, params=params,
                             options=options, within=hint, **kwargs)]
    return shared_paths(frame, questions, target, params=params, options=options,
                        within=hint, **kwargs)

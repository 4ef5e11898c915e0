"""``opens``: the month a closed level opens if nothing happens but time and work.

Eligibility is decided by the rules of ``logic/`` at probe points (``logic/probes.lp``),
never here.  This module only says *which months to look at*, and which months are forecast
work (docs/planner.md, rule 1, as :mod:`.timeline` states it).  Under the forecast,
eligibility only grows with time (work counters grow, a certificate once held stays held, a
diploma goes from enrolled to graduating to graduated), so:

1. the first round (in the same grounding as ``check``) probes a few *candidate* months per
   applicant: the months a dated fact of the file takes effect, the months a work counter
   reaches a threshold of ``need/3`` in ``logic/rules.lp``, and ``as_of + horizon``;
2. for a level first found eligible at candidate c, the second round probes c - 1 (unless the
   previous candidate is c - 1); not eligible there means c is the answer;
3. should it be eligible at c - 1 (a change the candidates did not foresee), further rounds
   search the gap between the previous candidate and c - 1 with a few probes each.

Candidates only make the search quick; the answer is exact whatever they are.  Each round is
one grounding and one solve for all applicants and levels.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from . import timeline
from .applicant import Applicant
from .asp import Program, add_applicant
from .clauses import rule_facts, since_level
from .levels import route_level
from .params import RuleParams

HORIZON = 240
PROBES_PER_GAP = 7   # probes per open interval in a fallback round
MAX_ROUNDS = 12


@dataclass(frozen=True)
class ForecastOptions:
    """The forecast's assumptions: work in every month out of full-time study (or only
    where the file's records say so), and how far to look."""

    assume_work: bool = True
    horizon: int = HORIZON


def candidate_months(applicant: Applicant, as_of: int, params: RuleParams,
                     runs: Sequence[tuple[int, int]], horizon: int) -> list[int]:
    """Months after as_of where a level may open: a guess that keeps the search short."""
    end = as_of + horizon
    months = {end}
    months.update(c.obtained for c in applicant.certificates)
    months.update(t.completed for t in applicant.trainings)
    for d in applicant.diplomas:
        months.update((d.graduation, d.graduation - params.graduating_window_months))
    recorded = timeline.recorded(applicant, as_of)
    facts = rule_facts(params)
    counters: dict[int, set[int]] = {}   # from month -> thresholds
    firsts = _first_certificates(applicant)
    for (_, condition), least in facts.needs.items():
        if condition == "work":     # months of work in all (work/2)
            counters.setdefault(-1, set()).add(least)
        elif since_level(condition) is not None:   # months since the level's certificate
            first = firsts.get(since_level(condition))
            if first is not None:
                counters.setdefault(first, set()).add(least)
    for since, thresholds in counters.items():
        base = timeline.count(recorded, since)
        for threshold in thresholds:
            month = timeline.reaching(runs, since, threshold - base)
            if month is not None:
                months.add(month)
    return sorted(m for m in months if as_of < m <= end)


def _first_certificates(applicant: Applicant) -> dict[int, int]:
    firsts: dict[int, int] = {}
    for c in applicant.certificates:
        if c.occupation != "unrelated" and isinstance(c.level, int):
            firsts[c.level] = min(firsts.get(c.level, c.obtained), c.obtained)
    return firsts


@dataclass
class _Question:
    """One applicant's forecast question: its runs, probes and what is known so far."""

    applicant: Applicant
    as_of: int
    runs: list[tuple[int, int]]
    probes: list[int]
    eligible: dict[int, set[int]] = field(default_factory=dict)   # month -> levels
    admits: dict[int, set[str]] = field(default_factory=dict)     # month -> routes


Answer = tuple[int | None, tuple[str, ...]]   # opens (None: not within the horizon), opens_by


class Forecast:
    """The ``opens`` of many applicants' closed levels, round by round.

    The first round rides on the grounding of another program that includes
    ``logic/probes.lp`` (the check's own, ``explain.lp``): :meth:`ask` adds an applicant's
    probes to it, and :meth:`take` reads that round's atoms from its model.
    :meth:`opens` runs the further rounds (``logic/forecast.lp``, a grounding each) and
    answers.  Applicants are named by the keys of the first round's program.
    """

    ATOMS = frozenset(("probe_eligible", "probe_admits"))

    def __init__(self, params: RuleParams, options: ForecastOptions, confirm: bool = False):
        """``confirm``: the first round also probes the month before each candidate, which
        usually saves the second round (worth it for a few applicants)."""
        self.params, self.options, self.confirm = params, options, confirm
        self._questions: dict[int, _Question] = {}

    def first_probes(self, applicant: Applicant, as_of: int) -> tuple[list[tuple[int, int]],
                                                                      list[int]]:
        """The forecast runs of work and the months the first round probes."""
        end = as_of + self.options.horizon
        runs = timeline.worked(applicant, as_of, end - 1, assume_work=self.options.assume_work)
        probes = candidate_months(applicant, as_of, self.params, runs, self.options.horizon)
        if self.confirm:
            probes = sorted({m for c in probes for m in (c - 1, c) if m > as_of})
        return runs, probes

    def ask(self, program: Program, key: int, applicant: Applicant, as_of: int) -> None:
        """Put the applicant's first-round probes into ``program`` (grounded by the caller)."""
        runs, probes = self.first_probes(applicant, as_of)
        question = self._questions[key] = _Question(applicant, as_of, runs, probes)
        _add_probes(program, key, question, probes)

    def take(self, name: str, key: int, rest: tuple[Any, ...]) -> bool:
        """Note an atom of the first round's model; False when it is none of the forecast's."""
        if name not in self.ATOMS:
            return False
        _note(self._questions[key], name, rest)
        return True

    def opens(self, closed: dict[int, list[int]]) -> dict[tuple[int, int], Answer]:
        """``opens`` and ``opens_by`` of every closed level (``closed``: each key's levels
        neither held nor eligible at as_of), by (key, level)."""
        questions = self._questions
        # (key, level) -> (lo, hi): lo known closed, hi known open (None: not yet open)
        gaps: dict[tuple[int, int], tuple[int, int]] = {}
        answers: dict[tuple[int, int], Answer] = {}
        for key, levels in closed.items():
            q = questions[key]
            for level in levels:
                lo = q.as_of
                for month in q.probes:
                    if level in q.eligible.get(month, ()):
                        gaps[(key, level)] = (lo, month)
                        break
                    lo = month
                else:
                    answers[(key, level)] = (None, ())
        for round_number in range(MAX_ROUNDS):
            open_gaps = {k: g for k, g in gaps.items() if g[1] - g[0] > 1}
            if not open_gaps:
                break
            asked: dict[int, dict[int, set[int]]] = {}   # key -> month -> levels
            for (key, level), (lo, hi) in open_gaps.items():
                for month in _gap_probes(lo, hi, confirm=round_number == 0):
                    asked.setdefault(key, {}).setdefault(month, set()).add(level)
            self._round(asked)
            for (key, level), (lo, hi) in open_gaps.items():
                q = questions[key]
                for month in sorted(m for m in asked[key] if lo < m < hi):
                    if level in q.eligible.get(month, ()):
                        hi = month
                        break
                    lo = month
                gaps[(key, level)] = (lo, hi)
        for (key, level), (_, hi) in gaps.items():
            routes = questions[key].admits.get(hi, set())
            answers[(key, level)] = (hi, tuple(sorted(r for r in routes
                                                      if route_level(r) == level)))
        return answers

    def _round(self, asked: dict[int, dict[int, set[int]]]) -> None:
        """One grounding and solve: every asked (applicant, month) for its levels."""
        program = Program("forecast", self.params.as_dict())
        for key, months in asked.items():
            q = self._questions[key]
            add_applicant(program, key, q.applicant, q.as_of)
            _add_probes(program, key, q, months, set().union(*months.values()))
        program.ground()
        for name, key, rest in program.first():
            _note(self._questions[key], name, rest)


def _add_probes(program: Program, key: int, question: _Question, probes: Iterable[int],
                levels: Iterable[int] = ()) -> None:
    """The forecast facts of one applicant (``levels``: ask these, else every level not held
    at as_of)."""
    for first, last in question.runs:
        program.fact("forecast_run", key, first, last)
    for month in probes:
        program.fact("probe", key, month)
    for level in levels:
        program.fact("pending", key, level)


def _note(question: _Question, name: str, rest: tuple[Any, ...]) -> None:
    """A shown ``probe_eligible`` or ``probe_admits`` atom of a round."""
    month, value = rest
    table = question.eligible if name == "probe_eligible" else question.admits
    table.setdefault(month, set()).add(value)


def _gap_probes(lo: int, hi: int, confirm: bool) -> list[int]:
    """Probes inside (lo, hi): first hi - 1 alone (the usual confirmation), then a spread."""
    if hi - lo <= 1:
        return []
    if confirm:
        return [hi - 1]
    inside = hi - lo - 1
    if inside <= PROBES_PER_GAP:
        return list(range(lo + 1, hi))
    probes = {hi - 1}
    step = inside / (PROBES_PER_GAP + 1)
    probes.update(lo + round(step * i) for i in range(1, PROBES_PER_GAP + 1))
    return sorted(m for m in probes if lo < m < hi)

"""What a path question depends on, and the canonical question that stands for many.

The planner sees an applicant's file only through the state atoms of ``logic/state.lp``
(the diplomas a point has, the certificates it holds, its counting training, its months of
work) and through a few facts of the file that ``logic/planner.lp`` reads directly (the
graduation month and mode of a diploma still in progress, whether any diploma exists, the
education, the work records that cover future months when work is not assumed).  Two files
that agree on all of that, relative to ``as_of``, have the same fastest paths.  This module
maps a file to one such canonical file:

* **Records by what they meet.**  A diploma, certificate or training record enters the
  rules only through the conditions (``met/3``) it satisfies and whether it gives the
  education requirement (``education_ok/1``).  Those sets are asked of the rules themselves
  (one small clingo run per set of rule parameters, :class:`Profiles`), and a record is
  replaced by the first record of a fixed list with the same sets.  No rule is restated here.
* **Levels that can still matter.**  Only levels from the target up to the first level whose
  certificate the file already has (held, or awaited within the horizon) can be sat: a
  certificate serves only the routes of the levels its ``met/3`` conditions belong to, so
  the certificates and conditions of the other levels are dropped (``live_levels``).
* **Counts only up to the thresholds.**  The rules compare months of work with thresholds of
  ``need/3`` ("at least K"): a count beyond the largest threshold is that threshold.
* **Months relative to as_of.**  Past graduations and completions are all "done by as_of";
  months of past work are kept only as the counts the rules use.

The canonical file keeps ``as_of``'s calendar month (exams are held in calendar months) and is
moved to :data:`CANONICAL_MONTH`'s year; its answer, shifted back by whole years, is the
applicant's.  ``tests/test_questions.py`` checks that a file and its canonical question
have the same fastest path (hypothesis, every switch and random thresholds).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from . import timeline
from .applicant import (
    CERTIFICATE_LEVELS,
    DIPLOMA_KINDS,
    EDUCATIONS,
    MAX_HOURS,
    OCCUPATIONS,
    SKILL_TARGETS,
    Applicant,
    Certificate,
    Diploma,
    Training,
    Work,
)
from .asp import Program, add_applicant
from .levels import LEVELS
from .options import PlannerOptions
from .params import RuleParams
from .planner import Counts

CANONICAL_YEAR = 2000
PROBE_MONTH = CANONICAL_YEAR * 12          # the month at which records are probed
Met = frozenset[tuple[str, str]]            # (route, condition) pairs that a record meets
DiplomaVariant = tuple[str, str, str]      # kind, major, skill target


@dataclass(frozen=True)
class Profiles:
    """What each kind of record meets under one set of rule parameters (from the rules)."""

    route_level: dict[str, int]
    needs: dict[tuple[str, str], int]                       # need/3: "at least K"
    education: dict[str, bool]                               # education_ok
    graduated: dict[DiplomaVariant, tuple[Met, bool]]        # met, education_ok
    graduating: dict[DiplomaVariant, tuple[Met, bool]]
    certificate: dict[tuple[int | str, str], tuple[frozenset[int | str], Met]]  # holds, met
    training: dict[tuple[str, bool], Met]                    # (occupation, certificate), MAX_HOURS
    work: Met                                                # months of work, many
    since: dict[int, Met]         # work since a level's certificate, beyond the two alone
    most: int                     # the largest work threshold ("many" months)

    def cap(self, met: Met) -> int:
        """The most months that any of these conditions asks for (``need/3``): a count
        beyond it meets them all."""
        return max((self.needs.get(c, self.most) for c in met), default=0)

    def training_met(self, training: Training) -> Met:
        """The conditions a training record meets: its (occupation, certificate) probe, less
        the conditions whose ``need/3`` asks more hours than it has."""
        met = self.training[(training.occupation, training.certificate)]
        return frozenset(c for c in met if training.hours >= self.needs.get(c, 0))


@lru_cache(maxsize=16)
def profiles(rules: RuleParams) -> Profiles:
    """Ask the rules what each record meets: one applicant per record, at PROBE_MONTH."""
    variants = [(k, m, s) for k in DIPLOMA_KINDS for m in OCCUPATIONS for s in SKILL_TARGETS]
    probes: list[tuple[tuple[str, object], Applicant]] = []
    for education in EDUCATIONS:
        probes.append((("education", education), Applicant(education)))
    for status, month in (("graduated", PROBE_MONTH - 1), ("graduating", PROBE_MONTH + 1)):
        for kind, major, skill in variants:
            probes.append(((status, (kind, major, skill)),
                           Applicant("none", diplomas=(Diploma(kind, major, month, skill),))))
    for level in CERTIFICATE_LEVELS:
        for occupation in OCCUPATIONS:
            probes.append((("certificate", (level, occupation)), Applicant(
                "none", certificates=(Certificate(level, occupation, PROBE_MONTH - 1),))))
    for occupation in OCCUPATIONS:
        for certified in (True, False):
            probes.append((("training", (occupation, certified)), Applicant(
                "none", trainings=(Training(MAX_HOURS, occupation, certified,
                                            PROBE_MONTH - 1),))))
    many = rules.max_work_threshold()
    worked = (Work(PROBE_MONTH - many, PROBE_MONTH - 1, "same"),)
    probes.append((("work", None), Applicant("none", work=worked)))
    for level in LEVELS:
        probes.append((("since", level), Applicant("none", work=worked, certificates=(
            Certificate(level, "same", PROBE_MONTH - many),))))
    program = Program("check", {"explain": False, **rules.as_dict()})
    for index, (_, applicant) in enumerate(probes):
        add_applicant(program, index, applicant, PROBE_MONTH)
    program.ground()
    met: dict[int, set[tuple[str, str]]] = {i: set() for i in range(len(probes))}
    holds: dict[int, set[int | str]] = {i: set() for i in range(len(probes))}
    education_ok: set[int] = set()
    route_level: dict[str, int] = {}
    needs: dict[tuple[str, str], int] = {}
    for name, first, rest in program.first(shown=False):
        if name == "met":
            route, condition = rest
            met[first].add((route, condition))
        elif name == "holds":
            holds[first].add(rest[0])
        elif name == "education_ok":
            education_ok.add(first)
        elif name == "route":
            route_level[first] = rest[0]
        elif name == "need":
            needs[(first, rest[0])] = rest[1]
    # What the empty file (education none, no record) meets already, a threshold of 0 say,
    # is no record's doing.
    background = met[probes.index((("education", "none"), Applicant("none")))]
    found: dict[str, dict[object, object]] = {}
    for index, ((kind, what), _) in enumerate(probes):
        record_met = frozenset(met[index] - background)
        entry: object
        if kind == "education":
            entry = index in education_ok
        elif kind == "certificate":
            entry = (frozenset(holds[index]), record_met)
        elif kind in ("training", "work", "since"):
            entry = record_met
        else:   # a diploma, graduated or graduating
            entry = (record_met, index in education_ok)
        found.setdefault(kind, {})[what] = entry
    work: Met = found.pop("work")[None]  # type: ignore[assignment]
    # Work since a certificate: what the two meet together and neither meets alone.
    since = {level: frozenset(both - work - found["certificate"][(level, "same")][1])
             for level, both in found.pop("since").items()}  # type: ignore[index, operator]
    return Profiles(route_level=route_level, needs=needs, work=work, since=since, most=many,
                    **found)  # type: ignore[arg-type]


def live_levels(target: int, in_file: set[int | str], profile: Profiles) -> set[int]:
    """The levels a plan may still sit: the target, and each level whose certificate meets a
    condition of a route of a live level, unless the file has that level's certificate."""
    live: set[int] = set() if target in in_file else {target}
    changed = True
    while changed:
        changed = False
        for level in LEVELS:
            if level in live or level in in_file:
                continue
            _, met = profile.certificate[(level, "same")]
            if any(profile.route_level[route] in live for route, _ in met):
                live.add(level)
                changed = True
    return live


def _restricted(met: Met, live: set[int], profile: Profiles) -> Met:
    return frozenset(c for c in met if profile.route_level[c[0]] in live)


def canonical_question(applicant: Applicant, as_of: int, target: int, rules: RuleParams,
                       options: PlannerOptions) -> tuple[Applicant, int]:
    """The canonical file with the same fastest paths as ``applicant`` at ``as_of``, and the
    shift (a multiple of 12 months) that moves its answer back to the applicant."""
    profile = profiles(rules)
    now = CANONICAL_YEAR * 12 + as_of % 12
    shift = as_of - now
    first: dict[int | str, int] = {}
    for c in applicant.certificates:
        for level in profile.certificate[(c.level, c.occupation)][0]:
            first[level] = min(first.get(level, c.obtained), c.obtained)
    if target in first and first[target] <= as_of:      # held: nothing else matters
        return Applicant("none", as_of=now,
                         certificates=(Certificate(target, "same", now - 1),)), shift
    # A certificate that arrives after the horizon stops no chain: a plan cannot count on it,
    # and the reason of an unreachable answer looks past it (planner._why_unreachable).
    live = live_levels(target, {level for level, month in first.items()
                                if month <= as_of + options.horizon}, profile)
    worked = timeline.recorded(applicant, as_of)

    certificates: list[tuple[int | str, str, int]] = []   # level, held/awaited, count/month
    for level, month in sorted(first.items(), key=str):
        _, met = profile.certificate[(level, "same")]
        if level != target and not _restricted(met, live, profile):
            continue
        if month < as_of:
            cap = profile.cap(_restricted(profile.since.get(level, frozenset()), live, profile))
            counted = timeline.count(worked, month) if cap else 0
            certificates.append((level, "held", min(counted, cap)))
        else:
            certificates.append((level, "awaited", month - as_of))
    # Months of work in all, up to the most a live route asks; at least as many as the
    # counts from certificates need (a count past that most meets all the same).
    work = min(timeline.count(worked), profile.cap(_restricted(profile.work, live, profile)))
    work = max([work, *(n for _, how, n in certificates if how == "held")])

    level = _education_class(applicant.education, profile)
    education = next(e for e in EDUCATIONS if _education_class(e, profile) == level)
    diplomas = _diplomas(applicant, as_of, live, profile, all(level))
    trainings = _trainings(applicant, as_of, live, profile)
    records: list[Work] = []
    if work:
        records.append(Work(now - work - 1, now - 2, "same"))
    if not options.assume_work:
        records += [Work(now - as_of + s, None if e is None else now - as_of + e, "same")
                    for s, e in timeline.covered(applicant, as_of)]
    held = tuple(Certificate(level, "same", now - 1 - n if how == "held" else now + n)
                 for level, how, n in certificates)
    question = Applicant(
        education, as_of=now,
        diplomas=tuple(Diploma(kind, major, now + months, skill, mode)
                       for (kind, major, skill), months, mode in diplomas),
        work=tuple(records),
        trainings=tuple(Training(hours, "same", True, now + months)
                        for hours, months in trainings),
        certificates=held)
    return question, shift


def _education_class(education: str, profile: Profiles) -> tuple[bool, bool, bool]:
    # education_ok from the rules; the planner's entry requirements (planner.lp, entry_ok):
    # "not none" and "upper-secondary done" (high school or equivalent).
    return (profile.education[education], education != "none",
            education in ("high_school", "equivalent"))


def _diplomas(applicant: Applicant, as_of: int, live: set[int], profile: Profiles,
              educated: bool) -> list[tuple[DiplomaVariant, int, str]]:
    """Each diploma as the first variant with the same conditions met (graduated, and for
    one in progress graduating), its graduation relative to as_of (0: done by as_of) and its
    mode (only a diploma in progress keeps it).  ``educated``: the education alone meets
    EDU and every entry requirement, so a diploma done by as_of that meets no condition
    adds nothing."""
    def sets(variant: DiplomaVariant, future: bool) -> tuple[object, ...]:
        met, edu = profile.graduated[variant]
        key: tuple[object, ...] = (_restricted(met, live, profile), edu)
        if future:
            met, edu = profile.graduating[variant]
            key += (_restricted(met, live, profile), edu)
        return key

    order = list(profile.graduated)
    found: set[tuple[DiplomaVariant, int, str]] = set()
    for d in applicant.diplomas:
        future = d.graduation > as_of
        wanted = sets((d.kind, d.major, d.skill_target), future)
        variant = next(v for v in order if sets(v, future) == wanted)
        found.add((variant, d.graduation - as_of if future else 0,
                   d.mode if future else "full_time"))
    # A diploma done by as_of whose conditions another done one also meets adds nothing.
    done = {v: sets(v, False) for v, months, _ in found if months == 0}
    for variant, (met, edu) in list(done.items()):
        if (educated and not met) or any(other != variant and met <= o_met and (edu <= o_edu)
               for other, (o_met, o_edu) in done.items()):   # type: ignore[operator]
            found.discard((variant, 0, "full_time"))
            del done[variant]
    return sorted(found, key=lambda d: (d[1], d[2], order.index(d[0])))


def _trainings(applicant: Applicant, as_of: int, live: set[int],
               profile: Profiles) -> list[tuple[int, int]]:
    """Each distinct set of conditions that a training record meets, as the earliest record
    that meets it: (hours, completion relative to as_of, 0 when done by as_of)."""
    best: dict[Met, int] = {}
    for t in applicant.trainings:
        met = _restricted(profile.training_met(t), live, profile)
        if met:
            best[met] = min(best.get(met, t.completed - as_of), t.completed - as_of)
    full = _restricted(profile.training[("same", True)], live, profile)
    answer = []
    for met, months in best.items():
        hours = MAX_HOURS if met == full else min(
            t.hours for t in applicant.trainings
            if _restricted(profile.training_met(t), live, profile) == met)
        answer.append((hours, max(months, 0)))
    return sorted(answer)


def split_counts(question: Applicant) -> tuple[Applicant, Counts]:
    """A canonical question (:func:`canonical_question`) as its frame and its counts, for
    :func:`.planner.shared_paths`: the months of work before as_of (its one record of them
    dropped) and since each held certificate (obtained the month before as_of in the
    frame), and the records that move no month of the fixed clock of planner.lp (the
    education, none in the frame; diplomas done by as_of; trainings), given at solve time.
    The frame and counts ask the same as the question: the record of work ends the month
    before the last before as_of and covers each count.  A file of another shape keeps its
    work and certificates in the frame."""
    now = question.as_of
    assert now is not None
    records: list[tuple[str, tuple[Any, ...]]] = []
    if question.education != "none":
        records.append(("education", (question.education,)))
    done = [d for d in question.diplomas if d.graduation <= now]
    records += [("diploma", (1000 + i, d.kind, d.major, d.skill_target, d.graduation, d.mode))
                for i, d in enumerate(done)]
    records += [("training", (1000 + i, t.hours, t.occupation,
                              "true" if t.certificate is True else "false"
                              if t.certificate is False else t.certificate, t.completed))
                for i, t in enumerate(question.trainings)]
    if any(t.certificate not in (True, False) for t in question.trainings) or (
            question.unknowns()):
        return question, Counts()
    frame = replace(question, education="none",
                    diplomas=tuple(d for d in question.diplomas if d.graduation > now),
                    trainings=())
    past = [w for w in question.work if w.end is not None and w.end < now]
    held = [c for c in question.certificates if c.obtained < now]
    months = past[0].end - past[0].start + 1 if len(past) == 1 else 0  # type: ignore[operator]
    since = tuple((c.level, now - 1 - c.obtained) for c in held)
    if not past and all(n == 0 for _, n in since):
        return frame, Counts(records=tuple(records))
    if (len(past) != 1 or past[0].end != now - 2 or past[0].occupation != "same"
            or months <= 0 or any(not 0 <= n <= months for _, n in since)
            or len({c.level for c in held}) != len(held)):
        return frame, Counts(records=tuple(records))
    frame = replace(frame, work=tuple(w for w in frame.work if w is not past[0]),
                    certificates=tuple(c if c.obtained >= now else replace(c, obtained=now - 1)
                                       for c in frame.certificates))
    return frame, Counts((months,), tuple((level, n) for level, n in since if n),
                         tuple(records))

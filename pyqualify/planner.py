"""The fastest path to a target certificate (``pyqualify path``, docs/planner.md).

The plan is found by clingo with ``logic/planner.lp`` on top of the rules that
``check`` uses.  The horizon is searched in stages: if some plan reaches the
target within a shorter horizon, the optimum there is the optimum of the full
horizon (every step of an optimal plan lies before its target month), and the
ground program is smaller.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from . import timeline
from .applicant import UNKNOWN, Applicant
from .asp import Model, Part, Program, SolveTimeout, add_applicant, add_file, atom, by_name, text
from .eligibility import check, check_many, resolve_as_of
from .levels import LEVELS
from .messages import InputError, Raw, say
from .months import format_month
from .options import PlannerOptions, Programme
from .params import RuleParams
from .partial import field_path, least_favourable, most_favourable, reading_value
from .replay import applicant_at, planned_work

APPLICANT_KEY = "me"
LONGER_HORIZON = 600   # months tried when explaining an unreachable target
FIRST_STAGE = 128     # months of the first horizon tried; each next stage doubles it
# A stage short of the full horizon that finds no plan within this many conflicts is left
# for the next, longer one (a count, not a time, so that answers never depend on the load).
STAGE_CONFLICTS = 20000
SOLVER_OPTIONS = ("--opt-strategy=usc,k,0",)  # core-guided; k,0 halved the worst case
EVENT_ORDER = {"complete_training": 0, "graduate": 1, "certificate": 2, "start_training": 3,
               "start_study": 4, "exam": 5}


class PlanningTimeout(InputError):
    """No answer within the caller's time limit (``fastest_path(time_limit=...)``)."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        super().__init__("time_limit", f"an answer within {seconds:g} s", has_got=False)

    def text(self, lang: str = "en") -> str:
        return say("time_limit", lang, seconds=Raw(f"{self.seconds:g}"))

    def __reduce__(self) -> tuple[Any, ...]:
        return (PlanningTimeout, (self.seconds,))


class _Deadline:
    """The time left of a caller's limit (none: unlimited)."""

    def __init__(self, seconds: float | None):
        self.seconds = seconds
        self.end = None if seconds is None else time.monotonic() + seconds

    def left(self) -> float | None:
        return None if self.end is None else self.end - time.monotonic()

    def check(self) -> None:
        left = self.left()
        if left is not None and left <= 0:
            raise PlanningTimeout(self.seconds or 0)


@dataclass(frozen=True)
class Step:
    """One step of a plan: an action at a month (docs/output.md)."""

    month: int
    action: str
    level: int | None = None
    routes: tuple[str, ...] = ()
    program: str | None = None
    certificate: str | None = None
    # an exam skipped where one of these certificates (their occupation unknown) counts
    skip_if: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        doc: dict[str, Any] = {"month": format_month(self.month), "action": self.action}
        if self.level is not None:
            doc["level"] = self.level
        if self.action == "exam":
            doc["routes"] = list(self.routes)
        if self.program is not None:
            doc["program"] = self.program
        if self.certificate is not None:
            doc["certificate"] = self.certificate
        if self.skip_if:
            doc["skip_if"] = list(self.skip_if)
        return doc


@dataclass(frozen=True)
class Plan:
    """A plan: what to start and which exams to sit, and what follows from it."""

    certified: int
    study: tuple[Programme, int] | None
    training_start: int | None
    exams: tuple[tuple[int, int, tuple[str, ...]], ...]   # (month, level, routes)
    steps: tuple[Step, ...]

    @property
    def study_months(self) -> int:
        return self.study[0].months if self.study else 0

    def to_json(self) -> dict[str, Any]:
        return {"steps": [step.to_json() for step in self.steps]}


@dataclass(frozen=True)
class PathResult:
    """The answer of ``path`` (docs/output.md), with the trade-offs and, if unreachable, why."""

    applicant: Applicant
    as_of: int
    target: int
    reachable: bool
    certified: int | None
    plans: tuple[Plan, ...]
    params: RuleParams
    options: PlannerOptions
    tradeoffs: tuple[Plan, ...] = ()
    reason: dict[str, Any] | None = None
    stats: dict[str, Any] = field(default_factory=dict)
    unknowns: tuple[str, ...] = ()           # the fields the file says are unknown
    best_case: dict[str, Any] | None = None  # the fastest over every completion, if faster

    @property
    def months(self) -> int | None:
        return None if self.certified is None else self.certified - self.as_of

    def work_months(self, plan: Plan) -> list[int]:
        """The months from as_of up to the plan's target that it counts as relevant work."""
        return timeline.months(planned_work(self.applicant, self.as_of, plan.certified,
                                            self.options, plan.study))

    def to_json(self) -> dict[str, Any]:
        doc: dict[str, Any] = {
            "id": self.applicant.id, "as_of": format_month(self.as_of), "target": self.target,
            "reachable": self.reachable,
            "certified": None if self.certified is None else format_month(self.certified),
            "months": self.months, "plans": [plan.to_json() for plan in self.plans],
        }
        if self.tradeoffs:
            doc["tradeoffs"] = [
                {"study_months": plan.study_months, "certified": format_month(plan.certified),
                 "months": plan.certified - self.as_of, **plan.to_json()}
                for plan in self.tradeoffs]
        if self.reason is not None:
            doc["reason"] = self.reason
        doc["unknowns"] = list(self.unknowns)
        doc["best_case"] = self.best_case
        doc["parameters"] = self.params.as_dict()
        doc["planner"] = self.options.as_dict()
        doc["stats"] = self.stats
        return doc


def fastest_path(applicant: Applicant, target: int = 1, *, as_of: int | None = None,
                 params: RuleParams | dict[str, Any] | None = None,
                 options: PlannerOptions | None = None, all_plans: bool = False,
                 max_plans: int = 10, tradeoffs: bool = True,
                 explain: bool = True, time_limit: float | None = None,
                 within: int | None = None) -> PathResult:
    """The earliest month the target certificate can be obtained, and how.

    ``all_plans`` lists up to ``max_plans`` optimal plans that differ in their
    steps; ``tradeoffs`` adds, when the fastest plan needs new study, every plan
    that no other beats on both months and months of study; ``explain`` says,
    when no plan exists, how far the applicant gets and what would open a path.
    ``time_limit`` (seconds) bounds the whole answer: past it, :class:`PlanningTimeout`
    (an :class:`InputError`) is raised.  ``within`` (months) is a hint: a number of months
    within which some plan is believed to reach the target (say, the answer of the same
    person under a stricter rule); that horizon is tried first.  The answer is the same
    with any hint or none; a good one saves grounding.
    """
    if time_limit is not None and (isinstance(time_limit, bool) or not isinstance(
            time_limit, int | float) or not 0 < time_limit < float("inf")):
        raise InputError("time_limit", "a number of seconds above 0", time_limit)
    return _fastest_path(applicant, target, as_of=as_of, params=params, options=options,
                         all_plans=all_plans, max_plans=max_plans, tradeoffs=tradeoffs,
                         explain=explain, deadline=_Deadline(time_limit), within=within)


def _fastest_path(applicant: Applicant, target: int, *, as_of: int | None,
                  params: RuleParams | dict[str, Any] | None, options: PlannerOptions | None,
                  all_plans: bool, max_plans: int, tradeoffs: bool, explain: bool,
                  deadline: _Deadline, within: int | None = None) -> PathResult:
    if target not in LEVELS:
        raise InputError("target", "a level 1, 2, 3 or 4", target)
    rules = RuleParams.of(params)
    opts = options or PlannerOptions.default()
    opts.validate()
    now = resolve_as_of(applicant, as_of)
    started = time.perf_counter()
    stats: dict[str, Any] = {"solves": 0, "atoms": 0, "rules": 0}
    # A file with unknown facts (docs/partial.md): the plan is the least favourable
    # completion's, valid in every completion, and best_case the fastest over them all.
    unknowns = applicant.unknowns()
    judged = least_favourable(applicant)
    unsure = unsure_certificates(applicant)

    def finish(**fields: Any) -> PathResult:
        best = None
        if unknowns:
            best = _best_case(applicant, now, target, rules, opts, stats, deadline,
                              fields["certified"])
        stats["seconds"] = round(time.perf_counter() - started, 4)
        return PathResult(applicant=applicant, as_of=now, target=target, params=rules,
                          options=opts, stats=stats, unknowns=unknowns, best_case=best,
                          **fields)

    if check(judged, as_of=now, params=rules, explain=False).level(target).held:
        plan = Plan(now, None, None, (), ())
        return finish(reachable=True, certified=now, plans=(plan,))
    search = _Search(judged, now, target, rules, opts, stats, deadline, within, unsure=unsure)
    plans = search.best(all_plans=all_plans, max_plans=max_plans)
    if not plans:
        reason = (_why_unreachable(judged, now, target, rules, opts, deadline) if explain
                  else None)
        return finish(reachable=False, certified=None, plans=(), reason=reason)
    front: tuple[Plan, ...] = ()
    if tradeoffs and plans[0].study_months > 0:
        front = tuple(reversed(search.pareto_front(plans[0])))
    return finish(reachable=True, certified=plans[0].certified, plans=tuple(plans),
                  tradeoffs=front)


def fastest_completion(applicant: Applicant, target: int, *, as_of: int,
                       params: RuleParams | dict[str, Any] | None = None,
                       options: PlannerOptions | None = None,
                       facts: tuple[tuple[Any, ...], ...] = (),
                       time_limit: float | None = None,
                       assumed: bool = True) -> tuple[Plan | None, dict[str, Any]]:
    """The fastest plan over every completion of a file with unknown facts (best_case.lp)
    whose facts are ``applicant``'s (as the file ``file``) and ``facts`` (the records not
    given yet of an interview, logic/unasked.lp), and the fewest readings other than the
    least favourable ones that reach it (field -> reading); ``(None, {})`` when no
    completion reaches the target.  ``assumed=False``: the plan only (no search for the
    fewest readings: ``{}``)."""
    rules = RuleParams.of(params)
    opts = options or PlannerOptions.default()
    stats: dict[str, Any] = {"solves": 0, "atoms": 0, "rules": 0}
    search = _Search(applicant, as_of, target, rules, opts, stats, _Deadline(time_limit),
                     completions=True, facts=facts)
    plans = search.best()
    if not plans:
        return None, {}
    return plans[0], search.fewest_assumed(plans[0].certified - as_of) if assumed else {}


@dataclass(frozen=True)
class Counts:
    """Months of work before as_of given at solve time instead of by the records
    (:func:`shared_paths`): in all, and since each held certificate, by level.  For a
    question, its counts (0 left out); for a grounding, every count it can be asked."""

    work: tuple[int, ...] = ()
    since: tuple[tuple[int | str, int], ...] = ()
    # records given the same way: ("education", (E,)), ("diploma", (I, kind, major, skill,
    # graduation, mode)), ("training", (I, hours, occupation, certificate, completed))
    records: tuple[tuple[str, tuple[Any, ...]], ...] = ()

    def atoms(self) -> list[Any]:
        """The externals of planner.lp that give these counts and records."""
        return ([atom("given_work", months) for months in self.work]
                + [atom("given_since", level, months) for level, months in self.since]
                + [atom(f"{kind}_record", APPLICANT_KEY, *args) for kind, args in self.records])


def shared_paths(frame: Applicant, questions: Sequence[tuple[Applicant, Counts]],
                 target: int = 1, *, params: RuleParams | dict[str, Any] | None = None,
                 options: PlannerOptions | None = None, within: int | None = None,
                 all_plans: bool = False, max_plans: int = 10, tradeoffs: bool = True,
                 explain: bool = True) -> list[PathResult]:
    """``fastest_path`` of each question, the questions grounded once for each horizon.

    Every question is ``frame`` but for its months of work before as_of (``frame`` has
    none, and its held certificates were obtained the month before as_of) and the records
    of its ``Counts``: the records' counts of ``frame`` are 0 and each question's counts
    and records are given by externals, set for its solves only (logic/planner.lp, "Counts
    given at solve time").  The answers are
    those of ``fastest_path(question, ...)`` (but for ``stats``, which describe the shared
    grounding); ``within`` is the hint of :func:`fastest_path` for them all."""
    rules = RuleParams.of(params)
    opts = options or PlannerOptions.default()
    opts.validate()
    search = _Search(frame, frame.as_of, target, rules, opts, {}, _Deadline(None), within)
    search.domains = Counts(
        tuple(sorted({m for _, c in questions for m in c.work})),
        tuple(sorted({x for _, c in questions for x in c.since}, key=str)),
        tuple(sorted({x for _, c in questions for x in c.records}, key=str)))
    # whether each holds the target already, in one grounding (check_many: one point each)
    known = [q for q, _ in questions if not q.unknowns() and q.as_of == frame.as_of]
    held = iter([r.level(target).held
                 for r in check_many(known, as_of=frame.as_of, params=rules, explain=False)])
    answers = []
    for applicant, counts in questions:
        if applicant.unknowns() or applicant.as_of != frame.as_of:
            answers.append(fastest_path(applicant, target, params=rules, options=opts,
                                        within=within, all_plans=all_plans,
                                        max_plans=max_plans, tradeoffs=tradeoffs,
                                        explain=explain))
            continue
        started = time.perf_counter()
        stats: dict[str, Any] = {"solves": 0, "atoms": 0, "rules": 0}
        search.stats, search.given, search.found_at = stats, counts.atoms(), None
        now = frame.as_of
        fields: dict[str, Any]
        if next(held):
            fields = {"reachable": True, "certified": now,
                      "plans": (Plan(now, None, None, (), ()),)}
        else:
            plans = search.best(all_plans=all_plans, max_plans=max_plans)
            if not plans:
                reason = (_why_unreachable(applicant, now, target, rules, opts,
                                           _Deadline(None)) if explain else None)
                fields = {"reachable": False, "certified": None, "plans": (),
                          "reason": reason}
            else:
                front: tuple[Plan, ...] = ()
                if tradeoffs and plans[0].study_months > 0:
                    front = tuple(reversed(search.pareto_front(plans[0])))
                fields = {"reachable": True, "certified": plans[0].certified,
                          "plans": tuple(plans), "tradeoffs": front}
        stats["seconds"] = round(time.perf_counter() - started, 4)
        answers.append(PathResult(applicant=applicant, as_of=now, target=target, params=rules,
                                  options=opts, stats=stats, **fields))
    return answers


def unsure_certificates(applicant: Applicant) -> dict[int, tuple[tuple[int, str], ...]]:
    """Level -> (month obtained, field) of each certificate of that level whose occupation
    the file says is unknown (a preparatory technician's is never sat, so never skipped)."""
    found: dict[int, list[tuple[int, str]]] = {}
    for i, c in enumerate(applicant.certificates):
        if c.occupation == UNKNOWN and isinstance(c.level, int):
            found.setdefault(c.level, []).append((c.obtained, f"certificates[{i}].occupation"))
    return {level: tuple(items) for level, items in found.items()}


def _best_case(applicant: Applicant, as_of: int, target: int, rules: RuleParams,
               options: PlannerOptions, stats: dict[str, Any], deadline: _Deadline,
               certified: int | None) -> dict[str, Any] | None:
    """The fastest path over every completion of the file, with one completion that
    reaches it assuming the fewest readings other than the least favourable ones (those
    are the ``assumes``); None when it is no faster than the plan (``certified``)."""
    within = _fastest_of_the_best(applicant, as_of, target, rules, options, stats, deadline)
    if within == -1 or (within is not None and certified is not None
                        and as_of + within >= certified):
        return None   # no completion reaches the target, or none sooner than the plan
    if within is not None and within > 0:
        # The fastest months are known (a most favourable completion's): only the fewest
        # readings that reach them are searched for, at that horizon.
        search = _Search(applicant, as_of, target, rules, options, stats, deadline, within,
                         completions=True)
        search.found_at = search._at(search.horizons[0], True)
        return {"months": within, "certified": format_month(as_of + within),
                "assumes": search.fewest_assumed(within)}
    hint = within if within is not None else None if certified is None else certified - as_of
    search = _Search(applicant, as_of, target, rules, options, stats, deadline,
                     None if hint is None else max(hint, 1), completions=True)
    fastest = search.best()
    if not fastest or (certified is not None and fastest[0].certified >= certified):
        return None
    months = fastest[0].certified - as_of
    return {"months": months, "certified": format_month(fastest[0].certified),
            "assumes": search.fewest_assumed(months)}


def _fastest_of_the_best(applicant: Applicant, as_of: int, target: int, rules: RuleParams,
                         options: PlannerOptions, stats: dict[str, Any],
                         deadline: _Deadline) -> int | None:
    """The months of the fastest path over every completion, found without a search over
    the completions when planning is monotone in the file's unknowns: a better reading
    never delays a plan, so the fastest completion is a most favourable one
    (logic/verdicts.lp), planned as any applicant (-1: none reaches the target).  Not so
    for a certificate whose occupation is unknown (where it counts its level is not sat
    again, which may be slower): then None, and best_case.lp searches them all."""
    if unsure_certificates(applicant):
        return None
    fastest: int | None = None
    for best in most_favourable(applicant):
        if check(best, as_of=as_of, params=rules, explain=False).level(target).held:
            return 0
        plans = _Search(best, as_of, target, rules, options, stats, deadline).best()
        if plans and (fastest is None or plans[0].certified - as_of < fastest):
            fastest = plans[0].certified - as_of
    return -1 if fastest is None else fastest


def stages(horizon: int, within: int | None = None) -> list[int]:
    """The horizons tried in turn: 128, 256, 512, ... below ``horizon``, then ``horizon``;
    with a hint ``within`` (0 < within < horizon), that horizon first and then the longer
    ones.

    Solving grows faster than the ground program: a plan 372 months away took 10.6 s with
    a horizon of 1200 months and 0.4 s with 512."""
    found, stage = [], FIRST_STAGE
    while stage < horizon:
        found.append(stage)
        stage *= 2
    if within is not None and 0 < within < horizon:
        found = [within, *(h for h in found if h > within)]
    return [*found, horizon]


class _Search:
    """Staged solving: horizons of 128, 256, ... months, then the full one."""

    def __init__(self, applicant: Applicant, as_of: int, target: int, rules: RuleParams,
                 options: PlannerOptions, stats: dict[str, Any], deadline: _Deadline,
                 within: int | None = None, *,
                 unsure: dict[int, tuple[tuple[int, str], ...]] | None = None,
                 completions: bool = False, facts: tuple[tuple[Any, ...], ...] = ()):
        """``unsure``: the certificates whose occupation is unknown, by level (their exams
        are skipped where they count, section 6 of planner.lp); ``completions``: plan over
        every completion of ``applicant``, a file with unknown facts (best_case.lp);
        ``facts``: more facts of the file ``file`` (the records not given yet of an
        interview, logic/unasked.lp), as ``(name, *arguments)``."""
        self.applicant, self.as_of, self.target = applicant, as_of, target
        self.facts = facts
        self.unsure = unsure or {}
        self.completions = completions
        self.found_at: _Grounded | None = None   # the grounding of the last plan found
        self.rules, self.options, self.stats = rules, options, stats
        self.deadline = deadline
        self.ground_rate: float | None = None   # seconds per month of horizon, once measured
        self.horizons = stages(options.horizon, within)
        self.grounded: dict[tuple[int, bool], _Grounded] = {}
        # Counts given at solve time (:func:`shared_paths`): the domains grounded, and the
        # externals of the question being solved.
        self.domains: Counts | None = None
        self.given: list[Any] = []

    def _at(self, horizon: int, tie_break: bool) -> _Grounded:
        key = (horizon, tie_break)
        if key not in self.grounded:
            # Grounding cannot be interrupted: predict it from the last stage's rate.
            left = self.deadline.left()
            if left is not None and (left <= 0 or (
                    self.ground_rate is not None and self.ground_rate * horizon > left)):
                raise PlanningTimeout(self.deadline.seconds or 0)
            started = time.perf_counter()
            self.grounded[key] = _Grounded(self, horizon, tie_break)
            self.ground_rate = (time.perf_counter() - started) / horizon
        return self.grounded[key]

    def best(self, *, all_plans: bool = False, max_plans: int = 1,
             study_limit: int | None = None) -> list[Plan]:
        for horizon in self.horizons:
            last = horizon == self.horizons[-1]
            grounded = self._at(horizon, not all_plans)
            plans, complete = grounded.solve(
                all_plans=all_plans, max_plans=max_plans, study_limit=study_limit,
                conflicts=None if last else STAGE_CONFLICTS)
            if plans and not complete:   # the answer is here: finish this stage
                plans, complete = grounded.solve(all_plans=all_plans, max_plans=max_plans,
                                                 study_limit=study_limit, conflicts=None)
            if plans:
                self.stats["horizon"] = horizon
                self.found_at = grounded
                return plans
        return []

    def fewest_assumed(self, months: int) -> dict[str, Any]:
        """Of the completions that reach the target within ``months``, one that assumes the
        fewest readings other than the least favourable ones: field -> reading."""
        assert self.found_at is not None and self.completions
        program = self.found_at.program
        program.ground(("fewest", [months]))
        solved = program.solve(opt_mode="opt", models=0, timeout=self.deadline.left())
        return {field_path(name): reading_value(field_path(name), value)
                for name, value in sorted(by_name(solved.last or []).get("assumed", []),
                                          key=lambda item: _field_order(self.applicant,
                                                                        field_path(item[0])))}

    def pareto_front(self, fastest: Plan) -> list[Plan]:
        """Plans with ever fewer months of study (each the fastest under that limit)."""
        front = [fastest]
        while front[-1].study_months > 0:
            found = self.best(study_limit=front[-1].study_months)
            if not found:
                break
            front.append(found[0])
        return front


class _Grounded:
    """One grounding of the planner for a horizon, solved under assumptions."""

    def __init__(self, search: _Search, horizon: int, tie_break: bool):
        self.search = search
        opts = search.options
        consts = {"horizon": horizon, "target": search.target,
                  "certificate_delay": opts.certificate_delay,
                  "training_months": opts.training_months,
                  "training_hours": opts.training_hours}
        switches = {"assume_work": opts.assume_work, "allow_study": opts.allow_study,
                    "allow_training": opts.allow_training, "tie_break": tie_break}
        program = Program("best_case" if search.completions else "planner",
                          {**search.rules.as_dict(), **consts, **switches}, SOLVER_OPTIONS)
        if search.completions:   # the applicant is a completion of the file, chosen
            add_file(program, "file", search.applicant, search.as_of)
            program.fact("completion_of", APPLICANT_KEY, "file")
            program.fact("free", APPLICANT_KEY)
            for name, *args in search.facts:
                program.fact(name, *args)
        else:
            add_applicant(program, APPLICANT_KEY, search.applicant, search.as_of)
        if search.domains is not None:   # counts given at solve time (shared_paths)
            for months in search.domains.work:
                program.fact("work_domain", months)
            for level, months in search.domains.since:
                program.fact("since_domain", level, months)
            for kind, args in search.domains.records:
                program.fact(f"free_{kind}", *args)
        for level, items in search.unsure.items():
            for obtained, _ in items:
                program.fact("unsure_certificate", level, obtained)
        for level, months in opts.exam_months.items():
            for month in months:
                program.fact("exam_month", level, month)
        self.programmes = {p.id: p for p in opts.catalog}
        for rank, p in enumerate(opts.catalog):
            ident = text(p.id)
            program.fact("programme", ident, p.kind, p.skill_target, p.mode, p.months, p.entry)
            program.fact("programme_rank", ident, rank)
            if p.certificate:
                program.fact("programme_certificate", ident, p.certificate)
            if p.id in opts.excluded_programmes:
                program.fact("excluded_programme", ident)
        program.ground()
        self.program = program

    def solve(self, *, all_plans: bool, max_plans: int, study_limit: int | None,
              conflicts: int | None) -> tuple[list[Plan], bool]:
        """The optimal plans, and whether the search was complete (within ``conflicts``)."""
        self.search.stats["solves"] += 1
        limits = []   # the study limit, an external of planner.lp
        if study_limit is not None:
            limits.append(atom("study_limit", study_limit))
            if not self.program.has_atom(limits[0]):
                return [], True
        limits += self.search.given
        found: list[Plan] = []
        seen: set[tuple[Step, ...]] = set()

        def every_optimum(model: Model) -> bool:
            if model.optimality_proven:
                plan = self._plan(model.atoms())
                if plan.steps not in seen:
                    seen.add(plan.steps)
                    found.append(plan)
            return len(found) < max_plans

        deadline = self.search.deadline
        deadline.check()
        try:
            solved = self.program.solve(every_optimum if all_plans else None, externals=limits,
                                        opt_mode="optN" if all_plans else "opt", models=0,
                                        conflicts=conflicts, timeout=deadline.left())
        except SolveTimeout:
            raise PlanningTimeout(deadline.seconds or 0) from None
        complete = solved.exhausted or len(found) >= max_plans
        atoms, rules = self.program.size()
        self.search.stats["atoms"] = max(self.search.stats["atoms"], atoms)
        self.search.stats["rules"] = max(self.search.stats["rules"], rules)
        if solved.last is not None:
            found = [self._plan(solved.last)]
        # pyqualify's tie-break first: study started early, then exams early.
        # Then the steps themselves, so that tied plans come in one order whatever clingo's.
        return sorted(found, key=lambda p: (p.study[1] if p.study else -1,
                                            [month for month, _, _ in p.exams],
                                            repr(p.steps))), complete

    def _plan(self, parts: list[Part]) -> Plan:
        opts = self.search.options
        atoms = by_name(parts)
        routes: dict[int, list[str]] = {}
        for month, route in atoms.get("exam_route", []):
            routes.setdefault(month, []).append(route)
        exams = tuple(sorted((month, level, tuple(sorted(routes.get(month, []))))
                             for month, level in atoms.get("exam", [])))
        study = None
        for ident, start in atoms.get("study", []):
            study = (self.programmes[ident], start)
        training_start = next((s for s, in atoms.get("train", [])), None)
        steps: list[Step] = []
        if training_start is not None:
            steps += [Step(training_start, "start_training"),
                      Step(training_start + opts.training_months, "complete_training")]
        if study is not None:
            programme, start = study
            steps += [Step(start, "start_study", program=programme.id),
                      Step(start + programme.months, "graduate", program=programme.id,
                           certificate=programme.certificate)]
        for month, level, exam_routes in exams:
            # skipped where a certificate of its level counts (planner.lp, section 6)
            skip_if = tuple(f for _, f in self.search.unsure.get(level, ()))
            steps += [Step(month, "exam", level=level, routes=exam_routes, skip_if=skip_if),
                      Step(month + opts.certificate_delay, "certificate", level=level)]
        steps.sort(key=lambda s: (s.month, EVENT_ORDER[s.action]))
        certified = atoms["certified"][0][0]
        return Plan(certified=certified, study=study, training_start=training_start,
                    exams=exams, steps=tuple(steps))


def _field_order(applicant: Applicant, path: str) -> int:
    """A field's place among the file's unknowns (their order in docs/partial.md)."""
    unknowns = applicant.unknowns()
    return unknowns.index(path) if path in unknowns else len(unknowns)


def _why_unreachable(applicant: Applicant, as_of: int, target: int, rules: RuleParams,
                     options: PlannerOptions, deadline: _Deadline) -> dict[str, Any]:
    """How far the applicant gets, what blocks the next level, and what would open a path."""
    highest, plan = None, None
    for level in sorted(lv for lv in LEVELS if lv > target):   # the next lower first
        result = _fastest_path(applicant, level, as_of=as_of, params=rules, options=options,
                               all_plans=False, max_plans=1, tradeoffs=False, explain=False,
                               deadline=deadline)
        if result.reachable:
            highest, plan = level, result.plans[0]
            break
    blocked = 4 if highest is None else highest - 1
    end = as_of + options.horizon
    state = applicant_at(applicant, as_of, end, options,
                         study=plan.study if plan else None,
                         training_start=(plan.training_start if plan else
                                         as_of if options.allow_training else None),
                         exams=tuple((m, lv) for m, lv, _ in plan.exams) if plan else ())
    at_end = check(state, params=rules)
    answer = at_end.level(blocked)
    unmet = {route: list(conditions) for route, conditions in sorted(answer.unmet.items())}
    would_open = []
    trials: list[tuple[str, dict[str, Any]]] = []
    if not options.allow_study:
        trials.append(("allow_study", {"allow_study": True}))
    if options.excluded_programmes:
        trials.append(("all_programmes", {"excluded_programmes": frozenset()}))
    if not options.allow_training:
        trials.append(("allow_training", {"allow_training": True}))
    if not options.assume_work:
        trials.append(("assume_work", {"assume_work": True}))
    if options.horizon < LONGER_HORIZON:
        trials.append((f"horizon={LONGER_HORIZON}", {"horizon": LONGER_HORIZON}))
    if len(trials) > 1:   # when no single option is enough, all of them together
        together = {"allow_study": True, "allow_training": True, "assume_work": True,
                    "excluded_programmes": frozenset(),
                    "horizon": max(LONGER_HORIZON, options.horizon)}
        trials.append(("+".join(name for name, _ in trials), together))
    for name, changes in trials:
        if would_open and "+" in name:
            break
        try:
            trial = options.updated(**changes)
        except InputError:   # past the planning limits (options.py): not tried
            continue
        result = _fastest_path(applicant, target, as_of=as_of, params=rules, options=trial,
                               all_plans=False, max_plans=1, tradeoffs=False, explain=False,
                               deadline=deadline)
        if result.reachable and result.certified is not None:
            would_open.append({"option": name, "certified": format_month(result.certified),
                               "months": result.months})
    return {"highest_reachable": highest, "blocked_level": blocked,
            "blocked_at": format_month(end), "unmet": unmet,
            "education_ok": at_end.education_ok,
            "would_open": would_open}

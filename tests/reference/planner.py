"""Independent brute-force reference of the fastest-path planner (docs/planner.md).

Written from ``docs/planner.md``, ``docs/rules.md`` and ``tests/reference/CONTRACT.md`` alone,
without looking at ``logic/`` or ``pyqualify/``; standard library only. Eligibility at a month t
is decided by :func:`tests.reference.eligibility.reference_check` on the applicant *as it stands
at t*: ``as_of`` := t, the file's facts, and the facts the plan has added by t (see
:meth:`_Planner.applicant_at`). The planner is meant for SMALL cases (horizon 12..48, small
catalogues); it is exact, not fast.

What it explores: every study programme of the catalogue with every allowed start month, or no
study; every training start, or none; every exam schedule (at each month: wait, or sit one level
the applicant may sit then). It returns the lexicographic optimum of the five priorities of
docs/planner.md: certified month, months of new study, number of exams, number of trainings, sum of
exam month indexes.

Pruning, each provably safe (``exhaustive=True`` switches off all but P1 and enumerates every
plan, for cross-checks on tiny cases).
They rest on one property of docs/rules.md, *monotonicity*: every route and EDU is a conjunction of
positive conditions, so eligibility at t can only grow when a certificate, diploma status or
training is obtained earlier, or when more months are work months ("counted from a
certificate's month" counts months m >= obtained, a superset for an earlier certificate; a
graduated diploma satisfies every clause a graduating one does).

P1  Plans end at the target exam: a later exam cannot move the certified month and adds an exam.
P2  Training starts only at as_of (or never): it runs beside work and only adds a training
    record; an earlier record is held at more months (monotonicity), so moving any training
    start to as_of keeps every exam eligible and the objective unchanged.
P3  A programme that is not full-time starts only at its earliest allowed month: it does not
    touch work, and an earlier start gives a diploma that is graduating/graduated at a superset
    of months and an earlier programme certificate (the entry requirement only gets easier
    later, so the earliest allowed month exists and stays allowed).
P4  A programme starting after the target exam changes nothing the exams saw (its diploma and
    certificate appear only from its start, its full-time months lie after the exams), so the
    same plan without it is at least as good (no more study months): only starts s <= target
    exam month are explored.
P5  Bounds from the incumbent: an environment (study choice, training choice) with more study
    months than the best plan so far must certify strictly earlier, any other no later than it
    (the objective puts the month first and study months second); environments are tried
    with the fewest study months first. The month sweep stops at that deadline, and also at
    the first month where the target can be sat (later target exams certify later).
P6  Relaxation bound: the same programme with a diploma graduated from as_of, no lost work
    months, its certificate held from as_of and a training at as_of (when allowed) is, month
    by month, at least as eligible as every real start of that programme (monotonicity). If
    the relaxed sweep from the no-study states at month s cannot certify by the deadline, the
    start s is not explored (before s a real plan is a no-study plan, whose states those
    dominate); as that relaxed month never decreases with s, later starts are not explored
    either, and the last useful start is found by bisection.
P7  Dominance in the exam sweep: among exam states (levels sat so far, with their months) at
    the start of month t in one environment, a state with the same set of levels, each sat no
    later, dominates: every continuation stays eligible (monotonicity), blocks the same levels,
    uses months >= t (so no month clash), and costs the same number of exams and no more exam
    months in the sum. Dominated states are dropped.
P8  Shared prefix: before a full-time programme's start s the applicant at t < s is the same as
    without the study (its diploma, certificate and lost months all begin at s), so the sweep of
    the no-study environment up to s is reused.
P9  A study with the training at as_of is at every month at least as eligible as the same
    study without training; when it cannot certify by the deadline, the latter is not swept.
Eligibility results are cached on the exact inputs from which the applicant at t is built.

Readings of docs/planner.md chosen here (beyond the pinned ones of CONTRACT.md):

R1  A target certificate in the file that is awaited (same/related, dated after as_of) cannot be
    sat again; the answer is its own month, with no exams (unreachable if after the horizon).
R2  File certificates block their level when same/related, whatever their date; an unrelated
    one never counts and does not stop the applicant from sitting that level.
R3  At month t a study or a training that starts at t counts before the exam of t (a programme
    of <= window months is graduating from its first month; a 0-month training is complete).
R4  A planned certificate is added to the applicant at t from its exam month on, dated
    exam + delay (an awaited fact, which counts from its own month, as in the file); the
    programme's certificate is added from the programme's start, dated at its graduation.
R5  Work before as_of is the file's same/related records, clipped to months < as_of; the plan's
    work months from as_of on are added as synthetic records, occupation ``same``.
R6  A file diploma still in progress with ``mode: part_time`` takes no work months; one with
    ``mode: full_time`` (the default) takes as_of <= m < graduation.
R7  The entry requirement of a programme looks at the file's diplomas only (one programme at
    most is planned); the planned diploma is added with major ``same`` and the programme's mode.
R8  The target certificate must be obtained by as_of + horizon (exam + delay); programme and
    training starts lie within the timeline, a graduation may lie beyond it (CONTRACT.md).
R9  Unreachable answers ``{"reachable": False, "certified": None, "months": None,
    "objective": None}``. Besides the contract keys, the result has ``plan``: one optimal plan
    (study id and start, training start, exams as [level, "YYYY-MM"]), or None.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from .eligibility import reference_check

LEVELS = (4, 3, 2, 1)
RELEVANT = frozenset({"same", "related"})
UPPER_SECONDARY = frozenset({"high_school", "equivalent"})
PREPARATORY = "preparatory_technician"
EVERY_MONTH = list(range(1, 13))
QUARTERLY = [3, 6, 9, 12]


def _programme(
    pid: str, kind: str, skill: str, mode: str, months: int, entry: str, cert: str | None
) -> dict[str, Any]:
    return {
        "id": pid,
        "kind": kind,
        "skill_target": skill,
        "mode": mode,
        "months": months,
        "entry": entry,
        "certificate": cert,
    }


DEFAULT_CATALOG: list[dict[str, Any]] = [
    _programme("technical_school", "technical_school", "intermediate", "full_time", 36,
               "not_none", None),
    _programme("junior_college_part_time", "junior_college", "none", "part_time", 30,
               "upper_secondary", None),
    _programme("higher_vocational", "higher_vocational", "advanced", "full_time", 36,
               "upper_secondary", None),
    _programme("advanced_technical_school", "advanced_technical_school", "advanced",
               "full_time", 36, "upper_secondary", None),
    _programme("technician_college_preparatory", "technician_college", "advanced", "full_time",
               48, "upper_secondary", PREPARATORY),
    _programme("higher_vocational_5yr", "higher_vocational", "advanced", "full_time", 60,
               "not_none", None),
    _programme("advanced_technical_school_5yr", "advanced_technical_school", "advanced",
               "full_time", 60, "not_none", None),
    _programme("technician_college_preparatory_6yr", "technician_college", "advanced",
               "full_time", 72, "not_none", PREPARATORY),
]

PLANNER_DEFAULTS: dict[str, Any] = {
    "horizon": 240,
    "certificate_delay": 2,
    "training_months": 1,
    "training_hours": 48,
    "assume_work": True,
    "allow_study": True,
    "allow_training": True,
    "exam_months": {4: EVERY_MONTH, 3: EVERY_MONTH, 2: QUARTERLY, 1: QUARTERLY},
    "catalog": DEFAULT_CATALOG,
}

# Exams sat so far: sorted tuple of (level, exam month index).
Exams = tuple[tuple[int, int], ...]
Objective = tuple[int, int, int, int, int]


def month_index(month: str) -> int:
    """Encode "YYYY-MM" as ``year * 12 + (month - 1)`` (CONTRACT.md)."""
    year, mon = str(month).split("-")
    return int(year) * 12 + (int(mon) - 1)


def month_str(index: int) -> str:
    """Decode a month index back to "YYYY-MM"."""
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


@dataclass(frozen=True)
class Programme:
    """One catalogue entry."""

    id: str
    kind: str
    skill_target: str
    full_time: bool
    months: int
    entry: str
    certificate: str | None

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Programme:
        """Validate and convert a catalogue entry of the contract's shape."""
        mode = d.get("mode", "full_time")
        entry = d.get("entry", "upper_secondary")
        cert = d.get("certificate")
        if mode not in ("full_time", "part_time"):
            raise ValueError(f"catalog entry {d.get('id')!r}: bad mode {mode!r}")
        if entry not in ("not_none", "upper_secondary"):
            raise ValueError(f"catalog entry {d.get('id')!r}: bad entry {entry!r}")
        if cert not in (None, PREPARATORY):
            raise ValueError(f"catalog entry {d.get('id')!r}: bad certificate {cert!r}")
        return cls(
            id=str(d["id"]),
            kind=str(d["kind"]),
            skill_target=str(d.get("skill_target") or "none"),
            full_time=mode == "full_time",
            months=int(d["months"]),
            entry=entry,
            certificate=cert,
        )


@dataclass(frozen=True)
class Env:
    """The non-exam choices of a plan: study (programme, start) and training start.

    ``relaxed`` marks the bound of P6: the programme's diploma graduated and its certificate
    held from as_of, and no work months lost.
    """

    programme: Programme | None = None
    study_start: int | None = None
    training_start: int | None = None
    relaxed: bool = False

    @property
    def study_months(self) -> int:
        """Months of new study counted by the objective (the programme's full length)."""
        return self.programme.months if self.programme else 0

    @property
    def trainings(self) -> int:
        """Number of training courses."""
        return 0 if self.training_start is None else 1


def merge_planner(planner: Mapping[str, Any] | None) -> dict[str, Any]:
    """PLANNER_DEFAULTS overridden by ``planner``; unknown keys are refused."""
    merged = dict(PLANNER_DEFAULTS)
    if planner:
        unknown = set(planner) - set(PLANNER_DEFAULTS)
        if unknown:
            raise ValueError(f"unknown planner parameter(s): {sorted(unknown)}")
        merged.update(planner)
    exam_months = {int(k): frozenset(int(m) for m in v) for k, v in merged["exam_months"].items()}
    for level in LEVELS:
        exam_months.setdefault(level, frozenset())
    merged["exam_months"] = exam_months
    return merged


class _Planner:
    """One planning question: the file, the parameters and the eligibility cache."""

    def __init__(
        self,
        applicant: Mapping[str, Any],
        target: int,
        params: Mapping[str, Any] | None,
        planner: Mapping[str, Any] | None,
    ) -> None:
        if target not in LEVELS:
            raise ValueError(f"target must be one of 1..4, not {target!r}")
        if not applicant.get("as_of"):
            raise ValueError("the applicant needs as_of")
        p = merge_planner(planner)
        self.params = dict(params) if params else None
        self.target = target
        self.as_of = month_index(applicant["as_of"])
        self.horizon = int(p["horizon"])
        self.end = self.as_of + self.horizon
        self.delay = int(p["certificate_delay"])
        self.training_months = int(p["training_months"])
        self.training_hours = int(p["training_hours"])
        self.allow_study = bool(p["allow_study"])
        self.allow_training = bool(p["allow_training"])
        self.exam_months: dict[int, frozenset[int]] = p["exam_months"]
        self.catalog = [Programme.from_dict(d) for d in p["catalog"]] if self.allow_study else []
        # Levels worth sitting: 4 .. target (CONTRACT.md).
        self.levels = tuple(level for level in LEVELS if level >= target)

        self.education: str = applicant["education"]
        self.file_diplomas = [dict(d) for d in applicant.get("diplomas") or []]
        self.file_trainings = [dict(d) for d in applicant.get("trainings") or []]
        self.file_certificates = [dict(d) for d in applicant.get("certificates") or []]
        records = [dict(r) for r in applicant.get("work") or []]
        self.past_work = self._clip_past(records)
        self.future_work = self._future_work(records, bool(p["assume_work"]))
        # R2: same/related file certificates block their level, whatever their date.
        self.file_blocked = frozenset(
            _level(c["level"]) for c in self.file_certificates if c["occupation"] in RELEVANT
        )
        self._cache: dict[tuple[Any, ...], frozenset[int]] = {}
        self._relaxed: dict[tuple[Programme, int], tuple[int | None, int | None]] = {}
        # Per training option: (states at the start of t, best target exam at t, states after t).
        self._prefix: dict[int | None, list[tuple[set[Exams], Exams | None, set[Exams]]]] = {}

    # --- the applicant as it stands at t ---------------------------------------------------

    def _clip_past(self, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """R5: the file's relevant records, clipped to months before as_of."""
        clipped = []
        for r in records:
            if r["occupation"] not in RELEVANT or month_index(r["start"]) >= self.as_of:
                continue
            end = r.get("end")
            last = self.as_of - 1 if end is None else min(month_index(end), self.as_of - 1)
            clipped.append(
                {"start": r["start"], "end": month_str(last), "occupation": r["occupation"]}
            )
        return clipped

    def _future_work(self, records: list[dict[str, Any]], assume_work: bool) -> list[bool]:
        """Whether month as_of + i is a work month without planned study (i = 0..horizon)."""
        busy_until = self.as_of  # R6: file full-time programmes in progress take the months
        for d in self.file_diplomas:
            if d.get("mode", "full_time") == "full_time":
                busy_until = max(busy_until, month_index(d["graduation"]))
        flags = []
        for m in range(self.as_of, self.end + 1):
            covered = assume_work or any(
                r["occupation"] in RELEVANT
                and month_index(r["start"]) <= m
                and (r.get("end") is None or m <= month_index(r["end"]))
                for r in records
            )
            flags.append(covered and m >= busy_until)
        return flags

    def _work_runs(self, t: int, cut: tuple[int, int] | None) -> list[dict[str, Any]]:
        """Synthetic records for the plan's work months in [as_of, t), less ``cut`` [a, b)."""
        runs: list[dict[str, Any]] = []
        start: int | None = None
        for m in range(self.as_of, t + 1):
            work = (
                m < t
                and self.future_work[m - self.as_of]
                and not (cut and cut[0] <= m < cut[1])
            )
            if work and start is None:
                start = m
            elif not work and start is not None:
                runs.append(
                    {"start": month_str(start), "end": month_str(m - 1), "occupation": "same"}
                )
                start = None
        return runs

    def applicant_at(
        self,
        t: int,
        diploma: tuple[str, str, int, str] | None,
        cut: tuple[int, int] | None,
        prep: int | None,
        training_done: int | None,
        exams: Exams,
    ) -> dict[str, Any]:
        """The applicant at month t, built from exactly the arguments (the cache key).

        ``diploma`` (kind, skill_target, graduation, mode) and ``prep`` (month of the programme's
        certificate) are given once the programme has started, ``cut`` is the interval of work
        months lost to full-time study, ``training_done`` the completion month of a training
        that has started, ``exams`` the exams sat before t.
        """
        diplomas = list(self.file_diplomas)
        if diploma is not None:
            kind, skill, graduation, mode = diploma
            diplomas.append(
                {"kind": kind, "major": "same", "skill_target": skill,
                 "graduation": month_str(graduation), "mode": mode}
            )
        trainings = list(self.file_trainings)
        if training_done is not None:
            trainings.append(
                {"hours": self.training_hours, "occupation": "same", "certificate": True,
                 "completed": month_str(training_done)}
            )
        certificates = list(self.file_certificates)
        certificates += [
            {"level": level, "occupation": "same", "obtained": month_str(month + self.delay)}
            for level, month in exams
        ]
        if prep is not None:
            certificates.append(
                {"level": PREPARATORY, "occupation": "same", "obtained": month_str(prep)}
            )
        return {
            "as_of": month_str(t),
            "education": self.education,
            "diplomas": diplomas,
            "work": self.past_work + self._work_runs(t, cut),
            "trainings": trainings,
            "certificates": certificates,
        }

    def eligible(self, t: int, env: Env, exams: Exams) -> frozenset[int]:
        """Levels the applicant is eligible for at month t (cached on the applicant's inputs)."""
        diploma = cut = prep = None
        prog = env.programme
        if prog is not None and env.relaxed:
            diploma = (prog.kind, prog.skill_target, self.as_of, "part_time")
            prep = self.as_of if prog.certificate else None
        elif prog is not None and env.study_start is not None and env.study_start <= t:
            s = env.study_start
            graduation = s + prog.months
            mode = "full_time" if prog.full_time else "part_time"
            diploma = (prog.kind, prog.skill_target, graduation, mode)
            prep = graduation if prog.certificate else None
            if prog.full_time and s < t and s < graduation:
                cut = (s, min(graduation, t))  # only months < t matter at t
        tr = env.training_start
        training_done = tr + self.training_months if tr is not None and tr <= t else None
        key = (t, diploma, cut, prep, training_done, exams)
        found = self._cache.get(key)
        if found is None:
            result = reference_check(
                self.applicant_at(t, diploma, cut, prep, training_done, exams), self.params
            )
            found = frozenset(e["level"] for e in result["levels"] if e["eligible"])
            self._cache[key] = found
        return found

    def sittable(self, t: int, env: Env, exams: Exams) -> list[int]:
        """Levels (4..target) that may be sat at t: exam month, eligible, not held or awaited."""
        calendar = t % 12 + 1
        sat = {level for level, _ in exams}
        candidates = [
            level
            for level in self.levels
            if calendar in self.exam_months[level]
            and level not in self.file_blocked
            and level not in sat
        ]
        if not candidates:
            return []
        elig = self.eligible(t, env, exams)
        return [level for level in candidates if level in elig]

    # --- the sweep over months -------------------------------------------------------------

    def step(self, t: int, env: Env, frontier: set[Exams]) -> tuple[set[Exams], Exams | None]:
        """Month t: every state waits or sits one exam.

        Returns the (dominance-pruned) states at the start of t + 1 and the best way to sit the
        target at t (fewest exams, then smallest sum of months), if any.
        """
        nxt = set(frontier)
        best: Exams | None = None
        target_ok = t + self.delay <= self.end
        for exams in frontier:
            for level in self.sittable(t, env, exams):
                new = tuple(sorted((*exams, (level, t))))
                if level == self.target:
                    if target_ok and (best is None or _cost(new) < _cost(best)):
                        best = new
                else:
                    nxt.add(new)  # P1: states that hold the target are not continued
        return _prune_dominated(nxt), best

    def prefix(self, training_start: int | None, t: int) -> tuple[set[Exams], Exams | None]:
        """P8: without study, the states at the start of month t and the best target exam at t.

        Computed once per training option and extended on demand.
        """
        rows = self._prefix.setdefault(training_start, [])
        env = Env(training_start=training_start)
        while len(rows) <= t - self.as_of:
            month = self.as_of + len(rows)
            frontier = rows[-1][2] if rows else {()}
            nxt, best = self.step(month, env, frontier)
            rows.append((frontier, best, nxt))
        frontier, best, _ = rows[t - self.as_of]
        return frontier, best

    def sweep(self, env: Env, start: int, frontier: set[Exams], deadline: int) -> Exams | None:
        """Earliest target exam (then fewest exams, then earliest) certifying by ``deadline``."""
        for t in range(start, deadline - self.delay + 1):
            frontier, best = self.step(t, env, frontier)
            if best is not None:
                return best  # P5: a later target exam certifies later
        return None

    # --- the search ------------------------------------------------------------------------

    def study_starts(self, prog: Programme) -> Iterator[int]:
        """Every allowed start month of ``prog`` within the timeline."""
        lo = self.as_of
        for d in self.file_diplomas:  # no earlier than programmes already in progress
            graduation = month_index(d["graduation"])
            if graduation > self.as_of:
                lo = max(lo, graduation)
        for s in range(lo, self.end + 1):
            if self.entry_ok(prog, s):
                yield s

    def entry_ok(self, prog: Programme, s: int) -> bool:
        """The programme's entry requirement at its start month s (file facts, R7)."""
        if prog.entry == "not_none":
            return self.education != "none" or bool(self.file_diplomas)
        return self.education in UPPER_SECONDARY or any(
            month_index(d["graduation"]) <= s for d in self.file_diplomas
        )

    def training_options(self, exhaustive: bool) -> list[int | None]:
        """P2: none or as_of (every start when exhaustive)."""
        if not self.allow_training:
            return [None]
        if exhaustive:
            return [None, *range(self.as_of, self.end + 1)]
        return [None, self.as_of]

    def relaxed_reaches(self, prog: Programme, start: int, limit: int) -> bool:
        """P6: can the relaxed programme, from the no-study states at ``start``, certify by
        ``limit``?

        The relaxed applicant (diploma graduated and programme certificate held from as_of, no
        lost work months, training at as_of when allowed) is at every month at least as eligible
        as with any real start s >= ``start`` and any training choice, and the no-study states at
        ``start`` (with the training at as_of) dominate every state a real plan can be in then
        (before s the real plan has no study). The answer is memoised as the earliest month found
        and the limit it was searched to.
        """
        key = (prog, start)
        searched, found = self._relaxed.get(key, (None, None))
        if found is not None:
            return found <= limit
        if searched is not None and searched >= limit:
            return False
        training = self.as_of if self.allow_training else None
        env = Env(programme=prog, training_start=training, relaxed=True)
        exams = self.sweep(env, start, self.prefix(training, start)[0], limit)
        month = None if exams is None else max(m for _, m in exams) + self.delay
        self._relaxed[key] = (limit, month)
        return month is not None

    def last_relaxed_start(
        self, prog: Programme, starts: list[int], lo: int, hi: int, limit: int
    ) -> int:
        """P6: the largest index i in [lo, hi] whose relaxed sweep from starts[i] certifies by
        ``limit`` (lo - 1 if none), by bisection.

        Bisection is exact because the relaxed earliest month never decreases with the start
        month: from an earlier start the relaxed applicant can copy whatever the no-study
        applicant does until the later start (it is at least as eligible), reaching a state that
        dominates the later start's state.
        """
        while lo <= hi:
            mid = (lo + hi) // 2
            if self.relaxed_reaches(prog, starts[mid], limit):
                lo = mid + 1
            else:
                hi = mid - 1
        return hi

    def solve(self) -> tuple[Objective, Env, Exams] | None:
        """The optimum over every plan, with the prunings P1..P9."""
        best: tuple[Objective, Env, Exams] | None = None

        def deadline(env: Env) -> int:
            # P5: fewer-or-equal study months may tie the best month; more must beat it.
            if best is None:
                return self.end
            (certified, study, *_), _, _ = best
            return certified if env.study_months <= study else certified - 1

        def offer(env: Env, exams: Exams | None) -> None:
            nonlocal best
            if exams is None:
                return
            objective = self.objective(env, exams)
            if best is None or objective < best[0]:
                best = (objective, env, exams)

        trainings = self.training_options(exhaustive=False)
        for tr in trainings:
            env = Env(training_start=tr)
            limit = deadline(env)
            for t in range(self.as_of, limit - self.delay + 1):
                _, found = self.prefix(tr, t)
                if found is not None:
                    offer(env, found)
                    break

        for prog in sorted(self.catalog, key=lambda p: p.months):
            starts = list(self.study_starts(prog))
            if not prog.full_time:
                starts = starts[:1]  # P3
            last, last_limit = len(starts) - 1, None
            for i, s in enumerate(starts):
                limit = deadline(Env(programme=prog))  # the same for both training options
                if s > limit - self.delay:  # P4 (starts increase, the limit never grows)
                    break
                if limit != last_limit:  # P6: the last start whose relaxed sweep can make it
                    last = self.last_relaxed_start(prog, starts, i, last, limit)
                    last_limit = limit
                if i > last:
                    break
                # P9: the training at as_of first; if even it cannot certify by the deadline,
                # neither can the same study without training (it is less eligible).
                for tr in reversed(trainings):
                    env = Env(programme=prog, study_start=s, training_start=tr)
                    limit = deadline(env)
                    if s > limit - self.delay:
                        break
                    found = self.sweep(env, s, self.prefix(tr, s)[0], limit)
                    if found is None:
                        break
                    offer(env, found)
        return best

    def objective(self, env: Env, exams: Exams) -> Objective:
        """The five priorities of docs/planner.md, in order, for one plan."""
        return (max(month for _, month in exams) + self.delay, env.study_months, len(exams),
                env.trainings, sum(month for _, month in exams))

    def solve_exhaustive(self) -> tuple[Objective, Env, Exams] | None:
        """Every plan, no pruning but P1 (slow: for tiny cases only)."""
        best: tuple[Objective, Env, Exams] | None = None
        studies: list[tuple[Programme | None, int | None]] = [(None, None)]
        for prog in self.catalog:
            studies += [(prog, s) for s in self.study_starts(prog)]
        for prog, s in studies:
            for tr in self.training_options(exhaustive=True):
                env = Env(programme=prog, study_start=s, training_start=tr)
                for exams in self._schedules(env, self.as_of, ()):
                    objective = self.objective(env, exams)
                    if best is None or objective < best[0]:
                        best = (objective, env, exams)
        return best

    def _schedules(self, env: Env, t: int, exams: Exams) -> Iterator[Exams]:
        """Every exam schedule from month t on that ends with the target exam (P1)."""
        if t > self.end:
            return
        for level in self.sittable(t, env, exams):
            new = tuple(sorted((*exams, (level, t))))
            if level == self.target:
                if t + self.delay <= self.end:
                    yield new
            else:
                yield from self._schedules(env, t + 1, new)
        yield from self._schedules(env, t + 1, exams)

    # --- the answer ------------------------------------------------------------------------

    def file_target(self) -> int | None:
        """Month of the earliest counting target certificate of the file, if any."""
        months = [
            month_index(c["obtained"])
            for c in self.file_certificates
            if _level(c["level"]) == self.target and c["occupation"] in RELEVANT
        ]
        return min(months) if months else None

    def answer(self, exhaustive: bool) -> dict[str, Any]:
        """The result document of CONTRACT.md (plus ``plan``)."""
        held = self.file_target()
        if held is not None:  # held at as_of, or awaited (R1): no exam of the target level
            if held <= self.as_of:
                return _result(self.as_of, self.as_of, (self.as_of, 0, 0, 0, 0), _no_plan())
            if held <= self.end:
                return _result(self.as_of, held, (held, 0, 0, 0, 0), _no_plan())
            return _result(self.as_of, None, None, None)
        found = self.solve_exhaustive() if exhaustive else self.solve()
        if found is None:
            return _result(self.as_of, None, None, None)
        objective, env, exams = found
        plan = {
            "study": env.programme.id if env.programme else None,
            "study_start": None if env.study_start is None else month_str(env.study_start),
            "training_start": (
                None if env.training_start is None else month_str(env.training_start)
            ),
            "exams": [[level, month_str(month)] for level, month in sorted(exams, key=_by_month)],
        }
        return _result(self.as_of, objective[0], objective, plan)


def _level(level: Any) -> int | str:
    """Certificate level as int 4..1 or the string "preparatory_technician"."""
    if isinstance(level, str) and level.isdigit():
        return int(level)
    return level


def _by_month(exam: tuple[int, int]) -> int:
    return exam[1]


def _cost(exams: Exams) -> tuple[int, int]:
    """Tie-break among target exams in one month and environment: exams, then month sum."""
    return len(exams), sum(month for _, month in exams)


def _prune_dominated(states: set[Exams]) -> set[Exams]:
    """P7: keep, per set of levels sat, the states not dominated month-by-month."""
    groups: dict[tuple[int, ...], list[Exams]] = {}
    for state in states:
        groups.setdefault(tuple(level for level, _ in state), []).append(state)
    kept: set[Exams] = set()
    for group in groups.values():
        for state in group:
            dominated = any(
                other != state and all(o[1] <= m[1] for o, m in zip(other, state, strict=True))
                for other in group
            )
            if not dominated:
                kept.add(state)
    return kept


def _no_plan() -> dict[str, Any]:
    return {"study": None, "study_start": None, "training_start": None, "exams": []}


def _result(
    as_of: int, certified: int | None, objective: Objective | None, plan: dict[str, Any] | None
) -> dict[str, Any]:
    if certified is None or objective is None:
        return {"reachable": False, "certified": None, "months": None, "objective": None,
                "plan": None}
    return {
        "reachable": True,
        "certified": month_str(certified),
        "months": certified - as_of,
        "objective": list(objective),
        "plan": plan,
    }


def reference_plan(
    applicant: dict,
    target: int = 1,
    params: dict | None = None,
    planner: dict | None = None,
    *,
    exhaustive: bool = False,
) -> dict:
    """The optimal objective of the fastest path to ``target`` (CONTRACT.md).

    ``params`` are the rule parameters of docs/rules.md (passed to ``reference_check``), ``planner``
    overrides PLANNER_DEFAULTS. Returns ``{"reachable", "certified", "months", "objective",
    "plan"}``. ``exhaustive=True`` enumerates every plan without the prunings P2..P8 (tiny
    cases only; used to cross-check them).
    """
    return _Planner(applicant, target, params, planner).answer(exhaustive)

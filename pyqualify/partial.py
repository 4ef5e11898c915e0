"""Facts a person is not sure of (docs/partial.md): verdicts over the completions.

A file may say ``unknown`` for the eight fields of :data:`pyqualify.applicant.UNKNOWN_FIELDS`.
Which levels are eligible in every and in some completion is judged by the rules on the
least favourable and the most favourable completions, whose readings ``logic/partial.lp``
and ``logic/verdicts.lp`` name (the rules are monotone in the readings, which the tests
check for every route); what a level that depends depends on is asked of the rules as a
search over the readings (``logic/depends.lp``: a choice of readings, brave consequences).
The least favourable completion is also the applicant whose opens, shortfall, materials and
plan hold whatever the answers are.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

from .applicant import EDUCATIONS, MODES, OCCUPATIONS, SKILL_TARGETS, UNKNOWN, Applicant
from .asp import Part, Program, add_applicant, add_file
from .levels import LEVELS

# The kind of readings of each field that may be unknown (logic/partial.lp, written/4).
FIELD_KIND = {"education": "education", "major": "occupation", "skill_target": "skill_target",
              "mode": "mode", "occupation": "occupation", "certificate": "certificate"}
# The readings of each kind, in the order of the file's enumerations (logic/partial.lp's
# reading/2 says the same; a test compares them).
READINGS: dict[str, tuple[str, ...]] = {
    "education": EDUCATIONS, "occupation": OCCUPATIONS, "skill_target": SKILL_TARGETS,
    "mode": MODES, "certificate": ("true", "false")}


@cache
def _readings(name: str, predicate: str) -> dict[str, str | bool]:
    """Kind of field -> a reading, as the facts ``predicate/2`` of ``logic/<name>.lp`` say
    (the certificate's as a bool)."""
    program = Program(name)
    program.ground()
    return {kind: value == "true" if kind == "certificate" else value
            for kind, value in program.atoms(predicate, 2)}


def least_readings() -> dict[str, str | bool]:
    """Kind of field -> its least favourable reading (``least_favourable/2`` of
    logic/partial.lp)."""
    return _readings("partial", "least_favourable")


@cache
def best_skills() -> tuple[str, ...]:
    """The skill targets a most favourable completion may read (``best_skill/1`` of
    logic/verdicts.lp)."""
    program = Program("verdicts")
    program.ground()
    return tuple(value for (value,) in program.atoms("best_skill", 1))


def least_favourable(applicant: Applicant) -> Applicant:
    """The applicant with every unknown read least favourably (itself when none is)."""
    return _completed(applicant, least_readings())


def most_favourable(applicant: Applicant) -> list[Applicant]:
    """The most favourable completions (logic/verdicts.lp): every unknown read as
    ``most_favourable/2`` says, a skill target as each :func:`best_skills` (only the first
    when no skill target is unknown)."""
    best = _readings("verdicts", "most_favourable")
    unsure_skill = any(d.skill_target == UNKNOWN for d in applicant.diplomas)
    skills = best_skills() if unsure_skill else best_skills()[:1]
    return [_completed(applicant, {**best, "skill_target": skill}) for skill in skills]


def _completed(applicant: Applicant, readings: dict[str, str | bool]) -> Applicant:
    """The applicant with every unknown read as ``readings`` (kind -> reading) says."""
    if not applicant.unknowns():
        return applicant

    def read(value: object, field: str) -> object:
        return readings[FIELD_KIND[field]] if value == UNKNOWN else value

    return replace(
        applicant,
        education=read(applicant.education, "education"),  # type: ignore[arg-type]
        diplomas=tuple(replace(d, major=read(d.major, "major"),
                               skill_target=read(d.skill_target, "skill_target"),
                               mode=read(d.mode, "mode")) for d in applicant.diplomas),
        work=tuple(replace(w, occupation=read(w.occupation, "occupation"))
                   for w in applicant.work),
        trainings=tuple(replace(t, occupation=read(t.occupation, "occupation"),
                                certificate=read(t.certificate, "certificate"))
                        for t in applicant.trainings),
        certificates=tuple(replace(c, occupation=read(c.occupation, "occupation"))
                           for c in applicant.certificates))


def field_path(term: tuple[str, int, str] | str) -> str:
    """A field as logic/partial.lp names it (``work(0, occupation)`` read as
    ``("work", 0, "occupation")``, or ``education``) as the file's path
    (``work[0].occupation``)."""
    if isinstance(term, str):
        return term
    record, index, name = term
    section = {"diploma": "diplomas", "work": "work", "training": "trainings",
               "certificate": "certificates"}[record]
    return f"{section}[{index}].{name}"


# --- verdicts over every completion -----------------------------------------------------

@dataclass(frozen=True)
class Dependence:
    """One field a level that depends depends on: the readings that admit (with the
    others of a minimal deciding set) and the routes that then admit."""

    field: str
    admits_if: tuple[str | bool, ...]
    routes: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {"field": self.field, "admits_if": list(self.admits_if),
                "routes": list(self.routes)}


@dataclass
class FileVerdicts:
    """What every and some completion of one file say (the levels and routes)."""

    unknowns: tuple[str, ...]
    sure: set[int] = field(default_factory=set)          # eligible in every completion
    possible: set[int] = field(default_factory=set)      # eligible in some completion
    sure_routes: set[str] = field(default_factory=set)   # admit in every completion
    possible_routes: set[str] = field(default_factory=set)
    held: set[Any] = field(default_factory=set)          # held in every completion
    education_ok: bool = False                           # met in every completion
    depends_on: dict[int, list[Dependence]] = field(default_factory=dict)


class Unknowns:
    """The files with unknown facts among the applicants of one grounding (a program of
    ``logic/check.lp``).

    The caller adds a file's least favourable completion under the file's key; :meth:`ask`
    adds its most favourable completions (``best0_KEY``, ``best1_KEY``) beside it;
    :meth:`solve` takes the one model of the grounding: a level is eligible in every
    completion when the least favourable one is, in some when a most favourable one is
    (logic/verdicts.lp).  For the files with a level that depends it then asks
    ``logic/depends.lp`` for the minimal deciding sets, :data:`GROUP` files to a grounding
    and a search; it returns the atoms of the applicants.
    :meth:`verdicts` tells a file's.
    """

    def __init__(self, constants: dict[str, Any] | None = None) -> None:
        self._files: dict[int, FileVerdicts] = {}
        self._applicants: dict[int, tuple[Applicant, int]] = {}
        self._best: dict[str, int] = {}     # a most favourable completion -> its file
        self._constants = dict(constants or {})

    def ask(self, program: Program, key: int, applicant: Applicant, as_of: int) -> None:
        unknowns = applicant.unknowns()
        if unknowns:
            for n, best in enumerate(most_favourable(applicant)):
                name = f"best{n}_{key}"
                add_applicant(program, name, best, as_of)
                program.fact("completion", name)
                self._best[name] = key
            self._files[key] = FileVerdicts(unknowns)
            self._applicants[key] = (applicant, as_of)

    def verdicts(self, key: int) -> FileVerdicts | None:
        return self._files.get(key)

    def solve(self, program: Program) -> list[Part]:
        """The applicants' atoms (of the grounding's one model)."""
        parts = program.first()
        if not self._files:
            return parts
        own: list[Part] = []
        for part in parts:
            name, key, rest = part
            if key.__class__ is str and key in self._best:
                self._note(self._files[self._best[key]], name, rest, sure=False)
                continue
            own.append(part)
            if key in self._files:
                self._note(self._files[key], name, rest, sure=True)
        self._deciding_sets()
        return own

    @staticmethod
    def _note(file: FileVerdicts, name: str, rest: tuple[Any, ...], *, sure: bool) -> None:
        if name == "eligible":
            (file.sure if sure else file.possible).add(rest[0])
        elif name == "admits":
            (file.sure_routes if sure else file.possible_routes).add(rest[0])
        elif name == "holds" and sure:
            file.held.add(rest[0])
        elif name == "education_ok" and sure:
            file.education_ok = True

    def _deciding_sets(self) -> None:
        """The minimal deciding sets of every level that depends: for a few files at a
        time, one grounding of ``logic/depends.lp`` and one solve for the brave consequences
        (each field's readings and routes in some minimal set, by level)."""
        waiting = [key for key, file in self._files.items()
                   if any(level in file.possible and level not in file.sure
                          for level in LEVELS)]
        for start in range(0, len(waiting), GROUP):
            group = waiting[start:start + GROUP]
            program = Program("depends", self._constants)
            for key in group:
                add_file(program, key, *self._applicants[key])
                file = self._files[key]
                for level in file.possible - file.sure:
                    program.fact("depends", key, level)
            program.ground()
            self._decided(program, group)

    def _decided(self, program: Program, keys: list[int]) -> None:
        found = program.solve(models=0, enum_mode="brave")
        readings: dict[tuple[int, int, str], set[Any]] = {}
        routes: dict[tuple[int, int, str], set[str]] = {}
        for name, key, (level, term, value) in found.last or []:
            place = (key, level, field_path(term))
            if name == "decides":
                readings.setdefault(place, set()).add(value)
            else:  # decides_by
                routes.setdefault(place, set()).add(value)
        for key in keys:
            file = self._files[key]
            for level in file.possible - file.sure:
                file.depends_on[level] = [
                    Dependence(path, _in_order(path, readings[(key, level, path)]),
                               tuple(sorted(routes.get((key, level, path), ()))))
                    for path in file.unknowns if (key, level, path) in readings]


# Files whose deciding sets share one grounding of logic/depends.lp (and one search): of 8
# to 128, 32 and 64 were the fastest on 1,600 synthetic files with 1-3 unknowns (8: 1.6x,
# 16: 1.15x, 128: 1.4x the time of 64; the search grows faster than the files past 64).
GROUP = 32

def _in_order(path: str, readings: set[Any]) -> tuple[str | bool, ...]:
    """A field's readings in the order of its enumeration (a certificate's as bools)."""
    name = path.rsplit(".", 1)[-1]
    order = READINGS[FIELD_KIND[name]]
    shown = [value for value in order if value in readings]
    if FIELD_KIND[name] == "certificate":
        return tuple(value == "true" for value in shown)
    return tuple(shown)


def reading_value(path: str, value: str) -> str | bool:
    """A reading as the file writes it (a training certificate's as a bool)."""
    return value == "true" if FIELD_KIND[path.rsplit(".", 1)[-1]] == "certificate" else value

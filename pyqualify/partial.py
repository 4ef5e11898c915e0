"""Facts a person is not sure of (docs/partial.md): the least favourable completion.

A file may say ``unknown`` for the eight fields of :data:`pyqualify.applicant.UNKNOWN_FIELDS`.
Which levels are eligible in some or in every completion, and what a level that depends
depends on, is asked of the rules themselves (``logic/partial.lp``, ``logic/deciding.lp``:
the readings as a choice, brave and cautious consequences).  Python only makes the *least
favourable completion*, the file with every unknown read as ``logic/partial.lp``'s
``least_favourable/2`` says: the applicant whose opens, shortfall, materials and plan hold
whatever the answers are.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

from .applicant import EDUCATIONS, MODES, OCCUPATIONS, SKILL_TARGETS, UNKNOWN, Applicant
from .asp import Part, Program, add_file, atom
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
def least_readings() -> dict[str, str | bool]:
    """Kind of field -> its least favourable reading (``least_favourable/2`` of
    logic/partial.lp; the certificate's as a bool)."""
    program = Program("partial")
    program.ground()
    found: dict[str, str | bool] = {}
    for kind, value in program.atoms("least_favourable", 2):
        found[kind] = value == "true" if kind == "certificate" else value
    return found


def least_favourable(applicant: Applicant) -> Applicant:
    """The applicant with every unknown read least favourably (itself when none is)."""
    if not applicant.unknowns():
        return applicant
    low = least_readings()

    def read(value: object, field: str) -> object:
        return low[FIELD_KIND[field]] if value == UNKNOWN else value

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
    ``logic/check.lp``, which includes partial.lp and deciding.lp).

    :meth:`ask` adds a file as written beside the applicant that the caller adds for it
    (its least favourable completion, under the same key); :meth:`solve` solves the
    grounding, for the brave and the cautious consequences when there are such files, and
    then, for each level that depends, for its minimal deciding sets; it returns the
    atoms of the applicants (the same in every model).  :meth:`verdicts` tells a file's.
    """

    def __init__(self) -> None:
        self._files: dict[int, FileVerdicts] = {}

    def ask(self, program: Program, key: int, applicant: Applicant, as_of: int) -> None:
        unknowns = applicant.unknowns()
        if unknowns:
            add_file(program, key, applicant, as_of)
            self._files[key] = FileVerdicts(unknowns)

    def verdicts(self, key: int) -> FileVerdicts | None:
        return self._files.get(key)

    def solve(self, program: Program) -> list[Part]:
        """The applicants' atoms (the model's, every model's when files are asked)."""
        if not self._files:
            return program.first()
        brave = program.solve(models=0, enum_mode="brave").last or []
        cautious = program.solve(models=0, enum_mode="cautious").last or []
        own: list[Part] = []
        for part in brave:
            name, key, rest = part
            if key.__class__ is tuple:
                if key[0] == "some":
                    self._note(self._files[key[1]], name, rest, sure=False)
            elif name not in _DECIDING:
                own.append(part)
        for name, key, rest in cautious:
            if key.__class__ is tuple and key[0] == "some":
                self._note(self._files[key[1]], name, rest, sure=True)
        self._deciding_sets(program)
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

    def _deciding_sets(self, program: Program) -> None:
        """For each level, one solve for the minimal deciding sets of every file whose
        verdict at that level depends (their brave consequences: each field's readings
        and routes in some minimal set)."""
        for level in LEVELS:
            keys = [key for key, file in self._files.items()
                    if level in file.possible and level not in file.sure]
            if not keys:
                continue
            found = program.solve(models=0, enum_mode="brave",
                                  externals=[atom("deciding", key, level) for key in keys])
            readings: dict[tuple[int, str], set[Any]] = {}
            routes: dict[tuple[int, str], set[str]] = {}
            for name, key, rest in found.last or []:
                if name == "decides" and rest[0] == level:
                    readings.setdefault((key, field_path(rest[1])), set()).add(rest[2])
                elif name == "decides_by" and rest[0] == level:
                    routes.setdefault((key, field_path(rest[1])), set()).add(rest[2])
            for key in keys:
                file = self._files[key]
                file.depends_on[level] = [
                    Dependence(path, _in_order(path, readings[(key, path)]),
                               tuple(sorted(routes.get((key, path), ()))))
                    for path in file.unknowns if (key, path) in readings]


_DECIDING = frozenset(("decides", "decides_by"))


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

"""An applicant's records as the input facts of ``logic/state.lp`` (or, for a file with
unknown facts, of ``logic/partial.lp``).

The applicant is named by a key, a number or a name chosen by the caller (one program may
hold many applicants); every value is a symbol, never program text."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..applicant import Applicant
from .program import Program

# The names of the record facts: an applicant's (state.lp), a file's as written (partial.lp).
APPLICANT_FACTS = ("diploma_record", "work_record", "training_record", "certificate_record")
FILE_FACTS = ("file_diploma", "file_work", "file_training", "file_certificate")


def add_applicant(program: Program, key: int | str, applicant: Applicant, as_of: int) -> None:
    """``applicant(K)``, ``as_of(K, M)``, ``education_record(K, E)`` and one fact per record
    (state.lp lists them), the applicant named ``key``."""
    program._shared_fact("applicant", key)        # a batch's keys 0, 1, 2, ...: the same
    program._shared_fact("as_of", key, as_of)     # facts in every chunk
    program._shared_fact("education_record", key, applicant.education)
    _records(program.fact, key, applicant, APPLICANT_FACTS)


def add_file(program: Program, key: int | str, applicant: Applicant, as_of: int) -> None:
    """The file as written, ``unknown`` where the person is not sure (partial.lp lists the
    facts), named ``key``: its completions are asked for by the caller."""
    program.fact("file_as_of", key, as_of)
    program.fact("file_education", key, applicant.education)
    _records(program.fact, key, applicant, FILE_FACTS)


def _records(fact: Callable[..., Any], key: int | str, applicant: Applicant,
             names: tuple[str, str, str, str]) -> None:
    diploma, work, training, certificate = names
    for i, d in enumerate(applicant.diplomas):
        fact(diploma, key, i, d.kind, d.major, d.skill_target, d.graduation, d.mode)
    for i, w in enumerate(applicant.work):
        fact(work, key, i, w.start, "ongoing" if w.end is None else w.end, w.occupation)
    for i, t in enumerate(applicant.trainings):
        fact(training, key, i, t.hours, t.occupation,
             t.certificate if t.certificate.__class__ is str else
             "true" if t.certificate else "false", t.completed)
    for i, c in enumerate(applicant.certificates):
        fact(certificate, key, i, c.level, c.occupation, c.obtained)

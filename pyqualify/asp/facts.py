"""An applicant's records as the input facts of ``logic/state.lp``.

The applicant is named by a key, a number or a name chosen by the caller (one program may
hold many applicants); every value is a symbol, never program text."""

from __future__ import annotations

from ..applicant import Applicant
from .program import Program


def add_applicant(program: Program, key: int | str, applicant: Applicant, as_of: int) -> None:
    """``applicant(K)``, ``as_of(K, M)``, ``education_record(K, E)`` and one fact per record
    (state.lp lists them), the applicant named ``key``."""
    fact = program.fact
    program._shared_fact("applicant", key)        # a batch's keys 0, 1, 2, ...: the same
    program._shared_fact("as_of", key, as_of)     # facts in every chunk
    program._shared_fact("education_record", key, applicant.education)
    for i, d in enumerate(applicant.diplomas):
        fact("diploma_record", key, i, d.kind, d.major, d.skill_target, d.graduation, d.mode)
    for i, w in enumerate(applicant.work):
        fact("work_record", key, i, w.start, "ongoing" if w.end is None else w.end,
             w.occupation)
    for i, t in enumerate(applicant.trainings):
        fact("training_record", key, i, t.hours, t.occupation,
             "true" if t.certificate else "false", t.completed)
    for i, c in enumerate(applicant.certificates):
        fact("certificate_record", key, i, c.level, c.occupation, c.obtained)

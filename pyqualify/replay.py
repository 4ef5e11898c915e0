"""The applicant as they will stand at a month of a plan (for checks and explanations).

A plan is replayed by adding its facts to the applicant's file: the planned
diploma (from its start), training record and certificates, and the work months
from as_of on that docs/planner.md says are worked.  ``check`` on that applicant at
month t answers "eligible at t?" independently of the planner's encoding.
"""

from __future__ import annotations

from dataclasses import replace

from . import timeline
from .applicant import Applicant, Certificate, Diploma, Training, Work
from .options import PlannerOptions, Programme


def applicant_at(applicant: Applicant, as_of: int, month: int, options: PlannerOptions, *,
                 study: tuple[Programme, int] | None = None, training_start: int | None = None,
                 exams: tuple[tuple[int, int], ...] = ()) -> Applicant:
    """The applicant at ``month`` (>= as_of) after the plan's steps."""
    diplomas = list(applicant.diplomas)
    certificates = list(applicant.certificates)
    trainings = list(applicant.trainings)
    if study is not None:
        programme, start = study
        graduation = start + programme.months
        if start <= month:
            diplomas.append(Diploma(programme.kind, "same", graduation, programme.skill_target,
                                    programme.mode))
            if programme.certificate:
                certificates.append(Certificate(programme.certificate, "same", graduation))
    if training_start is not None:
        trainings.append(Training(options.training_hours, "same", True,
                                  training_start + options.training_months))
    for exam_month, level in exams:
        if exam_month < month:
            certificates.append(Certificate(level, "same",
                                            exam_month + options.certificate_delay))

    work = [replace(w, end=as_of - 1 if w.end is None or w.end >= as_of else w.end)
            for w in applicant.work if w.start < as_of]
    work += [Work(first, last, "same") for first, last in
             planned_work(applicant, as_of, month, options, study)]
    return replace(applicant, as_of=month, diplomas=tuple(diplomas), work=tuple(work),
                   trainings=tuple(trainings), certificates=tuple(certificates))


def planned_work(applicant: Applicant, as_of: int, until: int, options: PlannerOptions,
                 study: tuple[Programme, int] | None = None) -> list[tuple[int, int]]:
    """The months m, as_of <= m < until, that a plan counts as relevant work (docs/planner.md,
    rule 1: :func:`pyqualify.timeline.worked`), as runs; ``study``: the plan's programme."""
    school = None
    if study is not None and study[0].mode == "full_time":
        programme, start = study
        school = (start, start + programme.months - 1)
    return timeline.worked(applicant, as_of, until - 1, assume_work=options.assume_work,
                           study=school)

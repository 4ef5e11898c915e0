"""The applicant as they will stand at a month of a plan (for checks and explanations).

A plan is replayed by adding its facts to the applicant's file: the planned
diploma (from its start), training record and certificates, and the work months
from as_of on that PLANNER.md says are worked.  ``check`` on that applicant at
month t answers "eligible at t?" independently of the planner's encoding.
"""

from __future__ import annotations

from dataclasses import replace

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

    worked = set(planned_work_months(applicant, as_of, month, options, study))
    work = [replace(w, end=as_of - 1 if w.end is None or w.end >= as_of else w.end)
            for w in applicant.work if w.start < as_of]
    run_start = None
    for m in range(as_of, month + 1):
        if m in worked:
            run_start = m if run_start is None else run_start
        elif run_start is not None:
            work.append(Work(run_start, m - 1, "same"))
            run_start = None
    return replace(applicant, as_of=month, diplomas=tuple(diplomas), work=tuple(work),
                   trainings=tuple(trainings), certificates=tuple(certificates))


def planned_work_months(applicant: Applicant, as_of: int, until: int, options: PlannerOptions,
                        study: tuple[Programme, int] | None = None) -> list[int]:
    """The months m, as_of <= m < until, that a plan counts as relevant work (PLANNER.md):
    not spent in a full-time programme (the file's in progress, or the planned one), and
    either assume_work is on or a same/related record of the file covers m."""
    school = [(as_of, d.graduation) for d in applicant.diplomas
              if d.graduation > as_of and d.mode == "full_time"]
    if study is not None and study[0].mode == "full_time":
        programme, start = study
        school.append((start, start + programme.months))

    def worked(m: int) -> bool:
        if any(first <= m < end for first, end in school):
            return False
        return options.assume_work or any(
            w.occupation != "unrelated" and w.start <= m and (w.end is None or m <= w.end)
            for w in applicant.work)

    return [m for m in range(as_of, until) if worked(m)]

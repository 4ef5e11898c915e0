"""Realistic synthetic applicants, seeded, for benchmarks, notebooks and tests.

The mix (each draw independent unless said):

* education: high_school 55 %, equivalent 12 %, junior_middle 28 %, none 5 %;
* diplomas: none 35 %, one 55 %, two 10 %; kinds weighted towards 大专 and 本科
  (junior_college 24, bachelor 22, higher_vocational 14, secondary_vocational 12,
  technical_school 9, technician_college 7, advanced_technical_school 6, master 5,
  doctorate 1); major same 30 %, related 40 %, unrelated 30 %; a programme trains
  intermediate skills (secondary kinds) or advanced skills (higher vocational and
  技工院校) half the time; graduation from 15 years before as_of to 2 years after,
  one in six still studying, part-time for a quarter of the 大专 students;
* work: a career from the last graduation (or 0-10 years back), one to three jobs
  one after another with gaps of 0-6 months, the last still going on 75 % of the
  time; each job same 45 %, related 35 %, unrelated 20 %;
* training: one course in a fifth of the careers (30-60 hours, 80 % certified);
* certificates: a ladder climbed by some of those who work: level 4 for 35 %,
  then level 3 for 45 % of those, level 2 for 40 % of those, level 1 for 25 %;
  technician-college graduates hold the preparatory technician certificate half
  the time.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator

from .applicant import Applicant, Certificate, Diploma, Training, Work
from .months import parse_month

KIND_WEIGHTS = {
    "junior_college": 24, "bachelor": 22, "higher_vocational": 14, "secondary_vocational": 12,
    "technical_school": 9, "technician_college": 7, "advanced_technical_school": 6,
    "master": 5, "doctorate": 1,
}
SECONDARY = {"technical_school", "secondary_vocational"}
ADVANCED = {"higher_vocational", "advanced_technical_school", "technician_college"}


def synthetic_applicants(n: int, *, seed: int = 0, as_of: str = "2026-11") -> list[Applicant]:
    """``n`` applicants drawn from the mix above; the same seed gives the same people."""
    return list(iter_synthetic(n, seed=seed, as_of=as_of))


def iter_synthetic(n: int, *, seed: int = 0, as_of: str = "2026-11") -> Iterator[Applicant]:
    """The same applicants as :func:`synthetic_applicants`, one at a time."""
    rng = random.Random(seed)
    now = parse_month(as_of)
    for i in range(n):
        yield _one(rng, now, f"S-{seed}-{i:05d}")


def synthetic_lines(n: int, *, seed: int = 0, as_of: str = "2026-11") -> Iterator[str]:
    """The applicants as JSON Lines text (``pyqualify synth``), one line at a time."""
    for applicant in iter_synthetic(n, seed=seed, as_of=as_of):
        yield json.dumps(applicant.to_dict(), ensure_ascii=False)


def _pick(rng: random.Random, weights: dict[str, float]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _one(rng: random.Random, now: int, ident: str) -> Applicant:
    education = _pick(rng, {"high_school": 55, "equivalent": 12, "junior_middle": 28,
                            "none": 5})
    diplomas = [_diploma(rng, now) for _ in range(rng.choices([0, 1, 2], [35, 55, 10])[0])]
    graduated = [d.graduation for d in diplomas if d.graduation <= now]
    career_start = (max(graduated) + rng.randint(0, 6) if graduated
                    else now - rng.randint(0, 120))
    work = _career(rng, now, career_start)
    trainings = []
    if work and rng.random() < 0.2:
        trainings.append(Training(hours=rng.randint(30, 60),
                                  occupation=_pick(rng, {"same": 70, "related": 30}),
                                  certificate=rng.random() < 0.8,
                                  completed=rng.randint(career_start, now)))
    certificates = _ladder(rng, now, career_start) if work else []
    if any(d.kind == "technician_college" and d.graduation <= now for d in diplomas) and (
            rng.random() < 0.5):
        grad = max(d.graduation for d in diplomas if d.kind == "technician_college")
        certificates.append(Certificate("preparatory_technician", "same", grad))
    return Applicant(education=education, id=ident, as_of=now, diplomas=tuple(diplomas),
                     work=tuple(work), trainings=tuple(trainings),
                     certificates=tuple(certificates))


def _diploma(rng: random.Random, now: int) -> Diploma:
    kind = _pick(rng, KIND_WEIGHTS)
    skill = "none"
    if rng.random() < 0.5:
        skill = ("intermediate" if kind in SECONDARY
                 else "advanced" if kind in ADVANCED else "none")
    studying = rng.random() < 1 / 6
    graduation = now + rng.randint(1, 24) if studying else now - rng.randint(0, 180)
    mode = "part_time" if studying and kind == "junior_college" and rng.random() < 0.25 \
        else "full_time"
    return Diploma(kind=kind, major=_pick(rng, {"same": 30, "related": 40, "unrelated": 30}),
                   graduation=graduation, skill_target=skill, mode=mode)


def _career(rng: random.Random, now: int, start: int) -> list[Work]:
    jobs: list[Work] = []
    month = start
    for index in range(rng.choices([0, 1, 2, 3], [10, 45, 30, 15])[0]):
        if month >= now:
            break
        occupation = _pick(rng, {"same": 45, "related": 35, "unrelated": 20})
        last = index == 2 or rng.random() < 0.4
        if last and rng.random() < 0.75:
            jobs.append(Work(month, None, occupation))
            break
        end = min(now - 1, month + rng.randint(6, 60))
        jobs.append(Work(month, end, occupation))
        month = end + 1 + rng.randint(0, 6)
    return jobs


def _ladder(rng: random.Random, now: int, start: int) -> list[Certificate]:
    certificates: list[Certificate] = []
    month = start + rng.randint(12, 40)
    for level, chance in ((4, 0.35), (3, 0.45), (2, 0.40), (1, 0.25)):
        if month > now or rng.random() >= chance:
            break
        certificates.append(Certificate(level, _pick(rng, {"same": 80, "related": 20}), month))
        month += rng.randint(24, 60)
    return certificates

"""``materials``: the documents to bring when applying by a route (the table of
docs/explanations.md).

Which documents a route needs follows from its conditions (``condition/2`` of
``logic/rules.lp`` under the parameters in force) and from two facts of the answer: EDU met,
and whether the route's diploma condition is met only by a diploma still to graduate.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from .applicant import Applicant
from .asp import Program, add_applicant

# In the order of the table of docs/explanations.md (the order of every materials list).
MATERIALS = ("id_card", "education_proof", "enrolment_proof", "work_proof",
             "training_certificate", "certificate_level4", "certificate_level3",
             "certificate_level2", "preparatory_technician_certificate")

# The document that proves a condition of rules.lp (diploma conditions: education_proof).
PROVES = {
    "work": "work_proof",
    "work_since_level4": "work_proof",
    "work_since_level3": "work_proof",
    "work_since_level2": "work_proof",
    "training": "training_certificate",
    "level4_certificate": "certificate_level4",
    "level3_certificate": "certificate_level3",
    "level2_certificate": "certificate_level2",
    "preparatory_technician_certificate": "preparatory_technician_certificate",
}


class EnrolmentViews:
    """Which routes admit only thanks to a diploma still to graduate.

    The *enrolment view* of an applicant with such a diploma is the applicant without it,
    checked in the same grounding as the applicant (named ``-1 - key``, and marked
    ``view/1``: check.lp explains nothing of it).  A route that admits the applicant but not
    the view needs ``enrolment_proof``.
    """

    def __init__(self) -> None:
        self._admits: dict[int, set[str]] = {}   # key -> routes that admit its view

    def ask(self, program: Program, key: int, applicant: Applicant, as_of: int) -> None:
        """Add the view of the applicant named ``key`` (when it has a diploma to graduate)."""
        kept = tuple(d for d in applicant.diplomas if d.graduation <= as_of)
        if len(kept) < len(applicant.diplomas):
            add_applicant(program, -1 - key, replace(applicant, diplomas=kept), as_of)
            program.fact("view", -1 - key)
            self._admits[key] = set()

    def take(self, name: str, key: int, rest: tuple[Any, ...]) -> bool:
        """Note an atom of the model; False when it is none of a view's."""
        if key >= 0:
            return False
        if name == "admits":
            self._admits[-1 - key].add(rest[0])
        return True

    def graduating_only(self, key: int, route: str) -> bool:
        """The route admits the applicant named ``key`` but not its view."""
        admits = self._admits.get(key)
        return admits is not None and route not in admits


def materials(conditions: Iterable[str], *, education_ok: bool,
              graduating_only: bool) -> tuple[str, ...]:
    """The document IDs for applying by a route with these ``conditions`` (``condition/2``
    of rules.lp under the parameters in force), in table
    order.

    ``graduating_only``: the route admits only thanks to a diploma that is still to
    graduate (it would not admit with the graduated diplomas alone).
    """
    found = {"id_card"}
    if education_ok:
        found.add("education_proof")
    if graduating_only:
        found.add("enrolment_proof")
    for condition in conditions:
        if condition in PROVES:
            found.add(PROVES[condition])
    return tuple(m for m in MATERIALS if m in found)

"""``materials``: the documents to bring when applying by a route (EXPLAIN.md's table).

Which documents a route needs follows from its conditions (``condition/2`` of
``logic/rules.lp`` under the parameters in force) and from two facts of the answer: EDU met,
and whether the route's diploma condition is met only by a diploma still to graduate.
"""

from __future__ import annotations

from collections.abc import Iterable

# In the order of EXPLAIN.md's table (the order of every materials list).
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


def materials(conditions: Iterable[str], *, education_ok: bool,
              graduating_only: bool) -> tuple[str, ...]:
    """The document IDs for applying by a route with these ``conditions`` (``condition/2``
    of rules.lp under the parameters in force; see ``routes.rule_facts``), in table
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

"""Small builders for hand-made applicants in tests (months relative to AS_OF)."""

from __future__ import annotations

from typing import Any

import pyqualify
from pyqualify.months import format_month, parse_month

AS_OF = "2026-11"
NOW = parse_month(AS_OF)


def month(offset: int) -> str:
    """The month ``offset`` months after AS_OF, as YYYY-MM."""
    return format_month(NOW + offset)


def applicant(education: str = "high_school", **lists: Any) -> dict[str, Any]:
    """An applicant dict at AS_OF with the given lists (diplomas, work, ...)."""
    return {"as_of": AS_OF, "education": education, **lists}


def diploma(kind: str, graduation: int, major: str = "same", skill: str = "none",
            mode: str = "full_time") -> dict[str, Any]:
    return {"kind": kind, "major": major, "skill_target": skill,
            "graduation": month(graduation), "mode": mode}


def work(start: int, end: int | None = None, occupation: str = "same") -> dict[str, Any]:
    return {"start": month(start), "end": None if end is None else month(end),
            "occupation": occupation}


def training(completed: int, hours: int = 40, occupation: str = "same",
             certificate: bool = True) -> dict[str, Any]:
    return {"hours": hours, "occupation": occupation, "certificate": certificate,
            "completed": month(completed)}


def certificate(level: int | str, obtained: int, occupation: str = "same") -> dict[str, Any]:
    return {"level": level, "occupation": occupation, "obtained": month(obtained)}


def routes(data: dict[str, Any], **params: Any) -> set[str]:
    """Every route that holds for the applicant dict, by the clingo engine."""
    result = pyqualify.check(pyqualify.parse_applicant(data), params=params)
    return {route for level in result.levels for route in level.routes}


def verdicts(data: dict[str, Any], **params: Any) -> dict[str, Any]:
    """The docs/output.md core of the engine's answer (no extra keys)."""
    doc = pyqualify.check(pyqualify.parse_applicant(data), params=params).to_json()
    return {"as_of": doc["as_of"], "education_ok": doc["education_ok"],
            "levels": [{k: level[k] for k in ("level", "held", "eligible", "routes")}
                       for level in doc["levels"]]}


# A file whose second work record ends before it starts (work[1].end): the web tests'
# bad input.
BAD_FILE = """\
education: high_school
as_of: 2026-11
work:
  - start: 2019-07
    occupation: related
  - start: 2021-05
    end: 2020-01
    occupation: same
"""

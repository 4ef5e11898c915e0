"""pyqualify: the 全媒体运营师 application conditions as ASP rules, run by clingo.

    >>> import pyqualify
    >>> applicant = pyqualify.load_applicant("examples/college-graduate.yaml")
    >>> result = pyqualify.check(applicant)
    >>> [level.level for level in result.levels if level.eligible]
    [4, 3]
    >>> pyqualify.fastest_path(applicant).months
    90

Names are imported on first use, so that the command line starts quickly.
"""

from __future__ import annotations

from .lazy import lazy_getattr

_EXPORTS = {
    "Applicant": "applicant", "InputError": "messages", "load_applicant": "applicant",
    "parse_applicant": "applicant",
    "CheckResult": "eligibility", "LevelAnswer": "eligibility", "check": "eligibility",
    "check_many": "eligibility",
    "format_month": "months", "parse_month": "months",
    "PlannerOptions": "options", "Programme": "options",
    "RuleParams": "params",
    "PathResult": "planner", "Plan": "planner", "Step": "planner", "fastest_path": "planner",
    "PlanningTimeout": "planner",
    "population_paths": "population",
    "synthetic_applicants": "synthetic",
    "describe_route": "texts", "describe_condition": "texts",
}
__all__ = sorted(_EXPORTS)
__version__ = "0.1.0"


__getattr__ = lazy_getattr(__name__, _EXPORTS, globals())


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])

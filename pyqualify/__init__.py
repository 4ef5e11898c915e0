"""pyqualify: the 全媒体运营师 application conditions as ASP rules, run by clingo.

    >>> import pyqualify
    >>> applicant = pyqualify.load_applicant("examples/college-graduate.yaml")
    >>> result = pyqualify.check(applicant)
    >>> [level.level for level in result.levels if level.eligible]
    [4, 3]
"""

from .applicant import Applicant, InputError, load_applicant, parse_applicant
from .check import CheckResult, LevelAnswer, check, check_many
from .months import format_month, parse_month
from .options import PlannerOptions, Programme
from .params import RuleParams
from .planner import PathResult, Plan, Step, fastest_path
from .synthetic import synthetic_applicants

__all__ = [
    "Applicant", "CheckResult", "InputError", "LevelAnswer", "PathResult", "Plan",
    "PlannerOptions", "Programme", "RuleParams", "Step", "check", "check_many",
    "fastest_path", "format_month", "load_applicant", "parse_applicant", "parse_month",
    "synthetic_applicants",
]
__version__ = "0.1.0"

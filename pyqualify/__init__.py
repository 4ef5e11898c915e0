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
from .params import RuleParams

__all__ = [
    "Applicant", "CheckResult", "InputError", "LevelAnswer", "RuleParams", "check",
    "check_many", "format_month", "load_applicant", "parse_applicant", "parse_month",
]
__version__ = "0.1.0"

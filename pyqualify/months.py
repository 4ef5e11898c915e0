"""Calendar months as integers: ``year * 12 + (month - 1)``, and the one parser of months.

A month is written ``YYYY-MM``; every input (files, JSON lines, spreadsheet cells, API bodies
and options, the web page) also accepts the spellings people use in China, read as the same
month (docs/input.md, "Months as people write them"): ``YYYY-M``, ``YYYY.MM``, ``YYYY.M``,
``YYYY/MM``, ``YYYY/M``, ``YYYYMM``, ``YYYY年M月`` and ``YYYY年MM月``.  Output always writes
``YYYY-MM`` (:func:`format_month`).  :data:`MONTH_SPELLINGS` is the one pattern of them:
the web page and the OpenAPI document are built from it, never from a copy.
"""

from __future__ import annotations

import datetime as _dt
import re

FIRST_YEAR, LAST_YEAR = 1950, 2100

# ASCII digits only ("\d" would take full-width and other scripts' digits too).  The groups:
# 1 the year; 2 the month of YYYY-M(M), YYYY.M(M), YYYY/M(M) or YYYY年M(M)月; 3 of YYYYMM.
MONTH_SPELLINGS = r"([0-9]{4})(?:[-./]([0-9]{1,2})|年([0-9]{1,2})月|([0-9]{2}))"
MONTH_PATTERN = re.compile(MONTH_SPELLINGS)
# A spreadsheet's date written as text ("2019-07-01", "2019/7/1 0:00", "2019年7月1日"): the
# month of a date cell.  Only :func:`parse_month` with ``day=True`` takes it.
_DAY_SUFFIX = re.compile(r"(?:[-./][0-9]{1,2}|[0-9]{1,2}日)"
                         r"(?:[ T][0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?)?")


class MonthError(ValueError):
    """A text that is not a month; ``code`` and ``params`` key the message catalogue."""

    def __init__(self, message: str, code: str, **params: int):
        super().__init__(message)
        self.code = code
        self.params = params


def parse_month(text: str, *, day: bool = False) -> int:
    """A month written in one of the accepted spellings (years 1950-2100) as a month index;
    MonthError otherwise.  ``day``: a date written as text (a spreadsheet's date cell, like
    ``2019-07-01`` or ``2019/7/1 0:00``) is read as its month too."""
    match = MONTH_PATTERN.match(text)
    if match is None or (match.end() != len(text) and not (
            day and _DAY_SUFFIX.fullmatch(text, match.end()) and match.group(4) is None)):
        raise MonthError("a month written YYYY-MM", "month_format")
    year = int(match.group(1))
    month = int(match.group(2) or match.group(3) or match.group(4))
    if not 1 <= month <= 12:
        raise MonthError("a month written YYYY-MM with a month from 01 to 12", "month_number")
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise MonthError(f"a month written YYYY-MM with a year from {FIRST_YEAR} to "
                         f"{LAST_YEAR}", "month_year", first=FIRST_YEAR, last=LAST_YEAR)
    return year * 12 + month - 1


def month_schema_pattern() -> str:
    """A JSON Schema (ECMA-262) pattern that matches exactly the texts :func:`parse_month`
    accepts (without ``day``): the accepted spellings, years 1950-2100, months 1-12."""
    year = "(?:19[5-9][0-9]|20[0-9][0-9]|2100)"
    one_or_two = "(?:0?[1-9]|1[0-2])"
    return f"^{year}(?:[-./]{one_or_two}|年{one_or_two}月|(?:0[1-9]|1[0-2]))$"


def format_month(index: int) -> str:
    """Format a month index as ``YYYY-MM``."""
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def calendar_month(index: int) -> int:
    """The calendar month (1-12) of a month index."""
    return index % 12 + 1


def current_month() -> int:
    """The month index of today's date."""
    today = _dt.date.today()
    return today.year * 12 + today.month - 1

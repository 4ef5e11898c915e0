"""Calendar months as integers: ``year * 12 + (month - 1)``."""

from __future__ import annotations

import datetime as _dt
import re

MONTH_PATTERN = re.compile(r"([0-9]{4})-([0-9]{2})")
FIRST_YEAR, LAST_YEAR = 1950, 2100


class MonthError(ValueError):
    """A text that is not a month; ``code`` and ``params`` key the message catalogue."""

    def __init__(self, message: str, code: str, **params: int):
        super().__init__(message)
        self.code = code
        self.params = params


def parse_month(text: str) -> int:
    """Parse ``YYYY-MM`` (years 1950-2100) into a month index; raise MonthError otherwise."""
    match = MONTH_PATTERN.fullmatch(text)
    if not match:
        raise MonthError("a month written YYYY-MM", "month_format")
    year, month = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= 12:
        raise MonthError("a month written YYYY-MM with a month from 01 to 12", "month_number")
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise MonthError(f"a month written YYYY-MM with a year from {FIRST_YEAR} to "
                         f"{LAST_YEAR}", "month_year", first=FIRST_YEAR, last=LAST_YEAR)
    return year * 12 + month - 1


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

"""Calendar months as integers: ``year * 12 + (month - 1)``."""

from __future__ import annotations

import datetime as _dt
import re

MONTH_PATTERN = re.compile(r"([0-9]{4})-([0-9]{2})")
FIRST_YEAR, LAST_YEAR = 1950, 2100


def parse_month(text: str) -> int:
    """Parse ``YYYY-MM`` (years 1950-2100) into a month index; raise ValueError otherwise."""
    match = MONTH_PATTERN.fullmatch(text)
    if not match:
        raise ValueError("a month written YYYY-MM")
    year, month = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= 12:
        raise ValueError("a month written YYYY-MM with a month from 01 to 12")
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"a month written YYYY-MM with a year from {FIRST_YEAR} to {LAST_YEAR}")
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

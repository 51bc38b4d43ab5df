"""Fiscal years, the months and weeks a sample covers, and delivery dates."""

from __future__ import annotations

import datetime as dt
import math

from thai.constants import BE_OFFSET

MIN_MONTHS = 3  # a small sample still spans three seasons
MIN_WEEKS = 3


def fiscal_years(scale: float, last_fiscal_year_be: int) -> list[int]:
    """Scale 1 (or less) is one fiscal year; scale N is N fiscal years ending at the last."""
    count = max(1, math.floor(scale)) if scale >= 1 else 1
    return list(range(last_fiscal_year_be - count + 1, last_fiscal_year_be + 1))


def volume_factor(scale: float, years: int) -> float:
    """Per-year volume against a realistic year: 0.02 -> 0.02; 2.5 over 2 years -> 1.25."""
    return scale / years


def fiscal_months(fiscal_year_be: int) -> list[dt.date]:
    """The first day of each month of a fiscal year, October to September (CE dates)."""
    start = fiscal_year_be - BE_OFFSET - 1
    return [dt.date(start + (m + 9) // 12, (m + 9) % 12 + 1, 1) for m in range(12)]


def fiscal_bounds(fiscal_year_be: int) -> tuple[dt.date, dt.date]:
    """First and last day of a fiscal year (CE)."""
    ce = fiscal_year_be - BE_OFFSET
    return dt.date(ce - 1, 10, 1), dt.date(ce, 9, 30)


def month_end(first: dt.date) -> dt.date:
    following = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def selected_months(fiscal_year_be: int, scale: float) -> list[dt.date]:
    """All twelve months, or for a sample below scale 1 a few evenly spread ones."""
    months = fiscal_months(fiscal_year_be)
    if scale >= 1:
        return months
    count = min(12, max(MIN_MONTHS, round(12 * scale)))
    return [months[(i * 12) // count] for i in range(count)]


def fiscal_weeks(fiscal_year_be: int) -> list[tuple[dt.date, dt.date]]:
    """Monday-to-Sunday weeks of a fiscal year, the first and last clipped to the year."""
    first, last = fiscal_bounds(fiscal_year_be)
    weeks = []
    start = first
    while start <= last:
        end = min(last, start + dt.timedelta(days=6 - start.weekday()))
        weeks.append((start, end))
        start = end + dt.timedelta(days=1)
    return weeks


def selected_weeks(fiscal_year_be: int, scale: float) -> list[tuple[dt.date, dt.date]]:
    weeks = fiscal_weeks(fiscal_year_be)
    if scale >= 1:
        return weeks
    count = min(len(weeks), max(MIN_WEEKS, round(len(weeks) * scale)))
    return [weeks[(i * len(weeks)) // count] for i in range(count)]


def be_year_month(day: dt.date) -> str:
    """ "256710" for October 2024."""
    return f"{day.year + BE_OFFSET}{day.month:02d}"


def delivery(day: dt.date) -> str:
    """A delivery folder name (CE date)."""
    return day.isoformat()

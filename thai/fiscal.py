"""The Thai government fiscal year: 1 October to 30 September, named by the BE year it ends in."""

from __future__ import annotations

import datetime as dt

from thai.constants import BE_OFFSET
from thai.errors import NormalisationError

FISCAL_YEAR_START_MONTH = 10


def fiscal_year(day: dt.date) -> int:
    """BE year the fiscal year ends in: 2024-10-01 -> 2568, 2024-09-30 -> 2567."""
    ce_end_year = day.year + 1 if day.month >= FISCAL_YEAR_START_MONTH else day.year
    return ce_end_year + BE_OFFSET


def fiscal_quarter(day: dt.date) -> int:
    """1 = Oct-Dec, 2 = Jan-Mar, 3 = Apr-Jun, 4 = Jul-Sep."""
    return (day.month - FISCAL_YEAR_START_MONTH) % 12 // 3 + 1


def fiscal_year_bounds(fiscal_year_be: int) -> tuple[dt.date, dt.date]:
    """First and last day of a BE fiscal year: 2567 -> (2023-10-01, 2024-09-30)."""
    ce_end_year = fiscal_year_be - BE_OFFSET
    if not dt.MINYEAR < ce_end_year <= dt.MAXYEAR:
        raise NormalisationError(
            str(fiscal_year_be), "ปีงบประมาณอยู่นอกช่วง", "fiscal year out of range"
        )
    return dt.date(ce_end_year - 1, FISCAL_YEAR_START_MONTH, 1), dt.date(ce_end_year, 9, 30)

"""The Thai fiscal year (1 October - 30 September, named by the BE year it ends in)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thai import NormalisationError, fiscal_quarter, fiscal_year, fiscal_year_bounds


@pytest.mark.parametrize(
    ("day", "year", "quarter"),
    [
        (dt.date(2024, 10, 1), 2568, 1),  # first day of FY 2568
        (dt.date(2024, 9, 30), 2567, 4),  # last day of FY 2567
        (dt.date(2024, 12, 31), 2568, 1),
        (dt.date(2025, 1, 1), 2568, 2),
        (dt.date(2025, 3, 31), 2568, 2),
        (dt.date(2025, 4, 1), 2568, 3),
        (dt.date(2025, 6, 30), 2568, 3),
        (dt.date(2025, 7, 1), 2568, 4),
        (dt.date(2024, 2, 29), 2567, 2),
    ],
)
def test_fiscal_year_and_quarter(day: dt.date, year: int, quarter: int) -> None:
    # GIVEN a calendar date WHEN its fiscal year and quarter are computed
    # THEN October starts a new BE fiscal year and quarter 1 is Oct-Dec
    assert fiscal_year(day) == year
    assert fiscal_quarter(day) == quarter


def test_fiscal_year_bounds() -> None:
    # GIVEN FY 2567 WHEN its bounds are asked for THEN 1 Oct 2023 to 30 Sep 2024
    assert fiscal_year_bounds(2567) == (dt.date(2023, 10, 1), dt.date(2024, 9, 30))


@pytest.mark.parametrize("year", [0, 543, -1, 99999])
def test_fiscal_year_bounds_rejects_impossible_years(year: int) -> None:
    # GIVEN a fiscal year outside the calendar WHEN bounds are asked for THEN it raises
    with pytest.raises(NormalisationError):
        fiscal_year_bounds(year)


@given(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2150, 12, 31)))
def test_fiscal_year_contains_the_day(day: dt.date) -> None:
    # GIVEN any date WHEN its fiscal year's bounds are computed
    start, end = fiscal_year_bounds(fiscal_year(day))
    # THEN the day lies within them, and the bounds belong to the same fiscal year
    assert start <= day <= end
    assert fiscal_year(start) == fiscal_year(end) == fiscal_year(day)
    # AND the year before the start / after the end is a different fiscal year
    assert fiscal_year(start - dt.timedelta(days=1)) == fiscal_year(day) - 1
    assert fiscal_year(end + dt.timedelta(days=1)) == fiscal_year(day) + 1
    # AND the quarters run 1 at the start to 4 at the end, never decreasing within a year
    assert fiscal_quarter(start) == 1 and fiscal_quarter(end) == 4
    assert fiscal_quarter(day) == (day.month - 10) % 12 // 3 + 1


@given(st.integers(min_value=2400, max_value=2700))
def test_fiscal_bounds_are_a_whole_year(year: int) -> None:
    # GIVEN a BE fiscal year WHEN bounded THEN it is 365/366 days ending on 30 September
    start, end = fiscal_year_bounds(year)
    assert (start.month, start.day, end.month, end.day) == (10, 1, 9, 30)
    assert (end - start).days + 1 in (365, 366)
    assert fiscal_year(start) == year

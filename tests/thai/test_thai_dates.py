"""Buddhist-Era / Common-Era dates and datetimes, BE year-months and Thai date formatting."""

from __future__ import annotations

import datetime as dt
from typing import get_args

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thai import (
    DateStyle,
    NormalisationError,
    format_thai_date,
    parse_be_year_month,
    parse_date,
    parse_datetime,
    to_buddhist_year,
    to_ce_year,
)

JAN_15 = dt.date(2024, 1, 15)
MEGABYTE = "1" * 1_000_000
STYLES: tuple[DateStyle, ...] = get_args(DateStyle)
SHORT_STYLES = frozenset({"slash_be_short", "abbr_be_short"})


@pytest.mark.parametrize(
    "raw",
    [
        "15/01/2567",
        "15/1/2567",
        "15-01-2567",
        "15.01.2567",
        "15/01/67",
        "15 ม.ค. 67",
        "15 ม.ค. 2567",
        "15 มค 67",
        "15 มค. 67",
        "15ม.ค.67",
        "15 ม. ค. 2567",
        "15-ม.ค.-2567",
        "15 มกราคม 2567",
        "15 มกราคม พ.ศ. 2567",
        "15 มกรา 67",
        "2567-01-15",
        "2024-01-15",
        "2567/01/15",
        "15/01/2024",  # CE year in a Thai layout
        "2024-01-15T14:00:00",
        "2024-01-15 14:00:00",
        "15/01/2567 14:30",
        "๑๕/๐๑/๒๕๖๗",
        "๑๕ ม.ค. ๖๗",
        "๑๕ มกราคม ๒๕๖๗",
        "๒๕๖๗-๐๑-๑๕",
        "๑5/0๑/25๖๗",  # mixed Thai and Arabic digits
        "  15/01/2567  ",
        "\u200b15/01/2567\u200b",
        "\ufeff15\u00a0ม.ค.\u00a067",
    ],
)
def test_parse_date_accepts_every_thai_layout(raw: str) -> None:
    # GIVEN 15 January 2024 written any of the ways agencies write it
    # WHEN parsed THEN the same date comes back
    assert parse_date(raw) == JAN_15


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1/2/2567", dt.date(2024, 2, 1)),  # day first, always
        ("29/02/2567", dt.date(2024, 2, 29)),  # leap year
        ("31 ธ.ค. 66", dt.date(2023, 12, 31)),
        ("1 เม.ย. 2500", dt.date(1957, 4, 1)),
        ("5 พฤศจิกายน 2566", dt.date(2023, 11, 5)),
        ("01/01/2400", dt.date(1857, 1, 1)),  # lowest BE year
        ("31/12/2743", dt.date(2200, 12, 31)),  # highest BE year
        ("01/01/1900", dt.date(1900, 1, 1)),  # lowest CE year
        ("31/12/2200", dt.date(2200, 12, 31)),  # highest CE year
        ("2024-01-15 24:00", dt.date(2024, 1, 16)),  # hour-ending midnight is the next day
        ("2022-05-19 20:00:00+00", dt.date(2022, 5, 20)),  # local Bangkok date
    ],
)
def test_parse_date_values(raw: str, expected: dt.date) -> None:
    # GIVEN a valid date WHEN parsed THEN it is exactly the calendar date meant
    assert parse_date(raw) == expected


@pytest.mark.parametrize("raw", ["", "   ", "\u200b", "\u200b\u200c\ufeff", "\t\n", None])
def test_blank_dates_are_none(raw: str | None) -> None:
    # GIVEN nothing but whitespace or zero-width characters WHEN parsed THEN None
    assert parse_date(raw) is None
    assert parse_datetime(raw) is None


@pytest.mark.parametrize(
    ("raw", "reason_en"),
    [
        ("31/02/2567", "day does not exist in that month"),
        ("29/02/2566", "day does not exist in that month"),  # not a leap year
        ("00/01/2567", "day does not exist in that month"),
        ("32/01/2567", "day does not exist in that month"),
        ("15/13/2567", "month must be 1-12"),
        ("15/00/2567", "month must be 1-12"),
        ("2024-13-01", "month must be 1-12"),
        ("15/01/2300", "year is neither BE nor CE"),
        ("15/01/1800", "year is neither BE nor CE"),
        ("15/01/3000", "year is neither BE nor CE"),
        ("3000-01-15", "year is neither BE nor CE"),
        ("15 ม.ค. 2300", "year is neither BE nor CE"),
        ("15 มกราคม พ.ศ. 2024", "year is not Buddhist Era"),
        ("15 ฟฟ. 67", "unknown month name"),
        ("hello", "unrecognised date format"),
        ("15/01", "unrecognised date format"),
        ("15/01/567", "unrecognised date format"),
        ("15/01-2567", "unrecognised date format"),  # mixed separators
        ("2567", "unrecognised date format"),
        ("15/01/2567 garbage", "unrecognised date format"),
        ("45292", "unrecognised date format"),  # an Excel serial is not guessed
        ("15/01/2567 25:00", "invalid time of day"),
        (MEGABYTE, "input longer than 1000 characters"),
        (" " * 2000, "input longer than 1000 characters"),
    ],
)
def test_parse_date_rejects(raw: str, reason_en: str) -> None:
    # GIVEN an impossible, ambiguous-era or garbage date
    # WHEN parsed THEN it raises with a clear reason instead of guessing
    with pytest.raises(NormalisationError) as info:
        parse_date(raw)
    assert info.value.reason_en == reason_en
    assert info.value.reason_th
    assert len(info.value.value) <= 200


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("15/01/2567", dt.datetime(2024, 1, 15)),  # a date alone is midnight
        ("15/01/2567 14:30", dt.datetime(2024, 1, 15, 14, 30)),
        ("15/01/2567 14.30", dt.datetime(2024, 1, 15, 14, 30)),
        ("15/01/2567 14:30:00", dt.datetime(2024, 1, 15, 14, 30)),
        ("15/01/2567 14:30:05", dt.datetime(2024, 1, 15, 14, 30, 5)),
        ("15/01/2567 14.30 น.", dt.datetime(2024, 1, 15, 14, 30)),
        ("15/01/2567 14:30น.", dt.datetime(2024, 1, 15, 14, 30)),
        ("15/01/2567 9:05", dt.datetime(2024, 1, 15, 9, 5)),
        ("15 ม.ค. 67 เวลา 14.30 น.", dt.datetime(2024, 1, 15, 14, 30)),
        ("๑๕ มกราคม ๒๕๖๗ ๑๔:๓๐", dt.datetime(2024, 1, 15, 14, 30)),
        ("2024-01-15 14:00:00", dt.datetime(2024, 1, 15, 14)),
        ("2024-01-15T14:00:00", dt.datetime(2024, 1, 15, 14)),
        ("2024-01-15T14:00", dt.datetime(2024, 1, 15, 14)),
        ("2567-01-15 14:00", dt.datetime(2024, 1, 15, 14)),
        # Traffy: UTC with microseconds and a bare "+00"
        ("2022-05-19 14:35:15.293949+00", dt.datetime(2022, 5, 19, 21, 35, 15, 293949)),
        ("2022-05-19 14:35:15.2+00", dt.datetime(2022, 5, 19, 21, 35, 15, 200000)),
        ("2022-05-19 14:35:15.123456789+00", dt.datetime(2022, 5, 19, 21, 35, 15, 123456)),
        ("2024-01-15T14:00:00+07:00", dt.datetime(2024, 1, 15, 14)),
        ("2024-01-15T14:00:00+0700", dt.datetime(2024, 1, 15, 14)),
        ("2024-01-15T14:00:00Z", dt.datetime(2024, 1, 15, 21)),
        ("2024-01-15T14:00:00-05:00", dt.datetime(2024, 1, 16, 2)),
        ("2024-01-15T20:00:00+00:00", dt.datetime(2024, 1, 16, 3)),  # crosses midnight
        # Air4Thai hour-ending 24:00 is midnight of the next day, across a year end too
        ("2024-01-15 24:00", dt.datetime(2024, 1, 16)),
        ("2024-12-31 24:00:00", dt.datetime(2025, 1, 1)),
        ("31/12/2567 24.00 น.", dt.datetime(2025, 1, 1)),
        ("2024-01-15 00:00", dt.datetime(2024, 1, 15)),
    ],
)
def test_parse_datetime_values(raw: str, expected: dt.datetime) -> None:
    # GIVEN a timestamp in any agency layout WHEN parsed
    result = parse_datetime(raw)
    # THEN it is the naive Bangkok local time meant
    assert result == expected
    assert result is not None and result.tzinfo is None


@pytest.mark.parametrize(
    ("raw", "reason_en"),
    [
        ("2024-01-15 24:01", "invalid time of day"),
        ("2024-01-15 24:00:01", "invalid time of day"),
        ("2024-01-15 23:60", "invalid time of day"),
        ("2024-01-15 23:59:60", "invalid time of day"),
        ("2024-01-15 25:00", "invalid time of day"),
        ("2024-01-15T14:00:00+15:00", "invalid UTC offset"),
        ("2024-01-15T14:00:00+07:75", "invalid UTC offset"),
        ("2024-01-15 14", "unrecognised date format"),
        ("2024-01-15 14:0", "unrecognised date format"),
        ("2024-01-15 2pm", "unrecognised date format"),
        ("31/02/2567 10:00", "day does not exist in that month"),
        (MEGABYTE, "input longer than 1000 characters"),
    ],
)
def test_parse_datetime_rejects(raw: str, reason_en: str) -> None:
    # GIVEN an impossible time or offset WHEN parsed THEN it raises with the reason
    with pytest.raises(NormalisationError) as info:
        parse_datetime(raw)
    assert info.value.reason_en == reason_en


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("256701", dt.date(2024, 1, 1)),
        ("2567-01", dt.date(2024, 1, 1)),
        ("2567/01", dt.date(2024, 1, 1)),
        ("2567.1", dt.date(2024, 1, 1)),
        ("256712", dt.date(2024, 12, 1)),
        ("๒๕๖๗๐๑", dt.date(2024, 1, 1)),
        (" 2567-01 ", dt.date(2024, 1, 1)),
    ],
)
def test_parse_be_year_month(raw: str, expected: dt.date) -> None:
    # GIVEN a BE year-month WHEN parsed THEN the first day of that month comes back
    assert parse_be_year_month(raw) == expected


@pytest.mark.parametrize(
    ("raw", "reason_en"),
    [
        ("", "empty year-month"),
        ("\u200b", "empty year-month"),
        ("256713", "month must be 1-12"),
        ("256700", "month must be 1-12"),
        ("202401", "year is not Buddhist Era"),  # a CE year is not silently read as BE
        ("25671", "unrecognised year-month format"),
        ("2567-01-15", "unrecognised year-month format"),
        ("abc", "unrecognised year-month format"),
        (MEGABYTE, "input longer than 1000 characters"),
    ],
)
def test_parse_be_year_month_rejects(raw: str, reason_en: str) -> None:
    # GIVEN a malformed year-month WHEN parsed THEN it raises
    with pytest.raises(NormalisationError) as info:
        parse_be_year_month(raw)
    assert info.value.reason_en == reason_en


def test_year_conversion() -> None:
    # GIVEN the BE offset of 543 WHEN converting THEN the years match both ways
    assert to_buddhist_year(2024) == 2567
    assert to_ce_year(2567) == 2024


@pytest.mark.parametrize(
    ("style", "arabic", "thai"),
    [
        ("slash_be", "15/01/2567", "๑๕/๐๑/๒๕๖๗"),
        ("slash_be_short", "15/1/67", "๑๕/๑/๖๗"),
        ("abbr_be_short", "15 ม.ค. 67", "๑๕ ม.ค. ๖๗"),
        ("abbr_be", "15 ม.ค. 2567", "๑๕ ม.ค. ๒๕๖๗"),
        ("full_be", "15 มกราคม 2567", "๑๕ มกราคม ๒๕๖๗"),
        ("iso_be", "2567-01-15", "๒๕๖๗-๐๑-๑๕"),
        ("iso_ce", "2024-01-15", "๒๐๒๔-๐๑-๑๕"),
    ],
)
def test_format_thai_date(style: DateStyle, arabic: str, thai: str) -> None:
    # GIVEN 15 January 2024 WHEN formatted in each style THEN it reads as Thai documents do
    assert format_thai_date(JAN_15, style) == arabic
    assert format_thai_date(JAN_15, style, thai_digits=True) == thai


def test_format_short_styles_pad_the_year_not_the_day() -> None:
    # GIVEN 5 March BE 2507 WHEN formatted short THEN day and month are bare, the year two digits
    day = dt.date(1964, 3, 5)
    assert format_thai_date(day, "slash_be_short") == "5/3/07"
    assert format_thai_date(day, "abbr_be_short") == "5 มี.ค. 07"
    assert format_thai_date(day, "slash_be") == "05/03/2507"


def test_format_rejects_unknown_style() -> None:
    # GIVEN a style that does not exist WHEN formatting THEN it raises
    with pytest.raises(NormalisationError):
        format_thai_date(JAN_15, "us_style")  # type: ignore[arg-type]


@given(
    st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2150, 12, 31)),
    st.sampled_from([style for style in STYLES if style not in SHORT_STYLES]),
    st.booleans(),
)
def test_format_then_parse_round_trips(day: dt.date, style: DateStyle, thai: bool) -> None:
    # GIVEN any date in 1950-2150 formatted in a four-digit-year style, Arabic or Thai digits
    text = format_thai_date(day, style, thai)
    # WHEN parsed back THEN it is the same date
    assert parse_date(text) == day


@given(
    # Two-digit years are BE 25xx: BE 2500-2599 is CE 1957-2056.
    st.dates(min_value=dt.date(1957, 1, 1), max_value=dt.date(2056, 12, 31)),
    st.sampled_from(sorted(SHORT_STYLES)),
    st.booleans(),
)
def test_short_year_styles_round_trip_within_be_25xx(
    day: dt.date, style: DateStyle, thai: bool
) -> None:
    # GIVEN a date in BE 2500-2599 formatted with a two-digit year
    text = format_thai_date(day, style, thai)
    # WHEN parsed back THEN it is the same date
    assert parse_date(text) == day


@given(
    st.datetimes(min_value=dt.datetime(1950, 1, 1), max_value=dt.datetime(2150, 12, 31)),
    st.sampled_from(["iso_be", "iso_ce", "slash_be", "full_be"]),
)
def test_datetime_round_trips(moment: dt.datetime, style: DateStyle) -> None:
    # GIVEN a timestamp written as a Thai/ISO date plus HH:MM:SS
    moment = moment.replace(microsecond=0)
    text = f"{format_thai_date(moment.date(), style)} {moment:%H:%M:%S}"
    # WHEN parsed THEN the same naive local datetime comes back
    assert parse_datetime(text) == moment


@given(st.text(max_size=60))
def test_parse_date_never_raises_anything_but_normalisation_error(text: str) -> None:
    # GIVEN arbitrary text WHEN parsed THEN it is a date, None, or a NormalisationError
    try:
        result = parse_date(text)
    except NormalisationError:
        return
    assert result is None or isinstance(result, dt.date)

"""Buddhist-Era and Common-Era dates and times as Thai agencies write them.

Thai dates are always day first; ISO dates are always year first, so there is no
day/month ambiguity. A four-digit year of 1900-2200 is Common Era (CE), 2400-2743 is
Buddhist Era (BE), anything else is rejected; a two-digit year is BE 25xx.
Times with an offset are converted to Asia/Bangkok (UTC+7, no daylight saving) and
returned naive.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from functools import lru_cache
from typing import Literal

from thai.constants import BE_OFFSET, MONTHS_ABBR_TH, MONTHS_FULL_TH
from thai.errors import NormalisationError
from thai.text import arabic_digits_to_thai, clean_text, thai_digits_to_arabic

MAX_INPUT_CHARS = 1000
_CACHE_SIZE = 1 << 16

BANGKOK = dt.timezone(dt.timedelta(hours=7), "Asia/Bangkok")
_BANGKOK_OFFSET = dt.timedelta(hours=7)

MIN_BE_YEAR = 2400
MIN_CE_YEAR = 1900
MAX_CE_YEAR = 2200
MAX_BE_YEAR = MAX_CE_YEAR + BE_OFFSET  # 2743: a larger four-digit year is neither BE nor CE

DateStyle = Literal[
    "slash_be", "slash_be_short", "abbr_be_short", "abbr_be", "full_be", "iso_be", "iso_ce"
]


def _month_key(text: str) -> str:
    return re.sub(r"[.\s]", "", text)


# Month spellings, dots and spaces removed: "ม.ค." / "มค" / "มกราคม" / colloquial "มกรา".
_MONTHS: dict[str, int] = {}
for _number, (_full, _abbr) in enumerate(zip(MONTHS_FULL_TH, MONTHS_ABBR_TH, strict=True), 1):
    _MONTHS[_month_key(_full)] = _number
    _MONTHS[_month_key(_abbr)] = _number
    for _suffix in ("คม", "ยน", "พันธ์"):
        if _full.endswith(_suffix):
            _MONTHS[_full[: -len(_suffix)]] = _number  # "มกรา", "เมษา", "กุมภา"
del _number, _full, _abbr, _suffix

_TIME = (
    r"(?P<hour>[0-9]{1,2})[:.](?P<minute>[0-9]{2})"
    r"(?:[:.](?P<second>[0-9]{2})(?:[.,](?P<fraction>[0-9]{1,9}))?)?"
    r"\s*(?:น\.?)?"
    r"\s*(?P<tz>Z|[+-][0-9]{2}(?::?[0-9]{2})?)?"
)
_THAI_TIME_SEP = r"(?:\s+(?:เวลา\s*)?"
_ISO = re.compile(
    r"(?P<year>[0-9]{4})(?P<sep>[-/])(?P<month>[0-9]{1,2})(?P=sep)(?P<day>[0-9]{1,2})"
    rf"(?:(?:\s+|T){_TIME})?",
)
_NUMERIC = re.compile(
    r"(?P<day>[0-9]{1,2})(?P<sep>[/.-])(?P<month>[0-9]{1,2})(?P=sep)(?P<year>[0-9]{4}|[0-9]{2})"
    rf"{_THAI_TIME_SEP}{_TIME})?",
)
_MONTH_NAME = re.compile(
    r"(?P<day>[0-9]{1,2})[\s-]*(?P<month_name>[\u0e01-\u0e4f][\u0e01-\u0e4f.\s]*?)[\s-]*"
    r"(?:(?P<be>พ\.?\s*ศ\.?)\s*)?(?P<year>[0-9]{4}|[0-9]{2})"
    rf"{_THAI_TIME_SEP}{_TIME})?",
)
_BE_YEAR_MONTH = re.compile(
    r"(?P<year>[0-9]{4})(?:[-/.](?P<month>[0-9]{1,2})|(?P<month2>[0-9]{2}))"
)


def _too_long(value: str) -> NormalisationError:
    return NormalisationError(
        value,
        f"ข้อความยาวเกิน {MAX_INPUT_CHARS} ตัวอักษร",
        f"input longer than {MAX_INPUT_CHARS} characters",
    )


def _ce_year(original: str, year_text: str, *, be_only: bool = False) -> int:
    year = int(year_text)
    if len(year_text) == 2:
        return 2500 + year - BE_OFFSET
    if MIN_BE_YEAR <= year <= MAX_BE_YEAR:
        return year - BE_OFFSET
    if be_only:
        raise NormalisationError(original, "ปีไม่ใช่ พ.ศ.", "year is not Buddhist Era")
    if MIN_CE_YEAR <= year <= MAX_CE_YEAR:
        return year
    raise NormalisationError(original, "ปีไม่ใช่ทั้ง พ.ศ. และ ค.ศ.", "year is neither BE nor CE")


def _make_date(original: str, year: int, month: int, day: int) -> dt.date:
    if not 1 <= month <= 12:
        raise NormalisationError(original, "เดือนต้องอยู่ระหว่าง 1 ถึง 12", "month must be 1-12")
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        raise NormalisationError(original, "วันที่นี้ไม่มีในเดือนนั้น", "day does not exist in that month")
    return dt.date(year, month, day)


def _offset(original: str, text: str) -> dt.timedelta:
    if text == "Z":
        return dt.timedelta(0)
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:] or "0")
    if hours > 14 or minutes > 59:
        raise NormalisationError(original, "เขตเวลาไม่ถูกต้อง", "invalid UTC offset")
    return sign * dt.timedelta(hours=hours, minutes=minutes)


def _time_of_day(original: str, match: re.Match[str]) -> dt.timedelta:
    hour, minute = int(match["hour"]), int(match["minute"])
    second = int(match["second"] or "0")
    micro = int((match["fraction"] or "0")[:6].ljust(6, "0"))
    is_midnight_24 = hour == 24 and minute == 0 and second == 0 and micro == 0
    if (hour > 23 and not is_midnight_24) or minute > 59 or second > 59:
        raise NormalisationError(original, "เวลาไม่ถูกต้อง", "invalid time of day")
    return dt.timedelta(hours=hour, minutes=minute, seconds=second, microseconds=micro)


@lru_cache(maxsize=_CACHE_SIZE)
def _parse_local(value: str) -> dt.datetime | None:
    text = clean_text(value)
    if text is None:
        return None
    text = thai_digits_to_arabic(text)
    match = _ISO.fullmatch(text) or _NUMERIC.fullmatch(text)
    if match is not None:
        month = int(match["month"])
    else:
        match = _MONTH_NAME.fullmatch(text)
        if match is None:
            raise NormalisationError(value, "รูปแบบวันที่ไม่ถูกต้อง", "unrecognised date format")
        found = _MONTHS.get(_month_key(match["month_name"]))
        if found is None:
            raise NormalisationError(value, "ไม่รู้จักชื่อเดือน", "unknown month name")
        month = found
    be_only = "be" in match.groupdict() and match["be"] is not None
    year = _ce_year(value, match["year"], be_only=be_only)
    day = _make_date(value, year, month, int(match["day"]))
    result = dt.datetime(day.year, day.month, day.day)
    if match["hour"] is None:
        return result
    try:
        result += _time_of_day(value, match)
        if match["tz"] is not None:
            result += _BANGKOK_OFFSET - _offset(value, match["tz"])
    except OverflowError as exc:
        raise NormalisationError(value, "วันที่อยู่นอกช่วง", "date out of range") from exc
    return result


def parse_datetime(value: str | None) -> dt.datetime | None:
    """Parse a Thai or ISO date with an optional time; naive Asia/Bangkok local time.

    A date alone gives midnight; "24:00" is midnight of the next day; offsets
    ("+00", "+07:00", "Z") are converted to Bangkok time. Blank -> None.
    """
    if value is None:
        return None
    if len(value) > MAX_INPUT_CHARS:
        raise _too_long(value)
    return _parse_local(value)


def parse_date(value: str | None) -> dt.date | None:
    """Parse "15/01/2567", "15 ม.ค. 67", "๑๕ มกราคม ๒๕๖๗", "2024-01-15", ...; blank -> None.

    A value with a time is accepted and gives its Bangkok local date.
    """
    result = parse_datetime(value)
    return None if result is None else result.date()


def parse_be_year_month(value: str) -> dt.date:
    """Parse a BE year-month "256701", "2567-01" or "2567/01" to the first day of that month."""
    if len(value) > MAX_INPUT_CHARS:
        raise _too_long(value)
    text = clean_text(value)
    if text is None:
        raise NormalisationError(value, "ไม่มีค่าเดือนปี", "empty year-month")
    match = _BE_YEAR_MONTH.fullmatch(thai_digits_to_arabic(text))
    if match is None:
        raise NormalisationError(value, "รูปแบบปีเดือนไม่ถูกต้อง", "unrecognised year-month format")
    year = _ce_year(value, match["year"], be_only=True)
    return _make_date(value, year, int(match["month"] or match["month2"]), 1)


def to_buddhist_year(ce_year: int) -> int:
    """Common Era year -> Buddhist Era year (2024 -> 2567)."""
    return ce_year + BE_OFFSET


def to_ce_year(be_year: int) -> int:
    """Buddhist Era year -> Common Era year (2567 -> 2024)."""
    return be_year - BE_OFFSET


def format_thai_date(day: dt.date, style: DateStyle, thai_digits: bool = False) -> str:
    """Format a date the way Thai documents do; ``thai_digits`` converts every digit.

    slash_be "15/01/2567", slash_be_short "15/1/67", abbr_be_short "15 ม.ค. 67",
    abbr_be "15 ม.ค. 2567", full_be "15 มกราคม 2567", iso_be "2567-01-15", iso_ce "2024-01-15".
    """
    be = to_buddhist_year(day.year)
    short = be % 100
    if style == "slash_be":
        text = f"{day.day:02d}/{day.month:02d}/{be}"
    elif style == "slash_be_short":
        text = f"{day.day}/{day.month}/{short:02d}"
    elif style == "abbr_be_short":
        text = f"{day.day} {MONTHS_ABBR_TH[day.month - 1]} {short:02d}"
    elif style == "abbr_be":
        text = f"{day.day} {MONTHS_ABBR_TH[day.month - 1]} {be}"
    elif style == "full_be":
        text = f"{day.day} {MONTHS_FULL_TH[day.month - 1]} {be}"
    elif style == "iso_be":
        text = f"{be:04d}-{day.month:02d}-{day.day:02d}"
    elif style == "iso_ce":
        text = f"{day.year:04d}-{day.month:02d}-{day.day:02d}"
    else:
        raise NormalisationError(str(style), "ไม่รู้จักรูปแบบวันที่", "unknown date style")
    return arabic_digits_to_thai(text) if thai_digits else text

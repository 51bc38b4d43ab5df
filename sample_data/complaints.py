"""Shared pieces of the complaint feeds: fake complainants, topics and dates with times."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from thai import arabic_digits_to_thai, format_thai_date

MALE_NAMES = ("สมชาย", "วิชัย", "ประเสริฐ", "อนันต์", "ธนากร", "สุรชัย", "กิตติ", "บุญมี", "ชาญวิทย์")
FEMALE_NAMES = ("สมศรี", "มาลี", "สุนีย์", "จันทร์เพ็ญ", "พรทิพย์", "วันเพ็ญ", "นงลักษณ์", "ศิริพร", "อรุณี")
LAST_NAMES = (
    "ใจดี", "ศรีสุข", "มั่นคง", "ทองคำ", "บุญเรือง", "แก้วมณี", "สายสุวรรณ", "พึ่งบุญ", "รักไทย",
    "อินทร์แก้ว", "ปานทอง", "เพชรรัตน์", "วงศ์ใหญ่", "จันทร์หอม", "สุขประเสริฐ", "นาคสวัสดิ์",
)  # fmt: skip


def fake_name(rng: random.Random) -> str:
    """A made-up Thai name with a title that fits it."""
    if rng.random() < 0.5:
        return f"นาย{rng.choice(MALE_NAMES)} {rng.choice(LAST_NAMES)}"
    title = rng.choice(("นาง", "นางสาว"))
    return f"{title}{rng.choice(FEMALE_NAMES)} {rng.choice(LAST_NAMES)}"


def fake_phone(rng: random.Random) -> str:
    prefix = f"0{rng.choice('689')}{rng.randrange(10)}"
    return f"{prefix}-{rng.randrange(1000):03d}-{rng.randrange(10000):04d}"


def fake_citizen_id(rng: random.Random) -> str:
    """A 13-digit number with a valid check digit (made up, belongs to no one)."""
    digits = [rng.randrange(1, 9)] + [rng.randrange(10) for _ in range(11)]
    check = (11 - sum(d * (13 - i) for i, d in enumerate(digits)) % 11) % 10
    return "".join(map(str, digits)) + str(check)


def datetime_text(moment: dt.datetime, style: str, *, thai_digits: bool = False) -> str:
    """Date and time as district clerks type them.

    ``abbr_time`` "15 ม.ค. 67 14:30", ``slash_time_th`` "15/01/2567 09.15 น.",
    ``slash_date`` "15/01/2567" (no time), ``full_time`` "15 มกราคม 2567 เวลา 14.30 น.".
    """
    day = moment.date()
    if style == "abbr_time":
        text = f"{format_thai_date(day, 'abbr_be_short')} {moment:%H:%M}"
    elif style == "slash_time_th":
        text = f"{format_thai_date(day, 'slash_be')} {moment:%H.%M} น."
    elif style == "full_time":
        text = f"{format_thai_date(day, 'full_be')} เวลา {moment:%H.%M} น."
    else:
        text = format_thai_date(day, "slash_be")
    return arabic_digits_to_thai(text) if thai_digits else text


@dataclass
class Entry:
    """One record before it is written: its cells, its tambon and what is special about it."""

    values: list[str]
    code: str  # tambon code of the place the record names
    key: str  # the record's own id (case number, register number)
    special: str = ""  # "" | misspelt | unmatchable_area | impossible_date | missing_required ...
    bad_column: str = ""  # canonical column of a bad value
    protected: bool = False  # the row that keeps its tambon present: never spoiled or removed
    extra: dict[str, str] = field(default_factory=dict)
    cells: list[str | dt.date] = field(default_factory=list)  # XLSX cells, dates as dates

    @property
    def is_bad(self) -> bool:
        return bool(self.bad_column)

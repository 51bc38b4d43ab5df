"""agency_complaints: district offices' monthly complaint registers (cp874 CSV, per amphoe)."""

from __future__ import annotations

import datetime as dt
import random

from sample_data.areas import UNMATCHABLE_NAMES
from sample_data.complaints import Entry, datetime_text, fake_name, fake_phone
from sample_data.context import (
    AreaNames,
    SampleContext,
    assign_tambons,
    pick_register_specials,
)
from sample_data.periods import be_year_month, delivery, month_end, selected_months
from sample_data.summary import BadRow, FeedLog, FileRecord
from sample_data.writers import Encoding, write_csv
from thai import DateStyle, arabic_digits_to_thai, format_thai_date
from thai.constants import BE_OFFSET, MONTHS_FULL_TH

FEED = "agency_complaints"
CASES_PER_YEAR = 6_000
HEADER = (
    "เลขที่รับ",
    "ช่องทาง",
    "วันเวลาที่รับ",
    "ชื่อผู้ร้อง",
    "โทรศัพท์",
    "หมวดหมู่",
    "รายละเอียด",
    "หมู่ที่",
    "ตำบล",
    "อำเภอ",
    "หน่วยงานที่รับผิดชอบ",
    "สถานะ",
    "วันที่แล้วเสร็จ",
)
COLUMN = {name: i for i, name in enumerate(HEADER)}
CHANNELS = ("โทรศัพท์", "LINE", "ติดต่อด้วยตนเอง", "หนังสือ")
CHANNEL_WEIGHTS = (0.3, 0.3, 0.25, 0.15)
TOPICS: dict[str, tuple[str, ...]] = {
    "ถนนชำรุด": ("ถนนในหมู่บ้านชำรุดเป็นหลุม", "ขอให้ซ่อมถนนลูกรังช่วงฤดูฝน"),
    "ไฟฟ้าส่องสว่าง": ("ไฟทางดับหลายต้น", "ขอติดตั้งไฟส่องสว่างเพิ่ม"),
    "น้ำประปา": ("น้ำประปาไม่ไหลหลายวัน", "น้ำประปาขุ่นมีตะกอน"),
    "ขยะ": ("ขยะตกค้างไม่มีการจัดเก็บ", "มีการลักลอบทิ้งขยะ"),
    "น้ำท่วม": ("น้ำท่วมขังถนนและบ้านเรือน",),
    "เหตุเดือดร้อนรำคาญ": ("กลิ่นเหม็นจากฟาร์มสุกร", "เสียงดังจากโรงงานตอนกลางคืน"),
    "ที่ดิน": ("ข้อพิพาทแนวเขตที่ดิน", "ถูกบุกรุกที่ดินสาธารณะ"),
    "สัตว์จรจัด": ("สุนัขจรจัดจำนวนมาก",),
    "ยาเสพติด": ("แจ้งเบาะแสยาเสพติดในหมู่บ้าน",),
    "อื่นๆ": ("ขอความช่วยเหลือค่าครองชีพ", "สอบถามสิทธิเบี้ยยังชีพ"),
}
STATUSES = ("รับเรื่อง", "อยู่ระหว่างดำเนินการ", "ดำเนินการแล้วเสร็จ", "ยุติเรื่อง")
STATUS_WEIGHTS = (0.1, 0.25, 0.5, 0.15)
DONE = ("ดำเนินการแล้วเสร็จ", "ยุติเรื่อง")
TIME_STYLES = ("abbr_time", "slash_time_th", "slash_date", "full_time")
TIME_STYLE_WEIGHTS = (0.4, 0.35, 0.15, 0.1)
UNMATCHABLE_PER_YEAR = 2
MILD_SHARE = 0.005


def _encoding(amphoe_index: int) -> Encoding:
    """Most district offices save from old Windows machines; three have newer ones."""
    if amphoe_index in (2, 5):
        return "utf-8"
    return "utf-8-sig" if amphoe_index == 8 else "cp874"


def generate(ctx: SampleContext) -> FeedLog:
    log = FeedLog(FEED, area_keyed=True)
    misspellings: dict[str, str] = {}
    plans: list[tuple[FileRecord, list[Entry], bool]] = []
    for year in ctx.years:
        plans += _plan_year(ctx, year, misspellings)
    # The register with the most removable cases is the one re-sent with corrections.
    corrected = max(
        range(len(plans)),
        key=lambda i: (sum(not e.special and not e.protected for e in plans[i][1]), -i),
    )
    total = len(plans) + 1
    for done, (record, entries, thai_digits) in enumerate(plans, 1):
        _write(ctx, log, record, entries, thai_digits=thai_digits)
        ctx.report(FEED, done, total)
    _correct(ctx, log, *plans[corrected])
    ctx.report(FEED, total, total)
    log.details["misspellings"] = [
        {"text": text, "tambon_code": code} for text, code in sorted(misspellings.items())
    ]
    return log


def _plan_year(
    ctx: SampleContext, year: int, misspellings: dict[str, str]
) -> list[tuple[FileRecord, list[Entry], bool]]:
    rng = ctx.rng(FEED, year)
    months = selected_months(year, ctx.scale)
    count = ctx.count(CASES_PER_YEAR, len(ctx.areas.tambons) + 30)
    codes, protected = assign_tambons(count, [t.code for t in ctx.areas.tambons], ctx.weights, rng)
    names = AreaNames(ctx.areas, rng, zero_width=False)  # cp874 has no zero-width characters
    specials = pick_register_specials(
        rng, protected, codes, names, unmatchable=UNMATCHABLE_PER_YEAR, mild_share=MILD_SHARE
    )
    files: dict[tuple[str, dt.date], list[tuple[dt.datetime, str, str, bool]]] = {}
    for i, code in enumerate(codes):
        month = rng.choice(months)
        day = month + dt.timedelta(days=rng.randrange(month_end(month).day))
        moment = dt.datetime.combine(day, dt.time(rng.randrange(8, 17), rng.randrange(60)))
        amphoe = ctx.areas.by_code[code].amphoe_code
        files.setdefault((amphoe, month), []).append(
            (moment, code, specials.get(i, ""), protected[i])
        )
    plans: list[tuple[FileRecord, list[Entry], bool]] = []
    amphoe_index = {a.code: i for i, a in enumerate(ctx.areas.amphoes)}
    sequence: dict[str, int] = {}
    for (amphoe, month), cases in sorted(files.items(), key=lambda item: (item[0][1], item[0][0])):
        index = amphoe_index[amphoe]
        record = FileRecord(
            feed=FEED,
            delivery=delivery(month_end(month) + dt.timedelta(days=3 + index)),
            name=f"complaints_register_{amphoe}_{be_year_month(month)}.csv",
            encoding=_encoding(index),
        )
        entries = []
        for moment, code, special, is_protected in sorted(cases):
            sequence[amphoe] = sequence.get(amphoe, 0) + 1
            entry = _entry(ctx, rng, names, moment, code, special, sequence[amphoe], year)
            entry.protected = is_protected
            entries.append(entry)
        thai_digits = (index + month.month) % 7 == 0
        plans.append((record, entries, thai_digits))
    misspellings.update(names.misspellings)
    return plans


def _entry(
    ctx: SampleContext,
    rng: random.Random,
    names: AreaNames,
    moment: dt.datetime,
    code: str,
    special: str,
    number: int,
    year: int,
) -> Entry:
    tambon = ctx.areas.by_code[code]
    topic = rng.choice(list(TOPICS))
    status = rng.choices(STATUSES, weights=STATUS_WEIGHTS)[0]
    resolved = ""
    if status in DONE:
        finished = moment.date() + dt.timedelta(days=rng.randrange(1, 45))
        shape: DateStyle = rng.choice(("slash_be", "slash_be", "abbr_be_short"))
        # Registers go out a few days after the month ends: a later finish is not in them yet.
        if finished <= month_end(moment.date().replace(day=1)) + dt.timedelta(days=3):
            resolved = format_thai_date(finished, shape)
        else:
            status = "อยู่ระหว่างดำเนินการ"
    local = [lao.name_th for lao in ctx.areas.local_laos(code)]
    amphoe_name = ctx.areas.amphoe_by_code[tambon.amphoe_code].name_th
    unit = rng.choice([*local, f"ที่ทำการปกครองอำเภอ{amphoe_name}"])
    style = rng.choices(TIME_STYLES, weights=TIME_STYLE_WEIGHTS)[0]
    values = [
        f"{number}/{year}",
        rng.choices(CHANNELS, weights=CHANNEL_WEIGHTS)[0],
        datetime_text(moment, style),
        fake_name(rng),
        fake_phone(rng),
        topic,
        rng.choice(TOPICS[topic]),
        str(rng.randrange(1, 16)),
        names.tambon(code),
        names.amphoe(tambon.amphoe_code),
        unit,
        status,
        resolved,
    ]
    entry = Entry(values=values, code=code, key=values[0], special=special)
    if special == "misspelt":
        values[COLUMN["ตำบล"]] = names.misspelt(code)
    elif special == "unmatchable_area":
        values[COLUMN["ตำบล"]] = rng.choice(UNMATCHABLE_NAMES)
        entry.bad_column = "tambon_text"
    elif special == "impossible_date":
        values[COLUMN["วันเวลาที่รับ"]] = f"31 ก.พ. {(moment.year + BE_OFFSET) % 100} 10:30"
        entry.bad_column = "received_at"
    elif special == "missing_required":
        values[COLUMN["สถานะ"]] = ""
        entry.bad_column = "status_text"
    return entry


def _write(
    ctx: SampleContext,
    log: FeedLog,
    record: FileRecord,
    entries: list[Entry],
    *,
    thai_digits: bool,
) -> None:
    amphoe_code = record.name.split("_")[2]
    month = record.name[-10:-4]
    month_name = MONTHS_FULL_TH[int(month[4:]) - 1]
    amphoe_name = ctx.areas.amphoe_by_code[amphoe_code].name_th
    lines: list[list[str]] = [
        [f"ทะเบียนรับเรื่องร้องเรียน ที่ทำการปกครองอำเภอ{amphoe_name} เดือน{month_name} {month[:4]}"]
    ]
    lines.append(list(HEADER))
    record.header_row = len(lines)
    for entry in entries:
        values = list(entry.values)
        if thai_digits:
            for column in ("วันเวลาที่รับ", "หมู่ที่", "วันที่แล้วเสร็จ"):
                values[COLUMN[column]] = arabic_digits_to_thai(values[COLUMN[column]])
        lines.append(values)
        record.rows += 1
        if entry.is_bad:
            raw = values[COLUMN[_HEADER_OF[entry.bad_column]]]
            record.bad.append(BadRow(len(lines), entry.bad_column, raw, entry.special))
        elif entry.special != "misspelt":
            record.tambon_codes.add(entry.code)
    trailing = 2 if int(month[4:]) % 4 == 0 else 0
    for _ in range(trailing):
        lines.append([""] * len(HEADER))
        record.blank_rows += 1
    write_csv(
        ctx.path(record),
        lines,
        encoding=_as_encoding(record.encoding),
        newline="\r\n" if record.encoding == "cp874" else "\n",
    )
    log.add_file(record)
    log.quirk(f"encoding_{record.encoding}", f"file encoded as {record.encoding}", 1, record.path)
    log.quirk("preamble_rows", "a title line above the header", 1, record.path)
    log.quirk("pii_columns", "complainant name and phone (not mapped, never landed)", 1)
    log.quirk(
        "thai_datetimes",
        'received as "15 ม.ค. 67 14:30", "15/01/2567 09.15 น.", "15 มกราคม 2567 เวลา 14.30 น."',
        record.rows,
    )
    if thai_digits:
        log.quirk("thai_digits", "dates and village numbers in Thai digits", 1, record.path)
    if record.blank_rows:
        log.quirk("blank_rows", "empty rows left at the end", record.blank_rows, record.path)
    kinds: dict[str, int] = {}
    for entry in entries:
        kinds[entry.special] = kinds.get(entry.special, 0) + 1
    log.quirk(
        "misspelt_mild",
        "tambon names with a one-letter slip that a fuzzy match within the amphoe resolves",
        kinds.get("misspelt", 0),
        record.path,
    )
    for bad in record.bad:
        log.quirk(f"bad_{bad.problem}", f"deliberately bad row: {bad.problem}", 1, record.path)


_HEADER_OF = {"tambon_text": "ตำบล", "received_at": "วันเวลาที่รับ", "status_text": "สถานะ"}


def _as_encoding(name: str) -> Encoding:
    if name == "cp874":
        return "cp874"
    return "utf-8-sig" if name == "utf-8-sig" else "utf-8"


def _correct(
    ctx: SampleContext, log: FeedLog, original: FileRecord, entries: list[Entry], thai_digits: bool
) -> None:
    """The district office re-sends a month: statuses updated, one case withdrawn, one added."""
    fixed = [
        Entry(list(e.values), e.code, e.key, e.special, e.bad_column, protected=e.protected)
        for e in entries
    ]
    # Withdraw a case that is not a tambon's only row, so coverage is unchanged.
    removed = next(e for e in reversed(fixed) if not e.special and not e.protected)
    fixed.remove(removed)
    clean = [e for e in fixed if not e.special]
    open_cases = [e for e in clean if e.values[COLUMN["สถานะ"]] not in DONE]
    updated = (open_cases + [e for e in clean if e not in open_cases])[:3]
    changes: list[dict[str, str]] = []
    for entry in updated:
        old = entry.values[COLUMN["สถานะ"]]
        new = "ยุติเรื่อง" if old == "ดำเนินการแล้วเสร็จ" else "ดำเนินการแล้วเสร็จ"
        entry.values[COLUMN["สถานะ"]] = new
        # Resolved on the day the month's register was first sent.
        entry.values[COLUMN["วันที่แล้วเสร็จ"]] = format_thai_date(
            dt.date.fromisoformat(original.delivery), "slash_be"
        )
        changes.append({"register_no": entry.key, "column": "status_text", "old": old, "new": new})
    added = Entry(list(removed.values), removed.code, "")
    number, year = fixed[-1].key.split("/")
    added.values[COLUMN["เลขที่รับ"]] = added.key = f"{number}-1/{year}"
    added.values[COLUMN["รายละเอียด"]] = "เรื่องรับเพิ่มเติม ลงทะเบียนย้อนหลัง"
    added.values[COLUMN["สถานะ"]] = "รับเรื่อง"
    added.values[COLUMN["วันที่แล้วเสร็จ"]] = ""
    fixed.append(added)
    record = FileRecord(
        feed=FEED,
        delivery=delivery(dt.date.fromisoformat(original.delivery) + dt.timedelta(days=20)),
        name=original.name,
        encoding=original.encoding,
        resend="corrected",
        resend_of=original.path,
    )
    _write(ctx, log, record, fixed, thai_digits=thai_digits)
    log.quirk("resend_corrected", "a corrected file re-sent under the same name", 1, record.path)
    log.details["corrections"] = [
        {
            "file_name": record.name,
            "original": original.path,
            "corrected": record.path,
            "key_column": "register_no",
            "changed": changes,
            "removed": [removed.key],
            "added": [added.key],
            "rows_before": original.rows,
            "rows_after": record.rows,
        }
    ]

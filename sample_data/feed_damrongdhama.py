"""damrongdhama_complaints: the Damrongdhama Centre's monthly register (XLSX, merged header)."""

from __future__ import annotations

import datetime as dt
import random

from openpyxl import Workbook

from sample_data.areas import UNMATCHABLE_NAMES
from sample_data.complaints import Entry, fake_name, fake_phone
from sample_data.context import (
    AreaNames,
    SampleContext,
    assign_tambons,
    pick_register_specials,
)
from sample_data.periods import be_year_month, delivery, month_end, selected_months
from sample_data.summary import BadRow, FeedLog, FileRecord
from sample_data.writers import merge, save_workbook, styled
from thai import format_thai_date
from thai.constants import BE_OFFSET, MONTHS_FULL_TH

FEED = "damrongdhama_complaints"
CASES_PER_YEAR = 3_000
# (group text or "", column text); a group spans the consecutive columns that name it.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("", "ลำดับ"),
    ("", "เลขที่เรื่อง"),
    ("", "วันที่รับเรื่อง"),
    ("", "ชื่อ-สกุลผู้ร้อง"),
    ("", "เบอร์โทรศัพท์"),
    ("ที่อยู่ผู้ร้อง", "ตำบล"),
    ("ที่อยู่ผู้ร้อง", "อำเภอ"),
    ("", "เรื่อง"),
    ("ประเภทเรื่อง", "ประเภทหลัก"),
    ("ประเภทเรื่อง", "ประเภทย่อย"),
    ("สถานที่เกิดเหตุ", "ตำบล"),
    ("สถานที่เกิดเหตุ", "อำเภอ"),
    ("", "หน่วยงานที่รับผิดชอบ"),
    ("ผลการดำเนินการ", "สถานะ"),
    ("ผลการดำเนินการ", "วันที่ยุติเรื่อง"),
)
INDEX = {(group + " " + text).strip(): i for i, (group, text) in enumerate(COLUMNS)}
# The registry's canonical column -> position in COLUMNS, for bad values.
CANONICAL = {
    "received_date": INDEX["วันที่รับเรื่อง"],
    "main_type": INDEX["ประเภทเรื่อง ประเภทหลัก"],
    "incident_tambon_text": INDEX["สถานที่เกิดเหตุ ตำบล"],
}
TYPES: dict[str, tuple[str, ...]] = {
    "ขอความช่วยเหลือ": ("ค่าครองชีพ", "ที่อยู่อาศัย", "การรักษาพยาบาล"),
    "ร้องเรียน/ร้องทุกข์": (
        "เหตุเดือดร้อนรำคาญ",
        "ถนน ไฟฟ้า ประปา",
        "หนี้นอกระบบ",
        "การกระทำของเจ้าหน้าที่รัฐ",
    ),
    "แจ้งเบาะแส": ("ยาเสพติด", "การพนัน", "การบุกรุกที่ดินสาธารณะ"),
    "ขอความเป็นธรรม": ("ที่ดิน", "แรงงาน", "ผู้บริโภค"),
    "ข้อเสนอแนะ/ข้อคิดเห็น": ("การพัฒนาพื้นที่", "การบริการภาครัฐ"),
    "สอบถาม/ขอข้อมูล": ("สิทธิสวัสดิการ", "ขั้นตอนราชการ"),
}
TYPE_WEIGHTS = (0.25, 0.35, 0.1, 0.15, 0.05, 0.1)
STATUSES = ("รับเรื่อง", "อยู่ระหว่างดำเนินการ", "ส่งหน่วยงานที่เกี่ยวข้อง", "ยุติเรื่อง")
STATUS_WEIGHTS = (0.1, 0.3, 0.15, 0.45)
CLOSED = "ยุติเรื่อง"
IN_PROGRESS = "อยู่ระหว่างดำเนินการ"
EXPORT_DELAY = dt.timedelta(days=7)
DATE_SHAPES = ("slash_be", "abbr_be_short", "excel_date", "thai_digits", "full_be")
DATE_SHAPE_WEIGHTS = (0.4, 0.2, 0.15, 0.15, 0.1)
UNMATCHABLE_PER_YEAR = 2
MILD_SHARE = 0.005


def _date_cell(day: dt.date, shape: str) -> str | dt.date:
    if shape == "excel_date":
        return day
    if shape == "thai_digits":
        return format_thai_date(day, "slash_be", thai_digits=True)
    if shape == "abbr_be_short":
        return format_thai_date(day, "abbr_be_short")
    if shape == "full_be":
        return format_thai_date(day, "full_be")
    return format_thai_date(day, "slash_be")


def generate(ctx: SampleContext) -> FeedLog:
    log = FeedLog(FEED, area_keyed=True)
    misspellings: dict[str, str] = {}
    months_all = [(y, m) for y in ctx.years for m in selected_months(y, ctx.scale)]
    done = 0
    for year in ctx.years:
        rng = ctx.rng(FEED, year)
        months = selected_months(year, ctx.scale)
        count = ctx.count(CASES_PER_YEAR, len(ctx.areas.tambons) + 10)
        codes, protected = assign_tambons(
            count, [t.code for t in ctx.areas.tambons], ctx.weights, rng
        )
        names = AreaNames(ctx.areas, rng, zero_width=True)
        specials = pick_register_specials(
            rng, protected, codes, names, unmatchable=UNMATCHABLE_PER_YEAR, mild_share=MILD_SHARE
        )
        by_month: dict[dt.date, list[tuple[dt.date, int]]] = {m: [] for m in months}
        for i in range(len(codes)):
            month = rng.choice(months)
            day = month + dt.timedelta(days=rng.randrange(month_end(month).day))
            by_month[month].append((day, i))
        number = 0
        for month in months:
            entries = []
            for day, i in sorted(by_month[month]):
                number += 1
                entries.append(
                    _entry(
                        ctx, rng, names, day, codes[i], specials.get(i, ""), number, protected[i]
                    )
                )
            _write(ctx, log, names, month, entries, blank_before_total=month.month % 3 == 0)
            done += 1
            ctx.report(FEED, done, len(months_all))
        misspellings.update(names.misspellings)
    log.details["misspellings"] = [
        {"text": text, "tambon_code": code} for text, code in sorted(misspellings.items())
    ]
    return log


def _entry(
    ctx: SampleContext,
    rng: random.Random,
    names: AreaNames,
    day: dt.date,
    code: str,
    special: str,
    number: int,
    protected: bool,
) -> Entry:
    tambon = ctx.areas.by_code[code]
    amphoe = ctx.areas.amphoe_by_code[tambon.amphoe_code]
    main = rng.choices(list(TYPES), weights=TYPE_WEIGHTS)[0]
    sub = rng.choice(TYPES[main])
    status = rng.choices(STATUSES, weights=STATUS_WEIGHTS)[0]
    home = tambon if rng.random() < 0.7 else rng.choice(ctx.areas.tambons)
    local = [lao.name_th for lao in ctx.areas.local_laos(code)]
    unit = rng.choice([*local, f"อำเภอ{amphoe.name_th}", "สำนักงานจังหวัดสระบุรี"])
    shape = rng.choices(DATE_SHAPES, weights=DATE_SHAPE_WEIGHTS)[0]
    closed: str | dt.date = ""
    if status == CLOSED:
        closed_on = day + dt.timedelta(days=rng.randrange(3, 60))
        # The register is exported a week after the month ends: a later closing is not in it yet.
        if closed_on <= month_end(day.replace(day=1)) + EXPORT_DELAY:
            closed = _date_cell(closed_on, shape)
        else:
            status = IN_PROGRESS
    case_no = f"ดธ.สบ. {number:04d}/{day.year + BE_OFFSET}"
    values: list[str | dt.date] = [
        str(number),
        case_no,
        _date_cell(day, shape),
        fake_name(rng),
        fake_phone(rng),
        home.name_th,
        ctx.areas.amphoe_by_code[home.amphoe_code].name_th,
        f"ขอให้ตรวจสอบและแก้ไขปัญหา{sub}",
        main,
        sub,
        names.tambon(code),
        names.amphoe(amphoe.code),
        unit,
        status,
        closed,
    ]
    entry = Entry(values=[], code=code, key=case_no, special=special, protected=protected)
    entry.extra["shape"] = shape
    tambon_at = INDEX["สถานที่เกิดเหตุ ตำบล"]
    if special == "misspelt":
        values[tambon_at] = names.misspelt(code)
    elif special == "unmatchable_area":
        values[tambon_at] = rng.choice(UNMATCHABLE_NAMES)
        entry.bad_column = "incident_tambon_text"
    elif special == "impossible_date":
        values[INDEX["วันที่รับเรื่อง"]] = f"31/02/{day.year + BE_OFFSET}"
        entry.bad_column = "received_date"
    elif special == "missing_required":
        values[INDEX["ประเภทเรื่อง ประเภทหลัก"]] = ""
        entry.bad_column = "main_type"
    entry.cells = values
    return entry


def _write(
    ctx: SampleContext,
    log: FeedLog,
    names: AreaNames,
    month: dt.date,
    entries: list[Entry],
    *,
    blank_before_total: bool,
) -> None:
    record = FileRecord(
        feed=FEED,
        delivery=delivery(month_end(month) + EXPORT_DELAY),
        name=f"ศูนย์ดำรงธรรม_{be_year_month(month)}.xlsx",
        encoding="xlsx",
    )
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("ทะเบียนเรื่องร้องเรียน")
    width = len(COLUMNS)
    month_text = f"{MONTHS_FULL_TH[month.month - 1]} {month.year + BE_OFFSET}"
    titles = (
        "ทะเบียนคุมเรื่องร้องเรียน/ร้องทุกข์ ศูนย์ดำรงธรรมจังหวัดสระบุรี (สายด่วน 1567)",
        f"ประจำเดือน{month_text}",
    )
    for row, title in enumerate(titles, 1):
        sheet.append([styled(sheet, title, bold=True)])
        merge(sheet, row, 1, row, width)
    sheet.append([])
    top, bottom = 4, 5
    upper: list[object] = []
    lower: list[object] = []
    for column, (group, text) in enumerate(COLUMNS, 1):
        if not group:
            upper.append(styled(sheet, text, bold=True))
            lower.append(None)
            merge(sheet, top, column, bottom, column)
            continue
        if column == 1 or COLUMNS[column - 2][0] != group:
            span = sum(1 for g, _ in COLUMNS if g == group)
            upper.append(styled(sheet, group, bold=True))
            merge(sheet, top, column, top, column + span - 1)
        else:
            upper.append(None)
        lower.append(styled(sheet, text, bold=True))
    sheet.append(upper)
    sheet.append(lower)
    record.header_row = bottom
    row = bottom
    shapes: dict[str, int] = {}
    for entry in entries:
        row += 1
        sheet.append([value if value != "" else None for value in entry.cells])
        record.rows += 1
        shapes[entry.extra["shape"]] = shapes.get(entry.extra["shape"], 0) + 1
        if entry.is_bad:
            raw = entry.cells[CANONICAL[entry.bad_column]]
            record.bad.append(BadRow(row, entry.bad_column, str(raw), entry.special))
        elif entry.special != "misspelt":
            record.tambon_codes.add(entry.code)
    if blank_before_total:
        row += 1
        sheet.append([])
        record.blank_rows += 1
    row += 1
    sheet.append([styled(sheet, f"รวม {len(entries)} เรื่อง", bold=True)])
    merge(sheet, row, 1, row, 3)
    record.skipped_rows += 1
    save_workbook(workbook, ctx.path(record))
    log.add_file(record)
    names.flush(log, record.path)
    log.quirk("title_rows", "two merged title rows and an empty row above the header", 1)
    log.quirk(
        "two_row_merged_header",
        "group cells (ประเภทเรื่อง, สถานที่เกิดเหตุ, ผลการดำเนินการ) merged over their columns",
        1,
        record.path,
    )
    log.quirk("totals_row", "a closing รวม N เรื่อง row", 1, record.path)
    log.quirk("pii_columns", "complainant name, phone and home tambon (not mapped)", 1)
    if record.blank_rows:
        log.quirk("blank_rows", "an empty row before the totals", record.blank_rows, record.path)
    described = {
        "excel_date": "dates as real Excel date cells",
        "thai_digits": "dates in Thai digits (๑๕/๐๑/๒๕๖๘)",
        "abbr_be_short": "dates as 15 ม.ค. 68",
        "full_be": "dates as 15 มกราคม 2568",
        "slash_be": "dates as 15/01/2568",
    }
    for shape, count in shapes.items():
        log.quirk(f"date_{shape}", described[shape], count, record.path)
    for bad in record.bad:
        log.quirk(f"bad_{bad.problem}", f"deliberately bad row: {bad.problem}", 1, record.path)

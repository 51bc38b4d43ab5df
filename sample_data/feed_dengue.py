"""dengue_506: yearly dengue case registers per amphoe (XLSX, header anywhere, PII columns)."""

from __future__ import annotations

import datetime as dt
import random

from openpyxl import Workbook

from sample_data.areas import UNMATCHABLE_NAMES
from sample_data.complaints import fake_citizen_id, fake_name
from sample_data.context import (
    AreaNames,
    SampleContext,
    assign_tambons,
    pick_register_specials,
)
from sample_data.periods import delivery, fiscal_bounds, fiscal_months, month_end
from sample_data.summary import BadRow, FeedLog, FileRecord
from sample_data.writers import save_workbook
from thai import arabic_digits_to_thai, format_thai_date
from thai.constants import BE_OFFSET

FEED = "dengue_506"
CASES_PER_YEAR = 1_500
# Onset by fiscal month (Oct..Sep): the rainy season peaks in July-August.
MONTH_WEIGHTS = (0.9, 0.6, 0.35, 0.25, 0.2, 0.2, 0.3, 0.6, 1.0, 1.4, 1.5, 1.2)
DISEASES = (("ไข้เดงกี", "66", "A90"), ("ไข้เลือดออก", "26", "A91"), ("ไข้เลือดออกช็อก", "27", "A91"))
DISEASE_WEIGHTS = (0.6, 0.37, 0.03)
OUTCOMES = ("หาย", "ยังรักษาอยู่", "ส่งต่อ", "เสียชีวิต")
OUTCOME_WEIGHTS = (0.85, 0.1, 0.045, 0.005)
# Canonical column -> header texts a hospital may use (line breaks fold to spaces on reading).
HEADERS: dict[str, tuple[str, ...]] = {
    "reported_date": ("วันที่รายงาน",),
    "hn": ("HN",),
    "citizen_id": ("เลขประจำตัว\nประชาชน", "เลขบัตรประชาชน"),
    "full_name": ("ชื่อ-สกุล", "ชื่อ - สกุล"),
    "sex_text": ("เพศ",),
    "birth_date": ("วันเกิด",),
    "age_years": ("อายุ\n(ปี)", "อายุ"),
    "house_no": ("บ้านเลขที่",),
    "village_no": ("หมู่ที่", "หมู่"),
    "tambon_text": ("ตำบล",),
    "amphoe_text": ("อำเภอ",),
    "onset_date": ("วันเริ่มป่วย",),
    "disease_name": ("โรค",),
    "code_506": ("รหัส\n506", "รหัสโรค 506"),
    "icd10": ("ICD-10", "ICD10"),
    "patient_type": ("ประเภทผู้ป่วย\n(OPD/IPD)", "ประเภทผู้ป่วย"),
    "outcome": ("ผลการรักษา",),
}
PII = ("hn", "citizen_id", "full_name", "birth_date", "house_no")
DATE_SHAPES = ("excel_date", "slash_be", "iso_be", "thai_digits")
UNMATCHABLE_PER_YEAR = 2
MILD_SHARE = 0.005
Cell = str | int | dt.date | None


def generate(ctx: SampleContext) -> FeedLog:
    log = FeedLog(FEED, area_keyed=True)
    misspellings: dict[str, str] = {}
    total = len(ctx.years) * len(ctx.areas.amphoes)
    done = 0
    for year in ctx.years:
        rng = ctx.rng(FEED, year)
        count = ctx.count(CASES_PER_YEAR, len(ctx.areas.tambons) + 10)
        weights = {c: w * (0.5 + ctx.deprivation[c]) for c, w in ctx.weights.items()}
        codes, protected = assign_tambons(count, [t.code for t in ctx.areas.tambons], weights, rng)
        names = AreaNames(ctx.areas, rng, zero_width=True)
        specials = pick_register_specials(
            rng, protected, codes, names, unmatchable=UNMATCHABLE_PER_YEAR, mild_share=MILD_SHARE
        )
        cases: dict[str, list[dict[str, Cell]]] = {a.code: [] for a in ctx.areas.amphoes}
        months = fiscal_months(year)
        for i, code in enumerate(codes):
            month = rng.choices(months, weights=MONTH_WEIGHTS)[0]
            onset = month + dt.timedelta(days=rng.randrange(month_end(month).day))
            case = _case(ctx, rng, names, code, onset, specials.get(i, ""))
            cases[ctx.areas.by_code[code].amphoe_code].append(case)
        for index, amphoe in enumerate(ctx.areas.amphoes):
            _write(ctx, log, names, year, index, amphoe.code, cases[amphoe.code])
            done += 1
            ctx.report(FEED, done, total)
        misspellings.update(names.misspellings)
    log.details["misspellings"] = [
        {"text": text, "tambon_code": code} for text, code in sorted(misspellings.items())
    ]
    return log


def _case(
    ctx: SampleContext,
    rng: random.Random,
    names: AreaNames,
    code: str,
    onset: dt.date,
    special: str,
) -> dict[str, Cell]:
    tambon = ctx.areas.by_code[code]
    age = min(90, int(rng.lognormvariate(2.6, 0.6)))
    reported = onset + dt.timedelta(days=rng.randrange(1, 8))
    birth = reported - dt.timedelta(days=365 * age + rng.randrange(365))
    disease = rng.choices(DISEASES, weights=DISEASE_WEIGHTS)[0]
    outcome = rng.choices(OUTCOMES, weights=OUTCOME_WEIGHTS)[0]
    return {
        "reported_date": reported,
        "hn": f"{rng.randrange(10**6, 10**7)}",
        "citizen_id": fake_citizen_id(rng),
        "full_name": fake_name(rng),
        "sex_text": rng.choice(("ชาย", "หญิง")),
        "birth_date": format_thai_date(birth, "slash_be"),
        "age_years": age,
        "house_no": f"{rng.randrange(1, 300)}/{rng.randrange(1, 12)}",
        "village_no": rng.randrange(1, 16),
        "tambon_text": names.tambon(code),
        "amphoe_text": names.amphoe(tambon.amphoe_code),
        "onset_date": onset,
        "disease_name": disease[0],
        "code_506": disease[1],
        "icd10": disease[2],
        "patient_type": rng.choices(("OPD", "IPD"), weights=(0.4, 0.6))[0],
        "outcome": outcome,
        "_code": code,
        "_special": special,
    }


def _date(day: dt.date, shape: str) -> Cell:
    if shape == "excel_date":
        return day
    if shape == "thai_digits":
        return format_thai_date(day, "slash_be", thai_digits=True)
    if shape == "iso_be":
        return format_thai_date(day, "iso_be")
    return format_thai_date(day, "slash_be")


def _write(
    ctx: SampleContext,
    log: FeedLog,
    names: AreaNames,
    year: int,
    index: int,
    amphoe_code: str,
    cases: list[dict[str, Cell]],
) -> None:
    rng = ctx.rng(FEED, year, amphoe_code, "layout")
    _, year_end = fiscal_bounds(year)
    record = FileRecord(
        feed=FEED,
        delivery=delivery(year_end + dt.timedelta(days=10 + index)),
        name=f"รง506_{amphoe_code}_{year}.xlsx",
        encoding="xlsx",
    )
    columns = list(HEADERS)
    rng.shuffle(columns)
    header = ["ลำดับ"] + [rng.choice(HEADERS[c]) for c in columns]
    shape = DATE_SHAPES[(index + year) % len(DATE_SHAPES)]
    amphoe_name = ctx.areas.amphoe_by_code[amphoe_code].name_th
    notes: list[list[Cell]] = [
        ["ทะเบียนผู้ป่วยโรคไข้เลือดออก (รง.506)"],
        [f"อำเภอ{amphoe_name} จังหวัดสระบุรี ปีงบประมาณ {year}"],
        [f"ข้อมูล ณ วันที่ {format_thai_date(year_end + dt.timedelta(days=7), 'slash_be')}"],
        ["หมายเหตุ: ข้อมูลเบื้องต้น อาจมีการเปลี่ยนแปลง"],
        [],
        ["แหล่งข้อมูล: รายงาน 506 สำนักงานสาธารณสุขจังหวัดสระบุรี"],
        [],
    ]
    above = rng.randrange(0, 11)  # the header lands on sheet row 1..11
    title_rows = notes[:above] + [[] for _ in range(above - len(notes))]
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("รง506")
    for row in title_rows:
        sheet.append(row)
    sheet.append(header)
    record.header_row = len(title_rows) + 1
    row_number = record.header_row
    cases = sorted(cases, key=lambda c: (str(c["reported_date"]), str(c["hn"])))
    for number, case in enumerate(cases, 1):
        row_number += 1
        values = dict(case)
        mixed = shape if rng.random() < 0.8 else rng.choice(DATE_SHAPES)
        assert isinstance(case["reported_date"], dt.date)
        assert isinstance(case["onset_date"], dt.date)
        values["reported_date"] = _date(case["reported_date"], mixed)
        values["onset_date"] = _date(case["onset_date"], mixed)
        if mixed == "thai_digits":
            values["age_years"] = arabic_digits_to_thai(str(case["age_years"]))
        special = str(case["_special"])
        if special == "misspelt":
            values["tambon_text"] = names.misspelt(str(case["_code"]))
        elif special == "unmatchable_area":
            values["tambon_text"] = rng.choice(UNMATCHABLE_NAMES)
            record.bad.append(
                BadRow(row_number, "tambon_text", str(values["tambon_text"]), special)
            )
        elif special == "impossible_date":
            onset = case["onset_date"]
            values["onset_date"] = f"31/02/{onset.year + BE_OFFSET}"
            record.bad.append(BadRow(row_number, "onset_date", str(values["onset_date"]), special))
        elif special == "missing_required":
            values["reported_date"] = None
            record.bad.append(BadRow(row_number, "reported_date", "", special))
        else:
            record.tambon_codes.add(str(case["_code"]))
        sheet.append([number] + [values[c] for c in columns])
        record.rows += 1
    save_workbook(workbook, ctx.path(record))
    log.add_file(record)
    names.flush(log, record.path)
    log.quirk(
        "header_row_varies",
        "title and note rows above the header; header on sheet row 1-11",
        1,
        record.path,
    )
    log.quirk("columns_shuffled", "column order differs between files", 1, record.path)
    if any("\n" in h for h in header):
        log.quirk("header_line_breaks", "header cells with line breaks (อายุ\\n(ปี))", 1, record.path)
    log.quirk("pii_columns", "HN, citizen ID, name, birth date, house number (not mapped)", 1)
    log.quirk(f"date_{shape}", f"dates mostly as {shape}", 1, record.path)
    for bad in record.bad:
        log.quirk(f"bad_{bad.problem}", f"deliberately bad row: {bad.problem}", 1, record.path)

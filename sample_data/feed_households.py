"""cdd_households: the yearly basic minimum needs survey (จปฐ.), one file per amphoe."""

from __future__ import annotations

import datetime as dt

import numpy as np

from sample_data.areas import UNMATCHABLE_NAMES
from sample_data.context import AreaNames, SampleContext
from sample_data.periods import delivery
from sample_data.summary import BadRow, FeedLog, FileRecord
from sample_data.writers import Encoding, write_csv
from thai import arabic_digits_to_thai, format_thai_date
from thai.constants import BE_OFFSET
from thai.dates import DateStyle

FEED = "cdd_households"
HOUSEHOLDS_PER_YEAR = 180_000
POVERTY_LINE = 38_000  # baht per person per year (BMN indicator 22)
INCOME_INDICATOR = 22
PASS, FAIL = "ผ่าน", "ไม่ผ่าน"
# Share of households failing each of the 31 indicators in an average tambon.
BASE_FAIL = np.concatenate(
    [
        [0.03, 0.05, 0.01, 0.02, 0.02, 0.08, 0.12],  # health 1-7
        [0.03, 0.01, 0.01, 0.05, 0.04, 0.02, 0.03],  # living environment 8-14
        [0.02, 0.005, 0.04, 0.1, 0.02],  # education 15-19
        [0.05, 0.15, 0.0, 0.2],  # work and income 20-23 (22 follows the income)
        [0.18, 0.15, 0.2, 0.02, 0.02, 0.02, 0.1, 0.05],  # values 24-31
    ]
)
# Share left blank: indicators that apply only to infants, children, the elderly, the ill.
NOT_APPLICABLE = np.full(31, 0.005)
for _number, _share in {
    1: 0.93, 2: 0.93, 3: 0.85, 15: 0.9, 16: 0.75, 17: 0.85, 18: 0.9,
    21: 0.6, 27: 0.65, 28: 0.95, 29: 0.85,
}.items():  # fmt: skip
    NOT_APPLICABLE[_number - 1] = _share
DATE_STYLES: tuple[DateStyle, ...] = ("slash_be", "slash_be_short", "iso_be", "abbr_be_short")
DATE_STYLE_WEIGHTS = (0.72, 0.14, 0.1, 0.04)
UNMATCHABLE_PER_YEAR = 2
MILD_SHARE = 0.002  # of rows with a one-letter slip in the tambon name


def generate(ctx: SampleContext) -> FeedLog:
    log = FeedLog(FEED, area_keyed=True)
    misspellings: dict[str, str] = {}
    total_files = len(ctx.years) * len(ctx.areas.amphoes)
    done = 0
    for year in ctx.years:
        rng = ctx.rng(FEED, year)
        np_rng = ctx.np_rng(FEED, year)
        floor = len(ctx.areas.tambons) * 2 + 10
        households = ctx.count(HOUSEHOLDS_PER_YEAR, floor)
        codes = [t.code for t in ctx.areas.tambons]
        shares = np.array([ctx.weights[c] for c in codes])
        per_tambon = np_rng.multinomial(households - 2 * len(codes), shares) + 2
        counts = dict(zip(codes, per_tambon.tolist(), strict=True))
        # Special rows: which file (amphoe index) and which kind; spread over the amphoe files.
        n_amphoe = len(ctx.areas.amphoes)
        specials: dict[int, list[str]] = {i: [] for i in range(n_amphoe)}
        kinds = ["impossible_date", "text_in_number", "missing_required"]
        kinds += ["unmatchable_area"] * UNMATCHABLE_PER_YEAR
        for kind in kinds:
            specials[rng.randrange(n_amphoe)].append(kind)
        for index, amphoe in enumerate(ctx.areas.amphoes):
            record = _write_file(ctx, log, year, index, amphoe.code, counts, specials[index])
            misspellings.update(record[1])
            done += 1
            ctx.report(FEED, done, total_files)
    log.details["misspellings"] = [
        {"text": text, "tambon_code": code} for text, code in sorted(misspellings.items())
    ]
    return log


def _encoding(index: int) -> Encoding:
    if index % 4 == 2:
        return "cp874"
    return "utf-8-sig" if index % 4 == 3 else "utf-8"


def _write_file(
    ctx: SampleContext,
    log: FeedLog,
    year: int,
    index: int,
    amphoe_code: str,
    counts: dict[str, int],
    special_kinds: list[str],
) -> tuple[FileRecord, dict[str, str]]:
    rng = ctx.rng(FEED, year, amphoe_code)
    np_rng = ctx.np_rng(FEED, year, amphoe_code)
    encoding = _encoding(index)
    names = AreaNames(ctx.areas, rng, zero_width=encoding != "cp874")
    ce_year = year - BE_OFFSET
    record = FileRecord(
        feed=FEED,
        delivery=delivery(dt.date(ce_year, 6, 10) + dt.timedelta(days=2 * index)),
        name=f"jpt_{year}_{amphoe_code}.csv",
        encoding=encoding,
    )
    short_header = (index + year) % 2 == 0
    separators = index % 3 == 1
    thai_digits = index == 5
    header = ["รหัสบ้าน", "บ้านเลขที่", "หมู่ที่", "ตำบล", "อำเภอ", "จำนวนสมาชิก"]
    header += ["รายได้เฉลี่ยต่อคนต่อปี", "ลงทะเบียนบัตรสวัสดิการ", "วันที่สำรวจ"]
    header += [f"ข้อ {k}" if short_header else f"ตัวชี้วัดที่ {k}" for k in range(1, 32)]
    amphoe_name = ctx.areas.amphoe_by_code[amphoe_code].name_th
    lines: list[list[str]] = [[f"ข้อมูลความจำเป็นพื้นฐาน (จปฐ.) ปี {year} อำเภอ{amphoe_name}"]]
    lines.append(header)
    record.header_row = len(lines)

    survey_start = dt.date(ce_year, 1, 10)
    survey_days = (dt.date(ce_year, 4, 30) - survey_start).days + 1
    date_table = np.array(
        [
            [
                format_thai_date(survey_start + dt.timedelta(days=d), style, thai_digits)
                for style in DATE_STYLES
            ]
            for d in range(survey_days)
        ],
        dtype=object,
    )
    vocabulary = np.array([PASS, FAIL, ""], dtype=object)
    rows: list[list[str]] = []
    protected: list[bool] = []
    tambon_of_row: list[str] = []
    for tambon in ctx.areas.amphoe_by_code[amphoe_code].tambons:
        n = counts[tambon.code]
        dep = ctx.deprivation[tambon.code]
        villages = 4 + int(dep * 10) + int(np_rng.integers(0, 6))
        village = np.sort(np_rng.integers(1, villages + 1, n))
        members = np.clip(1 + np_rng.poisson(2.1, n), 1, 10)
        income = np.exp(np_rng.normal(np.log(110_000) - 1.0 * dep, 0.55, n))
        income = np.round(income / 10) * 10
        welfare = np_rng.random(n) < (0.15 + 0.4 * dep + 0.3 * (income < POVERTY_LINE))
        welfare_text = np.where(welfare, "ลงทะเบียน", "ไม่ลงทะเบียน").astype(object)
        welfare_text[np_rng.random(n) < 0.02] = ""
        fail = BASE_FAIL[None, :] * (0.4 + 1.6 * dep) * np_rng.lognormal(0.0, 0.3, (1, 31))
        draws = np_rng.random((n, 31))
        blank = np_rng.random((n, 31)) < NOT_APPLICABLE[None, :]
        answers = np.where(draws < fail, 1, 0)
        answers = np.where(blank, 2, answers)
        answers[:, INCOME_INDICATOR - 1] = np.where(income < POVERTY_LINE, 1, 0)
        answer_rows = vocabulary[answers].tolist()
        day = np_rng.integers(0, survey_days, n)
        style = np_rng.choice(len(DATE_STYLES), n, p=DATE_STYLE_WEIGHTS)
        dates = date_table[day, style].tolist()
        tambon_texts = names.tambon_many(tambon.code, n, np_rng)
        amphoe_texts = names.amphoe_many(amphoe_code, n, np_rng)
        house_no = np_rng.integers(1, 400, n).tolist()
        sub_no = np_rng.integers(0, 9, n).tolist()
        for i in range(n):
            number = f"{house_no[i]}/{sub_no[i]}" if sub_no[i] else str(house_no[i])
            incomes = f"{int(income[i]):,}" if separators else str(int(income[i]))
            values = [
                f"{tambon.code}{i + 1:05d}",
                number,
                str(village[i]),
                tambon_texts[i],
                amphoe_texts[i],
                str(members[i]),
                incomes,
                welfare_text[i],
                dates[i],
                *answer_rows[i],
            ]
            if thai_digits:
                for column in (1, 2, 5, 6):
                    values[column] = arabic_digits_to_thai(values[column])
            rows.append(values)
            protected.append(i == 0)
            tambon_of_row.append(tambon.code)
        record.tambon_codes.add(tambon.code)

    # Mild misspellings and bad rows go to unprotected rows, so every tambon still lands.
    free = [i for i, flag in enumerate(protected) if not flag]
    rng.shuffle(free)
    mild_wanted = max(1, round(len(rows) * MILD_SHARE))
    mild = [i for i in free if names.can_misspell(tambon_of_row[i])][:mild_wanted]
    for i in mild:
        rows[i][3] = names.misspelt(tambon_of_row[i])
    taken = set(mild)
    spare = [i for i in free if i not in taken]
    bad_at = dict(zip(spare, special_kinds, strict=False))

    blank_at = set(rng.sample(range(len(rows)), 2)) if index % 4 == 1 else set()
    for position, values in enumerate(rows):
        if position in blank_at:
            lines.append([""] * len(header))
            record.blank_rows += 1
        kind = bad_at.get(position)
        if kind is not None:
            record.bad.append(_spoil(values, kind, len(lines) + 1, year))
        lines.append(values)
        record.rows += 1
    write_csv(
        ctx.path(record), lines, encoding=encoding, newline="\r\n" if encoding == "cp874" else "\n"
    )
    log.add_file(record)
    names.flush(log, record.path)
    log.quirk(f"encoding_{encoding}", f"file encoded as {encoding}", 1, record.path)
    log.quirk("preamble_rows", "a title line above the header", 1, record.path)
    if short_header:
        log.quirk("header_variant", "indicator headers written ข้อ N", 1, record.path)
    if separators:
        log.quirk("thousands_separators", "incomes written 85,400", 1, record.path)
    if thai_digits:
        log.quirk("thai_digits", "dates, village and numbers in Thai digits", 1, record.path)
    log.quirk("be_dates_mixed", "survey dates as 15/01/2568, 15/1/68, 2568-01-15, 15 ม.ค. 68")
    if record.blank_rows:
        log.quirk("blank_rows", "rows of empty cells", record.blank_rows, record.path)
    for bad in record.bad:
        log.quirk(f"bad_{bad.problem}", f"deliberately bad row: {bad.problem}", 1, record.path)
    return record, dict(names.misspellings)


def _spoil(values: list[str], kind: str, line: int, year: int) -> BadRow:
    if kind == "impossible_date":
        values[8] = f"31/02/{year}"
        return BadRow(line, "surveyed_date", values[8], kind)
    if kind == "text_in_number":
        values[5] = "สี่คน"
        return BadRow(line, "member_count", values[5], kind)
    if kind == "missing_required":
        values[0] = ""
        return BadRow(line, "household_id", "", kind)
    values[3] = UNMATCHABLE_NAMES[line % len(UNMATCHABLE_NAMES)]
    return BadRow(line, "tambon_text", values[3], kind)

"""dopa_population: monthly registered population by tambon, sex and age band."""

from __future__ import annotations

import datetime as dt

import numpy as np

from sample_data.context import AreaNames, SampleContext
from sample_data.periods import be_year_month, delivery, selected_months
from sample_data.summary import BadRow, FeedLog, FileRecord
from sample_data.writers import Encoding, write_csv
from thai import arabic_digits_to_thai
from thai.constants import BE_OFFSET, MONTHS_FULL_TH

FEED = "dopa_population"
PROVINCE_POPULATION = 645_000
AGE_BANDS = (*(f"{a}-{a + 4}" for a in range(0, 80, 5)), "80+")
# Thailand's registered population by five-year band (per cent), an ageing pyramid.
AGE_SHARES = np.array(
    [4.5, 5.3, 5.8, 5.9, 6.3, 6.6, 6.9, 7.2, 7.4, 7.6, 7.7, 7.3, 6.2, 5.0, 3.6, 2.4, 3.0]
)
FEMALE_SHARE = np.concatenate([np.full(10, 0.49), np.linspace(0.5, 0.62, 7)])
HEADER = ("รหัสพื้นที่", "ชื่อพื้นที่", "ช่วงอายุ", "ชาย", "หญิง", "รวม")


def _number(value: int, *, separators: bool, thai: bool) -> str:
    text = f"{value:,}" if separators else str(value)
    return arabic_digits_to_thai(text) if thai else text


def _row(
    code: str, name: str, band: str, male: int, female: int, *, separators: bool, thai: bool
) -> tuple[str, ...]:
    numbers = (male, female, male + female)
    return (code, name, band, *(_number(n, separators=separators, thai=thai) for n in numbers))


def generate(ctx: SampleContext) -> FeedLog:
    log = FeedLog(FEED, area_keyed=True)
    rng = ctx.rng(FEED)
    np_rng = ctx.np_rng(FEED)
    tambons = ctx.areas.tambons
    shares = AGE_SHARES / AGE_SHARES.sum()
    weights = np.array([ctx.weights[t.code] for t in tambons])
    base = np.outer(weights * PROVINCE_POPULATION, shares) * np_rng.lognormal(
        0.0, 0.08, (len(tambons), len(AGE_BANDS))
    )
    growth = np_rng.normal(0.0003, 0.0004, len(tambons))
    months = [m for year in ctx.years for m in selected_months(year, ctx.scale)]
    encodings: list[Encoding] = ["cp874", "utf-8-sig", "utf-8", "utf-8"]
    # One month a year carries the bad rows: the second selected month of each fiscal year.
    per_year = len(months) // len(ctx.years)
    bad_file_indices = {y * per_year + 1 for y in range(len(ctx.years))}
    thai_digit_file = min(3, len(months) - 1)
    records: list[FileRecord] = []
    for index, month in enumerate(months):
        encoding = encodings[index % len(encodings)]
        names = AreaNames(ctx.areas, rng, zero_width=encoding != "cp874")
        elapsed = (month.year - months[0].year) * 12 + month.month - months[0].month
        factor = (1.0 + growth * elapsed)[:, None]
        noise = np_rng.integers(-2, 3, base.shape)
        totals = np.maximum(1, np.rint(base * factor).astype(np.int64) + noise)
        female = np.rint(totals * FEMALE_SHARE[None, :]).astype(np.int64)
        male = totals - female
        separators = index % 2 == 0
        thai = index == thai_digit_file
        record = FileRecord(
            feed=FEED,
            delivery=delivery(_delivered(month)),
            name=f"pop_{be_year_month(month)}.csv",
            encoding=encoding,
        )
        month_text = f"{MONTHS_FULL_TH[month.month - 1]} {month.year + BE_OFFSET}"
        lines: list[tuple[str, ...]] = [
            ("สถิติประชากรตามทะเบียนราษฎร จำแนกตามช่วงอายุ รายตำบล",),
            (f"จังหวัดสระบุรี ข้อมูล ณ สิ้นเดือน{month_text}",),
            ("แหล่งข้อมูล: กรมการปกครอง กระทรวงมหาดไทย",),
        ]
        header = list(HEADER)
        if index % 3 == 2:
            header[2] = "ช่วงอายุ (ปี)"
        lines.append(tuple(header))
        record.header_row = len(lines)
        fmt = {"separators": separators, "thai": thai}
        lines.append(
            _row("19000000", "จังหวัดสระบุรี", "รวม", int(male.sum()), int(female.sum()), **fmt)
        )
        record.skipped_rows += 1
        bad_kinds = ["text_in_number", "missing_required"] if index in bad_file_indices else []
        position = 0
        for amphoe in ctx.areas.amphoes:
            rows_of = [i for i, t in enumerate(tambons) if t.amphoe_code == amphoe.code]
            amphoe_male = male[rows_of].sum(axis=0)
            amphoe_female = female[rows_of].sum(axis=0)
            amphoe_code = f"{amphoe.code}0000"
            amphoe_name = names.amphoe(amphoe.code)
            lines.append(
                _row(
                    amphoe_code,
                    amphoe_name,
                    "รวม",
                    int(amphoe_male.sum()),
                    int(amphoe_female.sum()),
                    **fmt,
                )
            )
            for b, band in enumerate(AGE_BANDS):
                lines.append(
                    _row(
                        amphoe_code,
                        amphoe_name,
                        band,
                        int(amphoe_male[b]),
                        int(amphoe_female[b]),
                        **fmt,
                    )
                )
            record.skipped_rows += 1 + len(AGE_BANDS)
            for i in rows_of:
                tambon = tambons[i]
                code = f"{tambon.code}00"
                tambon_name = names.tambon(tambon.code)
                for b, band in enumerate(AGE_BANDS):
                    values = _row(
                        code, tambon_name, band, int(male[i, b]), int(female[i, b]), **fmt
                    )
                    position += 1
                    if bad_kinds and position % 97 == 0:
                        kind = bad_kinds.pop()
                        values, bad = _spoil(values, kind, len(lines) + 1)
                        record.bad.append(bad)
                    lines.append(values)
                    record.rows += 1
                record.tambon_codes.add(tambon.code)
                lines.append(
                    _row(code, tambon_name, "รวม", int(male[i].sum()), int(female[i].sum()), **fmt)
                )
                record.skipped_rows += 1
            lines.append(("",) * len(HEADER))
            record.blank_rows += 1
        write_csv(
            ctx.path(record),
            lines,
            encoding=encoding,
            newline="\r\n" if encoding == "cp874" else "\n",
        )
        log.add_file(record)
        names.flush(log, record.path)
        _file_quirks(log, record, separators=separators, thai=thai, header=header)
        records.append(record)
        ctx.report(FEED, index + 1, len(months) + 1)
    _resend_identical(ctx, log, records[0], months[min(1, len(months) - 1)])
    ctx.report(FEED, len(months) + 1, len(months) + 1)
    return log


def _delivered(month: dt.date) -> dt.date:
    following = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return following + dt.timedelta(days=5)


def _spoil(values: tuple[str, ...], kind: str, line: int) -> tuple[tuple[str, ...], BadRow]:
    spoiled = list(values)
    if kind == "text_in_number":
        spoiled[3] = "ไม่ทราบ"
        return tuple(spoiled), BadRow(line, "male", "ไม่ทราบ", kind)
    spoiled[2] = ""
    return tuple(spoiled), BadRow(line, "age_band", "", kind)


def _file_quirks(
    log: FeedLog, record: FileRecord, *, separators: bool, thai: bool, header: list[str]
) -> None:
    log.quirk(f"encoding_{record.encoding}", f"file encoded as {record.encoding}", 1, record.path)
    log.quirk("preamble_rows", "title lines above the header", 3, record.path)
    log.quirk(
        "totals_rows",
        "province total, amphoe subtotal (code ending 0000) and per-tambon รวม rows to skip",
        record.skipped_rows,
        record.path,
    )
    log.quirk(
        "blank_rows", "rows of empty cells between amphoe blocks", record.blank_rows, record.path
    )
    if separators:
        log.quirk("thousands_separators", "numbers written 12,345", 1, record.path)
    if thai:
        log.quirk("thai_digits_numbers", "numbers in Thai digits (๑๒๓)", 1, record.path)
    if header[2] != HEADER[2]:
        log.quirk("header_variant", "age band header written ช่วงอายุ (ปี)", 1, record.path)
    for bad in record.bad:
        log.quirk(f"bad_{bad.problem}", f"deliberately bad row: {bad.problem}", 1, record.path)


def _resend_identical(
    ctx: SampleContext, log: FeedLog, original: FileRecord, later_month: dt.date
) -> None:
    """DOPA sends the same month again, byte for byte, with the next month's delivery."""
    day = max(
        _delivered(later_month), dt.date.fromisoformat(original.delivery) + dt.timedelta(days=1)
    )
    copy = FileRecord(
        feed=FEED,
        delivery=delivery(day + dt.timedelta(days=1)),
        name=original.name,
        encoding=original.encoding,
        header_row=original.header_row,
        rows=original.rows,
        skipped_rows=original.skipped_rows,
        blank_rows=original.blank_rows,
        bad=list(original.bad),
        resend="identical",
        resend_of=original.path,
        tambon_codes=set(original.tambon_codes),
    )
    ctx.path(copy).write_bytes(ctx.path(original).read_bytes())
    log.add_file(copy)
    log.quirk("resend_identical", "the same file delivered again, byte for byte", 1, copy.path)

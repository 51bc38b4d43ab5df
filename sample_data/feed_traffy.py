"""traffy_complaints: weekly exports of citizen reports from the Traffy Fondue platform."""

from __future__ import annotations

import datetime as dt
import itertools
import random
import string

import numpy as np

from sample_data.areas import UNMATCHABLE_NAMES
from sample_data.context import (
    AreaNames,
    SampleContext,
    assign_tambons,
    misspellable,
    pick_special,
)
from sample_data.periods import delivery, selected_weeks
from sample_data.summary import BadRow, FeedLog, FileRecord
from sample_data.writers import write_csv

FEED = "traffy_complaints"
TICKETS_PER_YEAR = 15_000
HEADER = (
    "ticket_id",
    "type",
    "organization",
    "comment",
    "photo",
    "photo_after",
    "coords",
    "address",
    "subdistrict",
    "district",
    "province",
    "timestamp",
    "state",
    "star",
    "count_reopen",
    "last_activity",
)
# Category -> (share of reports, what people write).
CATEGORIES: dict[str, tuple[float, tuple[str, ...]]] = {
    "ถนน": (0.2, ("ถนนเป็นหลุมเป็นบ่อ รถสัญจรลำบาก", "ถนนชำรุด ยางมะตอยแตก", "ถนนทรุดตัวหน้าหมู่บ้าน")),
    "ทางเท้า": (0.04, ("ทางเท้าชำรุด เดินลำบาก", "มีร้านค้าวางของบนทางเท้า")),
    "น้ำท่วม": (0.1, ("ฝนตกน้ำท่วมขังถนน ระบายไม่ทัน", "น้ำท่วมบ้านเรือนหลังฝนตกหนัก")),
    "ความสะอาด": (0.1, ("มีการทิ้งขยะริมถนน ส่งกลิ่นเหม็น", "ขยะไม่ได้รับการจัดเก็บหลายวัน")),
    "กีดขวาง": (0.04, ("จอดรถกีดขวางทางเข้าออก", "วางวัสดุก่อสร้างกีดขวางถนน")),
    "ท่อระบายน้ำ": (0.07, ("ท่อระบายน้ำอุดตัน น้ำเน่าเสีย", "ฝาท่อระบายน้ำชำรุด อันตราย")),
    "แสงสว่าง": (0.09, ("ไฟส่องสว่างดับ ถนนมืดมาก", "ไฟกิ่งดับหลายจุด")),
    "สายไฟ": (0.04, ("สายไฟห้อยต่ำ อันตราย", "สายสื่อสารพันกันรกรุงรัง")),
    "ต้นไม้": (0.04, ("กิ่งไม้หักพาดถนน", "ต้นไม้บังป้ายจราจร ขอให้ตัดแต่ง")),
    "สะพาน": (0.02, ("สะพานข้ามคลองชำรุด",)),
    "จราจร": (0.04, ("สัญญาณไฟจราจรเสีย", "รถติดมากช่วงเย็น ขอเจ้าหน้าที่อำนวยความสะดวก")),
    "ความปลอดภัย": (0.03, ("จุดเสี่ยงอุบัติเหตุ ขอติดตั้งกระจกโค้ง",)),
    "PM2.5": (0.03, ("ฝุ่นละอองจากรถบรรทุกและโรงงาน", "มีการเผาหญ้า ควันเต็มหมู่บ้าน")),
    "เสียงรบกวน": (0.03, ("เสียงดังจากสถานบันเทิงยามวิกาล",)),
    "คลอง": (0.02, ("ผักตบชวาเต็มคลอง น้ำไม่ไหล",)),
    "ป้าย": (0.01, ("ป้ายโฆษณาติดตั้งผิดกฎหมาย",)),
    "สัตว์จรจัด": (0.02, ("สุนัขจรจัดไล่กัดคนเดินผ่าน",)),
    "คนจรจัด": (0.005, ("มีคนเร่ร่อนนอนที่ป้ายรถเมล์",)),
    "ห้องน้ำ": (0.005, ("ห้องน้ำสาธารณะสกปรก",)),
    "การเดินทาง": (0.01, ("ขอเพิ่มรอบรถโดยสารประจำทาง",)),
    "ร้องเรียน": (0.03, ("ร้องเรียนการให้บริการของเจ้าหน้าที่",)),
    "เสนอแนะ": (0.02, ("เสนอให้ติดตั้งกล้องวงจรปิด",)),
    "สอบถาม": (0.015, ("สอบถามขั้นตอนการขออนุญาตก่อสร้าง",)),
}
STATES = ("รอรับเรื่อง", "กำลังดำเนินการ", "เสร็จสิ้น", "ส่งต่อ")
FIRST_STATE_WEIGHTS = (0.15, 0.3, 0.45, 0.1)
FINISHED = "เสร็จสิ้น"
REAPPEAR_SHARE = 0.4  # of unfinished tickets, updated in the next weekly export
NO_TEXT_SHARE = 0.2
MISMATCH_SHARE = 0.03
NO_COORDS_SHARE = 0.01
MILD_SHARE = 0.003
UNMATCHABLE_PER_YEAR = 2
PROVINCE_TEXTS = ("สระบุรี", "สระบุรี", "สระบุรี", "จังหวัดสระบุรี", "จ.สระบุรี")
ROADS = ("ถนนพหลโยธิน", "ถนนมิตรภาพ", "ถนนสุดบรรทัด", "ถนนเทศบาล 1", "ซอยวัดป่า", "ถนนสายหลัก")
PHOTO_BASE = "https://traffy.example.invalid/photo"


def _season(category: str, month: int) -> float:
    if category in ("น้ำท่วม", "ท่อระบายน้ำ"):
        return 3.0 if month in (8, 9, 10) else 0.6
    if category == "PM2.5":
        return 4.0 if month in (12, 1, 2, 3) else 0.3
    return 1.0


def _utc_text(local: dt.datetime) -> str:
    utc = local - dt.timedelta(hours=7)
    return utc.strftime("%Y-%m-%d %H:%M:%S.") + f"{utc.microsecond:06d}+00"


def generate(ctx: SampleContext) -> FeedLog:
    log = FeedLog(FEED, area_keyed=True)
    misspellings: dict[str, str] = {}
    mismatched: list[str] = []
    distinct = 0
    weeks_all = [(year, w) for year in ctx.years for w in selected_weeks(year, ctx.scale)]
    done = 0
    for year in ctx.years:
        rng = ctx.rng(FEED, year)
        np_rng = ctx.np_rng(FEED, year)
        weeks = selected_weeks(year, ctx.scale)
        special_counts = {"impossible_date": 1, "missing_required": 1}
        floor = len(ctx.areas.tambons) + 20
        n = ctx.count(TICKETS_PER_YEAR, floor)
        special_counts["unmatchable_area"] = UNMATCHABLE_PER_YEAR
        special_counts["misspelt"] = max(1, round(n * MILD_SHARE))
        special_counts["mismatch"] = max(1, round(n * MISMATCH_SHARE)) if ctx.sampler else 0
        special_counts["no_text"] = round(n * NO_TEXT_SHARE) if ctx.sampler else 0
        special_counts["no_coords"] = max(1, round(n * NO_COORDS_SHARE)) if ctx.sampler else 0
        codes, protected = assign_tambons(n, [t.code for t in ctx.areas.tambons], ctx.weights, rng)
        names = AreaNames(ctx.areas, rng, zero_width=True)
        specials = pick_special(
            rng,
            protected,
            special_counts,
            misspellable(codes, names),
        )
        tickets, updates = _tickets(ctx, rng, np_rng, year, weeks, codes, specials, names)
        distinct += len(tickets)
        mismatched += [t["ticket_id"] for t in tickets if t["special"] == "mismatch"]
        by_week: dict[int, list[dict[str, str]]] = {i: [] for i in range(len(weeks))}
        for ticket in tickets:
            by_week[int(ticket["week"])].append(ticket)
        for update in updates:
            if int(update["week"]) < len(weeks):
                by_week[int(update["week"])].append(update)
        for index, (start, end) in enumerate(weeks):
            _write_week(ctx, log, names, start, end, by_week[index])
            done += 1
            ctx.report(FEED, done, len(weeks_all))
        misspellings.update(names.misspellings)
    log.details["distinct_tickets"] = distinct
    log.details["point_in_other_tambon_ticket_ids"] = sorted(mismatched)
    log.details["misspellings"] = [
        {"text": text, "tambon_code": code} for text, code in sorted(misspellings.items())
    ]
    if ctx.sampler is None:
        log.details["notes"] = [
            "traffy_complaints: no boundary file, so no coords; every report keeps its area text"
        ]
    return log


def _ticket_id(rng: random.Random, year: int, seen: set[str]) -> str:
    alphabet = string.ascii_uppercase + string.digits
    while True:
        ticket = f"{year}-" + "".join(rng.choices(alphabet, k=6))
        if ticket not in seen:
            seen.add(ticket)
            return ticket


def _tickets(
    ctx: SampleContext,
    rng: random.Random,
    np_rng: np.random.Generator,
    year: int,
    weeks: list[tuple[dt.date, dt.date]],
    codes: list[str],
    specials: dict[int, str],
    names: AreaNames,
) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """Each report's columns (plus week, special, code), and later exports' updated states."""
    week_weights = [(end - start).days + 1 for start, end in weeks]
    categories = list(CATEGORIES)
    month_weights: dict[int, list[float]] = {}
    seen: set[str] = set()
    # Where each report's point is: its own tambon, or another of the amphoe for a mismatch.
    point_tambon: list[str] = []
    for i, code in enumerate(codes):
        if specials.get(i) == "mismatch":
            amphoe = ctx.areas.amphoe_by_code[ctx.areas.by_code[code].amphoe_code]
            others = [t.code for t in amphoe.tambons if t.code != code] or [
                t.code for t in ctx.areas.tambons if t.code != code
            ]
            point_tambon.append(rng.choice(others))
        else:
            point_tambon.append(code)
    points: dict[int, tuple[float, float]] = {}
    if ctx.sampler is not None:
        wanted: dict[str, list[int]] = {}
        for i, code in enumerate(point_tambon):
            if specials.get(i) != "no_coords":
                wanted.setdefault(code, []).append(i)
        for code in sorted(wanted):
            for i, point in zip(
                wanted[code], ctx.sampler.sample(code, len(wanted[code]), np_rng), strict=True
            ):
                points[i] = point
    tickets: list[dict[str, str]] = []
    updates: list[dict[str, str]] = []
    for i, code in enumerate(codes):
        special = specials.get(i, "")
        week = rng.choices(range(len(weeks)), weights=week_weights)[0]
        start, end = weeks[week]
        day = start + dt.timedelta(days=rng.randrange((end - start).days + 1))
        seconds = int(np.clip(np_rng.normal(13.5, 4.0), 0.0, 23.99) * 3600)
        reported = dt.datetime.combine(day, dt.time()) + dt.timedelta(
            seconds=seconds, microseconds=rng.randrange(1_000_000)
        )
        weights = month_weights.get(day.month)
        if weights is None:
            weights = month_weights[day.month] = list(
                itertools.accumulate(CATEGORIES[c][0] * _season(c, day.month) for c in categories)
            )
        roll = rng.random()
        if roll < 0.03:
            chosen: list[str] = []
        elif roll < 0.18:
            chosen = sorted(set(rng.choices(categories, cum_weights=weights, k=2)))
        else:
            chosen = rng.choices(categories, cum_weights=weights, k=1)
        comment = rng.choice(CATEGORIES[chosen[0]][1]) if chosen else "แจ้งปัญหาในพื้นที่"
        tambon = ctx.areas.by_code[code]
        tambon_text = names.tambon(code)
        amphoe_text = names.amphoe(tambon.amphoe_code)
        if special == "misspelt":
            tambon_text = names.misspelt(code)
        elif special == "unmatchable_area":
            tambon_text = rng.choice(UNMATCHABLE_NAMES)
        elif special == "no_text":
            tambon_text = amphoe_text = ""
        house = f"{rng.randrange(1, 300)}/{rng.randrange(1, 20)}"
        address = (
            f"{house} {rng.choice(ROADS)} ตำบล{tambon.name_th} อำเภอ"
            f"{ctx.areas.amphoe_by_code[tambon.amphoe_code].name_th} สระบุรี {tambon.postal_code}"
        )
        if special == "no_text":
            address = rng.choice(("", rng.choice(ROADS)))
        located = points.get(i)
        coords = f"{located[0]:.6f},{located[1]:.6f}" if located else ""
        export = dt.datetime.combine(end + dt.timedelta(days=1), dt.time(6, 0))
        state = rng.choices(STATES, weights=FIRST_STATE_WEIGHTS)[0]
        ticket_id = _ticket_id(rng, reported.year, seen)
        last = reported + (export - reported) * rng.random()
        ticket = {
            "ticket_id": ticket_id,
            "week": str(week),
            "special": special,
            "code": code,
            "type": "{" + ",".join(chosen) + "}",
            "organization": _organization(ctx, rng, code),
            "comment": comment,
            "photo": f"{PHOTO_BASE}/{ticket_id}.jpg",
            "photo_after": f"{PHOTO_BASE}/{ticket_id}_after.jpg" if state == FINISHED else "",
            "coords": coords,
            "address": address,
            "subdistrict": tambon_text,
            "district": amphoe_text,
            "province": rng.choice(PROVINCE_TEXTS),
            "timestamp": _utc_text(reported),
            "state": state,
            "star": str(rng.randint(1, 5)) if state == FINISHED and rng.random() < 0.6 else "",
            "count_reopen": str(rng.choices((0, 1, 2), weights=(0.9, 0.08, 0.02))[0]),
            "last_activity": _utc_text(last),
        }
        if special == "impossible_date":
            ticket["timestamp"] = f"{day.year}-02-31 {reported:%H:%M:%S}+00"
        elif special == "missing_required":
            ticket["state"] = ""
        if state != FINISHED and not special and rng.random() < REAPPEAR_SHARE:
            update = dict(ticket)
            update["state"] = rng.choice((FINISHED, FINISHED, "ส่งต่อ"))
            update["photo_after"] = (
                f"{PHOTO_BASE}/{ticket_id}_after.jpg" if update["state"] == FINISHED else ""
            )
            update["last_activity"] = _utc_text(export + dt.timedelta(days=rng.uniform(0.5, 6)))
            update["special"] = "update"
            update["week"] = str(week + 1)
            updates.append(update)
        tickets.append(ticket)
    return tickets, updates


def _organization(ctx: SampleContext, rng: random.Random, code: str) -> str:
    local = ctx.areas.local_laos(code)
    first = rng.choice(local).name_th if local else "องค์การบริหารส่วนจังหวัดสระบุรี"
    if rng.random() < 0.1:
        return f"{first},สำนักงานจังหวัดสระบุรี"
    return first


def _write_week(
    ctx: SampleContext,
    log: FeedLog,
    names: AreaNames,
    start: dt.date,
    end: dt.date,
    tickets: list[dict[str, str]],
) -> None:
    record = FileRecord(
        feed=FEED,
        delivery=delivery(end + dt.timedelta(days=1)),
        name=f"traffy_saraburi_{start:%Y%m%d}_{end:%Y%m%d}.csv",
        encoding="utf-8-sig",
    )
    lines: list[tuple[str, ...]] = [HEADER]
    tickets = sorted(tickets, key=lambda t: (t["timestamp"], t["ticket_id"]))
    counts: dict[str, int] = {}
    for ticket in tickets:
        special = ticket["special"]
        counts[special] = counts.get(special, 0) + 1
        lines.append(tuple(ticket[column] for column in HEADER))
        record.rows += 1
        line = len(lines)
        if special == "impossible_date":
            record.bad.append(BadRow(line, "reported_at", ticket["timestamp"], special))
        elif special == "missing_required":
            record.bad.append(BadRow(line, "status_text", "", special))
        elif ticket["subdistrict"] and special not in ("unmatchable_area", "misspelt", "update"):
            record.tambon_codes.add(ticket["code"])
    write_csv(ctx.path(record), lines, encoding="utf-8-sig")
    log.add_file(record)
    names.flush(log, record.path)
    log.quirk("encoding_utf-8-sig", "file encoded as UTF-8 with BOM", 1, record.path)
    log.quirk("category_sets", "type written as a set: {ถนน} or {ถนน,น้ำท่วม} or {}")
    log.quirk("utc_offset_timestamps", "ISO timestamps in UTC with a +00 offset")
    described = {
        "no_text": "reports with a point but no area text",
        "mismatch": "point in another tambon than the area text",
        "no_coords": "reports without coordinates",
        "update": "a ticket seen again in a later export with its newer state",
        "unmatchable_area": "area text that matches no tambon (lands with no area code)",
    }
    for special, description in described.items():
        log.quirk(f"traffy_{special}", description, counts.get(special, 0), record.path)
    for bad in record.bad:
        log.quirk(f"bad_{bad.problem}", f"deliberately bad row: {bad.problem}", 1, record.path)

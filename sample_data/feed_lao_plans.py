"""lao_plan_projects: each LAO's development plan project list (form ผ.02, XLSX)."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field, replace

from openpyxl import Workbook

from sample_data.areas import UNMATCHABLE_NAMES, Lao
from sample_data.context import AreaNames, SampleContext
from sample_data.periods import delivery, fiscal_bounds
from sample_data.summary import BadRow, FeedLog, FileRecord
from sample_data.writers import merge, save_workbook, styled

FEED = "lao_plan_projects"
PLAN_YEARS = (2566, 2567, 2568, 2569, 2570)
PLAN_PERIOD = "2566-2570"
STRATEGIES: dict[str, tuple[tuple[str, str, str, int, int], ...]] = {
    # strategy -> (project, objective, target output, lowest budget, highest budget)
    "การพัฒนาด้านโครงสร้างพื้นฐาน": (
        ("ก่อสร้างถนนคอนกรีตเสริมเหล็ก", "เพื่อให้ประชาชนสัญจรสะดวก", "ถนน คสล. กว้าง 5 ม.", 300, 3000),
        ("ปรับปรุงถนนลูกรัง", "เพื่อแก้ไขถนนชำรุดในฤดูฝน", "ถนนลูกรังยาว 1 กม.", 100, 800),
        ("วางท่อระบายน้ำ", "เพื่อแก้ไขปัญหาน้ำท่วมขัง", "ท่อ คสล. ยาว 200 ม.", 200, 1500),
        ("ติดตั้งไฟฟ้าส่องสว่าง", "เพื่อความปลอดภัยในการสัญจร", "โคมไฟ 20 จุด", 50, 400),
        ("ขุดลอกคลอง", "เพื่อการระบายน้ำและการเกษตร", "คลองยาว 2 กม.", 100, 900),
        ("ขยายเขตประปาหมู่บ้าน", "เพื่อให้มีน้ำสะอาดใช้", "ท่อประปายาว 1 กม.", 150, 1200),
    ),
    "การพัฒนาด้านคุณภาพชีวิตและสังคม": (
        ("ป้องกันและควบคุมโรคไข้เลือดออก", "เพื่อลดผู้ป่วยไข้เลือดออก", "ทุกหมู่บ้าน", 20, 150),
        ("ส่งเสริมสุขภาพผู้สูงอายุ", "เพื่อให้ผู้สูงอายุมีสุขภาพดี", "ผู้สูงอายุ 300 คน", 20, 120),
        ("ป้องกันและแก้ไขปัญหายาเสพติด", "เพื่อลดปัญหายาเสพติด", "เยาวชน 200 คน", 20, 100),
        ("ช่วยเหลือผู้ประสบสาธารณภัย", "เพื่อบรรเทาความเดือดร้อน", "ผู้ประสบภัยทุกราย", 50, 500),
    ),
    "การพัฒนาด้านเศรษฐกิจและการท่องเที่ยว": (
        ("ส่งเสริมอาชีพกลุ่มสตรี", "เพื่อเพิ่มรายได้ครัวเรือน", "กลุ่มสตรี 5 กลุ่ม", 20, 150),
        ("ส่งเสริมการท่องเที่ยวชุมชน", "เพื่อเพิ่มรายได้ชุมชน", "แหล่งท่องเที่ยว 2 แห่ง", 50, 500),
        ("พัฒนาตลาดชุมชน", "เพื่อเป็นแหล่งจำหน่ายสินค้า", "ตลาด 1 แห่ง", 100, 1000),
    ),
    "การพัฒนาด้านทรัพยากรธรรมชาติและสิ่งแวดล้อม": (
        ("คัดแยกขยะต้นทาง", "เพื่อลดปริมาณขยะ", "ครัวเรือน 1,000 หลัง", 20, 200),
        ("ปลูกต้นไม้เพิ่มพื้นที่สีเขียว", "เพื่อเพิ่มพื้นที่สีเขียว", "ต้นไม้ 2,000 ต้น", 10, 80),
        ("บำบัดน้ำเสียชุมชน", "เพื่อลดน้ำเสียลงแหล่งน้ำ", "ระบบบำบัด 1 แห่ง", 200, 2000),
    ),
    "การพัฒนาด้านการศึกษา ศาสนาและวัฒนธรรม": (
        ("จัดงานประเพณีสงกรานต์", "เพื่อสืบสานประเพณี", "ประชาชน 1,000 คน", 30, 200),
        ("แข่งขันกีฬาต้านยาเสพติด", "เพื่อส่งเสริมการออกกำลังกาย", "นักกีฬา 500 คน", 30, 250),
        ("พัฒนาศูนย์พัฒนาเด็กเล็ก", "เพื่อพัฒนาการเรียนรู้ของเด็ก", "ศูนย์เด็กเล็ก 1 แห่ง", 50, 600),
    ),
    "การพัฒนาด้านการบริหารจัดการบ้านเมืองที่ดี": (
        ("จัดทำแผนที่ภาษี", "เพื่อเพิ่มประสิทธิภาพการจัดเก็บรายได้", "แผนที่ 1 ชุด", 50, 400),
        ("อบรมเพิ่มประสิทธิภาพบุคลากร", "เพื่อพัฒนาศักยภาพบุคลากร", "บุคลากร 50 คน", 20, 150),
        ("จัดเวทีประชาคมหมู่บ้าน", "เพื่อรับฟังความต้องการของประชาชน", "ทุกหมู่บ้าน", 10, 50),
    ),
}
UNITS = {
    "การพัฒนาด้านโครงสร้างพื้นฐาน": "กองช่าง",
    "การพัฒนาด้านคุณภาพชีวิตและสังคม": "กองสาธารณสุขและสิ่งแวดล้อม",
    "การพัฒนาด้านเศรษฐกิจและการท่องเที่ยว": "สำนักปลัด",
    "การพัฒนาด้านทรัพยากรธรรมชาติและสิ่งแวดล้อม": "กองสาธารณสุขและสิ่งแวดล้อม",
    "การพัฒนาด้านการศึกษา ศาสนาและวัฒนธรรม": "กองการศึกษา",
    "การพัฒนาด้านการบริหารจัดการบ้านเมืองที่ดี": "สำนักปลัด",
}
KPIS = ("ร้อยละความพึงพอใจของประชาชน", "จำนวนผู้ได้รับประโยชน์", "ร้อยละของเป้าหมายที่ดำเนินการ")
RESULTS = ("ประชาชนได้รับความสะดวกและปลอดภัย", "ประชาชนมีคุณภาพชีวิตที่ดีขึ้น", "ชุมชนเข้มแข็ง")
STATUSES = ("อนุมัติ", "กำลังดำเนินการ", "ดำเนินการแล้วเสร็จ", "ยังไม่ดำเนินการ", "ยกเลิก")
STATUS_WEIGHTS = (0.25, 0.2, 0.3, 0.2, 0.05)
BUDGET_STYLES = ("numeric", "text_separators", "text_plain")
TOP = ("ที่", "โครงการ", "วัตถุประสงค์", "เป้าหมาย (ผลผลิตของโครงการ)")
TAIL = ("ตัวชี้วัด (KPI)", "ผลที่คาดว่าจะได้รับ", "หน่วยงานรับผิดชอบหลัก")
WIDTH = len(TOP) + len(PLAN_YEARS) + len(TAIL) + 3
AREA_COLUMN = len(TOP) + len(PLAN_YEARS) + len(TAIL) + 1  # 1-based: พื้นที่ดำเนินการ ตำบล
STATUS_COLUMN = WIDTH
UNMATCHABLE_TOTAL = 2


@dataclass
class Project:
    name: str
    objective: str
    target: str
    budgets: tuple[int, ...]
    kpi: str
    result: str
    unit: str
    tambon_code: str
    tambon_text: str
    amphoe_text: str
    status: str
    special: str = ""


@dataclass
class Plan:
    lao: Lao
    sections: list[tuple[str, list[Project]]] = field(default_factory=list)


def generate(ctx: SampleContext) -> FeedLog:
    log = FeedLog(FEED, area_keyed=True)
    rng = ctx.rng(FEED)
    names = AreaNames(ctx.areas, rng, zero_width=True)
    laos = sorted(ctx.areas.laos, key=lambda lao: lao.key)
    # Bad rows and badly wrong names go to a few LAOs, as extra projects beyond coverage.
    specials: dict[str, list[str]] = {lao.key: [] for lao in laos}
    kinds = ["missing_required", "missing_required"] + ["unmatchable_area"] * UNMATCHABLE_TOTAL
    kinds += ["misspelt"] * max(2, round(20 * min(1.0, ctx.volume)))
    for kind in kinds:
        specials[rng.choice(laos).key].append(kind)
    first_day, _ = fiscal_bounds(ctx.years[0])
    plans: list[tuple[FileRecord, Plan, str, str]] = []
    for index, lao in enumerate(laos):
        plan = _plan(ctx, rng, names, lao, specials[lao.key])
        record = FileRecord(
            feed=FEED,
            delivery=delivery(first_day + dt.timedelta(days=14 + index // 10)),
            name=f"ผ02_{lao.key}_{PLAN_PERIOD}.xlsx",
            encoding="xlsx",
        )
        budget_style = BUDGET_STYLES[index % len(BUDGET_STYLES)]
        year_label = ("{} (บาท)", "{}", "{}\n(บาท)")[index % 3]
        plans.append((record, plan, budget_style, year_label))
    for done, (record, plan, budget_style, year_label) in enumerate(plans, 1):
        _write(ctx, log, record, plan, budget_style, year_label)
        names.flush(log, record.path)
        ctx.report(FEED, done, len(plans) + 1)
    _correct(ctx, log, plans)
    ctx.report(FEED, len(plans) + 1, len(plans) + 1)
    log.details["misspellings"] = [
        {"text": text, "tambon_code": code} for text, code in sorted(names.misspellings.items())
    ]
    return log


def _plan(
    ctx: SampleContext, rng: random.Random, names: AreaNames, lao: Lao, specials: list[str]
) -> Plan:
    required = list(ctx.areas.unassigned_tambons()) if lao.is_pao else list(lao.coverage)
    wanted = rng.randint(30, 40) if lao.is_pao else rng.randint(10, 40)
    count = max(len(required) + len(specials), round(wanted * min(1.0, ctx.volume)), 1)
    strategies = list(STRATEGIES)
    chosen = sorted(rng.sample(range(len(strategies)), min(count, rng.randint(3, 6))))
    plan = Plan(lao)
    for k in chosen:
        plan.sections.append((f"ยุทธศาสตร์ที่ {k + 1} {strategies[k]}", []))
    places = required + [
        rng.choice(lao.coverage) for _ in range(count - len(required) - len(specials))
    ]
    rng.shuffle(places)
    used: set[str] = set()
    plain = count - len(specials)  # the first ``plain`` projects cover ``required``
    for position in range(count):
        special = specials[position - plain] if position >= plain else ""
        code = places[position] if position < plain else rng.choice(lao.coverage)
        if special == "misspelt" and not names.can_misspell(code):
            eligible = [c for c in lao.coverage if names.can_misspell(c)]
            special = "misspelt" if eligible else ""
            code = rng.choice(eligible) if eligible else code
        heading, projects = plan.sections[position % len(plan.sections)]
        strategy = heading.split(" ", 2)[2]
        projects.append(_project(ctx, rng, names, strategy, code, special, used))
    return plan


def _project(
    ctx: SampleContext,
    rng: random.Random,
    names: AreaNames,
    strategy: str,
    code: str,
    special: str,
    used: set[str],
) -> Project:
    title, objective, target, low, high = rng.choice(STRATEGIES[strategy])
    village = rng.randrange(1, 13)
    name = f"โครงการ{title} หมู่ที่ {village}"
    while name in used:
        village += 1
        name = f"โครงการ{title} หมู่ที่ {village}"
    used.add(name)
    start = rng.randrange(len(PLAN_YEARS))
    length = rng.randint(1, len(PLAN_YEARS) - start)
    amount = rng.randint(low, high) * 1000
    budgets = tuple(amount if start <= i < start + length else 0 for i in range(len(PLAN_YEARS)))
    tambon = ctx.areas.by_code[code]
    tambon_text = names.tambon(code)
    if special == "misspelt":
        tambon_text = names.misspelt(code)
    elif special == "unmatchable_area":
        tambon_text = rng.choice(UNMATCHABLE_NAMES)
    status = rng.choices(STATUSES, weights=STATUS_WEIGHTS)[0]
    if special == "missing_required":
        status = ""
    return Project(
        name=name,
        objective=objective,
        target=target,
        budgets=budgets,
        kpi=rng.choice(KPIS),
        result=rng.choice(RESULTS),
        unit=UNITS[strategy],
        tambon_code=code,
        tambon_text=tambon_text,
        amphoe_text=names.amphoe(tambon.amphoe_code),
        status=status,
        special=special,
    )


def _budget_cell(sheet: object, amount: int, style: str) -> object:
    """A budget as the LAO typed it: a number cell, "1,500,000" or "1500000"; "-" for zero."""
    if amount == 0:
        return "-"
    if style == "numeric":
        return styled(sheet, amount, number_format="#,##0")
    return f"{amount:,}" if style == "text_separators" else str(amount)


def _write(
    ctx: SampleContext,
    log: FeedLog,
    record: FileRecord,
    plan: Plan,
    budget_style: str,
    year_label: str,
) -> None:
    lao = plan.lao
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("ผ.02")
    amphoe = ctx.areas.amphoe_by_code.get(lao.amphoe_code)
    where = f"อำเภอ{amphoe.name_th} จังหวัดสระบุรี" if amphoe else "จังหวัดสระบุรี"
    titles = (
        "รายละเอียดโครงการพัฒนา",
        f"แผนพัฒนาท้องถิ่น (พ.ศ. {PLAN_PERIOD.replace('-', ' - ')})",
        lao.name_th,
        where,
    )
    for row, title in enumerate(titles, 1):
        cells: list[object] = [styled(sheet, title, bold=True)]
        if row == 1:
            cells += [None] * (WIDTH - 2) + ["แบบ ผ.02"]
        sheet.append(cells)
        merge(sheet, row, 1, row, WIDTH - 1)
    sheet.append([])
    top, bottom = 6, 7
    upper: list[object] = []
    lower: list[object] = []

    def single(text: str) -> None:
        merge(sheet, top, len(upper) + 1, bottom, len(upper) + 1)
        upper.append(styled(sheet, text, bold=True))
        lower.append(None)

    def group(text: str, children: list[str]) -> None:
        merge(sheet, top, len(upper) + 1, top, len(upper) + len(children))
        upper.extend([styled(sheet, text, bold=True)] + [None] * (len(children) - 1))
        lower.extend(styled(sheet, child, bold=True) for child in children)

    for text in TOP:
        single(text)
    group("งบประมาณ", [year_label.format(year) for year in PLAN_YEARS])
    for text in TAIL:
        single(text)
    group("พื้นที่ดำเนินการ", ["ตำบล", "อำเภอ"])
    single("สถานะ")
    sheet.append(upper)
    sheet.append(lower)
    record.header_row = bottom
    row = bottom
    blank_between = int(lao.key) % 4 == 1
    for number, (heading, projects) in enumerate(plan.sections):
        if number and blank_between:
            row += 1
            sheet.append([])
            record.blank_rows += 1
        row += 1
        sheet.append([styled(sheet, heading, bold=True)])
        merge(sheet, row, 1, row, WIDTH)
        record.section_rows += 1
        for index, project in enumerate(projects, 1):
            row += 1
            sheet.append(
                [
                    str(index),
                    project.name,
                    project.objective,
                    project.target,
                    *(_budget_cell(sheet, b, budget_style) for b in project.budgets),
                    project.kpi,
                    project.result,
                    project.unit,
                    project.tambon_text,
                    project.amphoe_text,
                    project.status or None,
                ]
            )
            record.rows += 1
            if project.special == "missing_required":
                record.bad.append(BadRow(row, "status_text", "", project.special))
            elif project.special == "unmatchable_area":
                record.bad.append(BadRow(row, "tambon_text", project.tambon_text, project.special))
            elif project.special != "misspelt":
                record.tambon_codes.add(project.tambon_code)
        row += 1
        totals = [sum(p.budgets[i] for p in projects) for i in range(len(PLAN_YEARS))]
        sheet.append(
            [styled(sheet, f"รวม {len(projects)} โครงการ", bold=True)]
            + [None] * (len(TOP) - 1)
            + [_budget_cell(sheet, total, budget_style) for total in totals]
        )
        merge(sheet, row, 1, row, len(TOP))
        record.skipped_rows += 1
    save_workbook(workbook, ctx.path(record))
    log.add_file(record)
    log.quirk("title_rows", "four title rows (form name, plan period, LAO, district)", 1)
    log.quirk(
        "two_row_merged_header",
        "งบประมาณ merged over one column per plan year; พื้นที่ดำเนินการ over ตำบล/อำเภอ",
        1,
        record.path,
    )
    log.quirk("section_rows", "ยุทธศาสตร์ที่ N heading rows", record.section_rows, record.path)
    log.quirk("subtotal_rows", "รวม N โครงการ rows with budget subtotals", record.skipped_rows)
    log.quirk("dash_for_zero", "budget '-' for a year without money", 1, record.path)
    log.quirk(f"budget_{budget_style}", f"budgets written as {budget_style}", 1, record.path)
    if "\n" in year_label:
        log.quirk("header_line_breaks", "budget year header with a line break", 1, record.path)
    if record.blank_rows:
        log.quirk("blank_rows", "empty rows between sections", record.blank_rows, record.path)
    for bad in record.bad:
        log.quirk(f"bad_{bad.problem}", f"deliberately bad row: {bad.problem}", 1, record.path)


def _correct(
    ctx: SampleContext, log: FeedLog, plans: list[tuple[FileRecord, Plan, str, str]]
) -> None:
    """One LAO sends an amended plan (แผนเปลี่ยนแปลง): budgets changed, one project out, one in."""
    rng = ctx.rng(FEED, "amendment")
    candidates = [
        i
        for i, (_, plan, _, _) in enumerate(plans)
        if not plan.lao.is_pao and sum(not p.special for _, ps in plan.sections for p in ps) >= 3
    ]
    record, plan, budget_style, year_label = plans[candidates[len(candidates) // 2]]
    amended = Plan(plan.lao, [(h, [replace(p) for p in ps]) for h, ps in plan.sections])
    clean = [p for _, ps in amended.sections for p in ps if not p.special]
    changes: list[dict[str, object]] = []
    for project, year_index in zip(clean[:2], (2, 3), strict=False):
        budgets = list(project.budgets)
        old = budgets[year_index]
        budgets[year_index] = old + rng.randint(1, 20) * 10_000
        project.budgets = tuple(budgets)
        changes.append(
            {
                "project_name": project.name,
                "column": f"budget_{PLAN_YEARS[year_index]}",
                "old": old,
                "new": budgets[year_index],
            }
        )
    # One project is dropped and a new one takes its place (same area, so coverage holds).
    removed = clean[-1]
    for _, projects in amended.sections:
        if removed in projects:
            projects.remove(removed)
    added = replace(
        removed,
        name="โครงการติดตั้งกล้องวงจรปิดเพื่อความปลอดภัย (เพิ่มเติม)",
        budgets=(0, 0, 350_000, 0, 0),
        status="อนุมัติ",
    )
    amended.sections[0][1].append(added)
    first, _ = fiscal_bounds(ctx.years[-1])
    corrected = FileRecord(
        feed=FEED,
        delivery=delivery(
            max(first, dt.date.fromisoformat(record.delivery)) + dt.timedelta(days=120)
        ),
        name=record.name,
        encoding="xlsx",
        resend="corrected",
        resend_of=record.path,
    )
    _write(ctx, log, corrected, amended, budget_style, year_label)
    log.quirk("resend_corrected", "an amended plan re-sent under the same name", 1, corrected.path)
    log.details["corrections"] = [
        {
            "file_name": corrected.name,
            "original": record.path,
            "corrected": corrected.path,
            "key_column": "project_name",
            "changed": changes,
            "removed": [removed.name],
            "added": [added.name],
            "rows_before": record.rows,
            "rows_after": corrected.rows,
        }
    ]

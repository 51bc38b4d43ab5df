"""Thai and English labels of the app: ``t("key")`` in the language the person chose.

Thai is the default. Every label lives here once, so a page never hard-codes text; a missing
English label falls back to Thai and a missing key shows the key itself (easy to spot in review).
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Literal

import streamlit as st

from thai import format_thai_date

Lang = Literal["th", "en"]
LANG_KEY = "lang"
LANGUAGES: dict[str, str] = {"th": "ไทย", "en": "English"}

LABELS: dict[str, dict[str, str]] = {
    # shell
    "province_name": {"th": "จังหวัดสระบุรี", "en": "Saraburi Province"},
    "app_title": {
        "th": "ศูนย์ปฏิบัติการข้อมูลจังหวัดสระบุรี",
        "en": "Saraburi Provincial Operations Centre",
    },
    "logo_text": {"th": "สระบุรี ๔.๐", "en": "Saraburi 4.0"},
    "app_tagline": {
        "th": "คลังข้อมูลอิเล็กทรอนิกส์ (Big Data) เพื่อการพัฒนาจังหวัดสระบุรีแบบบูรณาการ",
        "en": "Electronic data warehouse (Big Data) for the integrated development of Saraburi",
    },
    "language": {"th": "ภาษา / Language", "en": "Language / ภาษา"},
    "font_size": {"th": "ขนาดตัวอักษร", "en": "Text size"},
    "font_small": {"th": "ก-", "en": "A-"},
    "font_normal": {"th": "ก", "en": "A"},
    "font_large": {"th": "ก+", "en": "A+"},
    "font_xlarge": {"th": "ก++", "en": "A++"},
    "section_executive": {"th": "ผู้บริหาร", "en": "Executives"},
    "section_analyst": {"th": "นักวิเคราะห์ข้อมูล", "en": "Analysts"},
    "section_public": {"th": "ประชาชน", "en": "Citizens"},
    "section_staff": {"th": "เจ้าหน้าที่", "en": "Staff"},
    "page_overview": {"th": "ภาพรวมจังหวัด", "en": "Overview"},
    "page_map": {"th": "แผนที่ตัวชี้วัด", "en": "KPI map"},
    "page_profile": {"th": "ข้อมูลรายพื้นที่", "en": "Area profile"},
    "page_complaints": {"th": "ติดตามเรื่องร้องเรียน", "en": "Complaints monitor"},
    "page_health": {"th": "คุณภาพข้อมูล", "en": "Data health"},
    "page_exports": {"th": "ส่งออกข้อมูล", "en": "Exports"},
    "page_public": {"th": "ข้อมูลจังหวัดสำหรับประชาชน", "en": "Province facts for citizens"},
    "build_version": {
        "th": "ข้อมูลรุ่น {version} ({built_at})",
        "en": "Data build {version} ({built_at})",
    },
    # empty states
    "no_warehouse": {
        "th": "ยังไม่มีคลังข้อมูลที่เผยแพร่ ให้ผู้ดูแลระบบรัน `saraburi pipeline` แล้วเปิดหน้านี้อีกครั้ง",
        "en": "No warehouse has been published yet. Ask the administrator to run "
        "`saraburi pipeline`, then reload this page.",
    },
    "no_data": {
        "th": "ยังไม่มีข้อมูล{what}ในคลังข้อมูลรุ่นนี้",
        "en": "There is no {what} data in this warehouse build yet.",
    },
    "section_failed": {
        "th": "ส่วนนี้แสดงผลไม่ได้ในขณะนี้ ({what}) ผู้ดูแลระบบได้รับบันทึกข้อผิดพลาดแล้ว",
        "en": "This section cannot be shown right now ({what}); the error was logged for the "
        "administrator.",
    },
    "no_boundaries": {
        "th": "คลังข้อมูลรุ่นนี้ไม่มีขอบเขตพื้นที่ จึงแสดงเป็นตารางแทนแผนที่",
        "en": "This warehouse build has no area boundaries, so the map is shown as a table.",
    },
    # areas
    "province": {"th": "จังหวัด", "en": "Province"},
    "amphoe": {"th": "อำเภอ", "en": "District"},
    "tambon": {"th": "ตำบล", "en": "Subdistrict"},
    "area": {"th": "พื้นที่", "en": "Area"},
    "area_code": {"th": "รหัสพื้นที่", "en": "Area code"},
    "whole_province": {"th": "ทั้งจังหวัด", "en": "Whole province"},
    "choose_area": {"th": "เลือกพื้นที่", "en": "Choose an area"},
    "choose_amphoe": {"th": "เลือกอำเภอ", "en": "Choose a district"},
    "choose_tambon": {"th": "เลือกตำบล", "en": "Choose a subdistrict"},
    "all_tambons": {"th": "ทุกตำบล", "en": "All subdistricts"},
    "breadcrumb": {"th": "ตำแหน่ง", "en": "You are here"},
    "up_to": {"th": "กลับไป {name}", "en": "Back to {name}"},
    "map_level": {"th": "แสดงตาม", "en": "Show by"},
    "selected_area": {"th": "พื้นที่ที่เลือก: {name}", "en": "Selected area: {name}"},
    "open_profile": {"th": "ดูข้อมูลรายพื้นที่ของ {name}", "en": "Open the profile of {name}"},
    "click_hint": {
        "th": "คลิกพื้นที่บนแผนที่เพื่อเจาะลึก (จังหวัด → อำเภอ → ตำบล) หรือเลือกจากรายการด้านล่าง",
        "en": "Click an area on the map to drill down (province → district → subdistrict), "
        "or choose it from the list below.",
    },
    # KPIs
    "kpi": {"th": "ตัวชี้วัด", "en": "Indicator"},
    "value": {"th": "ค่า", "en": "Value"},
    "period": {"th": "ช่วงเวลา", "en": "Period"},
    "month": {"th": "เดือน", "en": "Month"},
    "fiscal_year": {"th": "ปีงบประมาณ", "en": "Fiscal year"},
    "survey_year": {"th": "ปีสำรวจ", "en": "Survey year"},
    "class": {"th": "ช่วงค่า", "en": "Class"},
    "rank": {"th": "อันดับ", "en": "Rank"},
    "rank_of": {"th": "อันดับ {rank} จาก {count} {level}", "en": "Rank {rank} of {count} {level}s"},
    "rank_note": {
        "th": "อันดับ 1 คือพื้นที่ที่มีค่าสูงสุด",
        "en": "Rank 1 is the area with the highest value.",
    },
    "no_value": {"th": "ไม่มีข้อมูล", "en": "No data"},
    "vs_previous": {"th": "เทียบกับ{period}ก่อนหน้า", "en": "vs previous {period}"},
    "as_of": {"th": "ข้อมูล ณ {date}", "en": "As of {date}"},
    "source": {"th": "ที่มา", "en": "Source"},
    "change": {"th": "เปลี่ยนแปลง", "en": "Change"},
    "see_map": {"th": "ดูแผนที่", "en": "Map"},
    "see_table": {"th": "ดูตาราง", "en": "Table"},
    "trend": {"th": "แนวโน้ม", "en": "Trend"},
    "overview_intro": {
        "th": "ภาพรวมสถานการณ์ของจังหวัดจากคลังข้อมูลที่เผยแพร่ล่าสุด ตัวเลขทุกตัวคลิกไปยังแผนที่หรือตารางที่มาได้",
        "en": "The province at a glance from the latest published warehouse; every figure "
        "links to the map or table it comes from.",
    },
    "kpi_group_people": {"th": "ประชากรและความจำเป็นพื้นฐาน", "en": "People and basic needs"},
    "kpi_group_complaints": {"th": "เรื่องร้องเรียน", "en": "Complaints"},
    "kpi_group_budget": {"th": "งบประมาณการพัฒนา", "en": "Development budget"},
    "kpi_group_environment": {"th": "สิ่งแวดล้อมและสุขภาพ", "en": "Environment and health"},
    "budget_by_status": {"th": "งบประมาณตามสถานะโครงการ", "en": "Budget by project status"},
    "needs_dimensions": {
        "th": "สัดส่วนครัวเรือนที่ตกเกณฑ์ 5 มิติ",
        "en": "Households failing the 5 dimensions",
    },
    "dim_health": {"th": "สุขภาพ", "en": "Health"},
    "dim_living": {"th": "ความเป็นอยู่", "en": "Living conditions"},
    "dim_education": {"th": "การศึกษา", "en": "Education"},
    "dim_income": {"th": "รายได้", "en": "Income"},
    "dim_public_access": {"th": "การเข้าถึงบริการรัฐ", "en": "Access to public services"},
    "dim_any": {"th": "อย่างน้อย 1 มิติ", "en": "Any dimension"},
    "share_failing": {"th": "สัดส่วนที่ตกเกณฑ์", "en": "Share failing"},
    # map
    "map_title": {"th": "แผนที่ตัวชี้วัดรายพื้นที่", "en": "Indicator map by area"},
    "legend_quantiles": {
        "th": "แบ่ง 5 ช่วงตามควอนไทล์",
        "en": "5 quantile classes",
    },
    "values_table": {"th": "ค่ารายพื้นที่", "en": "Values by area"},
    # profile
    "profile_title": {"th": "ข้อมูลรายพื้นที่: {name}", "en": "Area profile: {name}"},
    "population_pyramid": {"th": "พีระมิดประชากร", "en": "Population pyramid"},
    "male": {"th": "ชาย", "en": "Male"},
    "female": {"th": "หญิง", "en": "Female"},
    "persons": {"th": "คน", "en": "persons"},
    "age_band": {"th": "ช่วงอายุ", "en": "Age band"},
    "this_area": {"th": "พื้นที่นี้", "en": "This area"},
    "complaints_by_category": {"th": "เรื่องร้องเรียนตามประเภท", "en": "Complaints by category"},
    "complaints_trend": {"th": "แนวโน้มเรื่องร้องเรียนรายเดือน", "en": "Complaints per month"},
    "received": {"th": "รับเรื่อง", "en": "Received"},
    "resolved": {"th": "แก้ไขแล้ว", "en": "Resolved"},
    "projects_budget": {"th": "โครงการพัฒนาและงบประมาณ", "en": "Development projects and budget"},
    "projects": {"th": "โครงการ", "en": "Projects"},
    "budget_thb": {"th": "งบประมาณ (บาท)", "en": "Budget (THB)"},
    "strategy": {"th": "ยุทธศาสตร์", "en": "Strategy"},
    "project_name": {"th": "ชื่อโครงการ", "en": "Project"},
    "status": {"th": "สถานะ", "en": "Status"},
    "air_quality": {"th": "คุณภาพอากาศ (PM2.5)", "en": "Air quality (PM2.5)"},
    "pm25_avg": {"th": "PM2.5 เฉลี่ย 24 ชม. (มคก./ลบ.ม.)", "en": "PM2.5 24-h mean (µg/m³)"},
    "pm25_standard": {"th": "มาตรฐาน 37.5", "en": "Standard 37.5"},
    "station": {"th": "สถานี", "en": "Station"},
    "air_fallback": {
        "th": "ไม่มีสถานีตรวจวัดในพื้นที่นี้ แสดงค่าจากทุกสถานีในจังหวัด",
        "en": "No monitoring station in this area; showing every station in the province.",
    },
    "dengue": {"th": "ผู้ป่วยไข้เลือดออกรายสัปดาห์", "en": "Dengue cases per week"},
    "cases": {"th": "ราย", "en": "cases"},
    "week": {"th": "สัปดาห์", "en": "Week"},
    "siblings": {"th": "เทียบกับพื้นที่ระดับเดียวกัน", "en": "Compared with sibling areas"},
    "profile_choose": {
        "th": "เลือกอำเภอหรือตำบลจากแผนที่หรือรายการด้านบน",
        "en": "Choose a district or subdistrict on the map or in the list above.",
    },
    # complaints
    "open": {"th": "ค้างดำเนินการ", "en": "Open"},
    "overdue": {"th": "เกินกำหนด", "en": "Overdue"},
    "public_downloads": {"th": "ดาวน์โหลดสำหรับทุกคน", "en": "Public downloads"},
    "public_downloads_note": {
        "th": "ไม่มีข้อมูลรายบุคคล พิกัดเรื่องร้องเรียนปัดเศษประมาณ 100 เมตร "
        "และเรื่องอ่อนไหว (แจ้งเบาะแส ขอความช่วยเหลือ ที่ดินและหนี้สิน ร้องเรียนเจ้าหน้าที่) แสดงที่จุดกึ่งกลางตำบล",
        "en": "No row-level data about people; complaint points rounded to about 100 m, sensitive "
        "ones (tip-offs, help requests, land and debt, complaints about officials) at the "
        "tambon's centre.",
    },
    "staff_downloads": {"th": "ดาวน์โหลดสำหรับเจ้าหน้าที่", "en": "Staff downloads"},
    "staff_downloads_sign_in": {
        "th": "ตารางรายบุคคลและพิกัดจริง สำหรับผู้บริหารและผู้ดูแลระบบที่เข้าสู่ระบบแล้วเท่านั้น",
        "en": "Row-level tables and exact points are for signed-in executives and "
        "administrators only.",
    },
    "staff_downloads_note": {
        "th": "มีข้อมูลรายบุคคลและพิกัดจริง ใช้ตามหน้าที่เท่านั้น (ผู้ใช้ {user})",
        "en": "Contains row-level data and exact points: use for your duties only "
        "(signed in as {user}).",
    },
    "overdue_scope_warehouse": {
        "th": "นับทุกเรื่องในคลังข้อมูล (ทุกช่องทาง รวมเรื่องที่แจ้งผ่านแอปถึงรอบนำเข้าล่าสุด) ณ สิ้นวันที่ {date} "
        "(วันที่อ้างอิงของข้อมูล) · {rule} · marts.fct_complaints",
        "en": "Counts every complaint in the warehouse (all channels, including this app's cases "
        "up to the last pipeline run) at the end of {date}, the data's as-of date · {rule} · "
        "marts.fct_complaints",
    },
    "total": {"th": "ทั้งหมด", "en": "Total"},
    "agency": {"th": "หน่วยงานที่รับผิดชอบ", "en": "Responsible unit"},
    "category": {"th": "ประเภท", "en": "Category"},
    "channel": {"th": "ช่องทาง", "en": "Channel"},
    "ageing": {"th": "อายุเรื่องที่ค้าง (วัน)", "en": "Age of open complaints (days)"},
    "overdue_list": {"th": "เรื่องเกินกำหนดที่ต้องเร่งรัด", "en": "Overdue complaints to act on first"},
    "overdue_list_note": {
        "th": "เรียงจากเกินกำหนดนานที่สุด แสดงไม่เกิน {limit} เรื่อง",
        "en": "Longest overdue first; at most {limit} complaints shown.",
    },
    "by_agency": {"th": "ตามหน่วยงาน", "en": "By responsible unit"},
    "by_area": {"th": "ตามพื้นที่", "en": "By area"},
    "complaint_id": {"th": "เลขที่เรื่อง", "en": "Complaint"},
    "received_at": {"th": "วันที่รับเรื่อง", "en": "Received"},
    "due_at": {"th": "กำหนดเสร็จ", "en": "Due"},
    "days_open": {"th": "จำนวนวันที่ค้าง", "en": "Days open"},
    "days_overdue": {"th": "เกินกำหนด (วัน)", "en": "Days overdue"},
    "median_days": {"th": "มัธยฐานวันที่ใช้แก้ไข", "en": "Median days to resolve"},
    "unassigned": {"th": "(ยังไม่ระบุหน่วยงาน)", "en": "(no unit yet)"},
    # data health
    "health_intro": {
        "th": "ความสดใหม่ของข้อมูลแต่ละแหล่ง แถวที่ถูกกักกัน ผลการทดสอบ dbt และชื่อพื้นที่ที่ยังจับคู่ไม่ได้",
        "en": "Freshness of each source, quarantined rows, dbt test results and area names "
        "waiting for a mapping.",
    },
    "freshness": {"th": "ความสดใหม่ของข้อมูล", "en": "Freshness"},
    "quarantine": {"th": "แถวที่ถูกกักกันและสาเหตุ", "en": "Quarantined rows and why"},
    "dbt_results": {"th": "ผลการทดสอบ dbt ของรุ่นนี้", "en": "dbt results of this build"},
    "unmatched": {"th": "ชื่อพื้นที่ที่ยังจับคู่ไม่ได้", "en": "Unmatched area names"},
    "stale_feeds": {"th": "แหล่งข้อมูลที่ล่าช้า", "en": "Late feeds"},
    "tests_failed": {"th": "การทดสอบที่ไม่ผ่าน", "en": "Failing tests"},
    "tests_passed": {"th": "การทดสอบที่ผ่าน", "en": "Passing tests"},
    "rows_quarantined": {"th": "แถวที่ถูกกักกัน", "en": "Rows quarantined"},
    "all_tests_passed": {"th": "การทดสอบทั้งหมดผ่าน", "en": "Every test passed"},
    # exports
    "exports_intro": {
        "th": "ดาวน์โหลดตารางเป็น CSV หรือ Excel (ข้อความที่ขึ้นต้นด้วย = + - @ ถูกป้องกันสูตร) "
        "และสรุปสำหรับผู้บริหาร 1 หน้าเป็น PDF",
        "en": "Download tables as CSV or Excel (text starting with = + - @ is neutralised) and "
        "a one-page executive brief as PDF.",
    },
    "table": {"th": "ตาราง", "en": "Table"},
    "rows": {"th": "{n} แถว", "en": "{n} rows"},
    "truncated": {
        "th": "แสดงและส่งออกได้ไม่เกิน {limit} แถว กรุณาเลือกพื้นที่ให้แคบลง",
        "en": "At most {limit} rows are shown and exported; narrow the area.",
    },
    "download_csv": {"th": "ดาวน์โหลด CSV", "en": "Download CSV"},
    "download_xlsx": {"th": "ดาวน์โหลด Excel", "en": "Download Excel"},
    "download_pdf": {"th": "ดาวน์โหลดสรุปผู้บริหาร (PDF)", "en": "Download executive brief (PDF)"},
    "brief_title": {"th": "สรุปสำหรับผู้บริหาร", "en": "Executive brief"},
    "brief_section": {"th": "สรุปสำหรับผู้บริหาร (PDF)", "en": "Executive brief (PDF)"},
    "export_area": {"th": "ข้อมูลของ: {name}", "en": "Data for: {name}"},
    "generated_at": {"th": "จัดทำเมื่อ {date}", "en": "Generated {date}"},
    # public
    "public_intro": {
        "th": "ข้อมูลเปิดของจังหวัดสระบุรีจากคลังข้อมูล เพื่อให้ประชาชนร่วมคิด ร่วมเสนอโครงการ และติดตามการพัฒนา",
        "en": "Open data of Saraburi from the warehouse, so that citizens can think along, "
        "propose projects and follow development.",
    },
}

PERIOD_WORDS: dict[str, dict[str, str]] = {
    "monthly": {"th": "เดือน", "en": "month"},
    "yearly": {"th": "ปี", "en": "year"},
}
NEEDS_DIMENSIONS = ("health", "living", "education", "income", "public_access")
MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def lang() -> Lang:
    """The chosen language: the sidebar switch, else the ``lang`` query parameter, else Thai."""
    value = st.session_state.get(LANG_KEY) or st.query_params.get(LANG_KEY) or "th"
    return "en" if value == "en" else "th"


def t(key: str, **values: object) -> str:
    """The label ``key`` in the chosen language, with ``{placeholders}`` filled in."""
    entry = LABELS.get(key)
    if entry is None:
        return key
    text = entry.get(lang()) or entry["th"]
    return text.format(**values) if values else text


def pick(th: object, en: object) -> str:
    """Choose between a Thai and an English value from the data (English falls back to Thai)."""
    if lang() == "en" and isinstance(en, str) and en:
        return en
    return str(th) if th is not None else ""


def period_word(grain: str) -> str:
    return PERIOD_WORDS.get(grain, PERIOD_WORDS["monthly"])[lang()]


def fmt_number(value: object, *, decimals: int = 0, unit: str = "") -> str:
    """A number with thousands separators; shares (unit 0-1) as percentages; '-' when missing."""
    if value is None:
        return "–"
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return str(value)
    if math.isnan(number):
        return "–"
    if "0-1" in unit:
        return f"{number * 100:,.1f}%"
    if decimals == 0 and abs(number - round(number)) > 1e-9 and abs(number) < 1000:
        decimals = 1
    return f"{number:,.{decimals}f}"


def fmt_date(value: object) -> str:
    """A date in the Thai way (15 ม.ค. 2567) or ISO for English; '-' when missing."""
    if value is None:
        return "–"
    if isinstance(value, dt.datetime):
        value = value.date()
    if not isinstance(value, dt.date):
        try:
            value = dt.date.fromisoformat(str(value)[:10])
        except ValueError:
            return str(value)
    if lang() == "th":
        return format_thai_date(value, "abbr_be")
    return value.isoformat()


def fmt_month(value: object) -> str:
    """A month as "ม.ค. 2567" or "Jan 2024"."""
    if value is None:
        return "–"
    if isinstance(value, dt.datetime):
        value = value.date()
    if not isinstance(value, dt.date):
        try:
            value = dt.date.fromisoformat(str(value)[:10])
        except ValueError:
            return str(value)
    if lang() == "th":
        return format_thai_date(value, "abbr_be").split(" ", 1)[1]
    return f"{MONTHS_EN[value.month - 1]} {value.year}"


def fmt_period(value: object, grain: str) -> str:
    """A KPI period label: month for monthly KPIs, "ปี 2568" / "2568 BE" for yearly ones."""
    if grain == "yearly":
        return f"ปี {value}" if lang() == "th" else f"{value} BE"
    return fmt_month(value)

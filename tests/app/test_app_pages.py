"""Every page of the operations centre, run with AppTest against fixture warehouses."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest
from appdriver import open_page
from fixture_warehouse import make_warehouse
from streamlit.testing.v1 import AppTest

from app.i18n import fmt_number
from app.navigation import PAGES

# The warehouse pages of this app; citizen_/officer_/admin_ pages (the operational store) have
# their own tests.
OPERATIONS = ("app_pages/citizen_", "app_pages/officer_", "app_pages/admin_", "app_pages/staff_")
APP_PAGES = [
    page.url_path
    for pages in PAGES.values()
    for page in pages
    if not page.path.startswith(OPERATIONS)
]


def _texts(at: AppTest) -> str:
    parts = [e.value for e in at.title] + [e.value for e in at.subheader]
    parts += (
        [e.value for e in at.info] + [e.value for e in at.markdown] + [e.value for e in at.caption]
    )
    return "\n".join(str(p) for p in parts)


@pytest.mark.parametrize("url_path", APP_PAGES)
def test_every_page_renders_without_error(open_app: Callable[..., AppTest], url_path: str) -> None:
    # GIVEN the fixture warehouse WHEN a page runs THEN no exception and no failed section
    at = open_app(url_path)
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error
    assert not [w.value for w in at.warning if "แสดงผลไม่ได้" in w.value]
    assert at.title, "every page has a title"
    if url_path in {"map", "profile", "overview", "complaints"}:
        assert at.get("vega_lite_chart"), "charts are drawn"


def _province_kpi(build: Path, table: str, period: str, kpi: str) -> list[float]:
    with duckdb.connect(str(build), read_only=True) as con:
        rows = con.execute(
            f"select kpi_value from marts.{table} where area_code = '19' and kpi_code = ? "
            f"order by {period} desc limit 2",
            [kpi],
        ).fetchall()
    return [r[0] for r in rows]


@pytest.mark.parametrize(
    ("kpi", "name_th", "table", "period"),
    [
        ("population_total", "ประชากรตามทะเบียนราษฎร", "fct_area_kpis_monthly", "month_start_date"),
        (
            "complaints_open_end_of_month",
            "เรื่องค้างดำเนินการ ณ สิ้นเดือน",
            "fct_area_kpis_monthly",
            "month_start_date",
        ),
        (
            "complaints_overdue_end_of_month",
            "เรื่องเกินกำหนด ณ สิ้นเดือน",
            "fct_area_kpis_monthly",
            "month_start_date",
        ),
        ("dengue_cases", "ผู้ป่วยไข้เลือดออก", "fct_area_kpis_monthly", "month_start_date"),
        (
            "development_budget_thb",
            "งบประมาณตามแผนพัฒนาท้องถิ่น",
            "fct_area_kpis_yearly",
            "fiscal_year_be",
        ),
    ],
)
def test_overview_kpis_equal_the_marts(
    open_app: Callable[..., AppTest],
    build_path: Path,
    kpi: str,
    name_th: str,
    table: str,
    period: str,
) -> None:
    # GIVEN the province rows of the KPI mart WHEN the overview runs
    latest, previous = _province_kpi(build_path, table, period, kpi)
    at = open_app("overview")
    # THEN the metric shows the latest value and the change against the previous period
    metric = next(m for m in at.metric if m.label.startswith(name_th))
    assert metric.value == fmt_number(latest)
    change = latest - previous
    assert metric.delta is not None and metric.delta.replace("+", "").replace(",", "") == (
        f"{change:.0f}" if float(change).is_integer() or abs(change) >= 100 else f"{change:.1f}"
    )


def test_overview_share_kpi_is_a_percentage(
    open_app: Callable[..., AppTest], build_path: Path
) -> None:
    latest, _ = _province_kpi(
        build_path, "fct_area_kpis_yearly", "fiscal_year_be", "households_failing_any_share"
    )
    at = open_app("overview")
    metric = next(m for m in at.metric if m.label.startswith("สัดส่วนครัวเรือนที่ตกเกณฑ์อย่างน้อย"))
    assert metric.value == f"{latest * 100:,.1f}%"


def test_complaints_monitor_counts_equal_the_fact(
    open_app: Callable[..., AppTest], build_path: Path
) -> None:
    with duckdb.connect(str(build_path), read_only=True) as con:
        overdue, open_, total = con.execute(
            "select count(*) filter (where is_open and is_overdue), "
            "count(*) filter (where is_open), count(*) from marts.fct_complaints"
        ).fetchone()
    at = open_app("complaints")
    values = {m.label: m.value for m in at.metric}
    assert values["เกินกำหนด"] == fmt_number(overdue)
    assert values["ค้างดำเนินการ"] == fmt_number(open_)
    assert values["ทั้งหมด"] == fmt_number(total)
    overdue_table = at.dataframe[0].value
    assert len(overdue_table) == min(overdue, 200)
    days = overdue_table["เกินกำหนด (วัน)"].tolist()
    assert days == sorted(days, reverse=True), "longest overdue first"


def test_map_drill_down_changes_the_selection(open_app: Callable[..., AppTest]) -> None:
    # GIVEN the map at province level
    at = open_app("map")
    assert at.session_state["area"] == "19"
    # WHEN a district is chosen THEN the selection, the URL and the breadcrumb follow
    at.selectbox(key="map_amphoe_19").set_value("1902").run()
    assert at.session_state["area"] == "1902"
    assert at.query_params["area"] in ("1902", ["1902"])
    assert any("แก่งคอย" in m.value for m in at.markdown)
    # WHEN a subdistrict of it is chosen THEN the selection is that tambon
    next(s for s in at.selectbox if s.label == "เลือกตำบล").set_value("190201").run()
    assert at.session_state["area"] == "190201"
    assert at.title[0].value == "แผนที่ตัวชี้วัดรายพื้นที่"
    # WHEN the breadcrumb's province step is clicked THEN the selection goes back up
    at.button(key="map_crumb_19").click().run()
    assert at.session_state["area"] == "19"
    assert not at.exception


def test_other_pages_follow_the_selection(open_app: Callable[..., AppTest]) -> None:
    # GIVEN district 1902 chosen on the map WHEN the profile opens THEN it is that district's
    at = open_app("map")
    at.selectbox(key="map_amphoe_19").set_value("1902").run()
    at.switch_page("app_pages/area_profile.py").run()
    assert at.title[0].value == "ข้อมูลรายพื้นที่: แก่งคอย"
    assert not at.exception


def test_profile_from_a_link_shows_the_tambon(open_app: Callable[..., AppTest]) -> None:
    at = open_app("profile", area="190101")
    assert at.title[0].value == "ข้อมูลรายพื้นที่: ปากเพรียว"
    assert any(c.value.startswith("อันดับ") for c in at.caption), "ranked against siblings"
    assert not at.exception


def test_language_switch_changes_labels(open_app: Callable[..., AppTest]) -> None:
    # GIVEN the overview in Thai WHEN English is chosen THEN titles and labels are English
    at = open_app("overview")
    assert at.title[0].value == "ภาพรวมจังหวัด"
    at.sidebar.button_group[0].set_value("en").run()
    assert at.title[0].value == "Overview"
    assert any(m.label.startswith("Registered population") for m in at.metric)
    # AND the choice follows to the next page
    at.switch_page("app_pages/map.py").run()
    assert at.title[0].value == "Indicator map by area"
    assert not at.exception


def test_a_link_with_lang_en_opens_in_english(open_app: Callable[..., AppTest]) -> None:
    at = open_app("complaints", lang="en")
    assert at.title[0].value == "Complaints monitor"
    assert at.sidebar.button_group[0].value == "en"
    assert not at.exception


def test_font_size_control_sets_the_css_variable(open_app: Callable[..., AppTest]) -> None:
    at = open_app("overview")
    at.sidebar.button_group[1].set_value("font_large").run()
    styles = [h.proto.body for h in at.get("html") if "--sb-font-scale" in h.proto.body]
    assert styles and "--sb-font-scale: 1.15" in styles[-1]


def test_no_published_warehouse_shows_a_message(
    tmp_path: Path, use_warehouse: Callable[[Path], None]
) -> None:
    use_warehouse(tmp_path / "nothing")
    for url_path in APP_PAGES:
        at = open_page(url_path)
        assert not at.exception
        assert any("ยังไม่มีคลังข้อมูลที่เผยแพร่" in i.value for i in at.info), url_path


@pytest.fixture(scope="module")
def empty_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("empty")
    make_warehouse(directory, empty_facts=True, version="20250101T000000000000")
    return directory


@pytest.mark.parametrize("url_path", APP_PAGES)
def test_empty_marts_show_a_message_not_a_blank_chart(
    empty_warehouse: Path, use_warehouse: Callable[[Path], None], url_path: str
) -> None:
    use_warehouse(empty_warehouse)
    at = open_page(url_path)
    assert not at.exception
    assert not [w.value for w in at.warning if "แสดงผลไม่ได้" in w.value]
    assert any("ยังไม่มีข้อมูล" in i.value for i in at.info), url_path
    assert not at.get("vega_lite_chart") and not at.get("arrow_vega_lite_chart")


def test_build_without_boundaries_shows_the_map_as_a_table(
    tmp_path: Path, use_warehouse: Callable[[Path], None]
) -> None:
    make_warehouse(tmp_path, with_boundaries=False, version="20250202T000000000000")
    use_warehouse(tmp_path)
    at = open_page("map")
    assert not at.exception
    assert any("ไม่มีขอบเขตพื้นที่" in i.value for i in at.info)
    assert len(at.dataframe) == 1 and len(at.dataframe[0].value) == 13


def test_a_newly_published_build_is_picked_up_without_restart(
    tmp_path: Path, use_warehouse: Callable[[Path], None]
) -> None:
    make_warehouse(tmp_path, version="20250303T000000000000")
    use_warehouse(tmp_path)
    first = open_page("overview")
    assert "20250303T000000000000" in _sidebar_caption(first)
    make_warehouse(tmp_path, version="20250404T000000000000", seed=7)
    second = open_page("overview")
    assert "20250404T000000000000" in _sidebar_caption(second)
    assert not second.exception


def _sidebar_caption(at: AppTest) -> str:
    return "\n".join(c.value for c in at.sidebar.caption)


def test_exports_page_offers_csv_excel_and_pdf(open_app: Callable[..., AppTest]) -> None:
    at = open_app("exports", area="1902")
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["ดาวน์โหลด CSV", "ดาวน์โหลด Excel", "ดาวน์โหลดสรุปผู้บริหาร (PDF)"]
    assert any("แก่งคอย" in m.value for m in at.markdown)
    preview = at.dataframe[0].value
    assert preview["area_code"].str.startswith("1902").all(), "the export follows the area"

"""End to end in Debian's Chromium: map click → district profile in Thai → CSV download.

Runs ``streamlit run`` on a free localhost port against a fixture warehouse. Screenshots and the
downloaded file go to ``test-artifacts/`` (git-ignored; CI keeps them as artifacts).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_support import launch_chromium, streamlit_server
from fixture_warehouse import make_warehouse

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "app"

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    warehouse = tmp_path_factory.mktemp("browser_warehouse")
    make_warehouse(warehouse)
    log = tmp_path_factory.mktemp("log") / "streamlit.log"
    with streamlit_server({"SARABURI_WAREHOUSE_DIR": str(warehouse)}, log) as url:
        yield url


def test_map_click_opens_the_district_profile_and_a_csv_downloads(server: str) -> None:
    from playwright.sync_api import expect, sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        page = browser.new_page(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
        try:
            # GIVEN the province map
            page.goto(f"{server}/map")
            chart = page.locator(".vega-embed").first
            expect(chart).to_be_visible(timeout=30_000)
            page.wait_for_timeout(1500)
            page.screenshot(path=str(ARTIFACTS / "01_map_province.png"), full_page=True)
            selected = page.get_by_text("พื้นที่ที่เลือก:")
            expect(selected).to_contain_text("สระบุรี")

            # WHEN a district is clicked (the first point of a grid that falls on a district)
            box = chart.bounding_box()
            assert box is not None
            name = ""
            for fx, fy in [(0.5, 0.45), (0.45, 0.55), (0.55, 0.4), (0.4, 0.4), (0.6, 0.6),
                           (0.5, 0.6), (0.35, 0.5), (0.65, 0.35)]:  # fmt: skip
                page.mouse.click(box["x"] + box["width"] * fx, box["y"] + box["height"] * fy)
                try:
                    expect(selected).not_to_contain_text("สระบุรี", timeout=5_000)
                except AssertionError:
                    continue
                name = selected.inner_text().split(":", 1)[1].strip()
                break
            assert name, "a click on the map selected a district"
            page.wait_for_timeout(1000)
            page.screenshot(path=str(ARTIFACTS / "02_map_district.png"), full_page=True)

            # THEN the district's profile shows its Thai name
            page.get_by_text(f"ดูข้อมูลรายพื้นที่ของ {name}").click()
            heading = page.get_by_role("heading", name=f"ข้อมูลรายพื้นที่: {name}")
            expect(heading).to_be_visible(timeout=30_000)
            page.wait_for_timeout(1500)
            page.screenshot(path=str(ARTIFACTS / "03_profile.png"), full_page=True)

            # AND a CSV of the district downloads from the exports page
            page.get_by_role("link", name="ส่งออกข้อมูล").click()
            button = page.get_by_role("button", name="ดาวน์โหลด CSV")
            expect(button).to_be_visible(timeout=30_000)
            with page.expect_download(timeout=30_000) as download_info:
                button.click()
            target = ARTIFACTS / download_info.value.suggested_filename
            download_info.value.save_as(str(target))
            page.screenshot(path=str(ARTIFACTS / "04_exports.png"), full_page=True)
            content = target.read_bytes()
            assert content.startswith(b"\xef\xbb\xbf"), "UTF-8 with BOM"
            assert b"area_code" in content.splitlines()[0]
            assert len(content.splitlines()) > 1

            # AND the executive brief of the district downloads as a PDF with the Thai font
            with page.expect_download(timeout=30_000) as pdf_info:
                page.get_by_role("button", name="ดาวน์โหลดสรุปผู้บริหาร (PDF)").click()
            brief = ARTIFACTS / pdf_info.value.suggested_filename
            pdf_info.value.save_as(str(brief))
            assert brief.read_bytes().startswith(b"%PDF-")
            assert b"NotoSansThai" in brief.read_bytes()
        finally:
            browser.close()

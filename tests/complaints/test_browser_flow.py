"""End to end in Chromium: a citizen reports, the demo officer resolves, the citizen sees it.

Runs ``streamlit run app/server.py`` on a free localhost port against a fresh operational
store (demo users with their one-time passwords) and an empty warehouse. Screenshots go to
``test-artifacts/operations/``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_support import launch_chromium, streamlit_server

from bootstrap.setup import create_demo_users

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "operations"

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def app_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str]]]:
    base = tmp_path_factory.mktemp("ops_browser")
    url = f"sqlite:///{base / 'operational.sqlite'}"
    passwords = create_demo_users(url)
    env = {"SARABURI_WAREHOUSE_DIR": str(base / "warehouse"), "SARABURI_OPERATIONAL_URL": url}
    with streamlit_server(env, base / "streamlit.log") as address:
        yield address, passwords


def test_citizen_reports_officer_resolves_citizen_sees_result(
    app_server: tuple[str, dict[str, str]],
) -> None:
    from playwright.sync_api import expect, sync_playwright

    address, passwords = app_server
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            # GIVEN a citizen on the report page
            citizen = browser.new_page(viewport={"width": 1300, "height": 1800})
            citizen.goto(f"{address}/report")
            expect(citizen.get_by_role("heading", name="แจ้งปัญหา / ร้องเรียน")).to_be_visible(
                timeout=30_000
            )
            # WHEN they report a road problem in Mueang Saraburi
            category = citizen.get_by_label("ประเภทเรื่อง")
            category.click()
            category.fill("ถนน")
            citizen.keyboard.press("Enter")
            citizen.get_by_label("รายละเอียดปัญหา", exact=True).fill("ถนนหน้าโรงเรียนเป็นหลุมใหญ่")
            citizen.get_by_role("button", name="ส่งเรื่อง").click()
            heading = citizen.locator("h1 code")
            expect(heading).to_be_visible(timeout=30_000)
            code = heading.inner_text().strip()
            assert re.fullmatch(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", code)
            citizen.screenshot(path=str(ARTIFACTS / "01_reported.png"), full_page=True)

            # AND the demo officer signs in, accepts and resolves it
            officer = browser.new_context().new_page()
            officer.set_viewport_size({"width": 1300, "height": 2200})
            officer.goto(f"{address}/queue")
            officer.get_by_label("ชื่อผู้ใช้").fill("demo_officer")
            officer.get_by_label("รหัสผ่าน").fill(passwords["demo_officer"])
            officer.get_by_role("button", name="เข้าสู่ระบบ").click()
            # the one-time password is replaced before anything else
            new_password = officer.get_by_label("รหัสผ่านใหม่ (อย่างน้อย 12 ตัว)")
            expect(new_password).to_be_visible(timeout=30_000)
            officer.get_by_label("รหัสผ่าน", exact=True).fill(passwords["demo_officer"])
            new_password.fill("a-new-long-password")
            officer.get_by_role("button", name="เปลี่ยนรหัสผ่าน").click()
            accept = officer.get_by_role("button", name="รับเรื่อง", exact=True)
            expect(accept).to_be_visible(timeout=30_000)
            accept.click()
            expect(accept).to_be_hidden(timeout=30_000)  # the rerun has shown the new status
            officer.get_by_role("tab", name="ปิดเรื่อง: แก้ไขแล้ว").click()
            officer.get_by_label("ผลการแก้ไข", exact=True).fill("ปะซ่อมผิวถนนเรียบร้อยแล้ว")
            officer.get_by_role("button", name="ปิดเรื่อง: แก้ไขแล้ว", exact=True).click()
            # the resolved case leaves the queue of open cases
            expect(officer.get_by_text("ไม่มีเรื่องในคิว")).to_be_visible(timeout=30_000)
            officer.screenshot(path=str(ARTIFACTS / "02_resolved.png"), full_page=True)

            # THEN the citizen sees the result by tracking code
            citizen.goto(f"{address}/track")
            citizen.get_by_label("รหัสติดตาม").fill(code.lower())
            citizen.get_by_role("button", name="ค้นหา").click()
            expect(citizen.get_by_text("ปะซ่อมผิวถนนเรียบร้อยแล้ว").first).to_be_visible(timeout=30_000)
            expect(citizen.get_by_role("button", name="ยืนยันว่าแก้ไขแล้ว")).to_be_visible()
            citizen.screenshot(path=str(ARTIFACTS / "03_tracked.png"), full_page=True)
        finally:
            browser.close()

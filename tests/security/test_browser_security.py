"""In Chromium: nothing is fetched from outside this server, staff stay signed in across a reload
and a new tab (and sign-out ends it), a staff page opened by its address asks for sign-in in the
person's language, and no foreign page can frame the sign-in form (issue 9)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlparse

import pytest

from bootstrap.setup import create_demo_users
from operations.accounts import change_own_password
from operations.db import Store
from tests.browser_support import launch_chromium, streamlit_server
from tests.complaints.ops_helpers import T0, principal, submit

pytestmark = [pytest.mark.browser, pytest.mark.slow]
PASSWORD = "officer-long-password"
LOCAL_HOSTS = {"127.0.0.1", "localhost", ""}


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    base = tmp_path_factory.mktemp("security_browser")
    url = f"sqlite:///{base / 'operational.sqlite'}"
    one_time = create_demo_users(url)
    store = Store(url)
    change_own_password(
        store, principal(store, "demo_officer"), one_time["demo_officer"], PASSWORD, T0
    )
    submit(store)
    store.dispose()
    env = {"SARABURI_WAREHOUSE_DIR": str(base / "warehouse"), "SARABURI_OPERATIONAL_URL": url}
    with streamlit_server(env, base / "streamlit.log") as address:
        yield address


def _browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    yield from _browser()


@pytest.mark.parametrize("path", ["/", "/staff", "/report", "/board", "/track", "/exports"])
def test_every_request_stays_on_this_server(app_url: str, browser: Any, path: str) -> None:
    from playwright.sync_api import expect

    # GIVEN a page of the app WHEN it loads fully THEN it asked no other host for anything
    page = browser.new_page()
    outside: list[str] = []
    page.on(
        "request",
        lambda request: (
            outside.append(request.url)
            if urlparse(request.url).scheme in ("http", "https", "ws", "wss")
            and urlparse(request.url).hostname not in LOCAL_HOSTS
            else None
        ),
    )
    page.goto(f"{app_url}{path}")
    expect(page.locator("h1").first).to_be_visible(timeout=30_000)
    page.wait_for_load_state("networkidle")
    page.close()
    assert outside == []


def test_staff_stay_signed_in_across_a_reload_and_a_new_tab(app_url: str, browser: Any) -> None:
    from playwright.sync_api import expect

    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{app_url}/staff")
    page.get_by_label("ชื่อผู้ใช้").fill("demo_officer")
    page.get_by_label("รหัสผ่าน").fill(PASSWORD)
    page.get_by_role("button", name="เข้าสู่ระบบ").click()
    signed_in = page.get_by_text("เข้าสู่ระบบเป็น demo_officer")
    expect(signed_in).to_be_visible(timeout=30_000)
    # the session cookie is out of JavaScript's reach
    cookies = {c["name"]: c for c in context.cookies()}
    assert cookies["__Host-saraburi_staff"]["httpOnly"]
    assert page.evaluate("document.cookie").find("saraburi_staff") == -1
    # WHEN the page is reloaded THEN she is still signed in
    page.reload()
    expect(signed_in).to_be_visible(timeout=30_000)
    # AND a new tab opens her queue directly
    tab = context.new_page()
    tab.goto(f"{app_url}/queue")
    expect(tab.get_by_role("heading", name="งานของหน่วยงาน")).to_be_visible(timeout=30_000)
    expect(tab.get_by_text("ถนนหน้าวัดเป็นหลุมลึก")).to_be_visible(timeout=30_000)
    # WHEN she signs out THEN a reload asks for sign-in again
    tab.get_by_role("button", name="ออกจากระบบ").click()
    expect(tab.get_by_role("button", name="เข้าสู่ระบบ")).to_be_visible(timeout=30_000)
    page.reload()
    expect(page.get_by_role("button", name="เข้าสู่ระบบ")).to_be_visible(timeout=30_000)
    context.close()


@pytest.mark.parametrize(("lang", "title"), [("en", "Staff sign-in"), ("th", "เข้าสู่ระบบเจ้าหน้าที่")])
@pytest.mark.parametrize("path", ["/escalations", "/admin"])
def test_a_staff_page_opened_by_address_asks_for_sign_in(
    app_url: str, browser: Any, path: str, lang: str, title: str
) -> None:
    from playwright.sync_api import expect

    page = browser.new_page()
    page.goto(f"{app_url}{path}?lang={lang}")
    expect(page.get_by_role("heading", name=title)).to_be_visible(timeout=30_000)
    assert page.get_by_text("Page not found").count() == 0
    page.close()


def test_a_foreign_page_cannot_frame_the_sign_in_form(app_url: str, browser: Any) -> None:
    page = browser.new_page()
    # GIVEN a page from another origin that embeds the sign-in page
    page.set_content(f'<iframe id="f" src="{app_url}/staff" width="800" height="600"></iframe>')
    page.wait_for_timeout(3_000)
    # THEN the browser refused to render it inside the frame (frame-ancestors 'self')
    framed = [frame for frame in page.frames if frame != page.main_frame]
    assert framed
    for frame in framed:
        assert frame.locator("text=เข้าสู่ระบบเจ้าหน้าที่").count() == 0, frame.url
    page.close()

"""Run the app on one page with AppTest (shared by the app tests and their fixtures)."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parents[2] / "app" / "streamlit_app.py"
TIMEOUT = 30


def open_page(url_path: str = "overview", **query: str) -> AppTest:
    from app.navigation import page_by_url

    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    page = page_by_url(url_path)
    if not page.default:
        at.switch_page(page.path).run()
    return at

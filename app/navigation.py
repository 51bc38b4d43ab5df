"""The app's pages, grouped by audience: the one registry ``streamlit_app.py`` reads.

To add a page, add one line to its audience in ``PAGES``::

    Page("app_pages/citizen_report.py", {"th": "แจ้งเรื่อง", "en": "Report a problem"},
         ":material/campaign:", "report"),

``title`` is either a key of ``app.i18n.LABELS`` or a ``{"th": ..., "en": ...}`` dict. ``roles``
shows a page in the menu only to sessions whose ``st.session_state["roles"]`` (set by the sign-in
flow) holds one of them; an empty tuple means everyone. Pages with roles are still registered
(hidden), so a link or a bookmark to them opens the page, which asks for sign-in in the person's
language (the page itself checks the role, and so does every service it calls). Sections with no
visible page are not shown.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from app.i18n import lang, t

APP_DIR = Path(__file__).resolve().parent
ROLES_KEY = "roles"


@dataclass(frozen=True)
class Page:
    path: str  # relative to app/, e.g. "app_pages/overview.py"
    title: str | Mapping[str, str]  # i18n key or {"th": ..., "en": ...}
    icon: str
    url_path: str  # stable URL, also used by st.page_link and tests
    default: bool = False
    roles: tuple[str, ...] = ()


# Section order is the order here. Section titles are the i18n keys "section_<audience>".
PAGES: dict[str, list[Page]] = {
    "executive": [
        Page("app_pages/overview.py", "page_overview", ":material/dashboard:", "overview", True),
        Page("app_pages/map.py", "page_map", ":material/map:", "map"),
        Page("app_pages/area_profile.py", "page_profile", ":material/location_city:", "profile"),
        Page(
            "app_pages/complaints.py", "page_complaints", ":material/support_agent:", "complaints"
        ),
    ],
    "analyst": [
        Page("app_pages/data_health.py", "page_health", ":material/monitor_heart:", "data-health"),
        Page("app_pages/exports.py", "page_exports", ":material/download:", "exports"),
    ],
    "public": [
        Page("app_pages/public_facts.py", "page_public", ":material/groups:", "public"),
        Page(
            "app_pages/citizen_report.py",
            {"th": "แจ้งปัญหา", "en": "Report a problem"},
            ":material/campaign:",
            "report",
        ),
        Page(
            "app_pages/citizen_track.py",
            {"th": "ติดตามเรื่อง", "en": "Track a case"},
            ":material/pin_drop:",
            "track",
        ),
        Page(
            "app_pages/citizen_board.py",
            {"th": "กระดานเรื่องร้องเรียน", "en": "Case board"},
            ":material/view_list:",
            "board",
        ),
    ],
    "staff": [
        Page(
            "app_pages/staff_account.py",
            {"th": "บัญชีเจ้าหน้าที่", "en": "Staff account"},
            ":material/badge:",
            "staff",
        ),
        Page(
            "app_pages/officer_queue.py",
            {"th": "งานของหน่วยงาน", "en": "Agency queue"},
            ":material/inbox:",
            "queue",
            roles=("officer",),
        ),
        Page(
            "app_pages/officer_escalations.py",
            {"th": "พื้นที่งานผู้บริหาร", "en": "Executive workspace"},
            ":material/priority_high:",
            "escalations",
            roles=("executive",),
        ),
        Page(
            "app_pages/admin_users.py",
            {"th": "ผู้ใช้และการส่งต่อ", "en": "Users and routing"},
            ":material/admin_panel_settings:",
            "admin",
            roles=("admin",),
        ),
    ],
}
# Where each role works (the page a signed-in person is sent to).
HOMES = {"officer": "queue", "executive": "escalations", "admin": "admin"}


def home_of(role: str) -> str | None:
    return HOMES.get(role)


def title_of(page: Page) -> str:
    if isinstance(page.title, str):
        return t(page.title)
    return page.title.get(lang()) or page.title.get("th") or page.url_path


def current_roles() -> set[str]:
    roles = st.session_state.get(ROLES_KEY) or ()
    return {roles} if isinstance(roles, str) else set(roles)


def visible(page: Page, roles: Iterable[str]) -> bool:
    return not page.roles or bool(set(page.roles) & set(roles))


def page_by_url(url_path: str) -> Page:
    for pages in PAGES.values():
        for page in pages:
            if page.url_path == url_path:
                return page
    raise KeyError(url_path)


def st_pages(roles: Iterable[str] | None = None) -> dict[str, list[st.Page]]:  # type: ignore[name-defined]
    """``st.navigation`` input: every page, those this session may not use hidden from the menu."""
    roles = current_roles() if roles is None else set(roles)
    sections: dict[str, list[st.Page]] = {}  # type: ignore[name-defined]
    for audience, pages in PAGES.items():
        registered = [
            st.Page(
                str(APP_DIR / page.path),
                title=title_of(page),
                icon=page.icon,
                url_path=page.url_path,
                default=page.default,
                visibility="visible" if visible(page, roles) else "hidden",
            )
            for page in pages
        ]
        if registered:
            sections[t(f"section_{audience}")] = registered
    return sections


def link(url_path: str, label: str | None = None, **query: str) -> None:
    """A link to another registered page, carrying query parameters (area, kpi, lang)."""
    page = page_by_url(url_path)
    params = {k: v for k, v in query.items() if v}
    st.page_link(
        page.path,
        label=label or title_of(page),
        icon=page.icon,
        query_params=params,
    )

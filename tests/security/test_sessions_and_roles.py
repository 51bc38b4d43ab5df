"""Sessions and roles hold in the service layer, not only on the pages (issue 9: one-time passwords
not enforced, a deactivated officer's session still working, merging into another agency's case,
executives on the officers' queue, and two answers to "how many cases are overdue")."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select
from streamlit.testing.v1 import AppTest

from app.navigation import PAGES, visible
from complaints import views, workflow
from complaints.models import Complaint
from complaints.overdue import overdue_condition
from operations import accounts, sessions
from operations.auth import Principal
from operations.db import Store
from operations.errors import OperationsError, PasswordChangeRequired, SessionEnded
from operations.sessions import IDLE_MINUTES, SESSION_HOURS, new_secret, resume, sign_in
from tests.complaints.ops_helpers import T0, submit

APP = Path(__file__).resolve().parents[2] / "app" / "streamlit_app.py"
PAGES_DIR = APP.parent / "app_pages"


def _signed_in(
    store: Store, username: str, password: str, at: object = T0
) -> tuple[str, Principal]:
    secret = new_secret()
    return secret, sign_in(store, username, password, "desk", secret, at)  # type: ignore[arg-type]


def test_a_one_time_password_must_be_changed_before_anything_else(
    store: Store, officer: Principal, admin_user: Principal
) -> None:
    case = submit(store).complaint_id
    # GIVEN an officer whose password an admin reset to a one-time one, signed in with it
    one_time = accounts.reset_password(store, admin_user, int(officer.user_id or 0), T0)
    _, flagged = _signed_in(store, "demo_officer", one_time)
    # WHEN she acts on a case or reads her queue THEN the service layer refuses
    with pytest.raises(PasswordChangeRequired):
        workflow.accept(store, flagged, case, T0)
    with pytest.raises(PasswordChangeRequired):
        views.officer_queue(store, flagged, T0)
    # AND once she changed it, the same session works
    accounts.change_own_password(store, flagged, one_time, "a-long-new-password", T0)
    workflow.accept(store, flagged, case, T0)


def test_a_deactivated_officers_open_session_stops_working(
    store: Store, passwords: dict[str, str], admin_user: Principal, officer: Principal
) -> None:
    case = submit(store).complaint_id
    secret, signed_in = _signed_in(store, "demo_officer", passwords["demo_officer"])
    # WHEN an admin deactivates the account while her session is open
    accounts.set_user_active(store, admin_user, int(officer.user_id or 0), False, T0)
    # THEN every service call of that session fails, and the session does not resume
    with pytest.raises(SessionEnded):
        workflow.accept(store, signed_in, case, T0)
    with pytest.raises(SessionEnded):
        views.case_detail(store, signed_in, case)
    assert resume(store, secret, T0) is None


def test_sign_out_expiry_and_password_change_end_sessions(
    store: Store, passwords: dict[str, str]
) -> None:
    password = passwords["demo_officer"]
    # a reload or a new tab resumes the session from the browser's secret
    secret, first = _signed_in(store, "demo_officer", password)
    assert resume(store, secret, T0 + timedelta(minutes=5)) == first
    # idle longer than the timeout: ended
    assert resume(store, secret, T0 + timedelta(minutes=IDLE_MINUTES + 6)) is None
    # active all day: ended after the absolute limit
    secret, _ = _signed_in(store, "demo_officer", password)
    moment = T0
    while moment < T0 + timedelta(hours=SESSION_HOURS - 1):
        moment += timedelta(minutes=20)
        assert resume(store, secret, moment) is not None
    assert resume(store, secret, T0 + timedelta(hours=SESSION_HOURS)) is None
    # signing out ends it at once, also for the service layer
    secret, principal = _signed_in(store, "demo_officer", password)
    sessions.sign_out(store, principal, T0)
    assert resume(store, secret, T0) is None
    with pytest.raises(SessionEnded):
        views.officer_queue(store, principal, T0)
    # changing the password ends every other session of the account
    here_secret, here = _signed_in(store, "demo_officer", password)
    there_secret, _ = _signed_in(store, "demo_officer", password)
    accounts.change_own_password(store, here, password, "another-long-password", T0)
    assert resume(store, there_secret, T0) is None
    assert resume(store, here_secret, T0) is not None


def test_an_officer_cannot_merge_into_another_agencys_case(
    store: Store, officer: Principal
) -> None:
    mine = submit(store).complaint_id
    theirs = submit(store, category_code="safety_crime", village_no=9).complaint_id
    with store.read() as session:
        other = session.get(Complaint, theirs)
        assert other is not None and other.agency_code not in (None, officer.agency_code)
    with pytest.raises(OperationsError, match="of your agency"):
        workflow.merge_duplicate(store, officer, mine, theirs, T0)
    with store.read() as session:
        unchanged = session.get(Complaint, mine)
        assert unchanged is not None and unchanged.status == "routed"
    # within the agency it works
    second = submit(store, village_no=7).complaint_id
    workflow.merge_duplicate(store, officer, second, mine, T0)


def test_exact_coordinates_only_for_the_cases_own_officers(
    store: Store, officer: Principal, executive: Principal
) -> None:
    case = submit(store, latitude=14.530123, longitude=100.910456).complaint_id
    own = views.case_detail(store, officer, case)
    assert (own.latitude, own.longitude) == (14.530123, 100.910456)
    seen = views.case_detail(store, executive, case)
    assert (seen.latitude, seen.longitude) == (14.53, 100.91)


# ----------------------------------------------------------------------------- pages


def test_staff_pages_are_reachable_by_url_and_shown_in_the_menu_by_role() -> None:
    pages = [page for section in PAGES.values() for page in section]

    def menu(roles: list[str]) -> set[str]:
        return {page.url_path for page in pages if visible(page, roles)}

    # every page is registered for everyone (st_pages hides, never drops: a link opens the page,
    # which asks for sign-in) ...
    assert {"escalations", "admin", "queue", "staff"} <= {page.url_path for page in pages}
    # ... while the menu shows each role its own workspace
    assert "staff" in menu([]) and not {"escalations", "admin", "queue"} & menu([])
    assert "escalations" in menu(["executive"]) and "queue" not in menu(["executive"])
    assert "queue" in menu(["officer"]) and "escalations" not in menu(["officer"])


@pytest.mark.parametrize(("lang", "title"), [("th", "เข้าสู่ระบบเจ้าหน้าที่"), ("en", "Staff sign-in")])
@pytest.mark.parametrize("page", ["officer_escalations", "admin_users"])
def test_a_staff_page_opened_directly_asks_for_sign_in_in_the_users_language(
    store: Store, page: str, lang: str, title: str
) -> None:
    at = AppTest.from_file(str(APP), default_timeout=30)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page(f"app_pages/{page}.py").run()
    assert not at.exception
    assert title in [s.value for s in at.subheader]


def test_executives_sign_in_to_their_own_workspace(store: Store, passwords: dict[str, str]) -> None:
    submit(store, at=T0)  # reported long ago: overdue now
    at = AppTest.from_file(str(APP), default_timeout=30).run()
    at.switch_page("app_pages/staff_account.py").run()
    at.text_input(key="ops_login_username").input("demo_executive")
    at.text_input(key="ops_login_password").input(passwords["demo_executive"])
    at.button[0].click().run()
    assert at.session_state["roles"] == ["executive"]
    at.switch_page("app_pages/officer_escalations.py").run()
    assert not at.exception
    assert [t.value for t in at.title] == ["พื้นที่งานผู้บริหาร"]
    assert not [w.value for w in at.warning if "เท่านั้น" in w.value]  # not "officers only"
    assert at.metric[0].value == "1"  # one overdue case


def test_one_overdue_rule_everywhere_in_the_operational_store(
    store: Store, officer: Principal, executive: Principal
) -> None:
    now = T0 + timedelta(days=20)
    # GIVEN 3 road cases past their 15-day SLA, 2 recent ones and 1 past due but resolved
    for n in range(3):
        submit(store, at=T0, village_no=n + 1)
    for n in range(2):
        submit(store, at=now - timedelta(days=1), village_no=n + 10)
    done = submit(store, at=T0, village_no=20).complaint_id
    workflow.accept(store, officer, done, now)
    workflow.resolve(store, officer, done, "ok", now)
    workflow.escalate_overdue(store, now)
    with store.read() as session:
        by_rule = session.scalar(
            select(func.count()).select_from(Complaint).where(overdue_condition(now))
        )
    # THEN the workspace, the officers' queue, the agency statistics and the rule agree
    workspace = views.escalations(store, executive, now)
    queue = views.officer_queue(store, officer, now)
    stats = views.agency_stats(store, now)
    assert by_rule == len(workspace) == sum(q.is_overdue for q in queue) == 3
    assert sum(s.overdue_open for s in stats) == 3

"""Every operational page through Streamlit's AppTest: forms, log-in, roles and no personal data."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from ops_helpers import T0, submit
from sqlalchemy import func, select
from streamlit.testing.v1 import AppTest

from complaints import workflow
from complaints.models import Complaint
from operations.auth import Principal
from operations.clock import utc_now
from operations.db import Store

PAGES = Path(__file__).resolve().parents[2] / "app" / "app_pages"
TIMEOUT = 30


def page(name: str) -> AppTest:
    return AppTest.from_file(str(PAGES / f"{name}.py"), default_timeout=TIMEOUT)


def shown(at: AppTest) -> str:
    """Everything a person can read on the page."""
    parts: list[str] = []
    for kind in (
        "title",
        "subheader",
        "markdown",
        "text",
        "caption",
        "error",
        "warning",
        "info",
        "success",
        "code",
    ):
        parts += [str(element.value) for element in getattr(at, kind)]
    parts += [element.value.to_string() for element in at.dataframe]
    return "\n".join(parts)


def login(at: AppTest, username: str, password: str) -> AppTest:
    at.text_input(key="ops_login_username").input(username)
    at.text_input(key="ops_login_password").input(password)
    return at.button[0].click().run()


def count_cases(store: Store) -> int:
    with store.read() as session:
        return int(session.scalar(select(func.count()).select_from(Complaint)) or 0)


# ----------------------------------------------------------------------------- citizens


def test_report_page_validates_and_submits_exactly_once(store: Store) -> None:
    at = page("citizen_report").run()
    assert not at.exception
    assert "PDPA" in " ".join(e.label for e in at.expander)
    # an empty description is refused with a message, nothing stored
    at.button[0].click().run()
    assert "ข้อความว่าง" in shown(at) and count_cases(store) == 0
    # a valid report gets a tracking code
    at.selectbox(key="report_category").set_value("road_footpath")
    at.text_area(key="report_description").input("ไฟถนนดับทั้งซอย <b>ด่วน</b>")
    at.text_input(key="report_phone").input("0812345678")
    at.checkbox(key="report_consent").check()
    at.button[0].click().run()
    assert not at.exception
    receipt = at.session_state["report_receipt"]
    assert receipt.tracking_code in shown(at)
    assert count_cases(store) == 1
    # a retry of the same form (same token) returns the same case
    token = at.session_state["report_submission_token"]
    from complaints.intake import submit_complaint
    from complaints.validation import SubmissionInput

    again = submit_complaint(
        store, SubmissionInput("road_footpath", "x", "1901", "190101"), token, "c", utc_now()
    )
    assert again.complaint_id == receipt.complaint_id and count_cases(store) == 1


def test_report_page_refuses_coordinates_outside_the_province(store: Store) -> None:
    at = page("citizen_report").run()
    at.text_area(key="report_description").input("น้ำท่วม")
    at.text_input(key="report_lat").input("13.75")
    at.text_input(key="report_lon").input("100.50")
    at.button[0].click().run()
    assert "นอกจังหวัดสระบุรี" in shown(at)
    assert count_cases(store) == 0


def test_track_page_shows_public_timeline_and_lets_citizen_confirm(
    store: Store, officer: Principal
) -> None:
    now = utc_now()
    receipt = submit(store, at=now - timedelta(days=2), description="หลุม โทร 0812345678")
    workflow.accept(store, officer, receipt.complaint_id, now - timedelta(days=1))
    workflow.resolve(store, officer, receipt.complaint_id, "ซ่อมแล้ว <script>x</script>", now)
    at = page("citizen_track").run()
    at.text_input(key="track_input").input(receipt.tracking_code.lower())
    at.button[0].click().run()
    assert not at.exception
    text = shown(at)
    assert "ซ่อมแล้ว <script>x</script>" in text  # shown as text, verbatim
    assert "0812345678" not in text and "สมชาย" not in text and "somchai" not in text
    at.button(key="track_confirm").click().run()
    with store.read() as session:
        case = session.get(Complaint, receipt.complaint_id)
        assert case is not None and case.status == "confirmed"


def test_track_page_unknown_code(store: Store) -> None:
    at = page("citizen_track").run()
    at.text_input(key="track_input").input("AAAA-BBBB-CCCC")
    at.button[0].click().run()
    assert "ไม่พบรหัสติดตามนี้" in shown(at)


def test_board_page_lists_anonymised_cases_and_agency_stats(store: Store) -> None:
    submit(store, at=utc_now(), description="บ้านเลขที่ 5 โทร 0812345678")
    at = page("citizen_board").run()
    assert not at.exception
    text = shown(at)
    assert "ปากเพรียว" in text
    assert "0812345678" not in text and "สมชาย" not in text and "บ้านเลขที่" not in text
    assert len(at.dataframe) == 2


# ----------------------------------------------------------------------------- staff


def test_officer_queue_requires_a_real_login(store: Store, passwords: dict[str, str]) -> None:
    submit(store, at=utc_now())
    at = page("officer_queue").run()
    assert "demo" not in shown(at)  # no select box of users, no credentials
    login(at, "demo_officer", "wrong-password")
    assert "รหัสผ่านไม่ถูกต้อง" in shown(at)
    assert "ops_user_id" not in at.session_state
    login(at, "demo_officer", passwords["demo_officer"])
    assert not at.exception
    assert at.session_state["roles"] == ["officer"]
    assert "สมชาย ใจดี" in shown(at)  # own agency: contact visible


def test_officer_accepts_and_resolves_from_the_page(
    store: Store, passwords: dict[str, str]
) -> None:
    case_id = submit(store, at=utc_now()).complaint_id
    at = login(page("officer_queue").run(), "demo_officer", passwords["demo_officer"])
    at.button(key="queue_accept").click().run()
    at.text_area(key="queue_result").input("ซ่อมเรียบร้อย")
    at.button(key="FormSubmitter:queue_resolve-ปิดเรื่อง: แก้ไขแล้ว").click().run()
    assert not at.exception
    with store.read() as session:
        case = session.get(Complaint, case_id)
        assert case is not None and case.status == "resolved"


def test_other_agency_officer_sees_nothing(store: Store, passwords: dict[str, str]) -> None:
    submit(store, at=utc_now())
    at = login(
        page("officer_queue").run(),
        "demo_officer_damrongdhama",
        passwords["demo_officer_damrongdhama"],
    )
    assert "สมชาย" not in shown(at)
    assert "ไม่มีเรื่องในคิว" in shown(at)


def test_escalations_page_for_executives_only(store: Store, passwords: dict[str, str]) -> None:
    submit(store, at=utc_now() - timedelta(days=30))  # long past its 15-day SLA
    at = login(page("officer_escalations").run(), "demo_officer", passwords["demo_officer"])
    assert "สำหรับผู้บริหารเท่านั้น" in shown(at)
    at = login(page("officer_escalations").run(), "demo_executive", passwords["demo_executive"])
    assert not at.exception
    text = shown(at)
    assert "ปากเพรียว" in text and "สมชาย" not in text and "0812345678" not in text


def test_admin_page_creates_a_user_with_a_one_time_password(
    store: Store, passwords: dict[str, str]
) -> None:
    at = login(page("admin_users").run(), "demo_executive", passwords["demo_executive"])
    assert "สำหรับผู้ดูแลระบบเท่านั้น" in shown(at)
    at = login(page("admin_users").run(), "demo_admin", passwords["demo_admin"])
    assert not at.exception
    at.text_input(key="admin_new_username").input("officer_pwa")
    at.selectbox(key="admin_new_agency").set_value("pwa_saraburi")
    at.button(key="FormSubmitter:admin_create_user-สร้างผู้ใช้").click().run()
    assert not at.exception
    assert len(at.code) == 1 and len(at.code[0].value) >= 16


@pytest.mark.parametrize("name", ["officer_queue", "officer_escalations", "admin_users"])
def test_staff_pages_show_only_a_login_form_to_the_public(store: Store, name: str) -> None:
    submit(store, at=utc_now())
    at = page(name).run()
    assert not at.exception
    assert len(at.dataframe) == 0
    assert at.text_input(key="ops_login_password").proto.type == 1  # PASSWORD: masked input
    assert T0  # the fixture clock is not used by pages: they run on the real clock


def test_admin_page_sets_routing_and_sla(store: Store, passwords: dict[str, str]) -> None:
    at = login(page("admin_users").run(), "demo_admin", passwords["demo_admin"])
    at.selectbox(key="admin_rule_category").set_value("water_supply")
    at.selectbox(key="admin_rule_amphoe").set_value("1905")
    at.selectbox(key="admin_rule_agency").set_value("district_1905")
    at.button(key="FormSubmitter:admin_routing-บันทึก").click().run()
    at.number_input(key="admin_sla_water_supply").set_value(3)
    at.button(key="FormSubmitter:admin_sla-บันทึก").click().run()
    assert not at.exception
    receipt = submit(
        store,
        category_code="water_supply",
        amphoe_code="1905",
        tambon_code="190501",
        latitude=None,
        longitude=None,
    )
    assert receipt.agency_code == "district_1905"
    with store.read() as session:
        case = session.get(Complaint, receipt.complaint_id)
        assert case is not None and case.sla_due_at == case.received_at + timedelta(days=3)


def test_officer_transfers_from_the_page(store: Store, passwords: dict[str, str]) -> None:
    case_id = submit(store, at=utc_now()).complaint_id
    at = login(page("officer_queue").run(), "demo_officer", passwords["demo_officer"])
    at.selectbox(key="queue_transfer_agency").set_value("pwa_saraburi")
    at.text_area(key="queue_transfer_reason").input("เป็นเรื่องท่อประปา")
    at.button(key="FormSubmitter:queue_transfer-ส่งต่อหน่วยงานอื่น").click().run()
    assert not at.exception
    with store.read() as session:
        case = session.get(Complaint, case_id)
        assert case is not None and (case.agency_code, case.status) == ("pwa_saraburi", "routed")


def test_executive_assigns_from_the_page(store: Store, passwords: dict[str, str]) -> None:
    case_id = submit(store, at=utc_now() - timedelta(days=30)).complaint_id
    at = login(page("officer_escalations").run(), "demo_executive", passwords["demo_executive"])
    at.selectbox(key="esc_agency").set_value("damrongdhama_saraburi").run()
    at.text_area(key="esc_note").input("เร่งด่วน")
    at.button(key="FormSubmitter:esc_assign-มอบหมาย").click().run()
    assert not at.exception
    with store.read() as session:
        case = session.get(Complaint, case_id)
        assert case is not None and case.agency_code == "damrongdhama_saraburi"

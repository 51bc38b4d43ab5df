"""PDPA: masking in public views, logs and the audit log; anonymisation after retention; export."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from ops_helpers import T0, submit
from sqlalchemy import select

from complaints import pdpa, views, workflow
from complaints.models import Attachment, Complaint
from complaints.tracking import new_tracking_code
from operations.auth import Principal
from operations.db import Store
from operations.errors import NotFound, RateLimited
from operations.masking import MASK, mask_text

SECRETS = ("0812345678", "081-234-5678", "สมชาย", "somchai_99", "1101700230708")


@pytest.mark.parametrize(
    "text",
    [
        "โทร 081-234-5678 นะครับ",
        "โทร ๐๘๑๒๓๔๕๖๗๘",
        "+66 81 234 5678",
        "บัตร 1-1017-00230-70-8",
        "line id: somchai_99",
        "ไลน์ @somchai_99",
        "mail me a.b@example.com",
    ],
)
def test_mask_text_hides_contact_numbers_and_ids(text: str) -> None:
    masked = mask_text(text) or ""
    assert MASK in masked
    assert not any(
        secret in masked for secret in ("0812345678", "5678", "somchai", "example.com", "70-8")
    )


def test_mask_text_keeps_ordinary_numbers() -> None:
    assert mask_text("ถนนหมู่ 5 ยาว 200 เมตร ปี 2567 งบ 1,500,000 บาท") == (
        "ถนนหมู่ 5 ยาว 200 เมตร ปี 2567 งบ 1,500,000 บาท"
    )


def test_public_views_carry_no_personal_data(store: Store, officer: Principal) -> None:
    receipt = submit(
        store,
        description="หลุมใหญ่ ติดต่อ 081-234-5678 หรือ line: somchai_99",
        national_id="1101700230708",
    )
    workflow.accept(store, officer, receipt.complaint_id, T0)
    workflow.add_update(store, officer, receipt.complaint_id, "โทรหาคุณสมชาย 0812345678 แล้ว", T0)
    public = views.public_case(store, receipt.tracking_code, "c", T0)
    board = views.board(store, T0)
    for shown in (repr(public), repr(board)):
        assert not any(secret in shown for secret in SECRETS if secret != "สมชาย")
    assert board[0].latitude == round(14.53, 3)


def test_logs_carry_no_personal_data(
    store: Store, officer: Principal, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    receipt = submit(store, description="โทร 0812345678")
    workflow.accept(store, officer, receipt.complaint_id, T0)
    workflow.resolve(store, officer, receipt.complaint_id, "โทรแจ้งคุณสมชายแล้ว", T0)
    assert caplog.records
    assert not any(secret in caplog.text for secret in SECRETS)
    assert receipt.tracking_code not in caplog.text


def test_anonymise_closed_cases_after_retention(store: Store, officer: Principal) -> None:
    closed = submit(store, photo=None).complaint_id
    still_open = submit(store, village_no=12, latitude=None, longitude=None).complaint_id
    workflow.accept(store, officer, closed, T0)
    workflow.resolve(store, officer, closed, "แจ้งคุณสมชาย 0812345678 แล้ว", T0 + timedelta(days=1))
    assert pdpa.anonymise_closed_cases(store, T0 + timedelta(days=300), retention_days=365) == 0
    assert pdpa.anonymise_closed_cases(store, T0 + timedelta(days=367), retention_days=365) == 1
    assert pdpa.anonymise_closed_cases(store, T0 + timedelta(days=400), retention_days=365) == 0
    with store.read() as session:
        gone = session.get(Complaint, closed)
        kept = session.get(Complaint, still_open)
        assert gone is not None and kept is not None
        assert (gone.contact_name, gone.contact_phone, gone.contact_line_id) == (None, None, None)
        assert "0812345678" not in (gone.resolution_text or "")
        assert gone.anonymised_at is not None
        assert kept.contact_phone == "0812345678"
        assert not session.scalars(
            select(Attachment).where(Attachment.complaint_id == closed)
        ).all()


def test_export_needs_code_and_contact(store: Store) -> None:
    receipt = submit(store)
    data = pdpa.export_citizen_data(store, receipt.tracking_code, "081 234 5678")
    assert data["contact_phone"] == "0812345678" and data["contact_name"] == "สมชาย ใจดี"
    assert (
        pdpa.export_citizen_data(store, receipt.tracking_code, "@somchai_99")["status"] == "routed"
    )
    with pytest.raises(NotFound):
        pdpa.export_citizen_data(store, receipt.tracking_code, "0899999999")
    with pytest.raises(NotFound):
        pdpa.export_citizen_data(store, new_tracking_code(), "0812345678")


def test_tracking_lookups_are_rate_limited(store: Store) -> None:
    receipt = submit(store)
    for _ in range(29):
        with pytest.raises(NotFound):
            views.public_case(store, new_tracking_code(), "guesser", T0)
    views.public_case(store, receipt.tracking_code, "guesser", T0)  # the 30th look-up
    with pytest.raises(RateLimited):
        views.public_case(store, receipt.tracking_code, "guesser", T0 + timedelta(seconds=1))
    views.public_case(store, receipt.tracking_code, "guesser", T0 + timedelta(minutes=11))

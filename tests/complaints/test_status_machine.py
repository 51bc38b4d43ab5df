"""The status machine: each allowed transition works through the services; others raise."""

from __future__ import annotations

from datetime import timedelta

import pytest
from ops_helpers import T0, submit

from complaints import workflow
from complaints.status import STATUSES, TRANSITIONS, allowed, check_transition
from operations.auth import Principal
from operations.db import Store
from operations.errors import OperationsError, TransitionNotAllowed

EXPECTED = {
    ("received", "routed"),
    ("received", "rejected"),
    ("received", "merged_duplicate"),
    ("routed", "routed"),  # transfer
    ("routed", "in_progress"),
    ("routed", "rejected"),
    ("routed", "merged_duplicate"),
    ("in_progress", "routed"),  # transfer
    ("in_progress", "resolved"),
    ("in_progress", "rejected"),
    ("in_progress", "merged_duplicate"),
    ("resolved", "confirmed"),
    ("resolved", "reopened"),
    ("reopened", "routed"),
    ("reopened", "in_progress"),
    ("reopened", "rejected"),
    ("reopened", "merged_duplicate"),
}


def test_transition_table_is_exactly_the_documented_one() -> None:
    # GIVEN every pair of statuses WHEN asked THEN only the documented pairs are allowed
    pairs = {(a, b) for a in STATUSES for b in STATUSES if allowed(a, b)}
    assert pairs == EXPECTED
    assert set(TRANSITIONS) == set(STATUSES)


@pytest.mark.parametrize("current", STATUSES)
@pytest.mark.parametrize("target", STATUSES)
def test_forbidden_transitions_raise(current: str, target: str) -> None:
    if (current, target) in EXPECTED:
        check_transition(current, target)
    else:
        with pytest.raises(TransitionNotAllowed):
            check_transition(current, target)


def test_full_life_cycle_through_services(store: Store, officer: Principal) -> None:
    # GIVEN a new case, routed automatically
    receipt = submit(store)
    case_id, code = receipt.complaint_id, receipt.tracking_code
    assert receipt.agency_code == "lgo_1901"
    # WHEN it is accepted, resolved, reopened, accepted again, resolved and confirmed
    workflow.accept(store, officer, case_id, T0 + timedelta(hours=1))
    workflow.resolve(store, officer, case_id, "ซ่อมถนนแล้ว", T0 + timedelta(days=1))
    workflow.reopen(store, code, "ยังเป็นหลุมอยู่", "c", T0 + timedelta(days=2))
    workflow.accept(store, officer, case_id, T0 + timedelta(days=2, hours=1))
    workflow.resolve(store, officer, case_id, "ซ่อมใหม่แล้ว", T0 + timedelta(days=3))
    workflow.confirm_fix(store, code, "c", T0 + timedelta(days=4))
    # THEN every forbidden step afterwards raises
    with pytest.raises(TransitionNotAllowed):
        workflow.confirm_fix(store, code, "c", T0 + timedelta(days=5))
    with pytest.raises(TransitionNotAllowed):
        workflow.accept(store, officer, case_id, T0 + timedelta(days=5))
    with pytest.raises(OperationsError):
        workflow.add_update(store, officer, case_id, "ข้อความ", T0 + timedelta(days=5))


def test_resolve_before_accept_is_forbidden(store: Store, officer: Principal) -> None:
    receipt = submit(store)
    with pytest.raises(TransitionNotAllowed):
        workflow.resolve(store, officer, receipt.complaint_id, "done", T0)


def test_reject_and_merge_are_terminal(store: Store, officer: Principal) -> None:
    first = submit(store)
    second = submit(store, village_no=9, latitude=14.60, longitude=100.95)
    workflow.reject(store, officer, first.complaint_id, "ไม่ใช่ปัญหาในความรับผิดชอบ", T0)
    workflow.merge_duplicate(store, officer, second.complaint_id, first.complaint_id, T0)
    for case_id in (first.complaint_id, second.complaint_id):
        with pytest.raises(TransitionNotAllowed):
            workflow.accept(store, officer, case_id, T0)


def test_reopen_only_within_window(store: Store, officer: Principal) -> None:
    receipt = submit(store)
    workflow.accept(store, officer, receipt.complaint_id, T0)
    workflow.resolve(store, officer, receipt.complaint_id, "ok", T0 + timedelta(days=1))
    late = T0 + timedelta(days=1 + workflow.REOPEN_WINDOW_DAYS, minutes=1)
    with pytest.raises(OperationsError):
        workflow.reopen(store, receipt.tracking_code, "not fixed", "c", late)


def test_transfer_moves_case_and_needs_reason(
    store: Store, officer: Principal, other_officer: Principal
) -> None:
    receipt = submit(store)
    with pytest.raises(OperationsError):
        workflow.transfer(store, officer, receipt.complaint_id, "damrongdhama_saraburi", "  ", T0)
    workflow.transfer(
        store, officer, receipt.complaint_id, "damrongdhama_saraburi", "ไม่ใช่งานถนน", T0
    )
    # the new agency can work it, the old one no longer can
    workflow.accept(store, other_officer, receipt.complaint_id, T0 + timedelta(hours=1))
    with pytest.raises(OperationsError):
        workflow.add_update(store, officer, receipt.complaint_id, "hello", T0 + timedelta(hours=2))

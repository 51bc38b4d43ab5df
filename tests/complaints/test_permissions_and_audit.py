"""Roles are enforced in the services; every change leaves a complete, append-only audit entry."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from ops_helpers import T0, submit
from sqlalchemy import select, text
from sqlalchemy.exc import DatabaseError

from complaints import rules, views, workflow
from operations import accounts as admin
from operations.auth import PUBLIC, Principal, authenticate
from operations.db import Store
from operations.errors import AuthenticationFailed, PermissionDenied
from operations.models import AuditEntry, User

# ----------------------------------------------------------------------------- authentication


def test_passwords_are_argon2_and_login_checks_them(
    store: Store, passwords: dict[str, str]
) -> None:
    with store.read() as session:
        hashes = list(session.scalars(select(User.password_hash)))
        assert all(h.startswith("$argon2id$") for h in hashes)
        who = authenticate(session, "demo_officer", passwords["demo_officer"])
        assert (who.role, who.agency_code) == ("officer", "lgo_1901")
        with pytest.raises(AuthenticationFailed):
            authenticate(session, "demo_officer", passwords["demo_officer"] + "x")
        with pytest.raises(AuthenticationFailed):
            authenticate(session, "nobody", "whatever")


def test_demo_passwords_are_random_and_not_in_the_code(passwords: dict[str, str]) -> None:
    assert len(set(passwords.values())) == len(passwords)
    assert all(len(p) >= 16 for p in passwords.values())


# ----------------------------------------------------------------------------- roles


def test_each_role_can_do_only_its_own_work(
    store: Store,
    officer: Principal,
    other_officer: Principal,
    executive: Principal,
    admin_user: Principal,
) -> None:
    case_id = submit(store).complaint_id
    # officers of another agency, executives, admins and the public cannot work the case
    for actor in (other_officer, executive, admin_user, PUBLIC):
        with pytest.raises(PermissionDenied):
            workflow.accept(store, actor, case_id, T0)
        with pytest.raises(PermissionDenied):
            workflow.resolve(store, actor, case_id, "done", T0)
    # only executives see escalations and assign; only admins manage users
    for actor in (officer, admin_user, PUBLIC):
        with pytest.raises(PermissionDenied):
            views.escalations(store, actor, T0)
        with pytest.raises(PermissionDenied):
            workflow.assign(store, actor, case_id, "pwa_saraburi", T0)
    for actor in (officer, executive, PUBLIC):
        with pytest.raises(PermissionDenied):
            admin.create_user(store, actor, "mallory", "admin", T0)
        with pytest.raises(PermissionDenied):
            rules.set_sla_days(store, actor, "road_footpath", 1, T0)
    # officers see only their own agency's queue and cases
    assert [q.complaint_id for q in views.officer_queue(store, officer, T0)] == [case_id]
    assert views.officer_queue(store, other_officer, T0) == []
    with pytest.raises(PermissionDenied):
        views.case_detail(store, other_officer, case_id)
    with pytest.raises(PermissionDenied):
        views.case_detail(store, PUBLIC, case_id)


def test_personal_data_only_for_the_cases_own_agency(
    store: Store, officer: Principal, executive: Principal
) -> None:
    case_id = submit(store, description="โทรหาผม 0812345678").complaint_id
    mine = views.case_detail(store, officer, case_id)
    assert mine.personal_data_visible
    assert (mine.contact_name, mine.contact_phone) == ("สมชาย ใจดี", "0812345678")
    seen_by_exec = views.case_detail(store, executive, case_id)
    assert not seen_by_exec.personal_data_visible
    assert "0812345678" not in repr(seen_by_exec)
    assert "สมชาย" not in repr(seen_by_exec)
    assert seen_by_exec.contact_phone == "xxx-xxx-5678"


def test_executive_assigns_and_comments(
    store: Store, executive: Principal, other_officer: Principal
) -> None:
    case_id = submit(store).complaint_id
    workflow.assign(
        store, executive, case_id, "damrongdhama_saraburi", T0, other_officer.user_id, "ด่วน"
    )
    workflow.comment(store, executive, case_id, "ติดตามภายในสัปดาห์นี้", T0)
    detail = views.case_detail(store, other_officer, case_id)
    assert detail.agency_code == "damrongdhama_saraburi"
    assert [e.kind for e in detail.timeline][-2:] == ["assigned", "comment"]


def test_admin_manages_users_agencies_routing_and_sla(store: Store, admin_user: Principal) -> None:
    password = admin.create_user(store, admin_user, "Officer.Two", "officer", T0, "pwa_saraburi")
    with store.read() as session:
        assert authenticate(session, "officer.two", password).agency_code == "pwa_saraburi"
    admin.upsert_agency(store, admin_user, "pao_saraburi", "อบจ.สระบุรี", "Saraburi PAO", "lao", T0)
    rules.set_routing_rule(store, admin_user, "road_footpath", "1905", "pao_saraburi", T0)
    rules.set_sla_days(store, admin_user, "road_footpath", 10, T0)
    receipt = submit(store, amphoe_code="1905", tambon_code="190501", latitude=None, longitude=None)
    assert receipt.agency_code == "pao_saraburi"
    user_id = next(
        u.user_id for u in admin.list_users(store, admin_user) if u.username == "officer.two"
    )
    admin.set_user_active(store, admin_user, user_id, False, T0)
    with store.read() as session, pytest.raises(AuthenticationFailed):
        authenticate(session, "officer.two", password)


# ----------------------------------------------------------------------------- escalation


def test_escalation_with_a_fake_clock(
    store: Store, officer: Principal, executive: Principal
) -> None:
    # GIVEN a flooding case (SLA 7 days) and a road case (SLA 15 days) received at T0
    flood = submit(store, category_code="flooding_drainage").complaint_id
    road = submit(store, village_no=8, latitude=None, longitude=None).complaint_id
    # WHEN the job runs before, at and after the deadlines
    assert workflow.escalate_overdue(store, T0 + timedelta(days=7)) == 0  # due, not yet past
    assert workflow.escalate_overdue(store, T0 + timedelta(days=7, seconds=1)) == 1
    assert workflow.escalate_overdue(store, T0 + timedelta(days=8)) == 0  # flagged once only
    assert [
        r.complaint_id for r in views.escalations(store, executive, T0 + timedelta(days=8))
    ] == [flood]
    # THEN it stays escalated while open, even after a transfer and back...
    workflow.accept(store, officer, flood, T0 + timedelta(days=9))
    assert [
        r.complaint_id for r in views.escalations(store, executive, T0 + timedelta(days=9))
    ] == [flood]
    # ...and leaves the list once resolved
    workflow.resolve(store, officer, flood, "ลอกท่อแล้ว", T0 + timedelta(days=10))
    assert workflow.escalate_overdue(store, T0 + timedelta(days=16)) == 1  # the road case now
    assert [
        r.complaint_id for r in views.escalations(store, executive, T0 + timedelta(days=16))
    ] == [road]


# ----------------------------------------------------------------------------- audit


def test_every_change_is_audited_with_who_when_what_before_after(
    store: Store, officer: Principal, executive: Principal
) -> None:
    receipt = submit(store)
    case_id = receipt.complaint_id
    steps = [
        lambda: workflow.accept(store, officer, case_id, T0 + timedelta(hours=1)),
        lambda: workflow.add_update(store, officer, case_id, "กำลังซ่อม", T0 + timedelta(hours=2)),
        lambda: workflow.comment(store, executive, case_id, "เร่งด่วน", T0 + timedelta(hours=3)),
        lambda: workflow.resolve(store, officer, case_id, "เสร็จ", T0 + timedelta(hours=4)),
        lambda: workflow.rate(store, receipt.tracking_code, 4, "c", T0 + timedelta(hours=5)),
        lambda: workflow.confirm_fix(store, receipt.tracking_code, "c", T0 + timedelta(hours=6)),
    ]
    for step in steps:
        step()
    with store.read() as session:
        entries = list(
            session.scalars(
                select(AuditEntry).where(
                    AuditEntry.entity_type == "complaint", AuditEntry.entity_id == str(case_id)
                )
            )
        )
    actions = [e.action for e in entries]
    assert actions == [
        "case.submit",
        "case.route",
        "case.accept",
        "case.update",
        "case.comment",
        "case.resolve",
        "case.rate",
        "case.confirm",
    ]
    for entry in entries:
        assert entry.actor and entry.actor_role and entry.at
        assert entry.after_json is not None
        if entry.action != "case.submit":
            assert entry.before_json is not None
    resolve = next(e for e in entries if e.action == "case.resolve")
    assert (resolve.actor, resolve.actor_role) == ("demo_officer", "officer")
    assert json.loads(resolve.before_json or "{}")["status"] == "in_progress"
    assert json.loads(resolve.after_json or "{}")["status"] == "resolved"
    # no personal data in the audit log
    blob = " ".join((e.before_json or "") + (e.after_json or "") for e in entries)
    assert "0812345678" not in blob and "สมชาย" not in blob and "somchai_99" not in blob


def test_audit_log_is_append_only_in_the_database(store: Store) -> None:
    submit(store)
    with pytest.raises(DatabaseError, match="append-only"), store.write() as session:
        session.execute(text("UPDATE audit_log SET actor = 'x'"))
    with pytest.raises(DatabaseError, match="append-only"), store.write() as session:
        session.execute(text("DELETE FROM audit_log"))


def test_staff_change_their_own_password(
    store: Store, officer: Principal, admin_user: Principal
) -> None:
    from operations.accounts import change_own_password, must_change_password, reset_password

    # GIVEN an admin reset the officer's password to a one-time one
    one_time = reset_password(store, admin_user, int(officer.user_id or 0), T0)
    assert must_change_password(store, officer)
    with pytest.raises(AuthenticationFailed):
        change_own_password(store, officer, "wrong", "a-new-long-password", T0)
    with pytest.raises(PermissionDenied):
        change_own_password(store, officer, one_time, "short", T0)
    change_own_password(store, officer, one_time, "a-new-long-password", T0)
    assert not must_change_password(store, officer)
    with store.read() as session:
        assert (
            authenticate(session, "demo_officer", "a-new-long-password").user_id == officer.user_id
        )
    with pytest.raises(PermissionDenied):
        change_own_password(store, PUBLIC, "x", "a-new-long-password", T0)

"""The audit log is tamper-evident: a hash chain finds any rewrite, deletion or insertion, SQLite
refuses REPLACE, PostgreSQL's application role may only INSERT, and ``saraburi audit verify`` and
``saraburi ops-jobs`` report it (issue 9, "The append-only audit can be rewritten")."""

from __future__ import annotations

import threading
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DatabaseError
from typer.testing import CliRunner

from cli import app as cli
from complaints import workflow
from operations.audit import Anchor, verify_chain
from operations.auth import Principal
from operations.db import Store
from operations.roles import grant_application_role
from tests.complaints.ops_helpers import T0, submit


def _some_history(store: Store, officer: Principal) -> None:
    for _ in range(3):
        case = submit(store).complaint_id
        workflow.accept(store, officer, case, T0)


def _drop_guards(store: Store) -> None:
    """What an attacker with the database owner's rights does first."""
    with store.write() as session:
        if store.sqlite:
            for name in ("audit_log_no_update", "audit_log_no_delete", "audit_log_no_replace"):
                session.execute(text(f"DROP TRIGGER IF EXISTS {name}"))
        else:
            session.execute(text("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only"))


def _row_count(store: Store) -> int:
    with store.read() as session:
        return int(session.execute(text("SELECT count(*) FROM audit_log")).scalar_one())


def test_an_untouched_log_verifies(store: Store, officer: Principal) -> None:
    # GIVEN the audit rows of a few cases WHEN the chain is verified THEN it is intact
    _some_history(store, officer)
    report = verify_chain(store)
    assert report.ok and report.rows == _row_count(store) > 10


@pytest.mark.parametrize(
    "tampering",
    [
        "UPDATE audit_log SET actor = 'someone_else' WHERE audit_id = 7",
        "DELETE FROM audit_log WHERE audit_id = 7",
        "UPDATE audit_log SET audit_id = audit_id + 1000 WHERE audit_id >= 7",
    ],
    ids=["rewrite", "delete", "renumber"],
)
def test_rewrite_delete_or_insert_names_the_first_broken_row(
    store: Store, officer: Principal, tampering: str
) -> None:
    # GIVEN an intact log and an attacker who removed the database's guards
    _some_history(store, officer)
    _drop_guards(store)
    # WHEN a row is rewritten, deleted, or rows are shifted to make room for an insertion
    with store.write() as session:
        session.execute(text(tampering))
    # THEN verification fails, naming row 7
    report = verify_chain(store)
    assert not report.ok and report.broken_at == 7
    assert "row 7" in report.problem_en and "แถวที่ 7" in report.problem_th


def test_a_forged_row_slipped_in_is_found(store: Store, officer: Principal) -> None:
    _some_history(store, officer)
    last = _row_count(store)
    # GIVEN a row inserted by hand, copying the hash fields of a real one
    with store.write() as session:
        session.execute(
            text(
                "INSERT INTO audit_log (audit_id, at, actor_user_id, actor, actor_role, action, "
                "entity_type, entity_id, before_json, after_json, reason, prev_hash, row_hash) "
                "SELECT :id, at, actor_user_id, 'forger', actor_role, action, entity_type, "
                "entity_id, before_json, after_json, reason, row_hash, row_hash "
                "FROM audit_log WHERE audit_id = :last"
            ),
            {"id": last + 1, "last": last},
        )
    # THEN it is named
    report = verify_chain(store)
    assert not report.ok and report.broken_at == last + 1


def test_deleting_the_newest_rows_is_caught_by_the_anchor(store: Store, officer: Principal) -> None:
    # GIVEN a verification that recorded the last intact row outside the database
    _some_history(store, officer)
    anchor = verify_chain(store).last
    assert anchor is not None
    # WHEN the newest rows are deleted (the rest of the chain stays valid)
    _drop_guards(store)
    with store.write() as session:
        session.execute(
            text("DELETE FROM audit_log WHERE audit_id > :keep"), {"keep": anchor.audit_id - 2}
        )
    # THEN the chain alone looks fine, but not against the anchor
    assert verify_chain(store).ok
    report = verify_chain(store, anchor)
    assert not report.ok and report.broken_at == anchor.audit_id - 1


@pytest.mark.parametrize("backend", ["sqlite"])  # REPLACE is SQLite's; PostgreSQL has none
@pytest.mark.parametrize("verb", ["INSERT OR REPLACE INTO", "REPLACE INTO"])
def test_sqlite_refuses_replace_on_an_existing_row(
    store: Store, officer: Principal, verb: str
) -> None:
    _some_history(store, officer)
    # WHEN a row is replaced through its id THEN the trigger refuses and the row is unchanged
    with pytest.raises(DatabaseError, match="append-only"), store.write() as session:
        session.execute(
            text(
                f"{verb} audit_log (audit_id, at, actor, actor_role, action, entity_type, "
                "entity_id, prev_hash, row_hash) "
                "VALUES (3, '2025-01-01', 'x', 'x', 'x', 'x', 'x', 'x', 'x')"
            )
        )
    assert verify_chain(store).ok


def test_concurrent_writers_keep_one_chain(store: Store, officer: Principal) -> None:
    # GIVEN eight writers submitting at the same time WHEN they all append audit rows
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            for _ in range(3):
                submit(store, client=f"client-{threading.get_ident()}")
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # THEN every append found its place in one unbroken chain
    assert not errors
    assert verify_chain(store).ok


@pytest.mark.parametrize("backend", [pytest.param("postgres", marks=pytest.mark.postgres)])
def test_postgres_application_role_may_only_append_to_the_audit(
    store_url: str, officer: Principal
) -> None:
    # GIVEN the application's own login role, given its rights by the owner
    role = f"app_{uuid.uuid4().hex[:8]}"
    owner = create_engine(store_url)
    with owner.begin() as connection:
        connection.execute(text(f"CREATE ROLE {role} LOGIN"))
    grant_application_role(owner, role)
    owner.dispose()
    app_url = store_url.replace("postgres@", f"{role}@", 1)
    app_store = Store(app_url)
    try:
        # WHEN the app works normally THEN it appends audit rows
        _some_history(app_store, officer)
        assert verify_chain(app_store).ok
        # AND it can neither change nor remove them, nor the guards
        for statement in (
            "UPDATE audit_log SET actor = 'x'",
            "DELETE FROM audit_log",
            "TRUNCATE audit_log",
            "ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only",
            "DROP TRIGGER audit_log_append_only ON audit_log",
        ):
            with (
                pytest.raises(DatabaseError, match=r"permission denied|must be owner"),
                app_store.write() as session,
            ):
                session.execute(text(statement))
    finally:
        app_store.dispose()


# ----------------------------------------------------------------------------- the commands


def test_audit_verify_command_exits_non_zero_naming_the_row(
    store: Store, officer: Principal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SARABURI_AUDIT_ANCHOR", str(tmp_path / "anchor.json"))
    _some_history(store, officer)
    runner = CliRunner()
    # GIVEN an intact log THEN `saraburi audit verify` exits 0
    result = runner.invoke(cli, ["audit", "verify"])
    assert result.exit_code == 0, result.output
    assert "intact" in result.output
    # WHEN a row is rewritten THEN it exits 1 and names the row
    _drop_guards(store)
    with store.write() as session:
        session.execute(text("UPDATE audit_log SET reason = 'nothing happened' WHERE audit_id = 5"))
    result = runner.invoke(cli, ["audit", "verify"])
    assert result.exit_code == 1
    assert "row 5" in result.output and "แถวที่ 5" in result.output


def test_ops_jobs_verify_the_audit_and_move_the_anchor(
    store: Store, officer: Principal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    anchor_path = tmp_path / "anchor.json"
    monkeypatch.setenv("SARABURI_AUDIT_ANCHOR", str(anchor_path))
    _some_history(store, officer)
    runner = CliRunner()
    # GIVEN the scheduled jobs ran on an intact log THEN the anchor names its last row
    assert runner.invoke(cli, ["ops-jobs"]).exit_code == 0
    anchor = Anchor.load(anchor_path)
    assert anchor is not None and anchor.audit_id == _row_count(store)
    # WHEN the newest row is deleted THEN the next run fails, naming where rows are missing
    _drop_guards(store)
    with store.write() as session:
        session.execute(text("DELETE FROM audit_log WHERE audit_id = :id"), {"id": anchor.audit_id})
    result = runner.invoke(cli, ["ops-jobs"])
    assert result.exit_code == 1
    assert f"row {anchor.audit_id}" in result.output
    assert Anchor.load(anchor_path) == anchor  # a broken chain never moves the anchor

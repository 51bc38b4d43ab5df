"""The warehouse feed: incremental, pseudonymised, nothing missed and nothing twice."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import duckdb
import pytest
from ops_helpers import T0, submit

from complaints import pdpa, workflow
from complaints.extract import extract_to_raw
from operations.auth import Principal
from operations.db import Store


@pytest.fixture
def raw(tmp_path: Path) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(str(tmp_path / "raw_layer.duckdb"))
    yield con
    con.close()


def _rows(raw: duckdb.DuckDBPyConnection) -> dict[str, tuple[object, ...]]:
    return {
        row[0]: row
        for row in raw.execute(
            "SELECT case_id, status, updated_at, is_escalated, rating, description "
            "FROM raw.app_complaints"
        ).fetchall()
    }


def test_incremental_extract_across_runs(
    store: Store, ops_url: str, officer: Principal, raw: duckdb.DuckDBPyConnection
) -> None:
    # GIVEN three cases
    receipts = [submit(store, village_no=n, latitude=None, longitude=None) for n in (1, 2, 3)]
    # WHEN extracted twice THEN all three land once, and nothing changes the second time
    assert extract_to_raw(raw, ops_url) == 3
    assert extract_to_raw(raw, ops_url) == 0
    first = _rows(raw)
    assert len(first) == 3
    # WHEN one case is worked on, one escalated and a new one arrives
    workflow.accept(store, officer, receipts[0].complaint_id, T0 + timedelta(hours=1))
    workflow.resolve(store, officer, receipts[0].complaint_id, "ok", T0 + timedelta(hours=2))
    workflow.escalate_overdue(store, T0 + timedelta(days=16))  # escalates the other two
    workflow.rate(store, receipts[0].tracking_code, 5, "c", T0 + timedelta(days=16))
    submit(store, at=T0 + timedelta(days=16), village_no=4, latitude=None, longitude=None)
    # THEN the next run carries exactly the changed and new cases, each once
    assert extract_to_raw(raw, ops_url) == 4
    second = _rows(raw)
    assert len(second) == 4
    assert raw.execute(
        "SELECT count(*), count(DISTINCT case_id) FROM raw.app_complaints"
    ).fetchone() == (4, 4)
    key = f"APP-{receipts[0].complaint_id:08d}"
    assert second[key][1] == "resolved" and second[key][4] == 5
    assert all(second[f"APP-{r.complaint_id:08d}"][3] for r in receipts[1:])
    assert extract_to_raw(raw, ops_url) == 0
    # the watermark is stored in the raw layer
    mark = raw.execute(
        "SELECT last_complaint_id, rows_changed FROM raw.app_complaints_watermark"
    ).fetchone()
    assert mark is not None and mark[1] == 0


def test_extract_is_pseudonymised(
    store: Store, ops_url: str, raw: duckdb.DuckDBPyConnection
) -> None:
    receipt = submit(
        store, description="หลุมใหญ่ โทร 081-234-5678 บัตร 1101700230708", national_id="1101700230708"
    )
    extract_to_raw(raw, ops_url)
    columns = [c[0] for c in raw.execute("DESCRIBE raw.app_complaints").fetchall()]
    assert columns == [
        "case_id",
        "tracking_code_hash",
        "category_code",
        "description",
        "tambon_code",
        "amphoe_code",
        "village_no",
        "latitude",
        "longitude",
        "status",
        "agency_code",
        "received_at",
        "resolved_at",
        "updated_at",
        "is_escalated",
        "duplicate_of",
        "rating",
        "_source",
        "_loaded_at",
    ]
    dump = repr(raw.execute("SELECT * FROM raw.app_complaints").fetchall())
    for secret in (
        "0812345678",
        "081-234-5678",
        "สมชาย",
        "somchai_99",
        "1101700230708",
        receipt.tracking_code,
    ):
        assert secret not in dump
    received = raw.execute("SELECT received_at FROM raw.app_complaints").fetchone()
    assert received is not None and received[0] == T0 + timedelta(hours=7)  # Bangkok local time


def test_anonymisation_reaches_the_warehouse(
    store: Store, ops_url: str, officer: Principal, raw: duckdb.DuckDBPyConnection
) -> None:
    case_id = submit(store).complaint_id
    workflow.accept(store, officer, case_id, T0)
    workflow.resolve(store, officer, case_id, "ok", T0)
    assert extract_to_raw(raw, ops_url) == 1
    pdpa.anonymise_closed_cases(store, T0 + timedelta(days=400), 365)
    assert extract_to_raw(raw, ops_url) == 1


def test_missing_store_gives_an_empty_raw_table(
    raw: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    assert extract_to_raw(raw, f"sqlite:///{tmp_path / 'none' / 'operational.sqlite'}") == 0
    assert raw.execute("SELECT count(*) FROM raw.app_complaints").fetchone() == (0,)
    assert not (tmp_path / "none").exists()


def test_failed_extract_leaves_raw_untouched(
    store: Store,
    ops_url: str,
    officer: Principal,
    raw: duckdb.DuckDBPyConnection,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    case_id = submit(store).complaint_id
    extract_to_raw(raw, ops_url)
    workflow.accept(store, officer, case_id, T0 + timedelta(hours=1))

    def broken(*_: object) -> dict[str, object]:
        raise RuntimeError("crash in the middle of the extract")

    monkeypatch.setattr("complaints.extract._row", broken)
    with pytest.raises(RuntimeError):
        extract_to_raw(raw, ops_url)
    monkeypatch.undo()
    assert _rows(raw)[f"APP-{case_id:08d}"][1] == "routed"  # unchanged, watermark too
    assert extract_to_raw(raw, ops_url) == 1
    assert _rows(raw)[f"APP-{case_id:08d}"][1] == "in_progress"


def test_only_merged_duplicates_carry_duplicate_of(
    store: Store, ops_url: str, officer: Principal, raw: duckdb.DuckDBPyConnection
) -> None:
    first = submit(store).complaint_id
    possible = submit(store).complaint_id  # same place: linked as a possible duplicate
    merged = submit(store).complaint_id
    workflow.merge_duplicate(store, officer, merged, first, T0)
    extract_to_raw(raw, ops_url)
    rows = dict(raw.execute("SELECT case_id, duplicate_of FROM raw.app_complaints").fetchall())
    assert rows[f"APP-{possible:08d}"] is None
    assert rows[f"APP-{merged:08d}"] == f"APP-{first:08d}"

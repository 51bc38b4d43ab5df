"""Intake: routing, SLA, tracking codes, idempotency, duplicates, hostile input, rate limits."""

from __future__ import annotations

import io
import re
import threading
import uuid
from collections import Counter
from datetime import timedelta

import pytest
from ops_helpers import T0, road_report, submit
from PIL import Image
from sqlalchemy import func, select

from complaints import tracking
from complaints.intake import submit_complaint
from complaints.models import Attachment, CaseEvent, Complaint
from complaints.validation import is_valid_national_id, normalise_phone
from operations.db import Store
from operations.errors import RateLimited, ValidationFailed
from operations.geo import province_shape
from operations.models import AuditEntry
from settings import load_settings


def _count(store: Store, model: type) -> int:
    with store.read() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def _jpeg(size: tuple[int, int] = (40, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (120, 80, 40)).save(out, "JPEG")
    return out.getvalue()


# ----------------------------------------------------------------------------- routing and SLA


@pytest.mark.parametrize(
    ("category", "amphoe", "tambon", "agency"),
    [
        ("road_footpath", "1901", "190101", "lgo_1901"),
        ("flooding_drainage", "1902", "190201", "lgo_1902"),
        ("water_supply", "1903", "190301", "pwa_saraburi"),
        ("land_debt", "1904", "190401", "district_1904"),
        ("officer_conduct", "1901", "190101", "damrongdhama_saraburi"),
    ],
)
def test_new_case_is_routed_by_category_and_amphoe(
    store: Store, category: str, amphoe: str, tambon: str, agency: str
) -> None:
    receipt = submit(
        store,
        category_code=category,
        amphoe_code=amphoe,
        tambon_code=tambon,
        latitude=None,
        longitude=None,
        village_no=None,
    )
    assert receipt.agency_code == agency
    with store.read() as session:
        case = session.get(Complaint, receipt.complaint_id)
        assert case is not None and case.status == "routed"


def test_sla_due_date_comes_from_the_category_seed(store: Store) -> None:
    # GIVEN flooding (7 days) and land disputes (30 days) in seeds/complaint_categories.csv
    flood = submit(store, category_code="flooding_drainage")
    land = submit(store, category_code="land_debt", village_no=7)
    with store.read() as session:
        assert session.get(Complaint, flood.complaint_id).sla_due_at == T0 + timedelta(days=7)  # type: ignore[union-attr]
        assert session.get(Complaint, land.complaint_id).sla_due_at == T0 + timedelta(days=30)  # type: ignore[union-attr]


# ----------------------------------------------------------------------------- tracking codes


def test_tracking_codes_are_random_readable_and_hashed(store: Store) -> None:
    codes = {tracking.new_tracking_code() for _ in range(2000)}
    assert len(codes) == 2000
    assert all(
        re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}", c)
        for c in codes
    )
    assert tracking.CODE_SYMBOLS * 5 >= 50
    receipt = submit(store)
    with store.read() as session:
        case = session.get(Complaint, receipt.complaint_id)
        assert case is not None
        assert receipt.tracking_code not in (case.tracking_code_hash, case.tracking_code_sealed)
        assert case.tracking_code_hash == tracking.hash_code(receipt.tracking_code)
    # read back over the phone: lower case, spaces, O for 0 and I/L for 1 are understood
    spoken = receipt.tracking_code.lower().replace("-", " ").replace("0", "o").replace("1", "l")
    assert tracking.normalise_code(spoken) == receipt.tracking_code


# ----------------------------------------------------------------------------- exactly once


def test_same_submission_token_gives_the_same_case(store: Store) -> None:
    token = str(uuid.uuid4())
    first = submit_complaint(store, road_report(), token, "c", T0)
    again = submit_complaint(store, road_report(), token, "c", T0 + timedelta(seconds=1))
    assert first.created and not again.created
    assert (again.complaint_id, again.tracking_code) == (first.complaint_id, first.tracking_code)
    assert _count(store, Complaint) == 1


def test_concurrent_submissions_from_threads_are_exactly_once(store: Store) -> None:
    # GIVEN 8 threads x 50 submissions; every 5th reuses a token another thread also sends
    shared = [str(uuid.uuid4()) for _ in range(40)]
    results: list[tuple[str, int]] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def worker(index: int) -> None:
        for n in range(50):
            token = shared[n % 40] if n % 5 == 0 else f"t{index}-{n}"
            data = road_report(village_no=1 + (index * 50 + n) % 50, latitude=None, longitude=None)
            try:
                receipt = submit_complaint(store, data, token, f"client-{index}-{n // 10}", T0)
            except BaseException as exc:
                with lock:
                    errors.append(exc)
                continue
            with lock:
                results.append((token, receipt.complaint_id))

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # THEN no error, one case per distinct token, and every reply for a token names the same case
    assert errors == []
    assert len(results) == 400
    by_token: dict[str, set[int]] = {}
    for token, case_id in results:
        by_token.setdefault(token, set()).add(case_id)
    assert all(len(ids) == 1 for ids in by_token.values())
    assert _count(store, Complaint) == len(by_token)
    with store.read() as session:
        received = Counter(
            session.scalars(select(CaseEvent.complaint_id).where(CaseEvent.kind == "received"))
        )
    assert set(received.values()) == {1}


# ----------------------------------------------------------------------------- duplicates


def test_same_place_same_category_is_linked_as_duplicate(store: Store) -> None:
    first = submit(store)
    near = submit(store, village_no=None, latitude=14.5305, longitude=100.9102)  # ~60 m away
    same_village = submit(store, latitude=None, longitude=None)
    far = submit(store, village_no=None, latitude=14.5400, longitude=100.9200)  # ~1.5 km
    other_category = submit(store, category_code="waste_cleanliness")
    assert first.duplicate_of is None
    assert near.duplicate_of == first.complaint_id
    assert same_village.duplicate_of == first.complaint_id
    assert far.duplicate_of is None
    assert other_category.duplicate_of is None
    late = submit(store, at=T0 + timedelta(days=31))
    assert late.duplicate_of is None


# ----------------------------------------------------------------------------- hostile input


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"description": "   "}, "description"),
        ({"description": ""}, "description"),
        ({"description": "ก" * 5001}, "description"),
        ({"description": "x" * 100_000}, "description"),
        ({"tambon_code": "100101"}, "tambon"),  # Phra Nakhon, Bangkok
        ({"tambon_code": "190201"}, "tambon"),  # in Kaeng Khoi, not in the chosen Mueang
        ({"tambon_code": "'; DROP TABLE complaints; --"}, "tambon"),
        ({"latitude": 13.75, "longitude": 100.50}, "location"),  # Bangkok
        ({"latitude": 14.53, "longitude": None}, "location"),
        ({"latitude": float("nan"), "longitude": 100.9}, "location"),
        (
            {"latitude": 14.30, "longitude": 101.40},
            "location",
        ),  # inside the box, outside the polygon
        ({"category_code": "nope"}, "category"),
        ({"village_no": 999}, "village_no"),
        ({"contact_phone": "12345"}, "contact_phone"),
        ({"contact_line_id": "<b>x</b>"}, "contact_line_id"),
        ({"national_id": "1234567890123"}, "national_id"),
        ({"consent": False}, "consent"),
        ({"photo": b"%PDF-1.7 not an image"}, "photo"),
        ({"photo": b"\xff\xd8\xff" + b"\x00" * 100}, "photo"),  # JPEG magic, broken body
        ({"photo": b"\xff\xd8\xff" + b"\x00" * (20 * 1024 * 1024)}, "photo"),  # 20 MB
    ],
)
def test_bad_input_is_refused_in_thai_and_english_and_nothing_is_stored(
    store: Store, changes: dict[str, object], field: str
) -> None:
    shape = province_shape(load_settings().tambon_boundaries)
    before = (_count(store, Complaint), _count(store, CaseEvent), _count(store, AuditEntry))
    with pytest.raises(ValidationFailed) as caught:
        submit_complaint(store, road_report(**changes), str(uuid.uuid4()), "c", T0, shape=shape)
    fields = [error.field for error in caught.value.errors]
    assert field in fields
    for error in caught.value.errors:
        assert re.search(r"[\u0e00-\u0e7f]", error.message_th)  # Thai
        assert re.search(r"[a-z]", error.message_en)  # English
    assert (_count(store, Complaint), _count(store, CaseEvent), _count(store, AuditEntry)) == before


def test_html_and_markdown_are_stored_verbatim_as_text(store: Store) -> None:
    text = "<script>alert(1)</script> **bold** [x](javascript:alert(1)) \u200b\x00ok"
    receipt = submit(store, description=text)
    with store.read() as session:
        case = session.get(Complaint, receipt.complaint_id)
        assert case is not None
        assert case.description == "<script>alert(1)</script> **bold** [x](javascript:alert(1)) ok"


def test_photo_checked_by_content_and_stripped(store: Store) -> None:
    receipt = submit(store, photo=_jpeg())
    with store.read() as session:
        photo = session.scalars(
            select(Attachment).where(Attachment.complaint_id == receipt.complaint_id)
        ).one()
        assert photo.content_type == "image/jpeg"
        assert re.fullmatch(r"[0-9a-f]{32}\.jpg", photo.stored_name)
        assert photo.content[:3] == b"\xff\xd8\xff"


def test_validators() -> None:
    assert is_valid_national_id("1101700230708")
    assert not is_valid_national_id("1101700230707")
    assert not is_valid_national_id("110170023070")
    assert not is_valid_national_id("๑๑๐๑๗๐๐๒๓๐๗๐๘")  # the normaliser converts Thai digits first
    assert normalise_phone("๐๘๑-๒๓๔-๕๖๗๘") == "0812345678"
    assert normalise_phone("+66 81 234 5678") == "0812345678"
    assert normalise_phone("02-123-4567") == "021234567"
    assert normalise_phone("0012345678") is None


def test_national_id_is_validated_hashed_and_masked(store: Store) -> None:
    receipt = submit(store, national_id="1-1017-00230-70-8")
    with store.read() as session:
        case = session.get(Complaint, receipt.complaint_id)
        assert case is not None
        assert case.national_id_masked == "x-xxxx-xxxxx-70-8"
        assert "1101700230708" not in (case.national_id_hash or "")


def test_submissions_are_rate_limited_per_client(store: Store) -> None:
    for n in range(20):
        submit(store, client="flood", village_no=n + 1, latitude=None, longitude=None)
    with pytest.raises(RateLimited):
        submit(store, client="flood", village_no=30, latitude=None, longitude=None)
    submit(store, client="someone-else", village_no=31, latitude=None, longitude=None)
    submit(
        store,
        at=T0 + timedelta(hours=1, seconds=1),
        client="flood",
        village_no=32,
        latitude=None,
        longitude=None,
    )


def test_crash_in_the_middle_of_a_write_leaves_nothing_and_retry_makes_one_case(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    # GIVEN a failure after the case row was flushed but before the transaction commits
    calls = {"n": 0}
    from complaints import intake

    real_record = intake.record

    def crashing_record(*args: object, **kwargs: object) -> object:
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("power cut")
        return real_record(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(intake, "record", crashing_record)
    token = str(uuid.uuid4())
    audit_before = _count(store, AuditEntry)
    with pytest.raises(RuntimeError):
        submit_complaint(store, road_report(), token, "c", T0)
    assert (_count(store, Complaint), _count(store, CaseEvent)) == (0, 0)
    assert _count(store, AuditEntry) == audit_before
    # WHEN the citizen retries the same form THEN exactly one case exists
    monkeypatch.undo()
    first = submit_complaint(store, road_report(), token, "c", T0)
    again = submit_complaint(store, road_report(), token, "c", T0)
    assert first.created and not again.created
    assert _count(store, Complaint) == 1

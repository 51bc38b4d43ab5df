"""Abuse limits key on the real client and hold for everyone together; sign-in backs off without
letting a stranger lock an officer out; photo uploads cannot exhaust memory (issue 9, "Limits
keyed on the Streamlit session" and "A 116 KB PNG of 40 megapixels")."""

from __future__ import annotations

import contextlib
import io
import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest
from PIL import Image, ImageFile
from streamlit.testing.v1 import AppTest

from complaints import views
from operations import ratelimit, throttle, uploads
from operations.clients import LOCAL, client_key
from operations.clock import utc_now
from operations.db import Store
from operations.errors import AuthenticationFailed, FieldError, NotFound, RateLimited
from operations.sessions import new_secret, sign_in
from tests.complaints.ops_helpers import T0, submit

TRACK_PAGE = Path(__file__).resolve().parents[2] / "app" / "app_pages" / "citizen_track.py"


# ----------------------------------------------------------------------------- public limits


def test_a_new_browser_session_does_not_start_the_count_over(store: Store) -> None:
    # GIVEN one client that used up its tracking look-ups (wrong codes) at the service layer
    for n in range(ratelimit.TRACK_LOOKUP.max_hits):
        with pytest.raises(NotFound):
            views.public_case(store, f"AAAA-BBBB-{n:04d}", LOCAL, utc_now())
    # WHEN the same client opens the tracking page in a brand-new Streamlit session
    at = AppTest.from_file(str(TRACK_PAGE), default_timeout=30).run()
    at.text_input(key="track_input").input("K7M2-9QXD-F4TA")
    at.button[0].click().run()
    # THEN it is still limited (the key is the client's address, not the session)
    assert any("too many requests" in e.value or "มากเกินไป" in e.value for e in at.error)


def test_client_keys_follow_the_address_not_the_session() -> None:
    assert client_key("203.0.113.7") == client_key("203.0.113.7") != client_key("203.0.113.8")
    # an IPv6 subscriber holds a whole /64: all of it is one client
    assert client_key("2001:db8:1:2::1") == client_key("2001:db8:1:2:ffff::9")
    assert client_key("2001:db8:1:2::1") != client_key("2001:db8:1:3::1")
    assert client_key(None) == client_key("not an address") == LOCAL


def test_guesses_from_many_addresses_hit_the_ceiling_for_everyone(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    # GIVEN a ceiling for everyone together (smaller here, to keep the test short)
    monkeypatch.setattr(ratelimit, "TRACK_LOOKUP_ALL", ratelimit.Limit("track_all", 60, 600))
    refused = 0
    # WHEN 100 different addresses each guess one code
    for n in range(100):
        try:
            views.public_case(store, f"AAAA-BBBB-{n:04d}", client_key(f"198.51.100.{n}"), T0)
        except RateLimited:
            refused += 1
        except Exception:
            continue
    # THEN every guess past the ceiling is refused
    assert refused == 40


def test_submissions_count_per_client_and_for_everyone(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ratelimit, "SUBMIT_ALL", ratelimit.Limit("submit_all", 5, 3600))
    for n in range(5):
        submit(store, client=client_key(f"192.0.2.{n}"), village_no=n + 1)
    with pytest.raises(RateLimited):
        submit(store, client=client_key("192.0.2.99"), village_no=9)


# ----------------------------------------------------------------------------- sign-in


def test_a_stranger_cannot_lock_an_officer_out(store: Store, passwords: dict[str, str]) -> None:
    stranger, officer_desk = client_key("203.0.113.66"), client_key("192.0.2.10")
    refused_unchecked = 0
    # GIVEN a stranger hammering the officer's account with 100 wrong passwords from one address
    for n in range(100):
        try:
            sign_in(store, "demo_officer", f"guess-{n}", stranger, new_secret(), T0)
        except RateLimited:
            refused_unchecked += 1
        except AuthenticationFailed:
            pass
    # THEN most tries were refused before any password check (the stranger's address backs off)
    assert refused_unchecked >= 90
    # AND the officer, from her own desk, signs in at once
    principal = sign_in(
        store, "demo_officer", passwords["demo_officer"], officer_desk, new_secret(), T0
    )
    assert principal.username == "demo_officer" and principal.session_id is not None


def test_backoff_grows_for_a_client_that_keeps_failing(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    # GIVEN the pair limit's free tries lowered to 2 (the same rule, fewer slow password checks)
    monkeypatch.setattr(throttle, "PER_ACCOUNT_AND_CLIENT", throttle.Backoff("pair", 2, 2, 900))
    client = client_key("203.0.113.77")
    waits = []
    moment = T0
    # WHEN a client keeps failing, waiting each time only as long as it is told
    for n in range(7):
        try:
            sign_in(store, "demo_admin", f"wrong-{n}", client, new_secret(), moment)
        except RateLimited as limited:
            waits.append(limited.retry_after_seconds)
            moment += timedelta(seconds=limited.retry_after_seconds)
        except AuthenticationFailed:
            pass
    # THEN every wait is longer than the one before
    assert len(waits) >= 3 and waits == sorted(set(waits))


def test_many_addresses_slow_an_account_by_seconds_never_lock_it(
    store: Store, passwords: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # GIVEN the account limit's free tries lowered to 5 (the real cap of 30 s kept)
    monkeypatch.setattr(throttle, "PER_ACCOUNT", throttle.Backoff("account", 5, 1, 30))
    # AND 12 addresses that each fail once on the executive's account
    for n in range(12):
        with contextlib.suppress(AuthenticationFailed, RateLimited):
            sign_in(store, "demo_executive", "nope", client_key(f"10.0.{n}.1"), new_secret(), T0)
    # WHEN the executive signs in THEN the wait is at most half a minute
    with pytest.raises(RateLimited) as limited:
        sign_in(store, "demo_executive", passwords["demo_executive"], "desk", new_secret(), T0)
    assert limited.value.retry_after_seconds <= throttle.PER_ACCOUNT.cap_seconds == 30
    later = T0 + timedelta(seconds=limited.value.retry_after_seconds)
    signed_in = sign_in(
        store, "demo_executive", passwords["demo_executive"], "desk", new_secret(), later
    )
    assert signed_in.role == "executive"


# ----------------------------------------------------------------------------- uploads


def _png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (10, 20, 30)).save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def test_a_40_megapixel_png_is_refused_before_decoding(monkeypatch: pytest.MonkeyPatch) -> None:
    bomb = _png(8000, 5000)  # 40 MP in about a hundred kilobytes
    assert len(bomb) < 200_000

    def no_decoding(self: ImageFile.ImageFile) -> None:
        raise AssertionError("decoded a refused image")

    monkeypatch.setattr(ImageFile.ImageFile, "load", no_decoding)
    with pytest.raises(FieldError) as refused:
        uploads.validate_photo(bomb)
    assert "25" in refused.value.message_en and "ล้านพิกเซล" in refused.value.message_th


def test_an_image_just_over_25_megapixels_is_refused_and_a_phone_photo_accepted() -> None:
    with pytest.raises(FieldError):
        uploads.validate_photo(_png(5001, 5000))
    assert uploads.validate_photo(_png(1200, 900)).content_type == "image/png"


def test_concurrent_uploads_decode_at_most_two_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    active, peak, lock = 0, 0, threading.Lock()
    real = uploads._strip_metadata

    def slow_decode(data: bytes, content_type: str) -> bytes:
        nonlocal active, peak
        with lock:
            active += 1
            peak = max(peak, active)
        time.sleep(0.05)
        try:
            return real(data, content_type)
        finally:
            with lock:
                active -= 1

    monkeypatch.setattr(uploads, "_strip_metadata", slow_decode)
    photo = _png(640, 480)
    threads = [threading.Thread(target=uploads.validate_photo, args=(photo,)) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert peak == uploads.MAX_CONCURRENT_DECODES == 2

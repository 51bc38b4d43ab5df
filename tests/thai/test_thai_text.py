"""Text cleaning, digit conversion, area prefixes and the NormalisationError contract."""

from __future__ import annotations

import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thai import (
    NormalisationError,
    arabic_digits_to_thai,
    clean_text,
    strip_area_prefix,
    thai_digits_to_arabic,
)
from thai.constants import ZERO_WIDTH


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("สระบุรี", "สระบุรี"),
        ("  สระบุรี  ", "สระบุรี"),
        ("สระ\u200bบุรี", "สระบุรี"),  # zero-width space inside a word
        ("\ufeffสระบุรี", "สระบุรี"),  # byte-order mark left by Excel
        ("แก่ง\u00a0คอย", "แก่ง คอย"),  # NBSP
        ("แก่ง\t\tคอย\r\n", "แก่ง คอย"),
        ("a   b", "a b"),
        ("", None),
        ("   ", None),
        (ZERO_WIDTH, None),
        ("\u200b \u00a0\t\n", None),
        (None, None),
        # NFC: "e" + combining acute -> one code point
        ("cafe\u0301", "café"),
    ],
)
def test_clean_text(raw: str | None, expected: str | None) -> None:
    # GIVEN raw text as agencies export it
    # WHEN it is cleaned
    # THEN spaces are collapsed, invisible characters dropped and blanks become None
    assert clean_text(raw) == expected


def test_clean_text_handles_a_megabyte_string() -> None:
    # GIVEN a hostile 1 MB cell
    raw = "ก " * 500_000
    # WHEN it is cleaned
    result = clean_text(raw)
    # THEN it is collapsed without error
    assert result is not None and result.startswith("ก ก") and "  " not in result


@given(st.text())
def test_clean_text_is_idempotent(raw: str) -> None:
    # GIVEN any text WHEN cleaned twice THEN the second cleaning changes nothing
    once = clean_text(raw)
    assert clean_text(once) == once
    # AND the result never has leading/trailing spaces or zero-width characters
    if once is not None:
        assert once == once.strip() and not set(once) & set(ZERO_WIDTH)


@pytest.mark.parametrize(
    ("thai", "arabic"),
    [("๐๑๒๓๔๕๖๗๘๙", "0123456789"), ("๑๕/๐๑/๒๕๖๗", "15/01/2567"), ("ม.ค. ๖๗", "ม.ค. 67"), ("", "")],
)
def test_digit_conversion(thai: str, arabic: str) -> None:
    # GIVEN text with Thai digits WHEN converted THEN only the digits change, both ways
    assert thai_digits_to_arabic(thai) == arabic
    assert arabic_digits_to_thai(arabic) == thai


def test_mixed_digits_convert_to_arabic() -> None:
    # GIVEN a mixture of Thai and Arabic digits WHEN converted THEN all are Arabic
    assert thai_digits_to_arabic("๑5/0๑/25๖๗") == "15/01/2567"


@given(st.text())
def test_digit_conversion_round_trips(text: str) -> None:
    # GIVEN text without Thai digits WHEN converted to Thai and back THEN it is unchanged
    plain = thai_digits_to_arabic(text)
    assert thai_digits_to_arabic(arabic_digits_to_thai(plain)) == plain


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("ต.ตาลเดี่ยว", "ตาลเดี่ยว"),
        ("ต. ตาลเดี่ยว", "ตาลเดี่ยว"),
        ("ตำบล ตาลเดี่ยว", "ตาลเดี่ยว"),
        ("ตำบลตาลเดี่ยว", "ตาลเดี่ยว"),
        ("เทศบาลตำบลตาลเดี่ยว", "ตาลเดี่ยว"),
        ("องค์การบริหารส่วนตำบลตาลเดี่ยว", "ตาลเดี่ยว"),
        ("อบต.ตาลเดี่ยว", "ตาลเดี่ยว"),
        ("อบต. ตำบลตาลเดี่ยว", "ตาลเดี่ยว"),  # repeated prefixes
        ("อ.เมือง", "เมือง"),
        ("อำเภอเมืองสระบุรี", "เมืองสระบุรี"),
        ("จ.สระบุรี", "สระบุรี"),
        ("เทศบาลเมืองสระบุรี", "สระบุรี"),
        ("ตาลเดี่ยว", "ตาลเดี่ยว"),  # nothing to strip
        ("ตำบล", "ตำบล"),  # a prefix alone is kept rather than emptied
        ("", ""),
    ],
)
def test_strip_area_prefix(raw: str, expected: str) -> None:
    # GIVEN an area name with a type prefix, glued or spaced
    # WHEN the prefix is stripped THEN the bare name remains
    assert strip_area_prefix(raw) == expected


def test_normalisation_error_contract() -> None:
    # GIVEN an error about a very long value
    err = NormalisationError("x" * 500, "ไม่ใช่ตัวเลข", "not a number")
    # THEN the value is truncated to 200 characters and both reasons are kept
    assert err.value == "x" * 200
    assert (err.reason_th, err.reason_en) == ("ไม่ใช่ตัวเลข", "not a number")
    assert str(err) == f"ไม่ใช่ตัวเลข / not a number: {'x' * 200!r}"
    # AND it is a ValueError that survives pickling (worker processes)
    assert isinstance(err, ValueError)
    copy = pickle.loads(pickle.dumps(err))
    assert (copy.value, copy.reason_th, copy.reason_en) == (err.value, err.reason_th, err.reason_en)

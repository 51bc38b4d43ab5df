"""Numbers and DOPA codes as agencies write them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thai import (
    NormalisationError,
    arabic_digits_to_thai,
    parse_code,
    parse_integer,
    parse_number,
)

MEGABYTE = "1" * 1_000_000


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1,234.50", 1234.5),
        ("๑,๒๓๔", 1234.0),
        ("๑,๒๓๔.๕", 1234.5),
        (" 12 ", 12.0),
        ("12", 12.0),
        ("-12.5", -12.5),
        ("+3", 3.0),
        ("0.25", 0.25),
        (".5", 0.5),
        ("1,234,567", 1234567.0),
        ("-", 0.0),  # a dash alone means zero
        ("–", 0.0),
        ("—", 0.0),
        (" - ", 0.0),
        ("\u200b12\u200b", 12.0),
        ("๑2.๕", 12.5),  # mixed Thai and Arabic digits
        ("-0", 0.0),
        ("", None),
        ("   ", None),
        ("\u200b", None),
        (None, None),
    ],
)
def test_parse_number_accepts(raw: str | None, expected: float | None) -> None:
    # GIVEN a number as written by an agency WHEN parsed THEN the value is exact
    assert parse_number(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "abc",
        "12abc",
        "1,23",  # commas must group by three
        "1,2345",
        "1.2.3",
        "1e5",
        "nan",
        "inf",
        "--1",
        "- 1",
        "--",
        "12,",
        ".",
        "1 234",
        "(12)",
        "9" * 400,  # overflows a float
        MEGABYTE,
    ],
)
def test_parse_number_rejects(raw: str) -> None:
    # GIVEN garbage WHEN parsed THEN a NormalisationError with both reasons is raised
    with pytest.raises(NormalisationError) as info:
        parse_number(raw)
    assert info.value.reason_th and info.value.reason_en
    assert len(info.value.value) <= 200


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1,234", 1234),
        ("1,234.00", 1234),
        ("๑,๒๓๔", 1234),
        ("-7", -7),
        ("-", 0),
        ("007", 7),
        ("12345678901234567890", 12345678901234567890),  # no float rounding
        ("", None),
        (None, None),
    ],
)
def test_parse_integer_accepts(raw: str | None, expected: int | None) -> None:
    # GIVEN a whole number WHEN parsed THEN the exact int comes back
    result = parse_integer(raw)
    assert result == expected
    assert result is None or type(result) is int


@pytest.mark.parametrize("raw", ["12.5", "1,234.01", "abc", "1,23", MEGABYTE])
def test_parse_integer_rejects(raw: str) -> None:
    # GIVEN a fraction or garbage WHEN parsed as an integer THEN it raises
    with pytest.raises(NormalisationError):
        parse_integer(raw)


@given(st.integers(min_value=-(10**15), max_value=10**15), st.booleans())
def test_integers_round_trip_with_separators(number: int, thai: bool) -> None:
    # GIVEN an integer written with thousands separators, maybe in Thai digits
    text = f"{number:,}"
    text = arabic_digits_to_thai(text) if thai else text
    # WHEN parsed THEN the same integer and float come back
    assert parse_integer(text) == number
    assert parse_number(text) == float(number)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("190203", "190203"),
        ("๑๙๐๒๐๓", "190203"),
        ("19 02 03", "190203"),
        (" 0019 ", "0019"),  # leading zeros kept
        ("\u200b1901", "1901"),
        ("19๐1", "1901"),
        ("", None),
        (" ", None),
        (None, None),
    ],
)
def test_parse_code_accepts(raw: str | None, expected: str | None) -> None:
    # GIVEN a DOPA code WHEN parsed THEN digits only, leading zeros kept
    assert parse_code(raw) == expected


@pytest.mark.parametrize("raw", ["19-02", "1902a", "190203.0", "-", "١٢", MEGABYTE])
def test_parse_code_rejects(raw: str) -> None:
    # GIVEN something that is not a digit code WHEN parsed THEN it raises
    with pytest.raises(NormalisationError):
        parse_code(raw)

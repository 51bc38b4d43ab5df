"""Numbers and codes as Thai agencies write them."""

from __future__ import annotations

import math
import re
from functools import lru_cache

from thai.errors import NormalisationError
from thai.text import clean_text, thai_digits_to_arabic

MAX_INPUT_CHARS = 1000
_CACHE_SIZE = 1 << 16

# A dash alone means zero in agency spreadsheets.
_ZERO_DASHES = frozenset({"-", "–", "—", "‒", "−"})
# Unicode minus sign -> ASCII hyphen-minus.
_MINUS = str.maketrans({"−": "-"})
_NUMBER = re.compile(
    r"(?P<sign>[+-]?)(?P<int>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+|)(?:\.(?P<frac>[0-9]+))?",
    re.ASCII,
)
_CODE = re.compile(r"[0-9]+", re.ASCII)


def _prepare(value: str) -> str | None:
    if len(value) > MAX_INPUT_CHARS:
        raise NormalisationError(
            value,
            f"ข้อความยาวเกิน {MAX_INPUT_CHARS} ตัวอักษร",
            f"input longer than {MAX_INPUT_CHARS} characters",
        )
    text = clean_text(value)
    if text is None:
        return None
    return thai_digits_to_arabic(text)


def _split_number(original: str, text: str) -> tuple[bool, str, str]:
    """Return (negative, integer digits, fraction digits) or raise."""
    match = _NUMBER.fullmatch(text.translate(_MINUS))
    if match is None or (not match["int"] and match["frac"] is None):
        raise NormalisationError(original, "ไม่ใช่ตัวเลข", "not a number")
    return match["sign"] == "-", match["int"].replace(",", "") or "0", match["frac"] or ""


@lru_cache(maxsize=_CACHE_SIZE)
def _parse_number(value: str) -> float | None:
    text = _prepare(value)
    if text is None:
        return None
    if text in _ZERO_DASHES:
        return 0.0
    negative, integer, fraction = _split_number(value, text)
    number = float(f"{integer}.{fraction or '0'}")
    if not math.isfinite(number):
        raise NormalisationError(value, "ตัวเลขใหญ่เกินไป", "number too large")
    return -number if negative and number else number


@lru_cache(maxsize=_CACHE_SIZE)
def _parse_integer(value: str) -> int | None:
    text = _prepare(value)
    if text is None:
        return None
    if text in _ZERO_DASHES:
        return 0
    negative, integer, fraction = _split_number(value, text)
    if fraction.strip("0"):
        raise NormalisationError(value, "ไม่ใช่จำนวนเต็ม", "not a whole number")
    number = int(integer)
    return -number if negative else number


@lru_cache(maxsize=_CACHE_SIZE)
def _parse_code(value: str) -> str | None:
    text = _prepare(value)
    if text is None:
        return None
    code = text.replace(" ", "")
    if _CODE.fullmatch(code) is None:
        raise NormalisationError(value, "รหัสต้องเป็นตัวเลขเท่านั้น", "code must contain only digits")
    return code


def parse_number(value: str | None) -> float | None:
    """Parse "1,234.50", "๑,๒๓๔", " 12 ", "-12.5"; a dash alone is 0.0; blank is None.

    Thousands separators must group by three. Anything else raises NormalisationError.
    """
    if value is None:
        return None
    return _parse_number(value)


def parse_integer(value: str | None) -> int | None:
    """Like parse_number but whole numbers only ("1,234.00" is fine, "12.5" raises)."""
    if value is None:
        return None
    return _parse_integer(value)


def parse_code(value: str | None) -> str | None:
    """A DOPA-style code: Thai digits converted, spaces removed, digits only, leading zeros kept."""
    if value is None:
        return None
    return _parse_code(value)

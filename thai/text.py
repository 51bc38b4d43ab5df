"""Text cleaning and digit conversion."""

from __future__ import annotations

import unicodedata

from thai.constants import AREA_PREFIXES, TO_ARABIC_DIGITS, TO_THAI_DIGITS, ZERO_WIDTH

_DROP_ZERO_WIDTH = str.maketrans("", "", ZERO_WIDTH)


def clean_text(value: str | None) -> str | None:
    """NFC-normalise, drop zero-width characters, collapse all whitespace; ``""`` -> ``None``.

    NBSP, tabs, newlines and every other Unicode space become one ordinary space.
    """
    if value is None:
        return None
    text = unicodedata.normalize("NFC", value).translate(_DROP_ZERO_WIDTH)
    # str.split() without arguments splits on every Unicode whitespace (NBSP included).
    text = " ".join(text.split())
    return text or None


def thai_digits_to_arabic(value: str) -> str:
    """Replace Thai digits (๐-๙) with 0-9; everything else is kept."""
    return value.translate(TO_ARABIC_DIGITS)


def arabic_digits_to_thai(value: str) -> str:
    """Replace 0-9 with Thai digits (๐-๙); everything else is kept."""
    return value.translate(TO_THAI_DIGITS)


def strip_area_prefix(text: str) -> str:
    """Remove leading area-type prefixes ("ต.", "ตำบล ", "อบต.", "เทศบาลตำบล", ...).

    Prefixes may be glued to the name ("ต.ตาลเดี่ยว") or separated by spaces, and may
    repeat ("จ. สระบุรี", "อบต. ตำบลตาลเดี่ยว"). A prefix that is the whole text is kept,
    so "ตำบล" alone is not turned into an empty string.
    """
    result = " ".join(text.split())
    changed = True
    while changed:
        changed = False
        for prefix in AREA_PREFIXES:  # longest first, see constants.py
            if result.startswith(prefix):
                rest = result[len(prefix) :].lstrip()
                if rest:
                    result = rest
                    changed = True
                    break
    return result

"""PDPA masking of personal data: in free text, and of single values shown to people."""

from __future__ import annotations

import re

from thai.text import thai_digits_to_arabic

MASK = "[ปกปิด/masked]"

# 13-digit national IDs, with or without the usual separators (1-2345-67890-12-3).
_NATIONAL_ID = re.compile(r"(?<!\d)\d(?:[\s-]?\d){12}(?!\d)")
# Thai phone numbers: 0X.. (9-10 digits) or +66 / 66 followed by 8-9 digits, any separators.
_PHONE = re.compile(r"(?<![\d+])(?:\+?66[\s-]?|0)(?:\d[\s.-]?){7,8}\d(?!\d)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# A LINE id after the word LINE / ไลน์ / ไอดีไลน์, or an @handle.
_LINE = re.compile(
    r"(?i)(?:line\s*(?:id)?|ไลน์|ไอดีไลน์)\s*[:：]?\s*@?[\w.\-]{3,}|(?<![\w.])@[a-z0-9._-]{3,}"
)


def mask_text(text: str | None) -> str | None:
    """Free text with national IDs, phone numbers, e-mail addresses and LINE ids masked.

    Thai digits are compared as Arabic digits, so "๐๘๑-๒๓๔-๕๖๗๘" is masked too.
    """
    if text is None:
        return None
    arabic = thai_digits_to_arabic(text)
    if arabic != text:
        # keep the original characters except inside the matches
        spans = _spans(arabic)
        return _apply(text, spans)
    return _apply(text, _spans(text))


def _spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for pattern in (_EMAIL, _LINE, _NATIONAL_ID, _PHONE):
        spans += [m.span() for m in pattern.finditer(text)]
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _apply(text: str, spans: list[tuple[int, int]]) -> str:
    out: list[str] = []
    last = 0
    for start, end in spans:
        out += [text[last:start], MASK]
        last = end
    out.append(text[last:])
    return "".join(out)


def mask_national_id(digits: str) -> str:
    """``1234567890123`` -> ``x-xxxx-xxxxx-12-3``: only the last three digits are kept."""
    return f"x-xxxx-xxxxx-{digits[10:12]}-{digits[12]}"


def mask_phone(phone: str | None) -> str | None:
    """``0812345678`` -> ``xxx-xxx-5678``."""
    if not phone:
        return phone
    return "xxx-xxx-" + phone[-4:]


def mask_line_id(line_id: str | None) -> str | None:
    if not line_id:
        return line_id
    return line_id[:1] + "*" * max(len(line_id) - 1, 3)

"""PDPA masking of personal data: the one place that finds it in free text, and masks single values.

:func:`mask_text` finds, in Thai and English free text:

- Thai phone numbers in every common shape: ``081-234-5678``, ``(081) 234-5678``, ``081/234/5678``,
  ``+66 81 234 5678``, ``+66 (0) 81 ...``, landlines ``036-123-456``, Thai digits, and the letters
  ``O``/``o`` for 0 and ``l``/``I`` for 1 next to digits (``O81-234-5678``);
- 13-digit national IDs with any of the usual separators (``1-1017-00230-70-8``,
  ``1.1017.00230.70.8``), and with unusual ones (commas, colons) when the check digit is right;
- e-mail addresses, also without a top-level domain and obfuscated (``somchai [at] example dot
  com``, ``somchai แอท gmail ดอท com``);
- LINE ids after "LINE"/"ไลน์"/"ไอดี" and ``@handles``;
- bank account numbers (10 to 12 digits in groups, or any digits after "บัญชี"/"account");
- vehicle plates (``1กข 1234``, ``กข-1234``, anything after "ทะเบียน");
- personal names after a title (นาย, นาง, นางสาว, น.ส., ด.ช., ด.ญ., เด็กชาย, เด็กหญิง, คุณ,
  military and police ranks, Mr/Mrs/Ms/Dr): the title stays, the name and surname are masked.
  Word titles are found with pythainlp's dictionary tokenizer, so "คุณภาพ" or "นายกเทศมนตรี" are
  not mistaken for "คุณ" or "นาย".

It errs on the side of masking: a date-like or list-like run of 10+ digits may be masked too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

MASK = "[ปกปิด/masked]"

# ----------------------------------------------------------------------------- the digit view
# Patterns run on a "view" of the text with the same length, where Thai and full-width digits are
# Arabic digits and look-alike letters next to digits are digits, so spans map back 1:1.
_DIGIT_LIKE = str.maketrans(
    {
        **{chr(0x0E50 + i): str(i) for i in range(10)},  # Thai digits
        **{chr(0xFF10 + i): str(i) for i in range(10)},  # full-width digits
        "\uff20": "@",  # full-width @
    }
)
_LOOKALIKES = {"O": "0", "o": "0", "l": "1", "I": "1", "|": "1"}


def _digit_view(text: str) -> str:
    chars = list(text.translate(_DIGIT_LIKE))
    changed = True
    while changed:  # "OOO-OO8" becomes digits over several passes: each look-alike next to one
        changed = False
        for i, ch in enumerate(chars):
            if ch in _LOOKALIKES and not _inside_word(chars, i) and _next_to_digit(chars, i):
                chars[i] = _LOOKALIKES[ch]
                changed = True
    return "".join(chars)


_GROUP_SEPARATORS = " -./()"


def _inside_word(chars: list[str], i: int) -> bool:
    """Part of a word ("call", "Hello"): a letter that is not a look-alike touches the run."""
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(chars) and chars[j] in _LOOKALIKES:
            j += step
        if 0 <= j < len(chars) and chars[j].isascii() and chars[j].isalpha():
            return True
    return False


def _next_to_digit(chars: list[str], i: int) -> bool:
    """A digit right before or after position ``i``, or across at most three group separators."""
    for step in (-1, 1):
        j = i + step
        for _ in range(4):
            if not 0 <= j < len(chars):
                break
            if chars[j].isdigit():
                return True
            if chars[j] not in _GROUP_SEPARATORS:
                break
            j += step
    return False


# ----------------------------------------------------------------------------- patterns
_SEP = r"[ \t\-./()\u2013\u2014_\u00b7]{0,3}"  # separators people put between digit groups
_PHONE = re.compile(
    rf"(?<![\d+])(?:\+\s?|\(\s?)?(?:66{_SEP}(?:\(?0\)?{_SEP})?|0)(?=[2-9])(?:\d{_SEP}){{7,8}}\d(?![\d:])"
)
_NATIONAL_ID = re.compile(rf"(?<!\d)\d(?:{_SEP}\d){{12}}(?![\d:])")
_ID_LOOSE = re.compile(r"(?<!\d)\d(?:[\s,:;|_\-./]{0,3}\d){12}(?!\d)")
_BANK = re.compile(rf"(?<!\d)\d(?:{_SEP}\d){{9,11}}(?![\d:])")
_BANK_AFTER_WORD = re.compile(
    r"(?i)(?:เลขที่บัญชี|เลขบัญชี|บัญชี|บช\.|account(?:\s*no\.?)?|acct\.?|a/c)\s*[:：#]?\s*"
    r"(?:[A-Za-zก-๙]{0,20}\s*)?\d[\d\s\-./]{4,24}\d"
)
_EMAIL_LOCAL = r"[A-Za-z0-9][A-Za-z0-9._%+\-]*"
_EMAIL_DOMAIN = r"[A-Za-z0-9][A-Za-z0-9\-]*"
_AT_MARKED = r"\s*(?:@|[\[({<]\s*(?:at|@|แอท)\s*[\])}>]|แอท)\s*"
_AT_WORD = r"\s+at\s+"
_DOT = r"(?:\s*(?:\.|[\[({<]\s*(?:dot|\.|ดอท)\s*[\])}>]|ดอท)\s*|\s+dot\s+)"
_EMAIL = re.compile(
    rf"(?i)(?<![A-Za-z0-9._%+\-]){_EMAIL_LOCAL}{_AT_MARKED}{_EMAIL_DOMAIN}(?:{_DOT}{_EMAIL_DOMAIN})*"
)
_EMAIL_WORDS = re.compile(
    rf"(?i)(?<![A-Za-z0-9._%+\-]){_EMAIL_LOCAL}{_AT_WORD}{_EMAIL_DOMAIN}(?:{_DOT}{_EMAIL_DOMAIN})+"
)
_LINE_ID = r"@?[A-Za-z0-9][A-Za-z0-9._\-]{2,19}"
_LINE = re.compile(
    rf"(?i)(?:(?:ไอดีไลน์|ไลน์ไอดี|ไลน์|ไอดี)\s*[:：=]?\s*{_LINE_ID}"
    rf"|line\s*(?:id\s*[:：=]?|[:：=])\s*{_LINE_ID}|line\s+@[A-Za-z0-9._\-]{{3,}})"
)
_HANDLE = re.compile(r"(?<![\w.@])@[A-Za-z0-9._\-]{3,}")
_THAI_CHAR = "\u0e00-\u0e7f"
# Found with overlapping matches ("รถ 1กข 1234": "รถ 1" must not hide the plate that follows).
_PLATE = re.compile(
    rf"(?=(?<![{_THAI_CHAR}A-Za-z0-9])(?P<plate>(?:[1-9]\s?)?(?P<letters>[ก-ฮ]{{2}})[\s\-]?"
    rf"\d{{1,4}}(?![\d.,])))"
)
_NOT_PLATES = frozenset(
    {"กม", "ซม", "มม", "กก", "ชม", "ตร", "ทล", "ลบ", "นน", "มล", "ปี", "ฯล", "งบ", "รง", "คน", "รถ"}
)
_PLATE_AFTER_WORD = re.compile(
    r"(?i)(?:ป้ายทะเบียน|เลขทะเบียน|ทะเบียนรถ|ทะเบียน|plate(?:\s*no\.?)?)\s*[:：]?\s*"
    r"(?:(?:[1-9]\s?)?[ก-ฮ]{1,3}[\s\-]?\d{1,4}|\d{1,3}[\s\-]\d{1,4})"
)

# ----------------------------------------------------------------------------- names
_ABBREVIATED_TITLES = re.compile(
    r"(?:ด\.ช\.|ด\.ญ\.|น\.ส\.|ดร\.|นพ\.|พญ\.|ทพ\.|ภก\.|ผศ\.|รศ\.|"
    r"[พรส]\.[ตทอ]\.[ตทอ]\.|จ\.ส\.[ตทอ]\.|[พร]\.[ตทอ]\.|จ\.ส\.|ส\.[ตทอ]\.)"
)
_WORD_TITLES = frozenset(
    {"นาย", "นาง", "นางสาว", "เด็กชาย", "เด็กหญิง", "คุณ", "กำนัน", "ผู้ใหญ่บ้าน", "ลุง", "ป้า"}
)
_WORD_TITLE_HINT = re.compile("|".join(sorted(_WORD_TITLES, key=len, reverse=True)))
_ENGLISH_TITLE = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mister|Dr)\.?\s+([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)")
# Words that end a name written without a space before them ("นายสมชายแจ้งว่า ...").
_AFTER_NAME = frozenset(
    {
        "แจ้ง", "ว่า", "ได้", "ไป", "มา", "บอก", "โทร", "อยู่", "เป็น", "ที่", "ซึ่ง", "และ",
        "กับ", "ขอ", "ร้องเรียน", "พบ", "เห็น", "ถูก", "ให้", "จะ", "ไม่", "ก็", "จึง", "เจ้าของ",
        "บ้าน", "อายุ", "เลขที่", "ร้อง", "แล้ว", "ด้วย", "ครับ", "ค่ะ", "คะ", "นะ", "เพื่อน",
    }
)  # fmt: skip
_MAX_NAME_CHARS = 30


def _name_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for match in _ENGLISH_TITLE.finditer(text):
        spans.append(match.span(1))
    starts = [m.end() for m in _ABBREVIATED_TITLES.finditer(text)]
    if _WORD_TITLE_HINT.search(text):
        starts += _word_title_ends(text)
    for start in starts:
        spans += _name_after(text, start)
    return spans


def _word_title_ends(text: str) -> list[int]:
    """Where a word title (นาย, คุณ, ...) ends, when the tokenizer sees it as a word of its own."""
    ends = []
    offset = 0
    for token in _tokenize(text):
        if token in _WORD_TITLES:
            ends.append(offset + len(token))
        offset += len(token)
    return ends


def _name_after(text: str, start: int) -> list[tuple[int, int]]:
    """The name (and surname) that follows a title ending at ``start``."""
    position = start + 1 if text[start : start + 1] == " " else start
    first = _name_run(text, position, surname=False)
    if first is None:
        return []
    spans = [first]
    end = first[1]
    if end < len(text) and text[end] == " " and end + 1 < len(text):
        surname = _name_run(text, end + 1, surname=True)
        if surname is not None:
            spans.append(surname)
    return spans


def _name_run(text: str, start: int, surname: bool) -> tuple[int, int] | None:
    """One word of a name starting at ``start``, up to a space.

    A first name written together with what follows ("สมชายแจ้งว่า") ends before the first word
    that ends names, unless that word is the last one ("บุญมา" stays whole); a surname is the whole
    word unless it starts with such a word ("นายสมชาย แจ้งว่า" has no surname).
    """
    end = start
    while end < len(text) and not text[end].isspace() and end - start < _MAX_NAME_CHARS:
        end += 1
    run = text[start:end]
    if not run or not run[0].isalpha() or run[0] in "ๆฯ":
        return None
    tokens = _tokenize(run)
    if surname:
        return None if tokens[0] in _AFTER_NAME else (start, end)
    length = len(tokens[0])
    for token in tokens[1:-1]:
        if token in _AFTER_NAME:
            break
        length += len(token)
    else:
        length = len(run)
    return start, start + length


@lru_cache(maxsize=4096)
def _tokenize(text: str) -> tuple[str, ...]:
    from pythainlp.tokenize import word_tokenize  # loads its dictionary on first use

    return tuple(word_tokenize(text, engine="newmm", keep_whitespace=True))


# ----------------------------------------------------------------------------- masking


def is_valid_national_id(digits: str) -> bool:
    """Thai 13-digit ID: the last digit is (11 - sum(d_i x (13 - i)) mod 11) mod 10."""
    if len(digits) != 13 or not digits.isascii() or not digits.isdigit():
        return False
    total = sum(int(d) * (13 - i) for i, d in enumerate(digits[:12]))
    return (11 - total % 11) % 10 == int(digits[12])


def personal_data_spans(text: str) -> list[tuple[int, int]]:
    """Sorted, non-overlapping (start, end) spans of personal data in ``text``."""
    view = _digit_view(text)
    spans: list[tuple[int, int]] = []
    for pattern in (
        _EMAIL,
        _EMAIL_WORDS,
        _LINE,
        _HANDLE,
        _PHONE,
        _NATIONAL_ID,
        _BANK,
        _BANK_AFTER_WORD,
        _PLATE_AFTER_WORD,
    ):
        spans += [m.span() for m in pattern.finditer(view)]
    spans += [
        m.span()
        for m in _ID_LOOSE.finditer(view)
        if is_valid_national_id(re.sub(r"\D", "", m.group()))
    ]
    spans += [
        m.span("plate") for m in _PLATE.finditer(view) if m.group("letters") not in _NOT_PLATES
    ]
    spans += _name_spans(text)
    return _merged(spans)


def _merged(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def mask_text(text: str | None) -> str | None:
    """Free text with every kind of personal data listed in the module docstring masked."""
    if text is None:
        return None
    out: list[str] = []
    last = 0
    for start, end in personal_data_spans(text):
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

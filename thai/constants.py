"""Thai characters, month names and area prefixes shared by parsing and sample generation."""

from __future__ import annotations

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
ARABIC_DIGITS = "0123456789"
TO_ARABIC_DIGITS = str.maketrans(THAI_DIGITS, ARABIC_DIGITS)
TO_THAI_DIGITS = str.maketrans(ARABIC_DIGITS, THAI_DIGITS)

# Characters that copy-and-paste leaves behind and that no name should contain.
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"

BE_OFFSET = 543  # Buddhist Era year = Common Era year + 543

MONTHS_FULL_TH = (
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
)
MONTHS_ABBR_TH = (
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
)

# Longest first, so "เทศบาลตำบล" is stripped before "ตำบล".
AREA_PREFIXES = (
    "องค์การบริหารส่วนตำบล",
    "องค์การบริหารส่วนจังหวัด",
    "เทศบาลตำบล",
    "เทศบาลเมือง",
    "เทศบาลนคร",
    "จังหวัด",
    "อำเภอ",
    "ตำบล",
    "อบต.",
    "อบจ.",
    "ทต.",
    "ทม.",
    "จ.",
    "อ.",
    "ต.",
)

"""Validation of what a citizen submits: every problem reported at once, in Thai and English.

Pure functions: data in, cleaned data (or :class:`ValidationFailed`) out. Nothing is stored until
everything is valid, so a bad submission never leaves half a case behind.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass

from operations.areas import AreaCatalogue
from operations.errors import FieldError, ValidationFailed
from operations.geo import ProvinceShape, in_province
from operations.masking import is_valid_national_id
from operations.uploads import CleanPhoto, validate_photo
from thai.text import thai_digits_to_arabic

MAX_DESCRIPTION_CHARS = 5_000
MAX_NAME_CHARS = 200
MAX_VILLAGE_NO = 50
_CONTROL = {"Cc", "Cf", "Cs", "Co", "Cn"}
_LINE_ID = re.compile(r"^[a-z0-9._-]{4,20}$")


@dataclass(frozen=True)
class SubmissionInput:
    """What the report form sends (raw values, as typed)."""

    category_code: str
    description: str
    amphoe_code: str
    tambon_code: str
    village_no: int | None = None
    latitude: float | None = None
    longitude: float | None = None
    photo: bytes | None = None
    contact_name: str | None = None
    contact_phone: str | None = None
    contact_line_id: str | None = None
    national_id: str | None = None
    consent: bool = False


@dataclass(frozen=True)
class ValidSubmission:
    category_code: str
    description: str
    amphoe_code: str
    tambon_code: str
    village_no: int | None
    latitude: float | None
    longitude: float | None
    photo: CleanPhoto | None
    contact_name: str | None
    contact_phone: str | None
    contact_line_id: str | None
    national_id: str | None

    @property
    def has_personal_data(self) -> bool:
        return any((self.contact_name, self.contact_phone, self.contact_line_id, self.national_id))


def clean_free_text(text: str | None) -> str:
    """NFC, no control or format characters except newline and tab, trimmed."""
    if not text:
        return ""
    normalised = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    kept = "".join(
        ch for ch in normalised if ch in "\n\t" or unicodedata.category(ch) not in _CONTROL
    )
    return kept.strip()


def description_errors(text: str, field: str = "description") -> list[FieldError]:
    if not text:
        return [
            FieldError(
                field, "กรุณาเล่าปัญหาที่พบ (ข้อความว่าง)", "please describe the problem (empty text)"
            )
        ]
    if len(text) > MAX_DESCRIPTION_CHARS:
        return [
            FieldError(
                field,
                f"ข้อความยาวเกิน {MAX_DESCRIPTION_CHARS:,} ตัวอักษร ({len(text):,})",
                f"the text is longer than {MAX_DESCRIPTION_CHARS:,} characters ({len(text):,})",
            )
        ]
    return []


def normalise_national_id(text: str) -> str | None:
    digits = re.sub(r"[\s-]", "", thai_digits_to_arabic(text))
    return digits if is_valid_national_id(digits) else None


def normalise_phone(text: str) -> str | None:
    """Thai phone numbers to ``0XXXXXXXX(X)``: mobiles 06/08/09 + 8 digits, landlines 9 digits."""
    raw = re.sub(r"[\s().-]", "", thai_digits_to_arabic(text))
    if raw.startswith("+66"):
        raw = "0" + raw[3:]
    if not raw.isascii() or not raw.isdigit():
        return None
    if len(raw) == 10 and raw[:2] in {"06", "08", "09"}:
        return raw
    if len(raw) == 9 and raw[:2] in {"02", "03", "04", "05", "07"}:
        return raw
    return None


def validate_submission(
    data: SubmissionInput,
    categories: Collection[str],
    areas: AreaCatalogue,
    shape: ProvinceShape | None = None,
) -> ValidSubmission:
    """Clean and check a submission; raise :class:`ValidationFailed` listing every problem."""
    errors: list[FieldError] = []
    if data.category_code not in categories:
        errors.append(FieldError("category", "กรุณาเลือกประเภทเรื่อง", "please choose a category"))

    description = clean_free_text(data.description)
    errors += description_errors(description)

    amphoe_of_tambon = areas.amphoe_of(data.tambon_code or "")
    if amphoe_of_tambon is None:
        errors.append(
            FieldError("tambon", "ตำบลนี้ไม่อยู่ในจังหวัดสระบุรี", "this tambon is not in Saraburi province")
        )
    elif data.amphoe_code and data.amphoe_code != amphoe_of_tambon:
        errors.append(
            FieldError("tambon", "ตำบลไม่อยู่ในอำเภอที่เลือก", "the tambon is not in the chosen amphoe")
        )

    if data.village_no is not None and not 1 <= data.village_no <= MAX_VILLAGE_NO:
        errors.append(
            FieldError("village_no", "หมู่ที่ต้องอยู่ระหว่าง 1 ถึง 50", "village no. must be 1 to 50")
        )

    if (data.latitude is None) != (data.longitude is None):
        errors.append(
            FieldError("location", "กรุณาระบุทั้งละติจูดและลองจิจูด", "give both latitude and longitude")
        )
    elif (
        data.latitude is not None
        and data.longitude is not None
        and not in_province(data.latitude, data.longitude, shape)
    ):
        errors.append(
            FieldError(
                "location",
                "พิกัดอยู่นอกจังหวัดสระบุรี",
                "the coordinates are outside Saraburi province",
            )
        )

    photo: CleanPhoto | None = None
    if data.photo:
        try:
            photo = validate_photo(data.photo)
        except FieldError as error:
            errors.append(error)

    name = clean_free_text(data.contact_name) or None
    if name and len(name) > MAX_NAME_CHARS:
        errors.append(FieldError("contact_name", "ชื่อยาวเกินไป", "the name is too long"))
    phone = None
    if data.contact_phone and data.contact_phone.strip():
        phone = normalise_phone(data.contact_phone)
        if phone is None:
            errors.append(
                FieldError(
                    "contact_phone",
                    "เบอร์โทรศัพท์ไม่ถูกต้อง (เช่น 081-234-5678)",
                    "invalid phone number (e.g. 081-234-5678)",
                )
            )
    line_id = None
    if data.contact_line_id and data.contact_line_id.strip():
        line_id = data.contact_line_id.strip().lstrip("@").lower()
        if not _LINE_ID.match(line_id):
            errors.append(
                FieldError(
                    "contact_line_id",
                    "LINE ID ต้องมี 4-20 ตัวอักษร a-z 0-9 . _ -",
                    "a LINE ID has 4-20 characters a-z 0-9 . _ -",
                )
            )
            line_id = None
    national_id = None
    if data.national_id and data.national_id.strip():
        national_id = normalise_national_id(data.national_id)
        if national_id is None:
            errors.append(
                FieldError(
                    "national_id",
                    "เลขประจำตัวประชาชนไม่ถูกต้อง (ตรวจสอบหลักสุดท้ายไม่ผ่าน)",
                    "invalid Thai national ID (checksum failed)",
                )
            )
    if (name or phone or line_id or national_id) and not data.consent:
        errors.append(
            FieldError(
                "consent",
                "กรุณายินยอมตามประกาศความเป็นส่วนตัวก่อนให้ข้อมูลติดต่อ",
                "please accept the privacy notice before giving contact details",
            )
        )
    if errors:
        raise ValidationFailed(errors)
    assert amphoe_of_tambon is not None
    return ValidSubmission(
        category_code=data.category_code,
        description=description,
        amphoe_code=amphoe_of_tambon,
        tambon_code=data.tambon_code,
        village_no=data.village_no,
        latitude=data.latitude,
        longitude=data.longitude,
        photo=photo,
        contact_name=name,
        contact_phone=phone,
        contact_line_id=line_id,
        national_id=national_id,
    )

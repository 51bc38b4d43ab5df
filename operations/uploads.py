"""Photo uploads: judged by their bytes (magic numbers), never by their name; metadata stripped.

Only JPEG, PNG and WebP up to 5 MB are accepted. The image is decoded and re-encoded without its
metadata, so a phone's EXIF block (GPS position, device serial) never reaches the store.
"""

from __future__ import annotations

import hashlib
import io
import secrets
import warnings
from dataclasses import dataclass

from operations.errors import FieldError

MAX_PHOTO_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000  # larger images are refused before decoding (decompression bombs)

_SIGNATURES: tuple[tuple[str, str], ...] = (
    ("image/jpeg", "jpg"),
    ("image/png", "png"),
    ("image/webp", "webp"),
)


@dataclass(frozen=True)
class CleanPhoto:
    content: bytes
    content_type: str
    stored_name: str  # random, never derived from the uploaded file name
    sha256: str


def sniff_image_type(data: bytes) -> str | None:
    """The MIME type from the magic bytes: JPEG, PNG or WebP; None for anything else."""
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


def _not_an_image() -> FieldError:
    return FieldError(
        "photo",
        "ไฟล์ไม่ใช่รูปภาพ JPEG, PNG หรือ WebP (ตรวจจากเนื้อไฟล์ ไม่ใช่ชื่อไฟล์)",
        "the file is not a JPEG, PNG or WebP image (checked by content, not by name)",
    )


def validate_photo(data: bytes) -> CleanPhoto:
    """Check size and content of an uploaded photo; raise :class:`FieldError` when refused."""
    if len(data) > MAX_PHOTO_BYTES:
        raise FieldError(
            "photo",
            f"รูปภาพใหญ่เกิน 5 MB (ไฟล์นี้ {len(data) / 1_048_576:.1f} MB)",
            f"the photo is larger than 5 MB ({len(data) / 1_048_576:.1f} MB)",
        )
    content_type = sniff_image_type(data)
    if content_type is None:
        raise _not_an_image()
    content = _strip_metadata(data, content_type)
    extension = dict(_SIGNATURES)[content_type]
    return CleanPhoto(
        content=content,
        content_type=content_type,
        stored_name=f"{secrets.token_hex(16)}.{extension}",
        sha256=hashlib.sha256(content).hexdigest(),
    )


def _strip_metadata(data: bytes, content_type: str) -> bytes:
    from PIL import Image

    fmt = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WEBP"}[content_type]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=[fmt]) as probe:
                if probe.width * probe.height > MAX_PIXELS:
                    raise _not_an_image()
                probe.verify()
            with Image.open(io.BytesIO(data), formats=[fmt]) as opened:
                opened.load()
                image: Image.Image = opened
                if image.mode not in ("RGB", "RGBA", "L"):
                    image = image.convert("RGBA" if "A" in image.getbands() else "RGB")
                # A new image from the pixels alone: no EXIF, XMP, ICC or text chunks survive.
                clean = Image.frombytes(image.mode, image.size, image.tobytes())
                out = io.BytesIO()
                save_kwargs: dict[str, object] = {"quality": 90} if fmt != "PNG" else {}
                clean.save(out, format=fmt, **save_kwargs)
                return out.getvalue()
    except FieldError:
        raise
    except Exception as exc:  # any decoder failure means: not a usable image
        raise _not_an_image() from exc

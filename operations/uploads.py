"""Photo uploads: judged by their bytes (magic numbers), never by their name; metadata stripped.

Only JPEG, PNG and WebP up to 5 MB and :data:`MAX_PIXELS` pixels are accepted. The pixel count is
read from the file's header before anything is decoded (a small file can declare a huge image: a
"decompression bomb"), and at most :data:`MAX_CONCURRENT_DECODES` photos are decoded at a time per
process, so uploads cannot exhaust the server's memory (docs/benchmarks-operations.md). The image
is decoded and re-encoded without its metadata, so a phone's EXIF block (GPS position, device
serial) never reaches the store.
"""

from __future__ import annotations

import hashlib
import io
import secrets
import threading
import warnings
from dataclasses import dataclass

from operations.errors import FieldError

MAX_PHOTO_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 25_000_000  # 25 megapixels: more than any phone camera; refused before decoding
MAX_CONCURRENT_DECODES = 2
DECODE_WAIT_SECONDS = 30
_decoding = threading.BoundedSemaphore(MAX_CONCURRENT_DECODES)

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
    pixels = _declared_pixels(data, content_type)
    if pixels > MAX_PIXELS:
        raise FieldError(
            "photo",
            f"รูปภาพใหญ่เกิน {MAX_PIXELS // 1_000_000} ล้านพิกเซล (ไฟล์นี้ {pixels / 1e6:.0f} ล้าน) "
            "กรุณาย่อขนาดก่อนส่ง",
            f"the photo has more than {MAX_PIXELS // 1_000_000} megapixels "
            f"({pixels / 1e6:.0f} MP): please make it smaller",
        )
    if not _decoding.acquire(timeout=DECODE_WAIT_SECONDS):
        raise FieldError(
            "photo",
            "ระบบกำลังประมวลผลรูปภาพจำนวนมาก กรุณาลองส่งอีกครั้ง",
            "the server is busy with other photos, please try again",
        )
    try:
        content = _strip_metadata(data, content_type)
    finally:
        _decoding.release()
    extension = dict(_SIGNATURES)[content_type]
    return CleanPhoto(
        content=content,
        content_type=content_type,
        stored_name=f"{secrets.token_hex(16)}.{extension}",
        sha256=hashlib.sha256(content).hexdigest(),
    )


_FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WEBP"}


def _declared_pixels(data: bytes, content_type: str) -> int:
    """Width x height from the header alone (Pillow opens lazily; no pixel is decoded)."""
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=[_FORMATS[content_type]]) as probe:
                return int(probe.width) * int(probe.height)
    except Exception as exc:  # an unreadable header: not a usable image
        raise _not_an_image() from exc


def _strip_metadata(data: bytes, content_type: str) -> bytes:
    from PIL import Image

    fmt = _FORMATS[content_type]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=[fmt]) as probe:
                probe.verify()
            with Image.open(io.BytesIO(data), formats=[fmt]) as opened:
                opened.load()
                image: Image.Image = opened
                if image.mode not in ("RGB", "RGBA", "L"):
                    image = image.convert("RGBA" if "A" in image.getbands() else "RGB")
                # A new image of the pixels alone: no EXIF, XMP, ICC or text chunks survive.
                # (Two copies of the pixels at most: the decoded one and this one.)
                clean = Image.new(image.mode, image.size)
                clean.paste(image)
                del image
            out = io.BytesIO()
            save_kwargs: dict[str, object] = {"quality": 90} if fmt != "PNG" else {}
            clean.save(out, format=fmt, **save_kwargs)
            return out.getvalue()
    except FieldError:
        raise
    except Exception as exc:  # any decoder failure means: not a usable image
        raise _not_an_image() from exc

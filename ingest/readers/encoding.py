"""Decide how a text file is encoded and hand DuckDB a UTF-8 copy when it is not.

DuckDB's own ``encodings`` extension mis-decodes TIS-620/cp874, so legacy Thai files are decoded
by Python's codec and re-written as UTF-8 before DuckDB reads them.
"""

from __future__ import annotations

import codecs
from pathlib import Path
from typing import Literal

from ingest.readers.errors import FileProblem

Declared = Literal["auto", "utf-8", "cp874"]
Detected = Literal["utf-8", "utf-8-sig", "cp874"]

_CHUNK = 16 * 1024 * 1024


def detect_encoding(path: Path, declared: Declared) -> Detected:
    """The file's encoding: a BOM wins, then valid UTF-8, then (when allowed) cp874."""
    with path.open("rb") as handle:
        if handle.read(3) == codecs.BOM_UTF8:
            return "utf-8-sig"
    if declared in ("auto", "utf-8") and _is_valid(path, "utf-8"):
        return "utf-8"
    if declared == "utf-8":
        raise FileProblem(
            "ไฟล์ไม่ได้เข้ารหัสเป็น UTF-8 ตามที่ลงทะเบียนไว้",
            "the file is not UTF-8 as its registry entry declares (wrong encoding?)",
        )
    if _is_valid(path, "cp874"):
        return "cp874"
    raise FileProblem(
        "อ่านไฟล์ไม่ได้ทั้งแบบ UTF-8 และ TIS-620 (cp874)",
        "the file is neither valid UTF-8 nor TIS-620/cp874 text",
    )


def _is_valid(path: Path, encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(_CHUNK):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def transcode_to_utf8(source: Path, encoding: Detected, target: Path) -> None:
    """Write ``source`` as UTF-8 (without BOM) to ``target``, streaming in large chunks."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    with source.open("rb") as reader, target.open("wb") as writer:
        while chunk := reader.read(_CHUNK):
            writer.write(decoder.decode(chunk).encode("utf-8"))
        writer.write(decoder.decode(b"", final=True).encode("utf-8"))


def read_head(path: Path, encoding: Detected, max_bytes: int = 256 * 1024) -> str:
    """The first bytes of the file as text, for finding the header."""
    with path.open("rb") as handle:
        data = handle.read(max_bytes)
    return data.decode(encoding, errors="ignore")

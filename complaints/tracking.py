"""Tracking codes: 60 random bits as 12 Crockford base32 symbols, read out like ``K7M2-9QXD-F4TA``.

Crockford's alphabet has no I, L, O or U, so a code read over the phone is not misheard; on input
``O`` is read as ``0`` and ``I``/``L`` as ``1``. The store keeps only a SHA-256 of the code, plus
the code sealed with a key derived from the submission token (so a retried submission can show it
again without the database ever holding the code in clear).
"""

from __future__ import annotations

import hashlib
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_SYMBOLS = 12  # 12 x 5 = 60 bits
GROUP = 4
_DECODE_MAP = str.maketrans({"O": "0", "I": "1", "L": "1"})


def new_tracking_code() -> str:
    """A fresh code from :mod:`secrets` (60 bits), grouped ``XXXX-XXXX-XXXX``."""
    symbols = "".join(secrets.choice(ALPHABET) for _ in range(CODE_SYMBOLS))
    return format_code(symbols)


def format_code(symbols: str) -> str:
    return "-".join(symbols[i : i + GROUP] for i in range(0, len(symbols), GROUP))


def normalise_code(text: str) -> str | None:
    """``" k7m2 9qxd-f4ta "`` -> ``"K7M2-9QXD-F4TA"``; None when it cannot be a tracking code."""
    if len(text) > 64:
        return None
    symbols = "".join(ch for ch in text.upper() if ch not in " -\t").translate(_DECODE_MAP)
    if len(symbols) != CODE_SYMBOLS or any(ch not in ALPHABET for ch in symbols):
        return None
    return format_code(symbols)


def hash_code(code: str) -> str:
    """SHA-256 hex of the normalised code (look-ups go through this)."""
    return hashlib.sha256(("tracking:" + code).encode()).hexdigest()


def hash_token(token: str) -> str:
    return hashlib.sha256(("submission:" + token).encode()).hexdigest()


def _keystream(token: str, length: int) -> bytes:
    return hashlib.sha256(("seal:" + token).encode()).digest()[:length]


def seal_code(code: str, token: str) -> str:
    data = code.encode()
    return bytes(a ^ b for a, b in zip(data, _keystream(token, len(data)), strict=True)).hex()


def unseal_code(sealed: str, token: str) -> str:
    data = bytes.fromhex(sealed)
    return bytes(a ^ b for a, b in zip(data, _keystream(token, len(data)), strict=True)).decode()

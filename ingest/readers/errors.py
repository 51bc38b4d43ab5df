"""The one error a reader raises: the whole file cannot be read."""

from __future__ import annotations


class FileProblem(Exception):
    """A file that cannot be loaded at all; the message is Thai first, then English."""

    def __init__(self, reason_th: str, reason_en: str) -> None:
        super().__init__(f"{reason_th} / {reason_en}")
        self.reason_th = reason_th
        self.reason_en = reason_en

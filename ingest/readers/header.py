"""Find the header among the first rows of a sheet and name its columns."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ingest.readers.errors import FileProblem
from thai import clean_text

Cell = str | None


def header_key(text: object) -> str:
    """How header texts are compared: cleaned (line breaks and spaces folded) and case-folded."""
    cleaned = clean_text(str(text)) if text is not None else None
    return cleaned.casefold() if cleaned else ""


@dataclass(frozen=True)
class Header:
    """Where the header ended (0-based index of its last row) and its column names."""

    last_row_index: int
    names: tuple[str, ...]


def locate_header(
    rows: Sequence[Sequence[Cell]], match: str, header_rows: int, scan_rows: int
) -> Header:
    """The header is the first of ``scan_rows`` rows holding a cell equal to ``match``."""
    wanted = header_key(match)
    for index, row in enumerate(rows[:scan_rows]):
        if any(header_key(cell) == wanted for cell in row):
            last = index + header_rows - 1
            if last >= len(rows):
                break
            names = combine_header_rows([rows[i] for i in range(index, last + 1)])
            return Header(last_row_index=last, names=names)
    raise FileProblem(
        f"ไม่พบแถวหัวตารางที่มีคำว่า '{match}' ใน {scan_rows} แถวแรก",
        f"no header row containing '{match}' in the first {scan_rows} rows",
    )


def combine_header_rows(rows: Sequence[Sequence[Cell]]) -> tuple[str, ...]:
    """Name each column; with two header rows a merged group cell names the columns beneath it.

    A merged cell carries its text only in its first column, so the group text is carried right
    over the columns that have a second-row label of their own.
    """
    width = max(len(row) for row in rows)
    top = [_text(rows[0], i) for i in range(width)]
    if len(rows) == 1:
        return tuple(top)
    bottom = [_text(rows[1], i) for i in range(width)]
    names: list[str] = []
    group = ""
    for top_text, bottom_text in zip(top, bottom, strict=True):
        if top_text:
            group = top_text
        if bottom_text:
            names.append(f"{group} {bottom_text}".strip())
        else:
            names.append(top_text)
            group = top_text if top_text else ""
    return tuple(names)


def _text(row: Sequence[Cell], index: int) -> str:
    if index >= len(row):
        return ""
    return clean_text(row[index]) or ""

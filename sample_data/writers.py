"""Byte-for-byte reproducible CSV and XLSX files."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Literal

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

Encoding = Literal["utf-8", "utf-8-sig", "cp874"]

# Every timestamp inside a workbook: document properties and zip entries.
FIXED_TIME = dt.datetime(2025, 1, 1, 0, 0, 0)
_ZIP_TIME = (2025, 1, 1, 0, 0, 0)
BOLD = Font(bold=True)


def csv_text(rows: Iterable[Sequence[object]], *, newline: str = "\n") -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=newline)
    writer.writerows(rows)
    return buffer.getvalue()


def write_csv(
    path: Path,
    rows: Iterable[Sequence[object]],
    *,
    encoding: Encoding,
    newline: str = "\n",
) -> None:
    """Write rows (preamble, header and records alike) in ``encoding``; cp874 must encode all."""
    text = csv_text(rows, newline=newline)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))


class _FixedTimeZip(zipfile.ZipFile):
    """A zip whose entries all carry one timestamp, so equal content gives equal bytes."""

    def writestr(
        self,
        zinfo_or_arcname: str | zipfile.ZipInfo,
        data: Any,
        compress_type: int | None = None,
        compresslevel: int | None = None,
    ) -> None:
        if isinstance(zinfo_or_arcname, str):
            info = zipfile.ZipInfo(zinfo_or_arcname, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            zinfo_or_arcname = info
        super().writestr(zinfo_or_arcname, data, compress_type, compresslevel)

    def write(
        self,
        filename: Any,
        arcname: Any = None,
        compress_type: int | None = None,
        compresslevel: int | None = None,
    ) -> None:
        with open(filename, "rb") as handle:
            self.writestr(str(arcname or filename), handle.read(), compress_type, compresslevel)


def save_workbook(workbook: Workbook, path: Path) -> None:
    """Save without the current time anywhere inside the file."""
    workbook.properties.creator = "sample_data"
    workbook.properties.created = FIXED_TIME
    workbook.properties.modified = FIXED_TIME
    workbook.properties.lastModifiedBy = "sample_data"
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    with _FixedTimeZip(buffer, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(workbook, archive).write_data()
    path.write_bytes(buffer.getvalue())


def merge(sheet: Any, first_row: int, first_column: int, last_row: int, last_column: int) -> None:
    """Merge a range; works on write-only sheets too (their merged ranges go out with the sheet)."""
    start = f"{get_column_letter(first_column)}{first_row}"
    end = f"{get_column_letter(last_column)}{last_row}"
    sheet.merged_cells.add(f"{start}:{end}")


def styled(sheet: Any, value: object, *, bold: bool = False, number_format: str = "") -> Any:
    """A write-only cell with the few styles sample workbooks use."""
    cell = WriteOnlyCell(sheet, value=value)
    if bold:
        cell.font = BOLD
    if number_format:
        cell.number_format = number_format
    return cell

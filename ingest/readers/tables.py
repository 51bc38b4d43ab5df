"""Read a delivered CSV or XLSX file into a temporary DuckDB table of text cells.

The table has one VARCHAR column per header column (``c0``, ``c1``, ...) and ``_row_number``,
the record's row in the file, so every later step can say which row a problem came from.
"""

from __future__ import annotations

import csv
import datetime as dt
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa

from ingest.readers.encoding import detect_encoding, read_head, transcode_to_utf8
from ingest.readers.errors import FileProblem
from ingest.readers.header import Cell, Header, locate_header
from ingest.registry import FeedSpec

INCOMING = "incoming"


@dataclass(frozen=True)
class Reject:
    """A record the reader could not split into the header's columns (a ragged CSV line)."""

    row_number: int
    reason_th: str
    reason_en: str
    text: str


@dataclass(frozen=True)
class IncomingTable:
    header: tuple[str, ...]
    header_row: int  # 1-based row of the (last) header row
    encoding: str
    rejects: tuple[Reject, ...]


def read_incoming(con: duckdb.DuckDBPyConnection, path: Path, feed: FeedSpec) -> IncomingTable:
    """Create the temp table ``incoming`` from ``path``; :class:`FileProblem` if unreadable."""
    if path.stat().st_size == 0:
        raise FileProblem("ไฟล์ว่างเปล่า", "the file is empty")
    if feed.format == "xlsx":
        return _read_xlsx(con, path, feed)
    return _read_csv(con, path, feed)


def _read_csv(con: duckdb.DuckDBPyConnection, path: Path, feed: FeedSpec) -> IncomingTable:
    encoding = detect_encoding(path, feed.encoding)
    head_lines = read_head(path, encoding).splitlines()[: feed.header.scan_rows + 2]
    parsed = [next(csv.reader([line], delimiter=feed.delimiter), []) for line in head_lines]
    header = locate_header(parsed, feed.header.match, feed.header.rows, feed.header.scan_rows)
    with tempfile.TemporaryDirectory(prefix="saraburi-ingest-") as scratch:
        readable = path
        if encoding == "cp874":
            readable = Path(scratch) / "utf8.csv"
            transcode_to_utf8(path, encoding, readable)
        rejects = _load_csv(con, readable, feed.delimiter, header)
    return IncomingTable(header.names, header.last_row_index + 1, encoding, rejects)


def _load_csv(
    con: duckdb.DuckDBPyConnection, path: Path, delimiter: str, header: Header
) -> tuple[Reject, ...]:
    columns = {f"c{i}": "VARCHAR" for i in range(len(header.names))}
    skip = header.last_row_index + 1
    con.execute("drop table if exists incoming_rejects; drop table if exists incoming_scans")
    con.execute(
        """
        create or replace temp table incoming_cells as
        select *
        from read_csv(?, skip = ?, header = false, columns = ?, delim = ?, quote = '"',
                      escape = '"', auto_detect = false, strict_mode = true,
                      ignore_errors = true, store_rejects = true,
                      rejects_table = 'incoming_rejects', rejects_scan = 'incoming_scans')
        """,
        [str(path), skip, columns, delimiter],
    )
    rejected = con.execute(
        "select line, error_type, coalesce(csv_line, '') from incoming_rejects order by line"
    ).fetchall()
    holes = sorted({*_empty_lines(path, after=skip), *(int(line) for line, _, _ in rejected)})
    _number_lines(con, skip, holes)
    return tuple(
        Reject(
            row_number=int(line),
            reason_th=f"จำนวนคอลัมน์ไม่ตรงกับหัวตาราง ({error_type})",
            reason_en=f"the record does not fit the header's columns ({error_type})",
            text=str(text).strip()[:500],
        )
        for line, error_type, text in rejected
    )


def _empty_lines(path: Path, after: int) -> list[int]:
    """1-based numbers of the empty lines after line ``after``: DuckDB drops them silently."""
    found: list[int] = []
    last_content = 0
    with path.open("rb") as handle:
        for number, line in enumerate(handle, start=1):
            if line.strip(b"\r\n"):
                last_content = number
            elif number > after:
                found.append(number)
    return [line for line in found if line < last_content]


def _number_lines(con: duckdb.DuckDBPyConnection, header_lines: int, holes: list[int]) -> None:
    """Expose the records as ``incoming`` with each one's line in the file.

    The cells table keeps the file's order, so record k (rowid k - 1) sits on line
    header_lines + k + j, where j counts the holes (empty or rejected lines) before it; hole i
    (in order) precedes record k exactly when k >= hole_i - header_lines - i + 1.
    """
    record = "(c.rowid + 1)"
    if not holes:
        con.execute(
            f"create or replace temp view {INCOMING} as select "
            f"({record} + {int(header_lines)})::bigint as _row_number, c.* from incoming_cells c"
        )
        return
    # Consecutive holes share a threshold; the last of them counts them all.
    thresholds = {h - header_lines - i + 1: i for i, h in enumerate(holes, start=1)}
    con.execute("create or replace temp table incoming_holes (threshold bigint, holes bigint)")
    con.executemany("insert into incoming_holes values (?, ?)", list(thresholds.items()))
    con.execute(
        f"""
        create or replace temp view {INCOMING} as
        select ({record} + {int(header_lines)} + coalesce(h.holes, 0))::bigint as _row_number,
               c.*
        from incoming_cells c
        asof left join incoming_holes h on {record} >= h.threshold
        """
    )


def _read_xlsx(con: duckdb.DuckDBPyConnection, path: Path, feed: FeedSpec) -> IncomingTable:
    rows = _xlsx_rows(path, feed.sheet)
    header = locate_header(rows, feed.header.match, feed.header.rows, feed.header.scan_rows)
    width = len(header.names)
    body = rows[header.last_row_index + 1 :]
    first_row = header.last_row_index + 2
    arrays = {"_row_number": pa.array(range(first_row, first_row + len(body)), pa.int64())}
    for i in range(width):
        arrays[f"c{i}"] = pa.array([row[i] if i < len(row) else None for row in body], pa.string())
    con.register("incoming_arrow", pa.table(arrays))
    try:
        con.execute("create or replace temp table incoming_cells as select * from incoming_arrow")
        con.execute(f"create or replace temp view {INCOMING} as select * from incoming_cells")
    finally:
        con.unregister("incoming_arrow")
    return IncomingTable(header.names, header.last_row_index + 1, "xlsx", ())


def _xlsx_rows(path: Path, sheet: str | int) -> list[list[Cell]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise FileProblem(
            "ไฟล์ Excel เสียหายหรือส่งมาไม่ครบ",
            f"the Excel file is damaged or truncated ({type(error).__name__})",
        ) from error
    try:
        names = workbook.sheetnames
        if isinstance(sheet, int):
            if sheet >= len(names):
                raise FileProblem("ไม่พบแผ่นงานที่ต้องการ", f"the workbook has no sheet #{sheet}")
            worksheet = workbook[names[sheet]]
        elif sheet in names:
            worksheet = workbook[sheet]
        else:
            raise FileProblem(f"ไม่พบแผ่นงาน '{sheet}'", f"the workbook has no sheet '{sheet}'")
        try:
            return [[_cell_text(v) for v in row] for row in worksheet.iter_rows(values_only=True)]
        except (zipfile.BadZipFile, KeyError, OSError, ValueError, EOFError) as error:
            raise FileProblem(
                "ไฟล์ Excel เสียหายหรือส่งมาไม่ครบ",
                f"the Excel file is damaged or truncated ({type(error).__name__})",
            ) from error
    finally:
        workbook.close()


def _cell_text(value: object) -> Cell:
    """Excel cells as the text an agency would have typed."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)

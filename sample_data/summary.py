"""What the generator wrote: per-file records, per-feed logs, the summary and ``manifest.json``."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MANIFEST_NAME = "manifest.json"


@dataclass(frozen=True)
class FeedSummary:
    """One feed's files on disk; ``bad_rows`` must all end in quarantine (re-sent copies count)."""

    feed: str
    files: int
    rows: int
    bad_rows: int


@dataclass(frozen=True)
class SampleSummary:
    """The result of :func:`sample_data.generate_sample`; ``manifest.json`` says the same."""

    out_dir: Path
    scale: float
    seed: int
    feeds: tuple[FeedSummary, ...]
    notes: tuple[str, ...]

    @property
    def manifest_path(self) -> Path:
        return self.out_dir / MANIFEST_NAME


@dataclass(frozen=True)
class BadRow:
    """A record made unparseable on purpose; ``column`` is the registry's canonical name."""

    row_number: int  # 1-based line (CSV) or sheet row (XLSX)
    column: str
    raw_value: str
    problem: str  # a key of PROBLEMS


PROBLEMS = {
    "impossible_date": "a date that does not exist (31/02)",
    "text_in_number": "text in a number column",
    "missing_required": "a required value left blank",
    "unmatchable_area": "a tambon name too far from any tambon of its amphoe to be matched",
}


@dataclass
class FileRecord:
    """One delivered file and what ingest should make of it."""

    feed: str
    delivery: str  # the delivery folder, YYYY-MM-DD (CE)
    name: str
    encoding: str  # utf-8 | utf-8-sig | cp874 | xlsx
    header_row: int = 1  # 1-based line or sheet row of the (last) header row
    rows: int = 0  # data records, bad ones included; not titles, header, totals, blank, sections
    skipped_rows: int = 0  # totals/subtotals matched by the registry's skip_rows
    blank_rows: int = 0  # rows whose mapped cells are all empty
    section_rows: int = 0  # heading rows matched by the registry's sections
    bad: list[BadRow] = field(default_factory=list)
    resend: str | None = None  # "identical" | "corrected"
    resend_of: str | None = None  # path of the earlier delivery of the same file name
    tambon_codes: set[str] = field(default_factory=set)  # tambon of the rows that should land

    @property
    def path(self) -> str:
        return f"{self.delivery}/{self.name}"

    @property
    def landed(self) -> int:
        return self.rows - len(self.bad)

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "encoding": self.encoding,
            "header_row": self.header_row,
            "rows": self.rows,
            "rows_landed": self.landed,
            "rows_quarantined": len(self.bad),
            "rows_skipped": self.skipped_rows + self.blank_rows + self.section_rows,
            "totals_rows": self.skipped_rows,
            "blank_rows": self.blank_rows,
            "section_rows": self.section_rows,
            "resend": self.resend,
            "resend_of": self.resend_of,
            "bad_rows": [
                {
                    "row_number": b.row_number,
                    "column": b.column,
                    "raw_value": b.raw_value,
                    "problem": b.problem,
                }
                for b in self.bad
            ],
        }


@dataclass(frozen=True)
class Quirk:
    description: str
    count: int
    files: tuple[str, ...]


class FeedLog:
    """Collects one feed's files, injected quirks and feed-specific expectations."""

    MAX_QUIRK_FILES = 5

    def __init__(self, feed: str, *, area_keyed: bool) -> None:
        self.feed = feed
        self.area_keyed = area_keyed
        self.files: list[FileRecord] = []
        self._quirks: dict[str, tuple[str, int, list[str]]] = {}
        self.details: dict[str, Any] = {}

    def add_file(self, record: FileRecord) -> FileRecord:
        self.files.append(record)
        return record

    def quirk(self, key: str, description: str, count: int = 1, file: str | None = None) -> None:
        """Record ``count`` occurrences of a quirk (a file is listed up to MAX_QUIRK_FILES)."""
        if count <= 0:
            return
        _, total, files = self._quirks.get(key, (description, 0, []))
        if file is not None and file not in files and len(files) < self.MAX_QUIRK_FILES:
            files.append(file)
        self._quirks[key] = (description, total + count, files)

    def quirks(self) -> dict[str, Quirk]:
        return {
            key: Quirk(description, count, tuple(files))
            for key, (description, count, files) in sorted(self._quirks.items())
        }

    def current_files(self) -> list[FileRecord]:
        """The latest delivery of every file name: what the raw layer holds after all deliveries."""
        latest: dict[str, FileRecord] = {}
        for record in sorted(self.files, key=lambda r: r.path):
            latest[record.name] = record
        return sorted(latest.values(), key=lambda r: r.path)

    def summary(self) -> FeedSummary:
        return FeedSummary(
            feed=self.feed,
            files=len(self.files),
            rows=sum(r.rows for r in self.files),
            bad_rows=sum(len(r.bad) for r in self.files),
        )

    def to_json(self) -> dict[str, Any]:
        current = self.current_files()
        tambons = sorted(set().union(*(r.tambon_codes for r in current))) if current else []
        problems: dict[str, int] = {}
        for record in current:
            for bad in record.bad:
                problems[bad.problem] = problems.get(bad.problem, 0) + 1
        summary = self.summary()
        return {
            "feed": self.feed,
            "files": summary.files,
            "rows": summary.rows,
            "bad_rows": summary.bad_rows,
            "area_keyed": self.area_keyed,
            "expected": {
                "note": "after every delivery is ingested in sorted path order: identical "
                "re-sends change nothing, corrected re-sends replace the earlier file",
                "files_current": len(current),
                "rows_landed": sum(r.landed for r in current),
                "rows_quarantined": sum(len(r.bad) for r in current),
                "rows_skipped": sum(
                    r.skipped_rows + r.blank_rows + r.section_rows for r in current
                ),
                "totals_rows": sum(r.skipped_rows for r in current),
                "blank_rows": sum(r.blank_rows for r in current),
                "section_rows": sum(r.section_rows for r in current),
                "quarantined_by_problem": dict(sorted(problems.items())),
                "tambon_codes_landed": tambons,
                "amphoe_codes_landed": sorted({code[:4] for code in tambons}),
            },
            "quirks": {
                key: {"description": q.description, "count": q.count, "files": list(q.files)}
                for key, q in self.quirks().items()
            },
            **self.details,
            "file_list": [r.to_json() for r in sorted(self.files, key=lambda r: r.path)],
        }


def write_manifest(
    out_dir: Path,
    *,
    scale: float,
    seed: int,
    fiscal_years_be: Iterable[int],
    logs: Iterable[FeedLog],
    notes: Iterable[str],
) -> Path:
    """Write ``manifest.json``: the summary's fields (``feeds`` in the same order, each with its
    files, rows and bad rows, then expectations, quirks and file list) and the deliveries.

    No timestamps and no absolute paths (``out_dir`` is the manifest's folder), so it is
    deterministic like the data files.
    """
    logs = list(logs)
    deliveries: dict[str, list[str]] = {}
    for log in logs:
        for record in log.files:
            deliveries.setdefault(record.delivery, []).append(record.name)
    overall: dict[str, int] = {}
    for log in logs:
        for key, quirk in log.quirks().items():
            overall[key] = overall.get(key, 0) + quirk.count
    document = {
        "generator": "sample_data",
        "seed": seed,
        "scale": scale,
        "fiscal_years_be": list(fiscal_years_be),
        "notes": list(notes),
        "problems": PROBLEMS,
        "quirk_totals": dict(sorted(overall.items())),
        "deliveries": {day: sorted(names) for day, names in sorted(deliveries.items())},
        "feeds": [log.to_json() for log in logs],
    }
    path = out_dir / MANIFEST_NAME
    text = json.dumps(document, ensure_ascii=False, indent=1, sort_keys=False)
    path.write_text(text + "\n", encoding="utf-8")
    return path

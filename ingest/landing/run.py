"""One ingest run: find delivered files, decide what each needs, load, and report."""

from __future__ import annotations

import datetime as dt
import hashlib
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from ingest.landing.store import (
    FileIdentity,
    ensure_bookkeeping,
    ensure_feed_table,
    load_file,
    record_feeds,
)
from ingest.readers import FileProblem
from ingest.registry import FeedSpec
from ingest.thai import AreaMatcher, NormalisationError

LOADED, REPLACED, UNCHANGED, SUPERSEDED, DUPLICATE, FAILED, UNKNOWN = (
    "loaded",
    "replaced",
    "unchanged",
    "superseded",
    "duplicate",
    "failed",
    "unknown_source",
)


@dataclass(frozen=True)
class FileOutcome:
    source: str | None
    file_name: str
    delivered_path: str
    status: str
    rows_loaded: int = 0
    rows_quarantined: int = 0
    rows_skipped: int = 0
    message_th: str = ""
    message_en: str = ""
    seconds: float = 0.0


@dataclass
class RunReport:
    run_id: str
    started_at: dt.datetime
    finished_at: dt.datetime | None = None
    files: list[FileOutcome] = field(default_factory=list)

    def count(self, *statuses: str) -> int:
        return sum(1 for f in self.files if f.status in statuses)

    @property
    def rows_loaded(self) -> int:
        return sum(f.rows_loaded for f in self.files)

    @property
    def rows_quarantined(self) -> int:
        return sum(f.rows_quarantined for f in self.files)

    @property
    def ok(self) -> bool:
        return self.count(FAILED, UNKNOWN) == 0


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(8 * 1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


def discover(landing_dir: Path) -> list[Path]:
    """Delivered files in delivery order: sorted by their path under the landing folder."""
    return sorted(
        p
        for p in landing_dir.rglob("*")
        if p.is_file() and not p.name.startswith(".") and p.name != "manifest.json"
    )


def feed_for(path: Path, feeds: Iterable[FeedSpec]) -> FeedSpec | None:
    matching = [f for f in feeds if f.matches(path.name)]
    return matching[0] if len(matching) == 1 else None


Progress = Callable[[FileOutcome], None]


def run_ingest(
    con: duckdb.DuckDBPyConnection,
    landing_dir: Path,
    feeds: dict[str, FeedSpec],
    matcher: AreaMatcher,
    progress: Progress | None = None,
    now: Callable[[], dt.datetime] = dt.datetime.now,
) -> RunReport:
    """Load every new or changed file under ``landing_dir``; a bad file never stops the others."""
    ensure_bookkeeping(con)
    record_feeds(con, list(feeds.values()))
    broken_feeds: dict[str, FileProblem] = {}
    for feed in feeds.values():
        try:
            ensure_feed_table(con, feed)
        except FileProblem as problem:
            broken_feeds[feed.name] = problem
    report = RunReport(run_id=uuid.uuid4().hex[:12], started_at=now())
    known = {
        (source, name): sha
        for source, name, sha in con.execute(
            "select source, file_name, file_sha256 from raw.ingest_files"
        ).fetchall()
    }
    # Every version ever loaded, so an older delivery of a since-corrected file stays superseded.
    seen_hashes = {
        (source, sha): name
        for source, name, sha in con.execute(
            "select source, file_name, file_sha256 from raw.ingest_file_versions"
        ).fetchall()
    }
    for path in discover(landing_dir):
        outcome = _ingest_one(
            con, path, landing_dir, feeds, matcher, known, seen_hashes, now, broken_feeds
        )
        report.files.append(outcome)
        if progress is not None:
            progress(outcome)
    report.finished_at = now()
    _store_report(con, report)
    return report


def _ingest_one(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    landing_dir: Path,
    feeds: dict[str, FeedSpec],
    matcher: AreaMatcher,
    known: dict[tuple[str, str], str],
    seen_hashes: dict[tuple[str, str], str],
    now: Callable[[], dt.datetime],
    broken_feeds: dict[str, FileProblem],
) -> FileOutcome:
    started = time.perf_counter()
    delivered = str(path.relative_to(landing_dir))
    feed = feed_for(path, feeds.values())
    if feed is None:
        return FileOutcome(
            None,
            path.name,
            delivered,
            UNKNOWN,
            message_th="ไม่มีแหล่งข้อมูลในทะเบียนที่ตรงกับชื่อไฟล์นี้",
            message_en="no feed in the registry matches this file name",
        )
    if feed.name in broken_feeds:
        problem = broken_feeds[feed.name]
        return _failed(feed, path, delivered, problem.reason_th, problem.reason_en, started)
    sha = sha256_of(path)
    previous = known.get((feed.name, path.name))
    if previous == sha:
        return FileOutcome(
            feed.name,
            path.name,
            delivered,
            UNCHANGED,
            message_th="โหลดแล้ว เนื้อหาไม่เปลี่ยน",
            message_en="already loaded, content unchanged",
        )
    twin = seen_hashes.get((feed.name, sha))
    if twin == path.name:
        return FileOutcome(
            feed.name,
            path.name,
            delivered,
            SUPERSEDED,
            message_th="ฉบับเก่าของไฟล์ที่ถูกแทนที่ด้วยฉบับแก้ไขแล้ว",
            message_en="an older version of a file since replaced by a corrected re-send",
        )
    if twin is not None:
        return FileOutcome(
            feed.name,
            path.name,
            delivered,
            DUPLICATE,
            message_th=f"เนื้อหาซ้ำกับไฟล์ {twin} ที่โหลดแล้ว",
            message_en=f"same content as already loaded file {twin}",
        )
    identity = FileIdentity(feed, path, delivered, sha, replaces_previous=previous is not None)
    try:
        counts, encoding = load_file(con, identity, matcher, now())
    except FileProblem as problem:
        return _failed(feed, path, delivered, problem.reason_th, problem.reason_en, started)
    except (NormalisationError, duckdb.Error, OSError, UnicodeError) as error:
        return _failed(
            feed, path, delivered, "อ่านไฟล์ไม่สำเร็จ", f"{type(error).__name__}: {error}", started
        )
    known[(feed.name, path.name)] = sha
    seen_hashes[(feed.name, sha)] = path.name
    status = REPLACED if previous is not None else LOADED
    message_en = f"{encoding}; {counts.records} records"
    if counts.quarantined:
        message_en += f", {counts.quarantined} quarantined"
    return FileOutcome(
        feed.name,
        path.name,
        delivered,
        status,
        rows_loaded=counts.loaded,
        rows_quarantined=counts.quarantined,
        rows_skipped=counts.blank + counts.skipped + counts.sections,
        message_th="แทนที่ไฟล์ฉบับก่อน (ส่งซ้ำฉบับแก้ไข)" if previous else "",
        message_en=message_en + ("; replaced the earlier version" if previous else ""),
        seconds=time.perf_counter() - started,
    )


def _failed(
    feed: FeedSpec, path: Path, delivered: str, th: str, en: str, started: float
) -> FileOutcome:
    return FileOutcome(
        feed.name,
        path.name,
        delivered,
        FAILED,
        message_th=th,
        message_en=en,
        seconds=time.perf_counter() - started,
    )


def _store_report(con: duckdb.DuckDBPyConnection, report: RunReport) -> None:
    con.execute("begin transaction")
    con.execute(
        "insert into raw.ingest_runs values (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            report.run_id,
            report.started_at,
            report.finished_at,
            len(report.files),
            report.count(LOADED, REPLACED),
            report.count(FAILED, UNKNOWN),
            report.rows_loaded,
            report.rows_quarantined,
        ],
    )
    if report.files:
        con.executemany(
            "insert into raw.ingest_run_files values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                [
                    report.run_id,
                    f.source,
                    f.file_name,
                    f.delivered_path,
                    f.status,
                    f.rows_loaded,
                    f.rows_quarantined,
                    f.rows_skipped,
                    f.message_th,
                    f.message_en,
                    f.seconds,
                ]
                for f in report.files
            ],
        )
    con.execute("commit")

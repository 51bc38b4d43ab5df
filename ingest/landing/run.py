"""One ingest run: find delivered files, decide what each needs, load, and report."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from ingest.landing.store import (
    FileIdentity,
    StagedFile,
    ensure_bookkeeping,
    ensure_feed_table,
    record_feeds,
    stage,
    store_file,
    type_batch,
)
from ingest.landing.transform import TransformCounts, start_batch
from ingest.readers import FileProblem
from ingest.registry import FeedSpec
from thai import AreaMatcher, NormalisationError

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


BATCH_BYTES = 96 * 1024 * 1024  # files typed together, bounded so memory stays small
BATCH_FILES = 400
MAX_WORKERS = 4


@dataclass(frozen=True)
class Planned:
    """What a delivered file needs, decided before anything is read."""

    path: Path
    delivered: str
    feed: FeedSpec | None
    outcome: FileOutcome | None  # decided already (unknown, unchanged, duplicate, ...)
    identity: FileIdentity | None = None  # to load


def run_ingest(
    con: duckdb.DuckDBPyConnection,
    landing_dir: Path,
    feeds: dict[str, FeedSpec],
    matcher: AreaMatcher,
    progress: Progress | None = None,
    now: Callable[[], dt.datetime] = dt.datetime.now,
) -> RunReport:
    """Load every new or changed file under ``landing_dir``; a bad file never stops the others.

    Files of one feed are typed in batches and each is stored in its own transaction, in
    delivery order, so a corrected re-send always lands after the version it corrects.
    """
    ensure_bookkeeping(con)
    record_feeds(con, list(feeds.values()))
    broken_feeds: dict[str, FileProblem] = {}
    for feed in feeds.values():
        try:
            ensure_feed_table(con, feed)
        except FileProblem as problem:
            broken_feeds[feed.name] = problem
    report = RunReport(run_id=uuid.uuid4().hex[:12], started_at=now())
    plans = _plan(con, landing_dir, feeds, broken_feeds)
    outcomes: dict[Path, FileOutcome] = {}
    lock = threading.Lock()

    def finish(path: Path, outcome: FileOutcome) -> None:
        with lock:
            outcomes[path] = outcome
            if progress is not None:
                progress(outcome)

    for plan in plans:
        if plan.outcome is not None:
            finish(plan.path, plan.outcome)
    with _one_checkpoint(con):
        _load_feeds_in_parallel(
            con, [p.identity for p in plans if p.identity], matcher, now, finish
        )
    report.files = [outcomes[plan.path] for plan in plans]
    report.finished_at = now()
    _store_report(con, report)
    return report


def _load_feeds_in_parallel(
    con: duckdb.DuckDBPyConnection,
    identities: list[FileIdentity],
    matcher: AreaMatcher,
    now: Callable[[], dt.datetime],
    finish: Callable[[Path, FileOutcome], None],
) -> None:
    """Feeds load side by side, one worker per core, each on its own connection.

    Within a feed the files keep their delivery order; different feeds touch different raw
    tables and only append to the shared bookkeeping tables, so their transactions never
    conflict. Most of a small file's cost is DuckDB planning statements, which runs outside
    Python's global lock.
    """
    by_feed: dict[str, list[FileIdentity]] = {}
    for identity in identities:
        by_feed.setdefault(identity.feed.name, []).append(identity)
    # Biggest first, so the long feed never starts last.
    ordered = sorted(by_feed.values(), key=lambda files: -sum(f.path.stat().st_size for f in files))

    def load_feed(files: list[FileIdentity]) -> None:
        worker = con.cursor()
        try:
            for batch in _batches(files):
                for identity, outcome in _load_batch(worker, batch, matcher, now):
                    finish(identity.path, outcome)
        finally:
            worker.close()

    workers = max(1, min(len(ordered), os.cpu_count() or 1, MAX_WORKERS))
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="ingest") as pool:
        for future in [pool.submit(load_feed, files) for files in ordered]:
            future.result()


@contextlib.contextmanager
def _one_checkpoint(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """Checkpoint once after the run instead of after every few commits.

    Each file still commits on its own (durable in the write-ahead log); DuckDB's automatic
    checkpoint after every 16 MB of log made the commits of a large delivery cost more than
    the loading itself.
    """
    con.execute("set checkpoint_threshold = '512MB'")
    try:
        yield
    finally:
        con.execute("reset checkpoint_threshold")
        con.execute("checkpoint")


def _plan(
    con: duckdb.DuckDBPyConnection,
    landing_dir: Path,
    feeds: dict[str, FeedSpec],
    broken_feeds: dict[str, FileProblem],
) -> list[Planned]:
    """Decide each file's fate from the raw layer's memory of what it has loaded before."""
    current = {
        (source, name): sha
        for source, name, sha in con.execute(
            "select source, file_name, file_sha256 from raw.ingest_files"
        ).fetchall()
    }
    # Every version ever loaded, so an older delivery of a since-corrected file stays superseded.
    seen = {
        (source, sha): name
        for source, name, sha in con.execute(
            "select source, file_name, file_sha256 from raw.ingest_file_versions"
        ).fetchall()
    }
    plans: list[Planned] = []
    for path in discover(landing_dir):
        delivered = str(path.relative_to(landing_dir))
        feed = feed_for(path, feeds.values())
        if feed is None:
            plans.append(Planned(path, delivered, None, _decided(None, path, delivered, UNKNOWN)))
            continue
        if feed.name in broken_feeds:
            problem = broken_feeds[feed.name]
            outcome = _decided(feed, path, delivered, FAILED, problem.reason_th, problem.reason_en)
            plans.append(Planned(path, delivered, feed, outcome))
            continue
        sha = sha256_of(path)
        key = (feed.name, path.name)
        twin = seen.get((feed.name, sha))
        if current.get(key) == sha:
            outcome = _decided(feed, path, delivered, UNCHANGED)
        elif twin == path.name:
            outcome = _decided(feed, path, delivered, SUPERSEDED)
        elif twin is not None:
            outcome = _decided(
                feed,
                path,
                delivered,
                DUPLICATE,
                f"เนื้อหาซ้ำกับไฟล์ {twin} ที่โหลดแล้ว",
                f"same content as already loaded file {twin}",
            )
        else:
            identity = FileIdentity(feed, path, delivered, sha, replaces_previous=key in current)
            plans.append(Planned(path, delivered, feed, None, identity))
            current[key] = sha
            seen[(feed.name, sha)] = path.name
            continue
        plans.append(Planned(path, delivered, feed, outcome))
    return plans


_MESSAGES = {
    UNKNOWN: (
        "ไม่มีแหล่งข้อมูลในทะเบียนที่ตรงกับชื่อไฟล์นี้",
        "no feed in the registry matches this file name",
    ),
    UNCHANGED: ("โหลดแล้ว เนื้อหาไม่เปลี่ยน", "already loaded, content unchanged"),
    SUPERSEDED: (
        "ฉบับเก่าของไฟล์ที่ถูกแทนที่ด้วยฉบับแก้ไขแล้ว",
        "an older version of a file since replaced by a corrected re-send",
    ),
}


def _decided(
    feed: FeedSpec | None,
    path: Path,
    delivered: str,
    status: str,
    message_th: str = "",
    message_en: str = "",
) -> FileOutcome:
    default_th, default_en = _MESSAGES.get(status, ("", ""))
    return FileOutcome(
        feed.name if feed else None,
        path.name,
        delivered,
        status,
        message_th=message_th or default_th,
        message_en=message_en or default_en,
    )


def _batches(identities: list[FileIdentity]) -> Iterator[list[FileIdentity]]:
    """Consecutive files of one feed, bounded in bytes and count; delivery order is kept."""
    batch: list[FileIdentity] = []
    size = 0
    for identity in identities:
        file_size = identity.path.stat().st_size
        if batch and (
            identity.feed.name != batch[0].feed.name
            or size + file_size > BATCH_BYTES
            or len(batch) >= BATCH_FILES
        ):
            yield batch
            batch, size = [], 0
        batch.append(identity)
        size += file_size
    if batch:
        yield batch


def _load_batch(
    con: duckdb.DuckDBPyConnection,
    batch: list[FileIdentity],
    matcher: AreaMatcher,
    now: Callable[[], dt.datetime],
) -> Iterator[tuple[FileIdentity, FileOutcome]]:
    feed = batch[0].feed
    start_batch(con, feed)
    staged: list[tuple[StagedFile, float]] = []
    for file_id, identity in enumerate(batch):
        started = time.perf_counter()
        try:
            staged.append((stage(con, identity, file_id), time.perf_counter() - started))
        except FileProblem as problem:
            yield identity, _failed(identity, problem.reason_th, problem.reason_en, started)
        except (NormalisationError, duckdb.Error, OSError, UnicodeError) as error:
            yield identity, _failed(identity, *_unexpected(error), started)
    if not staged:
        return
    started = time.perf_counter()
    counts = type_batch(con, feed, matcher)
    typing_share = (time.perf_counter() - started) / len(staged)
    for file, read_seconds in staged:
        identity = file.identity
        started = time.perf_counter()
        try:
            stored = store_file(con, file, counts.get(file.file_id, (0, 0, 0, 0, 0)), now())
        except (duckdb.Error, OSError) as error:
            yield identity, _failed(identity, *_unexpected(error), started)
            continue
        seconds = read_seconds + typing_share + time.perf_counter() - started
        yield identity, _loaded(file, stored, seconds)


def _unexpected(error: Exception) -> tuple[str, str]:
    return "อ่านไฟล์ไม่สำเร็จ", f"{type(error).__name__}: {error}"


def _loaded(file: StagedFile, counts: TransformCounts, seconds: float) -> FileOutcome:
    identity = file.identity
    replaced = identity.replaces_previous
    message_en = f"{file.encoding}; {counts.records} records"
    if counts.quarantined:
        message_en += f", {counts.quarantined} quarantined"
    return FileOutcome(
        identity.feed.name,
        identity.path.name,
        identity.delivered_path,
        REPLACED if replaced else LOADED,
        rows_loaded=counts.loaded,
        rows_quarantined=counts.quarantined,
        rows_skipped=counts.blank + counts.skipped + counts.sections,
        message_th="แทนที่ไฟล์ฉบับก่อน (ส่งซ้ำฉบับแก้ไข)" if replaced else "",
        message_en=message_en + ("; replaced the earlier version" if replaced else ""),
        seconds=seconds,
    )


def _failed(identity: FileIdentity, th: str, en: str, started: float) -> FileOutcome:
    return FileOutcome(
        identity.feed.name,
        identity.path.name,
        identity.delivered_path,
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

"""The raw layer's tables and the one-transaction load of a file into them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import duckdb

from ingest.landing.transform import (
    LINEAGE_COLUMNS,
    TYPED,
    ColumnSource,
    TransformCounts,
    build_typed_rows,
    filename_values,
    map_columns,
    output_columns,
    problem_rows_sql,
    stage_file,
)
from ingest.readers import FileProblem, Reject, read_incoming
from ingest.registry import FeedSpec
from thai import AreaMatcher

BOOKKEEPING_DDL = """
create schema if not exists raw;
create table if not exists raw.ingest_files (
    source varchar not null, file_name varchar not null, file_sha256 varchar not null,
    delivered_path varchar, encoding varchar, rows_loaded bigint, rows_quarantined bigint,
    rows_skipped bigint, status varchar, loaded_at timestamp
);
create table if not exists raw.ingest_file_versions (
    source varchar not null, file_name varchar not null, file_sha256 varchar not null,
    delivered_path varchar, loaded_at timestamp
);
create table if not exists raw.ingest_quarantine (
    source varchar, file_name varchar, file_sha256 varchar, row_number bigint,
    column_name varchar, raw_value varchar, reason_th varchar, reason_en varchar,
    record varchar, loaded_at timestamp
);
create table if not exists raw.ingest_area_matches (
    source varchar, file_name varchar, area_text varchar, amphoe_text varchar,
    tambon_code varchar, method varchar, confidence double, best_candidate varchar,
    row_count bigint
);
create table if not exists raw.ingest_runs (
    run_id varchar primary key, started_at timestamp, finished_at timestamp,
    files_seen bigint, files_loaded bigint, files_failed bigint, rows_loaded bigint,
    rows_quarantined bigint
);
create table if not exists raw.ingest_run_files (
    run_id varchar, source varchar, file_name varchar, delivered_path varchar, status varchar,
    rows_loaded bigint, rows_quarantined bigint, rows_skipped bigint, message_th varchar,
    message_en varchar, seconds double
);
create table if not exists raw.ingest_feeds (
    feed_name varchar primary key, title_th varchar, title_en varchar, owner varchar,
    grain varchar, cadence_days integer, file_pattern varchar
);
"""


def ensure_bookkeeping(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(BOOKKEEPING_DDL)


def ensure_feed_table(con: duckdb.DuckDBPyConnection, feed: FeedSpec) -> None:
    """Create the feed's raw table; refuse to load into one whose columns no longer match."""
    wanted = [*output_columns(feed), *LINEAGE_COLUMNS]
    existing = con.execute(
        "select column_name, data_type from information_schema.columns "
        "where table_schema = 'raw' and table_name = ? order by ordinal_position",
        [feed.raw_table],
    ).fetchall()
    if not existing:
        columns = ", ".join(f"{name} {sql_type}" for name, sql_type in wanted)
        con.execute(f"create table raw.{feed.raw_table} ({columns})")
        return
    if [(n, t.upper()) for n, t in existing] != [(n, t.upper()) for n, t in wanted]:
        raise FileProblem(
            f"โครงสร้างตาราง raw.{feed.raw_table} ไม่ตรงกับทะเบียนข้อมูลที่แก้ไข "
            f"ให้รัน 'saraburi ingest --rebuild {feed.name}'",
            f"raw.{feed.raw_table} no longer matches its registry entry; "
            f"run 'saraburi ingest --rebuild {feed.name}' to reload it",
        )


def record_feeds(con: duckdb.DuckDBPyConnection, feeds: list[FeedSpec]) -> None:
    con.execute("delete from raw.ingest_feeds")
    con.executemany(
        "insert into raw.ingest_feeds values (?, ?, ?, ?, ?, ?, ?)",
        [
            [f.name, f.title_th, f.title_en, f.owner, f.grain, f.cadence_days, f.file_pattern]
            for f in feeds
        ],
    )


@dataclass(frozen=True)
class FileIdentity:
    feed: FeedSpec
    path: Path
    delivered_path: str
    sha256: str
    replaces_previous: bool = False  # an earlier version of this file name is in the raw layer


@dataclass(frozen=True)
class StagedFile:
    """A file read into the current batch, waiting to be typed and stored."""

    identity: FileIdentity
    file_id: int
    encoding: str
    rejects: tuple[Reject, ...]
    name_values: dict[str, object]


def stage(con: duckdb.DuckDBPyConnection, identity: FileIdentity, file_id: int) -> StagedFile:
    """Read one file into the batch; :class:`FileProblem` if it cannot be loaded at all."""
    name_values = filename_values(identity.feed, identity.path.name)
    incoming = read_incoming(con, identity.path, identity.feed)
    stage_file(con, file_id, map_columns(identity.feed, incoming))
    return StagedFile(identity, file_id, incoming.encoding, incoming.rejects, name_values)


def canonical_sources(feed: FeedSpec) -> list[ColumnSource]:
    return [ColumnSource(name, spec, None) for name, spec in feed.columns.items()]


def type_batch(
    con: duckdb.DuckDBPyConnection, feed: FeedSpec, matcher: AreaMatcher
) -> dict[int, tuple[int, int, int, int, int]]:
    """Type the staged batch; per file id: records, blank, skipped, section rows, quarantined."""
    sources = canonical_sources(feed)
    build_typed_rows(con, feed, sources, matcher if feed.area else None)
    con.execute(
        f"create or replace temp table problems as {problem_rows_sql(feed, sources)} "
        "order by _file_id, _row_number"
    )
    rows = con.execute(
        f"""
        select t._file_id, count(*), count(*) filter (is_blank),
               count(*) filter (is_skipped and not is_blank),
               count(*) filter (is_section and not is_blank and not is_skipped),
               (select count(distinct p._row_number) from problems p
                where p._file_id = t._file_id)
        from {TYPED} t group by t._file_id
        """
    ).fetchall()
    return {int(r[0]): (int(r[1]), int(r[2]), int(r[3]), int(r[4]), int(r[5])) for r in rows}


def store_file(
    con: duckdb.DuckDBPyConnection,
    staged: StagedFile,
    counts: tuple[int, int, int, int, int],
    loaded_at: dt.datetime,
) -> TransformCounts:
    """Store one typed file in one transaction, replacing an earlier version of its name.

    On any error the transaction is rolled back, so the raw layer holds either the whole new file
    or exactly what it held before.
    """
    con.execute("begin transaction")
    try:
        result = _store(con, staged, counts, loaded_at)
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
    return result


def _store(
    con: duckdb.DuckDBPyConnection,
    staged: StagedFile,
    counts: tuple[int, int, int, int, int],
    loaded_at: dt.datetime,
) -> TransformCounts:
    identity = staged.identity
    feed = identity.feed
    key = [feed.name, identity.path.name]
    if identity.replaces_previous:
        con.execute(f"delete from raw.{feed.raw_table} where _source = ? and _file_name = ?", key)
        for table in ("ingest_files", "ingest_quarantine", "ingest_area_matches"):
            con.execute(f"delete from raw.{table} where source = ? and file_name = ?", key)

    canonical = list(feed.columns)
    name_params = list(staged.name_values.values())
    name_selects = [f"?::{t} as {n}" for n, t in output_columns(feed) if n in staged.name_values]
    extra = [s.into for s in feed.sections]
    if feed.area is not None:
        extra += ["tambon_code", "amphoe_code", "area_match_method", "area_match_confidence"]
    select_list = ", ".join(canonical + name_selects + extra)
    inserted = con.execute(
        f"""
        insert into raw.{feed.raw_table}
        select {select_list}, ?, ?, ?, ?::timestamp, _row_number
        from {TYPED} t
        where _file_id = ? and not is_blank and not is_skipped and not is_section
          and not exists (
              select 1 from problems p
              where p._file_id = t._file_id and p._row_number = t._row_number
          )
        order by _row_number
        """,
        [*name_params, feed.name, identity.path.name, identity.sha256, loaded_at, staged.file_id],
    ).fetchone()
    loaded = int(inserted[0]) if inserted else 0
    header_names = [spec.headers[0] for spec in feed.columns.values()]
    # header texts are bound parameters, never spliced into the SQL
    raw_record = ", ".join(f"?, {name}__raw" for name in feed.columns)
    con.execute(
        f"""
        insert into raw.ingest_quarantine
        select ?, ?, ?, p._row_number, p.column_name, left(p.raw_value, 500), p.reason_th,
               p.reason_en, json_object({raw_record})::varchar, ?::timestamp
        from problems p join {TYPED} t using (_file_id, _row_number)
        where p._file_id = ?
        """,
        [feed.name, identity.path.name, identity.sha256, *header_names, loaded_at, staged.file_id],
    )
    if staged.rejects:
        con.executemany(
            "insert into raw.ingest_quarantine values (?, ?, ?, ?, 'record', ?, ?, ?, null, ?)",
            [
                [
                    feed.name,
                    identity.path.name,
                    identity.sha256,
                    r.row_number,
                    r.text,
                    r.reason_th,
                    r.reason_en,
                    loaded_at,
                ]
                for r in staged.rejects
            ],
        )
    if feed.area is not None:
        amphoe = feed.area.amphoe or "null"
        con.execute(
            f"""
            insert into raw.ingest_area_matches
            select ?, ?, {feed.area.tambon}, {amphoe}, tambon_code, area_match_method,
                   area_match_confidence, area_best_candidate, count(*)
            from {TYPED}
            where _file_id = ? and not is_blank and not is_skipped and not is_section
            group by all
            """,
            [*key, staged.file_id],
        )
    records, blank, skipped, sections, problem_rows = counts
    quarantined = len(staged.rejects) + problem_rows
    con.execute(
        "insert into raw.ingest_file_versions values (?, ?, ?, ?, ?)",
        [feed.name, identity.path.name, identity.sha256, identity.delivered_path, loaded_at],
    )
    con.execute(
        "insert into raw.ingest_files values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            feed.name,
            identity.path.name,
            identity.sha256,
            identity.delivered_path,
            staged.encoding,
            loaded,
            quarantined,
            blank + skipped + sections,
            "loaded",
            loaded_at,
        ],
    )
    return TransformCounts(records, blank, skipped, sections, quarantined, loaded)

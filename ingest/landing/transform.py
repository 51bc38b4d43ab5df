"""Type the cells of a batch of one feed's files, and find each row's problems.

Files of one feed are staged into ``batch_cells`` (one text column per canonical column, plus
``_file_id`` and ``_row_number``) and typed together in a few statements, so the fixed cost of a
statement is paid per batch, not per file; :mod:`ingest.landing.store` then stores each file in
its own transaction. Identifiers in the SQL come from the validated registry
(``[a-z][a-z0-9_]*``); values from files are only ever bound parameters or joined from tables,
never pasted into SQL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import duckdb
import pyarrow as pa

from ingest.landing.values import SQL_TYPES, fast_sql, type_values
from ingest.readers import FileProblem, IncomingTable
from ingest.readers.header import header_key
from ingest.readers.tables import INCOMING
from ingest.registry import ColumnSpec, FeedSpec
from thai import (
    AreaMatcher,
    clean_text,
    parse_be_year_month,
    parse_code,
    parse_integer,
)

TYPED = "typed_rows"


@dataclass(frozen=True)
class ColumnSource:
    name: str
    spec: ColumnSpec
    index: int | None  # position in the file's header, None when the file lacks the column


@dataclass(frozen=True)
class TransformCounts:
    records: int
    blank: int
    skipped: int
    sections: int
    quarantined: int
    loaded: int


def literal(text: str) -> str:
    """A SQL string literal for registry text (never for file data)."""
    return "'" + text.replace("'", "''") + "'"


def map_columns(feed: FeedSpec, incoming: IncomingTable) -> list[ColumnSource]:
    """Find each canonical column in the header; a missing required column fails the file."""
    positions: dict[str, int] = {}
    for position, header in enumerate(incoming.header):
        positions.setdefault(header_key(header), position)
    sources: list[ColumnSource] = []
    missing: list[str] = []
    for name, spec in feed.columns.items():
        index = next((positions[k] for k in map(header_key, spec.headers) if k in positions), None)
        if index is None and spec.required:
            missing.append(f"{spec.headers[0]} ({name})")
        sources.append(ColumnSource(name, spec, index))
    if missing:
        found = ", ".join(n for n in incoming.header if n) or "-"
        raise FileProblem(
            f"ไม่พบคอลัมน์ที่จำเป็น: {', '.join(missing)} (หัวตารางแถว {incoming.header_row} มี: {found})",
            f"required column(s) missing: {', '.join(missing)} "
            f"(header row {incoming.header_row} has: {found})",
        )
    return sources


def filename_values(feed: FeedSpec, file_name: str) -> dict[str, Any]:
    """Values the registry takes from the file name; a name that does not fit fails the file."""
    values: dict[str, Any] = {}
    for name, field in feed.filename_fields.items():
        match = re.search(field.pattern, file_name)
        try:
            if match is None:
                raise ValueError("pattern does not match")
            text = match.group(1)
            if field.type == "be_year_month":
                values[name] = parse_be_year_month(text)
            elif field.type == "integer":
                values[name] = parse_integer(text)
            elif field.type == "code":
                values[name] = parse_code(text)
            else:
                values[name] = text
        except ValueError as error:
            raise FileProblem(
                f"ชื่อไฟล์ไม่ตรงรูปแบบ ไม่สามารถอ่านค่า {name} ได้",
                f"cannot read {name} from the file name (expected pattern {field.pattern})",
            ) from error
    return values


BATCH = "batch_cells"


def cell(name: str) -> str:
    return f"{name}__cell"


def start_batch(con: duckdb.DuckDBPyConnection, feed: FeedSpec) -> None:
    """An empty staging table for the feed's files in this batch."""
    cells = ", ".join(f"{cell(name)} varchar" for name in feed.columns)
    con.execute(
        f"create or replace temp table {BATCH} (_file_id integer, _row_number bigint, {cells})"
    )


def stage_file(con: duckdb.DuckDBPyConnection, file_id: int, sources: list[ColumnSource]) -> None:
    """Append the file just read (``incoming``) to the batch, columns in canonical order."""
    cells = ", ".join(f"c{s.index}" if s.index is not None else "null::varchar" for s in sources)
    con.execute(f"insert into {BATCH} select ?, _row_number, {cells} from {INCOMING}", [file_id])


def build_typed_rows(
    con: duckdb.DuckDBPyConnection,
    feed: FeedSpec,
    sources: list[ColumnSource],
    matcher: AreaMatcher | None,
) -> None:
    """Create temp table ``typed_rows``: typed values, per-column problems, skip/section flags.

    One statement over the batch: each column joins the lookup of its distinct irregular texts
    (typed in Python); regular texts are typed in SQL; the area lookup joins last.
    """
    selects = ["i._file_id", "i._row_number"]
    joins: list[str] = []
    lookups: list[str] = []
    irregular = _irregular_texts(con, sources)
    for source in sources:
        selects.extend(_typed_column(con, source, irregular.get(source.name, []), joins, lookups))
    if feed.area is not None and matcher is not None:
        selects.extend(_area_columns(con, feed, sources, matcher, joins, lookups))
    names = [s.name for s in sources]
    all_null = " and ".join(f"{n} is null and {n}__reason_en is null" for n in names)
    skip = " or ".join(
        f"regexp_matches(coalesce({r.column}, ''), {literal(r.pattern)})" for r in feed.skip_rows
    )
    headings = []
    section_cols = []
    for section in feed.sections:
        is_heading = f"regexp_matches(coalesce({section.column}, ''), {literal(section.pattern)})"
        headings.append(is_heading)
        section_cols.append(
            f", last_value(case when {is_heading} then {section.column} end ignore nulls) "
            f"over (partition by _file_id order by _row_number "
            f"rows between unbounded preceding and current row) "
            f"as {section.into}"
        )
    try:
        con.execute(
            f"""
            create or replace temp table {TYPED} as
            with base as (select {", ".join(selects)} from {BATCH} i {" ".join(joins)})
            select *, ({all_null}) as is_blank, ({skip or "false"}) as is_skipped,
                   ({" or ".join(headings) or "false"}) as is_section {"".join(section_cols)}
            from base
            order by _file_id, _row_number
            """
        )
    finally:
        for lookup in lookups:
            con.unregister(lookup)


def _missing_sql(spec: ColumnSpec, cell: str) -> str:
    missing = ", ".join(literal(m) for m in spec.missing)
    return f"trim({cell}) in ({missing})" if missing else "false"


def _irregular_texts(
    con: duckdb.DuckDBPyConnection, sources: list[ColumnSource]
) -> dict[str, list[str]]:
    """Per column, the distinct texts that SQL cannot type by itself (one scan for all)."""
    parts = []
    for number, source in enumerate(sources):
        text = cell(source.name)
        condition, _ = fast_sql(source.spec.type, text)
        parts.append(
            f"select distinct {number} as source_number, {text} as raw from {BATCH} "
            f"where {text} is not null and (not ({condition}) or {_missing_sql(source.spec, text)})"
        )
    if not parts:
        return {}
    found: dict[str, list[str]] = {}
    for number, raw in con.execute(" union all ".join(parts)).fetchall():
        found.setdefault(sources[number].name, []).append(raw)
    return found


def _typed_column(
    con: duckdb.DuckDBPyConnection,
    source: ColumnSource,
    irregular: list[str],
    joins: list[str],
    lookups: list[str],
) -> list[str]:
    name, spec = source.name, source.spec
    sql_type = SQL_TYPES[spec.type]
    text = f"i.{cell(name)}"
    fast_condition, fast_value = fast_sql(spec.type, text)
    if not irregular:
        return [
            f"{fast_value}::{sql_type} as {name}",
            f"{text} as {name}__raw",
            f"null::varchar as {name}__reason_th",
            f"null::varchar as {name}__reason_en",
        ]
    lookup = f"lookup_{name}"
    con.register(lookup, type_values(irregular, spec.type, spec.missing))
    lookups.append(lookup)
    joins.append(f"left join {lookup} on {lookup}.raw = {text}")
    # Every irregular text is in the lookup, so a cell not found there is regular (or null).
    return [
        f"case when {lookup}.raw is not null then {lookup}.value::{sql_type} "
        f"when {fast_condition} then {fast_value}::{sql_type} end as {name}",
        f"{text} as {name}__raw",
        f"{lookup}.reason_th as {name}__reason_th",
        f"{lookup}.reason_en as {name}__reason_en",
    ]


def _area_columns(
    con: duckdb.DuckDBPyConnection,
    feed: FeedSpec,
    sources: list[ColumnSource],
    matcher: AreaMatcher,
    joins: list[str],
    lookups: list[str],
) -> list[str]:
    """Match each distinct (tambon text, amphoe text) pair of the file once."""
    assert feed.area is not None
    tambon_cell = cell(feed.area.tambon)
    amphoe_cell = cell(feed.area.amphoe) if feed.area.amphoe else "null::varchar"
    pairs = con.execute(f"select distinct {tambon_cell}, {amphoe_cell} from {BATCH}").fetchall()
    results = [(t, a, matcher.match(clean_text(t), clean_text(a))) for t, a in pairs]
    con.register(
        "area_lookup",
        pa.table(
            {
                "tambon_raw": pa.array([t for t, _, _ in results], pa.string()),
                "amphoe_raw": pa.array([a for _, a, _ in results], pa.string()),
                "tambon_code": pa.array([m.tambon_code for _, _, m in results], pa.string()),
                "amphoe_code": pa.array([m.amphoe_code for _, _, m in results], pa.string()),
                "method": pa.array([m.method for _, _, m in results], pa.string()),
                "confidence": pa.array([m.confidence for _, _, m in results], pa.float64()),
                "best_candidate": pa.array(
                    [m.candidates[0] if m.candidates else None for _, _, m in results],
                    pa.string(),
                ),
            }
        ),
    )
    lookups.append("area_lookup")
    no_text = "chr(0)"  # nulls must join too; chr(0) never occurs in a cell
    tambon_join = f"i.{tambon_cell}"
    amphoe_join = f"i.{amphoe_cell}" if feed.area.amphoe else "null"
    joins.append(
        f"left join area_lookup a on coalesce(a.tambon_raw, {no_text}) = "
        f"coalesce({tambon_join}, {no_text}) and coalesce(a.amphoe_raw, {no_text}) = "
        f"coalesce({amphoe_join}, {no_text})"
    )
    return [
        "a.tambon_code",
        "a.amphoe_code",
        "a.method as area_match_method",
        "a.confidence as area_match_confidence",
        "a.best_candidate as area_best_candidate",
    ]


def problem_rows_sql(feed: FeedSpec, sources: list[ColumnSource]) -> str:
    """SQL listing every problem of every data row: row, column, raw value, reasons."""
    data_rows = "not is_blank and not is_skipped and not is_section"
    parts = []
    for source in sources:
        name = source.name
        parts.append(
            f"select _file_id, _row_number, '{name}' as column_name, {name}__raw as raw_value, "
            f"{name}__reason_th as reason_th, {name}__reason_en as reason_en "
            f"from {TYPED} where {data_rows} and {name}__reason_en is not null"
        )
        if source.spec.required:
            header = source.spec.headers[0]
            parts.append(
                f"select _file_id, _row_number, '{name}', {name}__raw, "
                f"{literal(f'ไม่มีค่าในคอลัมน์ที่ต้องมี ({header})')}, "
                f"{literal(f'required value is missing ({header})')} "
                f"from {TYPED} where {data_rows} and {name} is null and {name}__reason_en is null"
            )
    if feed.area is not None and feed.area.required:
        tambon = feed.area.tambon
        parts.append(
            f"select _file_id, _row_number, '{tambon}', {tambon}, "
            f"case when area_match_method = 'ambiguous' "
            f"then 'ชื่อพื้นที่กำกวม ตรงกับหลายตำบล' else 'ไม่พบชื่อตำบลนี้ในจังหวัด' end, "
            f"case when area_match_method = 'ambiguous' "
            f"then 'area name is ambiguous (matches several tambon)' "
            f"else 'area name not found in the province' end "
            f"from {TYPED} where {data_rows} and {tambon} is not null and tambon_code is null"
        )
    return " union all ".join(parts)


def output_columns(feed: FeedSpec) -> list[tuple[str, str]]:
    """The raw table's columns before lineage, with their SQL types (docs/raw-layer.md)."""
    columns = [(name, SQL_TYPES[spec.type]) for name, spec in feed.columns.items()]
    filename_types = {"text": "VARCHAR", "code": "VARCHAR", "integer": "BIGINT"}
    for name, field in feed.filename_fields.items():
        columns.append((name, filename_types.get(field.type, "DATE")))
    columns.extend((section.into, "VARCHAR") for section in feed.sections)
    if feed.area is not None:
        columns.extend(
            [
                ("tambon_code", "VARCHAR"),
                ("amphoe_code", "VARCHAR"),
                ("area_match_method", "VARCHAR"),
                ("area_match_confidence", "DOUBLE"),
            ]
        )
    return columns


LINEAGE_COLUMNS = [
    ("_source", "VARCHAR"),
    ("_file_name", "VARCHAR"),
    ("_file_sha256", "VARCHAR"),
    ("_loaded_at", "TIMESTAMP"),
    ("_row_number", "BIGINT"),
]

__all__ = [
    "BATCH",
    "LINEAGE_COLUMNS",
    "TYPED",
    "ColumnSource",
    "TransformCounts",
    "build_typed_rows",
    "cell",
    "filename_values",
    "literal",
    "map_columns",
    "output_columns",
    "problem_rows_sql",
    "stage_file",
    "start_batch",
]

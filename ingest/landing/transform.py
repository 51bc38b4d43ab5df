"""Turn the ``incoming`` text table into the typed rows of a feed, plus its quarantine.

Everything here runs inside the caller's transaction on one DuckDB connection. Identifiers in
the SQL come from the validated registry (``[a-z][a-z0-9_]*``); values from files are only ever
bound parameters or joined from tables, never pasted into SQL.
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
from ingest.registry import ColumnSpec, ColumnType, FeedSpec
from ingest.thai import AreaMatcher, parse_be_year_month, parse_code, parse_integer

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
        index = next(
            (positions[k] for k in map(header_key, spec.headers) if k in positions), None
        )
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


def build_typed_rows(
    con: duckdb.DuckDBPyConnection,
    feed: FeedSpec,
    sources: list[ColumnSource],
    matcher: AreaMatcher | None,
) -> None:
    """Create temp table ``typed_rows``: typed values, per-column problems, skip/section flags."""
    selects = ["i._row_number"]
    joins: list[str] = []
    for source in sources:
        selects.extend(_typed_column(con, source, joins))
    con.execute(
        f"create or replace temp table typed_base as select {', '.join(selects)} "
        f"from {INCOMING} i {' '.join(joins)}"
    )
    _drop_lookups(con, sources)
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
            f"over (order by _row_number rows between unbounded preceding and current row) "
            f"as {section.into}"
        )
    con.execute(
        f"""
        create or replace temp table {TYPED} as
        select *, ({all_null}) as is_blank, ({skip or "false"}) as is_skipped,
               ({" or ".join(headings) or "false"}) as is_section {"".join(section_cols)}
        from typed_base
        """
    )
    if feed.area is not None and matcher is not None:
        _resolve_areas(con, feed, matcher)


def _typed_column(
    con: duckdb.DuckDBPyConnection, source: ColumnSource, joins: list[str]
) -> list[str]:
    name, spec = source.name, source.spec
    sql_type = SQL_TYPES[spec.type]
    if source.index is None:
        return [
            f"null::{sql_type} as {name}",
            f"null::varchar as {name}__raw",
            f"null::varchar as {name}__reason_th",
            f"null::varchar as {name}__reason_en",
        ]
    cell = f"i.c{source.index}"
    missing = ", ".join(literal(m) for m in spec.missing)
    is_missing = f"trim({cell}) in ({missing})" if missing else "false"
    fast_condition, fast_value = fast_sql(spec.type, cell)
    bare_condition, _ = fast_sql(spec.type, f"c{source.index}")
    slow = con.execute(
        f"select distinct c{source.index} from {INCOMING} "
        f"where c{source.index} is not null and not ({bare_condition})"
    ).fetchall()
    lookup = f"lookup_{name}"
    con.register(lookup, type_values((row[0] for row in slow), spec.type, spec.missing))
    joins.append(f"left join {lookup} on {lookup}.raw = {cell}")
    return [
        f"case when {is_missing} then null when {fast_condition} then {fast_value}::{sql_type} "
        f"else {lookup}.value::{sql_type} end as {name}",
        f"{cell} as {name}__raw",
        f"case when {is_missing} or {fast_condition} then null else {lookup}.reason_th end "
        f"as {name}__reason_th",
        f"case when {is_missing} or {fast_condition} then null else {lookup}.reason_en end "
        f"as {name}__reason_en",
    ]


def _drop_lookups(con: duckdb.DuckDBPyConnection, sources: list[ColumnSource]) -> None:
    for source in sources:
        if source.index is not None:
            con.unregister(f"lookup_{source.name}")


def _resolve_areas(con: duckdb.DuckDBPyConnection, feed: FeedSpec, matcher: AreaMatcher) -> None:
    assert feed.area is not None
    tambon, amphoe = feed.area.tambon, feed.area.amphoe
    amphoe_sql = amphoe or "null::varchar"
    pairs = con.execute(
        f"select distinct {tambon}, {amphoe_sql} from {TYPED} "
        "where not is_blank and not is_skipped and not is_section"
    ).fetchall()
    results = [(t, a, matcher.match(t, a)) for t, a in pairs]
    table = pa.table(
        {
            "tambon_text": pa.array([t for t, _, _ in results], pa.string()),
            "amphoe_text": pa.array([a for _, a, _ in results], pa.string()),
            "tambon_code": pa.array([m.tambon_code for _, _, m in results], pa.string()),
            "amphoe_code": pa.array([m.amphoe_code for _, _, m in results], pa.string()),
            "area_match_method": pa.array([m.method for _, _, m in results], pa.string()),
            "area_match_confidence": pa.array([m.confidence for _, _, m in results], pa.float64()),
            "best_candidate": pa.array(
                [m.candidates[0] if m.candidates else None for _, _, m in results], pa.string()
            ),
        }
    )
    con.register("area_lookup", table)
    con.execute(
        f"""
        create or replace temp table {TYPED} as
        select t.*, a.tambon_code, a.amphoe_code, a.area_match_method, a.area_match_confidence,
               a.best_candidate as area_best_candidate
        from {TYPED} t
        left join area_lookup a
          on a.tambon_text is not distinct from t.{tambon}
         and a.amphoe_text is not distinct from {("t." + amphoe) if amphoe else "null"}
        """
    )
    con.unregister("area_lookup")


def problem_rows_sql(feed: FeedSpec, sources: list[ColumnSource]) -> str:
    """SQL listing every problem of every data row: row, column, raw value, reasons."""
    data_rows = "not is_blank and not is_skipped and not is_section"
    parts = []
    for source in sources:
        name = source.name
        parts.append(
            f"select _row_number, '{name}' as column_name, {name}__raw as raw_value, "
            f"{name}__reason_th as reason_th, {name}__reason_en as reason_en "
            f"from {TYPED} where {data_rows} and {name}__reason_en is not null"
        )
        if source.spec.required:
            parts.append(
                f"select _row_number, '{name}', {name}__raw, "
                f"'ไม่มีค่าในคอลัมน์ที่ต้องมี ({source.spec.headers[0]})', "
                f"'required value is missing ({source.spec.headers[0]})' "
                f"from {TYPED} where {data_rows} and {name} is null and {name}__reason_en is null"
            )
    if feed.area is not None and feed.area.required:
        tambon = feed.area.tambon
        parts.append(
            f"select _row_number, '{tambon}', {tambon}, "
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
    "LINEAGE_COLUMNS",
    "TYPED",
    "ColumnSource",
    "ColumnType",
    "TransformCounts",
    "build_typed_rows",
    "filename_values",
    "literal",
    "map_columns",
    "output_columns",
    "problem_rows_sql",
]

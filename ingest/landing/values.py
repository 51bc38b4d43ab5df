"""Typing of distinct cell texts by column type, via the Thai normalisation rules.

Only distinct values are sent to Python, and the common well-formed shapes never leave DuckDB
(see ``FAST_PATHS``), so a multi-million-row file costs a few thousand Python calls.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

import pyarrow as pa

from ingest.registry import ColumnType
from thai import (
    NormalisationError,
    clean_text,
    parse_code,
    parse_date,
    parse_datetime,
    parse_integer,
    parse_number,
)

SQL_TYPES: dict[ColumnType, str] = {
    ColumnType.TEXT: "VARCHAR",
    ColumnType.CODE: "VARCHAR",
    ColumnType.INTEGER: "BIGINT",
    ColumnType.DECIMAL: "DOUBLE",
    ColumnType.DATE: "DATE",
    ColumnType.DATETIME: "TIMESTAMP",
}

ARROW_TYPES: dict[ColumnType, pa.DataType] = {
    ColumnType.TEXT: pa.string(),
    ColumnType.CODE: pa.string(),
    ColumnType.INTEGER: pa.int64(),
    ColumnType.DECIMAL: pa.float64(),
    ColumnType.DATE: pa.date32(),
    ColumnType.DATETIME: pa.timestamp("us"),
}

_PLAIN_NUMBER = r"-?[0-9]+(\.[0-9]+)?"
_GROUPED_NUMBER = r"-?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?"
_WORD = r"[^\s\x{200b}\x{200c}\x{200d}\x{2060}\x{feff}]+"
_CLEAN_TEXT = _WORD + "( " + _WORD + ")*"

# SQL that types the well-formed cells directly: (condition on {c}, value expression of {c});
# "{c}" is replaced by the cell's column (plain text replacement, not str.format).
# The condition must only accept texts the Python rule would turn into the same value.
FAST_PATHS: dict[ColumnType, tuple[str, str]] = {
    ColumnType.TEXT: (
        "regexp_full_match({c}, '" + _CLEAN_TEXT + "') and nfc_normalize({c}) = {c}",
        "{c}",
    ),
    ColumnType.CODE: ("regexp_full_match({c}, '[0-9]+')", "{c}"),
    ColumnType.INTEGER: ("regexp_full_match({c}, '-?[0-9]{1,18}')", "cast({c} as bigint)"),
    ColumnType.DECIMAL: (
        "regexp_full_match({c}, '" + _PLAIN_NUMBER + "|" + _GROUPED_NUMBER + "')",
        "cast(replace({c}, ',', '') as double)",
    ),
}

Parsed = str | int | float | dt.date | dt.datetime | None
_PARSERS: dict[ColumnType, Callable[[str], Parsed]] = {
    ColumnType.TEXT: clean_text,
    ColumnType.CODE: parse_code,
    ColumnType.INTEGER: parse_integer,
    ColumnType.DECIMAL: parse_number,
    ColumnType.DATE: parse_date,
    ColumnType.DATETIME: parse_datetime,
}


def type_values(values: Iterable[str], column_type: ColumnType, missing: Iterable[str]) -> pa.Table:
    """A lookup table: raw text → typed value, or the Thai and English reason it is not valid."""
    missing_keys = {clean_text(m) for m in missing}
    parser = _PARSERS[column_type]
    raws: list[str] = []
    typed: list[Parsed] = []
    reasons_th: list[str | None] = []
    reasons_en: list[str | None] = []
    for raw in values:
        raws.append(raw)
        if missing_keys and clean_text(raw) in missing_keys:
            typed.append(None)
            reasons_th.append(None)
            reasons_en.append(None)
            continue
        try:
            typed.append(parser(raw))
            reasons_th.append(None)
            reasons_en.append(None)
        except NormalisationError as error:
            typed.append(None)
            reasons_th.append(error.reason_th)
            reasons_en.append(error.reason_en)
    return pa.table(
        {
            "raw": pa.array(raws, pa.string()),
            "value": pa.array(typed, ARROW_TYPES[column_type]),
            "reason_th": pa.array(reasons_th, pa.string()),
            "reason_en": pa.array(reasons_en, pa.string()),
        }
    )


def fast_sql(column_type: ColumnType, cell: str) -> tuple[str, str]:
    """The fast-path (condition, value) SQL for ``cell``, or a condition that never holds."""
    condition, value = FAST_PATHS.get(column_type, ("false", "null"))
    return condition.replace("{c}", cell), value.replace("{c}", cell)

"""Reference tables: official areas (geothai), the LAO list and boundary polygons."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb
import geothai
import pyarrow as pa

from thai import AreaMatcher

PROVINCE_CODE = "19"

LAO_COLUMNS = (
    "lao_key",
    "lao_name_th",
    "lao_name_en",
    "lao_type",
    "amphoe_code",
    "amphoe_name_th",
    "tambon_coverage",
)


@dataclass(frozen=True)
class ReferenceReport:
    areas: int
    laos: int
    boundaries: int
    warnings: tuple[str, ...]


def load_references(
    con: duckdb.DuckDBPyConnection,
    matcher: AreaMatcher,
    lao_csv: Path,
    tambon_geojson: Path,
    amphoe_geojson: Path,
) -> ReferenceReport:
    """Replace the reference tables in one transaction; missing files leave them empty."""
    warnings: list[str] = []
    con.execute("create schema if not exists raw")
    con.execute("begin transaction")
    try:
        areas = _load_areas(con, matcher)
        laos = _load_laos(con, lao_csv, warnings)
        boundaries = _load_boundaries(con, tambon_geojson, amphoe_geojson, warnings)
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
    return ReferenceReport(areas, laos, boundaries, tuple(warnings))


def _load_areas(con: duckdb.DuckDBPyConnection, matcher: AreaMatcher) -> int:
    province = geothai.province(PROVINCE_CODE)
    if province is None:
        raise LookupError(f"geothai has no province {PROVINCE_CODE}")
    rows: list[tuple[str, str, str | None, str, str]] = [
        (province.code, "province", None, province.name_th, province.name_en)
    ]
    rows += [(code, "amphoe", province.code, th, en) for code, (th, en) in matcher.amphoes.items()]
    rows += [(code, "tambon", amphoe, th, en) for code, (th, en, amphoe) in matcher.tambons.items()]
    table = pa.table(
        {
            name: pa.array([row[i] for row in rows], pa.string())
            for i, name in enumerate(
                ("area_code", "area_level", "parent_code", "name_th", "name_en")
            )
        }
    )
    con.register("ref_areas_arrow", table)
    con.execute("create or replace table raw.ref_areas as select * from ref_areas_arrow")
    con.unregister("ref_areas_arrow")
    return len(rows)


def _load_laos(con: duckdb.DuckDBPyConnection, path: Path, warnings: list[str]) -> int:
    columns = ", ".join(f"{name} varchar" for name in LAO_COLUMNS)
    con.execute(f"create or replace table raw.ref_lao ({columns})")
    if not path.is_file():
        warnings.append(
            f"ไม่พบรายชื่อ อปท. ที่ {path} / LAO reference list not found at {path}: dim_lao is empty"
        )
        return 0
    found = [
        row[0]
        for row in con.execute(
            "select column_name from (describe select * from read_csv(?, all_varchar = true))",
            [str(path)],
        ).fetchall()
    ]
    if list(found) != list(LAO_COLUMNS):
        warnings.append(
            f"{path.name}: คอลัมน์ไม่ตรงตามที่กำหนด / unexpected columns {found}; "
            f"expected {list(LAO_COLUMNS)}"
        )
        return 0
    con.execute(
        "insert into raw.ref_lao select * from read_csv(?, all_varchar = true, header = true)",
        [str(path)],
    )
    row = con.execute("select count(*) from raw.ref_lao").fetchone()
    return int(row[0]) if row else 0


def _load_boundaries(
    con: duckdb.DuckDBPyConnection, tambon: Path, amphoe: Path, warnings: list[str]
) -> int:
    con.execute(
        "create or replace table raw.ref_boundaries (area_code varchar, area_level varchar, "
        "name_th varchar, name_en varchar, geometry_wkb blob, geometry_geojson varchar)"
    )
    missing = [p for p in (tambon, amphoe) if not p.is_file()]
    if missing:
        warnings.append(
            "ไม่พบไฟล์ขอบเขตพื้นที่ แผนที่จะใช้ไม่ได้ / boundary files not found "
            f"({', '.join(str(p) for p in missing)}): maps are unavailable"
        )
        return 0
    load_spatial(con)
    for path, level, code in ((tambon, "tambon", "ADM3_PCODE"), (amphoe, "amphoe", "ADM2_PCODE")):
        name_th, name_en = code.replace("PCODE", "TH"), code.replace("PCODE", "EN")
        con.execute(
            f"""
            insert into raw.ref_boundaries
            select substr({code}, 3), ?, {name_th}, {name_en}, st_aswkb(geom), st_asgeojson(geom)
            from st_read(?)
            where {code} like 'TH19%'
            """,
            [level, str(path)],
        )
    row = con.execute("select count(*) from raw.ref_boundaries").fetchone()
    return int(row[0]) if row else 0


def load_spatial(con: duckdb.DuckDBPyConnection) -> None:
    """Load DuckDB spatial from its PyPI package (never from the network)."""
    import duckdb_extensions

    duckdb_extensions.import_extension("spatial", con=con)
    con.execute("load spatial")

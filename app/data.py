"""The app's only door to the warehouse: every SQL statement, parameterised, cached per build.

- The published build is the file ``warehouse/current.json`` names; it is opened read-only, one
  connection per build path (``st.cache_resource``), so a newly published build (a new file) is
  picked up on the next rerun without a restart, and the pipeline is never blocked.
- Every loader takes the build path as its first argument, so ``st.cache_data`` entries of an
  old build are never served for a new one.
- Aggregates are computed in SQL; a loader never returns more than ``MAX_ROWS`` rows.
- Values are bound parameters (``$name``); table names come from the fixed ``EXPORTS`` map only.
- Column names of the marts live here only: a rename in dbt is a one-place change.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import streamlit as st

from complaints.location import PUBLIC_COORD_DECIMALS, SENSITIVE_CATEGORIES
from publish import current_build
from settings import load_settings

log = logging.getLogger(__name__)

MAX_ROWS = 50_000
_GUARD_VECTORS = MAX_ROWS // 2048 + 1  # fetch_df_chunk reads whole vectors of 2,048 rows
TTL = "30m"
PROVINCE_CODE = "19"
AREA_CODE = re.compile(r"[0-9]{2}(?:[0-9]{2}){0,2}")  # province, amphoe or tambon DOPA code


# ---------------------------------------------------------------------------------------------
# Build and connection
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Build:
    path: str
    version: str
    built_at: dt.datetime | None


def current_build_path() -> str | None:
    """Path of the published build, re-read on every run (a small JSON file)."""
    path = current_build(load_settings())
    return str(path) if path is not None else None


def _close(con: duckdb.DuckDBPyConnection) -> None:
    with contextlib.suppress(duckdb.Error):
        con.close()


@st.cache_resource(max_entries=4, on_release=_close, show_spinner=False)
def _connection(path: str) -> duckdb.DuckDBPyConnection:
    """One read-only connection per published build file; cursors share it across sessions."""
    return duckdb.connect(path, read_only=True)


def query(path: str, sql: str, params: dict[str, Any] | None = None) -> pd.DataFrame:
    """Run one statement on its own cursor (thread-safe) and return at most MAX_ROWS rows."""
    cursor = _connection(path).cursor()
    try:
        cursor.execute(sql, params or {})
        # Fetch at most MAX_ROWS + 1 rows (vectors of 2,048) whatever the statement returns.
        frame = cursor.fetch_df_chunk(_GUARD_VECTORS)
    finally:
        cursor.close()
    if len(frame) > MAX_ROWS + 1:
        frame = frame.head(MAX_ROWS + 1)
    return frame


@st.cache_data(ttl=TTL, max_entries=16, show_spinner=False)
def tables(path: str) -> frozenset[str]:
    """Every ``schema.table`` of the build, to tell a missing mart from an empty one."""
    frame = query(
        path,
        "select table_schema || '.' || table_name as name from information_schema.tables",
    )
    return frozenset(frame["name"])


@st.cache_data(ttl=TTL, max_entries=16, show_spinner=False)
def columns(path: str, table: str) -> tuple[str, ...]:
    schema, _, name = table.partition(".")
    frame = query(
        path,
        "select column_name from information_schema.columns "
        "where table_schema = $schema and table_name = $name order by ordinal_position",
        {"schema": schema, "name": name},
    )
    return tuple(frame["column_name"])


def has(path: str, table: str) -> bool:
    return table in tables(path)


@st.cache_data(ttl=TTL, max_entries=16, show_spinner=False)
def build_info(path: str) -> Build:
    version = Path(path).stem.removeprefix("warehouse_")
    built_at = None
    if has(path, "meta.build_info"):
        frame = query(path, "select version, built_at from meta.build_info limit 1")
        if len(frame):
            version = str(frame.iloc[0]["version"])
            built_at = pd.Timestamp(frame.iloc[0]["built_at"]).to_pydatetime()
    return Build(path, version, built_at)


# ---------------------------------------------------------------------------------------------
# Areas and boundaries
# ---------------------------------------------------------------------------------------------


@st.cache_data(ttl=TTL, max_entries=16, show_spinner=False)
def areas(path: str) -> pd.DataFrame:
    """Province, amphoe and tambon without their geometry (a few hundred rows)."""
    if not has(path, "marts.dim_area"):
        return pd.DataFrame(
            columns=[
                "area_code",
                "area_level",
                "amphoe_code",
                "parent_area_code",
                "name_th",
                "name_en",
                "has_boundary",
            ]
        )
    return query(
        path,
        """
        select area_code, area_level, amphoe_code, parent_area_code, name_th, name_en,
               coalesce(has_boundary, false) as has_boundary
        from marts.dim_area
        where area_level in ('province', 'amphoe', 'tambon')
        order by case area_level when 'province' then 0 when 'amphoe' then 1 else 2 end,
                 area_code
        """,
    ).set_index("area_code", drop=False)  # name look-ups by code are index look-ups


def _orient(geometry: dict[str, Any]) -> dict[str, Any] | None:
    """Clockwise exterior rings (d3's convention), or an area would fill the whole frame."""
    from shapely.geometry import MultiPolygon, Polygon, mapping, shape
    from shapely.geometry.polygon import orient

    try:
        shp = shape(geometry)
    except (ValueError, TypeError, AttributeError, KeyError):
        return None
    if isinstance(shp, Polygon):
        shp = orient(shp, sign=-1.0)
    elif isinstance(shp, MultiPolygon):
        shp = MultiPolygon([orient(p, sign=-1.0) for p in shp.geoms])
    else:
        return None
    if shp.is_empty:
        return None
    return dict(mapping(shp))


@st.cache_data(ttl=TTL, max_entries=64, show_spinner=False)
def boundaries(path: str, level: str, parent_code: str | None) -> list[dict[str, Any]]:
    """GeoJSON features of one level (all of it, or the children of ``parent_code``)."""
    if not has(path, "marts.dim_area"):
        return []
    frame = query(
        path,
        """
        select area_code, name_th, name_en, boundary_geojson
        from marts.dim_area
        where area_level = $level
          and boundary_geojson is not null
          and ($parent is null or parent_area_code = $parent)
        order by area_code
        """,
        {"level": level, "parent": parent_code},
    )
    features = []
    for row in frame.itertuples(index=False):
        try:
            geometry = json.loads(row.boundary_geojson)
        except (TypeError, json.JSONDecodeError):
            continue
        if geometry.get("type") == "Feature":
            geometry = geometry.get("geometry") or {}
        oriented = _orient(geometry)
        if oriented is None:
            continue
        features.append(
            {
                "type": "Feature",
                "geometry": oriented,
                "properties": {
                    "area_code": row.area_code,
                    "name_th": row.name_th,
                    "name_en": row.name_en,
                },
            }
        )
    return features


# ---------------------------------------------------------------------------------------------
# KPIs
# ---------------------------------------------------------------------------------------------

KPI_TABLES = {"monthly": "marts.fct_area_kpis_monthly", "yearly": "marts.fct_area_kpis_yearly"}


@st.cache_data(ttl=TTL, max_entries=16, show_spinner=False)
def kpis(path: str) -> pd.DataFrame:
    """dim_kpi: code, names, unit, direction, grain, source model."""
    if not has(path, "marts.dim_kpi"):
        return pd.DataFrame(
            columns=[
                "kpi_code",
                "name_th",
                "name_en",
                "unit_th",
                "unit_en",
                "higher_is_better",
                "grain",
                "source_model",
                "description",
            ]
        )
    description = (
        "description" if "description" in columns(path, "marts.dim_kpi") else "description_en"
    )
    return query(
        path,
        f"""
        select kpi_code, name_th, name_en, unit_th, unit_en, higher_is_better, grain,
               source_model, {description} as description
        from marts.dim_kpi
        order by kpi_code
        """,  # the column name is one of two fixed identifiers, never input
    )


def _kpi_sql(grain: str) -> tuple[str, str]:
    """(table, period column) of a KPI grain; anything but 'yearly' is monthly."""
    if grain == "yearly":
        return KPI_TABLES["yearly"], "fiscal_year_be"
    return KPI_TABLES["monthly"], "month_start_date"


@st.cache_data(ttl=TTL, max_entries=256, show_spinner=False)
def kpi_series(path: str, area_code: str, grain: str, periods: int = 24) -> pd.DataFrame:
    """Every KPI of one grain for one area over its last ``periods`` periods (long form)."""
    table, period = _kpi_sql(grain)
    if not has(path, table):
        return pd.DataFrame(columns=["kpi_code", "period", "kpi_value"])
    return query(
        path,
        f"""
        with ranked as (
            select kpi_code, {period} as period, kpi_value,
                   row_number() over (partition by kpi_code order by {period} desc) as recency
            from {table}
            where area_code = $area
        )
        select kpi_code, period, kpi_value
        from ranked
        where recency <= $periods
        order by kpi_code, period
        """,  # table and column come from _kpi_sql's two fixed choices
        {"area": area_code, "periods": periods},
    )


@st.cache_data(ttl=TTL, max_entries=128, show_spinner=False)
def kpi_periods(path: str, kpi_code: str, grain: str) -> list[Any]:
    """The periods a KPI has values for, newest first."""
    table, period = _kpi_sql(grain)
    if not has(path, table):
        return []
    frame = query(
        path,
        f"select distinct {period} as period from {table} where kpi_code = $kpi "
        "order by period desc limit 240",
        {"kpi": kpi_code},
    )
    return list(frame["period"])


@st.cache_data(ttl=TTL, max_entries=512, show_spinner=False)
def kpi_by_area(
    path: str, kpi_code: str, grain: str, period: Any, level: str, parent_code: str | None
) -> pd.DataFrame:
    """One KPI in one period for every area of ``level`` (children of ``parent_code`` if set)."""
    table, period_column = _kpi_sql(grain)
    if not has(path, table) or not has(path, "marts.dim_area"):
        return pd.DataFrame(columns=["area_code", "name_th", "name_en", "kpi_value"])
    return query(
        path,
        f"""
        select a.area_code, a.name_th, a.name_en, k.kpi_value
        from marts.dim_area as a
        left join {table} as k
            on k.area_code = a.area_code
           and k.kpi_code = $kpi
           and k.{period_column} = $period
        where a.area_level = $level
          and ($parent is null or a.parent_area_code = $parent)
        order by a.area_code
        """,
        {"kpi": kpi_code, "period": period, "level": level, "parent": parent_code},
    )


@st.cache_data(ttl=TTL, max_entries=256, show_spinner=False)
def sibling_ranks(path: str, area_code: str, level: str, parent_code: str | None) -> pd.DataFrame:
    """For each KPI, the area's value and its rank (1 = highest) among areas of the same parent,
    in the KPI's latest period."""
    frames = []
    for grain in ("monthly", "yearly"):
        table, period = _kpi_sql(grain)
        if not has(path, table):
            continue
        frames.append(
            query(
                path,
                f"""
                with siblings as (
                    select area_code from marts.dim_area
                    where area_level = $level
                      and ($parent is null or parent_area_code = $parent)
                ),
                latest as (
                    select kpi_code, max({period}) as period
                    from {table} where area_level = $level group by kpi_code
                ),
                ranked as (
                    select k.kpi_code, k.area_code, k.kpi_value,
                           rank() over (partition by k.kpi_code order by k.kpi_value desc)
                               as kpi_rank,
                           count(*) over (partition by k.kpi_code) as sibling_count,
                           avg(k.kpi_value) over (partition by k.kpi_code) as sibling_mean
                    from {table} as k
                    join latest as l on l.kpi_code = k.kpi_code and l.period = k.{period}
                    join siblings as s on s.area_code = k.area_code
                    where k.kpi_value is not null
                )
                select kpi_code, kpi_value, kpi_rank, sibling_count, sibling_mean
                from ranked where area_code = $area
                """,
                {"level": level, "parent": parent_code, "area": area_code},
            )
        )
    if not frames:
        return pd.DataFrame(
            columns=["kpi_code", "kpi_value", "kpi_rank", "sibling_count", "sibling_mean"]
        )
    return pd.concat(frames, ignore_index=True)


# ---------------------------------------------------------------------------------------------
# Area filters: every fact carries amphoe_code and tambon_code
# ---------------------------------------------------------------------------------------------


def area_filter(area_code: str | None) -> dict[str, str | None]:
    """``$amphoe``/``$tambon`` parameters for an area code of any level (province: no filter)."""
    code = area_code or PROVINCE_CODE
    if not AREA_CODE.fullmatch(code) or not code.startswith(PROVINCE_CODE):
        raise ValueError(f"not a Saraburi area code: {code!r}")
    if len(code) == 4:
        return {"amphoe": code, "tambon": None}
    if len(code) == 6:
        return {"amphoe": None, "tambon": code}
    return {"amphoe": None, "tambon": None}


AREA_WHERE = (
    "($amphoe is null or amphoe_code = $amphoe) and ($tambon is null or tambon_code = $tambon)"
)


# ---------------------------------------------------------------------------------------------
# Area profile
# ---------------------------------------------------------------------------------------------


@st.cache_data(ttl=TTL, max_entries=256, show_spinner=False)
def population_pyramid(path: str, area_code: str) -> pd.DataFrame:
    """Male and female counts by age band in the latest month."""
    if not has(path, "marts.fct_population_monthly"):
        return pd.DataFrame(
            columns=["month_start_date", "age_band", "age_band_order", "male", "female"]
        )
    return query(
        path,
        f"""
        with latest as (select max(month_start_date) as m from marts.fct_population_monthly)
        select p.month_start_date, p.age_band, min(p.age_band_order) as age_band_order,
               sum(p.male_count) as male, sum(p.female_count) as female
        from marts.fct_population_monthly as p
        join latest on p.month_start_date = latest.m
        where {AREA_WHERE}
        group by p.month_start_date, p.age_band
        order by age_band_order
        """,
        area_filter(area_code),
    )


NEEDS = ("health", "living", "education", "income", "public_access")


@st.cache_data(ttl=TTL, max_entries=256, show_spinner=False)
def needs_vs_province(path: str, area_code: str) -> pd.DataFrame:
    """Share of households failing each dimension in the latest survey: area and province."""
    if not has(path, "marts.fct_tambon_needs"):
        return pd.DataFrame(columns=["survey_year_be", "dimension", "area_share", "province_share"])
    parts = []
    for dim in (*NEEDS, "any"):
        column = f"households_failing_{dim}"  # fixed identifiers from NEEDS
        parts.append(
            f"""
            select '{dim}' as dimension,
                   sum(case when in_area then {column} end)
                     / nullif(sum(case when in_area then household_count end), 0) as area_share,
                   sum({column}) / nullif(sum(household_count), 0) as province_share
            from scoped
            """
        )
    sql = f"""
        with latest as (select max(survey_year_be) as y from marts.fct_tambon_needs),
        scoped as (
            select n.*, ({AREA_WHERE}) as in_area
            from marts.fct_tambon_needs as n join latest on n.survey_year_be = latest.y
        ),
        shares as ({" union all ".join(parts)})
        select (select y from latest) as survey_year_be, * from shares
    """
    return query(path, sql, area_filter(area_code))


@st.cache_data(ttl=TTL, max_entries=256, show_spinner=False)
def complaints_by_category(path: str, area_code: str) -> pd.DataFrame:
    if not has(path, "marts.fct_complaints"):
        return pd.DataFrame(columns=["category_code", "name_th", "name_en", "complaints", "open"])
    return query(
        path,
        f"""
        select c.category_code,
               coalesce(any_value(cat.name_th), c.category_code) as name_th,
               coalesce(any_value(cat.name_en), c.category_code) as name_en,
               count(*) as complaints,
               count(*) filter (where c.is_open) as open
        from marts.fct_complaints as c
        left join ({_category_names_sql(path)}) as cat on cat.category_code = c.category_code
        where {AREA_WHERE}
        group by c.category_code
        order by complaints desc
        """,
        area_filter(area_code),
    )


def _category_names_sql(path: str) -> str:
    """Category names: the seed if the build carries it, else the codes themselves."""
    if has(path, "seeds.complaint_categories"):
        return "select category_code, name_th, name_en from seeds.complaint_categories"
    if has(path, "marts.dim_complaint_category"):
        return "select category_code, name_th, name_en from marts.dim_complaint_category"
    return (
        "select null::varchar as category_code, null::varchar as name_th, null::varchar as name_en"
    )


@st.cache_data(ttl=TTL, max_entries=256, show_spinner=False)
def complaints_trend(path: str, area_code: str, months: int = 24) -> pd.DataFrame:
    """Complaints received and resolved per month over the last ``months`` months."""
    if not has(path, "marts.fct_complaints"):
        return pd.DataFrame(columns=["month", "received", "resolved"])
    return query(
        path,
        f"""
        with scoped as (select * from marts.fct_complaints where {AREA_WHERE}),
        received as (
            select date_trunc('month', received_at)::date as month, count(*) as received
            from scoped group by 1
        ),
        resolved as (
            select date_trunc('month', resolved_at)::date as month, count(*) as resolved
            from scoped where resolved_at is not null group by 1
        ),
        months as (select month from received union select month from resolved)
        select m.month, coalesce(r.received, 0) as received, coalesce(s.resolved, 0) as resolved
        from months as m
        left join received as r using (month)
        left join resolved as s using (month)
        where m.month > (select max(month) from months) - to_months($months)
        order by m.month
        """,
        {**area_filter(area_code), "months": months},
    )


@st.cache_data(ttl=TTL, max_entries=256, show_spinner=False)
def projects_summary(path: str, area_code: str) -> pd.DataFrame:
    """Projects and budget by fiscal year and status."""
    if not has(path, "marts.fct_development_projects"):
        return pd.DataFrame(columns=["fiscal_year_be", "status", "projects", "budget_thb"])
    return query(
        path,
        f"""
        select fiscal_year_be, coalesce(status, 'unknown') as status,
               count(*) as projects, sum(budget_thb) as budget_thb
        from marts.fct_development_projects
        where {AREA_WHERE}
        group by all
        order by fiscal_year_be, status
        """,
        area_filter(area_code),
    )


@st.cache_data(ttl=TTL, max_entries=256, show_spinner=False)
def top_projects(path: str, area_code: str, limit: int = 20) -> pd.DataFrame:
    """The largest projects of the latest fiscal year."""
    if not has(path, "marts.fct_development_projects"):
        return pd.DataFrame(columns=["project_name", "strategy_name", "status", "budget_thb"])
    return query(
        path,
        f"""
        with scoped as (select * from marts.fct_development_projects where {AREA_WHERE}),
        latest as (select max(fiscal_year_be) as y from scoped)
        select project_name, strategy_name, status, tambon_code, fiscal_year_be, budget_thb
        from scoped join latest on scoped.fiscal_year_be = latest.y
        order by budget_thb desc nulls last
        limit $limit
        """,
        {**area_filter(area_code), "limit": limit},
    )


@st.cache_data(ttl=TTL, max_entries=256, show_spinner=False)
def air_quality(path: str, area_code: str, days: int = 365) -> tuple[pd.DataFrame, bool]:
    """Daily PM2.5 per station in the area (else every station) over the last ``days`` days.

    Returns the frame and whether it fell back to the whole province."""
    if not has(path, "marts.fct_air_quality_daily"):
        return pd.DataFrame(columns=["station_id", "date_day", "pm25_avg"]), False
    sql = f"""
        with scoped as (
            select * from marts.fct_air_quality_daily where {AREA_WHERE}
        ),
        last_day as (select max(date_day) as d from marts.fct_air_quality_daily)
        select station_id, date_day, pm25_avg, is_pm25_over_standard
        from scoped, last_day
        where date_day > last_day.d - $days::integer
        order by station_id, date_day
    """
    params = {**area_filter(area_code), "days": days}
    frame = query(path, sql, params)
    if len(frame) or area_code == PROVINCE_CODE:
        return frame, False
    return query(path, sql, {**area_filter(None), "days": days}), True


@st.cache_data(ttl=TTL, max_entries=256, show_spinner=False)
def dengue_weekly(path: str, area_code: str, weeks: int = 104) -> pd.DataFrame:
    if not has(path, "marts.fct_dengue_cases"):
        return pd.DataFrame(columns=["week", "cases"])
    return query(
        path,
        f"""
        with cases as (
            select coalesce(onset_week_start_date,
                            date_trunc('week', coalesce(onset_date, reported_date))::date) as week,
                   amphoe_code, tambon_code
            from marts.fct_dengue_cases
        ),
        weekly as (select week, count(*) as cases from cases where {AREA_WHERE} group by 1),
        last_week as (select max(week) as w from cases),
        weeks as (  -- every week of the window, so a week without cases shows as 0
            select unnest(generate_series(w - to_weeks($weeks - 1), w, interval 1 week))::date
                as week
            from last_week
            where exists (select 1 from weekly)
        )
        select weeks.week, coalesce(weekly.cases, 0) as cases
        from weeks left join weekly using (week)
        order by weeks.week
        """,
        {**area_filter(area_code), "weeks": weeks},
    )


# ---------------------------------------------------------------------------------------------
# Overview extras
# ---------------------------------------------------------------------------------------------


@st.cache_data(ttl=TTL, max_entries=16, show_spinner=False)
def budget_by_status(path: str) -> pd.DataFrame:
    """Development budget by status for the latest and previous fiscal year."""
    if not has(path, "marts.fct_development_projects"):
        return pd.DataFrame(columns=["fiscal_year_be", "status", "projects", "budget_thb"])
    return query(
        path,
        """
        with years as (
            select distinct fiscal_year_be from marts.fct_development_projects
            order by fiscal_year_be desc limit 2
        )
        select p.fiscal_year_be, coalesce(p.status, 'unknown') as status,
               count(*) as projects, sum(p.budget_thb) as budget_thb
        from marts.fct_development_projects as p
        join years using (fiscal_year_be)
        group by all
        order by p.fiscal_year_be desc, budget_thb desc
        """,
    )


@st.cache_data(ttl=TTL, max_entries=16, show_spinner=False)
def status_names(path: str) -> dict[str, tuple[str, str]]:
    """Thai and English names of project and complaint status codes, from the build's seeds."""
    names: dict[str, tuple[str, str]] = {}
    for table in ("seeds.project_statuses", "seeds.complaint_statuses"):
        if has(path, table):
            frame = query(
                path,
                f"select distinct status_code, status_name_th, status_name_en from {table}",
            )
            for row in frame.itertuples(index=False):
                names.setdefault(row.status_code, (row.status_name_th, row.status_name_en))
    return names


# ---------------------------------------------------------------------------------------------
# Complaints monitor. "Overdue" is the mart's is_overdue: the one rule of complaints/overdue.py,
# measured at the build's as-of date.
# ---------------------------------------------------------------------------------------------


@st.cache_data(ttl=TTL, max_entries=256, show_spinner=False)
def complaint_totals(path: str, area_code: str | None) -> pd.DataFrame:
    if not has(path, "marts.fct_complaints"):
        return pd.DataFrame()
    return query(
        path,
        f"""
        select count(*) as total,
               count(*) filter (where is_open) as open,
               count(*) filter (where is_overdue) as overdue,
               count(*) filter (where resolved_at is not null) as resolved,
               median(days_to_resolve) as median_days_to_resolve,
               max(received_at) as last_received_at,
               max(as_of_date) as as_of_date
        from marts.fct_complaints
        where {AREA_WHERE}
        """,
        area_filter(area_code),
    )


@st.cache_data(ttl=TTL, max_entries=256, show_spinner=False)
def complaints_by_agency(path: str, area_code: str | None) -> pd.DataFrame:
    if not has(path, "marts.fct_complaints"):
        return pd.DataFrame(columns=["assigned_unit", "open", "overdue", "resolved", "total"])
    return query(
        path,
        f"""
        select assigned_unit,
               count(*) filter (where is_open) as open,
               count(*) filter (where is_overdue) as overdue,
               count(*) filter (where resolved_at is not null) as resolved,
               count(*) as total,
               median(days_to_resolve) as median_days_to_resolve
        from marts.fct_complaints
        where {AREA_WHERE}
        group by assigned_unit
        order by overdue desc, open desc, total desc
        limit 500
        """,
        area_filter(area_code),
    )


@st.cache_data(ttl=TTL, max_entries=256, show_spinner=False)
def complaints_by_area(path: str, area_code: str | None) -> pd.DataFrame:
    """Open, overdue and resolved per child area (amphoe for the province, tambon below)."""
    if not has(path, "marts.fct_complaints") or not has(path, "marts.dim_area"):
        return pd.DataFrame(
            columns=["area_code", "name_th", "name_en", "open", "overdue", "resolved", "total"]
        )
    code = area_code or PROVINCE_CODE
    level = "amphoe" if len(code) == 2 else "tambon"
    key = "amphoe_code" if level == "amphoe" else "tambon_code"  # fixed identifiers
    return query(
        path,
        f"""
        with counts as (
            select {key} as area_code,
                   count(*) filter (where is_open) as open,
                   count(*) filter (where is_overdue) as overdue,
                   count(*) filter (where resolved_at is not null) as resolved,
                   count(*) as total
            from marts.fct_complaints
            where {AREA_WHERE}
            group by 1
        )
        select a.area_code, a.name_th, a.name_en,
               coalesce(c.open, 0) as open, coalesce(c.overdue, 0) as overdue,
               coalesce(c.resolved, 0) as resolved, coalesce(c.total, 0) as total
        from marts.dim_area as a
        left join counts as c using (area_code)
        where a.area_level = $level
          and (a.area_code = $tambon or ($tambon is null and
               ($amphoe is null or a.parent_area_code = $amphoe)))
        order by overdue desc, open desc, a.area_code
        """,
        {**area_filter(code), "level": level},
    )


AGEING_BUCKETS = ((0, 7), (8, 15), (16, 30), (31, 60), (61, 90), (91, None))


@st.cache_data(ttl=TTL, max_entries=256, show_spinner=False)
def complaint_ageing(path: str, area_code: str | None) -> pd.DataFrame:
    """Open complaints by age in days, in fixed buckets; split into overdue and within SLA."""
    if not has(path, "marts.fct_complaints"):
        return pd.DataFrame(columns=["bucket", "bucket_order", "overdue", "within_sla"])
    return query(
        path,
        f"""
        with open_cases as (
            select days_open, is_overdue from marts.fct_complaints
            where is_open and {AREA_WHERE}
        ),
        bucketed as (
            select case
                       when days_open <= 7 then 1 when days_open <= 15 then 2
                       when days_open <= 30 then 3 when days_open <= 60 then 4
                       when days_open <= 90 then 5 else 6
                   end as bucket_order,
                   is_overdue
            from open_cases
        )
        select bucket_order,
               ['0-7', '8-15', '16-30', '31-60', '61-90', '90+'][bucket_order] as bucket,
               count(*) filter (where is_overdue) as overdue,
               count(*) filter (where not coalesce(is_overdue, false)) as within_sla
        from bucketed
        group by bucket_order
        order by bucket_order
        """,
        area_filter(area_code),
    )


@st.cache_data(ttl=TTL, max_entries=256, show_spinner=False)
def overdue_list(path: str, area_code: str | None, limit: int = 200) -> pd.DataFrame:
    """Overdue open complaints, longest overdue first."""
    if not has(path, "marts.fct_complaints"):
        return pd.DataFrame()
    return query(
        path,
        f"""
        with scoped as (
            select * from marts.fct_complaints where is_overdue and {AREA_WHERE}
        )
        select c.complaint_id, c.category_code, c.channel, c.tambon_code, c.amphoe_code,
               a.name_th as tambon_name_th, a.name_en as tambon_name_en,
               c.assigned_unit, c.status, c.received_at, c.due_at, c.days_open,
               greatest(c.days_open - c.sla_days, 0) as days_overdue
        from scoped as c
        left join marts.dim_area as a on a.area_code = c.tambon_code
        order by days_overdue desc, c.received_at, c.complaint_id
        limit $limit
        """,
        {**area_filter(area_code), "limit": limit},
    )


# ---------------------------------------------------------------------------------------------
# Data health
# ---------------------------------------------------------------------------------------------


def _whole_table(path: str, table: str, order_by: str | None = None) -> pd.DataFrame:
    """A small health mart as it is (column names vary while the marts settle)."""
    if not has(path, table):
        return pd.DataFrame()
    order = f" order by {order_by}" if order_by and order_by in columns(path, table) else ""
    return query(path, f"select * from {table}{order} limit {MAX_ROWS}")  # fixed identifiers


@st.cache_data(ttl=TTL, max_entries=16, show_spinner=False)
def feed_freshness(path: str) -> pd.DataFrame:
    return _whole_table(path, "marts.fct_feed_freshness")


@st.cache_data(ttl=TTL, max_entries=16, show_spinner=False)
def quarantine_reasons(path: str) -> pd.DataFrame:
    return _whole_table(path, "marts.fct_quarantine_reasons")


@st.cache_data(ttl=TTL, max_entries=16, show_spinner=False)
def unmatched_area_names(path: str) -> pd.DataFrame:
    return _whole_table(path, "marts.fct_unmatched_area_names")


@st.cache_data(ttl=TTL, max_entries=16, show_spinner=False)
def dbt_results(path: str) -> pd.DataFrame:
    if not has(path, "meta.dbt_results"):
        return pd.DataFrame(
            columns=[
                "unique_id",
                "resource_type",
                "status",
                "failures",
                "message",
                "execution_seconds",
            ]
        )
    return query(
        path,
        """
        select unique_id, resource_type, status, failures, message, execution_seconds
        from meta.dbt_results
        order by case when status in ('fail', 'error', 'warn') then 0 else 1 end,
                 resource_type, unique_id
        """,
    )


# ---------------------------------------------------------------------------------------------
# Exports: a fixed list of tables; the area filter is a bound parameter
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Export:
    table: str
    label_th: str
    label_en: str
    area_filtered: bool = True
    staff_only: bool = False  # row-level data about people: signed-in executives and admins only
    public_points: bool = False  # public copies get complaints.location's points, not exact ones


EXPORTS: dict[str, Export] = {
    "area_kpis_monthly": Export("marts.fct_area_kpis_monthly", "ตัวชี้วัดรายเดือน", "Monthly KPIs"),
    "area_kpis_yearly": Export("marts.fct_area_kpis_yearly", "ตัวชี้วัดรายปี", "Yearly KPIs"),
    "tambon_needs": Export(
        "marts.fct_tambon_needs", "ความจำเป็นพื้นฐานรายตำบล", "Basic needs by tambon"
    ),
    "complaints": Export("marts.fct_complaints", "เรื่องร้องเรียน", "Complaints", public_points=True),
    "development_projects": Export(
        "marts.fct_development_projects", "โครงการพัฒนาท้องถิ่น", "Development projects"
    ),
    "air_quality_daily": Export(
        "marts.fct_air_quality_daily", "คุณภาพอากาศรายวัน", "Daily air quality"
    ),
    "dengue_cases": Export(
        "marts.fct_dengue_cases",
        "ผู้ป่วยไข้เลือดออก (รายบุคคล)",
        "Dengue cases (individuals)",
        staff_only=True,
    ),
    "population_monthly": Export(
        "marts.fct_population_monthly", "ประชากรรายเดือน", "Monthly population"
    ),
    "areas": Export("marts.dim_area", "พื้นที่", "Areas", area_filtered=False),
    "kpis": Export("marts.dim_kpi", "นิยามตัวชี้วัด", "KPI definitions", area_filtered=False),
    "feed_freshness": Export(
        "marts.fct_feed_freshness", "ความสดใหม่ของข้อมูล", "Feed freshness", area_filtered=False
    ),
    "quarantine_reasons": Export(
        "marts.fct_quarantine_reasons",
        "แถวที่ถูกกักกัน",
        "Quarantine reasons",
        area_filtered=False,
        staff_only=True,
    ),
    "unplaced_complaints": Export(
        "marts.fct_unplaced_complaints",
        "เรื่องร้องเรียนที่ระบุพื้นที่ไม่ได้",
        "Complaints without an area",
        area_filtered=False,
        staff_only=True,
    ),
    "unmatched_area_names": Export(
        "marts.fct_unmatched_area_names",
        "ชื่อพื้นที่ที่จับคู่ไม่ได้",
        "Unmatched area names",
        area_filtered=False,
        staff_only=True,
    ),
}


def export_keys(staff: bool) -> list[str]:
    """The exports anyone may download, or (``staff``) those whose staff copy differs: the
    staff-only tables and the exact points of complaints."""
    if staff:
        return [key for key, spec in EXPORTS.items() if spec.staff_only or spec.public_points]
    return [key for key, spec in EXPORTS.items() if not spec.staff_only]


def _public_point(column: str) -> str:
    """complaints.location.public_point in SQL: rounded, or the tambon's centre when sensitive."""
    return (
        f'case when c."{column}" is null then null '
        f"when c.category_code in (select unnest($sensitive)) "
        f"then round(a.centroid_{column}, $decimals) "
        f'else round(c."{column}", $decimals) end as "{column}"'
    )


@st.cache_data(ttl=TTL, max_entries=64, show_spinner=False)
def export_table(
    path: str, key: str, area_code: str | None, exact: bool = False
) -> tuple[pd.DataFrame, bool]:
    """Up to MAX_ROWS rows of one export table for the area; True when rows were left out.

    Public copies (``exact`` false) never carry staff-only tables nor exact complaint locations.
    """
    spec = EXPORTS[key]  # KeyError for anything not in the fixed list
    if spec.staff_only and not exact:
        raise PermissionError(f"{key} is for signed-in staff only")
    if not has(path, spec.table):
        return pd.DataFrame(), False
    cols = columns(path, spec.table)
    drop = {"boundary_geojson"}
    points = spec.public_points and not exact and has(path, "marts.dim_area")
    select = ", ".join(
        _public_point(c) if points and c in ("latitude", "longitude") else f'c."{c}"'
        for c in cols
        if c not in drop
    )
    source = f"{spec.table} as c"
    params: dict[str, Any] = {"limit": MAX_ROWS + 1}
    if points:
        source += " left join marts.dim_area as a on a.area_code = c.tambon_code"
        params.update(
            {"sensitive": sorted(SENSITIVE_CATEGORIES), "decimals": PUBLIC_COORD_DECIMALS}
        )
    where = ""
    code = area_code or PROVINCE_CODE
    if spec.area_filtered and len(code) > 2:
        if "amphoe_code" in cols and "tambon_code" in cols:
            where = (
                "where ($amphoe is null or c.amphoe_code = $amphoe) "
                "and ($tambon is null or c.tambon_code = $tambon)"
            )
            params.update(area_filter(code))
        elif "area_code" in cols:
            where = "where c.area_code = $area or c.area_code like $prefix"
            params.update({"area": code, "prefix": code + "%"})
    frame = query(path, f"select {select} from {source} {where} limit $limit", params)
    truncated = len(frame) > MAX_ROWS
    return (frame.head(MAX_ROWS) if truncated else frame), truncated

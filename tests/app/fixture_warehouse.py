"""A small published warehouse for the app's tests: the marts the app reads, a few rows each.

``make_warehouse(dir)`` writes ``dir/builds/warehouse_<version>.duckdb`` and ``dir/current.json``
exactly as ``publish`` does, with real Saraburi codes, names and (simplified) boundaries.
``python -m tests.app.fixture_warehouse DIR`` makes one to run the app against by hand.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

PROJECT_ROOT = Path(__file__).resolve().parents[2]
GEO_DIR = PROJECT_ROOT.parent / "shared" / "geo"
VERSION = "20250930T120000000000"
LAST_MONTH = dt.date(2025, 9, 1)
MONTHS = [(pd.Timestamp(LAST_MONTH) - pd.DateOffset(months=i)).date() for i in range(11, -1, -1)]
AS_OF = dt.datetime(2025, 9, 30, 12, 0)
STATUSES = ["planned", "budgeted", "in_progress", "completed", "cancelled"]
UNITS = ["อบต.ตาลเดี่ยว", "เทศบาลเมืองสระบุรี", "สำนักงานโยธาธิการจังหวัด", "การประปาส่วนภูมิภาค", None]


# ---------------------------------------------------------------------------------------------
# Areas
# ---------------------------------------------------------------------------------------------


def _square(i: int, j: int, size: float = 0.05) -> dict:
    x, y = 100.7 + i * size, 14.3 + j * size
    ring = [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]
    return {"type": "Polygon", "coordinates": [ring]}


def _areas(with_boundaries: bool) -> pd.DataFrame:
    rows: list[dict] = []
    tambon_path = GEO_DIR / "saraburi_adm3_tambon.geojson"
    amphoe_path = GEO_DIR / "saraburi_adm2_amphoe.geojson"
    if tambon_path.is_file() and amphoe_path.is_file():
        amphoes = json.loads(amphoe_path.read_text(encoding="utf-8"))["features"]
        tambons = json.loads(tambon_path.read_text(encoding="utf-8"))["features"]
        for f in amphoes:
            p = f["properties"]
            code = p["ADM2_PCODE"].removeprefix("TH")
            rows.append(
                dict(
                    area_code=code,
                    area_level="amphoe",
                    parent=None,
                    name_th=p["ADM2_TH"],
                    name_en=p["ADM2_EN"],
                    geometry=f["geometry"],
                )
            )
        for f in tambons:
            p = f["properties"]
            code = p["ADM3_PCODE"].removeprefix("TH")
            rows.append(
                dict(
                    area_code=code,
                    area_level="tambon",
                    parent=code[:4],
                    name_th=p["ADM3_TH"],
                    name_en=p["ADM3_EN"],
                    geometry=f["geometry"],
                )
            )
    else:  # pragma: no cover - without the shared reference files: geothai names, grid squares
        import geothai

        for a_i, district in enumerate(geothai.districts(province=19)):
            code = str(district.code)
            rows.append(
                dict(
                    area_code=code,
                    area_level="amphoe",
                    parent=None,
                    name_th=district.name_th,
                    name_en=district.name_en,
                    geometry=_square(a_i % 4, a_i // 4, 0.2),
                )
            )
            for t_i, sub in enumerate(geothai.subdistricts(district=int(code))):
                rows.append(
                    dict(
                        area_code=str(sub.code),
                        area_level="tambon",
                        parent=code,
                        name_th=sub.name_th,
                        name_en=sub.name_en,
                        geometry=_square(a_i % 4 * 4 + t_i % 4, a_i // 4 * 4 + t_i // 4),
                    )
                )
    frame = pd.DataFrame(rows).sort_values("area_code")
    frame = pd.concat(
        [
            pd.DataFrame(
                [
                    dict(
                        area_code="19",
                        area_level="province",
                        parent=None,
                        name_th="สระบุรี",
                        name_en="Saraburi",
                        geometry=None,
                    )
                ]
            ),
            frame,
        ],
        ignore_index=True,
    )
    frame["province_code"] = "19"
    frame["amphoe_code"] = frame["area_code"].where(frame["area_code"].str.len() >= 4).str[:4]
    frame["tambon_code"] = frame["area_code"].where(frame["area_code"].str.len() == 6)
    frame.loc[frame["area_level"] == "amphoe", "parent"] = "19"
    frame["parent_area_code"] = frame.pop("parent")
    geometry = frame.pop("geometry")
    frame["boundary_geojson"] = [
        json.dumps(g) if (g is not None and with_boundaries) else None for g in geometry
    ]
    frame["has_boundary"] = frame["boundary_geojson"].notna()
    frame["centroid_latitude"] = [14.5 if g is not None else None for g in geometry]
    frame["centroid_longitude"] = [100.9 if g is not None else None for g in geometry]
    return frame[
        [
            "area_code",
            "area_level",
            "province_code",
            "amphoe_code",
            "tambon_code",
            "parent_area_code",
            "name_th",
            "name_en",
            "has_boundary",
            "boundary_geojson",
            "centroid_latitude",
            "centroid_longitude",
        ]
    ]


# ---------------------------------------------------------------------------------------------
# Facts
# ---------------------------------------------------------------------------------------------


def _facts(areas: pd.DataFrame, rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    tambons = areas[areas["area_level"] == "tambon"][["area_code", "amphoe_code"]]
    tambon_codes = tambons["area_code"].tolist()
    amphoe_of = dict(zip(tambons["area_code"], tambons["amphoe_code"], strict=True))

    bands = [("0-14", 1), ("15-29", 2), ("30-44", 3), ("45-59", 4), ("60+", 5)]
    population = pd.DataFrame(
        [
            dict(
                tambon_code=t,
                amphoe_code=amphoe_of[t],
                month_start_date=m,
                age_band=b,
                age_band_order=o,
                male_count=int(200 + 37 * o + (i * 13) % 90 + k),
                female_count=int(210 + 35 * o + (i * 17) % 80 + k),
            )
            for i, t in enumerate(tambon_codes)
            for k, m in enumerate(MONTHS)
            for b, o in bands
        ]
    )
    population["total_count"] = population["male_count"] + population["female_count"]

    needs_rows = []
    for i, t in enumerate(tambon_codes):
        for year in (2567, 2568):
            households = 400 + (i * 29) % 500
            fails = {
                d: int(households * (0.02 + ((i * s + year) % 13) / 100))
                for s, d in enumerate(
                    ["health", "living", "education", "income", "public_access"], 3
                )
            }
            any_fail = min(households, int(sum(fails.values()) * 0.8))
            row = dict(
                tambon_code=t,
                amphoe_code=amphoe_of[t],
                survey_year_be=year,
                household_count=households,
                member_count=households * 3,
            )
            for d, n in fails.items():
                row[f"households_failing_{d}"] = n
                row[f"share_failing_{d}"] = n / households
            row["households_failing_any"] = any_fail
            row["share_failing_any"] = any_fail / households
            row["target_poor_households"] = any_fail // 4
            needs_rows.append(row)
    needs = pd.DataFrame(needs_rows)

    categories = [
        "road_footpath",
        "flooding_drainage",
        "waste_cleanliness",
        "water_supply",
        "other",
    ]
    complaints_rows = []
    for n in range(600):
        t = tambon_codes[int(rng.integers(len(tambon_codes)))]
        received = AS_OF - dt.timedelta(days=float(rng.uniform(0, 360)))
        sla = 7 if n % 2 else 15
        resolved = None
        if rng.uniform() < 0.65:
            resolved = received + dt.timedelta(days=float(rng.uniform(0.5, 40)))
            if resolved > AS_OF:
                resolved = None
        due = received + dt.timedelta(days=sla)
        is_open = resolved is None
        days_open = (AS_OF - received).days if is_open else None
        complaints_rows.append(
            dict(
                complaint_id=f"C{n:05d}",
                source_feed="traffy_complaints" if n % 3 else "damrongdhama_complaints",
                channel="traffy" if n % 3 else "hotline_1567",
                category_code=categories[n % len(categories)],
                tambon_code=t,
                amphoe_code=amphoe_of[t],
                received_at=received,
                resolved_at=resolved,
                status="in_progress" if is_open else "resolved",
                sla_days=sla,
                due_at=due,
                is_open=is_open,
                is_overdue=is_open and due < AS_OF,  # as dbt: open and past due at the as-of date
                is_resolved_late=not is_open and resolved > due,
                as_of_date=AS_OF.date(),
                days_to_resolve=(
                    (resolved - received).total_seconds() / 86400 if resolved else None
                ),
                days_open=days_open,
                latitude=14.5,
                longitude=100.9,
                gps_tambon_code=t,
                area_source="gps",
                is_gps_consistent_with_text=True,
                assigned_unit=('=HYPERLINK("http://x")' if n == 7 else UNITS[n % len(UNITS)]),
            )
        )
    complaints = pd.DataFrame(complaints_rows)

    projects = pd.DataFrame(
        [
            dict(
                project_key=f"P{n:04d}",
                lao_key=f"L{n % 20:03d}",
                strategy_name=["โครงสร้างพื้นฐาน", "คุณภาพชีวิต", "เศรษฐกิจ"][n % 3],
                project_name=f"โครงการก่อสร้างถนนคอนกรีต หมู่ {n % 12 + 1}"
                if n % 2
                else f"โครงการพัฒนาคุณภาพชีวิตผู้สูงอายุ {n}",
                tambon_code=tambon_codes[(n * 7) % len(tambon_codes)],
                amphoe_code=amphoe_of[tambon_codes[(n * 7) % len(tambon_codes)]],
                fiscal_year_be=2567 + n % 2,
                budget_thb=float(50_000 + (n * 7919) % 900_000),
                status=STATUSES[n % len(STATUSES)],
            )
            for n in range(240)
        ]
    )

    air_rows = []
    for station, tambon in (("24t", "191306"), ("25t", "190101")):
        if tambon not in amphoe_of:
            tambon = tambon_codes[0]
        for d in range(120):
            day = AS_OF.date() - dt.timedelta(days=d)
            pm25 = float(20 + 25 * np.sin(d / 9) ** 2 + (d % 5))
            air_rows.append(
                dict(
                    station_id=station,
                    date_day=day,
                    tambon_code=tambon,
                    amphoe_code=amphoe_of[tambon],
                    pm25_avg=pm25,
                    pm10_avg=pm25 * 1.6,
                    hours_measured=24,
                    is_pm25_over_standard=pm25 > 37.5,
                    is_pm10_over_standard=pm25 * 1.6 > 120,
                )
            )
    air = pd.DataFrame(air_rows)

    dengue_rows = []
    for n in range(150):
        t = tambon_codes[(n * 11) % len(tambon_codes)]
        onset = AS_OF.date() - dt.timedelta(days=int(rng.integers(0, 330)))
        dengue_rows.append(
            dict(
                case_key=f"D{n:05d}",
                tambon_code=t,
                amphoe_code=amphoe_of[t],
                reported_date=onset + dt.timedelta(days=2),
                onset_date=onset,
                onset_week_start_date=onset - dt.timedelta(days=onset.weekday()),
                sex="M" if n % 2 else "F",
                age_years=n % 70,
                age_group="15-24",
                patient_type="IPD",
                outcome="recovered",
            )
        )
    dengue = pd.DataFrame(dengue_rows)
    return {
        "fct_population_monthly": population,
        "fct_tambon_needs": needs,
        "fct_complaints": complaints,
        "fct_development_projects": projects,
        "fct_air_quality_daily": air,
        "fct_dengue_cases": dengue,
    }


# KPIs at tambon grain, rolled up to amphoe and province with grouping sets (as dbt does).
_ROLLUP = """
    case when grouping(tambon_code) = 0 then tambon_code
         when grouping(amphoe_code) = 0 then amphoe_code else '19' end as area_code,
    case when grouping(tambon_code) = 0 then 'tambon'
         when grouping(amphoe_code) = 0 then 'amphoe' else 'province' end as area_level
"""


def _grouping(period: str) -> str:
    return (
        f"group by grouping sets ((tambon_code, amphoe_code, {period}), "
        f"(amphoe_code, {period}), ({period}))"
    )


MONTHLY_KPIS = f"""
create table marts.fct_area_kpis_monthly as
select {_ROLLUP}, month_start_date, 'population_total' as kpi_code,
       sum(total_count)::double as kpi_value
from marts.fct_population_monthly {_grouping("month_start_date")}
union all
select {_ROLLUP}, date_trunc('month', received_at)::date as month_start_date, 'complaints_received',
       count(*)::double
from marts.fct_complaints where received_at >= date '2024-10-01'
{_grouping("date_trunc('month', received_at)::date")}
union all
select {_ROLLUP}, m.month_start_date, 'complaints_open_end_of_month', count(*)::double
from marts.fct_complaints as c
join (select distinct month_start_date from marts.fct_population_monthly) as m
  on c.received_at < m.month_start_date + interval 1 month
 and (c.resolved_at is null or c.resolved_at >= m.month_start_date + interval 1 month)
{_grouping("m.month_start_date")}
union all
select {_ROLLUP}, m.month_start_date, 'complaints_overdue_end_of_month', count(*)::double
from marts.fct_complaints as c
join (select distinct month_start_date from marts.fct_population_monthly) as m
  on c.received_at < m.month_start_date + interval 1 month
 and (c.resolved_at is null or c.resolved_at >= m.month_start_date + interval 1 month)
 and c.due_at < m.month_start_date + interval 1 month
{_grouping("m.month_start_date")}
union all
select {_ROLLUP}, date_trunc('month', resolved_at)::date, 'complaints_median_days_to_resolve',
       median(days_to_resolve)
from marts.fct_complaints where resolved_at >= date '2024-10-01'
{_grouping("date_trunc('month', resolved_at)::date")}
union all
select {_ROLLUP}, date_trunc('month', date_day)::date, 'pm25_exceedance_days',
       count(distinct date_day) filter (where is_pm25_over_standard)::double
from marts.fct_air_quality_daily {_grouping("date_trunc('month', date_day)::date")}
union all
select {_ROLLUP}, date_trunc('month', onset_date)::date, 'dengue_cases', count(*)::double
from marts.fct_dengue_cases where onset_date >= date '2024-10-01'
{_grouping("date_trunc('month', onset_date)::date")}
"""

YEARLY_KPIS = f"""
create table marts.fct_area_kpis_yearly as
with needs as (
    select {_ROLLUP}, survey_year_be as fiscal_year_be,
           sum(household_count)::double as households,
           sum(households_failing_any) / sum(household_count) as any_share,
           sum(households_failing_health) / sum(household_count) as health_share,
           sum(households_failing_living) / sum(household_count) as living_share,
           sum(households_failing_education) / sum(household_count) as education_share,
           sum(households_failing_income) / sum(household_count) as income_share,
           sum(households_failing_public_access) / sum(household_count) as public_access_share,
           sum(target_poor_households)::double as target_poor
    from marts.fct_tambon_needs {_grouping("survey_year_be")}
),
projects as (
    select {_ROLLUP}, fiscal_year_be, count(*)::double as projects, sum(budget_thb) as budget
    from marts.fct_development_projects {_grouping("fiscal_year_be")}
)
unpivot needs on households as 'households_surveyed', any_share as 'households_failing_any_share',
    health_share as 'households_failing_health_share',
    living_share as 'households_failing_living_share',
    education_share as 'households_failing_education_share',
    income_share as 'households_failing_income_share',
    public_access_share as 'households_failing_public_access_share',
    target_poor as 'target_poor_households'
    into name kpi_code value kpi_value
union all by name
unpivot projects on projects as 'development_projects', budget as 'development_budget_thb'
    into name kpi_code value kpi_value
"""


def _health_marts() -> dict[str, pd.DataFrame]:
    feeds = [
        "dopa_population",
        "cdd_households",
        "traffy_complaints",
        "damrongdhama_complaints",
        "lao_plan_projects",
        "air4thai_hourly",
        "dengue_506",
        "agency_complaints",
    ]
    cadence = [31, 365, 1, 7, 365, 1, 7, 7]
    lag = [12, 40, 0, 21, 100, 3, 2, 5]
    freshness = pd.DataFrame(
        dict(
            feed_name=feeds,
            expected_cadence_days=cadence,
            last_loaded_at=[AS_OF - dt.timedelta(days=x) for x in lag],
            latest_record_date=[(AS_OF - dt.timedelta(days=x + 1)).date() for x in lag],
            days_since_latest=[x + 1 for x in lag],
            is_stale=[x + 1 > c for x, c in zip(lag, cadence, strict=True)],
        )
    )
    quarantine = pd.DataFrame(
        dict(
            feed_name=["traffy_complaints", "dengue_506", "dopa_population"],
            reason=["unparseable_date", "missing_tambon", "negative_count"],
            quarantined_rows=[14, 3, 1],
        )
    )
    unmatched = pd.DataFrame(
        dict(
            feed_name=["traffy_complaints", "agency_complaints"],
            raw_name=["ต.หนองปลาไหล อ.เมือง", "=cmd|' /C calc'!A0"],
            occurrences=[5, 1],
        )
    )
    return {
        "fct_feed_freshness": freshness,
        "fct_quarantine_reasons": quarantine,
        "fct_unmatched_area_names": unmatched,
    }


def _kpi_definitions() -> pd.DataFrame:
    path = PROJECT_ROOT / "seeds" / "kpi_definitions.csv"
    with path.open(encoding="utf-8") as handle:
        frame = pd.DataFrame(list(csv.DictReader(handle)))
    frame["higher_is_better"] = frame["higher_is_better"].map({"true": True, "false": False})
    return frame.rename(columns={"description_en": "description"})


# ---------------------------------------------------------------------------------------------
# Writing and publishing
# ---------------------------------------------------------------------------------------------


def make_warehouse(
    warehouse_dir: Path,
    *,
    empty_facts: bool = False,
    with_boundaries: bool = True,
    version: str = VERSION,
    seed: int = 19,
) -> Path:
    """Write a fixture build and publish it; return the build file's path."""
    rng = np.random.default_rng(seed)
    builds = warehouse_dir / "builds"
    builds.mkdir(parents=True, exist_ok=True)
    path = builds / f"warehouse_{version}.duckdb"
    path.unlink(missing_ok=True)
    area_frame = _areas(with_boundaries)
    facts = _facts(area_frame, rng)
    with duckdb.connect(str(path)) as con:
        for schema in ("marts", "meta", "seeds"):
            con.execute(f"create schema {schema}")
        tables = {"dim_area": area_frame, "dim_kpi": _kpi_definitions(), **facts, **_health_marts()}
        for name, frame in tables.items():
            con.register("frame", frame)
            con.execute(f"create table marts.{name} as select * from frame")
            con.unregister("frame")
        con.execute(MONTHLY_KPIS)
        con.execute(YEARLY_KPIS)
        for seed_name in ("complaint_categories", "project_statuses", "complaint_statuses"):
            seed_path = PROJECT_ROOT / "seeds" / f"{seed_name}.csv"
            con.execute(
                f"create table seeds.{seed_name} as select * from read_csv(?, all_varchar=true)",
                [str(seed_path)],
            )
        if empty_facts:
            for name in (*facts, "fct_area_kpis_monthly", "fct_area_kpis_yearly", *_health_marts()):
                con.execute(f"delete from marts.{name}")
        con.execute(
            "create table meta.build_info as "
            "select ?::varchar as version, ?::timestamp as built_at",
            [version, AS_OF],
        )
        con.execute(
            "create table meta.dbt_results (unique_id varchar, resource_type varchar, "
            "status varchar, failures bigint, message varchar, execution_seconds double)"
        )
        con.executemany(
            "insert into meta.dbt_results values (?, ?, ?, ?, ?, ?)",
            [
                ["model.saraburi.fct_complaints", "model", "success", 0, "OK", 0.4],
                ["test.saraburi.unique_fct_complaints_complaint_id", "test", "pass", 0, "", 0.1],
                ["test.saraburi.not_null_dim_area_area_code", "test", "pass", 0, "", 0.1],
                [
                    "test.saraburi.relationships_fct_complaints_tambon",
                    "test",
                    "warn",
                    2,
                    "Got 2 results, configured to warn if != 0",
                    0.1,
                ],
            ],
        )
        con.execute("checkpoint")
    pointer = {"version": version, "path": str(path.relative_to(warehouse_dir))}
    (warehouse_dir / "current.json").write_text(json.dumps(pointer), encoding="utf-8")
    return path


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/saraburi-app-fixture")
    print(make_warehouse(target))

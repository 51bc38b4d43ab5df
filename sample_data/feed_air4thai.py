"""air4thai_hourly: hourly air quality per station, one CSV per station and month."""

from __future__ import annotations

import datetime as dt

import numpy as np

from sample_data.context import SampleContext
from sample_data.periods import delivery, month_end, selected_months
from sample_data.summary import BadRow, FeedLog, FileRecord
from sample_data.writers import Encoding, write_csv

FEED = "air4thai_hourly"
# Saraburi's PCD stations: 24t Na Phra Lan (cement and quarry district), 25t Pak Phriao (town).
STATIONS = {"24t": 1.2, "25t": 1.0}  # station -> PM level relative to the town
HEADER = ("DATETIMEDATA", "PM25", "PM10", "O3", "CO", "NO2", "SO2", "WS", "WD", "TEMP", "RH")
MISSING_TOKENS = ("-1", "-999", "-9999", "", "null")
MISSING_SHARE = 0.02
PM25_STANDARD = 37.5  # µg/m³, 24-hour (2023)


def _pm25_daily(days: np.ndarray, level: float, rng: np.random.Generator) -> np.ndarray:
    """Daily mean PM2.5: a dry-season hump (Dec-Apr, peak in February) over a wet-season floor."""
    doy = np.array([d.timetuple().tm_yday for d in days.tolist()])
    season = np.clip(np.cos(2 * np.pi * (doy - 45) / 365.25), 0.0, None) ** 1.3
    base = (12.0 + 30.0 * season) * level
    noise = np.empty(len(days))
    state = 0.0
    for i in range(len(days)):  # day-to-day persistence (AR(1) on the log scale)
        state = 0.7 * state + rng.normal(0.0, 0.25)
        noise[i] = state
    return base * np.exp(noise)


def generate(ctx: SampleContext) -> FeedLog:
    log = FeedLog(FEED, area_keyed=False)
    jobs = [
        (station, year, month)
        for year in ctx.years
        for station in STATIONS
        for month in selected_months(year, ctx.scale)
    ]
    done = 0
    for year in ctx.years:
        for station, level in STATIONS.items():
            rng = ctx.np_rng(FEED, station, year)
            months = selected_months(year, ctx.scale)
            bad_month = months[len(months) // 2] if station == "25t" else None
            for position, month in enumerate(months):
                encoding: Encoding = "utf-8-sig" if position % 5 == 4 else "utf-8"
                header_pm25 = "PM2.5" if (position + len(station)) % 4 == 0 else "PM25"
                _write_month(
                    ctx, log, station, level, month, rng, encoding, header_pm25, bad_month == month
                )
                done += 1
                ctx.report(FEED, done, len(jobs))
    log.details["stations"] = sorted(STATIONS)
    return log


def _write_month(
    ctx: SampleContext,
    log: FeedLog,
    station: str,
    level: float,
    month: dt.date,
    rng: np.random.Generator,
    encoding: Encoding,
    header_pm25: str,
    with_bad_row: bool,
) -> None:
    record = FileRecord(
        feed=FEED,
        delivery=delivery(month_end(month) + dt.timedelta(days=2)),
        name=f"air4thai_{station}_{month:%Y%m}.csv",
        encoding=encoding,
    )
    days = np.array([month + dt.timedelta(days=d) for d in range(month_end(month).day)])
    hours = len(days) * 24
    daily = np.repeat(_pm25_daily(days, level, rng), 24)
    hour_of_day = np.tile(np.arange(1, 25) % 24, len(days))
    diurnal = 1.0 + 0.35 * np.cos(2 * np.pi * (hour_of_day - 7) / 24)
    pm25 = daily * diurnal * rng.lognormal(0.0, 0.15, hours)
    pm10 = pm25 * rng.normal(1.6 + 0.4 * (level - 1.0) * 4, 0.15, hours)
    afternoon = np.clip(np.sin(np.pi * (hour_of_day - 8) / 12), 0.0, None)
    o3 = 8 + 45 * afternoon * rng.lognormal(0.0, 0.2, hours)
    co = 0.3 + 0.012 * pm25 * rng.lognormal(0.0, 0.2, hours)
    no2 = 4 + 0.35 * pm25 * rng.lognormal(0.0, 0.3, hours)
    so2 = 1 + 0.05 * pm25 * rng.lognormal(0.0, 0.4, hours)
    ws = np.clip(rng.gamma(2.0, 0.8, hours) + 0.8 * afternoon, 0.1, None)
    wd = rng.integers(0, 360, hours)
    temp = 27 + 5 * np.sin(np.pi * (hour_of_day - 9) / 15).clip(-0.6, 1) + rng.normal(0, 0.8, hours)
    rh = np.clip(85 - 1.8 * (temp - 27) * 3 + rng.normal(0, 4, hours), 25, 99)
    columns = [
        [f"{v:.1f}" for v in pm25],
        [f"{v:.1f}" for v in pm10],
        [f"{v:.1f}" for v in o3],
        [f"{v:.2f}" for v in co],
        [f"{v:.1f}" for v in no2],
        [f"{v:.1f}" for v in so2],
        [f"{v:.1f}" for v in ws],
        [str(v) for v in wd.tolist()],
        [f"{v:.1f}" for v in temp],
        [f"{v:.0f}" for v in rh],
    ]
    missing = 0
    for values in columns:
        holes = np.flatnonzero(rng.random(hours) < MISSING_SHARE)
        for hole in holes.tolist():
            values[hole] = MISSING_TOKENS[int(rng.integers(0, len(MISSING_TOKENS)))]
        missing += len(holes)
    outage = 0
    if rng.random() < 0.5:  # an analyser outage: a run of hours without pollutant readings
        start = int(rng.integers(0, hours - 12))
        outage = int(rng.integers(4, 12))
        for values in columns[:6]:
            values[start : start + outage] = ["-999"] * outage
    first = dt.datetime.combine(month, dt.time())
    stamps = [f"{first + dt.timedelta(hours=h + 1):%Y-%m-%d %H:%M:%S}" for h in range(hours)]
    bad_at = hours // 2 if with_bad_row else -1
    lines: list[list[str]] = [list(HEADER)]
    lines[0][1] = header_pm25
    for h in range(hours):
        stamp = "" if h == bad_at else stamps[h]
        lines.append([stamp, *(values[h] for values in columns)])
        record.rows += 1
        if h == bad_at:
            record.bad.append(BadRow(len(lines), "measured_at", "", "missing_required"))
    write_csv(ctx.path(record), lines, encoding=encoding)
    log.add_file(record)
    log.quirk(f"encoding_{encoding}", f"file encoded as {encoding}", 1, record.path)
    log.quirk("hour_ending_local", "DATETIMEDATA is the hour ending, local time, no offset")
    log.quirk(
        "missing_tokens", "missing readings as -1, -999, -9999, null or blank", missing, record.path
    )
    if outage:
        log.quirk("outage_runs", "hours of -999 in every pollutant column", outage, record.path)
    if header_pm25 != "PM25":
        log.quirk("header_variant", "PM2.5 instead of PM25", 1, record.path)
    daily_means = pm25.reshape(-1, 24).mean(axis=1)
    log.quirk(
        "pm25_exceedance_days",
        f"days whose mean PM2.5 is above {PM25_STANDARD} µg/m³ (before missing values)",
        int((daily_means > PM25_STANDARD).sum()),
        record.path,
    )
    for bad in record.bad:
        log.quirk(f"bad_{bad.problem}", f"deliberately bad row: {bad.problem}", 1, record.path)

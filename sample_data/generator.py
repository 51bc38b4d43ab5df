"""Generate a deterministic, realistic set of agency deliveries for every registry feed.

Layout: ``out_dir/<YYYY-MM-DD delivery, CE>/<file>`` plus ``out_dir/manifest.json``. Per fiscal
year at scale 1:

- ``pop_<BE yyyymm>.csv``: 12 monthly DOPA extracts (cp874 / BOM / UTF-8), 111 tambon x 17 bands
- ``jpt_<BE year>_<amphoe>.csv``: 13 BMN survey files, ~180,000 households, 31 indicators
- ``traffy_saraburi_<start>_<end>.csv``: ~53 weekly exports (BOM), ~15,000 reports with points
- ``complaints_register_<amphoe>_<BE yyyymm>.csv``: ~156 district registers (mostly cp874)
- ``ศูนย์ดำรงธรรม_<BE yyyymm>.xlsx``: 12 Damrongdhama registers, ~3,000 cases
- ``รง506_<amphoe>_<BE fiscal year>.xlsx``: 13 dengue registers, ~1,500 cases
- ``ผ02_<lao_key>_2566-2570.xlsx``: 97 LAO plans (once, whatever the scale)
- ``air4thai_<station>_<yyyymm>.csv``: 24 station-months, hourly
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from sample_data import (
    feed_agency,
    feed_air4thai,
    feed_damrongdhama,
    feed_dengue,
    feed_households,
    feed_lao_plans,
    feed_population,
    feed_traffy,
)
from sample_data.areas import PointSampler, load_areas
from sample_data.context import Progress, SampleContext
from sample_data.periods import fiscal_years, volume_factor
from sample_data.summary import MANIFEST_NAME, FeedLog, SampleSummary, write_manifest
from settings import load_settings

FeedGenerator = Callable[[SampleContext], FeedLog]

GENERATORS: tuple[FeedGenerator, ...] = (
    feed_population.generate,
    feed_households.generate,
    feed_traffy.generate,
    feed_agency.generate,
    feed_damrongdhama.generate,
    feed_dengue.generate,
    feed_lao_plans.generate,
    feed_air4thai.generate,
)


def generate_sample(
    out_dir: Path,
    *,
    scale: float = 1.0,
    seed: int = 19,
    last_fiscal_year_be: int = 2568,
    progress: Progress | None = None,
) -> SampleSummary:
    """Write sample deliveries under ``out_dir/<YYYY-MM-DD>/`` and ``out_dir/manifest.json``.

    ``scale`` 1 is one province-year (fiscal year ``last_fiscal_year_be``); N > 1 is N fiscal
    years ending there; below 1 one year with volumes multiplied by ``scale``, still covering
    every amphoe and tambon. The same ``seed`` and ``scale`` give byte-identical files.
    """
    if not scale > 0:
        raise ValueError(f"scale must be positive, got {scale}")
    settings = load_settings()
    notes: list[str] = []
    sampler = None
    if settings.tambon_boundaries.is_file():
        sampler = PointSampler.from_geojson(settings.tambon_boundaries)
    else:
        notes.append(
            f"no tambon boundaries at {settings.tambon_boundaries}: Traffy reports have no "
            "coordinates (coords left empty)"
        )
    years = fiscal_years(scale, last_fiscal_year_be)
    out_dir = Path(out_dir)
    _clear(out_dir)
    ctx = SampleContext(
        out_dir=out_dir,
        scale=scale,
        seed=seed,
        years=years,
        volume=volume_factor(scale, len(years)),
        areas=load_areas(settings.lao_reference),
        sampler=sampler,
        progress=progress,
    )
    logs = [generate_feed(ctx) for generate_feed in GENERATORS]
    if len(years) > 1:
        notes.append(
            "lao_plan_projects: one plan per LAO for the period 2566-2570, whatever the number "
            "of years"
        )
    for log in logs:
        notes.extend(log.details.pop("notes", []))
    write_manifest(out_dir, scale=scale, seed=seed, fiscal_years_be=years, logs=logs, notes=notes)
    return SampleSummary(
        out_dir=out_dir,
        scale=scale,
        seed=seed,
        feeds=tuple(log.summary() for log in logs),
        notes=tuple(notes),
    )


def _clear(out_dir: Path) -> None:
    """Remove the files an earlier sample wrote (as its manifest lists them), nothing else.

    ``out_dir`` may be a landing folder holding real deliveries, so only the generator's own
    files go; a folder left empty by that is removed too.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    manifest = out_dir / MANIFEST_NAME
    if not manifest.is_file():
        return
    try:
        deliveries = json.loads(manifest.read_text(encoding="utf-8")).get("deliveries", {})
    except (ValueError, AttributeError):
        return
    for day, names in deliveries.items():
        folder = out_dir / str(day)
        for name in names:
            path = folder / str(name)
            if path.parent == folder and path.is_file():
                path.unlink()
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
    manifest.unlink()

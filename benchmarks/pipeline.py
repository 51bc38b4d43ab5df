"""The pipeline benchmark: ingest and build speed, bare-DuckDB reference, memory (not a test).

python -m benchmarks.pipeline --scale 1 --scale 10   # results in benchmarks/results/pipeline.md
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import resource
import tempfile
import time
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path

import duckdb

from ingest.landing.reference import load_references
from ingest.landing.run import discover, feed_for, run_ingest
from ingest.readers.encoding import detect_encoding, transcode_to_utf8
from ingest.registry import load_area_aliases, load_registry
from publish import build_and_publish
from settings import PROJECT_ROOT, load_settings
from thai import AreaMatcher


@dataclass
class FeedSpeed:
    feed: str
    files: int = 0
    rows: int = 0
    megabytes: float = 0.0
    ingest_seconds: float = 0.0
    bare_seconds: float | None = None  # bare DuckDB read_csv of the same files, CSV feeds only

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.ingest_seconds if self.ingest_seconds else 0.0


@dataclass
class ScaleResult:
    scale: float
    sample_seconds: float
    ingest_seconds: float
    build_seconds: float
    dbt_node_seconds: float
    dbt_nodes: int
    legacy_megabytes: float
    legacy_seconds: float
    peak_rss_mb_python: float
    peak_rss_mb_dbt: float
    feeds: list[FeedSpeed] = field(default_factory=list)

    @property
    def pipeline_seconds(self) -> float:
        """Ingest + dbt build + publish: what runs when real files arrive."""
        return self.ingest_seconds + self.build_seconds


def _max_rss_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def _bare_read(files: list[Path], scratch: Path) -> float:
    """Seconds for DuckDB alone to read the files into an on-disk table (UTF-8 copies)."""
    with duckdb.connect(str(scratch / "bare.duckdb")) as con:
        started = time.perf_counter()
        for number, path in enumerate(files):
            con.execute(
                f"create table bare_{number} as select * from read_csv(?, all_varchar = true, "
                "header = false, null_padding = true, ignore_errors = true)",
                [str(path)],
            )
        return time.perf_counter() - started


def run_scale(scale: float, root: Path, seed: int = 19) -> ScaleResult:
    from sample_data import generate_sample

    base = load_settings()
    settings = dataclasses.replace(
        load_settings(
            {"SARABURI_WAREHOUSE_DIR": str(root / "warehouse"), "SARABURI_HOME": str(base.home)}
        ),
        landing_dir=root / "landing",
        geo_dir=base.geo_dir,
        reference_dir=base.reference_dir,
        registry_dir=base.registry_dir,
    )
    settings.warehouse_dir.mkdir(parents=True)
    started = time.perf_counter()
    generate_sample(settings.landing_dir, scale=scale, seed=seed)
    sample_seconds = time.perf_counter() - started

    feeds = load_registry(settings.feeds_dir)
    matcher = AreaMatcher(aliases=load_area_aliases(settings.area_aliases))
    started = time.perf_counter()
    with duckdb.connect(str(settings.raw_path)) as con:
        load_references(
            con,
            matcher,
            settings.lao_reference,
            settings.tambon_boundaries,
            settings.amphoe_boundaries,
        )
        report = run_ingest(con, settings.landing_dir, feeds, matcher)
    ingest_seconds = time.perf_counter() - started

    speeds: dict[str, FeedSpeed] = defaultdict(lambda: FeedSpeed(feed=""))
    for outcome in report.files:
        if outcome.source is None:
            continue
        speed = speeds[outcome.source]
        speed.feed = outcome.source
        speed.files += 1
        speed.rows += outcome.rows_loaded + outcome.rows_quarantined
        speed.ingest_seconds += outcome.seconds
        speed.megabytes += (settings.landing_dir / outcome.delivered_path).stat().st_size / 1e6

    legacy_bytes, legacy_seconds = 0, 0.0
    utf8_copies: dict[str, list[Path]] = defaultdict(list)
    with tempfile.TemporaryDirectory() as scratch_name:
        scratch = Path(scratch_name)
        for number, path in enumerate(discover(settings.landing_dir)):
            feed = feed_for(path, feeds.values())
            if feed is None or feed.format != "csv":
                continue
            encoding = detect_encoding(path, feed.encoding)
            copy = scratch / f"{number}.csv"
            started = time.perf_counter()
            transcode_to_utf8(path, encoding, copy)
            if encoding == "cp874":
                legacy_seconds += time.perf_counter() - started
                legacy_bytes += path.stat().st_size
            utf8_copies[feed.name].append(copy)
        for name, files in utf8_copies.items():
            speeds[name].bare_seconds = _bare_read(files, scratch)
            (scratch / "bare.duckdb").unlink()

    result = build_and_publish(settings, log=lambda _: None)
    return ScaleResult(
        scale=scale,
        sample_seconds=sample_seconds,
        ingest_seconds=ingest_seconds,
        build_seconds=result.seconds,
        dbt_node_seconds=result.node_seconds,
        dbt_nodes=result.models + result.tests,
        legacy_megabytes=legacy_bytes / 1e6,
        legacy_seconds=legacy_seconds,
        peak_rss_mb_python=_max_rss_mb(resource.RUSAGE_SELF),
        peak_rss_mb_dbt=_max_rss_mb(resource.RUSAGE_CHILDREN),
        feeds=sorted(speeds.values(), key=lambda s: s.feed),
    )


def render_markdown(results: list[ScaleResult]) -> str:
    lines = [
        "## Pipeline (ingest → dbt build → publish)",
        "",
        "| scale | sample gen s | ingest s | dbt build s | pipeline s | dbt nodes | node s "
        "(sum) | fixed s | peak RSS python MB | peak RSS dbt MB | cp874 MB/s |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        fixed = r.build_seconds - r.dbt_node_seconds
        legacy = r.legacy_megabytes / r.legacy_seconds if r.legacy_seconds else 0.0
        lines.append(
            f"| {r.scale:g} | {r.sample_seconds:.1f} | {r.ingest_seconds:.1f} | "
            f"{r.build_seconds:.1f} | {r.pipeline_seconds:.1f} | {r.dbt_nodes} | "
            f"{r.dbt_node_seconds:.1f} | {fixed:.1f} | {r.peak_rss_mb_python:.0f} | "
            f"{r.peak_rss_mb_dbt:.0f} | {legacy:.0f} |"
        )
    lines += [
        "",
        "## Ingest per feed",
        "",
        "| scale | feed | files | rows | MB | ingest s | rows/s | bare DuckDB s | ingest ÷ bare |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        for f in r.feeds:
            bare = f"{f.bare_seconds:.2f}" if f.bare_seconds is not None else "n/a (xlsx)"
            ratio = f"{f.ingest_seconds / f.bare_seconds:.1f}×" if f.bare_seconds else "-"
            lines.append(
                f"| {r.scale:g} | {f.feed} | {f.files} | {f.rows:,} | {f.megabytes:.1f} | "
                f"{f.ingest_seconds:.2f} | {f.rows_per_second:,.0f} | {bare} | {ratio} |"
            )
    return "\n".join(lines) + "\n"


def run_benchmark(scales: list[float], output: Path | None) -> str:
    results = []
    for scale in scales:
        with tempfile.TemporaryDirectory(prefix=f"saraburi-bench-{scale:g}-") as root:
            results.append(run_scale(scale, Path(root)))
    text = render_markdown(results)
    if output is not None:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
        (output.with_suffix(".json")).write_text(
            json.dumps([asdict(r) for r in results], indent=2), encoding="utf-8"
        )
    return text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, action="append", help="scales (default 1 and 10)")
    parser.add_argument(
        "--output", type=Path, default=PROJECT_ROOT / "benchmarks" / "results" / "pipeline.md"
    )
    args = parser.parse_args(argv)
    print(run_benchmark(args.scale or [1.0, 10.0], args.output))
    print(f"results written to {args.output} (copy them into docs/benchmarks.md)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

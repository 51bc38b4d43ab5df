"""Ingest of a whole generated delivery matches what the generator says it put in the files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import duckdb
import pytest

from ingest.landing.run import run_ingest
from ingest.registry import load_area_aliases, load_registry
from sample_data import generate_sample
from thai import AreaMatcher


@pytest.fixture(scope="module")
def landed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """GIVEN a generated delivery (every feed, every quirk) ingested twice over."""
    root = tmp_path_factory.mktemp("generated")
    generate_sample(root / "landing", scale=0.02, seed=5)
    raw = root / "raw_layer.duckdb"
    matcher = AreaMatcher(aliases=load_area_aliases())
    with duckdb.connect(str(raw)) as con:
        run_ingest(con, root / "landing", load_registry(), matcher)
        second = run_ingest(con, root / "landing", load_registry(), matcher)
    assert second.rows_loaded == 0
    manifest = json.loads((root / "landing" / "manifest.json").read_text(encoding="utf-8"))
    return raw, manifest


def feeds(landed: tuple[Path, dict[str, Any]]) -> list[dict[str, Any]]:
    return [f for f in landed[1]["feeds"] if f["files"]]


def test_rows_landed_quarantined_and_skipped_match_the_manifest(
    landed: tuple[Path, dict[str, Any]],
) -> None:
    raw, _ = landed
    with duckdb.connect(str(raw), read_only=True) as con:
        for feed in feeds(landed):
            name, expected = feed["feed"], feed["expected"]
            rows = con.execute(f"select count(*) from raw.{name}").fetchone()
            quarantined, skipped = con.execute(
                "select sum(rows_quarantined), sum(rows_skipped) from raw.ingest_files "
                "where source = ?",
                [name],
            ).fetchone() or (0, 0)
            # THEN each count is exactly what the generator wrote
            assert rows == (expected["rows_landed"],), name
            assert quarantined == expected["rows_quarantined"], name
            assert skipped == expected["rows_skipped"], name


def test_every_expected_tambon_is_placed(landed: tuple[Path, dict[str, Any]]) -> None:
    raw, _ = landed
    with duckdb.connect(str(raw), read_only=True) as con:
        for feed in feeds(landed):
            codes = set(feed["expected"].get("tambon_codes_landed") or [])
            if not codes:
                continue
            # population rows carry the 8-digit registry code instead of matched area text
            column = "left(area_code, 6)" if feed["feed"] == "dopa_population" else "tambon_code"
            found = {
                row[0]
                for row in con.execute(
                    f"select distinct {column} from raw.{feed['feed']} where {column} is not null"
                ).fetchall()
            }
            assert found == codes, feed["feed"]

"""The operators' command line, driven through its runner."""

from __future__ import annotations

import json

import duckdb
from typer.testing import CliRunner

from cli import app
from settings import Settings

runner = CliRunner()


def test_sample_then_ingest_lands_every_feed_and_rerun_changes_nothing(settings: Settings) -> None:
    # GIVEN a small generated delivery
    result = runner.invoke(app, ["sample", "--scale", "0.02", "--seed", "7"])
    assert result.exit_code == 0, result.output
    manifest = json.loads((settings.landing_dir / "manifest.json").read_text(encoding="utf-8"))
    # WHEN it is ingested
    result = runner.invoke(app, ["ingest", "--strict"])
    # THEN every feed has rows, the report is printed and stored
    assert result.exit_code == 0, result.output
    assert "rows quarantined" in result.output
    with duckdb.connect(str(settings.raw_path), read_only=True) as con:
        fed = {row[0] for row in con.execute("select source from raw.ingest_files").fetchall()}
        runs = con.execute("select count(*) from raw.ingest_runs").fetchone()
    assert fed == {feed["feed"] for feed in manifest["feeds"] if feed["files"]}
    assert runs == (1,)
    # AND a second run loads nothing new
    again = runner.invoke(app, ["ingest", "--strict"])
    assert again.exit_code == 0, again.output
    assert "0 rows loaded" in again.output


def test_missing_landing_folder_is_a_clear_error(settings: Settings) -> None:
    # GIVEN no landing folder WHEN ingesting THEN a Thai/English message and exit code 2
    settings.landing_dir.rmdir()
    result = runner.invoke(app, ["ingest"])
    assert result.exit_code == 2
    assert "landing folder" in result.output
    assert "ไม่พบโฟลเดอร์" in result.output


def test_rebuild_of_an_unknown_feed_is_refused(settings: Settings) -> None:
    result = runner.invoke(app, ["ingest", "--rebuild", "no_such_feed"])
    assert result.exit_code == 2
    assert "unknown feed" in result.output

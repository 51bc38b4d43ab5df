"""Publishing: only a fully successful build becomes the current warehouse."""

from __future__ import annotations

import datetime as dt
import json
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from publish import builds
from publish.builds import BuildFailed, build_and_publish, current_build, published_builds
from settings import Settings

# A stand-in for dbt that writes the build file named by SARABURI_BUILD_PATH (as dbt-duckdb does),
# records a run_results.json, and exits with the status given in FAKE_DBT_EXIT.
FAKE_DBT = """#!/usr/bin/env python3
import json, os, sys, duckdb
target = sys.argv[sys.argv.index("--target-path") + 1]
os.makedirs(target, exist_ok=True)
con = duckdb.connect(os.environ["SARABURI_BUILD_PATH"])
con.execute("create schema if not exists marts")
con.execute("create or replace table marts.answer as select 42 as value")
con.close()
status = "fail" if os.environ.get("FAKE_DBT_EXIT", "0") != "0" else "pass"
print("1 of 2 START sql table model marts.answer", flush=True)
print("1 of 2 OK created sql table model marts.answer", flush=True)
print(f"2 of 2 {status.upper()} not_null_answer", flush=True)
json.dump({"results": [
    {"unique_id": "model.saraburi.answer", "status": "success", "execution_time": 0.1},
    {"unique_id": "test.saraburi.not_null_answer", "status": status, "failures": 0,
     "execution_time": 0.1}]}, open(os.path.join(target, "run_results.json"), "w"))
sys.exit(int(os.environ.get("FAKE_DBT_EXIT", "0")))
"""


@pytest.fixture
def fake_dbt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    script = tmp_path / "dbt"
    script.write_text(FAKE_DBT.replace("/usr/bin/env python3", sys.executable))
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setattr(builds, "_dbt_executable", lambda: str(script))
    monkeypatch.setattr(builds, "_install_spatial", lambda: None)
    yield script


def clock(*moments: str) -> Iterator[dt.datetime]:
    for moment in moments:
        yield dt.datetime.fromisoformat(moment)


def raw_layer(settings: Settings) -> None:
    duckdb.connect(str(settings.raw_path)).close()


def test_successful_build_is_published_with_its_test_results(
    settings: Settings, fake_dbt: Path
) -> None:
    # GIVEN a raw layer
    raw_layer(settings)
    # WHEN a build succeeds
    result = build_and_publish(settings, log=lambda _: None)
    # THEN the pointer names it and the build carries its dbt results
    assert current_build(settings) == result.path
    pointer = json.loads(settings.current_pointer.read_text())
    assert pointer["version"] == result.version
    with duckdb.connect(str(result.path), read_only=True) as con:
        assert con.execute("select status from meta.dbt_results order by 1").fetchall() == [
            ("pass",),
            ("success",),
        ]
        assert con.execute("select version from meta.build_info").fetchone() == (result.version,)


def test_build_reports_each_finished_dbt_node(settings: Settings, fake_dbt: Path) -> None:
    # GIVEN a raw layer WHEN building with a progress callback
    raw_layer(settings)
    seen: list[tuple[int, int]] = []
    build_and_publish(settings, log=lambda _: None, progress=lambda *step: seen.append(step))
    # THEN every finished node is reported, and no START line
    assert seen == [(1, 2), (2, 2)]


def test_failed_build_leaves_the_published_warehouse_in_place(
    settings: Settings, fake_dbt: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # GIVEN a published build
    raw_layer(settings)
    good = build_and_publish(settings, log=lambda _: None)
    # WHEN the next build fails its tests
    monkeypatch.setenv("FAKE_DBT_EXIT", "1")
    with pytest.raises(BuildFailed, match="unchanged"):
        build_and_publish(settings, log=lambda _: None)
    # THEN the pointer still names the good build and the failed file is gone
    assert current_build(settings) == good.path
    assert published_builds(settings) == [good.path]


def test_old_builds_are_pruned_but_the_current_kept(settings: Settings, fake_dbt: Path) -> None:
    # GIVEN five successive builds
    raw_layer(settings)
    moments = clock(*(f"2026-01-0{day}T10:00:00" for day in range(1, 6)))
    results = [
        build_and_publish(settings, log=lambda _: None, now=lambda: next(moments)) for _ in range(5)
    ]
    # THEN only the newest few remain and the newest is current
    assert published_builds(settings) == [r.path for r in results[-builds.KEEP_BUILDS :]]
    assert current_build(settings) == results[-1].path


def test_no_raw_layer_is_a_clear_error(settings: Settings, fake_dbt: Path) -> None:
    # GIVEN no ingest has run WHEN building THEN the operator is told what to do
    with pytest.raises(BuildFailed, match="saraburi ingest"):
        build_and_publish(settings, log=lambda _: None)
    assert current_build(settings) is None


def test_a_second_build_of_the_same_warehouse_is_refused_while_one_runs(
    settings: Settings, fake_dbt: Path
) -> None:
    # GIVEN a build holding the warehouse's build lock
    raw_layer(settings)
    # WHEN another build starts THEN it is refused, and nothing is published
    with builds._build_lock(settings), pytest.raises(BuildFailed, match="another build"):
        build_and_publish(settings, log=lambda _: None)
    assert current_build(settings) is None


def test_rollback_republishes_a_kept_build_and_refuses_an_unknown_one(
    settings: Settings, fake_dbt: Path
) -> None:
    # GIVEN two published builds
    raw_layer(settings)
    moments = clock("2026-01-01T10:00:00", "2026-01-02T10:00:00")
    first, second = (
        build_and_publish(settings, log=lambda _: None, now=lambda: next(moments)) for _ in range(2)
    )
    assert current_build(settings) == second.path
    # WHEN the operator rolls back THEN the earlier build is current again
    assert builds.publish_version(settings, first.version) == first.path
    assert current_build(settings) == first.path
    # AND an unknown version is refused without touching the pointer
    with pytest.raises(BuildFailed, match="no kept build"):
        builds.publish_version(settings, "19990101T000000000000")
    assert current_build(settings) == first.path

"""End to end on a small scale: generated files → ingest → dbt build → published marts."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from cli import app
from publish import BuildFailed, build_and_publish, current_build
from settings import Settings, load_settings

pytestmark = pytest.mark.slow
runner = CliRunner()


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Settings]:
    """One pipeline run shared by the tests of this module."""
    root = tmp_path_factory.mktemp("pipeline")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SARABURI_WAREHOUSE_DIR", str(root / "warehouse"))
        patch.setenv("SARABURI_LANDING_DIR", str(root / "landing"))
        result = runner.invoke(app, ["pipeline", "--scale", "0.03", "--no-serve"])
        assert result.exit_code == 0, result.output
        yield load_settings()


def marts(settings: Settings, sql: str) -> list[tuple[object, ...]]:
    build = current_build(settings)
    assert build is not None
    with duckdb.connect(str(build), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_published_build_has_every_area_and_passed_all_tests(published: Settings) -> None:
    # THEN the province, its 13 amphoe and 111 tambon are in dim_area
    assert marts(
        published, "select area_level, count(*) from marts.dim_area group by 1 order by 1"
    ) == [
        ("amphoe", 13),
        ("province", 1),
        ("tambon", 111),
    ]
    # AND the build carries its own dbt results, none failed
    statuses = {row[0] for row in marts(published, "select status from meta.dbt_results")}
    assert statuses <= {"success", "pass", "no-op"}
    assert marts(published, "select count(*) > 50 from meta.dbt_results") == [(True,)]


def test_population_mart_equals_the_landed_rows(published: Settings) -> None:
    # GIVEN the raw layer WHEN summing people THEN the mart holds exactly the landed population
    with duckdb.connect(str(published.raw_path), read_only=True) as con:
        landed = con.execute(
            "select sum(male + female) from raw.dopa_population where area_code not like '%0000'"
        ).fetchone()
    assert marts(published, "select sum(total_count) from marts.fct_population_monthly") == [landed]


def test_failed_build_keeps_the_published_warehouse(published: Settings, tmp_path: Path) -> None:
    # GIVEN a published build
    before = current_build(published)
    assert before is not None
    # WHEN the raw layer gets a duplicated area (so dim_area's unique test fails) and dbt builds
    with duckdb.connect(str(published.raw_path)) as con:
        con.execute("insert into raw.ref_areas select * from raw.ref_areas limit 1")
    try:
        with pytest.raises(BuildFailed):
            build_and_publish(published, log=lambda _: None)
    finally:
        with duckdb.connect(str(published.raw_path)) as con:
            con.execute(
                "create or replace table raw.ref_areas as select distinct * from raw.ref_areas"
            )
    # THEN readers still get the earlier build, whole
    assert current_build(published) == before
    assert marts(published, "select count(*) from marts.dim_area") == [(125,)]

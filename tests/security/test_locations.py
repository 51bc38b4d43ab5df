"""No exact citizen location in public: public exports and the public board get points rounded to
about 100 m, or the tambon's centre for sensitive categories; exact points and row-level tables
about people are staff downloads only (issue 9, "Exact citizen coordinates are downloadable by
anyone from the Exports page")."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from app import data
from complaints import views
from complaints.location import SENSITIVE_CATEGORIES, tambon_centroid
from operations.db import Store
from tests.complaints.ops_helpers import T0, submit

EXACT = (14.531234, 100.912345)


@pytest.fixture
def build(tmp_path: Path) -> str:
    """A warehouse build with the two marts the complaints export reads (real DuckDB)."""
    path = tmp_path / "warehouse.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("create schema marts")
        con.execute(
            "create table marts.fct_complaints as select * from (values "
            "('C1', 'road_footpath', '190101', '1901', 14.531234, 100.912345), "
            "('C2', 'safety_crime', '190101', '1901', 14.531234, 100.912345), "
            "('C3', 'road_footpath', '190101', '1901', null, null)"
            ") as t(complaint_id, category_code, tambon_code, amphoe_code, latitude, longitude)"
        )
        con.execute(
            "create table marts.dim_area as select '190101' as area_code, "
            "14.5351 as centroid_latitude, 100.9159 as centroid_longitude"
        )
        con.execute("create table marts.fct_dengue_cases as select '190101' as tambon_code")
    return str(path)


def test_the_public_complaints_export_has_no_exact_points(build: str) -> None:
    # WHEN anyone downloads the complaints table
    frame, _ = data.export_table(build, "complaints", None)
    points = {row.complaint_id: (row.latitude, row.longitude) for row in frame.itertuples()}
    # THEN ordinary cases are rounded to ~100 m, sensitive ones sit at the tambon's centre
    assert points["C1"] == (14.531, 100.912)
    assert points["C2"] == (14.535, 100.916)
    assert points["C3"][0] != points["C3"][0]  # no point stays no point (NaN)
    assert "safety_crime" in SENSITIVE_CATEGORIES


def test_exact_points_and_row_level_tables_are_staff_downloads(build: str) -> None:
    frame, _ = data.export_table(build, "complaints", None, exact=True)
    assert tuple(frame.loc[frame.complaint_id == "C1", ["latitude", "longitude"]].iloc[0]) == EXACT
    assert "dengue_cases" not in data.export_keys(staff=False)
    assert "dengue_cases" in data.export_keys(staff=True)
    with pytest.raises(PermissionError):
        data.export_table(build, "dengue_cases", None)


def test_the_public_board_never_shows_the_exact_point(store: Store) -> None:
    submit(store, at=T0, latitude=EXACT[0], longitude=EXACT[1])
    submit(
        store, at=T0, category_code="safety_crime", village_no=8, latitude=14.52, longitude=100.9
    )
    rows = {row.category_code: row for row in views.board(store, T0, days=1)}
    assert (rows["road_footpath"].latitude, rows["road_footpath"].longitude) == (14.531, 100.912)
    centre = tambon_centroid("190101")
    assert (rows["safety_crime"].latitude, rows["safety_crime"].longitude) == centre

"""The data-access module: read-only, parameterised, row-capped, follows the published build."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest
from fixture_warehouse import make_warehouse

from app import data


def test_connection_is_read_only(build_path: Path) -> None:
    with pytest.raises(duckdb.Error):
        data._connection(str(build_path)).cursor().execute("create table marts.x (a int)")


def test_no_query_returns_more_than_the_row_cap(build_path: Path) -> None:
    frame = data.query(str(build_path), "select * from range(200000) as t(x)")
    assert len(frame) <= data.MAX_ROWS + 1


def test_export_reports_truncation_and_never_exceeds_the_cap(build_path: Path) -> None:
    frame, truncated = data.export_table(str(build_path), "complaints", "19")
    assert not truncated and len(frame) == 600
    assert "boundary_geojson" not in data.export_table(str(build_path), "areas", None)[0].columns


def test_exports_only_from_the_fixed_list(build_path: Path) -> None:
    with pytest.raises(KeyError):
        data.export_table(str(build_path), "marts.dim_area; drop table x", None)


@pytest.mark.parametrize("bad", ["19' or 1=1 --", "1", "2001", "abcd", "190101 ", "99"])
def test_area_codes_are_validated_before_any_query(bad: str) -> None:
    with pytest.raises(ValueError):
        data.area_filter(bad)


def test_area_filters_by_level() -> None:
    assert data.area_filter(None) == {"amphoe": None, "tambon": None}
    assert data.area_filter("1902") == {"amphoe": "1902", "tambon": None}
    assert data.area_filter("190201") == {"amphoe": None, "tambon": "190201"}


def test_area_scoped_aggregates_add_up(build_path: Path) -> None:
    path = str(build_path)
    province = int(data.complaint_totals(path, "19").iloc[0]["total"])
    by_amphoe = data.complaints_by_area(path, "19")
    assert int(by_amphoe["total"].sum()) == province
    one = by_amphoe.iloc[0]["area_code"]
    tambons = data.complaints_by_area(path, one)
    assert int(tambons["total"].sum()) == int(data.complaint_totals(path, one).iloc[0]["total"])


def test_boundaries_are_clockwise_for_d3(build_path: Path) -> None:
    from shapely.geometry import shape

    features = data.boundaries(str(build_path), "amphoe", None)
    assert len(features) == 13
    for feature in features:
        geometry = shape(feature["geometry"])
        polygons = getattr(geometry, "geoms", [geometry])
        assert all(not p.exterior.is_ccw for p in polygons)


def test_current_build_follows_the_pointer(
    tmp_path: Path, use_warehouse: Callable[[Path], None]
) -> None:
    use_warehouse(tmp_path)
    assert data.current_build_path() is None
    first = make_warehouse(tmp_path, version="20250505T000000000000")
    assert data.current_build_path() == str(first)
    second = make_warehouse(tmp_path, version="20250606T000000000000")
    assert data.current_build_path() == str(second)
    assert data.build_info(str(second)).version == "20250606T000000000000"

"""Is a point inside Saraburi? A bounding box always; the tambon polygons when the file exists."""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path

# Saraburi's extent from the COD-AB tambon layer, with ~1 km of margin for simplified borders.
BBOX_MIN_LON = 100.565
BBOX_MAX_LON = 101.460
BBOX_MIN_LAT = 14.233
BBOX_MAX_LAT = 15.083
# Points this close (degrees, ~500 m) to the simplified border are accepted.
BORDER_TOLERANCE_DEG = 0.005
EARTH_RADIUS_M = 6_371_000.0


def in_bounding_box(latitude: float, longitude: float) -> bool:
    return BBOX_MIN_LAT <= latitude <= BBOX_MAX_LAT and BBOX_MIN_LON <= longitude <= BBOX_MAX_LON


class ProvinceShape:
    """Tambon polygons of the province (shapely), for point-in-polygon checks."""

    def __init__(self, geojson_path: Path) -> None:
        from shapely.geometry import shape
        from shapely.ops import unary_union
        from shapely.prepared import prep

        features = json.loads(geojson_path.read_text(encoding="utf-8"))["features"]
        self._tambons = [
            (str(f["properties"].get("ADM3_PCODE", ""))[2:], shape(f["geometry"])) for f in features
        ]
        union = unary_union([geometry for _, geometry in self._tambons])
        self._outline = prep(union.buffer(BORDER_TOLERANCE_DEG))

    def contains(self, latitude: float, longitude: float) -> bool:
        from shapely.geometry import Point

        return bool(self._outline.contains(Point(longitude, latitude)))

    def centroid(self, tambon_code: str) -> tuple[float, float] | None:
        """(latitude, longitude) of the tambon's centre; None for an unknown code."""
        for code, geometry in self._tambons:
            if code == tambon_code:
                centre = geometry.centroid
                return float(centre.y), float(centre.x)
        return None

    def tambon_at(self, latitude: float, longitude: float) -> str | None:
        from shapely.geometry import Point

        point = Point(longitude, latitude)
        for code, geometry in self._tambons:
            if geometry.contains(point):
                return code
        return None


@lru_cache(maxsize=4)
def province_shape(geojson_path: Path) -> ProvinceShape | None:
    """The shape from ``geojson_path``; None when the (optional) file is missing or unreadable."""
    try:
        return ProvinceShape(geojson_path) if geojson_path.is_file() else None
    except (OSError, ValueError, KeyError, ImportError):
        return None


def in_province(latitude: float, longitude: float, shape: ProvinceShape | None) -> bool:
    if not (math.isfinite(latitude) and math.isfinite(longitude)):
        return False
    if not in_bounding_box(latitude, longitude):
        return False
    return shape is None or shape.contains(latitude, longitude)


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres (haversine)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlmb = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(a))

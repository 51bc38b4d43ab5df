"""Where the public may see a case: the one rule for the board, public exports and any public API.

Exact coordinates are for the officers of the case's agency only. Everyone else gets the point
rounded to :data:`PUBLIC_COORD_DECIMALS` decimals (about 100 m, so no doorstep is pinned), and for
the sensitive categories (:data:`SENSITIVE_CATEGORIES`: tip-offs, help requests, land and debt
disputes, complaints about officials) only the centre of the tambon, or nothing when the tambon's
shape is not configured.
"""

from __future__ import annotations

from typing import Final

from operations.geo import province_shape
from settings import load_settings

PUBLIC_COORD_DECIMALS: Final = 3
SENSITIVE_CATEGORIES: Final[frozenset[str]] = frozenset(
    {"safety_crime", "social_welfare", "land_debt", "officer_conduct"}
)


def public_point(
    category_code: str, tambon_code: str, latitude: float | None, longitude: float | None
) -> tuple[float | None, float | None]:
    if latitude is None or longitude is None:
        return None, None
    if category_code in SENSITIVE_CATEGORIES:
        return tambon_centroid(tambon_code)
    return round(latitude, PUBLIC_COORD_DECIMALS), round(longitude, PUBLIC_COORD_DECIMALS)


def tambon_centroid(tambon_code: str) -> tuple[float | None, float | None]:
    shape = province_shape(load_settings().tambon_boundaries)
    centre = shape.centroid(tambon_code) if shape is not None else None
    if centre is None:
        return None, None
    return round(centre[0], PUBLIC_COORD_DECIMALS), round(centre[1], PUBLIC_COORD_DECIMALS)

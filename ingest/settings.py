"""The platform's paths and switches, read from the environment once.

Every tool (ingest, dbt through ``profiles.yml``, the app and the tests) takes the warehouse
location from ``SARABURI_WAREHOUSE_DIR``, so one variable moves the whole platform.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _path_from_env(name: str, default: Path) -> Path:
    value = os.environ.get(name, "").strip()
    return Path(value).expanduser().resolve() if value else default


@dataclass(frozen=True)
class Settings:
    """Where the platform reads and writes; build one with :func:`load_settings`."""

    warehouse_dir: Path
    landing_dir: Path
    geo_dir: Path
    reference_dir: Path

    @property
    def raw_path(self) -> Path:
        """The raw layer: one DuckDB file that ingest writes and dbt reads."""
        return self.warehouse_dir / "raw_layer.duckdb"

    @property
    def builds_dir(self) -> Path:
        """Versioned warehouse builds; only the published one is read by the app."""
        return self.warehouse_dir / "builds"

    @property
    def current_pointer(self) -> Path:
        """JSON file naming the published build (swapped atomically)."""
        return self.warehouse_dir / "current.json"

    @property
    def operational_url(self) -> str:
        """SQLAlchemy URL of the operational store that citizens and officers write."""
        default = f"sqlite:///{self.warehouse_dir / 'operational.sqlite'}"
        return os.environ.get("SARABURI_OPERATIONAL_URL", default)

    @property
    def tambon_boundaries(self) -> Path:
        return self.geo_dir / "saraburi_adm3_tambon.geojson"

    @property
    def amphoe_boundaries(self) -> Path:
        return self.geo_dir / "saraburi_adm2_amphoe.geojson"

    @property
    def lao_reference(self) -> Path:
        return self.reference_dir / "saraburi_lao.csv"


def load_settings() -> Settings:
    """Read the settings from the environment, falling back to the embedded defaults."""
    shared = PROJECT_ROOT.parent / "shared"
    warehouse_dir = _path_from_env("SARABURI_WAREHOUSE_DIR", PROJECT_ROOT / "warehouse")
    return Settings(
        warehouse_dir=warehouse_dir,
        landing_dir=_path_from_env("SARABURI_LANDING_DIR", PROJECT_ROOT / "data" / "landing"),
        geo_dir=_path_from_env("SARABURI_GEO_DIR", shared / "geo"),
        reference_dir=_path_from_env("SARABURI_REFERENCE_DIR", shared / "reference"),
    )

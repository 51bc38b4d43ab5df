"""The platform's paths, read from ``SARABURI_*`` environment variables once.

Every tool (ingest, dbt through ``profiles.yml``, the CLI, the app, the API and the tests) takes its
paths from here, so a deployment sets variables, never code. Each path has its own variable and a
default under one root, ``SARABURI_HOME`` (the project folder):

========================== ============================================= ===========================
variable                   default                                       what
========================== ============================================= ===========================
SARABURI_HOME              the project folder                            root of every default
SARABURI_WAREHOUSE_DIR     $SARABURI_HOME/warehouse                      DuckDB files and pointer
SARABURI_RAW_PATH          $SARABURI_WAREHOUSE_DIR/raw_layer.duckdb      raw layer (ingest writes)
SARABURI_BUILDS_DIR        $SARABURI_WAREHOUSE_DIR/builds                versioned dbt builds
SARABURI_PUBLISHED_POINTER $SARABURI_WAREHOUSE_DIR/current.json          names the published build
SARABURI_OPERATIONAL_URL   sqlite:///$SARABURI_WAREHOUSE_DIR/operational.sqlite   operational store
SARABURI_UPLOADS_DIR       $SARABURI_WAREHOUSE_DIR/uploads               files sent through the app
SARABURI_LANDING_DIR       $SARABURI_HOME/data/landing                   delivered agency files
SARABURI_REGISTRY_DIR      $SARABURI_HOME/ingest/registry                feed registry, area aliases
SARABURI_GEO_DIR           $SARABURI_HOME/../shared/geo                  COD-AB boundaries
SARABURI_REFERENCE_DIR     $SARABURI_HOME/../shared/reference            the LAO list
SARABURI_AUDIT_ANCHOR      $SARABURI_WAREHOUSE_DIR/audit_anchor.json     last verified audit row
SARABURI_TRUSTED_PROXIES   127.0.0.1                                     proxies whose
                                                                         X-Forwarded-For is trusted
========================== ============================================= ===========================

``SARABURI_BUILD_PATH`` is not a setting: it is the file one dbt invocation writes, set by
:mod:`publish` for each build (``profiles.yml`` falls back to a scratch file beside the builds).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Settings:
    """Where the platform reads and writes; build one with :func:`load_settings`."""

    home: Path
    warehouse_dir: Path
    raw_path: Path
    builds_dir: Path
    current_pointer: Path
    operational_url: str
    uploads_dir: Path
    landing_dir: Path
    registry_dir: Path
    geo_dir: Path
    reference_dir: Path
    audit_anchor: Path
    trusted_proxies: tuple[str, ...]

    @property
    def feeds_dir(self) -> Path:
        """One YAML entry per agency feed."""
        return self.registry_dir / "feeds"

    @property
    def area_aliases(self) -> Path:
        """Analyst-kept area names that the matcher cannot resolve by itself."""
        return self.registry_dir / "area_aliases.yml"

    @property
    def tambon_boundaries(self) -> Path:
        return self.geo_dir / "saraburi_adm3_tambon.geojson"

    @property
    def amphoe_boundaries(self) -> Path:
        return self.geo_dir / "saraburi_adm2_amphoe.geojson"

    @property
    def lao_reference(self) -> Path:
        return self.reference_dir / "saraburi_lao.csv"

    def dbt_environment(self) -> dict[str, str]:
        """The variables ``profiles.yml`` reads, for a dbt process started by the platform."""
        return {
            "SARABURI_WAREHOUSE_DIR": str(self.warehouse_dir),
            "SARABURI_RAW_PATH": str(self.raw_path),
            "SARABURI_BUILDS_DIR": str(self.builds_dir),
        }


def _path(environ: Mapping[str, str], name: str, default: Path) -> Path:
    value = environ.get(name, "").strip()
    return Path(value).expanduser().resolve() if value else default


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """Read the settings from the environment, falling back to the embedded defaults."""
    env = os.environ if environ is None else environ
    home = _path(env, "SARABURI_HOME", PROJECT_ROOT)
    warehouse_dir = _path(env, "SARABURI_WAREHOUSE_DIR", home / "warehouse")
    operational_url = env.get("SARABURI_OPERATIONAL_URL", "").strip() or (
        f"sqlite:///{warehouse_dir / 'operational.sqlite'}"
    )
    return Settings(
        home=home,
        warehouse_dir=warehouse_dir,
        raw_path=_path(env, "SARABURI_RAW_PATH", warehouse_dir / "raw_layer.duckdb"),
        builds_dir=_path(env, "SARABURI_BUILDS_DIR", warehouse_dir / "builds"),
        current_pointer=_path(env, "SARABURI_PUBLISHED_POINTER", warehouse_dir / "current.json"),
        operational_url=operational_url,
        uploads_dir=_path(env, "SARABURI_UPLOADS_DIR", warehouse_dir / "uploads"),
        landing_dir=_path(env, "SARABURI_LANDING_DIR", home / "data" / "landing"),
        registry_dir=_path(env, "SARABURI_REGISTRY_DIR", home / "ingest" / "registry"),
        geo_dir=_path(env, "SARABURI_GEO_DIR", home.parent / "shared" / "geo"),
        reference_dir=_path(env, "SARABURI_REFERENCE_DIR", home.parent / "shared" / "reference"),
        audit_anchor=_path(env, "SARABURI_AUDIT_ANCHOR", warehouse_dir / "audit_anchor.json"),
        trusted_proxies=tuple(
            part.strip()
            for part in env.get("SARABURI_TRUSTED_PROXIES", "127.0.0.1").split(",")
            if part.strip()
        ),
    )

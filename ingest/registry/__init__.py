"""The declarative registry of agency feeds: one YAML file per feed in ``feeds/``."""

from ingest.registry.loader import RegistryError, load_area_aliases, load_registry
from ingest.registry.model import (
    AreaSpec,
    ColumnSpec,
    ColumnType,
    FeedSpec,
    FilenameField,
    HeaderSpec,
    RowRule,
)

__all__ = [
    "AreaSpec",
    "ColumnSpec",
    "ColumnType",
    "FeedSpec",
    "FilenameField",
    "HeaderSpec",
    "RegistryError",
    "RowRule",
    "load_area_aliases",
    "load_registry",
]

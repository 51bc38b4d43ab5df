"""Read and validate the feed registry."""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import ValidationError

from ingest.registry.model import FeedSpec

FEEDS_DIR = Path(__file__).parent / "feeds"


class RegistryError(ValueError):
    """A registry entry is malformed; the message names the file and the field."""


def _load_entry(path: Path) -> FeedSpec:
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise RegistryError(f"{path.name}: not valid YAML / YAML ไม่ถูกต้อง: {error}") from error
    if not isinstance(document, dict):
        raise RegistryError(f"{path.name}: expected a mapping / ต้องเป็น mapping")
    try:
        return FeedSpec.model_validate(document)
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or '(entry)'}: {e['msg']}" for e in error.errors()
        )
        raise RegistryError(f"{path.name}: รายการไม่ถูกต้อง / invalid entry: {problems}") from error


def load_registry(feeds_dir: Path = FEEDS_DIR) -> dict[str, FeedSpec]:
    """Every feed in ``feeds_dir`` by name; names and file patterns must be unique."""
    feeds: dict[str, FeedSpec] = {}
    for path in sorted(feeds_dir.glob("*.yml")):
        feed = _load_entry(path)
        if feed.name in feeds:
            raise RegistryError(f"{path.name}: feed name {feed.name!r} is used twice / ชื่อซ้ำ")
        if path.stem != feed.name:
            raise RegistryError(f"{path.name}: file must be named {feed.name}.yml")
        feeds[feed.name] = feed
    return feeds

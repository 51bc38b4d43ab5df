"""Read and validate the feed registry."""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import ValidationError

from ingest.registry.model import FeedSpec
from settings import load_settings


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


def load_registry(feeds_dir: Path | None = None) -> dict[str, FeedSpec]:
    """Every feed in ``feeds_dir`` (default: the configured registry) by name, names unique."""
    feeds_dir = feeds_dir or load_settings().feeds_dir
    feeds: dict[str, FeedSpec] = {}
    for path in sorted(feeds_dir.glob("*.yml")):
        feed = _load_entry(path)
        if feed.name in feeds:
            raise RegistryError(f"{path.name}: feed name {feed.name!r} is used twice / ชื่อซ้ำ")
        if path.stem != feed.name:
            raise RegistryError(f"{path.name}: file must be named {feed.name}.yml")
        feeds[feed.name] = feed
    return feeds


def load_area_aliases(path: Path | None = None) -> dict[str, str]:
    """Analyst-kept area names → tambon codes (validated when the matcher is built)."""
    path = path or load_settings().area_aliases
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as error:
        raise RegistryError(f"{path.name}: อ่านไม่ได้ / cannot be read: {error}") from error
    aliases = document.get("aliases") or {}
    if not isinstance(aliases, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in aliases.items()
    ):
        raise RegistryError(f"{path.name}: aliases must map text to a tambon code (as text)")
    return dict(aliases)

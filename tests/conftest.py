"""Shared fixtures: an isolated warehouse and landing folder per test."""

from __future__ import annotations

from pathlib import Path

import pytest

from settings import Settings, load_settings


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """Settings pointing at a fresh warehouse and landing folder under tmp_path."""
    monkeypatch.setenv("SARABURI_WAREHOUSE_DIR", str(tmp_path / "warehouse"))
    monkeypatch.setenv("SARABURI_LANDING_DIR", str(tmp_path / "landing"))
    result = load_settings()
    result.landing_dir.mkdir(parents=True)
    result.warehouse_dir.mkdir(parents=True)
    return result

"""Fixtures of the app tests: published fixture warehouses and an AppTest factory."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from appdriver import open_page
from fixture_warehouse import make_warehouse
from streamlit.testing.v1 import AppTest


@pytest.fixture(scope="session")
def warehouse_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A published fixture warehouse with boundaries (shared by the session: read-only)."""
    directory = tmp_path_factory.mktemp("warehouse")
    make_warehouse(directory)
    return directory


@pytest.fixture(scope="session")
def build_path(warehouse_dir: Path) -> Path:
    pointer = json.loads((warehouse_dir / "current.json").read_text(encoding="utf-8"))
    return warehouse_dir / pointer["path"]


@pytest.fixture
def use_warehouse(monkeypatch: pytest.MonkeyPatch) -> Callable[[Path], None]:
    def use(directory: Path) -> None:
        monkeypatch.setenv("SARABURI_WAREHOUSE_DIR", str(directory))

    return use


@pytest.fixture
def open_app(warehouse_dir: Path, use_warehouse: Callable[[Path], None]) -> Callable[..., AppTest]:
    """``open_app("map")``: the app run on that page (a url path of app/navigation.py)."""
    use_warehouse(warehouse_dir)
    return open_page

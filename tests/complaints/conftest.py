"""Fixtures of the operational tests: a migrated, seeded SQLite store per test (copied from a
template made once per session), demo users who replaced their one-time passwords, a fixed clock."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from ops_helpers import demo_users_ready, principal

from operations.auth import Principal
from operations.db import Store


@dataclass(frozen=True)
class Template:
    path: Path
    passwords: dict[str, str]


@pytest.fixture(scope="session")
def template(tmp_path_factory: pytest.TempPathFactory) -> Template:
    """Demo users who have already replaced their one-time passwords (as they must first)."""
    path = tmp_path_factory.mktemp("ops-template") / "operational.sqlite"
    passwords = demo_users_ready(f"sqlite:///{path}")
    return Template(path, passwords)


@pytest.fixture
def ops_url(template: Template, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    target = tmp_path / "operational.sqlite"
    shutil.copy(template.path, target)
    url = f"sqlite:///{target}"
    monkeypatch.setenv("SARABURI_OPERATIONAL_URL", url)
    return url


@pytest.fixture
def store(ops_url: str) -> Iterator[Store]:
    result = Store(ops_url)
    yield result
    result.dispose()


@pytest.fixture
def passwords(template: Template) -> dict[str, str]:
    return template.passwords


@pytest.fixture
def officer(store: Store) -> Principal:
    """Officer of lgo_1901 (roads, drains, waste, lighting, trees in Mueang Saraburi)."""
    return principal(store, "demo_officer")


@pytest.fixture
def other_officer(store: Store) -> Principal:
    """Officer of the Damrongdhama centre: another agency."""
    return principal(store, "demo_officer_damrongdhama")


@pytest.fixture
def executive(store: Store) -> Principal:
    return principal(store, "demo_executive")


@pytest.fixture
def admin_user(store: Store) -> Principal:
    return principal(store, "demo_admin")

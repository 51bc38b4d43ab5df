"""Fixtures of the security tests: the operational store on SQLite and, marked ``postgres``, on a
throwaway PostgreSQL server; demo users who have replaced their one-time passwords."""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from operations.auth import Principal
from operations.db import Store
from tests.complaints.ops_helpers import demo_users_ready, principal
from tests.pg_support import create_database, postgres_server

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@dataclass(frozen=True)
class Template:
    location: str  # a SQLite file, or a PostgreSQL template database name
    passwords: dict[str, str]


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Template:
    path = tmp_path_factory.mktemp("security-template") / "operational.sqlite"
    return Template(str(path), demo_users_ready(f"sqlite:///{path}"))


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    with postgres_server() as url:
        yield url


@pytest.fixture(scope="session")
def pg_template(pg_server: str) -> Template:
    url = create_database(pg_server, "ops_template")
    return Template("ops_template", demo_users_ready(url))


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def store_url(
    backend: str, request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> str:
    """A fresh, migrated store with the demo users, on ``backend``."""
    if backend == "sqlite":
        template: Template = request.getfixturevalue("sqlite_template")
        target = tmp_path / "operational.sqlite"
        shutil.copy(template.location, target)
        url = f"sqlite:///{target}"
    else:
        template = request.getfixturevalue("pg_template")
        server: str = request.getfixturevalue("pg_server")
        url = create_database(server, f"t_{uuid.uuid4().hex[:16]}", template.location)
    monkeypatch.setenv("SARABURI_OPERATIONAL_URL", url)
    monkeypatch.setenv("SARABURI_WAREHOUSE_DIR", str(tmp_path / "warehouse"))
    return url


@pytest.fixture
def passwords(backend: str, request: pytest.FixtureRequest) -> dict[str, str]:
    fixture = "sqlite_template" if backend == "sqlite" else "pg_template"
    template: Template = request.getfixturevalue(fixture)
    return template.passwords


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    result = Store(store_url)
    yield result
    result.dispose()


@pytest.fixture
def officer(store: Store) -> Principal:
    return principal(store, "demo_officer")


@pytest.fixture
def other_officer(store: Store) -> Principal:
    return principal(store, "demo_officer_damrongdhama")


@pytest.fixture
def executive(store: Store) -> Principal:
    return principal(store, "demo_executive")


@pytest.fixture
def admin_user(store: Store) -> Principal:
    return principal(store, "demo_admin")

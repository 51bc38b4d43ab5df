"""A throwaway PostgreSQL server for the tests (Debian's ``postgresql``, from ``./dev test``).

``initdb`` into a fresh folder and ``pg_ctl start`` on a unix socket only (no TCP port), as the
``postgres`` OS user when the tests run as root (PostgreSQL refuses to run as root). Durability is
switched off: the server lives for one test session and is stopped (``immediate``) at its end.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import create_engine, text

BIN_DIRS = sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
PORT = 5433  # only names the socket file; nothing listens on TCP


def _binary(name: str) -> str:
    for directory in BIN_DIRS:
        if (directory / name).exists():
            return str(directory / name)
    found = shutil.which(name)
    if found is None:
        raise RuntimeError(
            f"PostgreSQL's {name} is missing: run ./dev test (it installs Debian's postgresql)"
        )
    return found


def _as_server_user(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


@contextlib.contextmanager
def postgres_server() -> Iterator[str]:
    """Yield the SQLAlchemy URL of the ``postgres`` database of a fresh server."""
    folder = Path(tempfile.mkdtemp(prefix="saraburi-pg-"))
    data, socket_dir = folder / "data", folder / "run"
    socket_dir.mkdir()
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
        shutil.chown(socket_dir, "postgres")
    subprocess.run(
        _as_server_user(
            [_binary("initdb"), "-D", str(data), "-U", "postgres", "-A", "trust",
             "--no-sync", "-E", "UTF8", "--locale", "C"]
        ),
        check=True, capture_output=True,
    )  # fmt: skip
    options = (
        f"-k {socket_dir} -p {PORT} -c listen_addresses='' -c fsync=off "
        "-c synchronous_commit=off -c full_page_writes=off -c max_connections=50"
    )
    subprocess.run(
        _as_server_user(
            [_binary("pg_ctl"), "-D", str(data), "-o", options, "-l", str(folder / "log"),
             "-w", "-t", "60", "start"]
        ),
        check=True, capture_output=True,
    )  # fmt: skip
    try:
        yield f"postgresql+psycopg://postgres@/postgres?host={socket_dir}&port={PORT}"
    finally:
        subprocess.run(
            _as_server_user([_binary("pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
            check=False, capture_output=True,
        )  # fmt: skip
        shutil.rmtree(folder, ignore_errors=True)


def database_url(server_url: str, name: str) -> str:
    return server_url.replace("/postgres?", f"/{name}?", 1)


def create_database(server_url: str, name: str, template: str | None = None) -> str:
    """A new database (optionally a copy of ``template``); returns its URL."""
    engine = create_engine(server_url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            clause = f" TEMPLATE {template}" if template else ""
            connection.execute(text(f"CREATE DATABASE {name}{clause}"))
    finally:
        engine.dispose()
    return database_url(server_url, name)

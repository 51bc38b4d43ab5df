"""Versioned warehouse builds and the pointer that names the published one.

Readers (the app) open the path the pointer names, read-only. A build writes only its own new
file, so it never blocks a reader and a reader never blocks it; the pointer is replaced with an
atomic rename only after ``dbt build`` (models and tests) succeeded. DuckDB's Python client caches
one database instance per path, which is why a published file is never replaced in place.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb

from settings import PROJECT_ROOT, Settings

KEEP_BUILDS = 3


class BuildFailed(RuntimeError):
    """dbt build failed; the published warehouse is unchanged."""


@dataclass(frozen=True)
class BuildResult:
    version: str
    path: Path
    seconds: float
    models: int
    tests: int
    pruned: tuple[Path, ...]
    node_seconds: float = 0.0  # time dbt reports inside models, seeds and tests


def current_build(settings: Settings) -> Path | None:
    """The published build's file, or None when nothing has been published yet."""
    try:
        pointer = json.loads(settings.current_pointer.read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return None
    named = str(pointer.get("path", ""))
    path = (settings.current_pointer.parent / named).resolve()
    return path if named and path.is_file() else None


def published_builds(settings: Settings) -> list[Path]:
    return sorted(settings.builds_dir.glob("warehouse_*.duckdb"))


def _dbt_executable() -> str:
    candidate = Path(sys.executable).with_name("dbt")
    return str(candidate) if candidate.exists() else "dbt"


def build_and_publish(
    settings: Settings,
    *,
    log: Callable[[str], None] = print,
    now: Callable[[], dt.datetime] = dt.datetime.now,
    dbt_args: tuple[str, ...] = (),
    progress: Callable[[int, int], None] | None = None,
) -> BuildResult:
    """Run ``dbt build`` into a new file; publish it only if every model and test passed.

    dbt always writes the same path (``builds/_building.duckdb``) and the same target folder, so
    its partial parsing survives between builds; the finished file is renamed to its version.
    One build at a time per warehouse (a lock file), so two operators cannot interleave.
    """
    if not settings.raw_path.is_file():
        raise BuildFailed(
            f"ยังไม่มีชั้นข้อมูลดิบ {settings.raw_path} ให้รัน 'saraburi ingest' ก่อน / "
            f"no raw layer at {settings.raw_path}: run 'saraburi ingest' first"
        )
    with _build_lock(settings):
        return _build_locked(settings, log, now, dbt_args, progress)


@contextlib.contextmanager
def _build_lock(settings: Settings) -> Iterator[None]:
    settings.builds_dir.mkdir(parents=True, exist_ok=True)
    with (settings.builds_dir / ".build.lock").open("w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as error:
            raise BuildFailed(
                "มีการสร้างคลังข้อมูลอื่นกำลังทำงานอยู่ / another build of this warehouse is running"
            ) from error
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _build_locked(
    settings: Settings,
    log: Callable[[str], None],
    now: Callable[[], dt.datetime],
    dbt_args: tuple[str, ...],
    progress: Callable[[int, int], None] | None,
) -> BuildResult:
    built_at = now()
    version = built_at.strftime("%Y%m%dT%H%M%S%f")
    building = settings.builds_dir / "_building.duckdb"
    path = settings.builds_dir / f"warehouse_{version}.duckdb"
    target = settings.builds_dir / "dbt-target"
    _discard(building)
    started = time.perf_counter()
    _install_spatial()
    env = {
        **os.environ,
        **settings.dbt_environment(),
        "SARABURI_BUILD_PATH": str(building),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }
    command = [
        _dbt_executable(),
        "build",
        "--target-path",
        str(target),
        "--log-path",
        str(target / "logs"),
        *dbt_args,
    ]
    (target / "run_results.json").unlink(missing_ok=True)
    returncode, output = _run_dbt(command, env, progress)
    results = _read_results(target / "run_results.json")
    if returncode != 0:
        _discard(building)
        failing = [r for r in results if r["status"] not in ("success", "pass", "skipped", "no-op")]
        detail = "; ".join(f"{r['unique_id']}: {r['status']}" for r in failing[:10])
        tail = "\n".join(output[-15:])
        raise BuildFailed(
            "dbt build ไม่ผ่าน คลังข้อมูลที่เผยแพร่อยู่ยังคงเดิม / dbt build failed, the published "
            f"warehouse is unchanged. {detail or ''}\n{tail}"
        )
    _record_build(building, version, built_at, results)
    os.replace(building, path)
    _publish(settings, path, version)
    pruned = _prune(settings, keep=path)
    seconds = time.perf_counter() - started
    models = sum(1 for r in results if r["unique_id"].startswith(("model.", "seed.")))
    tests = sum(1 for r in results if r["unique_id"].startswith(("test.", "unit_test.")))
    node_seconds = sum(float(r["execution_time"]) for r in results)
    log(f"published {path.name}: {models} models/seeds, {tests} tests, {seconds:.1f}s")
    return BuildResult(version, path, seconds, models, tests, pruned, node_seconds)


# dbt's console lines for finished nodes: "12 of 238 OK created sql table model marts.dim_area"
_NODE_DONE = re.compile(r"\b(\d+) of (\d+) (?:OK|PASS|WARN|ERROR|FAIL|SKIP|NO-OP)\b")


def _run_dbt(
    command: list[str], env: dict[str, str], progress: Callable[[int, int], None] | None
) -> tuple[int, list[str]]:
    """Run dbt, reporting finished nodes as they come; returns the exit code and its output."""
    output: list[str] = []
    with subprocess.Popen(  # noqa: S603 (fixed command, no shell)
        command,
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    ) as process:
        assert process.stdout is not None
        for line in process.stdout:
            output.append(line.rstrip("\n"))
            match = _NODE_DONE.search(line)
            if match and progress is not None:
                progress(int(match.group(1)), int(match.group(2)))
        returncode = process.wait()
    return returncode, output


def _install_spatial() -> None:
    import duckdb_extensions

    with duckdb.connect() as con:
        duckdb_extensions.import_extension("spatial", con=con)


def _read_results(path: Path) -> list[dict[str, str]]:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return []
    return [
        {
            "unique_id": str(r.get("unique_id", "")),
            "status": str(r.get("status", "")),
            "failures": str(r.get("failures") or 0),
            "message": str(r.get("message") or ""),
            "execution_time": str(r.get("execution_time") or 0),
        }
        for r in document.get("results", [])
    ]


def _record_build(
    path: Path, version: str, built_at: dt.datetime, results: list[dict[str, str]]
) -> None:
    """Keep the build's own test results inside it, for the data-health page."""
    with duckdb.connect(str(path)) as con:
        con.execute("create schema if not exists meta")
        con.execute(
            "create or replace table meta.build_info as "
            "select ?::varchar as version, ?::timestamp as built_at",
            [version, built_at],
        )
        con.execute(
            "create or replace table meta.dbt_results (unique_id varchar, resource_type varchar, "
            "status varchar, failures bigint, message varchar, execution_seconds double)"
        )
        con.executemany(
            "insert into meta.dbt_results values (?, ?, ?, ?, ?, ?)",
            [
                [
                    r["unique_id"],
                    r["unique_id"].split(".")[0],
                    r["status"],
                    int(float(r["failures"])),
                    r["message"][:1000],
                    float(r["execution_time"]),
                ]
                for r in results
            ],
        )
        con.execute("checkpoint")


def _publish(settings: Settings, path: Path, version: str) -> None:
    pointer = settings.current_pointer
    temporary = pointer.with_suffix(".json.tmp")
    # Relative to the pointer, so a warehouse folder can be moved or mounted elsewhere whole.
    document = {"version": version, "path": os.path.relpath(path, pointer.parent)}
    with temporary.open("w", encoding="utf-8") as handle:
        json.dump(document, handle)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, pointer)


def publish_version(settings: Settings, version: str) -> Path:
    """Publish an earlier, still kept build again (a rollback)."""
    path = settings.builds_dir / f"warehouse_{version}.duckdb"
    if not path.is_file():
        raise BuildFailed(f"ไม่พบรุ่น {version} / no kept build {version}")
    _publish(settings, path, version)
    return path


def _prune(settings: Settings, keep: Path) -> tuple[Path, ...]:
    """Remove all but the newest builds; a reader holding an old file open keeps reading it."""
    builds = [b for b in published_builds(settings) if b != keep]
    old = builds[: max(0, len(builds) - (KEEP_BUILDS - 1))]
    for build in old:
        _discard(build)
    return tuple(old)


def _discard(path: Path) -> None:
    for candidate in (path, path.with_name(path.name + ".wal")):
        candidate.unlink(missing_ok=True)

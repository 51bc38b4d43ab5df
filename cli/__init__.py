"""`saraburi`: the operators' command line (sample data, ingest, build + publish, serve)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Annotated

import duckdb
import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from ingest.landing.reference import load_references
from ingest.landing.run import FAILED, UNKNOWN, FileOutcome, RunReport, discover, run_ingest
from ingest.registry import FeedSpec, RegistryError, load_area_aliases, load_registry
from operations.audit import ChainReport
from publish import (
    BuildFailed,
    build_and_publish,
    current_build,
    publish_version,
    published_builds,
)
from settings import PROJECT_ROOT, Settings, load_settings
from thai import AreaMatcher

app = typer.Typer(
    help="Saraburi Provincial Data Platform / แพลตฟอร์มข้อมูลจังหวัดสระบุรี",
    no_args_is_help=True,
    add_completion=False,
)
console = Console(soft_wrap=True)


def _progress() -> Progress:
    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=False,
    )


@app.command()
def sample(
    scale: Annotated[float, typer.Option(help="1 = one province-year")] = 1.0,
    seed: Annotated[int, typer.Option(help="random seed (same seed, same files)")] = 19,
    out: Annotated[Path | None, typer.Option(help="folder to write (default: landing)")] = None,
) -> None:
    """Generate realistic sample agency files / สร้างไฟล์ข้อมูลตัวอย่าง."""
    from sample_data import generate_sample

    settings = load_settings()
    target = out or settings.landing_dir
    with _progress() as progress:
        task = progress.add_task("sample data", total=None)

        def tick(feed: str, done: int, total: int) -> None:
            progress.update(task, description=f"sample: {feed}", completed=done, total=total)

        summary = generate_sample(target, scale=scale, seed=seed, progress=tick)
    table = Table("feed", "files", "rows", "bad rows", title=f"sample data → {target}")
    for feed in summary.feeds:
        table.add_row(feed.feed, str(feed.files), f"{feed.rows:,}", str(feed.bad_rows))
    console.print(table)
    for note in summary.notes:
        console.print(f"[yellow]note:[/] {note}")


def _print_report(report: RunReport) -> None:
    """A line per feed, then every file that needs a person's attention."""
    per_feed = Table("feed", "files", "loaded", "replaced", "unchanged", "rows", "quarantined")
    for source in sorted({f.source or "(unknown)" for f in report.files}):
        files = [f for f in report.files if (f.source or "(unknown)") == source]
        per_feed.add_row(
            source,
            str(len(files)),
            str(sum(f.status == "loaded" for f in files)),
            str(sum(f.status == "replaced" for f in files)),
            str(sum(f.status in ("unchanged", "superseded", "duplicate") for f in files)),
            f"{sum(f.rows_loaded for f in files):,}",
            f"{sum(f.rows_quarantined for f in files):,}",
        )
    console.print(per_feed)
    attention = [f for f in report.files if f.status in (FAILED, UNKNOWN) or f.rows_quarantined]
    if attention:
        table = Table(
            "status", "file", "quarantined", "message", title="ต้องตรวจสอบ / needs attention"
        )
        for outcome in attention:
            message = " / ".join(m for m in (outcome.message_th, outcome.message_en) if m)
            style = "red" if outcome.status in (FAILED, UNKNOWN) else "yellow"
            table.add_row(
                outcome.status,
                outcome.delivered_path,
                f"{outcome.rows_quarantined:,}",
                message,
                style=style,
            )
        console.print(table)
    console.print(
        f"run {report.run_id}: {len(report.files)} files, {report.rows_loaded:,} rows loaded, "
        f"{report.rows_quarantined:,} rows quarantined (reasons in raw.ingest_quarantine), "
        f"{report.count(FAILED, UNKNOWN)} files not loaded"
    )


def ingest_landing(
    settings: Settings, landing: Path, rebuild: list[str] | None = None
) -> RunReport:
    """Land references and every new or changed file; shared by `ingest` and `pipeline`."""
    try:
        feeds = load_registry(settings.feeds_dir)
    except RegistryError as error:
        console.print(f"[red]{error}[/]")
        raise typer.Exit(2) from error
    if not landing.is_dir():
        console.print(
            f"[red]ไม่พบโฟลเดอร์ข้อมูลนำเข้า {landing} / landing folder {landing} not found[/] "
            "(run 'saraburi sample' for sample data)"
        )
        raise typer.Exit(2)
    settings.raw_path.parent.mkdir(parents=True, exist_ok=True)
    try:
        matcher = AreaMatcher(aliases=load_area_aliases(settings.area_aliases))
    except (RegistryError, ValueError) as error:
        console.print(f"[red]area aliases / ชื่อพื้นที่เพิ่มเติม: {error}[/]")
        raise typer.Exit(2) from error
    with duckdb.connect(str(settings.raw_path)) as con:
        references = load_references(
            con,
            matcher,
            settings.lao_reference,
            settings.tambon_boundaries,
            settings.amphoe_boundaries,
        )
        for warning in references.warnings:
            console.print(f"[yellow]warning:[/] {warning}")
        _extract_operational(con, settings)
        for name in rebuild or []:
            _drop_feed(con, name, feeds)
        files = discover(landing)
        with _progress() as progress:
            task = progress.add_task("ingest", total=len(files))

            def advance(outcome: FileOutcome) -> None:
                progress.update(task, advance=1, description=f"ingest: {outcome.file_name[:40]}")

            report = run_ingest(con, landing, feeds, matcher, progress=advance)
    _print_report(report)
    return report


def _extract_operational(con: duckdb.DuckDBPyConnection, settings: Settings) -> None:
    """Bring the citizen cases changed since the last run into the raw layer (pseudonymised)."""
    from bootstrap.jobs import run_scheduled_jobs
    from bootstrap.setup import ensure_operational_store
    from complaints.extract import extract_to_raw

    ensure_operational_store(settings.operational_url)
    jobs = run_scheduled_jobs(settings.operational_url, anchor_path=settings.audit_anchor)
    if not jobs.audit.ok:
        console.print(f"[red]{jobs.audit.bilingual()}[/] (saraburi audit verify)")
    changed = extract_to_raw(con, settings.operational_url)
    console.print(f"operational store: {changed:,} changed citizen cases extracted")


def _drop_feed(con: duckdb.DuckDBPyConnection, name: str, feeds: dict[str, FeedSpec]) -> None:
    if name not in feeds:
        console.print(f"[red]unknown feed {name!r}; known: {', '.join(feeds)}[/]")
        raise typer.Exit(2)
    con.execute("begin transaction")
    con.execute(f"drop table if exists raw.{name}")  # name is a validated registry identifier
    for table in (
        "ingest_files",
        "ingest_file_versions",
        "ingest_quarantine",
        "ingest_area_matches",
    ):
        con.execute(f"delete from raw.{table} where source = ?", [name])
    con.execute("commit")


@app.command()
def ingest(
    landing: Annotated[Path | None, typer.Option(help="folder of delivered files")] = None,
    rebuild: Annotated[
        list[str] | None, typer.Option(help="drop and reload this feed from the landing folder")
    ] = None,
    strict: Annotated[bool, typer.Option(help="exit 1 when any file was not loaded")] = False,
) -> None:
    """Load delivered agency files into the raw layer / นำเข้าไฟล์ของหน่วยงาน."""
    settings = load_settings()
    report = ingest_landing(settings, landing or settings.landing_dir, rebuild)
    if strict and not report.ok:
        raise typer.Exit(1)


@app.command()
def build() -> None:
    """dbt build into a new version and publish it if every test passes / สร้างคลังข้อมูล."""
    _build(load_settings())


def _build(settings: Settings) -> None:
    try:
        with _progress() as bar:
            task = bar.add_task("dbt build (models, seeds, tests)", total=None)
            result = build_and_publish(
                settings,
                log=console.print,
                progress=lambda done, total: bar.update(task, completed=done, total=total),
            )
    except BuildFailed as error:
        console.print(f"[red]{error}[/]")
        raise typer.Exit(1) from error
    console.print(f"[green]published[/] {result.path}")


@app.command()
def publish(
    rollback: Annotated[str | None, typer.Option(help="re-publish this earlier version")] = None,
) -> None:
    """List published versions, or roll back to one / รายการรุ่นที่เผยแพร่."""
    settings = load_settings()
    current = current_build(settings)
    if rollback:
        try:
            path = publish_version(settings, rollback)
        except BuildFailed as error:
            console.print(f"[red]{error}[/]")
            raise typer.Exit(2) from error
        console.print(f"[green]published[/] {path.name}")
        return
    for path in published_builds(settings):
        marker = "*" if current == path else " "
        console.print(f"{marker} {path.name.removeprefix('warehouse_').removesuffix('.duckdb')}")


@app.command()
def serve(
    port: Annotated[int, typer.Option()] = 8501,
    address: Annotated[str, typer.Option()] = "localhost",
) -> None:
    """Start the app (behind a reverse proxy in production: docs/deployment.md) / เปิดแอป."""
    settings = load_settings()
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(PROJECT_ROOT / "app" / "server.py"),
        "--server.port",
        str(port),
        "--server.address",
        address,
    ]
    # The server takes the client's address from X-Forwarded-For only from these proxies.
    environment = {**os.environ, "FORWARDED_ALLOW_IPS": ",".join(settings.trusted_proxies)}
    console.print(f"app: http://{address}:{port}")
    raise typer.Exit(subprocess.call(command, cwd=PROJECT_ROOT, env=environment))  # noqa: S603


@app.command("ops-setup")
def ops_setup(
    reset_demo_passwords: Annotated[
        bool, typer.Option(help="give the demo users new random passwords")
    ] = False,
    grant_app_role: Annotated[
        str | None,
        typer.Option(help="PostgreSQL: give this login role the app's rights (append-only audit)"),
    ] = None,
) -> None:
    """Create or migrate the operational store and the demo users / ตั้งค่าระบบรับเรื่อง."""
    from bootstrap.setup import create_demo_users

    settings = load_settings()
    if grant_app_role:
        _grant_app_role(settings.operational_url, grant_app_role)
    passwords = create_demo_users(settings.operational_url, reset=reset_demo_passwords)
    if not passwords:
        console.print(
            "demo users exist already / มีผู้ใช้ตัวอย่างแล้ว "
            "(saraburi ops-setup --reset-demo-passwords for new passwords)"
        )
        return
    table = Table("user / ผู้ใช้", "one-time password / รหัสผ่านครั้งเดียว", title="demo users")
    for username, password in passwords.items():
        table.add_row(username, password)
    console.print(table)
    console.print("[yellow]shown once: write them down / แสดงครั้งเดียว[/]")


def _grant_app_role(url: str, role: str) -> None:
    from bootstrap.setup import ensure_operational_store
    from operations.db import make_engine
    from operations.roles import grant_application_role

    ensure_operational_store(url)
    engine = make_engine(url)
    try:
        grant_application_role(engine, role)
    except ValueError as error:
        console.print(f"[red]{error}[/]")
        raise typer.Exit(2) from error
    finally:
        engine.dispose()
    console.print(f"role {role}: read/write, audit_log append-only / สิทธิ์ของแอปพร้อมแล้ว")


@app.command("ops-jobs")
def ops_jobs() -> None:
    """Escalate, anonymise, clean up, verify the audit log / งานประจำของระบบรับเรื่อง."""
    from bootstrap.jobs import run_scheduled_jobs

    settings = load_settings()
    report = run_scheduled_jobs(settings.operational_url, anchor_path=settings.audit_anchor)
    console.print(
        f"escalated {report.escalated}, anonymised {report.anonymised}, "
        f"rate-limit rows purged {report.rate_limit_buckets_purged}"
    )
    _print_audit(report.audit)


audit_app = typer.Typer(help="The tamper-evident audit log / บันทึกการตรวจสอบ", no_args_is_help=True)
app.add_typer(audit_app, name="audit")


@audit_app.command("verify")
def audit_verify() -> None:
    """Check the audit log's hash chain; exit 1 naming the first broken row / ตรวจบันทึก."""
    from bootstrap.jobs import verify_audit
    from operations.db import Store

    settings = load_settings()
    store = Store(settings.operational_url)
    try:
        report = verify_audit(store, settings.audit_anchor, move_anchor=False)
    finally:
        store.dispose()
    _print_audit(report)


def _print_audit(report: ChainReport) -> None:
    if report.ok:
        console.print(f"[green]{report.bilingual()}[/]")
        return
    console.print(f"[red]{report.bilingual()}[/]")
    raise typer.Exit(1)


@app.command()
def pipeline(
    scale: Annotated[float, typer.Option(help="sample scale when generating")] = 1.0,
    seed: Annotated[int, typer.Option()] = 19,
    fresh_sample: Annotated[
        bool, typer.Option(help="regenerate sample data even if the landing folder has files")
    ] = False,
    serve_app: Annotated[bool, typer.Option("--serve/--no-serve", help="start the app")] = False,
) -> None:
    """Sample data (if none) → ingest → dbt build → publish [→ serve] / รันทั้งกระบวนการ."""
    settings = load_settings()
    landing = settings.landing_dir
    if fresh_sample or not landing.is_dir() or not discover(landing):
        sample(scale=scale, seed=seed, out=landing)
    ingest_landing(settings, landing)
    _build(settings)
    if serve_app:
        ops_setup(reset_demo_passwords=False)
        serve()


if __name__ == "__main__":
    app()

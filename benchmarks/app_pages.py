"""Benchmark of the app's server-side render time (not a test; results go to a Markdown file).

    python -m benchmarks.app_pages --warehouse-dir warehouse --label "scale 1" \
        --out docs/benchmarks-app.md
    # readers while a build publishes:
    python -m benchmarks.app_pages --warehouse-dir /tmp/wh --publish-check

For every page: cold (every st.cache_data / st.cache_resource cleared, so a fresh connection
and every query runs) and warm (the same session rerunning) server time, measured with
``streamlit.testing.v1.AppTest`` (script run only, no browser). Then p50/p95 of page renders with N
concurrent sessions: real websocket clients speaking Streamlit's protocol to one ``streamlit run``
server (rerun request → ``script_finished``). ``--publish-check`` runs readers (in-process data
module calls and live sessions) in a loop while ``saraburi build`` publishes new builds
underneath, and counts errors, failed sections and server tracebacks.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app" / "streamlit_app.py"
TIMEOUT = 120


def _pages() -> list[tuple[str, str]]:
    from app.navigation import PAGES

    operations = ("app_pages/citizen_", "app_pages/officer_", "app_pages/admin_")
    return [
        (p.url_path, p.path)
        for pages in PAGES.values()
        for p in pages
        if not p.path.startswith(operations) and not p.roles
    ]


def _new_session(page_path: str | None = None, area: str | None = None):  # type: ignore[no-untyped-def]
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    if area:
        at.query_params["area"] = area
    at.run()
    if page_path:
        at.switch_page(page_path).run()
    return at


def _clear_caches() -> None:
    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()


def _problems(at) -> list[str]:  # type: ignore[no-untyped-def]
    found = [str(e.value) for e in at.exception]
    found += [w.value for w in at.warning if "section" in w.value or "แสดงผลไม่ได้" in w.value]
    return found


@dataclass
class PageTiming:
    url_path: str
    area: str
    cold_ms: float
    warm_ms: list[float] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def warm_median(self) -> float:
        return statistics.median(self.warm_ms)


def time_pages(area: str, warm_runs: int) -> list[PageTiming]:
    results = []
    for url_path, page_path in _pages():
        at = _new_session(area=area)
        _clear_caches()
        started = time.perf_counter()
        at.switch_page(page_path).run()
        timing = PageTiming(url_path, area, (time.perf_counter() - started) * 1000)
        timing.problems += _problems(at)
        for _ in range(warm_runs):
            started = time.perf_counter()
            at.run()
            timing.warm_ms.append((time.perf_counter() - started) * 1000)
        timing.problems += _problems(at)
        results.append(timing)
    return results


# ---------------------------------------------------------------------------------------------
# Real sessions: a `streamlit run` server and websocket clients speaking Streamlit's protocol
# ---------------------------------------------------------------------------------------------


@contextlib.contextmanager
def serve(warehouse_dir: Path) -> Iterator[tuple[str, Path]]:
    """``streamlit run`` on a free localhost port; yields (host:port, server log path)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    log_path = Path(tempfile.mkdtemp(prefix="bench_app_")) / "streamlit.log"
    env = {**os.environ, "SARABURI_WAREHOUSE_DIR": str(warehouse_dir)}
    with log_path.open("w") as log:
        process = subprocess.Popen(  # noqa: S603 - fixed command
            [sys.executable, "-m", "streamlit", "run", str(APP), "--server.port", str(port),
             "--server.address", "127.0.0.1", "--server.headless", "true"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    url = f"http://127.0.0.1:{port}/_stcore/health"
                    with urllib.request.urlopen(url, timeout=2) as response:
                        if response.status == 200:
                            break
                except OSError:
                    if time.monotonic() > deadline or process.poll() is not None:
                        raise RuntimeError(f"streamlit did not start, see {log_path}") from None
                    time.sleep(0.3)
            yield f"127.0.0.1:{port}", log_path
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


def _problem_in(message) -> str | None:  # type: ignore[no-untyped-def]
    """An exception element or a failed-section warning in one ForwardMsg, else None."""
    if message.WhichOneof("type") != "delta":
        return None
    element = message.delta.new_element
    kind = element.WhichOneof("type")
    if kind == "exception":
        return f"exception: {element.exception.type} {element.exception.message[:200]}"
    if kind == "alert" and (
        "แสดงผลไม่ได้" in element.alert.body or "cannot be shown" in element.alert.body
    ):
        return f"section failed: {element.alert.body[:200]}"
    return None


async def _session(
    host: str, pages: list[str], renders: int | None, area: str, stop: threading.Event,
    latencies: list[float], problems: list[str], offset: int, think_ms: float = 0,
) -> None:  # fmt: skip
    import websockets
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    async with websockets.connect(
        f"ws://{host}/_stcore/stream",
        subprotocols=["streamlit"],
        max_size=None,  # type: ignore[list-item]
    ) as ws:
        i = 0
        if think_ms:  # people do not all click at the same instant
            await asyncio.sleep(random.uniform(0, 2) * think_ms / 1000)  # noqa: S311
        while (renders is None and not stop.is_set()) or (renders is not None and i < renders):
            page = pages[(offset + i) % len(pages)]
            request = BackMsg()
            request.rerun_script.query_string = f"area={area}"
            request.rerun_script.page_name = page
            started = time.perf_counter()
            await ws.send(request.SerializeToString())
            while True:
                message = ForwardMsg()
                message.ParseFromString(await asyncio.wait_for(ws.recv(), timeout=TIMEOUT))
                problem = _problem_in(message)
                if problem:
                    problems.append(f"{page}: {problem}")
                if message.WhichOneof("type") == "script_finished":
                    if message.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                        problems.append(f"{page}: compile error")
                    break
            latencies.append((time.perf_counter() - started) * 1000)
            i += 1
            if think_ms:  # a person reads the page before the next click
                await asyncio.sleep(random.uniform(0.5, 1.5) * think_ms / 1000)  # noqa: S311


def run_sessions(
    host: str,
    sessions: int,
    renders: int | None,
    area: str,
    stop: threading.Event | None = None,
    think_ms: float = 0,
) -> tuple[list[float], list[str]]:
    """``sessions`` websocket sessions at once, each rerunning every page in turn."""
    from app.navigation import page_by_url

    # The default page lives at "/" (its url path would answer "page not found").
    pages = ["" if page_by_url(url).default else url for url, _ in _pages()]
    latencies: list[float] = []
    problems: list[str] = []
    stop = stop or threading.Event()

    async def all_sessions() -> None:
        results = await asyncio.gather(
            *(_session(host, pages, renders, area, stop, latencies, problems, i, think_ms)
              for i in range(sessions)),
            return_exceptions=True,
        )  # fmt: skip
        problems.extend(f"session: {r!r}" for r in results if isinstance(r, BaseException))

    asyncio.run(all_sessions())
    return latencies, problems


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def concurrent_p95(
    warehouse_dir: Path, sessions: int, renders: int, area: str, think_ms: float = 0
) -> tuple[float, float, int, int]:
    """p50 and p95 (ms) of page renders with ``sessions`` real sessions at once; errors, n."""
    with serve(warehouse_dir) as (host, _):
        run_sessions(host, 1, len(_pages()), area)  # warm the server's caches once
        latencies, problems = run_sessions(host, sessions, renders, area, think_ms=think_ms)
    for problem in problems[:5]:
        print("  ", problem)
    return percentile(latencies, 0.5), percentile(latencies, 0.95), len(problems), len(latencies)


@dataclass
class PublishCheck:
    builds: int
    reads: int
    renders: int
    errors: list[str]
    versions_seen: set[str]
    build_seconds: list[float]


def readers_during_publish(
    warehouse_dir: Path, builds: int, readers: int, sessions: int
) -> PublishCheck:
    """Readers loop while ``saraburi build`` publishes: in-process readers of the data module
    and real sessions of a running app server; every error and server traceback counts."""
    from app import data

    stop = threading.Event()
    errors: list[str] = []
    versions: set[str] = set()
    counts = {"reads": 0}
    lock = threading.Lock()

    def reader() -> None:
        while not stop.is_set():
            try:
                path = data.current_build_path()
                if path is None:
                    raise RuntimeError("no published build")
                frame = data.query(path, "select count(*) as n from marts.fct_complaints")
                assert int(frame.iloc[0]["n"]) >= 0
                version = data.build_info(path).version
                data.kpi_series(path, data.PROVINCE_CODE, "monthly")
                data.complaints_by_area(path, data.PROVINCE_CODE)
                with lock:
                    counts["reads"] += 1
                    versions.add(version)
            except Exception as error:
                with lock:
                    errors.append(f"read: {type(error).__name__}: {error}")

    seconds: list[float] = []
    render_latencies: list[float] = []
    with serve(warehouse_dir) as (host, log_path):
        render_problems: list[str] = []

        def renderer() -> None:
            latencies, problems = run_sessions(host, sessions, None, data.PROVINCE_CODE, stop)
            render_latencies.extend(latencies)
            render_problems.extend(problems)

        threads = [threading.Thread(target=reader) for _ in range(readers)]
        threads.append(threading.Thread(target=renderer))
        for thread in threads:
            thread.start()
        try:
            time.sleep(2)
            for _ in range(builds):
                started = time.perf_counter()
                result = subprocess.run(  # noqa: S603 - fixed command
                    [str(Path(sys.executable).with_name("saraburi")), "build"],
                    cwd=ROOT, env=os.environ.copy(), capture_output=True, text=True, check=False,
                )  # fmt: skip
                seconds.append(time.perf_counter() - started)
                if result.returncode != 0:
                    errors.append(f"build failed (rc {result.returncode}): {result.stdout[-300:]}")
                time.sleep(2)
        finally:
            stop.set()
            for thread in threads:
                thread.join()
        errors.extend(f"render {p}" for p in render_problems)
        server_log = log_path.read_text(encoding="utf-8", errors="replace")
        errors.extend(
            f"server log: {line.strip()[:200]}"
            for line in server_log.splitlines()
            if line.startswith(("Traceback", "ERROR")) or "Error:" in line
        )
    return PublishCheck(builds, counts["reads"], len(render_latencies), errors, versions, seconds)


def _table(rows: list[list[str]], header: list[str]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def report(
    label: str,
    warehouse: str,
    timings: list[PageTiming],
    concurrency: tuple[int, float, float, int, int, float] | None,
    publish: PublishCheck | None,
) -> str:
    out = [
        f"### {label}",
        "",
        f"Warehouse build: `{warehouse}`; measured {dt.datetime.now():%Y-%m-%d %H:%M}.",
        "",
    ]
    if timings:
        rows = [
            [t.url_path, t.area, f"{t.cold_ms:,.0f}", f"{t.warm_median:,.0f}",
             f"{max(t.warm_ms):,.0f}",
             "yes" if t.cold_ms < 1000 else "**no**", "yes" if t.warm_median < 150 else "**no**",
             str(len(t.problems))]
            for t in timings
        ]  # fmt: skip
        out.append(
            _table(rows, ["page", "area", "cold ms", "warm ms (median)", "warm ms (max)",
                          "cold < 1 s", "warm < 150 ms", "errors"])
        )  # fmt: skip
        out.append("")
    if concurrency:
        sessions, p50, p95, errors, n, think = concurrency
        pace = (
            f"{think / 1000:.1f} s (±50%) reading time between clicks"
            if think
            else ("no pause between clicks (saturation)")
        )
        out.append(
            f"Concurrent: {sessions} real websocket sessions on one `streamlit run` server, "
            f"each rerunning every page in turn, {pace} ({n} renders, warm caches): "
            f"p50 {p50:,.0f} ms, **p95 {p95:,.0f} ms**, errors {errors}."
        )
        out.append("")
    if publish:
        out.append(
            f"Readers during publish: {publish.builds} `saraburi build` runs "
            f"({', '.join(f'{s:.0f} s' for s in publish.build_seconds)}), "
            f"{publish.reads:,} reads and "
            f"{publish.renders:,} page renders meanwhile, builds seen by readers: "
            f"{len(publish.versions_seen)}, **errors: {len(publish.errors)}**."
        )
        out.extend(f"- {e}" for e in publish.errors[:10])
        out.append("")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warehouse-dir", type=Path, required=True)
    parser.add_argument("--label", default="")
    parser.add_argument("--area", default="19", help="area selected while timing (19 = province)")
    parser.add_argument("--warm-runs", type=int, default=5)
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--renders", type=int, default=5, help="renders per concurrent session")
    parser.add_argument("--think-ms", type=float, default=0, help="pause between renders")
    parser.add_argument("--publish-check", action="store_true")
    parser.add_argument("--builds", type=int, default=2)
    parser.add_argument("--readers", type=int, default=4)
    parser.add_argument("--publish-sessions", type=int, default=4)
    parser.add_argument("--skip-timing", action="store_true", help="no cold/warm page timing")
    parser.add_argument("--out", type=Path, help="append the Markdown result to this file")
    args = parser.parse_args(argv)

    os.environ["SARABURI_WAREHOUSE_DIR"] = str(args.warehouse_dir.resolve())
    import logging

    logging.getLogger("streamlit").setLevel(logging.ERROR)
    from app import data

    warehouse = data.current_build_path()
    if warehouse is None:
        print(f"no published build in {args.warehouse_dir}", file=sys.stderr)
        return 2
    timings: list[PageTiming] = []
    concurrency = None
    if not args.skip_timing:
        timings = time_pages(args.area, args.warm_runs)
        for t in timings:
            print(
                f"{t.url_path:12} cold {t.cold_ms:7.0f} ms  warm {t.warm_median:6.0f} ms  "
                f"problems {len(t.problems)}"
            )
    if args.sessions:
        p50, p95, errors, n = concurrent_p95(
            args.warehouse_dir.resolve(), args.sessions, args.renders, args.area, args.think_ms
        )
        concurrency = (args.sessions, p50, p95, errors, n, args.think_ms)
        print(f"{args.sessions} sessions: p50 {p50:.0f} ms p95 {p95:.0f} ms errors {errors}")
    publish = None
    if args.publish_check:
        publish = readers_during_publish(
            args.warehouse_dir.resolve(), args.builds, args.readers, args.publish_sessions
        )
        print(
            f"publish check: {publish.reads} reads, {publish.renders} renders, "
            f"{len(publish.versions_seen)} versions, {len(publish.errors)} errors"
        )
        for error in publish.errors[:10]:
            print("  ", error)
    text = report(
        args.label or str(args.warehouse_dir), Path(warehouse).name, timings, concurrency, publish
    )
    if args.out:
        with args.out.open("a", encoding="utf-8") as handle:
            handle.write(text + "\n")
    else:
        print(text)
    return 1 if (publish and publish.errors) else 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Benchmark: sustained citizen submissions/s on the SQLite default, from concurrent writers.

A script, not a test::

    .venv/bin/python tests/benchmarks/bench_submissions.py            # threads and processes
    .venv/bin/python tests/benchmarks/bench_submissions.py --writers 8 --per-writer 300 --write-doc

Each writer submits distinct reports (distinct submission tokens, distinct citizens) and, every
tenth time, re-sends one of its earlier tokens (a double click) and one token shared with every
other writer (the same form retried through several app processes). Afterwards the store is checked:
every distinct token must own exactly one case with exactly one "received" event (lost = tokens
without a case, duplicated = tokens or cases counted twice). ``--write-doc`` writes the results to
``docs/benchmarks-operations.md``.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import platform
import shutil
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from sqlalchemy import func, select  # noqa: E402

from bootstrap.setup import ensure_operational_store  # noqa: E402
from complaints.intake import submit_complaint  # noqa: E402
from complaints.models import CaseEvent, Complaint  # noqa: E402
from complaints.tracking import hash_token  # noqa: E402
from complaints.validation import SubmissionInput  # noqa: E402
from operations.areas import saraburi_areas  # noqa: E402
from operations.clock import utc_now  # noqa: E402
from operations.db import Store  # noqa: E402

SHARED_TOKENS = [f"shared-{n}" for n in range(50)]
CATEGORIES = ("road_footpath", "flooding_drainage", "waste_cleanliness", "lighting_electricity")
TAMBONS = (("1901", "190101"), ("1902", "190201"), ("1903", "190301"), ("1906", "190601"))


@dataclass(frozen=True)
class Result:
    mode: str
    writers: int
    attempts: int
    seconds: float
    distinct_tokens: int
    cases: int
    lost: int
    duplicated: int
    errors: int

    @property
    def per_second(self) -> float:
        return self.attempts / self.seconds


def _report(writer: int, n: int) -> SubmissionInput:
    amphoe, tambon = TAMBONS[(writer + n) % len(TAMBONS)]
    return SubmissionInput(
        category_code=CATEGORIES[n % len(CATEGORIES)],
        description=f"ทดสอบภาระ writer {writer} report {n}: ถนนชำรุด",
        amphoe_code=amphoe,
        tambon_code=tambon,
        village_no=1 + n % 20,
        contact_phone="0812345678",
        consent=True,
    )


Output = tuple[list[str], int, float, float]  # tokens sent, errors, started, finished (epoch s)


def _writer(
    url: str, writer: int, per_writer: int, run_id: str, start: Callable[[], object]
) -> Output:
    """Submit ``per_writer`` times after ``start()`` returns; warm-up is not timed."""
    store = Store(url)
    saraburi_areas()  # build the area tables before the clock starts
    sent: list[str] = []
    errors = 0
    now = utc_now()
    start()
    started = time.time()
    for n in range(per_writer):
        if n % 10 == 9 and sent:
            token = sent[n // 2]  # a double click on an earlier form
        elif n % 10 == 4:
            token = f"{run_id}-{SHARED_TOKENS[n % len(SHARED_TOKENS)]}"  # retried elsewhere too
        else:
            token = f"{run_id}-{writer}-{n}-{uuid.uuid4().hex[:8]}"
        try:
            submit_complaint(store, _report(writer, n), token, f"citizen-{token}", now)
            sent.append(token)
        except Exception as exc:  # counted, and shown once
            errors += 1
            if errors == 1:
                print(f"writer {writer}: {type(exc).__name__}: {exc}", file=sys.stderr)
    finished = time.time()
    store.dispose()
    return sent, errors, started, finished


def _process_entry(
    url: str, writer: int, per_writer: int, run_id: str, barrier: Any, queue: Any
) -> None:
    queue.put(_writer(url, writer, per_writer, run_id, barrier.wait))


def _check(url: str, tokens: set[str]) -> tuple[int, int, int]:
    """(cases, lost, duplicated) for the tokens sent."""
    store = Store(url)
    with store.read() as session:
        hashes = {
            str(h): int(i)
            for h, i in session.execute(
                select(Complaint.submission_token_hash, Complaint.complaint_id)
            )
        }
        per_token = {
            str(h): int(n)
            for h, n in session.execute(
                select(Complaint.submission_token_hash, func.count()).group_by(
                    Complaint.submission_token_hash
                )
            )
        }
        received = {
            int(i): int(n)
            for i, n in session.execute(
                select(CaseEvent.complaint_id, func.count())
                .where(CaseEvent.kind == "received")
                .group_by(CaseEvent.complaint_id)
            )
        }
    store.dispose()
    lost = sum(1 for token in tokens if hash_token(token) not in hashes)
    duplicated = sum(n - 1 for n in per_token.values() if n > 1)
    duplicated += sum(n - 1 for n in received.values() if n > 1)
    duplicated += len(hashes) - len(tokens) if len(hashes) > len(tokens) else 0
    return len(hashes), lost, duplicated


def run(mode: str, writers: int, per_writer: int, workdir: Path, template: Path) -> Result:
    db = workdir / f"bench-{mode}.sqlite"
    shutil.copy(template, db)
    url = f"sqlite:///{db}"
    run_id = uuid.uuid4().hex[:8]
    outputs: list[Output] = []
    if mode == "threads":
        lock = threading.Lock()
        barrier = threading.Barrier(writers)

        def target(index: int) -> None:
            output = _writer(url, index, per_writer, run_id, barrier.wait)
            with lock:
                outputs.append(output)

        threads = [threading.Thread(target=target, args=(i,)) for i in range(writers)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    else:
        context = mp.get_context("spawn")
        process_barrier = context.Barrier(writers)
        queue = context.Queue()
        processes = [
            context.Process(
                target=_process_entry,
                args=(url, i, per_writer, run_id, process_barrier, queue),
            )
            for i in range(writers)
        ]
        for process in processes:
            process.start()
        outputs = [queue.get() for _ in processes]
        for process in processes:
            process.join()
    seconds = max(o[3] for o in outputs) - min(o[2] for o in outputs)
    tokens = {token for o in outputs for token in o[0]}
    attempts = sum(len(o[0]) + o[1] for o in outputs)
    errors = sum(o[1] for o in outputs)
    cases, lost, duplicated = _check(url, tokens)
    return Result(mode, writers, attempts, seconds, len(tokens), cases, lost, duplicated, errors)


def _table(results: list[Result]) -> str:
    lines = [
        "| writers | mode | submissions (incl. retries) | seconds | submissions/s "
        "| distinct tokens | cases | lost | duplicated | errors |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    lines += [
        f"| {r.writers} | {r.mode} | {r.attempts} | {r.seconds:.1f} | **{r.per_second:.0f}** | "
        f"{r.distinct_tokens} | {r.cases} | {r.lost} | {r.duplicated} | {r.errors} |"
        for r in results
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument("--per-writer", type=int, default=250)
    parser.add_argument("--mode", choices=["threads", "processes", "both"], default="both")
    parser.add_argument("--write-doc", action="store_true")
    args = parser.parse_args(argv)

    results: list[Result] = []
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        template = workdir / "template.sqlite"
        ensure_operational_store(f"sqlite:///{template}")
        modes = ["threads", "processes"] if args.mode == "both" else [args.mode]
        for mode in modes:
            result = run(mode, args.writers, args.per_writer, workdir, template)
            print(
                f"{mode:9s} writers={result.writers} attempts={result.attempts} "
                f"{result.per_second:.0f}/s cases={result.cases} lost={result.lost} "
                f"duplicated={result.duplicated} errors={result.errors}"
            )
            results.append(result)
    if args.write_doc:
        _write_doc(results, args)
    failed = any(
        r.lost or r.duplicated or r.errors or r.cases != r.distinct_tokens for r in results
    )
    return 1 if failed else 0


def _write_doc(results: list[Result], args: argparse.Namespace) -> None:
    doc = ROOT / "docs" / "benchmarks-operations.md"
    cpu = platform.processor() or platform.machine()
    machine = f"{cpu}, {os.cpu_count()} CPU, Python {platform.python_version()}"
    command = (
        "tests/benchmarks/bench_submissions.py "
        f"--writers {args.writers} --per-writer {args.per_writer} --write-doc"
    )
    doc.write_text(
        f"""# Benchmark: citizen submissions on the SQLite default

Measured {datetime.now():%Y-%m-%d} on {machine}, with
`{command}`.

What one submission does (the real code path, `complaints.intake.submit_complaint`): look
up the submission token, validate (Thai/English messages, area, coordinates), count the client's
rate limit, route (category, amphoe), compute the SLA, look for duplicates nearby, draw a tracking
code, and write the case, its timeline events and two audit entries in **one**
`BEGIN IMMEDIATE` transaction on an SQLite file in WAL mode (`synchronous=NORMAL`, `busy_timeout`
30 s). Warm-up (imports, area tables) is not timed; the clock runs from the first writer's start
to the last writer's end.

Each writer sends distinct reports; one in ten re-sends one of its own earlier tokens (a double
click) and one in ten sends a token that every other writer also sends (the same form retried
through several app processes). Afterwards every distinct token must own exactly one case with
exactly one "received" event.

{_table(results)}

- **lost** = distinct tokens without a case; **duplicated** = extra cases per token, extra
  "received" events per case, or cases beyond the distinct tokens. Both must be 0 (the script
  exits 1 otherwise).
- Target: 100 submissions/s sustained on 2 cores.
- Writers are serialised by SQLite's single write lock (`BEGIN IMMEDIATE`: they queue instead of
  failing). Threads share one process, one connection pool and the GIL; separate processes wait on
  the lock through SQLite's sleeping busy handler, so on 2 cores they were slower than threads but
  still above the target. For more, point `SARABURI_OPERATIONAL_URL` at PostgreSQL.
""",
        encoding="utf-8",
    )
    print(f"wrote {doc}")


if __name__ == "__main__":
    raise SystemExit(main())

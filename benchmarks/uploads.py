"""Benchmark: server memory of photo uploads (decompression bombs, the largest accepted photo, and
concurrent uploads). A script, not a test::

    .venv/bin/python -m benchmarks.uploads [--write-doc]

Each case runs in a fresh Python process; its peak resident memory (``ru_maxrss``) after the
upload is compared with the same process just before it. ``--write-doc`` writes
``docs/benchmarks-uploads.md``.
"""

from __future__ import annotations

import argparse
import io
import json
import platform
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CASE = """
import io, json, resource, sys, threading
from PIL import Image
from operations.errors import FieldError
from operations.uploads import validate_photo

width, height, copies = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
buffer = io.BytesIO()
Image.new("RGB", (width, height), (40, 90, 140)).save(buffer, format="PNG", optimize=True)
data = buffer.getvalue()
del buffer
import gc; gc.collect()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
outcomes = []

def upload():
    try:
        validate_photo(data)
        outcomes.append("accepted")
    except FieldError as error:
        outcomes.append("refused: " + error.message_en)

threads = [threading.Thread(target=upload) for _ in range(copies)]
for t in threads: t.start()
for t in threads: t.join()
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"file_kb": len(data) // 1024, "extra_mb": (after - before) / 1024,
                  "outcomes": sorted(set(outcomes))}))
"""

CASES = [
    ("40 MP PNG (a decompression bomb of the issue)", 8000, 5000, 1),
    ("25 MP PNG (the largest accepted)", 6250, 4000, 1),
    ("8 concurrent 25 MP PNGs", 6250, 4000, 8),
    ("12 MP PNG (a phone photo)", 4000, 3000, 1),
]


def run() -> list[dict[str, object]]:
    results = []
    for name, width, height, copies in CASES:
        command = [sys.executable, "-c", CASE, str(width), str(height), str(copies)]
        output = subprocess.run(  # noqa: S603 (our own interpreter and script)
            command, cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout
        results.append({"case": name, **json.loads(output.strip().splitlines()[-1])})
    return results


def to_markdown(results: list[dict[str, object]]) -> str:
    out = io.StringIO()
    out.write("# Benchmark: memory of photo uploads\n\n")
    out.write(
        "`python -m benchmarks.uploads --write-doc` on "
        f"{platform.machine()} / Python {platform.python_version()}. Each case runs in a fresh "
        "process; *extra memory* is the growth of its peak resident memory during the uploads. "
        "Photos are refused above 25 megapixels from their header, before any pixel is decoded, "
        "and at most 2 photos are decoded at a time per process (`operations/uploads.py`).\n\n"
    )
    out.write("| case | file | extra memory | outcome |\n|---|---:|---:|---|\n")
    for r in results:
        outcomes = "; ".join(str(o) for o in r["outcomes"])  # type: ignore[attr-defined]
        out.write(f"| {r['case']} | {r['file_kb']} KB | {r['extra_mb']:.0f} MB | {outcomes} |\n")
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--write-doc", action="store_true")
    args = parser.parse_args()
    text = to_markdown(run())
    print(text)
    if args.write_doc:
        (ROOT / "docs" / "benchmarks-uploads.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()

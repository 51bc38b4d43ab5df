"""The sample generator: deterministic, scalable, and true to the registry's file contract."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import json
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import geothai
import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from ingest.registry import FeedSpec, load_registry
from sample_data import SampleSummary, generate_sample
from sample_data.periods import fiscal_years, selected_months, volume_factor
from settings import load_settings
from thai import (
    AreaMatcher,
    NormalisationError,
    clean_text,
    parse_datetime,
    parse_integer,
    strip_area_prefix,
)

SCALE = 0.02
FEEDS = load_registry()
MATCHER = AreaMatcher()
TAMBONS = {s.code: s for d in geothai.districts("19") for s in geothai.subdistricts(d.code)}
TAMBON_BY_NAME = {s.name_th: code for code, s in TAMBONS.items()}
AMPHOE_NAMES = {d.code: d.name_th for d in geothai.districts("19")}


class Sample:
    def __init__(self, out_dir: Path, summary: SampleSummary, calls: list[tuple[str, int, int]]):
        self.out_dir = out_dir
        self.summary = summary
        self.calls = calls
        self.manifest: dict[str, Any] = json.loads(
            (out_dir / "manifest.json").read_text(encoding="utf-8")
        )
        self.feeds: dict[str, dict[str, Any]] = {f["feed"]: f for f in self.manifest["feeds"]}

    def files(self, feed: str) -> list[dict[str, Any]]:
        return list(self.feeds[feed]["file_list"])

    def current_files(self, feed: str) -> list[dict[str, Any]]:
        """The latest delivery of each file name: what ingest keeps."""
        latest = {
            e["path"].split("/")[1]: e for e in sorted(self.files(feed), key=lambda e: e["path"])
        }
        return list(latest.values())

    def all_files(self) -> list[tuple[str, dict[str, Any]]]:
        return [(feed, f) for feed in self.feeds for f in self.files(feed)]


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Sample:
    out_dir = tmp_path_factory.mktemp("sample")
    calls: list[tuple[str, int, int]] = []
    summary = generate_sample(
        out_dir, scale=SCALE, seed=19, progress=lambda f, d, t: calls.append((f, d, t))
    )
    return Sample(out_dir, summary, calls)


def file_bytes(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


# --------------------------------------------------------------------- reading files back


def header_key(text: object) -> str:
    return " ".join(str(text).split()).casefold() if text is not None else ""


def read_table(
    path: Path, encoding: str, header_row: int, header_rows: int
) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Header names and (row number, cells as text) of the records below the header."""
    if encoding == "xlsx":
        workbook = load_workbook(path)
        sheet = workbook.worksheets[0]
        grid = [
            ["" if v is None else (v.isoformat() if isinstance(v, dt.date) else str(v)) for v in r]
            for r in sheet.iter_rows(values_only=True)
        ]
        top = list(grid[header_row - header_rows])
        for merged in sheet.merged_cells.ranges:  # a group's text spans its merged columns
            if merged.min_row == header_row - header_rows + 1 and merged.max_row == merged.min_row:
                for column in range(merged.min_col, merged.max_col + 1):
                    top[column - 1] = top[merged.min_col - 1]
    else:
        text = path.read_bytes().decode(encoding)
        grid = list(csv.reader(io.StringIO(text)))
        top = grid[header_row - header_rows]
    names = list(top)
    if header_rows == 2:
        bottom = grid[header_row - 1]
        names = [f"{t} {b}".strip() if b else t for t, b in zip(top, bottom, strict=False)]
    body = [(header_row + 1 + i, row) for i, row in enumerate(grid[header_row:])]
    return [header_key(n) for n in names], body


def column_index(feed: FeedSpec, names: list[str], column: str) -> int:
    for header in feed.columns[column].headers:
        if header_key(header) in names:
            return names.index(header_key(header))
    raise AssertionError(f"{feed.name}: no header for {column} in {names}")


# --------------------------------------------------------------------- scale and periods


def test_scale_maps_to_fiscal_years_and_months() -> None:
    # GIVEN the last fiscal year 2568 (October 2024 - September 2025)
    # WHEN scales are turned into fiscal years and months
    # THEN scale N covers N years ending there, a small scale one year and a few spread months
    assert fiscal_years(1, 2568) == [2568]
    assert fiscal_years(3, 2568) == [2566, 2567, 2568]
    assert fiscal_years(0.02, 2568) == [2568]
    assert volume_factor(2.5, 2) == 1.25
    months = selected_months(2568, 1)
    assert (months[0], months[-1], len(months)) == (dt.date(2024, 10, 1), dt.date(2025, 9, 1), 12)
    assert len(selected_months(2568, 0.02)) == 3


def test_same_seed_gives_identical_bytes_and_another_seed_does_not(
    sample: Sample, tmp_path: Path
) -> None:
    # GIVEN a sample made with seed 19, and a landing folder holding a real delivery
    out_dir = tmp_path / "landing"
    real = out_dir / "2020-01-01" / "pop_256301.csv"
    real.parent.mkdir(parents=True)
    real.write_bytes(b"real delivery")
    # WHEN a sample with another seed is written there, then one with seed 19 over it
    generate_sample(out_dir, scale=SCALE, seed=20)
    other = file_bytes(out_dir)
    generate_sample(out_dir, scale=SCALE, seed=19)
    again = file_bytes(out_dir)
    # THEN the same seed gives byte-identical files (XLSX included) with nothing stale left,
    # another seed other data, and files the generator did not write are never touched
    first = file_bytes(sample.out_dir)
    assert again.pop("2020-01-01/pop_256301.csv") == b"real delivery"
    assert again == first
    changed = [name for name in first.keys() & other.keys() if first[name] != other[name]]
    assert len(changed) > len(first) // 2


def test_larger_scale_gives_more_rows(sample: Sample, tmp_path: Path) -> None:
    # GIVEN the 0.02 sample
    # WHEN a 0.1 sample is made
    bigger = generate_sample(tmp_path / "bigger", scale=0.1, seed=19)
    # THEN volume-driven feeds grow and none shrinks
    small = {f.feed: f for f in sample.summary.feeds}
    large = {f.feed: f for f in bigger.feeds}
    assert small.keys() == large.keys() == FEEDS.keys()
    for feed in ("cdd_households", "traffy_complaints", "agency_complaints"):
        assert large[feed].rows > small[feed].rows, feed
    for feed in FEEDS:
        assert large[feed].rows >= small[feed].rows, feed
    assert small["cdd_households"].rows == round(180_000 * SCALE)


def test_summary_and_manifest_agree(sample: Sample) -> None:
    # GIVEN the summary returned and manifest.json
    manifest = sample.manifest
    # THEN they report the same files, rows and bad rows, and every feed of the registry
    assert (manifest["seed"], manifest["scale"]) == (19, SCALE)
    assert [f["feed"] for f in manifest["feeds"]] == [f.feed for f in sample.summary.feeds]
    assert manifest["notes"] == list(sample.summary.notes)
    for feed in sample.summary.feeds:
        listed = sample.feeds[feed.feed]
        assert (listed["files"], listed["rows"], listed["bad_rows"]) == (
            feed.files,
            feed.rows,
            feed.bad_rows,
        )
        files = sample.files(feed.feed)
        assert len(files) == feed.files
        assert sum(f["rows"] for f in files) == feed.rows
        assert sum(len(f["bad_rows"]) for f in files) == feed.bad_rows
        assert feed.bad_rows > 0, f"{feed.feed} has no deliberately bad rows"
    listed = sorted(
        f"{day}/{name}" for day, names in manifest["deliveries"].items() for name in names
    )
    assert listed == sorted(f["path"] for _, f in sample.all_files())
    assert sorted(p for p in file_bytes(sample.out_dir) if p != "manifest.json") == listed


def test_progress_reaches_the_end_of_every_feed(sample: Sample) -> None:
    # GIVEN the progress calls made while generating
    last = {feed: (done, total) for feed, done, total in sample.calls}
    # THEN every feed reported, ending with done == total
    assert last.keys() == FEEDS.keys()
    assert all(done == total for done, total in last.values())


# --------------------------------------------------------------------- the registry contract


def test_every_file_matches_exactly_one_feed_and_its_filename_fields(sample: Sample) -> None:
    # GIVEN every delivered file
    for feed_name, entry in sample.all_files():
        folder, name = entry["path"].split("/")
        # THEN its folder is a CE date and exactly one feed's pattern matches its name
        dt.date.fromisoformat(folder)
        matching = [f.name for f in FEEDS.values() if f.matches(name)]
        assert matching == [feed_name], name
        for field_name, field in FEEDS[feed_name].filename_fields.items():
            assert re.search(field.pattern, name), (name, field_name)


def test_encodings_are_what_the_manifest_says(sample: Sample) -> None:
    # GIVEN each file's declared encoding
    seen = set()
    for _, entry in sample.all_files():
        data = (sample.out_dir / entry["path"]).read_bytes()
        encoding = entry["encoding"]
        seen.add(encoding)
        # THEN BOM files start with a BOM, UTF-8 files have none, cp874 files are not UTF-8
        if encoding == "xlsx":
            assert zipfile.is_zipfile(io.BytesIO(data))
        elif encoding == "utf-8-sig":
            assert data.startswith(codecs.BOM_UTF8)
            data.decode("utf-8")
        elif encoding == "utf-8":
            assert not data.startswith(codecs.BOM_UTF8)
            data.decode("utf-8")
        else:
            assert encoding == "cp874"
            with pytest.raises(UnicodeDecodeError):
                data.decode("utf-8")
            assert "ตำบล" in data.decode("cp874") or "ต." in data.decode("cp874")
    assert seen == {"utf-8", "utf-8-sig", "cp874", "xlsx"}


def test_headers_carry_every_registry_column(sample: Sample) -> None:
    # GIVEN each file read back (XLSX with openpyxl, merged group cells over their children)
    for feed_name, entry in sample.all_files():
        feed = FEEDS[feed_name]
        path = sample.out_dir / entry["path"]
        names, _ = read_table(path, entry["encoding"], entry["header_row"], feed.header.rows)
        # THEN the header row holds the match text and a header of every registry column
        assert header_key(feed.header.match) in names, entry["path"]
        for column in feed.columns:
            column_index(feed, names, column)


def test_xlsx_headers_are_merged_as_the_registry_implies(sample: Sample) -> None:
    # GIVEN a Damrongdhama register and an ผ.02 plan
    for feed_name, parent, children in (
        ("damrongdhama_complaints", "ประเภทเรื่อง", ["ประเภทหลัก", "ประเภทย่อย"]),
        ("lao_plan_projects", "พื้นที่ดำเนินการ", ["ตำบล", "อำเภอ"]),
    ):
        entry = sample.files(feed_name)[0]
        sheet = load_workbook(sample.out_dir / entry["path"]).worksheets[0]
        top = entry["header_row"] - 1
        cells = {c.value: c for c in sheet[top] if c.value}
        start = cells[parent].column
        # THEN the parent cell is merged over exactly its children, which sit on the row below
        last = get_column_letter(start + len(children) - 1)
        merged = {str(r) for r in sheet.merged_cells.ranges}
        assert f"{cells[parent].coordinate}:{last}{top}" in merged
        below = [sheet.cell(top + 1, start + i).value for i in range(len(children))]
        assert below == children
    # AND the dengue headers carry line breaks that fold to the registry's text
    headers = {
        h
        for entry in sample.files("dengue_506")
        for row in load_workbook(sample.out_dir / entry["path"])
        .worksheets[0]
        .iter_rows(min_row=entry["header_row"], max_row=entry["header_row"], values_only=True)
        for h in row
        if h
    }
    assert any("\n" in h for h in headers)


def test_workbooks_carry_no_generation_time(sample: Sample) -> None:
    # GIVEN any generated workbook
    entry = sample.files("lao_plan_projects")[0]
    with zipfile.ZipFile(sample.out_dir / entry["path"]) as archive:
        core = archive.read("docProps/core.xml").decode("utf-8")
        stamps = {info.date_time for info in archive.infolist()}
    # THEN its properties and zip entries hold one fixed time
    assert "2025-01-01T00:00:00Z" in core
    assert stamps == {(2025, 1, 1, 0, 0, 0)}


# --------------------------------------------------------------------- areas


def tambon_codes_in(feed: FeedSpec, entry: dict[str, Any], sample: Sample) -> set[str]:
    """Tambon named in a file's records, by exact name after cleaning and prefix stripping."""
    names, body = read_table(
        sample.out_dir / entry["path"], entry["encoding"], entry["header_row"], feed.header.rows
    )
    if feed.name == "dopa_population":
        at = column_index(feed, names, "area_code")
        codes = {
            row[at][:6] for _, row in body if len(row) > at and re.fullmatch(r"\d{8}", row[at])
        }
        return {c for c in codes if not c.endswith("00")}
    assert feed.area is not None
    at = column_index(feed, names, feed.area.tambon)
    found = set()
    for _, row in body:
        text = clean_text(row[at]) if len(row) > at else None
        if text and strip_area_prefix(text) in TAMBON_BY_NAME:
            found.add(TAMBON_BY_NAME[strip_area_prefix(text)])
    return found


@pytest.mark.parametrize(
    "feed_name", [name for name, feed in FEEDS.items() if feed.area or name == "dopa_population"]
)
def test_area_keyed_feeds_cover_every_tambon(sample: Sample, feed_name: str) -> None:
    # GIVEN an area-keyed feed's files
    feed = FEEDS[feed_name]
    files = sample.current_files(feed_name)
    found = set().union(*(tambon_codes_in(feed, e, sample) for e in files))
    # THEN all 111 tambon (so all 13 amphoe) appear, and the manifest says they land
    assert found == set(TAMBONS)
    expected = sample.feeds[feed_name]["expected"]
    assert expected["tambon_codes_landed"] == sorted(TAMBONS)
    assert len(expected["amphoe_codes_landed"]) == 13


def test_misspellings_resolve_and_badly_wrong_names_do_not(sample: Sample) -> None:
    # GIVEN the mild misspellings the manifest lists
    listed = [m for feed in sample.feeds.values() for m in feed.get("misspellings", [])]
    assert listed
    for item in listed:
        amphoe_name = AMPHOE_NAMES[TAMBONS[item["tambon_code"]].district_code]
        # THEN a fuzzy match within the amphoe resolves each to its tambon
        match = MATCHER.match(item["text"], amphoe_name)
        assert (match.tambon_code, match.method) == (item["tambon_code"], "fuzzy"), item
    # AND the badly wrong names match nothing in their amphoe
    wrong = [
        bad["raw_value"]
        for _, entry in sample.all_files()
        for bad in entry["bad_rows"]
        if bad["problem"] == "unmatchable_area"
    ]
    assert wrong
    for text in wrong:
        for district in geothai.districts("19"):
            assert MATCHER.match(text, district.name_th).tambon_code is None, text


# --------------------------------------------------------------------- bad rows and counts

CHECKS: dict[str, Callable[[str], object]] = {
    "impossible_date": parse_datetime,
    "text_in_number": parse_integer,
}


def test_bad_rows_are_where_the_manifest_says_and_really_bad(sample: Sample) -> None:
    # GIVEN each deliberately bad row the manifest lists
    for feed_name, entry in sample.all_files():
        feed = FEEDS[feed_name]
        if not entry["bad_rows"]:
            continue
        names, body = read_table(
            sample.out_dir / entry["path"], entry["encoding"], entry["header_row"], feed.header.rows
        )
        rows = dict(body)
        for bad in entry["bad_rows"]:
            cells = rows[bad["row_number"]]
            value = cells[column_index(feed, names, bad["column"])]
            # THEN the named cell holds the raw value, and that value cannot be used
            assert value == bad["raw_value"], (entry["path"], bad)
            if bad["problem"] in CHECKS:
                with pytest.raises(NormalisationError):
                    CHECKS[bad["problem"]](value)
            elif bad["problem"] == "missing_required":
                assert value == "" and feed.columns[bad["column"]].required
            else:
                assert bad["problem"] == "unmatchable_area"
                assert feed.area is not None and feed.area.required
    # AND the good dates of a register parse
    entry = sample.files("agency_complaints")[0]
    feed = FEEDS["agency_complaints"]
    names, body = read_table(sample.out_dir / entry["path"], entry["encoding"], 2, 1)
    at = column_index(feed, names, "received_at")
    bad_rows = {b["row_number"] for b in entry["bad_rows"]}
    for number, row in body:
        if row and any(row) and number not in bad_rows:
            assert parse_datetime(row[at]) is not None


def test_expected_counts_add_up(sample: Sample) -> None:
    # GIVEN each feed's expectations after every delivery is ingested
    for feed_name, info in sample.feeds.items():
        expected = info["expected"]
        current: dict[str, dict[str, Any]] = {}
        for entry in sorted(info["file_list"], key=lambda e: e["path"]):
            current[entry["path"].split("/")[1]] = entry
        # THEN landed + quarantined rows are the rows of the latest version of every file
        assert expected["files_current"] == len(current)
        rows = sum(e["rows"] for e in current.values())
        assert expected["rows_landed"] + expected["rows_quarantined"] == rows, feed_name
        assert expected["rows_skipped"] == sum(e["rows_skipped"] for e in current.values())
    population = sample.feeds["dopa_population"]["expected"]
    assert population["totals_rows"] > 0 and population["blank_rows"] > 0
    plans = sample.feeds["lao_plan_projects"]["expected"]
    assert plans["section_rows"] >= 97 and plans["totals_rows"] == plans["section_rows"]


# --------------------------------------------------------------------- re-sends


def test_identical_resend_is_a_byte_copy(sample: Sample) -> None:
    # GIVEN the files marked as identical re-sends
    copies = [e for _, e in sample.all_files() if e["resend"] == "identical"]
    assert copies
    for entry in copies:
        # THEN each is a later delivery of the same name with the same bytes
        original = entry["resend_of"]
        assert original.split("/")[1] == entry["path"].split("/")[1]
        assert original < entry["path"]
        assert (sample.out_dir / entry["path"]).read_bytes() == (
            sample.out_dir / original
        ).read_bytes()


def test_corrected_register_carries_the_recorded_changes(sample: Sample) -> None:
    # GIVEN the corrected district register and what the manifest says changed
    (correction,) = sample.feeds["agency_complaints"]["corrections"]
    feed = FEEDS["agency_complaints"]
    tables = {}
    for key in ("original", "corrected"):
        entry = next(e for e in sample.files(feed.name) if e["path"] == correction[key])
        names, body = read_table(sample.out_dir / entry["path"], entry["encoding"], 2, 1)
        at = column_index(feed, names, "register_no")
        status = column_index(feed, names, "status_text")
        tables[key] = {row[at]: row[status] for _, row in body if row and row[at]}
    # THEN changed statuses hold their new value, the removed case is gone, the added one is there
    assert correction["original"] < correction["corrected"]
    for change in correction["changed"]:
        assert tables["original"][change["register_no"]] == change["old"] != change["new"]
        assert tables["corrected"][change["register_no"]] == change["new"]
    for removed in correction["removed"]:
        assert removed in tables["original"] and removed not in tables["corrected"]
    for added in correction["added"]:
        assert added in tables["corrected"] and added not in tables["original"]


def test_amended_plan_carries_the_recorded_changes(sample: Sample) -> None:
    # GIVEN the amended ผ.02 plan and what the manifest says changed
    (correction,) = sample.feeds["lao_plan_projects"]["corrections"]
    feed = FEEDS["lao_plan_projects"]
    tables = {}
    for key in ("original", "corrected"):
        entry = next(e for e in sample.files(feed.name) if e["path"] == correction[key])
        names, body = read_table(sample.out_dir / entry["path"], "xlsx", entry["header_row"], 2)
        at = column_index(feed, names, "project_name")
        tables[key] = {row[at]: (names, row) for _, row in body if row[at]}
    # THEN the changed budgets read as their new amounts, one project out and one in
    for change in correction["changed"]:
        names, row = tables["corrected"][change["project_name"]]
        value = row[column_index(feed, names, change["column"])]
        assert parse_integer(value) == change["new"]
    assert correction["removed"][0] not in tables["corrected"]
    assert correction["added"][0] in tables["corrected"]
    assert correction["added"][0] not in tables["original"]


# --------------------------------------------------------------------- Traffy points


def test_traffy_points_fall_in_their_tambon(sample: Sample) -> None:
    boundaries = load_settings().tambon_boundaries
    if not boundaries.is_file():
        pytest.skip("no tambon boundaries configured")
    from shapely.geometry import Point, shape

    polygons = {
        f["properties"]["ADM3_PCODE"][2:]: shape(f["geometry"])
        for f in json.loads(boundaries.read_text(encoding="utf-8"))["features"]
    }
    info = sample.feeds["traffy_complaints"]
    mismatched = set(info["point_in_other_tambon_ticket_ids"])
    feed = FEEDS["traffy_complaints"]
    inside = outside = blank_text = rows = 0
    # GIVEN every Traffy report
    for entry in sample.files(feed.name):
        names, body = read_table(sample.out_dir / entry["path"], "utf-8-sig", 1, 1)
        ticket = column_index(feed, names, "ticket_id")
        coords = column_index(feed, names, "coords")
        tambon = column_index(feed, names, "tambon_text")
        for _, row in body:
            rows += 1
            text = clean_text(row[tambon])
            blank_text += text is None
            if not row[coords] or text is None:
                continue
            code = TAMBON_BY_NAME.get(strip_area_prefix(text))
            if code is None:
                continue
            lon, lat = map(float, row[coords].split(","))
            if polygons[code].contains(Point(lon, lat)):
                inside += 1
            else:
                outside += 1
                # THEN a point outside its text's tambon is one of the recorded mismatches
                assert row[ticket] in mismatched
    assert inside > outside > 0
    assert 0.1 < blank_text / rows < 0.3

"""Ingest integration tests on small hand-made agency files: each quirk and each bad input."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import duckdb
from openpyxl import Workbook

from ingest.landing.run import RunReport, run_ingest
from ingest.registry import load_area_aliases, load_registry
from settings import Settings
from thai import AreaMatcher

FEEDS = load_registry()
MATCHER = AreaMatcher()
POPULATION_HEADER = "รหัสพื้นที่,ชื่อพื้นที่,ช่วงอายุ,ชาย,หญิง,รวม"


def write_population(path: Path, rows: list[str], encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    preamble = ["รายงานสถิติจำนวนประชากร จังหวัดสระบุรี", "ประจำเดือน มกราคม 2567"]
    path.write_text("\n".join([*preamble, POPULATION_HEADER, *rows]) + "\n", encoding=encoding)
    return path


def ingest(settings: Settings) -> RunReport:
    with duckdb.connect(str(settings.raw_path)) as con:
        return run_ingest(con, settings.landing_dir, FEEDS, MATCHER)


def query(settings: Settings, sql: str) -> list[tuple[object, ...]]:
    with duckdb.connect(str(settings.raw_path), read_only=True) as con:
        return con.execute(sql).fetchall()


def statuses(report: RunReport) -> dict[str, str]:
    return {f.file_name: f.status for f in report.files}


def test_population_quirks_land_typed_with_lineage(settings: Settings) -> None:
    # GIVEN a cp874 registry file with a preamble, separators, Thai digits, totals and a blank line
    write_population(
        settings.landing_dir / "2024-02-01" / "pop_256701.csv",
        [
            '19010100,ตำบลปากเพรียว,0-4,"1,234","1,200","2,434"',
            "19010100, ต.ปากเพรียว ,5-9,๑๒๓,100,223",
            "19010100,ตำบลปากเพรียว,รวม,1357,1300,2657",
            "",
            "19010000,อำเภอเมืองสระบุรี,0-4,1,1,2",
            "19010200,ตำบลดาวเรือง,0-4,5,6,11",
        ],
        encoding="cp874",
    )
    # WHEN it is ingested
    report = ingest(settings)
    # THEN data rows land typed, totals and blank lines are skipped, lineage points at the file
    assert statuses(report) == {"pop_256701.csv": "loaded"}
    rows = query(
        settings,
        "select area_code, area_name, age_band, male, female, total, period_month, "
        "_file_name, _row_number from raw.dopa_population order by _row_number",
    )
    assert rows == [
        (
            "19010100",
            "ตำบลปากเพรียว",
            "0-4",
            1234,
            1200,
            2434,
            dt.date(2024, 1, 1),
            "pop_256701.csv",
            4,
        ),
        ("19010100", "ต.ปากเพรียว", "5-9", 123, 100, 223, dt.date(2024, 1, 1), "pop_256701.csv", 5),
        ("19010200", "ตำบลดาวเรือง", "0-4", 5, 6, 11, dt.date(2024, 1, 1), "pop_256701.csv", 9),
    ]
    assert query(settings, "select encoding, rows_skipped from raw.ingest_files") == [("cp874", 2)]


def test_unparseable_rows_are_quarantined_with_row_and_reason(settings: Settings) -> None:
    # GIVEN a file with a text in a number column, a ragged line and a missing required value
    write_population(
        settings.landing_dir / "d1" / "pop_256702.csv",
        [
            "19010100,ปากเพรียว,0-4,abc,1,1",
            "19010100,ปากเพรียว,5-9,1,2",
            "19010100,ปากเพรียว,,1,2,3",
            "19010100,ปากเพรียว,10-14,1,2,3",
        ],
    )
    # WHEN it is ingested
    report = ingest(settings)
    # THEN good rows land, bad ones are in quarantine naming the row, column and problem
    outcome = report.files[0]
    assert (outcome.status, outcome.rows_loaded, outcome.rows_quarantined) == ("loaded", 1, 3)
    problems = query(
        settings,
        "select row_number, column_name, raw_value, reason_en from raw.ingest_quarantine "
        "order by row_number",
    )
    assert [(p[0], p[1]) for p in problems] == [(4, "male"), (5, "record"), (6, "age_band")]
    assert problems[0][2] == "abc"
    assert "number" in str(problems[0][3])
    assert "required" in str(problems[2][3])


def test_same_file_twice_changes_nothing(settings: Settings) -> None:
    # GIVEN a file already loaded, then re-sent unchanged in a later delivery (and under a new name)
    first = write_population(
        settings.landing_dir / "2024-02-01" / "pop_256701.csv", ["19010100,x,0-4,1,2,3"]
    )
    ingest(settings)
    shutil.copy(first, settings.landing_dir / "2024-02-01" / "pop_256701_copy.csv")
    (settings.landing_dir / "2024-03-01").mkdir()
    shutil.copy(first, settings.landing_dir / "2024-03-01" / "pop_256701.csv")
    # WHEN ingest runs again
    report = ingest(settings)
    # THEN nothing is loaded twice
    assert sorted(f.status for f in report.files) == ["duplicate", "unchanged", "unchanged"]
    assert query(settings, "select count(*) from raw.dopa_population") == [(1,)]


def test_corrected_resend_replaces_that_files_rows(settings: Settings) -> None:
    # GIVEN two months loaded
    write_population(settings.landing_dir / "d1" / "pop_256701.csv", ["19010100,x,0-4,1,2,3"])
    write_population(settings.landing_dir / "d1" / "pop_256702.csv", ["19010100,x,0-4,7,7,14"])
    ingest(settings)
    # WHEN January is re-sent corrected (a value changed, a row added)
    write_population(
        settings.landing_dir / "d2" / "pop_256701.csv",
        ["19010100,x,0-4,10,20,30", "19010200,y,0-4,1,1,2"],
    )
    report = ingest(settings)
    # THEN January holds exactly the corrected rows and February is untouched
    assert statuses(report)["pop_256701.csv"] == "replaced"
    assert query(
        settings,
        "select period_month, area_code, male from raw.dopa_population order by 1, 2",
    ) == [
        (dt.date(2024, 1, 1), "19010100", 10),
        (dt.date(2024, 1, 1), "19010200", 1),
        (dt.date(2024, 2, 1), "19010100", 7),
    ]


def test_bad_files_fail_alone_and_leave_nothing_half_written(settings: Settings) -> None:
    # GIVEN one good file, a truncated workbook, a file missing a required column, an unknown file
    # and undecodable bytes
    day = settings.landing_dir / "d1"
    write_population(day / "pop_256701.csv", ["19010100,x,0-4,1,2,3"])
    good_xlsx = day / "ศูนย์ดำรงธรรม_256701.xlsx"
    Workbook().save(good_xlsx)
    (day / "ศูนย์ดำรงธรรม_256702.xlsx").write_bytes(good_xlsx.read_bytes()[:300])
    good_xlsx.unlink()
    (day / "pop_256703.csv").write_text("รหัสพื้นที่,ชื่อพื้นที่,ชาย\n19010100,x,1\n", "utf-8")
    (day / "notes_from_the_district.txt").write_text("hello", encoding="utf-8")
    (day / "air4thai_24t_2024-01.csv").write_bytes(b"DATETIMEDATA,PM25\n\x81\xff\xfe,1\n")
    # WHEN ingest runs
    report = ingest(settings)
    # THEN the good file loads and each bad one has a clear Thai and English reason
    by_name = {f.file_name: f for f in report.files}
    assert by_name["pop_256701.csv"].status == "loaded"
    truncated = by_name["ศูนย์ดำรงธรรม_256702.xlsx"]
    assert truncated.status == "failed" and "truncated" in truncated.message_en
    missing = by_name["pop_256703.csv"]
    assert missing.status == "failed" and "ช่วงอายุ (age_band)" in missing.message_en
    assert by_name["notes_from_the_district.txt"].status == "unknown_source"
    assert "TIS-620" in by_name["air4thai_24t_2024-01.csv"].message_en
    assert all(f.message_th for f in report.files if f.status != "loaded")
    assert query(settings, "select count(*) from raw.dopa_population") == [(1,)]
    # AND the run report is stored
    assert query(settings, "select files_seen, files_failed from raw.ingest_runs") == [(5, 4)]


def test_failed_resend_keeps_the_previous_version(settings: Settings) -> None:
    # GIVEN a loaded file
    write_population(settings.landing_dir / "d1" / "pop_256701.csv", ["19010100,x,0-4,1,2,3"])
    ingest(settings)
    # WHEN a broken re-send of the same file arrives (a required column lost)
    broken = settings.landing_dir / "d2" / "pop_256701.csv"
    broken.parent.mkdir()
    broken.write_text("รหัสพื้นที่,ชื่อพื้นที่,ชาย\n19010100,x,9\n", encoding="utf-8")
    report = ingest(settings)
    # THEN it fails and the earlier rows are still there, whole
    assert statuses(report) == {"pop_256701.csv": "failed"}
    assert query(settings, "select male from raw.dopa_population") == [(1,)]


def write_damrongdhama(path: Path) -> Path:
    """A 1567 register as the centre sends it: title rows, merged two-row header, totals row."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["ศูนย์ดำรงธรรมจังหวัดสระบุรี"])
    sheet.append(["ทะเบียนเรื่องร้องเรียน ประจำเดือน มกราคม 2567"])
    sheet.append([])
    top = [
        "ลำดับ",
        "เลขที่เรื่อง",
        "วันที่รับเรื่อง",
        "เรื่อง",
        "ประเภทเรื่อง",
        None,
        "ผู้ร้อง",
        None,
        "สถานที่เกิดเหตุ",
        None,
        "หน่วยงานที่รับผิดชอบ",
        "ผลการดำเนินการ",
        None,
    ]
    bottom = [
        None,
        None,
        None,
        None,
        "ประเภทหลัก",
        "ประเภทย่อย",
        "ชื่อ-สกุล",
        "โทรศัพท์",
        "ตำบล",
        "อำเภอ",
        None,
        "สถานะ",
        "วันที่ยุติเรื่อง",
    ]
    sheet.append(top)
    sheet.append(bottom)
    for first, last in (("E4", "F4"), ("G4", "H4"), ("I4", "J4"), ("L4", "M4")):
        sheet.merge_cells(f"{first}:{last}")
    sheet.append(
        [
            1,
            "สบ 0001/2567",
            "๑๕/๐๑/๒๕๖๗",
            "ถนนชำรุด",
            "ความเดือดร้อน",
            "ถนน",
            "นาย ก",
            "0812345678",
            "ต.ตาลเดี่ยว",
            "อ.แก่งคอย",
            "อบต.ตาลเดี่ยว",
            "ยุติเรื่อง",
            "20 ม.ค. 67",
        ]
    )
    sheet.append(
        [
            2,
            "สบ 0002/2567",
            "31/02/2567",
            "น้ำท่วม",
            "ความเดือดร้อน",
            "น้ำ",
            "นาง ข",
            "0899999999",
            "ตาลเดียว",
            "แก่งคอย",
            "อบต.ตาลเดี่ยว",
            "รับเรื่อง",
            None,
        ]
    )
    sheet.append(
        [
            3,
            "สบ 0003/2567",
            "2567-01-16",
            "ไฟฟ้า",
            "ความเดือดร้อน",
            "ไฟฟ้า",
            "นาย ค",
            "-",
            "ตำบล\u200bไม่มีจริง",
            "แก่งคอย",
            "-",
            "รับเรื่อง",
            None,
        ]
    )
    sheet.append(["รวม 3 เรื่อง"])
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def test_excel_register_with_merged_header_and_totals(settings: Settings) -> None:
    # GIVEN a Damrongdhama workbook with title rows, a merged header, Thai digits and a totals row
    write_damrongdhama(settings.landing_dir / "d1" / "ศูนย์ดำรงธรรม_256701.xlsx")
    # WHEN it is ingested
    report = ingest(settings)
    # THEN the good case lands with its BE date converted and its area matched; personal data
    # (name, phone) is not landed; the impossible date and the unknown tambon are quarantined
    assert report.files[0].status == "loaded"
    assert query(
        settings,
        "select case_no, received_date, closed_date, main_type, sub_type, tambon_code, "
        "area_match_method, _row_number from raw.damrongdhama_complaints",
    ) == [
        (
            "สบ 0001/2567",
            dt.date(2024, 1, 15),
            dt.date(2024, 1, 20),
            "ความเดือดร้อน",
            "ถนน",
            "190203",
            "prefix_stripped",
            6,
        ),
    ]
    columns = [c[0] for c in query(settings, "describe raw.damrongdhama_complaints")]
    assert not any("โทร" in c or "phone" in c or c == "name" for c in columns)
    problems = query(
        settings, "select row_number, column_name, reason_en from raw.ingest_quarantine"
    )
    assert sorted((p[0], p[1]) for p in problems) == [
        (7, "received_date"),
        (8, "incident_tambon_text"),
    ]
    assert report.files[0].rows_skipped == 1


def test_analyst_alias_places_a_name_the_matcher_refuses_to_guess() -> None:
    # GIVEN หน้าพระลาน written under its old district (it moved to อ.เฉลิมพระเกียรติ)
    plain = AreaMatcher().match("หน้าพระลาน", "เมืองสระบุรี")
    # WHEN matched without and with the registry's analyst aliases
    aliased = AreaMatcher(aliases=load_area_aliases()).match("หน้าพระลาน", "เมืองสระบุรี")
    # THEN only the alias places it, and says so
    assert (plain.tambon_code, plain.method) == (None, "unmatched")
    assert (aliased.tambon_code, aliased.method) == ("191306", "alias")


def test_older_delivery_of_a_corrected_file_is_not_reloaded(settings: Settings) -> None:
    # GIVEN an original and its corrected re-send, both still in the landing folder and loaded
    write_population(settings.landing_dir / "d1" / "pop_256701.csv", ["19010100,x,0-4,1,2,3"])
    write_population(settings.landing_dir / "d2" / "pop_256701.csv", ["19010100,x,0-4,9,9,18"])
    first = ingest(settings)
    assert [f.status for f in first.files] == ["loaded", "replaced"]
    # WHEN ingest runs again
    again = ingest(settings)
    # THEN the old delivery is recognised as superseded, nothing is loaded, the correction stays
    assert [f.status for f in again.files] == ["superseded", "unchanged"]
    assert again.rows_loaded == 0
    assert query(settings, "select male from raw.dopa_population") == [(9,)]


def test_registry_change_asks_for_a_rebuild_instead_of_mixing_layouts(settings: Settings) -> None:
    # GIVEN a raw table built by an older registry entry (different columns)
    with duckdb.connect(str(settings.raw_path)) as con:
        con.execute("create schema raw")
        con.execute("create table raw.dopa_population (area_code varchar, people bigint)")
    write_population(settings.landing_dir / "d1" / "pop_256701.csv", ["19010100,x,0-4,1,2,3"])
    # WHEN a file of that feed arrives
    report = ingest(settings)
    # THEN it is refused with the command that reloads the feed, and the old table is untouched
    assert report.files[0].status == "failed"
    assert "--rebuild dopa_population" in report.files[0].message_en
    assert query(settings, "select count(*) from raw.dopa_population") == [(0,)]

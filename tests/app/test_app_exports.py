"""CSV and Excel exports neutralise spreadsheet formulas; the PDF brief carries Thai text."""

from __future__ import annotations

import io
import re

import openpyxl
import pandas as pd
import pytest
from pypdf import PdfReader

from reports.exports import BriefLine, brief_pdf, neutralise_text, to_csv, to_excel

RISKY = ["=1+1", "+41 22", "-2+3", "@SUM(A1)", "\t=cmd", "\r=cmd", '=HYPERLINK("http://x")']


@pytest.mark.parametrize("text", RISKY)
def test_risky_text_gets_a_leading_apostrophe(text: str) -> None:
    assert neutralise_text(text) == "'" + text


@pytest.mark.parametrize("value", ["สระบุรี", "a=b", "", " =x", 12, -5, 3.5, None, True])
def test_other_values_are_unchanged(value: object) -> None:
    assert neutralise_text(value) == value


def _frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "name": ["=cmd|' /C calc'!A0", "ตำบลปากเพรียว", "@x", None],
            "amount": [-5, 10, 0, 3],
            "when": pd.to_datetime(["2025-01-01", "2025-02-01", None, "2025-03-01"]),
        }
    )


def test_csv_is_utf8_with_bom_and_neutralised() -> None:
    data = to_csv(_frame())
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert "'=cmd" in text and "'@x" in text and "ตำบลปากเพรียว" in text
    back = pd.read_csv(io.StringIO(text))
    assert back["amount"].tolist() == [-5, 10, 0, 3], "numbers are not touched"


def test_excel_holds_text_not_formulas() -> None:
    book = openpyxl.load_workbook(io.BytesIO(to_excel(_frame())))
    sheet = book.active
    cells = [c for row in sheet.iter_rows(min_row=2) for c in row]
    assert sheet["A2"].value == "'=cmd|' /C calc'!A0"
    assert all(c.data_type != "f" for c in cells), "no cell is a formula"
    assert sheet["B2"].value == -5


def _pdf_text(pdf: bytes) -> str:
    """The text a reader would copy out of the PDF (through its ToUnicode maps)."""
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_brief_pdf_is_one_page_with_thai_text() -> None:
    pdf = brief_pdf(
        title="สรุปสำหรับผู้บริหาร · จังหวัดสระบุรี",
        subtitle="ศูนย์ปฏิบัติการข้อมูลจังหวัดสระบุรี",
        area_name="แก่งคอย",
        lines=[BriefLine("ประชากรตามทะเบียนราษฎร", "ก.ย. 2568", "405,590", "+1,110")],
        notes=["ข้อมูลรุ่น 20250930"],
        headers=("ตัวชี้วัด", "ช่วงเวลา", "ค่า", "เทียบกับเดือนก่อนหน้า"),
        footer="ที่มา: marts.fct_area_kpis_monthly",
    )
    assert pdf.startswith(b"%PDF-")
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1, "one page"
    assert b"NotoSansThai" in pdf, "the Thai font is embedded"
    text = _pdf_text(pdf)
    assert "แก่งคอย" in text
    assert "ประชากรตามทะเบียนราษฎร" in text

"""Downloads: CSV and Excel with spreadsheet-formula neutralisation, and the one-page PDF brief.

A cell whose text begins with ``= + - @`` (or a tab or carriage return) is run as a formula by
spreadsheet programs (CSV/formula injection); such text gets a leading apostrophe, so it is
shown as text and never evaluated.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise_text(value: object) -> object:
    """``'=1+1`` for ``=1+1``; everything that is not risky text is returned unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def neutralise(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy with every risky text cell neutralised (numbers, dates and booleans untouched)."""
    out = frame.copy()
    for column in out.columns:
        series = out[column]
        if series.dtype == object or pd.api.types.is_string_dtype(series.dtype):
            out[column] = series.map(neutralise_text).astype(object)
    out.columns = [neutralise_text(str(c)) for c in out.columns]
    return out


def to_csv(frame: pd.DataFrame) -> bytes:
    """UTF-8 with a byte-order mark, so spreadsheet programs read Thai correctly."""
    return neutralise(frame).to_csv(index=False).encode("utf-8-sig")


def _excel_safe(frame: pd.DataFrame) -> pd.DataFrame:
    out = neutralise(frame)
    for column in out.columns:
        if isinstance(out[column].dtype, pd.DatetimeTZDtype):
            out[column] = out[column].dt.tz_localize(None)
    return out


def to_excel(frame: pd.DataFrame, sheet_name: str = "data") -> bytes:
    """An .xlsx workbook; risky text is neutralised and written as text, never as a formula."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    safe = _excel_safe(frame)
    book = Workbook()
    sheet = book.active
    sheet.title = sheet_name[:31]
    sheet.append([str(c) for c in safe.columns])
    for row in safe.itertuples(index=False):
        sheet.append([None if _missing(v) else v for v in row])
    # openpyxl turns any string starting with "=" into a formula: force every text cell to text.
    for row in sheet.iter_rows(min_row=1):
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"
    for i, column in enumerate(safe.columns, 1):
        sheet.column_dimensions[get_column_letter(i)].width = min(50, max(10, len(str(column)) + 2))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _missing(value: object) -> bool:
    try:
        return bool(pd.isna(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False


# ---------------------------------------------------------------------------------------------
# PDF brief
# ---------------------------------------------------------------------------------------------


def thai_font_path() -> Path:
    """Noto Sans Thai from the ``fontpkg-noto-sans-thai`` package (a variable TTF)."""
    import fontpkg_noto_sans_thai

    files = sorted((fontpkg_noto_sans_thai.ROOT / "files").glob("*.ttf"))
    if not files:  # pragma: no cover - a broken install
        raise FileNotFoundError("Noto Sans Thai TTF not found in fontpkg_noto_sans_thai")
    return files[0]


@dataclass(frozen=True)
class BriefLine:
    label: str
    period: str
    value: str
    change: str


def brief_pdf(
    *,
    title: str,
    subtitle: str,
    area_name: str,
    lines: list[BriefLine],
    notes: list[str],
    headers: tuple[str, str, str, str],
    footer: str,
) -> bytes:
    """A one-page A4 brief: title, area, a KPI table and short notes, in Noto Sans Thai."""
    from fpdf import FPDF

    font = thai_font_path()
    pdf = FPDF(orientation="P", unit="mm", format="A4")
    pdf.set_auto_page_break(auto=False)
    pdf.set_margins(15, 15, 15)
    pdf.add_font("NotoSansThai", "", str(font), variations={"wght": 400})
    pdf.add_font("NotoSansThai", "B", str(font), variations={"wght": 700})
    # HarfBuzz shaping (uharfbuzz) stacks Thai vowels and tone marks the way Thai readers expect.
    pdf.set_text_shaping(use_shaping_engine=True, script="thai", language="tha")
    pdf.set_title(f"{title} - {area_name}")
    pdf.set_creator("Saraburi Provincial Data Platform")
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin

    pdf.set_fill_color(31, 95, 139)
    pdf.rect(0, 0, pdf.w, 8, style="F")
    pdf.set_font("NotoSansThai", "B", 18)
    pdf.cell(width, 10, title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("NotoSansThai", "", 12)
    pdf.cell(width, 7, subtitle, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("NotoSansThai", "B", 14)
    pdf.cell(width, 9, area_name, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)

    widths = (width * 0.50, width * 0.17, width * 0.18, width * 0.15)
    pdf.set_font("NotoSansThai", "B", 10)
    pdf.set_fill_color(238, 242, 244)
    for i, (w, text) in enumerate(zip(widths, headers, strict=True)):
        pdf.cell(w, 8, _fit(pdf, text, w), border="B", fill=True, align="R" if i >= 2 else "L")
    pdf.ln(8)
    pdf.set_font("NotoSansThai", "", 10)
    for line in lines[:22]:
        cells = (line.label, line.period, line.value, line.change)
        for i, (w, text) in enumerate(zip(widths, cells, strict=True)):
            pdf.cell(w, 7.5, _fit(pdf, text, w), border="B", align="R" if i >= 2 else "L")
        pdf.ln(7.5)
    pdf.ln(4)
    pdf.set_font("NotoSansThai", "", 9.5)
    for note in notes[:8]:
        pdf.multi_cell(width, 5.5, f"• {note}", new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(-18)
    pdf.set_font("NotoSansThai", "", 8)
    pdf.set_text_color(90, 90, 90)
    pdf.multi_cell(width, 4.5, footer, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _fit(pdf: object, text: str, width: float) -> str:
    """``text`` shortened with an ellipsis until it fits ``width`` mm (less a small padding)."""
    while text and pdf.get_string_width(text) > width - 2:  # type: ignore[attr-defined]
        text = text[:-2] + "…"
    return text

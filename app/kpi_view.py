"""Headline KPI values: latest period, change against the previous one, and the recent trend."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from app import data
from app.i18n import fmt_number, fmt_period, pick


@dataclass(frozen=True)
class Headline:
    kpi_code: str
    name: str
    unit: str
    grain: str
    higher_is_better: bool | None
    source_model: str
    period: Any
    value: float | None
    previous: float | None
    trend: list[float]

    @property
    def value_text(self) -> str:
        return fmt_number(self.value, unit=self.unit)

    @property
    def delta_text(self) -> str | None:
        if self.value is None or self.previous is None:
            return None
        change = self.value - self.previous
        if "0-1" in self.unit:
            return f"{change * 100:+,.1f} pp"
        return f"{change:+,.{0 if float(change).is_integer() or abs(change) >= 100 else 1}f}"

    @property
    def delta_colour(self) -> str:
        if self.higher_is_better is None:
            return "off"
        return "normal" if self.higher_is_better else "inverse"

    @property
    def period_text(self) -> str:
        return fmt_period(self.period, self.grain) if self.period is not None else ""


def kpi_meta(path: str) -> dict[str, dict[str, Any]]:
    frame = data.kpis(path)
    return {row["kpi_code"]: row for row in frame.to_dict("records")}


def _as_bool(value: Any) -> bool | None:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return None
    return bool(value)


def headlines(
    path: str, area_code: str, codes: list[str], periods: int = 24
) -> dict[str, Headline]:
    """The KPIs ``codes`` for one area; KPIs the build does not carry are left out."""
    meta = kpi_meta(path)
    series = {
        grain: data.kpi_series(path, area_code, grain, periods) for grain in ("monthly", "yearly")
    }
    out: dict[str, Headline] = {}
    for code in codes:
        info = meta.get(code)
        if info is None:
            continue
        grain = "yearly" if info.get("grain") == "yearly" else "monthly"
        frame = series[grain]
        rows = frame[frame["kpi_code"] == code].sort_values("period")
        values = rows["kpi_value"].astype(float).tolist()
        out[code] = Headline(
            kpi_code=code,
            name=pick(info.get("name_th"), info.get("name_en")),
            unit=str(pick(info.get("unit_th"), info.get("unit_en")) or ""),
            grain=grain,
            higher_is_better=_as_bool(info.get("higher_is_better")),
            source_model=str(info.get("source_model") or ""),
            period=rows["period"].iloc[-1] if len(rows) else None,
            value=values[-1] if values else None,
            previous=values[-2] if len(values) > 1 else None,
            trend=values,
        )
    return out

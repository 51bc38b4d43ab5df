"""Altair charts of the app: choropleth with a classed legend, pyramid, bars and lines.

Maps need no basemap and no network: the GeoJSON features travel inside the chart spec
(``alt.Data(values=...)``), with clockwise exterior rings (see ``data._orient``).

Building an Altair chart and validating it against the Vega-Lite schema costs tens of
milliseconds, and ``st.altair_chart`` converts charts under one process-wide lock. So pages
show charts with ``show(...)``/``map_spec(...)``: the finished Vega-Lite spec is cached
(``st.cache_data``, keyed by the data, the options and the language) and drawn with
``st.vega_lite_chart``, which keeps selections (``on_select``) working.
"""

from __future__ import annotations

import copy
import itertools
from typing import Any

import altair as alt
import numpy as np
import pandas as pd
import streamlit as st

from app import data
from app.i18n import fmt_number, lang, pick, t

CLASS_COLOURS = {
    # dark = more of it; greens when more is better, reds when more is worse, blues otherwise
    True: ["#edf8e9", "#bae4b3", "#74c476", "#31a354", "#006d2c"],
    False: ["#fee5d9", "#fcae91", "#fb6a4a", "#de2d26", "#a50f15"],
    None: ["#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"],
}
NO_DATA_COLOUR = "#d9d9d9"
SELECTION = "area_click"


def quantile_classes(
    values: pd.Series, k: int = 5, unit: str = ""
) -> tuple[list[float], list[str]]:
    """Up to ``k`` quantile classes: the upper breaks and a label per class ("1,200 – 1,850")."""
    clean = pd.to_numeric(values, errors="coerce").dropna()
    if clean.empty:
        return [], []
    breaks = sorted(set(np.quantile(clean, np.linspace(0, 1, k + 1)).tolist()))
    if len(breaks) == 1:
        return breaks, [fmt_number(breaks[0], unit=unit)]
    labels = [
        f"{fmt_number(lo, unit=unit)} – {fmt_number(hi, unit=unit)}"
        for lo, hi in itertools.pairwise(breaks)
    ]
    return breaks[1:], labels


def classify(value: Any, upper_breaks: list[float]) -> int | None:
    """Index of the class of ``value`` (None when missing)."""
    if value is None or (isinstance(value, float) and np.isnan(value)) or not upper_breaks:
        return None
    for i, upper in enumerate(upper_breaks):
        if value <= upper + 1e-12:
            return i
    return len(upper_breaks) - 1


def choropleth(
    features: list[dict[str, Any]],
    values: pd.DataFrame,
    *,
    kpi_name: str,
    unit: str,
    higher_is_better: bool | None,
    selected: str | None = None,
    height: int = 480,
) -> alt.Chart:
    """Areas coloured by quantile class of ``values.kpi_value``; click selects ``area_code``."""
    upper, labels = quantile_classes(values["kpi_value"], unit=unit)
    by_code = values.set_index("area_code")["kpi_value"].to_dict()
    no_data = t("no_value")
    shapes = []
    for feature in features:
        item = copy.copy(feature)
        props = dict(feature["properties"])
        value = by_code.get(props["area_code"])
        if value is not None and pd.isna(value):
            value = None
        cls = classify(value, upper)
        props["name"] = pick(props["name_th"], props["name_en"])
        props["value_text"] = fmt_number(value, unit=unit) if value is not None else no_data
        props["class_label"] = labels[cls] if cls is not None else no_data
        props["is_selected"] = props["area_code"] == selected
        item["properties"] = props
        shapes.append(item)
    palette = CLASS_COLOURS.get(higher_is_better, CLASS_COLOURS[None])
    domain = [*labels, no_data]
    colours = [*_spread(palette, len(labels)), NO_DATA_COLOUR]
    click = alt.selection_point(fields=["area_code"], name=SELECTION, on="click", clear=False)
    base = alt.Chart(alt.Data(values=shapes)).transform_calculate(
        area_code="datum.properties.area_code",
        name="datum.properties.name",
        value_text="datum.properties.value_text",
        class_label="datum.properties.class_label",
        is_selected="datum.properties.is_selected",
    )
    return (
        base.mark_geoshape(stroke="#ffffff", strokeWidth=0.8)
        .encode(
            color=alt.Color(
                "class_label:N",
                scale=alt.Scale(domain=domain, range=colours),
                sort=domain,
                legend=alt.Legend(
                    title=f"{kpi_name} ({t('legend_quantiles')})",
                    orient="bottom",
                    columns=3,
                    labelLimit=240,
                    titleLimit=600,
                ),
            ),
            strokeWidth=alt.condition("datum.is_selected", alt.value(3), alt.value(0.8)),
            stroke=alt.condition("datum.is_selected", alt.value("#111111"), alt.value("#ffffff")),
            opacity=alt.condition(click, alt.value(1.0), alt.value(0.85)),
            tooltip=[
                alt.Tooltip("name:N", title=t("area")),
                alt.Tooltip("value_text:N", title=kpi_name),
                alt.Tooltip("class_label:N", title=t("class")),
                alt.Tooltip("area_code:N", title=t("area_code")),
            ],
        )
        .add_params(click)
        .project(type="mercator")
        .properties(height=height)
    )


def _spread(palette: list[str], n: int) -> list[str]:
    if n <= 0:
        return []
    idx = np.linspace(0, len(palette) - 1, n).round().astype(int)
    return [palette[i] for i in idx]


def sparkline(frame: pd.DataFrame, x: str = "period", y: str = "kpi_value") -> alt.Chart:
    return (
        alt.Chart(frame)
        .mark_area(line={"color": "#1f5f8b"}, color="#1f5f8b", opacity=0.15)
        .encode(
            x=alt.X(f"{x}:{'O' if frame[x].dtype.kind in 'iu' else 'T'}", axis=None),
            y=alt.Y(f"{y}:Q", axis=None, scale=alt.Scale(zero=False)),
            tooltip=[alt.Tooltip(f"{x}"), alt.Tooltip(f"{y}:Q", format=",.2f")],
        )
        .properties(height=48)
    )


def pyramid(frame: pd.DataFrame) -> alt.Chart:
    """Men to the left, women to the right, one row per age band (youngest at the bottom)."""
    male, female = t("male"), t("female")
    long = pd.concat(
        [
            frame.assign(sex=male, persons=-frame["male"].astype(float)),
            frame.assign(sex=female, persons=frame["female"].astype(float)),
        ]
    )
    long["persons_text"] = long["persons"].abs().map(fmt_number)
    order = frame.sort_values("age_band_order", ascending=False)["age_band"].tolist()
    return (
        alt.Chart(long)
        .mark_bar()
        .encode(
            y=alt.Y("age_band:N", sort=order, title=t("age_band")),
            x=alt.X("persons:Q", title=t("persons"), axis=alt.Axis(labelExpr="abs(datum.value)")),
            color=alt.Color(
                "sex:N",
                scale=alt.Scale(domain=[male, female], range=["#3182bd", "#e6550d"]),
                legend=alt.Legend(title=None, orient="top"),
            ),
            tooltip=[
                alt.Tooltip("sex:N", title=""),
                alt.Tooltip("age_band:N", title=t("age_band")),
                alt.Tooltip("persons_text:N", title=t("persons")),
            ],
        )
        .properties(height=320)
    )


def hbar(
    frame: pd.DataFrame,
    category: str,
    value: str,
    *,
    title: str,
    value_title: str,
    colour: str = "#1f5f8b",
    fmt: str = ",.0f",
) -> alt.Chart:
    return (
        alt.Chart(frame)
        .mark_bar(color=colour)
        .encode(
            y=alt.Y(f"{category}:N", sort="-x", title=title, axis=alt.Axis(labelLimit=260)),
            x=alt.X(f"{value}:Q", title=value_title),
            tooltip=[
                alt.Tooltip(f"{category}:N", title=title),
                alt.Tooltip(f"{value}:Q", title=value_title, format=fmt),
            ],
        )
        .properties(height=max(120, 26 * len(frame)))
    )


def grouped_bars(
    frame: pd.DataFrame,
    category: str,
    series: str,
    value: str,
    *,
    title: str,
    value_title: str,
    fmt: str = ".1%",
) -> alt.Chart:
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            y=alt.Y(f"{category}:N", title=title, sort=None),
            yOffset=alt.YOffset(f"{series}:N"),
            x=alt.X(f"{value}:Q", title=value_title, axis=alt.Axis(format=fmt)),
            color=alt.Color(
                f"{series}:N",
                legend=alt.Legend(title=None, orient="top"),
                scale=alt.Scale(range=["#1f5f8b", "#bdbdbd"]),
            ),
            tooltip=[
                alt.Tooltip(f"{category}:N", title=title),
                alt.Tooltip(f"{series}:N", title=""),
                alt.Tooltip(f"{value}:Q", title=value_title, format=fmt),
            ],
        )
        .properties(height=max(160, 44 * frame[category].nunique()))
    )


THAI_MONTHS_EXPR = (
    "['ม.ค.','ก.พ.','มี.ค.','เม.ย.','พ.ค.','มิ.ย.','ก.ค.','ส.ค.','ก.ย.','ต.ค.','พ.ย.','ธ.ค.']"
)


def _time_axis() -> alt.Axis:
    """Thai month names and Buddhist-Era years on time axes when the app is in Thai."""
    if lang() != "th":
        return alt.Axis()
    return alt.Axis(
        labelExpr=f"{THAI_MONTHS_EXPR}[month(datum.value)] + ' ' + "
        "slice(toString(year(datum.value) + 543), 2)"
    )


def lines(
    frame: pd.DataFrame,
    x: str,
    series: list[str],
    labels: list[str],
    *,
    x_title: str,
    y_title: str,
    rule: float | None = None,
    rule_label: str = "",
) -> alt.Chart:
    long = frame.melt(id_vars=[x], value_vars=series, var_name="series", value_name="value")
    long["series"] = long["series"].map(dict(zip(series, labels, strict=True)))
    chart = (
        alt.Chart(long)
        .mark_line(point=len(frame) < 40)
        .encode(
            x=alt.X(f"{x}:T", title=x_title, axis=_time_axis()),
            y=alt.Y("value:Q", title=y_title),
            color=alt.Color("series:N", legend=alt.Legend(title=None, orient="top")),
            tooltip=[
                alt.Tooltip(f"{x}:T", title=x_title),
                alt.Tooltip("series:N", title=""),
                alt.Tooltip("value:Q", title=y_title, format=",.1f"),
            ],
        )
        .properties(height=260)
    )
    if rule is not None:
        chart = chart + alt.Chart(pd.DataFrame({"y": [rule], "label": [rule_label]})).mark_rule(
            color="#a50f15", strokeDash=[4, 4]
        ).encode(y="y:Q", tooltip=[alt.Tooltip("label:N", title="")])
    return chart


# ---------------------------------------------------------------------------------------------
# Cached Vega-Lite specs
# ---------------------------------------------------------------------------------------------

BUILDERS = {"pyramid": pyramid, "hbar": hbar, "grouped_bars": grouped_bars, "lines": lines}


def _is_geojson(values: Any) -> bool:
    return (
        isinstance(values, list)
        and bool(values)
        and isinstance(values[0], dict)
        and (values[0].get("type") == "Feature")
    )


def to_spec(chart: alt.TopLevelMixin) -> dict[str, Any]:
    """The chart's Vega-Lite spec without the default theme's fixed 300 x 300 view.

    Tabular datasets are stored as Arrow IPC bytes, the form Streamlit sends them in, so a
    cached spec is not converted again on every rerun; GeoJSON stays in the spec."""
    from streamlit import dataframe_util

    spec = chart.to_dict()
    config = spec.get("config", {})
    config.pop("view", None)
    if not config:
        spec.pop("config", None)
    for name, values in list(spec.get("datasets", {}).items()):
        if isinstance(values, list) and not _is_geojson(values):
            spec["datasets"][name] = dataframe_util.convert_anything_to_arrow_bytes(
                pd.DataFrame(values)
            )
    return spec


@st.cache_data(ttl=data.TTL, max_entries=1024, show_spinner=False)
def _cached_spec(builder: str, language: str, frame: pd.DataFrame, options: tuple) -> dict:
    del language  # part of the cache key: labels are built in the chosen language
    return to_spec(BUILDERS[builder](frame, **dict(options)))


def show(builder: str, frame: pd.DataFrame, *args: Any, **options: Any) -> None:
    """Draw one of ``BUILDERS`` from a cached spec (positional options go by parameter name)."""
    if args:
        import inspect

        names = list(inspect.signature(BUILDERS[builder]).parameters)[1 : 1 + len(args)]
        options = {**dict(zip(names, args, strict=True)), **options}
    frozen = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in options.items()))
    st.vega_lite_chart(_cached_spec(builder, lang(), frame, frozen), width="stretch")


@st.cache_data(ttl=data.TTL, max_entries=512, show_spinner=False)
def map_spec(
    path: str,
    kpi_code: str,
    grain: str,
    period: Any,
    level: str,
    parent: str | None,
    selected: str | None,
    language: str,
    kpi_name: str,
    unit: str,
    higher_is_better: bool | None,
) -> dict[str, Any] | None:
    """The choropleth's spec, or None when the build has no boundaries for these areas."""
    del language  # cache key: names and labels follow the language
    features = data.boundaries(path, level, parent)
    if not features:
        return None
    values = data.kpi_by_area(path, kpi_code, grain, period, level, parent)
    chart = choropleth(
        features, values, kpi_name=kpi_name, unit=unit, higher_is_better=higher_is_better,
        selected=selected,
    )  # fmt: skip
    return to_spec(chart)

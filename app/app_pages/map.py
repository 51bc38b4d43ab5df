"""Map: any KPI by amphoe or tambon; a click drills down province → amphoe → tambon."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app import charts, data, kpi_view, navigation, ui
from app.i18n import fmt_number, fmt_period, lang, pick, t

KPI_KEY = "kpi"
DEFAULT_KPI = "households_failing_any_share"

ui.page_header("map_title")
path = ui.require_build()
areas = data.areas(path)
if areas.empty:
    ui.no_data(t("area"))
    st.stop()
meta = kpi_view.kpi_meta(path)
if not meta:
    ui.no_data(t("kpi"))
    st.stop()

code = ui.selected_area(areas)
level = ui.area_level(code)

# --- which KPI, which period, which level ---------------------------------------------------
kpi_codes = list(meta)
wanted = st.query_params.get(KPI_KEY) or st.session_state.get(KPI_KEY) or DEFAULT_KPI
kpi_index = kpi_codes.index(wanted) if wanted in kpi_codes else 0
controls = st.columns([3, 2, 2])
kpi_code = controls[0].selectbox(
    t("kpi"),
    kpi_codes,
    index=kpi_index,
    format_func=lambda c: pick(meta[c]["name_th"], meta[c]["name_en"]),
    key=f"map_kpi_{wanted}",
)
if kpi_code != wanted or st.query_params.get(KPI_KEY) != kpi_code:
    st.session_state[KPI_KEY] = kpi_code
    st.query_params[KPI_KEY] = kpi_code
info = meta[kpi_code]
grain = "yearly" if info.get("grain") == "yearly" else "monthly"
unit = str(pick(info.get("unit_th"), info.get("unit_en")) or "")
kpi_name = pick(info["name_th"], info["name_en"])
periods = data.kpi_periods(path, kpi_code, grain)
if not periods:
    ui.no_data(kpi_name)
    st.stop()
period = controls[1].selectbox(
    t("period"),
    periods,
    index=0,
    format_func=lambda p: fmt_period(p, grain),
    key=f"map_period_{kpi_code}",
)
if level == "province":
    map_level = controls[2].segmented_control(
        t("map_level"),
        ["amphoe", "tambon"],
        default="amphoe",
        required=True,
        format_func=t,
        key="map_level",
    )
    parent = None
else:
    map_level = "tambon"
    parent = code[:4]

# --- breadcrumb and keyboard-friendly picker ---------------------------------------------------
st.caption(t("click_hint"))
ui.breadcrumb(areas, code, key="map")

values = data.kpi_by_area(path, kpi_code, grain, period, map_level, parent)
features = data.boundaries(path, map_level, parent)
selected_for_map = code if level == "tambon" else None

left, right = st.columns([3, 2])
with left, ui.guard("map"):
    if not features:
        st.info(t("no_boundaries"), icon=":material/map:")
    elif values["kpi_value"].notna().sum() == 0:
        ui.no_data(f"{kpi_name} {fmt_period(period, grain)}")
    else:
        spec = charts.map_spec(
            path, kpi_code, grain, period, map_level, parent, selected_for_map, lang(),
            kpi_name, unit, kpi_view._as_bool(info.get("higher_is_better")),
        )  # fmt: skip
        event = st.vega_lite_chart(
            spec,
            width="stretch",
            on_select="rerun",
            selection_mode=charts.SELECTION,
            key=f"map_chart_{code}_{map_level}_{kpi_code}",
        )
        clicked = (event.selection.get(charts.SELECTION) or []) if event else []
        if clicked:
            clicked_code = str(clicked[0].get("area_code") or "")
            if clicked_code and clicked_code != code and clicked_code in set(areas["area_code"]):
                ui.set_area(clicked_code)
                st.rerun()

with right:
    ui.area_picker(areas, code, key="map")
    name = ui.area_name(areas, code)
    st.markdown(t("selected_area", name=f"**{name}**"))
    if level != "province":
        navigation.link("profile", label=t("open_profile", name=name), area=code)
    with ui.guard("values"):
        st.markdown(f"**{t('values_table')}** · {kpi_name} · {fmt_period(period, grain)}")
        table = values.copy()
        table["rank"] = table["kpi_value"].rank(ascending=False, method="min")
        shown = pd.DataFrame(
            {
                t("area_code"): table["area_code"],
                t("area"): [
                    pick(a, b) for a, b in zip(table["name_th"], table["name_en"], strict=True)
                ],
                t("value"): [fmt_number(v, unit=unit) for v in table["kpi_value"]],
                t("rank"): table["rank"].astype("Int64"),
            }
        ).sort_values(t("rank"))
        st.dataframe(shown, hide_index=True, width="stretch", height=420)
        st.caption(f"{t('source')}: marts.fct_area_kpis_{grain} · marts.{info.get('source_model')}")

"""Province facts for citizens: a few headline figures and the open tables, in plain words."""

from __future__ import annotations

import streamlit as st

from app import data, kpi_view, navigation, ui
from app.i18n import t

PUBLIC_KPIS = [
    "population_total",
    "households_failing_any_share",
    "complaints_received",
    "complaints_median_days_to_resolve",
    "development_budget_thb",
    "pm25_exceedance_days",
]

ui.page_header("page_public", "public_intro")
path = ui.require_build()
with ui.guard("public"):
    heads = [
        h
        for h in kpi_view.headlines(path, data.PROVINCE_CODE, PUBLIC_KPIS).values()
        if h.value is not None
    ]
    if not heads:
        ui.no_data(t("kpi"))
    else:
        cols = st.columns(3)
        for i, item in enumerate(heads):
            cols[i % 3].metric(
                f"{item.name} ({item.period_text})",
                item.value_text,
                delta=item.delta_text,
                delta_color=item.delta_colour,
                border=True,
                help=f"{t('source')}: marts.{item.source_model}",
            )
navigation.link("map")
navigation.link("exports")

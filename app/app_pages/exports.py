"""Exports: every table as CSV and Excel (formula-safe) and the one-page executive brief PDF."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from app import data, kpi_view, ui
from app.i18n import fmt_date, fmt_number, lang, pick, t
from reports import exports

BRIEF_KPIS = [
    "population_total",
    "households_failing_any_share",
    "households_failing_health_share",
    "households_failing_living_share",
    "households_failing_education_share",
    "households_failing_income_share",
    "households_failing_public_access_share",
    "target_poor_households",
    "complaints_received",
    "complaints_open_end_of_month",
    "complaints_overdue_end_of_month",
    "complaints_median_days_to_resolve",
    "development_projects",
    "development_budget_thb",
    "pm25_exceedance_days",
    "dengue_cases",
]
PREVIEW_ROWS = 200

ui.page_header("page_exports", "exports_intro")
path = ui.require_build()
areas = data.areas(path)
code = ui.selected_area(areas) if len(areas) else data.PROVINCE_CODE
name = ui.area_name(areas, code) if len(areas) else t("province_name")
if len(areas):
    ui.breadcrumb(areas, code, key="exports")
    ui.area_picker(areas, code, key="exports")
st.markdown(t("export_area", name=f"**{name}**"))
build = data.build_info(path)

with ui.guard("tables"):
    st.subheader(t("table"))
    available = [key for key, spec in data.EXPORTS.items() if data.has(path, spec.table)]
    if not available:
        ui.no_data(t("table"))
    else:
        key = st.selectbox(
            t("table"),
            available,
            format_func=lambda k: pick(data.EXPORTS[k].label_th, data.EXPORTS[k].label_en),
            key="export_table",
        )
        frame, truncated = data.export_table(path, key, code)
        st.caption(f"{t('rows', n=fmt_number(len(frame)))} · {data.EXPORTS[key].table}")
        if truncated:
            st.warning(t("truncated", limit=fmt_number(data.MAX_ROWS)))
        if frame.empty:
            ui.no_data(pick(data.EXPORTS[key].label_th, data.EXPORTS[key].label_en))
        else:
            st.dataframe(frame.head(PREVIEW_ROWS), hide_index=True, width="stretch", height=300)
            stem = f"saraburi_{key}_{code}_{build.version}"
            cols = st.columns(2)
            cols[0].download_button(
                t("download_csv"),
                data=lambda: exports.to_csv(frame),
                file_name=f"{stem}.csv",
                mime="text/csv",
                icon=":material/csv:",
                on_click="ignore",
                key="download_csv",
            )
            cols[1].download_button(
                t("download_xlsx"),
                data=lambda: exports.to_excel(frame, key),
                file_name=f"{stem}.xlsx",
                mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                icon=":material/table_view:",
                on_click="ignore",
                key="download_xlsx",
            )


def brief_bytes() -> bytes:
    heads = kpi_view.headlines(path, code, BRIEF_KPIS)
    lines = [
        exports.BriefLine(h.name, h.period_text, h.value_text, h.delta_text or "–")
        for h in heads.values()
        if h.value is not None
    ]
    totals = data.complaint_totals(path, code)
    notes = []
    if len(totals) and int(totals.iloc[0]["total"] or 0):
        row = totals.iloc[0]
        notes.append(
            f"{t('page_complaints')}: {t('overdue')} {fmt_number(row['overdue'])} · "
            f"{t('open')} {fmt_number(row['open'])} · {t('resolved')} {fmt_number(row['resolved'])}"
        )
    notes.append(t("build_version", version=build.version, built_at=fmt_date(build.built_at)))
    now = dt.datetime.now()
    return exports.brief_pdf(
        title=f"{t('brief_title')} · {t('province_name')}",
        subtitle=t("app_title"),
        area_name=name,
        lines=lines,
        notes=notes,
        headers=(t("kpi"), t("period"), t("value"), t("change")),
        footer=f"{t('generated_at', date=fmt_date(now))} {now:%H:%M} · "
        f"{t('source')}: marts.fct_area_kpis_monthly, marts.fct_area_kpis_yearly ({lang()})",
    )


with ui.guard("brief"):
    st.subheader(t("brief_section"))
    st.download_button(
        t("download_pdf"),
        data=brief_bytes,
        file_name=f"saraburi_brief_{code}_{build.version}.pdf",
        mime="application/pdf",
        icon=":material/picture_as_pdf:",
        on_click="ignore",
        key="download_pdf",
        type="primary",
    )

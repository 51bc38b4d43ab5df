"""Exports: public tables as CSV and Excel (formula-safe, complaint points rounded or at the tambon
centre), the staff-only tables and exact points for signed-in executives and admins, and the
one-page executive brief PDF."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from app import data, kpi_view, navigation, ui
from app.i18n import fmt_date, fmt_number, lang, pick, t
from app.staff.session import current_principal
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

STAFF_ROLES = ("executive", "admin")


def table_downloads(keys: list[str], exact: bool, prefix: str) -> None:
    """Pick a table, preview it, download it as CSV or Excel (widget keys start with prefix)."""
    available = [k for k in keys if data.has(path, data.EXPORTS[k].table)]
    if not available:
        ui.no_data(t("table"))
        return
    key = st.selectbox(
        t("table"),
        available,
        format_func=lambda k: pick(data.EXPORTS[k].label_th, data.EXPORTS[k].label_en),
        key=f"{prefix}table",
    )
    frame, truncated = data.export_table(path, key, code, exact=exact)
    st.caption(f"{t('rows', n=fmt_number(len(frame)))} · {data.EXPORTS[key].table}")
    if truncated:
        st.warning(t("truncated", limit=fmt_number(data.MAX_ROWS)))
    if frame.empty:
        ui.no_data(pick(data.EXPORTS[key].label_th, data.EXPORTS[key].label_en))
        return
    st.dataframe(frame.head(PREVIEW_ROWS), hide_index=True, width="stretch", height=300)
    stem = f"saraburi_{key}_{code}_{build.version}" + ("_staff" if exact else "")
    cols = st.columns(2)
    cols[0].download_button(
        t("download_csv"),
        data=lambda: exports.to_csv(frame),
        file_name=f"{stem}.csv",
        mime="text/csv",
        icon=":material/csv:",
        on_click="ignore",
        key=f"{prefix}csv",
    )
    cols[1].download_button(
        t("download_xlsx"),
        data=lambda: exports.to_excel(frame, key),
        file_name=f"{stem}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/table_view:",
        on_click="ignore",
        key=f"{prefix}xlsx",
    )


with ui.guard("tables"):
    st.subheader(t("public_downloads"))
    st.caption(t("public_downloads_note"))
    table_downloads(data.export_keys(staff=False), exact=False, prefix="export_")

with ui.guard("staff_tables"):
    st.subheader(t("staff_downloads"))
    principal = current_principal()
    if principal is None or principal.role not in STAFF_ROLES:
        st.info(t("staff_downloads_sign_in"), icon=":material/lock:")
        navigation.link("staff")
    else:
        st.caption(t("staff_downloads_note", user=principal.username))
        table_downloads(data.export_keys(staff=True), exact=True, prefix="staff_export_")


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

"""Complaints monitor: overdue cases first, then open/overdue/resolved by unit and area, ageing."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from app import charts, data, ui
from app.i18n import fmt_date, fmt_number, pick, t
from complaints import overdue as overdue_rule

OVERDUE_LIMIT = 200

ui.page_header("page_complaints")
path = ui.require_build()
areas = data.areas(path)
code = ui.selected_area(areas) if len(areas) else data.PROVINCE_CODE
if len(areas):
    ui.breadcrumb(areas, code, key="complaints")
    ui.area_picker(areas, code, key="complaints")

with ui.guard("totals"):
    totals = data.complaint_totals(path, code)
    if totals.empty or not int(totals.iloc[0]["total"] or 0):
        ui.no_data(t("page_complaints"))
        st.stop()
    row = totals.iloc[0]
    cols = st.columns(5)
    cols[0].metric(t("overdue"), fmt_number(row["overdue"]), border=True)
    cols[1].metric(t("open"), fmt_number(row["open"]), border=True)
    cols[2].metric(t("resolved"), fmt_number(row["resolved"]), border=True)
    cols[3].metric(t("total"), fmt_number(row["total"]), border=True)
    cols[4].metric(
        t("median_days"), fmt_number(row["median_days_to_resolve"], decimals=1), border=True
    )
    st.caption(
        t(
            "overdue_scope_warehouse",
            date=fmt_date(row["as_of_date"]),
            rule=pick(overdue_rule.RULE_TH, overdue_rule.RULE_EN),
        )
    )

names = {}
with ui.guard("categories"):
    cats = data.complaints_by_category(path, code)
    names = {r.category_code: pick(r.name_th, r.name_en) for r in cats.itertuples()}

with ui.guard("overdue"):
    st.subheader(t("overdue_list"))
    overdue = data.overdue_list(path, code, OVERDUE_LIMIT)
    st.caption(t("overdue_list_note", limit=OVERDUE_LIMIT))
    if overdue.empty:
        ui.no_data(t("overdue"))
    else:
        st.dataframe(
            pd.DataFrame(
                {
                    t("complaint_id"): overdue["complaint_id"],
                    t("days_overdue"): overdue["days_overdue"],
                    t("category"): [names.get(c, c) for c in overdue["category_code"]],
                    t("tambon"): [
                        pick(a, b)
                        for a, b in zip(
                            overdue["tambon_name_th"], overdue["tambon_name_en"], strict=True
                        )
                    ],
                    t("agency"): overdue["assigned_unit"].fillna(t("unassigned")),
                    t("received_at"): [fmt_date(v) for v in overdue["received_at"]],
                    t("due_at"): [fmt_date(v) for v in overdue["due_at"]],
                    t("days_open"): overdue["days_open"],
                }
            ),
            hide_index=True,
            width="stretch",
            height=320,
        )

left, right = st.columns(2)
with left, ui.guard("agency"):
    st.subheader(t("by_agency"))
    agency = data.complaints_by_agency(path, code)
    if agency.empty:
        ui.no_data(t("agency"))
    else:
        st.dataframe(
            pd.DataFrame(
                {
                    t("agency"): agency["assigned_unit"].fillna(t("unassigned")),
                    t("overdue"): agency["overdue"],
                    t("open"): agency["open"],
                    t("resolved"): agency["resolved"],
                    t("total"): agency["total"],
                    t("median_days"): agency["median_days_to_resolve"].round(1),
                }
            ),
            hide_index=True,
            width="stretch",
        )
with right, ui.guard("area"):
    st.subheader(t("by_area"))
    by_area = data.complaints_by_area(path, code)
    if by_area.empty:
        ui.no_data(t("area"))
    else:
        st.dataframe(
            pd.DataFrame(
                {
                    t("area"): [
                        pick(a, b)
                        for a, b in zip(by_area["name_th"], by_area["name_en"], strict=True)
                    ],
                    t("overdue"): by_area["overdue"],
                    t("open"): by_area["open"],
                    t("resolved"): by_area["resolved"],
                    t("total"): by_area["total"],
                }
            ),
            hide_index=True,
            width="stretch",
        )

with ui.guard("ageing"):
    st.subheader(t("ageing"))
    ageing = data.complaint_ageing(path, code)
    if ageing.empty:
        ui.no_data(t("ageing"))
    else:
        long = ageing.melt(
            id_vars=["bucket", "bucket_order"],
            value_vars=["overdue", "within_sla"],
            var_name="kind",
            value_name="complaints",
        )
        kind_names = {"overdue": t("overdue"), "within_sla": t("open")}
        long["kind"] = long["kind"].map(kind_names)
        order = ageing.sort_values("bucket_order")["bucket"].tolist()
        chart = (
            alt.Chart(long)
            .mark_bar()
            .encode(
                x=alt.X("bucket:N", sort=order, title=t("ageing")),
                y=alt.Y("complaints:Q", stack=True, title=t("total")),
                color=alt.Color(
                    "kind:N",
                    scale=alt.Scale(domain=list(kind_names.values()), range=["#de2d26", "#6baed6"]),
                    legend=alt.Legend(title=None, orient="top"),
                ),
                tooltip=["bucket:N", "kind:N", "complaints:Q"],
            )
            .properties(height=260)
        )
        st.vega_lite_chart(charts.to_spec(chart), width="stretch")

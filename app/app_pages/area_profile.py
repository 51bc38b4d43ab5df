"""Area profile of one amphoe or tambon: people, needs, complaints, projects, air, dengue, rank."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app import charts, data, kpi_view, navigation, ui
from app.i18n import fmt_date, fmt_number, fmt_period, pick, t

path = ui.require_build()
areas = data.areas(path)
if areas.empty:
    ui.page_header("page_profile")
    ui.no_data(t("area"))
    st.stop()
code = ui.selected_area(areas)
name = ui.area_name(areas, code)
level = ui.area_level(code)
st.title(t("profile_title", name=name))
ui.breadcrumb(areas, code, key="profile")
ui.area_picker(areas, code, key="profile")
if level == "province":
    st.info(t("profile_choose"), icon=":material/touch_app:")
navigation.link("map", label=t("see_map"), area=code)

# --- headline and rank among siblings ---------------------------------------------------------
with ui.guard("rank"):
    st.subheader(t("siblings"))
    parent = None if level in ("province", "amphoe") else code[:4]
    ranks = data.sibling_ranks(path, code, level, parent) if level != "province" else pd.DataFrame()
    heads = kpi_view.headlines(
        path,
        code,
        [
            "population_total",
            "households_failing_any_share",
            "complaints_open_end_of_month",
            "complaints_overdue_end_of_month",
            "development_budget_thb",
            "dengue_cases",
        ],
    )
    shown = [h for h in heads.values() if h.value is not None]
    if not shown:
        ui.no_data(t("kpi"))
    else:
        cols = st.columns(min(3, len(shown)))
        rank_by_code = ranks.set_index("kpi_code").to_dict("index") if len(ranks) else {}
        level_word = t(level)
        for i, item in enumerate(shown):
            rank = rank_by_code.get(item.kpi_code)
            rank_text = (
                t(
                    "rank_of",
                    rank=int(rank["kpi_rank"]),
                    count=int(rank["sibling_count"]),
                    level=level_word,
                )
                if rank
                else None
            )
            with cols[i % len(cols)], st.container(border=True):
                st.metric(
                    f"{item.name} ({item.period_text})",
                    item.value_text,
                    delta=item.delta_text,
                    delta_color=item.delta_colour,
                    help=f"{t('source')}: marts.{item.source_model}",
                )
                if rank_text:
                    st.caption(rank_text)
        if rank_by_code:
            st.caption(t("rank_note"))

left, right = st.columns(2)
with left, ui.guard("population"):
    st.subheader(t("population_pyramid"))
    pyramid = data.population_pyramid(path, code)
    if pyramid.empty:
        ui.no_data(t("population_pyramid"))
    else:
        st.caption(
            f"{t('as_of', date=fmt_date(pyramid['month_start_date'].iloc[0]))} · "
            f"{fmt_number(pyramid['male'].sum() + pyramid['female'].sum())} {t('persons')}"
            " · marts.fct_population_monthly"
        )
        charts.show("pyramid", pyramid)

with right, ui.guard("needs"):
    st.subheader(t("needs_dimensions"))
    needs = data.needs_vs_province(path, code)
    if needs.empty or needs["province_share"].isna().all():
        ui.no_data(t("needs_dimensions"))
    else:
        long = pd.concat(
            [
                needs.assign(
                    series=t("this_area") if level != "province" else name,
                    share=needs["area_share"],
                ),
                needs.assign(series=t("province_name"), share=needs["province_share"]),
            ]
        )
        if level == "province":
            long = long[long["series"] == t("province_name")]
        long["dimension_name"] = long["dimension"].map(lambda d: t(f"dim_{d}"))
        st.caption(f"{t('survey_year')} {needs['survey_year_be'].iloc[0]} · marts.fct_tambon_needs")
        charts.show(
            "grouped_bars",
            long,
            "dimension_name",
            "series",
            "share",
            title="",
            value_title=t("share_failing"),
        )

left, right = st.columns(2)
with left, ui.guard("complaints"):
    st.subheader(t("complaints_by_category"))
    by_cat = data.complaints_by_category(path, code)
    if by_cat.empty:
        ui.no_data(t("complaints_by_category"))
    else:
        by_cat["category"] = [
            pick(a, b) for a, b in zip(by_cat["name_th"], by_cat["name_en"], strict=True)
        ]
        charts.show(
            "hbar", by_cat, "category", "complaints", title=t("category"), value_title=t("total")
        )
        st.caption("marts.fct_complaints")
with right, ui.guard("complaints_trend"):
    st.subheader(t("complaints_trend"))
    trend = data.complaints_trend(path, code)
    if trend.empty:
        ui.no_data(t("complaints_trend"))
    else:
        charts.show(
            "lines",
            trend,
            "month",
            ["received", "resolved"],
            [t("received"), t("resolved")],
            x_title=t("month"),
            y_title=t("total"),
        )
        navigation.link("complaints", area=code)

with ui.guard("projects"):
    st.subheader(t("projects_budget"))
    projects = data.projects_summary(path, code)
    if projects.empty:
        ui.no_data(t("projects_budget"))
    else:
        names = data.status_names(path)
        projects["status_name"] = [pick(*names.get(s, (s, s))) for s in projects["status"]]
        latest = projects["fiscal_year_be"].max()
        current = projects[projects["fiscal_year_be"] == latest]
        cols = st.columns(3)
        cols[0].metric(
            f"{t('projects')} ({fmt_period(latest, 'yearly')})",
            fmt_number(current["projects"].sum()),
        )
        cols[1].metric(
            f"{t('budget_thb')} ({fmt_period(latest, 'yearly')})",
            fmt_number(current["budget_thb"].sum()),
        )
        with cols[2]:
            charts.show(
                "hbar",
                current,
                "status_name",
                "budget_thb",
                title=t("status"),
                value_title=t("budget_thb"),
            )
        top = data.top_projects(path, code)
        if len(top):
            st.dataframe(
                pd.DataFrame(
                    {
                        t("project_name"): top["project_name"],
                        t("strategy"): top["strategy_name"],
                        t("status"): [pick(*names.get(s, (s, s))) for s in top["status"]],
                        t("budget_thb"): top["budget_thb"],
                    }
                ),
                hide_index=True,
                width="stretch",
                column_config={t("budget_thb"): st.column_config.NumberColumn(format="localized")},
            )
        st.caption("marts.fct_development_projects")

left, right = st.columns(2)
with left, ui.guard("air"):
    st.subheader(t("air_quality"))
    air, fallback = data.air_quality(path, code)
    if air.empty:
        ui.no_data(t("air_quality"))
    else:
        if fallback:
            st.caption(t("air_fallback"))
        wide = air.pivot_table(
            index="date_day", columns="station_id", values="pm25_avg"
        ).reset_index()
        stations = [c for c in wide.columns if c != "date_day"]
        charts.show(
            "lines",
            wide,
            "date_day",
            stations,
            [f"{t('station')} {s}" for s in stations],
            x_title=t("period"),
            y_title=t("pm25_avg"),
            rule=37.5,
            rule_label=t("pm25_standard"),
        )
        st.caption("marts.fct_air_quality_daily")
with right, ui.guard("dengue"):
    st.subheader(t("dengue"))
    dengue = data.dengue_weekly(path, code)
    if dengue.empty:
        ui.no_data(t("dengue"))
    else:
        charts.show(
            "lines", dengue, "week", ["cases"], [t("cases")], x_title=t("week"), y_title=t("cases")
        )
        st.caption("marts.fct_dengue_cases")

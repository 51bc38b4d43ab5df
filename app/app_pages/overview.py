"""Overview: the province's headline KPIs, each with its change, trend and a link to its source."""

from __future__ import annotations

import streamlit as st

from app import charts, data, kpi_view, navigation, ui
from app.i18n import fmt_number, pick, t

# (group label key, [(kpi_code, page it links to)])
GROUPS = [
    (
        "kpi_group_people",
        [
            ("population_total", "map"),
            ("households_failing_any_share", "map"),
            ("target_poor_households", "map"),
        ],
    ),
    (
        "kpi_group_complaints",
        [
            ("complaints_open_end_of_month", "complaints"),
            ("complaints_overdue_end_of_month", "complaints"),
            ("complaints_median_days_to_resolve", "complaints"),
        ],
    ),
    (
        "kpi_group_environment",
        [
            ("pm25_exceedance_days", "map"),
            ("dengue_cases", "map"),
            ("development_budget_thb", "map"),
        ],
    ),
]
NEEDS_KPIS = [f"households_failing_{d}_share" for d in data.NEEDS]


def metric_card(item: kpi_view.Headline, target: str) -> None:
    with st.container(border=True):
        st.metric(
            f"{item.name} ({item.period_text})",
            item.value_text,
            delta=item.delta_text,
            delta_color=item.delta_colour,
            chart_data=item.trend if len(item.trend) > 1 else None,
            chart_type="area",
            help=f"{t('source')}: marts.{item.source_model} · {item.unit}",
        )
        navigation.link(
            target,
            label=t("see_map") if target == "map" else t("see_table"),
            area=data.PROVINCE_CODE,
            kpi=item.kpi_code if target == "map" else "",
        )


ui.page_header("page_overview", "overview_intro")
path = ui.require_build()
heads: dict[str, kpi_view.Headline] = {}
with ui.guard("kpi"):
    codes = [code for _, items in GROUPS for code, _ in items] + NEEDS_KPIS
    heads = kpi_view.headlines(path, data.PROVINCE_CODE, codes)
    if not any(h.value is not None for h in heads.values()):
        ui.no_data(t("kpi"))
    else:
        for group, items in GROUPS:
            st.subheader(t(group))
            cols = st.columns(len(items))
            for col, (code, target) in zip(cols, items, strict=True):
                with col:
                    if code in heads and heads[code].value is not None:
                        metric_card(heads[code], target)
                    else:
                        ui.no_data(code)

with ui.guard("needs"):
    st.subheader(t("needs_dimensions"))
    needs = [heads[c] for c in NEEDS_KPIS if c in heads and heads[c].value is not None]
    if not needs:
        ui.no_data(t("needs_dimensions"))
    else:
        cols = st.columns(len(needs))
        for col, item in zip(cols, needs, strict=True):
            dim = item.kpi_code.removeprefix("households_failing_").removesuffix("_share")
            with col, st.container(border=True):
                st.metric(
                    t(f"dim_{dim}"),
                    item.value_text,
                    delta=item.delta_text,
                    delta_color=item.delta_colour,
                    help=f"{item.name} ({item.period_text}) · marts.{item.source_model}",
                )
                navigation.link(
                    "map", label=t("see_map"), area=data.PROVINCE_CODE, kpi=item.kpi_code
                )

with ui.guard("budget"):
    st.subheader(t("budget_by_status"))
    budget = data.budget_by_status(path)
    if budget.empty:
        ui.no_data(t("budget_by_status"))
    else:
        latest = budget["fiscal_year_be"].max()
        names = data.status_names(path)
        frame = budget[budget["fiscal_year_be"] == latest].copy()
        frame["status_name"] = [pick(*names.get(s, (s, s))) for s in frame["status"]]
        st.caption(f"{t('fiscal_year')} {latest} · marts.fct_development_projects")
        charts.show(
            "hbar",
            frame,
            "status_name",
            "budget_thb",
            title=t("status"),
            value_title=t("budget_thb"),
        )
        st.caption(
            " · ".join(f"{r.status_name}: {fmt_number(r.budget_thb)}" for r in frame.itertuples())
        )
        navigation.link("exports", label=t("see_table"))

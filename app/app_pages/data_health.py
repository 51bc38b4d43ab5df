"""Data health: freshness against cadence, quarantined rows, dbt results, unmatched area names."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app import data, ui
from app.i18n import fmt_number, lang, t

FAILING = ["fail", "error", "warn", "runtime error"]  # dbt statuses; no-op and skipped are fine

ui.page_header("page_health", "health_intro")
path = ui.require_build()


def _localised(frame: pd.DataFrame) -> pd.DataFrame:
    """Keep the ``*_th`` or the ``*_en`` twin of each bilingual column, as the reader chose."""
    other = "_en" if lang() == "th" else "_th"
    mine = "_th" if lang() == "th" else "_en"
    drop = [c for c in frame.columns if c.endswith(other) and c[: -len(other)] + mine in frame]
    out = frame.drop(columns=drop)
    for flag in ("is_stale", "is_late"):
        if flag in out.columns:  # late feeds first
            out = out.sort_values(flag, ascending=False, kind="stable")
    return out


def _bool_count(frame: pd.DataFrame, *candidates: str) -> int | None:
    for column in candidates:
        if column in frame.columns:
            return int(frame[column].fillna(False).astype(bool).sum())
    return None


def _sum(frame: pd.DataFrame, *candidates: str) -> int | None:
    for column in candidates:
        if column in frame.columns:
            return int(pd.to_numeric(frame[column], errors="coerce").fillna(0).sum())
    return None


freshness = quarantine = results = unmatched = pd.DataFrame()
with ui.guard("summary"):
    freshness = data.feed_freshness(path)
    quarantine = data.quarantine_reasons(path)
    results = data.dbt_results(path)
    unmatched = data.unmatched_area_names(path)
    failing = results[results["status"].isin(FAILING)]
    passing = results[results["status"].isin(["pass", "success"])]
    cols = st.columns(4)
    stale = _bool_count(freshness, "is_stale", "is_late", "is_overdue")
    cols[0].metric(t("stale_feeds"), "–" if stale is None else fmt_number(stale), border=True)
    rows = _sum(quarantine, "quarantined_rows", "row_count", "rows", "n_rows")
    cols[1].metric(t("rows_quarantined"), "–" if rows is None else fmt_number(rows), border=True)
    cols[2].metric(t("tests_failed"), fmt_number(len(failing)), border=True)
    cols[3].metric(t("unmatched"), fmt_number(len(unmatched)), border=True)

with ui.guard("freshness"):
    st.subheader(t("freshness"))
    if freshness.empty:
        ui.no_data(t("freshness"))
    else:
        st.dataframe(_localised(freshness), hide_index=True, width="stretch")
        st.caption("marts.fct_feed_freshness")

with ui.guard("quarantine"):
    st.subheader(t("quarantine"))
    if quarantine.empty:
        ui.no_data(t("quarantine"))
    else:
        st.dataframe(_localised(quarantine), hide_index=True, width="stretch")
        st.caption("marts.fct_quarantine_reasons")

with ui.guard("dbt"):
    st.subheader(t("dbt_results"))
    if results.empty:
        ui.no_data(t("dbt_results"))
    else:
        summary = results.groupby(["resource_type", "status"]).size().reset_index(name="count")
        left, right = st.columns([1, 2])
        left.dataframe(summary, hide_index=True, width="stretch")
        with right:
            failing = results[results["status"].isin(FAILING)]
            if failing.empty:
                st.success(t("all_tests_passed"), icon=":material/check_circle:")
            else:
                st.markdown(f"**{t('tests_failed')}**")
                st.dataframe(failing, hide_index=True, width="stretch")
        st.caption(f"{fmt_number(len(passing))} {t('tests_passed')} · meta.dbt_results")

with ui.guard("unmatched"):
    st.subheader(t("unmatched"))
    if unmatched.empty:
        ui.no_data(t("unmatched"))
    else:
        st.dataframe(unmatched, hide_index=True, width="stretch")
        st.caption("marts.fct_unmatched_area_names")

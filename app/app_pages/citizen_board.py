"""Citizens: the public board of recent cases (anonymised) on a map and a list; agency stats."""

from __future__ import annotations

import logging
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from app.i18n import pick
from app.staff.labels import tr
from app.staff.render import fmt_time, show_agency_stats, status_name
from app.staff.session import store
from complaints import views
from complaints.rules import list_categories
from operations.areas import saraburi_areas
from operations.clock import utc_now

log = logging.getLogger(__name__)


def _tambon_shapes() -> list[dict[str, Any]]:
    """Tambon shapes from the published warehouse (``dim_area``); none when unavailable."""
    try:
        from app import data

        path = data.current_build_path()
        return data.boundaries(path, "tambon", None) if path else []
    except Exception:  # the board works without a warehouse
        log.warning("tambon boundaries unavailable for the public board")
        return []


st.title(tr("board_title"))
st.text(tr("board_intro"))

areas = saraburi_areas()
categories = list_categories(store())
left, middle, right = st.columns(3)
category = left.selectbox(
    tr("category"),
    options=["", *[c.category_code for c in categories]],
    format_func=lambda code: (
        tr("all")
        if not code
        else next((pick(c.name_th, c.name_en) for c in categories if c.category_code == code), code)
    ),
    key="board_category",
)
amphoe = middle.selectbox(
    tr("amphoe"),
    options=["", *[a.code for a in areas.amphoes]],
    format_func=lambda code: tr("all") if not code else areas.name(code),
    key="board_amphoe",
)
days = right.selectbox(tr("days"), options=[30, 90, 365], index=1, key="board_days")

now = utc_now()
rows = views.board(
    store(), now, days=int(days), category_code=category or None, amphoe_code=amphoe or None
)
if not rows:
    st.info(tr("no_cases"))
else:
    frame = pd.DataFrame(
        [
            {
                "#": r.complaint_id,
                tr("received_at"): fmt_time(r.received_at),
                tr("category"): r.category_name,
                tr("area"): r.area_name,
                tr("status"): status_name(r.status),
                tr("agency"): r.agency_name or "",
                "lat": r.latitude,
                "lon": r.longitude,
            }
            for r in rows
        ]
    )
    st.subheader(tr("map"))
    shapes = _tambon_shapes()
    points = frame.dropna(subset=["lat", "lon"])
    if shapes:
        base = (
            alt.Chart(alt.Data(values=shapes))  # type: ignore[no-untyped-call]
            .mark_geoshape(fill="#f2f2f2", stroke="#999", strokeWidth=0.5)
            .project("mercator")
        )
        dots = (
            alt.Chart(points)
            .mark_circle(size=60, opacity=0.8)
            .encode(
                longitude="lon:Q",
                latitude="lat:Q",
                color=alt.Color(f"{tr('status')}:N"),
                tooltip=[tr("category"), tr("status"), tr("area"), tr("received_at")],
            )
        )
        st.altair_chart(base + dots, width="stretch")
    else:
        st.caption(tr("no_map"))
    st.dataframe(frame.drop(columns=["lat", "lon"]), hide_index=True, width="stretch")

st.subheader(tr("agency_stats"))
stats = views.agency_stats(store(), now)
if stats:
    show_agency_stats(stats)
else:
    st.info(tr("no_cases"))

"""Executives' workspace: every agency's results, and the overdue cases reported in this app (the
one rule of ``complaints.overdue``, measured now) to assign or comment on."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app.i18n import pick
from app.staff.labels import bilingual_pick, tr
from app.staff.render import field, fmt_time, show_agency_stats, show_timeline, status_name
from app.staff.session import action, flash, require_staff, show_flash, store
from complaints import overdue, views, workflow
from operations.accounts import list_agencies
from operations.auth import Principal
from operations.clock import utc_now

st.title(tr("escalations_title"))
show_flash()
executive: Principal | None = require_staff("executive")
if executive is None:
    st.stop()

now = utc_now()
workflow.escalate_overdue(store(), now)
rows = views.escalations(store(), executive, now)
stats = views.agency_stats(store(), now)
st.caption(tr("overdue_scope_store", rule=bilingual_pick(overdue.RULE_TH, overdue.RULE_EN)))
cols = st.columns(3)
cols[0].metric(tr("overdue"), f"{len(rows):,}", border=True)
cols[1].metric(tr("open_cases"), f"{sum(s.open_cases for s in stats):,}", border=True)
cols[2].metric(tr("cases"), f"{sum(s.cases for s in stats):,}", border=True)
if stats:
    st.subheader(tr("agency_stats"))
    show_agency_stats(stats)
st.subheader(tr("overdue_cases"))
if not rows:
    st.success(tr("escalations_empty"))
    st.stop()

agencies = {
    a.agency_code: pick(a.name_th, a.name_en) for a in list_agencies(store()) if a.is_active
}
st.dataframe(
    pd.DataFrame(
        [
            {
                "#": r.complaint_id,
                tr("status"): status_name(r.status),
                tr("category"): r.category_name,
                tr("area"): r.area_name,
                tr("agency"): agencies.get(r.agency_code or "", ""),
                tr("due"): fmt_time(r.sla_due_at),
                tr("min_age"): r.age_days,
            }
            for r in rows
        ]
    ),
    hide_index=True,
    width="stretch",
)
case_id = st.selectbox(
    tr("choose_case"),
    options=[r.complaint_id for r in rows],
    format_func=lambda i: f"#{i}",
    key="esc_case",
)
with action():
    case = views.case_detail(store(), executive, int(case_id))
    st.subheader(tr("case", id=case.complaint_id))
    field(tr("category"), case.category_name)
    field(tr("area"), case.area_name)
    field(tr("agency"), case.agency_name)
    field(tr("description"), case.description)
    field(tr("contact"), tr("masked_contact"))
    show_timeline(case.timeline)

    assign_tab, comment_tab = st.tabs([tr("assign"), tr("comment")])
    with assign_tab:
        agency = st.selectbox(
            tr("to_agency"),
            options=list(agencies),
            format_func=agencies.__getitem__,
            index=list(agencies).index(case.agency_code) if case.agency_code in agencies else 0,
            key="esc_agency",
        )
        officers = views.agency_officers(store(), executive, str(agency))
        with st.form("esc_assign"):
            officer_id = st.selectbox(
                tr("officer"),
                options=[0, *[o[0] for o in officers]],
                format_func=lambda i: tr("nobody") if i == 0 else dict(officers)[i],
                key="esc_officer",
            )
            note = st.text_area(tr("reason"), max_chars=5000, key="esc_note")
            if st.form_submit_button(tr("assign"), type="primary"):
                with action():
                    workflow.assign(
                        store(),
                        executive,
                        case.complaint_id,
                        str(agency),
                        utc_now(),
                        officer_id=int(officer_id) or None,
                        reason=note,
                    )
                    flash(tr("done"))
                    st.rerun()
    with comment_tab, st.form("esc_comment", clear_on_submit=True):
        text = st.text_area(tr("comment"), max_chars=5000, key="esc_comment_text")
        if st.form_submit_button(tr("send")):
            with action():
                workflow.comment(store(), executive, case.complaint_id, text, utc_now())
                flash(tr("done"))
                st.rerun()

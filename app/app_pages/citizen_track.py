"""Citizens: follow a case by tracking code; confirm the fix, reopen it, rate the service."""

from __future__ import annotations

import json

import streamlit as st

from app.staff.labels import tr
from app.staff.render import field, fmt_time, show_timeline, status_name
from app.staff.session import action, client_key, flash, show_error, show_flash, store
from complaints import views, workflow
from complaints.pdpa import export_citizen_data
from operations.clock import utc_now
from operations.errors import OperationsError

CODE_KEY = "track_code"
FOUND_KEY = "track_found"  # the code this session already found: re-shown without a new hit

st.title(tr("track_title"))
show_flash()
st.text(tr("track_intro"))

with st.form("track_form"):
    typed = st.text_input(tr("code"), max_chars=20, key="track_input", placeholder="XXXX-XXXX-XXXX")
    if st.form_submit_button(tr("look_up"), type="primary"):
        st.session_state[CODE_KEY] = typed

code = st.session_state.get(CODE_KEY)
if not code:
    st.stop()

try:
    again = st.session_state.get(FOUND_KEY) == code
    case = views.public_case(store(), code, client_key(), utc_now(), count_hit=not again)
except OperationsError as error:
    st.session_state.pop(FOUND_KEY, None)
    show_error(error)
    st.stop()
st.session_state[FOUND_KEY] = code

st.subheader(case.tracking_code)
left, right = st.columns(2)
with left:
    field(tr("status"), status_name(case.status))
    field(tr("category"), case.category_name)
    field(tr("area"), case.area_name + (f", หมู่ {case.village_no}" if case.village_no else ""))
with right:
    field(tr("agency"), case.agency_name)
    field(tr("received_at"), fmt_time(case.received_at))
    field(tr("resolved_at"), fmt_time(case.resolved_at))
field(tr("description"), case.description)
if case.resolution_text:
    field(tr("result"), case.resolution_text)
for photo_id in case.resolution_photo_ids:
    with action():
        content, _ = views.public_photo(store(), case.tracking_code, photo_id)
        st.image(content, width=320)

st.subheader(tr("timeline"))
show_timeline(case.timeline)

if case.can_confirm and st.button(tr("confirm_fix"), type="primary", key="track_confirm"):
    with action():
        workflow.confirm_fix(store(), case.tracking_code, client_key(), utc_now())
        flash(tr("thanks"))
        st.rerun()
if case.can_reopen:
    with st.form("track_reopen"):
        reason = st.text_area(tr("reopen_reason"), max_chars=5000, key="track_reopen_reason")
        if st.form_submit_button(tr("reopen")):
            with action():
                workflow.reopen(store(), case.tracking_code, reason, client_key(), utc_now())
                flash(tr("done"))
                st.rerun()
if case.can_rate:
    with st.form("track_rate"):
        stars = st.select_slider(
            tr("rate"), options=[1, 2, 3, 4, 5], value=case.rating or 5, key="track_stars"
        )
        if st.form_submit_button(tr("send")):
            with action():
                workflow.rate(store(), case.tracking_code, int(stars), client_key(), utc_now())
                st.success(tr("thanks"))

with st.expander(tr("export_title")):
    with st.form("track_export"):
        contact = st.text_input(tr("export_contact"), max_chars=40, key="track_export_contact")
        asked = st.form_submit_button(tr("look_up"))
    if asked:
        with action():
            data = export_citizen_data(
                store(), case.tracking_code, contact, client_key(), utc_now()
            )
            st.download_button(
                tr("download_json"),
                json.dumps(data, ensure_ascii=False, indent=2),
                file_name="my-data.json",
                mime="application/json",
                key="track_export_download",
            )

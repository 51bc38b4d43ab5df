"""Officers: sign in, see their agency's queue, work a case (accept, update, transfer, resolve)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app.i18n import pick
from app.staff.labels import tr
from app.staff.render import field, fmt_time, show_timeline, status_name
from app.staff.session import action, flash, require_staff, show_flash, store
from complaints import views, workflow
from complaints.status import OPEN_STATUSES, STATUSES
from operations.accounts import list_agencies
from operations.areas import saraburi_areas
from operations.clock import utc_now

st.title(tr("queue_title"))
show_flash()
officer = require_staff("officer")
if officer is None:
    st.stop()

now = utc_now()
workflow.escalate_overdue(store(), now)  # the SLA job is idempotent and cheap: keep flags current
areas = saraburi_areas()
left, middle, right = st.columns(3)
statuses = left.multiselect(
    tr("filter_status"),
    options=list(STATUSES),
    default=sorted(OPEN_STATUSES),
    format_func=status_name,
    key="queue_status",
)
amphoe = middle.selectbox(
    tr("amphoe"),
    options=["", *[a.code for a in areas.amphoes]],
    format_func=lambda code: tr("all") if not code else areas.name(code),
    key="queue_amphoe",
)
min_age = right.number_input(tr("min_age"), min_value=0, max_value=3650, step=1, key="queue_age")

queue = views.officer_queue(
    store(), officer, now, tuple(statuses) or tuple(STATUSES), amphoe or None, int(min_age)
)
if not queue:
    st.info(tr("queue_empty"))
    st.stop()

st.dataframe(
    pd.DataFrame(
        [
            {
                "#": q.complaint_id,
                tr("status"): status_name(q.status),
                tr("category"): q.category_name,
                tr("area"): q.area_name,
                tr("received_at"): fmt_time(q.received_at),
                tr("min_age"): q.age_days,
                tr("overdue"): "⚠" if q.is_overdue else "",
                tr("escalated"): "⚠" if q.is_escalated else "",
                tr("merge_into"): q.duplicate_of or "",
            }
            for q in queue
        ]
    ),
    hide_index=True,
    width="stretch",
)
case_id = st.selectbox(
    tr("choose_case"),
    options=[q.complaint_id for q in queue],
    format_func=lambda i: f"#{i}",
    key="queue_case",
)
with action():
    case = views.case_detail(store(), officer, int(case_id))
    st.subheader(tr("case", id=case.complaint_id))
    left, right = st.columns(2)
    with left:
        field(tr("status"), status_name(case.status))
        field(tr("category"), case.category_name)
        field(tr("area"), case.area_name + (f", หมู่ {case.village_no}" if case.village_no else ""))
        field(tr("due"), fmt_time(case.sla_due_at) + (" ⚠" if case.is_escalated else ""))
        if case.duplicate_of:
            st.warning(tr("duplicate_of", id=case.duplicate_of))
    with right:
        st.caption(tr("contact"))
        if case.personal_data_visible:
            st.text(
                "\n".join(
                    str(v)
                    for v in (
                        case.contact_name,
                        case.contact_phone,
                        case.contact_line_id and f"LINE: {case.contact_line_id}",
                        case.national_id_masked,
                    )
                    if v
                )
                or "–"
            )
        else:
            st.text(tr("masked_contact"))
        if case.latitude is not None:
            field("lat, lon", f"{case.latitude:.6f}, {case.longitude:.6f}")
    field(tr("description"), case.description)
    for photo_id in case.photo_ids:
        content, _ = views.staff_photo(store(), officer, photo_id)
        st.image(content, width=320)
    show_timeline(case.timeline)

    if case.status in {"routed", "reopened"} and st.button(
        tr("accept"), type="primary", key="queue_accept"
    ):
        with action():
            workflow.accept(store(), officer, case.complaint_id, utc_now())
            flash(tr("done"))
            st.rerun()

    if case.status in OPEN_STATUSES:
        agencies = [
            a for a in list_agencies(store()) if a.is_active and a.agency_code != case.agency_code
        ]
        update_tab, resolve_tab, transfer_tab, merge_tab, reject_tab = st.tabs(
            [tr("update"), tr("resolve"), tr("transfer"), tr("merge"), tr("reject")]
        )
        with update_tab, st.form("queue_update", clear_on_submit=True):
            message = st.text_area(tr("message"), max_chars=5000, key="queue_update_text")
            public = st.checkbox(tr("public_update"), value=True, key="queue_update_public")
            if st.form_submit_button(tr("update")):
                with action():
                    workflow.add_update(
                        store(), officer, case.complaint_id, message, utc_now(), public
                    )
                    flash(tr("done"))
                    st.rerun()
        with resolve_tab, st.form("queue_resolve"):
            result = st.text_area(tr("result"), max_chars=5000, key="queue_result")
            photo = st.file_uploader(
                tr("resolution_photo"), type=["jpg", "jpeg", "png", "webp"], key="queue_photo"
            )
            if st.form_submit_button(tr("resolve"), type="primary"):
                with action():
                    workflow.resolve(
                        store(),
                        officer,
                        case.complaint_id,
                        result,
                        utc_now(),
                        photo.getvalue() if photo is not None else None,
                    )
                    flash(tr("done"))
                    st.rerun()
        with transfer_tab, st.form("queue_transfer"):
            target = st.selectbox(
                tr("to_agency"),
                options=[a.agency_code for a in agencies],
                format_func=lambda code: next(
                    pick(a.name_th, a.name_en) for a in agencies if a.agency_code == code
                ),
                key="queue_transfer_agency",
            )
            reason = st.text_area(tr("reason"), max_chars=5000, key="queue_transfer_reason")
            if st.form_submit_button(tr("transfer")):
                with action():
                    workflow.transfer(
                        store(), officer, case.complaint_id, str(target), reason, utc_now()
                    )
                    flash(tr("done"))
                    st.rerun()
        with merge_tab, st.form("queue_merge"):
            into = st.number_input(
                tr("merge_into"),
                min_value=1,
                step=1,
                value=case.duplicate_of or 1,
                key="queue_merge_into",
            )
            if st.form_submit_button(tr("merge")):
                with action():
                    workflow.merge_duplicate(
                        store(), officer, case.complaint_id, int(into), utc_now()
                    )
                    flash(tr("done"))
                    st.rerun()
        with reject_tab, st.form("queue_reject"):
            why = st.text_area(tr("reason"), max_chars=5000, key="queue_reject_reason")
            if st.form_submit_button(tr("reject")):
                with action():
                    workflow.reject(store(), officer, case.complaint_id, why, utc_now())
                    flash(tr("done"))
                    st.rerun()

"""Citizens: report a problem (form -> operational store -> tracking code)."""

from __future__ import annotations

import uuid

import streamlit as st

from app.i18n import pick
from app.staff.labels import bilingual_pick, tr
from app.staff.session import action, client_key, store
from complaints.intake import Receipt, submit_complaint
from complaints.pdpa import DEFAULT_RETENTION_DAYS, PRIVACY_NOTICE_EN, PRIVACY_NOTICE_TH
from complaints.rules import list_categories
from complaints.validation import MAX_DESCRIPTION_CHARS, SubmissionInput
from operations.accounts import list_agencies
from operations.areas import saraburi_areas
from operations.clock import utc_now
from operations.geo import province_shape
from settings import load_settings

TOKEN_KEY = "report_submission_token"  # noqa: S105 (a session-state key)
RECEIPT_KEY = "report_receipt"


def _parse_coordinate(text: str) -> float | None:
    text = text.strip()
    return float(text) if text else None


def _receipt(receipt: Receipt) -> None:
    st.success(tr("received_title"), icon=":material/check_circle:")
    st.caption(tr("your_code"))
    # The code uses only 0-9 A-Z and "-", so it is safe to show as a heading.
    st.markdown(f"# `{receipt.tracking_code}`")
    agencies = {a.agency_code: pick(a.name_th, a.name_en) for a in list_agencies(store())}
    if receipt.agency_code:
        st.text(tr("routed_to", agency=agencies.get(receipt.agency_code, receipt.agency_code)))
    else:
        st.text(tr("not_routed"))
    if receipt.duplicate_of is not None:
        st.info(tr("possible_duplicate"))
    if st.button(tr("report_another"), key="report_another"):
        st.session_state.pop(RECEIPT_KEY, None)
        st.session_state[TOKEN_KEY] = str(uuid.uuid4())
        st.rerun()


st.title(tr("report_title"))
st.text(tr("report_intro"))
if TOKEN_KEY not in st.session_state:
    st.session_state[TOKEN_KEY] = str(uuid.uuid4())

if RECEIPT_KEY in st.session_state:
    _receipt(st.session_state[RECEIPT_KEY])
    st.stop()

areas = saraburi_areas()
categories = list_categories(store())
with st.expander(tr("privacy_title"), expanded=True):
    st.text(
        bilingual_pick(
            PRIVACY_NOTICE_TH.format(days=DEFAULT_RETENTION_DAYS),
            PRIVACY_NOTICE_EN.format(days=DEFAULT_RETENTION_DAYS),
        )
    )

# The amphoe picker sits outside the form so that the tambon list follows it at once.
amphoe = st.selectbox(
    tr("amphoe"),
    options=[a.code for a in areas.amphoes],
    format_func=lambda code: areas.name(code),
    key="report_amphoe",
)
with st.form("report_form"):
    category = st.selectbox(
        tr("category"),
        options=[c.category_code for c in categories],
        format_func=lambda code: next(
            (pick(c.name_th, c.name_en) for c in categories if c.category_code == code), code
        ),
        key="report_category",
    )
    description = st.text_area(
        tr("description"),
        help=tr("description_help"),
        max_chars=MAX_DESCRIPTION_CHARS,
        key="report_description",
    )
    tambon = st.selectbox(
        tr("tambon"),
        options=[t.code for t in areas.tambons_of(amphoe)],
        format_func=lambda code: areas.name(code),
        key="report_tambon",
    )
    village = st.number_input(
        tr("village_no"), min_value=0, max_value=50, step=1, key="report_village"
    )
    left, right = st.columns(2)
    latitude = left.text_input(tr("latitude"), max_chars=20, key="report_lat")
    longitude = right.text_input(tr("longitude"), max_chars=20, key="report_lon")
    photo = st.file_uploader(tr("photo"), type=["jpg", "jpeg", "png", "webp"], key="report_photo")
    st.subheader(tr("contact_header"))
    name = st.text_input(tr("contact_name"), max_chars=200, key="report_name")
    phone = st.text_input(tr("contact_phone"), max_chars=20, key="report_phone")
    line_id = st.text_input(tr("contact_line_id"), max_chars=40, key="report_line")
    consent = st.checkbox(tr("consent"), key="report_consent")
    submitted = st.form_submit_button(tr("submit"), type="primary")

if submitted:
    try:
        lat, lon = _parse_coordinate(latitude), _parse_coordinate(longitude)
    except ValueError:
        st.error(tr("bad_number"))
    else:
        data = SubmissionInput(
            category_code=category or "",
            description=description,
            amphoe_code=amphoe or "",
            tambon_code=tambon or "",
            village_no=int(village) or None,
            latitude=lat,
            longitude=lon,
            photo=photo.getvalue() if photo is not None else None,
            contact_name=name,
            contact_phone=phone,
            contact_line_id=line_id,
            consent=consent,
        )
        with action():
            receipt = submit_complaint(
                store(),
                data,
                st.session_state[TOKEN_KEY],
                client_key(),
                utc_now(),
                shape=province_shape(load_settings().tambon_boundaries),
            )
            st.session_state[RECEIPT_KEY] = receipt
            st.rerun()

"""Admins: users (one-time passwords), agencies, routing rules and SLA days."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app.i18n import pick
from app.staff.labels import tr
from app.staff.session import action, require_staff, store
from complaints import rules as complaint_rules
from complaints.routing import ANY
from operations import accounts as admin
from operations.areas import saraburi_areas
from operations.clock import utc_now

NEW_PASSWORD_KEY = "admin_new_password"  # noqa: S105 (a session-state key)

st.title(tr("admin_title"))
actor = require_staff("admin")
if actor is None:
    st.stop()

agencies = admin.list_agencies(store())
agency_names = {a.agency_code: pick(a.name_th, a.name_en) for a in agencies}
categories = complaint_rules.list_categories(store())
areas = saraburi_areas()
users_tab, agencies_tab, routing_tab, sla_tab = st.tabs(
    [tr("users"), tr("agencies"), tr("routing"), tr("sla")]
)

with users_tab:
    if NEW_PASSWORD_KEY in st.session_state:
        username, password = st.session_state.pop(NEW_PASSWORD_KEY)
        st.warning(tr("one_time_password", user=username))
        st.code(password, language=None)
    users = admin.list_users(store(), actor)
    st.dataframe(
        pd.DataFrame(
            [
                {
                    tr("username"): u.username,
                    tr("role"): u.role,
                    tr("agency"): agency_names.get(u.agency_code or "", ""),
                    tr("display_name"): u.display_name,
                    "active": u.is_active,
                }
                for u in users
            ]
        ),
        hide_index=True,
        width="stretch",
    )
    with st.form("admin_create_user", clear_on_submit=True):
        st.subheader(tr("create_user"))
        username = st.text_input(tr("username"), max_chars=60, key="admin_new_username")
        role = st.selectbox(tr("role"), options=list(admin.ROLES), key="admin_new_role")
        agency = st.selectbox(
            tr("agency"),
            options=["", *agency_names],
            format_func=lambda c: agency_names.get(c, "-"),
            key="admin_new_agency",
        )
        display = st.text_input(tr("display_name"), max_chars=120, key="admin_new_display")
        if st.form_submit_button(tr("create_user"), type="primary"):
            with action():
                password = admin.create_user(
                    store(), actor, username, str(role), utc_now(), agency or None, display
                )
                st.session_state[NEW_PASSWORD_KEY] = (username.strip().lower(), password)
                st.rerun()
    with st.form("admin_user_actions"):
        target = st.selectbox(
            tr("user"),
            options=[u.user_id for u in users],
            format_func=lambda i: next(u.username for u in users if u.user_id == i),
            key="admin_target_user",
        )
        what = st.radio(
            tr("user"),
            options=["deactivate", "activate", "reset_password"],
            format_func=tr,
            horizontal=True,
            key="admin_user_action",
        )
        if st.form_submit_button(tr("save")):
            with action():
                if what == "reset_password":
                    password = admin.reset_password(store(), actor, int(target), utc_now())
                    name = next(u.username for u in users if u.user_id == target)
                    st.session_state[NEW_PASSWORD_KEY] = (name, password)
                else:
                    admin.set_user_active(
                        store(), actor, int(target), what == "activate", utc_now()
                    )
                st.rerun()

with agencies_tab:
    st.dataframe(
        pd.DataFrame(
            [
                {
                    tr("agency_code"): a.agency_code,
                    tr("name_th"): a.name_th,
                    tr("name_en"): a.name_en,
                    tr("kind"): a.kind,
                    "active": a.is_active,
                }
                for a in agencies
            ]
        ),
        hide_index=True,
        width="stretch",
    )
    with st.form("admin_agency"):
        code = st.text_input(tr("agency_code"), max_chars=40, key="admin_agency_code")
        name_th = st.text_input(tr("name_th"), max_chars=200, key="admin_agency_th")
        name_en = st.text_input(tr("name_en"), max_chars=200, key="admin_agency_en")
        kind = st.selectbox(
            tr("kind"), options=["lao", "district", "provincial"], key="admin_agency_kind"
        )
        active = st.checkbox(tr("activate"), value=True, key="admin_agency_active")
        if st.form_submit_button(tr("save")):
            with action():
                admin.upsert_agency(
                    store(), actor, code.strip(), name_th, name_en, str(kind), utc_now(), active
                )
                st.success(tr("done"))
                st.rerun()

with routing_tab:
    rules = complaint_rules.list_routing(store())
    st.dataframe(
        pd.DataFrame(
            [
                {
                    tr("category"): r.category_code,
                    tr("amphoe"): r.amphoe_code
                    if r.amphoe_code == ANY
                    else areas.name(r.amphoe_code),
                    tr("agency"): agency_names.get(r.agency_code, r.agency_code),
                }
                for r in rules
            ]
        ),
        hide_index=True,
        width="stretch",
    )
    with st.form("admin_routing"):
        category = st.selectbox(
            tr("category"),
            options=[c.category_code for c in categories] + [ANY],
            key="admin_rule_category",
        )
        amphoe = st.selectbox(
            tr("amphoe"),
            options=[ANY, *[a.code for a in areas.amphoes]],
            format_func=lambda c: tr("any") if c == ANY else areas.name(c),
            key="admin_rule_amphoe",
        )
        rule_agency = st.selectbox(
            tr("agency"),
            options=list(agency_names),
            format_func=agency_names.__getitem__,
            key="admin_rule_agency",
        )
        if st.form_submit_button(tr("save")):
            with action():
                complaint_rules.set_routing_rule(
                    store(), actor, str(category), str(amphoe), str(rule_agency), utc_now()
                )
                st.success(tr("done"))
                st.rerun()

with sla_tab, st.form("admin_sla"):
    new_days: dict[str, int] = {}
    for c in categories:
        new_days[c.category_code] = int(
            st.number_input(
                pick(c.name_th, c.name_en),
                min_value=1,
                max_value=365,
                value=c.sla_days,
                key=f"admin_sla_{c.category_code}",
            )
        )
    if st.form_submit_button(tr("save")):
        with action():
            for c in categories:
                if new_days[c.category_code] != c.sla_days:
                    complaint_rules.set_sla_days(
                        store(), actor, c.category_code, new_days[c.category_code], utc_now()
                    )
            st.success(tr("done"))
            st.rerun()

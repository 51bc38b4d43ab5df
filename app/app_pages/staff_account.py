"""Staff: sign in (officers, executives, administrators), then the account: who, where to work,
change the password (the one-time one first), sign out."""

from __future__ import annotations

import streamlit as st

from app.navigation import home_of, link
from app.staff.labels import tr
from app.staff.render import field
from app.staff.session import (
    account_sidebar,
    change_password_form,
    current_principal,
    login_form,
    role_name,
    show_flash,
    store,
)
from operations.accounts import must_change_password

st.title(tr("account_title"))
show_flash()
principal = current_principal()
if principal is None:
    st.text(tr("account_intro"))
    login_form()
    st.stop()

account_sidebar(principal)
flagged = must_change_password(store(), principal)
if flagged:
    st.warning(tr("change_password_now"), icon=":material/password:")
field(tr("user"), principal.username)
field(tr("role"), role_name(principal.role))
if principal.agency_code:
    field(tr("agency"), principal.agency_code)
home = home_of(principal.role)
if home is not None and not flagged:
    link(home, tr("your_workspace"))
change_password_form(principal, expanded=flagged)

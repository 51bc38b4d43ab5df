"""The Saraburi operations centre's script (served by ``app/server.py``: ``saraburi serve``).

The shell (province name, language switch, text size) runs before every page; the pages and
their audience sections come from ``app/navigation.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `streamlit run` puts app/ on the path, not the project root
    sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402

from app import navigation, ui  # noqa: E402
from app.i18n import t  # noqa: E402
from app.staff.session import current_principal  # noqa: E402

FAVICON = Path(__file__).resolve().parent / "assets" / "favicon.png"  # served by the app itself

ui.init_language()
st.set_page_config(
    page_title=t("app_title"),
    page_icon=str(FAVICON),
    layout="wide",
    initial_sidebar_state="expanded",
)
current_principal()  # a signed-in staff member's pages appear in the menu, also after a reload
page = st.navigation(navigation.st_pages(), position="sidebar")
ui.shell()
page.run()

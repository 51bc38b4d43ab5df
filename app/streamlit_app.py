"""Entrypoint of the Saraburi operations centre: ``streamlit run app/streamlit_app.py``.

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

ui.init_language()
st.set_page_config(
    page_title=t("app_title"),
    page_icon=":material/monitoring:",
    layout="wide",
    initial_sidebar_state="expanded",
)
page = st.navigation(navigation.st_pages(), position="sidebar")
ui.shell()
page.run()

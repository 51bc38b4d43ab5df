"""What every page shares: the sidebar shell, empty states, error guard and the area selection.

The selected area (province "19", amphoe "19xx" or tambon "19xxxx") lives in
``st.session_state["area"]`` and in the ``area`` query parameter, so every page follows it and
a link or a reload keeps it.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator

import pandas as pd
import streamlit as st
from streamlit.runtime.scriptrunner_utils.exceptions import RerunException, StopException

from app import data
from app.i18n import LANG_KEY, LANGUAGES, fmt_date, lang, pick, t

log = logging.getLogger(__name__)

AREA_KEY = "area"
FONT_KEY = "font_size"
FONT_SCALES = {"font_small": 0.9, "font_normal": 1.0, "font_large": 1.15, "font_xlarge": 1.3}


# ---------------------------------------------------------------------------------------------
# Shell
# ---------------------------------------------------------------------------------------------


def init_language() -> None:
    """Before anything is drawn: the language of this session, from ``?lang=en`` on first load.

    The choice then lives in the session (it survives page changes) and is written back to the
    URL when it changes, so a shared link opens in the same language."""
    if LANG_KEY not in st.session_state:
        st.session_state[LANG_KEY] = "en" if st.query_params.get(LANG_KEY) == "en" else "th"


def _language_to_url() -> None:
    st.query_params[LANG_KEY] = st.session_state[LANG_KEY]


def shell() -> None:
    """Sidebar: province name and logo text, language switch, text size, build version."""
    with st.sidebar:
        st.html(
            '<div class="sb-logo" role="banner">'
            f'<div class="sb-logo-mark">{t("logo_text")}</div>'
            f'<div class="sb-logo-name">{t("province_name")}</div>'
            f'<div class="sb-logo-app">{t("app_title")}</div></div>'
        )
        st.segmented_control(
            t("language"),
            options=list(LANGUAGES),
            required=True,
            format_func=LANGUAGES.__getitem__,
            key=LANG_KEY,
            on_change=_language_to_url,
        )
        st.segmented_control(
            t("font_size"),
            options=list(FONT_SCALES),
            default="font_normal",
            required=True,
            format_func=t,
            key=FONT_KEY,
        )
        path = data.current_build_path()
        if path is not None:
            with guard("build"):
                build = data.build_info(path)
                built = fmt_date(build.built_at) if build.built_at else "–"
                st.caption(t("build_version", version=build.version, built_at=built))
    # A lost segmented_control value (deselecting) falls back to the defaults.
    scale = FONT_SCALES.get(st.session_state.get(FONT_KEY) or "font_normal", 1.0)
    st.html(
        "<style>"
        f":root {{ --sb-font-scale: {scale}; }}"
        "html { font-size: calc(16px * var(--sb-font-scale)); }"
        ".sb-logo { padding: .25rem 0 .75rem 0; border-bottom: 1px solid rgba(0,0,0,.08); }"
        ".sb-logo-mark { font-weight: 700; font-size: 1.35rem; color: #1f5f8b; }"
        ".sb-logo-name { font-weight: 600; font-size: 1.05rem; }"
        ".sb-logo-app { font-size: .85rem; opacity: .8; }"
        "</style>"
    )


def page_header(title_key: str, intro_key: str | None = None) -> None:
    st.title(t(title_key))
    if intro_key:
        st.caption(t(intro_key))


# ---------------------------------------------------------------------------------------------
# Build, empty states, guard
# ---------------------------------------------------------------------------------------------


def require_build() -> str:
    """The published build's path, or a clear message and the end of this run."""
    path = data.current_build_path()
    if path is None:
        st.info(t("no_warehouse"), icon=":material/database:")
        st.stop()
    try:
        data.tables(path)
    except Exception:  # a build being replaced or pruned under us: say so, do not crash
        log.exception("cannot open warehouse build %s", path)
        st.info(t("no_warehouse"), icon=":material/database:")
        st.stop()
    return path  # type: ignore[return-value]


def no_data(what: str = "") -> None:
    st.info(
        t("no_data", what=f" {what} " if lang() == "th" and what else what), icon=":material/info:"
    )


@contextlib.contextmanager
def guard(what: str) -> Iterator[None]:
    """Show a calm message instead of a traceback if one section fails (logged in full)."""
    try:
        yield
    except (StopException, RerunException):
        raise
    except Exception:
        log.exception("section %s failed", what)
        st.warning(t("section_failed", what=what), icon=":material/warning:")


# ---------------------------------------------------------------------------------------------
# Area selection
# ---------------------------------------------------------------------------------------------


def selected_area(areas: pd.DataFrame) -> str:
    """The area every page follows; unknown codes fall back to the province."""
    code = st.query_params.get(AREA_KEY) or st.session_state.get(AREA_KEY) or data.PROVINCE_CODE
    if len(areas) and code not in set(areas["area_code"]):
        code = data.PROVINCE_CODE
    st.session_state[AREA_KEY] = code
    return code


def set_area(code: str) -> None:
    st.session_state[AREA_KEY] = code
    st.query_params[AREA_KEY] = code


def area_row(areas: pd.DataFrame, code: str) -> pd.Series | None:
    if areas.index.name == "area_code":
        return areas.loc[code] if code in areas.index else None
    rows = areas[areas["area_code"] == code]
    return rows.iloc[0] if len(rows) else None


def area_name(areas: pd.DataFrame, code: str | None) -> str:
    if not code or code == data.PROVINCE_CODE:
        row = area_row(areas, data.PROVINCE_CODE)
        return pick(row["name_th"], row["name_en"]) if row is not None else t("province_name")
    row = area_row(areas, code)
    if row is None:
        return code
    return pick(row["name_th"], row["name_en"])


def area_level(code: str) -> str:
    return {2: "province", 4: "amphoe", 6: "tambon"}.get(len(code), "province")


def lineage(code: str) -> list[str]:
    """Province → amphoe → tambon codes leading to ``code``."""
    chain = [data.PROVINCE_CODE]
    if len(code) >= 4:
        chain.append(code[:4])
    if len(code) >= 6:
        chain.append(code)
    return chain


def breadcrumb(areas: pd.DataFrame, code: str, key: str) -> None:
    """Province › amphoe › tambon; each earlier step is a button that goes back up."""
    chain = lineage(code)
    cols = st.columns([1] * len(chain) + [max(1, 6 - len(chain))], vertical_alignment="center")
    for i, step in enumerate(chain):
        label = area_name(areas, step)
        if step == code:
            cols[i].markdown(f"**{label}**")
        elif cols[i].button(f"‹ {label}", key=f"{key}_crumb_{step}", help=t("up_to", name=label)):
            set_area(step)
            st.rerun()


def area_picker(areas: pd.DataFrame, code: str, key: str) -> str:
    """Keyboard-friendly drill-down: district and subdistrict select boxes that follow ``code``."""
    amphoes = areas[areas["area_level"] == "amphoe"]
    amphoe_codes = [data.PROVINCE_CODE, *amphoes["area_code"]]
    current_amphoe = code[:4] if len(code) >= 4 else data.PROVINCE_CODE
    cols = st.columns(2)
    chosen_amphoe = cols[0].selectbox(
        t("choose_amphoe"),
        amphoe_codes,
        index=amphoe_codes.index(current_amphoe) if current_amphoe in amphoe_codes else 0,
        format_func=lambda c: (
            t("whole_province") if c == data.PROVINCE_CODE else area_name(areas, c)
        ),
        key=f"{key}_amphoe_{current_amphoe}",
    )
    new_code = code
    if chosen_amphoe != current_amphoe:
        new_code = chosen_amphoe
    elif chosen_amphoe != data.PROVINCE_CODE:
        tambons = areas[
            (areas["area_level"] == "tambon") & (areas["parent_area_code"] == chosen_amphoe)
        ]
        tambon_codes = [chosen_amphoe, *tambons["area_code"]]
        current_tambon = code if len(code) == 6 else chosen_amphoe
        chosen_tambon = cols[1].selectbox(
            t("choose_tambon"),
            tambon_codes,
            index=tambon_codes.index(current_tambon) if current_tambon in tambon_codes else 0,
            format_func=lambda c: t("all_tambons") if c == chosen_amphoe else area_name(areas, c),
            key=f"{key}_tambon_{current_tambon}",
        )
        new_code = chosen_tambon
    if new_code != code:
        set_area(new_code)
        st.rerun()
    return code

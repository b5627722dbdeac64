"""OceanBrain dashboard entry point: `oceanbrain dashboard` or `streamlit run` this file."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from oceanbrain.dashboards.i18n import DEFAULT_LANGUAGE, LANGUAGES, t

PAGES = Path(__file__).parent / "pages"

st.set_page_config(
    page_title="海洋产业大脑 OceanBrain", page_icon=":material/water:", layout="wide"
)

if "lang" not in st.session_state:
    st.session_state["lang"] = DEFAULT_LANGUAGE
st.sidebar.radio(
    t("language"),
    options=list(LANGUAGES),
    format_func=LANGUAGES.__getitem__,
    key="lang",
    horizontal=True,
)

navigation = st.navigation(
    [
        st.Page(
            PAGES / "overview.py", title=t("nav_overview"), icon=":material/water:", default=True
        ),
        st.Page(PAGES / "console.py", title=t("nav_console"), icon=":material/terminal:"),
    ]
)
st.sidebar.caption(t("app_title"))
navigation.run()

"""OceanBrain dashboard entry point: `oceanbrain dashboard` or `streamlit run` this file."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from oceanbrain.dashboards.i18n import DEFAULT_LANGUAGE, LANGUAGES, t

# Not "pages/": Streamlit would also serve that folder as legacy pages, bypassing st.navigation.
PAGES = Path(__file__).parent / "views"

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
        st.Page(PAGES / "gaps.py", title=t("nav_gaps"), icon=":material/link_off:"),
        st.Page(PAGES / "targets.py", title=t("nav_targets"), icon=":material/target:"),
        st.Page(PAGES / "console.py", title=t("nav_console"), icon=":material/terminal:"),
    ]
)
st.sidebar.caption(t("app_title"))
navigation.run()

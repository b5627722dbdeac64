"""OceanBrain dashboard entry point: `oceanbrain dashboard` or `streamlit run` this file."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from oceanbrain.dashboards.i18n import DEFAULT_LANGUAGE, LANGUAGES, t
from oceanbrain.dashboards.state import access_config, sidebar_user, sign_in

# Not "pages/": Streamlit would also serve that folder as legacy pages, bypassing st.navigation.
PAGES = Path(__file__).parent / "views"

st.set_page_config(
    page_title="海洋产业大脑 OceanBrain", page_icon=":material/water:", layout="wide"
)

if "lang" not in st.session_state:
    st.session_state["lang"] = DEFAULT_LANGUAGE
st.session_state.pop("_run_key", None)  # read the latest ingest run once per script run
st.sidebar.radio(
    t("language"),
    options=list(LANGUAGES),
    format_func=LANGUAGES.__getitem__,
    key="lang",
    horizontal=True,
)

config = access_config()
user = sign_in(config)
st.session_state["_user"] = user


def page(file: str, title: str, icon: str, **kwargs: object) -> st.Page:
    return st.Page(PAGES / file, title=t(title), icon=icon, **kwargs)  # type: ignore[arg-type]


navigation = st.navigation(
    {
        t("nav_group_chains"): [
            page("overview.py", "nav_overview", ":material/water:", default=True),
            page("chainmap.py", "nav_chainmap", ":material/account_tree:"),
            page("gaps.py", "nav_gaps", ":material/link_off:"),
            page("targets.py", "nav_targets", ":material/target:"),
        ],
        t("nav_group_profiles"): [
            page("parks.py", "nav_parks", ":material/apartment:"),
            page("firms.py", "nav_firms", ":material/factory:"),
            page("talent.py", "nav_talent", ":material/school:"),
            page("projects.py", "nav_projects", ":material/construction:"),
        ],
        t("nav_group_tools"): [
            page("console.py", "nav_console", ":material/terminal:"),
            page("data.py", "nav_data", ":material/sync:"),
        ],
    }
)
sidebar_user(config, user)
st.sidebar.caption(t("app_title"))
navigation.run()

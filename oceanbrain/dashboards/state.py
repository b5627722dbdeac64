"""Shared dashboard state: one GraphStore per graph URL, cached across reruns and sessions."""

from __future__ import annotations

import os

import streamlit as st

from oceanbrain.errors import OceanBrainError
from oceanbrain.graph import GraphStore, open_store
from oceanbrain.graph.analysis import Scope
from oceanbrain.graph.analysis.views import chain_choices, scope_choices

from .i18n import language, t


@st.cache_resource(show_spinner=False)
def _store_for(graph_url: str | None, graph_path: str | None, graph_name: str | None) -> GraphStore:
    return open_store()


def get_store() -> GraphStore:
    """The shared store, or a rendered error and a stopped page when it cannot be reached."""
    try:
        return _store_for(
            os.environ.get("OCEANBRAIN_GRAPH"),
            os.environ.get("OCEANBRAIN_GRAPH_PATH"),
            os.environ.get("OCEANBRAIN_GRAPH_NAME"),
        )
    except OceanBrainError as exc:
        st.error(t("connection_error", msg=exc))
        st.stop()
        raise  # st.stop() raises; this line keeps type checkers honest


def pick_scope_and_chain(store: GraphStore) -> tuple[Scope, str, str] | None:
    """Scope and chain selectors shared by the gap and target pages (None: nothing loaded)."""
    scopes = scope_choices(store)
    chains = chain_choices(store)
    if not scopes or not chains:
        st.info(t("empty_graph"))
        return None
    left, right = st.columns(2)
    scope = left.selectbox(t("scope"), scopes, format_func=lambda s: s["name"], key="scope_choice")
    chain = right.selectbox(
        t("chain"),
        chains,
        format_func=lambda c: c["name_zh"] if language() == "zh" else c["name_en"],
        key="chain_choice",
    )
    return Scope(scope["kind"], scope["id"], scope["name"]), chain["id"], chain["name_zh"]

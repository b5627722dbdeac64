"""Shared dashboard state: one GraphStore per graph URL, cached across reruns and sessions."""

from __future__ import annotations

import os

import streamlit as st

from oceanbrain.errors import OceanBrainError
from oceanbrain.graph import GraphStore, open_store

from .i18n import t


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

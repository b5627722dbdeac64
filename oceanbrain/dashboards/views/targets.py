"""招商线索 Investment leads: ranked outside firms for the scope's gaps, with reasons."""

from __future__ import annotations

import io

import pandas as pd
import streamlit as st

from oceanbrain.dashboards.i18n import column_names, t
from oceanbrain.dashboards.state import get_store, pick_scope_and_chain
from oceanbrain.graph.analysis import analyse_chain
from oceanbrain.graph.analysis.targets import recommend_targets

st.title(t("nav_targets"))
st.caption(t("targets_caption"))
store = get_store()
picked = pick_scope_and_chain(store)
if picked is None:
    st.stop()
scope, chain, chain_name = picked
top = st.slider(t("top_n"), min_value=10, max_value=200, value=50, step=10, key="top_n")
leads = recommend_targets(store, analyse_chain(store, chain, scope), top=top)
st.subheader(f"{scope.name} · {chain_name}")
if not leads:
    st.info(t("no_leads"))
    st.stop()

columns = [
    "score",
    "name",
    "location",
    "segment_name",
    "gap",
    "fit",
    "strength",
    "ties",
    "recency",
    "reason_zh",
]
frame = pd.DataFrame([lead.row() for lead in leads])[columns]
shown = frame.rename(columns=column_names(columns))
st.dataframe(shown, hide_index=True, width="stretch")

buffer = io.BytesIO()
shown.to_excel(buffer, sheet_name="招商线索", index=False)
left, right = st.columns(2)
left.download_button(
    t("download_xlsx"),
    buffer.getvalue(),
    file_name="招商线索.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
)
right.download_button(
    t("download_csv"),
    shown.to_csv(index=False).encode("utf-8-sig"),
    file_name="招商线索.csv",
    mime="text/csv",
)

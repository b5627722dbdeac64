"""总览 Overview: what the graph holds, per label, and whether its schema is in place."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from oceanbrain.dashboards.i18n import label_name, t
from oceanbrain.dashboards.state import get_store
from oceanbrain.graph.queries import graph_status

st.title(t("app_title") + " · " + t("nav_overview"))
st.caption(t("overview_caption"))

store = get_store()
status = graph_status(store)

top = st.columns(4)
for column, label in zip(top, ("Firm", "Park", "Institution", "Person"), strict=True):
    column.metric(label_name(label), status.counts.get(label, 0))

if sum(status.counts.values()) == 0:
    st.info(t("empty_graph"))

st.subheader(t("counts_by_label"))
table = pd.DataFrame(
    [{t("label"): label_name(k), "label": k, t("count"): v} for k, v in status.counts.items()]
)
st.dataframe(table, hide_index=True, width="stretch")
st.metric(t("relationships"), status.relationships)

missing = len(status.schema.missing)
st.caption(
    f"{t('engine')}: {status.location} · {t('schema_state')}: "
    + (t("schema_ok") if missing == 0 else t("schema_missing", n=missing))
)

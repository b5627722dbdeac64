"""招商线索 Investment leads: ranked outside firms for the scope's gaps, with reasons."""

from __future__ import annotations

import streamlit as st

from oceanbrain.dashboards.i18n import size_name, t
from oceanbrain.dashboards.leads import POOL, SIZE_BUCKETS, lead_frame, show_leads
from oceanbrain.dashboards.state import cached, get_store, pick_scope_and_chain
from oceanbrain.graph.analysis import GapReport, analyse_chain

st.title(t("nav_targets"))
st.caption(t("targets_caption"))
store = get_store()
picked = pick_scope_and_chain(store)
if picked is None:
    st.stop()
scope, chain, chain_name = picked
report: GapReport = cached(store, analyse_chain, chain, scope)
gaps = [s for s in report.segments if s.verdict in ("missing", "weak")]
st.subheader(f"{scope.name} · {chain_name}")
if not gaps:
    st.info(t("no_leads"))
    st.stop()

labels = {s.segment: f"{s.name_zh}（{s.verdict_zh}）" for s in gaps}
with st.expander(t("filters"), expanded=True):
    a, b = st.columns(2)
    chosen_segments = a.multiselect(
        t("segment"), list(labels), format_func=labels.__getitem__, key="lead_segments"
    )
    frame = lead_frame(store, chain, scope, tuple(chosen_segments))
    provinces = sorted(p for p in frame["province"].unique() if p)
    chosen_provinces = b.multiselect(t("region"), provinces, key="lead_regions")
    c, d, e = st.columns([2, 1, 1])
    chosen_sizes = c.multiselect(
        t("size"), list(SIZE_BUCKETS), format_func=size_name, key="lead_sizes"
    )
    only_high_tech = d.checkbox(t("only_high_tech"), key="lead_high_tech")
    top = e.number_input(t("top_n"), 10, POOL, 50, step=10, key="top_n")

shown = frame
if chosen_provinces:
    shown = shown[shown["province"].isin(chosen_provinces)]
if chosen_sizes:
    shown = shown[shown["size"].isin(chosen_sizes)]
if only_high_tech:
    shown = shown[shown["high_tech"]]
shown = shown.head(int(top))
st.caption(t("leads_shown", n=len(shown), total=len(frame)))
if shown.empty:
    st.info(t("no_leads_filtered"))
    st.stop()
show_leads(shown, "leads")

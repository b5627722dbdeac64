"""人才 Talent: people and institutions by segment and organisation; people for a gap."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from oceanbrain.dashboards.i18n import column_names, label_name, t, verdict_name
from oceanbrain.dashboards.state import cached, get_store, pick_scope_and_chain
from oceanbrain.errors import OceanBrainError
from oceanbrain.graph.analysis import GapReport, analyse_chain
from oceanbrain.graph.analysis.talent import talent_for_segment
from oceanbrain.graph.analysis.views import people_by_organisation

st.title(t("nav_talent"))
st.caption(t("talent_caption"))
store = get_store()
picked = pick_scope_and_chain(store)
if picked is None:
    st.stop()
scope, chain, chain_label = picked
report: GapReport = cached(store, analyse_chain, chain, scope)

st.subheader(t("talent_by_segment", scope=scope.name, chain=chain_label))
per_segment = pd.DataFrame(
    [
        {
            "segment": s.name_zh,
            "verdict": verdict_name(s.verdict),
            "talent": s.metrics["talent"],
            "institutions": s.metrics["institutions"],
        }
        for s in report.segments
    ]
)
long = per_segment.melt(
    id_vars=["segment", "verdict"], value_vars=["talent", "institutions"], var_name="what"
)
long["what"] = long["what"].map(lambda k: column_names([k])[k])
st.altair_chart(
    alt.Chart(long)
    .mark_bar()
    .encode(
        y=alt.Y("segment:N", title=None, sort=None),
        x=alt.X("value:Q", title=t("count")),
        color=alt.Color("what:N", title=None),
        yOffset="what:N",
        tooltip=["segment", "verdict", "what", "value"],
    )
    .properties(height=max(240, 34 * len(per_segment))),
    width="stretch",
)

st.subheader(t("talent_for_gap"))
order = {"missing": 0, "weak": 1, "strong": 2}
segs = sorted(report.segments, key=lambda s: (order[s.verdict], s.segment))
seg = st.selectbox(
    t("pick_segment"),
    segs,
    format_func=lambda s: f"{s.name_zh}（{verdict_name(s.verdict)}）",
    key="talent_segment",
)
try:
    rows = cached(store, talent_for_segment, scope, seg.segment)
except OceanBrainError as exc:
    st.error(str(exc))
    rows = []
if not rows:
    st.info(t("no_talent"))
else:
    frame = pd.DataFrame(rows)
    frame["sources"] = frame["sources"].map(lambda s: len(s))
    frame = frame.rename(columns={"name": "entity_name"})
    shown = frame[
        ["kind_zh", "entity_name", "title_or_kind", "organisation", "local_zh", "evidence_zh"]
    ]
    st.dataframe(
        shown.rename(columns=column_names(list(shown.columns))),
        hide_index=True,
        width="stretch",
    )
    st.download_button(
        t("download_csv"),
        shown.rename(columns=column_names(list(shown.columns)))
        .to_csv(index=False)
        .encode("utf-8-sig"),
        file_name=f"人才-{seg.name_zh}.csv",
        mime="text/csv",
    )

st.subheader(t("talent_by_org"))
orgs = cached(store, people_by_organisation)
if orgs:
    frame = pd.DataFrame(orgs)
    frame["label"] = frame["label"].map(label_name)
    frame["examples"] = frame["examples"].map(lambda xs: "、".join(x for x in xs if x))
    shown = frame.rename(columns={"name": "entity_name"})[
        ["entity_name", "label", "people", "examples"]
    ]
    st.dataframe(
        shown.rename(columns=column_names(list(shown.columns))), hide_index=True, width="stretch"
    )
else:
    st.info(t("no_talent"))

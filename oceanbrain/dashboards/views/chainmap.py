"""产业链图谱 Chain map: segments in layers 上游 → 中游 → 下游, coloured by local strength.

The layout is computed here (stage → column, position in stage → row), drawn with Altair
(bundled with Streamlit, no network). Clicking a segment, or picking it below, shows its firms,
metrics and evidence.
"""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from oceanbrain.dashboards.i18n import (
    VERDICT_COLOURS,
    column_names,
    risk_name,
    stage_name,
    t,
    verdict_name,
)
from oceanbrain.dashboards.state import cached, get_store, pick_scope_and_chain
from oceanbrain.graph.analysis import GapReport, analyse_chain
from oceanbrain.graph.analysis.gaps import STAGE_ORDER
from oceanbrain.graph.analysis.views import chain_feeds, firm_evidence

st.title(t("nav_chainmap"))
st.caption(t("chainmap_caption"))
store = get_store()
picked = pick_scope_and_chain(store)
if picked is None:
    st.stop()
scope, chain, chain_label = picked
report: GapReport = cached(store, analyse_chain, chain, scope)
feeds = cached(store, chain_feeds, chain)

risky: dict[str, list[str]] = {}
for risk in report.risks:
    risky.setdefault(risk.customer_segment, []).append(risk.kind)


def layout(report: GapReport) -> pd.DataFrame:
    """One row per segment with its x (stage) and y (rank within the stage, centred)."""
    by_stage: dict[str, list[Any]] = {}
    for seg in report.segments:
        by_stage.setdefault(seg.stage, []).append(seg)
    tallest = max(len(v) for v in by_stage.values())
    rows = []
    for stage, segs in by_stage.items():
        offset = (tallest - len(segs)) / 2
        for i, seg in enumerate(segs):
            kinds = sorted(set(risky.get(seg.segment, [])))
            rows.append(
                {
                    "segment": seg.segment,
                    "name": seg.name_zh,
                    "stage": stage_name(stage),
                    "x": STAGE_ORDER.get(stage, 1),
                    "y": offset + i,
                    "verdict": verdict_name(seg.verdict),
                    "firms": seg.metrics["firms"],
                    "risk": "、".join(risk_name(k) for k in kinds),
                    "at_risk": bool(kinds),
                    "label": ("⚠ " if kinds else "") + seg.name_zh,
                }
            )
    return pd.DataFrame(rows)


nodes = layout(report)
position = nodes.set_index("segment")[["x", "y"]].to_dict("index")
edges = pd.DataFrame(
    [
        {"edge": i, "order": end, "x": position[seg]["x"], "y": position[seg]["y"]}
        for i, feed in enumerate(feeds)
        for end, seg in enumerate((feed["supplier"], feed["customer"]))
        if feed["supplier"] in position and feed["customer"] in position
    ],
    columns=["edge", "order", "x", "y"],
)

st.subheader(f"{scope.name} · {chain_label}")
counts = {v: sum(1 for s in report.segments if s.verdict == v) for v in VERDICT_COLOURS}
st.markdown(
    t("verdict_counts", m=counts["missing"], w=counts["weak"], s=counts["strong"])
    + " · "
    + t("risk_count", n=len(risky))
)

select = alt.selection_point(fields=["segment"], name="pick", on="click")
x_axis = alt.X(
    "x:Q",
    axis=alt.Axis(
        values=[0, 1, 2],
        labelExpr=(
            f"datum.value == 0 ? '{stage_name('upstream')}' : datum.value == 1 ? "
            f"'{stage_name('midstream')}' : '{stage_name('downstream')}'"
        ),
        title=None,
        orient="top",
        grid=False,
        labelFontSize=14,
    ),
    scale=alt.Scale(domain=[-0.3, 2.85]),
)
y_axis = alt.Y("y:Q", axis=None, scale=alt.Scale(reverse=True, padding=20))
colour = alt.Color(
    "verdict:N",
    scale=alt.Scale(
        domain=[verdict_name(v) for v in VERDICT_COLOURS],
        range=list(VERDICT_COLOURS.values()),
    ),
    legend=alt.Legend(title=t("verdict"), orient="bottom"),
)
lines = (
    alt.Chart(edges)
    .mark_line(color="#9aa5b1", strokeWidth=1.2, opacity=0.7)
    .encode(x=x_axis, y=y_axis, detail="edge:N", order="order:Q")
)
tooltip = [
    alt.Tooltip("name:N", title=t("segment")),
    alt.Tooltip("stage:N", title=t("stage")),
    alt.Tooltip("verdict:N", title=t("verdict")),
    alt.Tooltip("firms:Q", title=t("local_firms")),
    alt.Tooltip("risk:N", title=t("risks")),
]
points = (
    alt.Chart(nodes)
    .mark_circle(size=900, stroke="#b00020")
    .encode(
        x=x_axis,
        y=y_axis,
        color=colour,
        strokeWidth=alt.condition("datum.at_risk", alt.value(3), alt.value(0)),
        opacity=alt.condition(select, alt.value(1.0), alt.value(0.45)),
        tooltip=tooltip,
    )
    .add_params(select)
)
labels = (
    alt.Chart(nodes)
    .mark_text(align="left", dx=18, fontSize=13)
    .encode(x=x_axis, y=y_axis, text="label:N", tooltip=tooltip)
)
chart = (lines + points + labels).properties(height=max(420, 56 * int(nodes["y"].max() + 1)))
event = st.altair_chart(chart, on_select="rerun", key="chain_chart", width="stretch")
st.caption(t("chainmap_legend"))

clicked = None
selection = getattr(event, "selection", None) or {}
picks = selection.get("pick") if isinstance(selection, dict) else None
if picks:
    clicked = picks[0].get("segment")
segments = report.segments
ids = [s.segment for s in segments]
if clicked in ids:
    st.session_state["chainmap_segment"] = clicked
elif st.session_state.get("chainmap_segment") not in ids:
    # Start on the first 缺链 segment: what staff look at first.
    first = next((s.segment for s in segments if s.verdict == "missing"), ids[0])
    st.session_state["chainmap_segment"] = first
chosen = st.selectbox(
    t("pick_segment"),
    ids,
    format_func=lambda sid: next(
        f"{s.name_zh}（{verdict_name(s.verdict)}）" for s in segments if s.segment == sid
    ),
    key="chainmap_segment",
)
seg = next(s for s in segments if s.segment == chosen)

st.subheader(f"{seg.name_zh} · {verdict_name(seg.verdict)}")
cols = st.columns(6)
for col, key in zip(
    cols,
    ("firms", "leaders", "high_tech", "institutions", "talent", "projects"),
    strict=True,
):
    col.metric(column_names([key])[key], seg.metrics[key])
lq = seg.metrics.get("location_quotient")
st.caption(
    f"{t('stage')}: {stage_name(seg.stage)} · "
    f"{column_names(['national_firms'])['national_firms']}: {seg.metrics['national_firms']} · "
    f"{column_names(['location_quotient'])['location_quotient']}: {lq if lq is not None else '—'}"
)
st.markdown(f"**{t('reasons')}**：" + "；".join(seg.reasons_zh))
seg_risks = [r for r in report.risks if seg.segment in (r.customer_segment, r.supplier_segment)]
for risk in seg_risks:
    st.markdown(f"- ⚠ **{risk_name(risk.kind)}** · {risk.reason_zh}")

evidence = cached(store, firm_evidence, seg.evidence["firm_ids"])
if evidence:
    shown = pd.DataFrame(evidence)[["name", "district", "city", "role", "source_urls"]]
    shown["source_urls"] = shown["source_urls"].map(lambda urls: " ".join(urls))
    st.markdown(f"**{t('evidence_firms')}**")
    st.dataframe(
        shown.rename(columns=column_names(list(shown.columns))),
        hide_index=True,
        width="stretch",
        key="chainmap_firms",
    )
else:
    st.info(t("no_local_firms"))

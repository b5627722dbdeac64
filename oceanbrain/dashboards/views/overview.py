"""总览 Overview: counts, chain completeness in a scope, goal progress, freshness, districts."""

from __future__ import annotations

import json

import altair as alt
import pandas as pd
import streamlit as st

from oceanbrain.dashboards.i18n import column_names, label_name, language, t
from oceanbrain.dashboards.state import cached, chain_name, get_store
from oceanbrain.graph.analysis.goals import goal_progress
from oceanbrain.graph.analysis.views import (
    chain_completeness,
    district_counts,
    latest_run,
    scope_choices,
)
from oceanbrain.graph.queries import graph_status

st.title(t("app_title") + " · " + t("nav_overview"))
st.caption(t("overview_caption"))

store = get_store()
status = cached(store, graph_status)

top = st.columns(5)
for column, label in zip(top, ("Firm", "Park", "Institution", "Person", "Project"), strict=True):
    column.metric(label_name(label), status.counts.get(label, 0))

if sum(status.counts.values()) == 0:
    st.info(t("empty_graph"))

# --- data freshness -------------------------------------------------------------------------
run = latest_run(store)
if run is None:
    st.caption(t("freshness_none"))
else:
    st.caption(
        t(
            "freshness",
            when=str(run.get("finished_at") or run.get("started_at") or "?")[:19],
            id=run["id"],
            status=run.get("status") or "?",
        )
    )

# --- chain completeness -----------------------------------------------------------------------
scopes = cached(store, scope_choices)
if scopes:
    st.subheader(t("completeness"))
    scope = st.selectbox(t("scope"), scopes, format_func=lambda s: s["name"], key="overview_scope")
    rows = cached(store, chain_completeness, scope["kind"], scope["id"])
    if rows:
        frame = pd.DataFrame(
            [
                {
                    t("chain"): chain_name(r),
                    t("segments_present"): f"{r['present']}/{r['segments']}",
                    t("completeness"): r["completeness"],
                }
                for r in rows
            ]
        )
        st.dataframe(
            frame,
            hide_index=True,
            width="stretch",
            column_config={
                t("completeness"): st.column_config.ProgressColumn(
                    t("completeness"), min_value=0.0, max_value=1.0, format="percent"
                )
            },
            key="completeness_table",
        )
        st.caption(t("completeness_help"))

# --- goals ------------------------------------------------------------------------------------
st.subheader(t("goals"))
try:
    progress = cached(store, goal_progress)
except Exception as exc:  # noqa: BLE001  (a broken goals file must not break the overview)
    st.warning(t("goals_error", msg=exc))
    progress = []
goal_rows = [
    {
        "goal_name": g.name_zh if language() == "zh" else g.name_en,
        "goal_target": f"{g.target} {g.unit}".strip(),
        "deadline": g.deadline,
        "current": "" if g.current is None else str(g.current),
        "progress": g.progress,
        "goal_status": g.status_zh if language() == "zh" else g.status,
        "basis_zh": g.basis_zh,
    }
    for g in progress
]
if goal_rows:
    frame = pd.DataFrame(goal_rows)
    st.dataframe(
        frame.rename(columns=column_names(list(frame.columns))),
        hide_index=True,
        width="stretch",
        column_config={
            column_names(["progress"])["progress"]: st.column_config.ProgressColumn(
                min_value=0.0, max_value=1.0, format="percent"
            )
        },
    )
    st.caption(t("goals_help"))

# --- districts (no map tiles: a chart of counts per district works offline) -----------------
st.subheader(t("districts"))
per_district = cached(store, district_counts)
if per_district:
    frame = pd.DataFrame(per_district)
    frame["label"] = frame["label"].map(label_name)
    chart = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            y=alt.Y("district:N", title=None, sort="-x"),
            x=alt.X("n:Q", title=t("count")),
            color=alt.Color("label:N", title=t("label")),
            tooltip=["district", "label", "n"],
        )
        .properties(height=max(200, 28 * frame["district"].nunique()))
    )
    st.altair_chart(chart, width="stretch")
    st.caption(t("districts_help"))
else:
    st.info(t("no_districts"))

with st.expander(t("counts_by_label")):
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
if run is not None and run.get("counts"):
    with st.expander(t("last_run_counts")):
        try:
            st.json(json.loads(run["counts"]))
        except (TypeError, ValueError):
            st.code(str(run["counts"]))

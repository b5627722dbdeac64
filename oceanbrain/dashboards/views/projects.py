"""项目库 Projects: the pipeline by status, amounts, parks and segments, with filters."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from oceanbrain.dashboards.i18n import column_names, t
from oceanbrain.dashboards.state import cached, get_store
from oceanbrain.graph.analysis.views import projects

STATUS_ORDER = ["在谈", "签约", "在建", "投产"]

st.title(t("nav_projects"))
st.caption(t("projects_caption"))
store = get_store()
rows = cached(store, projects)
if not rows:
    st.info(t("empty_graph"))
    st.stop()

frame = pd.DataFrame(rows)
frame["status"] = frame["status"].fillna(t("unknown"))
frame["amount_yi"] = pd.to_numeric(frame["amount_cny"], errors="coerce") / 1e8
frame["park"] = frame["parks"].map(lambda ps: "、".join(p for p in ps if p))
frame["segment_names"] = frame["segments"].map(lambda ss: "、".join(s for s in ss if s))
frame["investor_names"] = frame["investors"].map(lambda xs: "、".join(x for x in xs if x))
frame["signed_date"] = frame["signed_date"].map(lambda d: "" if pd.isna(d) else str(d))
frame["district"] = frame["district"].fillna("")
frame = frame.rename(columns={"name": "project"})

left, mid, right = st.columns(3)
statuses = [s for s in STATUS_ORDER if s in set(frame["status"])] + sorted(
    set(frame["status"]) - set(STATUS_ORDER)
)
chosen_status = left.multiselect(t("status"), statuses, default=statuses, key="project_status")
parks = sorted({p for ps in frame["parks"] for p in ps if p})
chosen_parks = mid.multiselect(t("park"), parks, key="project_parks")
text = right.text_input(t("search"), key="project_search")

shown = frame[frame["status"].isin(chosen_status)]
if chosen_parks:
    shown = shown[shown["parks"].map(lambda ps: any(p in chosen_parks for p in ps))]
if text.strip():
    needle = text.strip()
    shown = shown[
        shown["project"].str.contains(needle, regex=False)
        | shown["investor_names"].str.contains(needle, regex=False)
        | shown["segment_names"].str.contains(needle, regex=False)
    ]

cols = st.columns(3)
cols[0].metric(t("project_count"), len(shown))
cols[1].metric(t("amount_total_yi"), f"{shown['amount_yi'].sum():.1f}")
cols[2].metric(t("with_amount"), int(shown["amount_yi"].notna().sum()))

by_status = (
    shown.groupby("status", as_index=False)
    .agg(projects=("id", "count"), amount=("amount_yi", "sum"))
    .rename(columns={"projects": "n"})
)
if not by_status.empty:
    bars = (
        alt.Chart(by_status)
        .mark_bar()
        .encode(
            x=alt.X("status:N", sort=STATUS_ORDER, title=t("status")),
            y=alt.Y("n:Q", title=t("project_count")),
            color=alt.Color("status:N", legend=None, sort=STATUS_ORDER),
            tooltip=[
                alt.Tooltip("status:N", title=t("status")),
                alt.Tooltip("n:Q", title=t("project_count")),
                alt.Tooltip("amount:Q", title=t("amount_total_yi"), format=".1f"),
            ],
        )
        .properties(height=240)
    )
    st.altair_chart(bars, width="stretch")

table = shown[
    [
        "project",
        "status",
        "amount_yi",
        "signed_date",
        "district",
        "park",
        "segment_names",
        "investor_names",
    ]
].sort_values(["signed_date", "project"], ascending=[False, True])
st.dataframe(
    table.rename(columns=column_names(list(table.columns))),
    hide_index=True,
    width="stretch",
    key="projects_table",
    column_config={
        column_names(["amount_yi"])["amount_yi"]: st.column_config.NumberColumn(format="%.2f")
    },
)
st.download_button(
    t("download_csv"),
    table.rename(columns=column_names(list(table.columns))).to_csv(index=False).encode("utf-8-sig"),
    file_name="项目库.csv",
    mime="text/csv",
)

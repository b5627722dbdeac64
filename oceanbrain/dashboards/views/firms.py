"""企业画像 Firm profile: segments, supply links as a neighbourhood graph, projects, talent,
products, partners and sources."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from oceanbrain.dashboards.i18n import column_names, label_name, rel_name, t
from oceanbrain.dashboards.network import Network, network_chart
from oceanbrain.dashboards.state import cached, get_store
from oceanbrain.dashboards.widgets import sources_table
from oceanbrain.errors import OceanBrainError
from oceanbrain.graph.analysis.profiles import firm_profile
from oceanbrain.graph.analysis.views import find_firms

st.title(t("nav_firms"))
st.caption(t("firms_caption"))
store = get_store()

# A click on a firm in the neighbourhood graph (last run) opens that firm.
jump = st.session_state.pop("firm_jump", None)
if jump:
    st.session_state["firm_search"] = ""
search = st.text_input(t("firm_search"), key="firm_search", placeholder=t("firm_search_hint"))
matches = cached(store, find_firms, search)
if jump and jump["id"] not in {m["id"] for m in matches}:
    matches = [jump, *matches]
if not matches:
    st.info(t("no_firm_match", text=search))
    st.stop()
ids = [m["id"] for m in matches]
if jump:
    st.session_state["firm_choice"] = jump["id"]
elif st.session_state.get("firm_choice") not in ids:
    st.session_state["firm_choice"] = ids[0]
names = {m["id"]: f"{m['name']}（{m.get('place') or '—'}）" for m in matches}
chosen = st.selectbox(t("firm"), ids, format_func=names.__getitem__, key="firm_choice")
try:
    profile = cached(store, firm_profile, chosen)
except OceanBrainError as exc:
    st.error(str(exc))
    st.stop()

info = profile.info
st.subheader(profile.name)
tags = [
    x
    for x, on in (
        (info.get("role"), bool(info.get("role"))),
        (t("high_tech_tag"), bool(info.get("high_tech"))),
        (t("specialised_tag"), bool(info.get("specialised"))),
    )
    if on
]
place = " ".join(str(info.get(k) or "") for k in ("province", "city", "district")).strip()
st.caption(
    " · ".join(
        part
        for part in (
            place,
            f"USCC {info['uscc']}" if info.get("uscc") else "",
            f"{t('founded')}: {info['founded']}" if info.get("founded") else "",
            f"{t('capital')}: {info.get('registered_capital_text') or ''}"
            if info.get("registered_capital_text")
            else "",
            "、".join(tags),
            "、".join(profile.parks),
        )
        if part
    )
)
if info.get("notes"):
    st.markdown(str(info["notes"]))

cols = st.columns(5)
for col, key, n in (
    (cols[0], "segments", len(profile.segments)),
    (cols[1], "suppliers", len(profile.suppliers)),
    (cols[2], "customers", len(profile.customers)),
    (cols[3], "projects", len(profile.projects)),
    (cols[4], "talent", len(profile.people)),
):
    col.metric(column_names([key]).get(key, key), n)

st.subheader(t("neighbourhood"))
hood = profile.neighbourhood or {"nodes": [], "edges": []}
net = Network()
for node in hood.get("nodes", []):
    net.add_node(str(node["id"]), str(node.get("name") or node["id"]), label_name(node["label"]))
for edge in hood.get("edges", []):
    net.add_edge(str(edge["source"]), str(edge["target"]), rel_name(str(edge["type"])))
if len(net.nodes) > 1:
    event = st.altair_chart(
        network_chart(net, center=profile.id, kind_title=t("label"), edge_title=t("relation")),
        width="stretch",
        on_select="rerun",
        key="firm_graph",
    )
    st.caption(t("neighbourhood_help", n=len(net.nodes), e=len(net.edges)))
    picked = (getattr(event, "selection", None) or {}).get("node") or []
    if picked:
        node_id = picked[0].get("id")
        node = next((n for n in hood["nodes"] if n["id"] == node_id), None)
        if node and node["label"] == "Firm" and node_id != profile.id:
            st.session_state["firm_jump"] = {"id": node_id, "name": node["name"], "place": ""}
            st.rerun()
else:
    st.caption(t("no_neighbours"))


def table(rows: list[dict[str, object]], title: str, columns: list[str]) -> None:
    st.markdown(f"**{title}** · {len(rows)}")
    if rows:
        frame = pd.DataFrame(rows)
        if "name_zh" not in columns and title not in (t("suppliers"), t("customers")):
            frame = frame.rename(columns={"name": "entity_name"})
            columns = ["entity_name" if c == "name" else c for c in columns]
        shown = frame[[c for c in columns if c in frame.columns]]
        st.dataframe(
            shown.rename(columns=column_names(list(shown.columns))),
            hide_index=True,
            width="stretch",
        )


table(profile.segments, t("firm_segments"), ["name_zh", "chain", "confidence", "evidence"])
left, right = st.columns(2)
with left:
    table(profile.suppliers, t("suppliers"), ["name", "city", "product"])
with right:
    table(profile.customers, t("customers"), ["name", "city", "product"])
table(profile.projects, t("firm_projects"), ["name", "status", "signed_date", "district"])
table(profile.people, t("firm_people"), ["name", "role"])
table(profile.products, t("firm_products"), ["name", "kind"])
table(profile.partners, t("firm_partners"), ["name", "label", "kind"])
sources_table(profile.sources)

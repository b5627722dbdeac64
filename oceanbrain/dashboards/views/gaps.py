"""缺链补链 Gap analysis: verdicts per segment for a scope and chain, with evidence."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from oceanbrain.dashboards.i18n import column_names, risk_name, stage_name, t
from oceanbrain.dashboards.leads import lead_frame, show_leads
from oceanbrain.dashboards.state import cached, get_store, pick_scope_and_chain
from oceanbrain.graph.analysis import GapReport, analyse_chain
from oceanbrain.graph.analysis.views import firm_evidence

st.title(t("nav_gaps"))
st.caption(t("gaps_caption"))
store = get_store()
picked = pick_scope_and_chain(store)
if picked is None:
    st.stop()
scope, chain, chain_name = picked
report: GapReport = cached(store, analyse_chain, chain, scope)

counts = {
    v: sum(1 for s in report.segments if s.verdict == v) for v in ("missing", "weak", "strong")
}
st.subheader(f"{scope.name} · {chain_name}")
st.markdown(t("verdict_counts", m=counts["missing"], w=counts["weak"], s=counts["strong"]))
limits = report.thresholds
st.caption(
    t(
        "thresholds",
        missing=limits.missing_max_firms,
        weak=limits.weak_min_firms,
        lq=limits.weak_max_lq,
        hhi=limits.concentration_hhi,
    )
)

rows = report.table()
for row in rows:
    row["stage"] = stage_name(row["stage"])
    row["risks"] = "、".join(risk_name(k) for k in row["risks"].split(",") if k)
columns = [
    "name_zh",
    "stage",
    "verdict_zh",
    "firms",
    "leaders",
    "high_tech",
    "institutions",
    "talent",
    "projects",
    "national_firms",
    "location_quotient",
    "risks",
    "reasons_zh",
]
frame = pd.DataFrame(rows)[columns].rename(columns=column_names(columns))
st.dataframe(frame, hide_index=True, width="stretch")

st.subheader(t("risks"))
if report.risks:
    for risk in report.risks:
        st.markdown(f"- **{risk_name(risk.kind)}** · {risk.reason_zh}")
else:
    st.info(t("no_risks"))

st.subheader(t("drill"))
segment = st.selectbox(
    t("drill"),
    report.segments,
    format_func=lambda s: f"{s.name_zh}（{s.verdict_zh}）",
    key="drill_segment",
    label_visibility="collapsed",
)
st.caption("；".join(segment.reasons_zh))
evidence = cached(store, firm_evidence, segment.evidence["firm_ids"])
if evidence:
    shown = pd.DataFrame(evidence)[["name", "district", "city", "role", "source_urls"]]
    shown["source_urls"] = shown["source_urls"].map(lambda urls: " ".join(urls))
    st.markdown(f"**{t('evidence_firms')}**")
    st.dataframe(
        shown.rename(columns=column_names(list(shown.columns))), hide_index=True, width="stretch"
    )
else:
    st.info(t("no_local_firms"))

if segment.verdict in ("missing", "weak"):
    st.subheader(t("segment_leads", name=segment.name_zh))
    leads = lead_frame(store, chain, scope, (segment.segment,), 50)
    if leads.empty:
        st.info(t("no_leads_segment"))
    else:
        show_leads(leads, "gap_leads", file_stem=f"招商线索-{scope.name}-{segment.name_zh}")

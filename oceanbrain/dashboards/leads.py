"""招商线索 tables shared by the targets page and the gap page's drill-down."""

from __future__ import annotations

import io
from dataclasses import replace

import pandas as pd
import streamlit as st

from oceanbrain.dashboards.i18n import column_names, t
from oceanbrain.dashboards.state import cached
from oceanbrain.graph.analysis import Scope, analyse_chain
from oceanbrain.graph.analysis.targets import recommend_targets
from oceanbrain.graph.analysis.views import firm_facts
from oceanbrain.graph.store import GraphStore

POOL = 200  # leads per scope, chain and segment choice; the other filters apply to this pool
LEAD_COLUMNS = [
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
SIZE_BUCKETS = ("large", "medium", "small", "unknown")


def size_bucket(capital: object) -> str:
    """By registered capital: ≥ 1亿元 large, ≥ 1000万元 medium, else small; none: unknown."""
    try:
        value = float(capital)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return "unknown"
    if value != value:  # NaN
        return "unknown"
    if value >= 1e8:
        return "large"
    if value >= 1e7:
        return "medium"
    return "small"


def _leads(
    store: GraphStore, chain: str, scope: Scope, segments: tuple[str, ...], top: int
) -> list[dict[str, object]]:
    report = cached(store, analyse_chain, chain, scope)
    if segments:  # rank only the chosen segments' candidates
        report = replace(report, segments=[s for s in report.segments if s.segment in segments])
    leads = [lead.row() for lead in recommend_targets(store, report, top=top)]
    facts = {r["firm_id"]: r for r in firm_facts(store, sorted({r["firm_id"] for r in leads}))}
    for row in leads:
        fact = facts.get(str(row["firm_id"]), {})
        row["province"] = fact.get("province") or ""
        row["high_tech"] = bool(fact.get("high_tech"))
        row["specialised"] = bool(fact.get("specialised"))
        row["size"] = size_bucket(fact.get("capital_cny"))
    return leads


def lead_frame(
    store: GraphStore,
    chain: str,
    scope: Scope,
    segments: tuple[str, ...] = (),
    top: int = POOL,
) -> pd.DataFrame:
    """Leads for the scope's 缺链/弱链 segments (or only ``segments``), best first."""
    rows = cached(store, _leads, chain, scope, tuple(sorted(segments)), top)
    frame = pd.DataFrame(rows)
    if frame.empty:
        return pd.DataFrame(columns=[*LEAD_COLUMNS, "segment", "province", "high_tech", "size"])
    return frame


def excel_bytes(frame: pd.DataFrame, sheet: str = "招商线索") -> bytes:
    buffer = io.BytesIO()
    frame.to_excel(buffer, sheet_name=sheet, index=False)
    return buffer.getvalue()


def show_leads(frame: pd.DataFrame, key: str, file_stem: str = "招商线索") -> None:
    """The ranked table in the chosen language, with Excel and CSV downloads."""
    shown = frame[LEAD_COLUMNS].rename(columns=column_names(LEAD_COLUMNS))
    st.dataframe(shown, hide_index=True, width="stretch", key=f"{key}_table")
    left, right = st.columns(2)
    left.download_button(
        t("download_xlsx"),
        excel_bytes(shown),
        file_name=f"{file_stem}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"{key}_xlsx",
    )
    right.download_button(
        t("download_csv"),
        shown.to_csv(index=False).encode("utf-8-sig"),
        file_name=f"{file_stem}.csv",
        mime="text/csv",
        key=f"{key}_csv",
    )

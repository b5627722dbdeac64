"""数据更新 Data: ingest runs with rejects, the "what changed" report, and the review queue."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from oceanbrain import settings
from oceanbrain.dashboards.i18n import column_names, language, role_name, t
from oceanbrain.dashboards.state import current_user, get_store
from oceanbrain.errors import OceanBrainError
from oceanbrain.graph.changes import SECTION_TITLES, ChangeReport, changes_since, list_runs
from oceanbrain.graph.review import decide, pending_reviews, review_counts

REVIEW_KINDS = ("same_entity", "segment_link", "candidate")

st.title(t("nav_data"))
st.caption(t("data_caption"))
store = get_store()
user = current_user()


def run_totals(counts: dict[str, Any]) -> dict[str, int]:
    """created / updated / unchanged / expired / rejected summed over labels and rel types."""
    totals = dict.fromkeys(("created", "updated", "unchanged", "expired", "rejected"), 0)
    for key, bucket in per_label(counts).items():
        if not isinstance(bucket, dict):
            continue
        if key == "rejected_rows":
            totals["rejected"] += sum(int(v) for v in bucket.values() if isinstance(v, int))
            continue
        for name in totals:
            value = bucket.get(name)
            if isinstance(value, int):
                totals[name] += value
        if isinstance(bucket.get("written"), int):  # canonical loads count written rels
            totals["updated"] += int(bucket["written"])
    return totals


def per_label(counts: dict[str, Any]) -> dict[str, Any]:
    """The per-label counts of a run: ``totals`` of the ingest job, or the older flat form."""
    totals = counts.get("totals")
    return totals if isinstance(totals, dict) else counts


def rejects_file(run_id: str) -> Path:
    return Path(str(settings.get("dashboard_reports_dir"))) / (
        run_id.replace(":", "-") + "-rejects.csv"
    )


# --- ingest runs ------------------------------------------------------------------------------
st.subheader(t("runs"))
runs: list[dict[str, Any]] = list_runs(store, limit=50)
if not runs:
    st.info(t("freshness_none"))
if runs:
    table = pd.DataFrame(
        [
            {
                "run": r["id"],
                "started_at": str(r.get("started_at") or "")[:19],
                "finished_at": str(r.get("finished_at") or "")[:19],
                "run_status": r.get("status") or "",
                **run_totals(r.get("counts") or {}),
            }
            for r in runs
        ]
    )
    st.dataframe(
        table.rename(columns=column_names(list(table.columns))),
        hide_index=True,
        width="stretch",
        key="runs_table",
    )
    picked = st.selectbox(t("run_detail"), [r["id"] for r in runs], key="run_pick", format_func=str)
    run = next(r for r in runs if r["id"] == picked)
    with st.expander(t("run_counts")):
        counts = per_label(run.get("counts") or {})
        detail = pd.DataFrame(
            [
                {"label": key, **bucket}
                for key, bucket in counts.items()
                if isinstance(bucket, dict) and key != "rejected_rows"
            ]
        )
        if not detail.empty:
            detail = detail.fillna(0).rename(columns=column_names(list(detail.columns)))
            st.dataframe(detail, hide_index=True, width="stretch", key="run_counts")
        errors = (run.get("counts") or {}).get("errors")
        if isinstance(errors, dict):
            for source, message in errors.items():
                st.error(f"{source}: {message}")
        else:
            st.caption(t("no_rows"))
    path = rejects_file(str(picked))
    if path.is_file():
        data = path.read_bytes()
        rejects = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
        st.markdown(t("rejects_found", n=len(rejects)))
        st.dataframe(rejects.head(200), hide_index=True, width="stretch", key="rejects_table")
        st.download_button(
            t("download_rejects"), data, file_name=path.name, mime="text/csv", key="rejects_csv"
        )
    else:
        st.caption(t("no_rejects_file", path=str(path)))

# --- what changed -----------------------------------------------------------------------------
st.subheader(t("what_changed"))
if not runs:
    st.info(t("freshness_none"))
else:
    ids = [r["id"] for r in runs]
    since = st.selectbox(t("changes_since"), ids, index=min(1, len(ids) - 1), key="changes_since")
    report: ChangeReport | None
    try:
        report = changes_since(store, since)
    except OceanBrainError as exc:
        st.error(str(exc))
        report = None
    if report is not None:
        sections = report.sections()
        if report.is_empty():
            st.info(t("no_changes", run=since))
        buffer = io.BytesIO()
        with pd.ExcelWriter(buffer) as writer:
            for name, rows in sections.items():
                title = SECTION_TITLES.get(name, (name, name))
                label = title[0] if language() == "zh" else title[1]
                st.markdown(f"**{label}** · {len(rows)}")
                frame = pd.DataFrame(rows)
                if not frame.empty:
                    st.dataframe(frame, hide_index=True, width="stretch", key=f"changes_{name}")
                frame.to_excel(writer, sheet_name=title[0][:31], index=False)
        st.download_button(
            t("download_xlsx"),
            buffer.getvalue(),
            file_name="变化报告.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key="changes_xlsx",
        )

# --- review queue -----------------------------------------------------------------------------
st.subheader(t("review_queue"))
if not user.can("editor"):
    st.warning(t("role_required", role=role_name("editor"), have=role_name(user.role)))
    st.stop()

flash = st.session_state.pop("review_flash", None)
if flash:
    st.success(flash)
counts = review_counts(store)
cols = st.columns(len(REVIEW_KINDS))
for col, kind in zip(cols, REVIEW_KINDS, strict=True):
    col.metric(t(f"review_{kind}"), counts.get(kind, 0))
kind = st.radio(
    t("review_kind"),
    REVIEW_KINDS,
    format_func=lambda k: t(f"review_{k}"),
    horizontal=True,
    key="review_kind",
)
items = pending_reviews(store, kind=kind, limit=200)
if not items:
    st.info(t("review_empty"))
    st.stop()
frame = pd.DataFrame([item.row() for item in items])
shown = frame[["subject_name", "object_name", "score", "evidence"]]
st.dataframe(
    shown.rename(columns=column_names(list(shown.columns))),
    hide_index=True,
    width="stretch",
    key="review_table",
)
by_id = {item.id: item for item in items}
chosen = st.selectbox(
    t("review_pick"),
    list(by_id),
    format_func=lambda i: f"{by_id[i].subject_name} ⇄ {by_id[i].object_name}",
    key="review_item",
)
item = by_id[chosen]
st.caption(f"{t('review_evidence')}: {item.evidence or '—'}")
accept_label, reject_label = (
    (t("review_same"), t("review_not_same"))
    if kind == "same_entity"
    else (t("review_accept"), t("review_reject"))
)
left, right = st.columns(2)
decision = None
if left.button(accept_label, key="review_accept", type="primary"):
    decision = "accept"
if right.button(reject_label, key="review_reject"):
    decision = "reject"
if decision is not None:
    when = datetime.now(UTC).isoformat(timespec="seconds")
    try:
        decide(store, item.id, item.kind, decision, user.name, when)
    except OceanBrainError as exc:
        st.error(str(exc))
    else:
        st.cache_data.clear()  # a decision changes segment links: recompute every page
        st.session_state["review_flash"] = t(
            "review_done",
            item=f"{item.subject_name} ⇄ {item.object_name}",
            decision=accept_label if decision == "accept" else reject_label,
            by=user.name,
            at=when,
        )
        st.rerun()

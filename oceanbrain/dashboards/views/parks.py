"""园区画像 Park profile: a park's facts, its focus chains' coverage, firms, institutions,
projects and sources."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from oceanbrain.dashboards.i18n import column_names, stage_name, t
from oceanbrain.dashboards.state import cached, get_store
from oceanbrain.dashboards.widgets import sources_table
from oceanbrain.errors import OceanBrainError
from oceanbrain.graph.analysis.profiles import park_profile
from oceanbrain.graph.analysis.views import scope_choices

st.title(t("nav_parks"))
st.caption(t("parks_caption"))
store = get_store()
parks = [s for s in cached(store, scope_choices) if s["kind"] == "park"]
if not parks:
    st.info(t("empty_graph"))
    st.stop()
# 青岛蓝谷 first when present: the park staff ask about most.
parks.sort(key=lambda p: (p["name"] != "青岛蓝谷", p["name"]))
park = st.selectbox(t("park"), parks, format_func=lambda p: p["name"], key="park_choice")
try:
    profile = cached(store, park_profile, park["id"])
except OceanBrainError as exc:
    st.error(str(exc))
    st.stop()

info = profile.info
st.subheader(profile.name + (f" · {info['name_en']}" if info.get("name_en") else ""))
facts = [
    f"{t('park_kind')}: {info.get('kind') or '—'}",
    f"{t('district')}: {info.get('district') or '、'.join(info.get('regions') or []) or '—'}",
]
if info.get("area_km2"):
    facts.append(f"{t('area_km2')}: {info['area_km2']}")
if info.get("aliases"):
    facts.append(f"{t('aliases')}: {'、'.join(info['aliases'])}")
st.caption(" · ".join(facts))
if info.get("notes"):
    st.markdown(str(info["notes"]))

cols = st.columns(3)
cols[0].metric(t("firms_in_park"), len(profile.firms))
cols[1].metric(t("institutions_in_park"), len(profile.institutions))
cols[2].metric(t("projects_in_park"), len(profile.projects))

st.subheader(t("park_coverage"))
coverage = pd.DataFrame(profile.coverage_table())
if coverage.empty:
    st.info(t("no_rows"))
else:
    shown = coverage[["chain_zh", "focus_zh", "covered", "segments", "coverage", "missing_zh"]]
    st.dataframe(
        shown.rename(columns=column_names(list(shown.columns))),
        hide_index=True,
        width="stretch",
        column_config={
            column_names(["coverage"])["coverage"]: st.column_config.ProgressColumn(
                min_value=0.0, max_value=1.0, format="percent"
            )
        },
    )
    segments = pd.DataFrame(profile.segment_table())
    if not segments.empty:
        with st.expander(t("park_segments")):
            segments["stage"] = segments["stage"].map(stage_name)
            segments["firm_names"] = segments["firm_names"].map("、".join)
            seg_shown = segments[
                ["chain", "name_zh", "stage", "firms", "institutions", "projects", "firm_names"]
            ]
            st.dataframe(
                seg_shown.rename(columns=column_names(list(seg_shown.columns))),
                hide_index=True,
                width="stretch",
            )


def member_table(rows: list[dict[str, object]], title: str) -> None:
    st.markdown(f"**{title}** · {len(rows)}")
    if not rows:
        return
    frame = pd.DataFrame(rows)
    frame["segments"] = frame["segments"].map(lambda s: "、".join(s))  # type: ignore[arg-type]
    frame = frame.rename(columns={"name": "entity_name"})
    shown = frame[[c for c in ("entity_name", "role", "segments") if c in frame.columns]]
    st.dataframe(
        shown.rename(columns=column_names(list(shown.columns))), hide_index=True, width="stretch"
    )


member_table(profile.firms, t("firms_in_park"))
member_table(profile.institutions, t("institutions_in_park"))
member_table(profile.projects, t("projects_in_park"))

sources_table(profile.sources)

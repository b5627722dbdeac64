"""Small display pieces shared by several pages."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from .i18n import column_names, t


def sources_table(sources: list[dict[str, Any]]) -> None:
    """The 来源 section of a profile: title, clickable URL and date of each source."""
    st.subheader(t("sources"))
    if not sources:
        st.caption(t("no_sources"))
        return
    src = pd.DataFrame(sources)[["title", "url", "retrieved"]]
    st.dataframe(
        src.rename(columns=column_names(list(src.columns))),
        hide_index=True,
        width="stretch",
        column_config={column_names(["url"])["url"]: st.column_config.LinkColumn()},
    )

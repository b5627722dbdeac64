"""Cypher 查询台 Console: read-only Cypher for analysts, with a row limit and a timeout."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from oceanbrain import settings
from oceanbrain.dashboards.i18n import t
from oceanbrain.dashboards.state import get_store
from oceanbrain.errors import QueryError, ReadOnlyViolation
from oceanbrain.graph.console import EXAMPLE_QUERY, parse_params, run_console_query

limit_default = int(settings.get_number("console_max_rows"))

st.title(t("nav_console"))
st.caption(t("console_caption", n=limit_default))

with st.form("console"):
    query = st.text_area(t("query"), value=EXAMPLE_QUERY, height=140, key="console_query")
    params_text = st.text_area(t("params"), value="", height=80, key="console_params")
    max_rows = st.number_input(
        t("max_rows"),
        min_value=1,
        max_value=limit_default,
        value=min(200, limit_default),
        key="console_max_rows",
    )
    submitted = st.form_submit_button(t("run"))

if submitted:
    store = get_store()
    try:
        params = parse_params(line for line in params_text.splitlines() if line.strip())
        result = run_console_query(store, query, params, max_rows=int(max_rows))
    except ReadOnlyViolation:
        st.warning(t("refused"))
    except QueryError as exc:
        st.error(t("query_error", msg=exc))
    else:
        if not result.rows:
            st.info(t("no_rows"))
        else:
            frame = pd.DataFrame.from_records(result.rows, columns=result.columns)
            st.caption(t("rows_shown", n=len(frame)))
            if result.truncated:
                st.warning(t("truncated", n=result.max_rows))
            st.dataframe(frame.astype(str), hide_index=True, width="stretch")
            st.download_button(
                t("download_csv"),
                frame.to_csv(index=False).encode("utf-8-sig"),
                file_name="oceanbrain-query.csv",
                mime="text/csv",
            )

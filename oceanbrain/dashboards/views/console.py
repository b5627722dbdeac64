"""Cypher 查询台 Console: saved queries with parameter forms (everyone) and free read-only
Cypher (analysts and editors), with a row limit and a timeout; node and path results drawn."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from oceanbrain import settings
from oceanbrain.dashboards.i18n import language, role_name, t
from oceanbrain.dashboards.network import display_value, has_graph, network_chart, network_from_rows
from oceanbrain.dashboards.state import current_user, get_store, has_role
from oceanbrain.errors import OceanBrainError, QueryError, ReadOnlyViolation
from oceanbrain.graph.analysis.saved import SavedQuery, list_saved, run_saved
from oceanbrain.graph.console import EXAMPLE_QUERY, ConsoleResult, parse_params, run_console_query

limit_default = int(settings.get_number("console_max_rows"))
timeout_s = settings.get_number("query_timeout_s")

st.title(t("nav_console"))
st.caption(t("console_caption", n=limit_default) + " " + t("console_timeout", s=timeout_s))


def show_result(result: ConsoleResult, key: str) -> None:
    if not result.rows:
        st.info(t("no_rows"))
        return
    frame = pd.DataFrame.from_records(result.rows, columns=result.columns)
    st.caption(t("rows_shown", n=len(frame)))
    if result.truncated:
        st.warning(t("truncated", n=result.max_rows))
    shown = frame.map(display_value)
    if has_graph(result.rows):
        table_tab, graph_tab = st.tabs([t("as_table"), t("as_graph")])
        with table_tab:
            st.dataframe(shown, hide_index=True, width="stretch", key=f"{key}_table")
        with graph_tab:
            net = network_from_rows(result.rows)
            st.caption(t("graph_counts", n=len(net.nodes), e=len(net.edges)))
            st.altair_chart(
                network_chart(net, kind_title=t("label"), edge_title=t("relation")),
                width="stretch",
                key=f"{key}_graph",
            )
    else:
        st.dataframe(shown, hide_index=True, width="stretch", key=f"{key}_table")
    st.download_button(
        t("download_csv"),
        shown.to_csv(index=False).encode("utf-8-sig"),
        file_name="oceanbrain-query.csv",
        mime="text/csv",
        key=f"{key}_csv",
    )


def run_guarded(run: Callable[[], ConsoleResult]) -> ConsoleResult | None:
    """Run a query callable; writes are refused, errors are messages, never a traceback."""
    try:
        result = run()
    except ReadOnlyViolation:
        st.warning(t("refused"))
    except QueryError as exc:
        st.error(t("query_error", msg=exc))
    except OceanBrainError as exc:
        st.error(t("query_error", msg=exc))
    else:
        return result
    return None


# --- saved queries ----------------------------------------------------------------------------
st.subheader(t("saved_queries"))
saved = list_saved()


def saved_title(q: SavedQuery) -> str:
    return f"{q.name} · {q.description_zh if language() == 'zh' else q.description_en}"


chosen = st.selectbox(t("saved_pick"), saved, format_func=saved_title, key="saved_choice")
if chosen is not None:
    with st.expander(t("saved_cypher")):
        st.code(chosen.cypher, "cypher")
        for example in chosen.examples:
            st.caption(example)
    with st.form("saved_form"):
        values: dict[str, Any] = {}
        for param in chosen.params:
            values[param.name] = st.text_input(
                f"{param.name}（{param.type}）" + (" *" if param.required else ""),
                value="" if param.default is None else str(param.default),
                help=param.help,
                key=f"saved_param_{chosen.name}_{param.name}",
            )
        saved_rows = st.number_input(
            t("max_rows"), 1, limit_default, min(200, limit_default), key="saved_max_rows"
        )
        go = st.form_submit_button(t("run"))
    if go:
        store = get_store()
        given = {k: v for k, v in values.items() if str(v).strip() != ""}
        name = chosen.name
        result = run_guarded(lambda: run_saved(store, name, given, max_rows=int(saved_rows)))
        if result is not None:
            show_result(result, "saved")
    st.caption(t("saved_required"))

# --- free Cypher ------------------------------------------------------------------------------
st.subheader(t("free_cypher"))
if not has_role("analyst"):
    st.warning(t("role_required", role=role_name("analyst"), have=role_name(current_user().role)))
    st.stop()
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
    result = run_guarded(
        lambda: run_console_query(
            store,
            query,
            parse_params(line for line in params_text.splitlines() if line.strip()),
            max_rows=int(max_rows),
        )
    )
    if result is not None:
        show_result(result, "free")

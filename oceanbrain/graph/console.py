"""Read-only query running for people: the CLI's ``query`` and the dashboard console.

The engine enforces read-only mode; this module adds the row limit, the timeout, and the
parsing of ``key=value`` parameters typed by a person.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from oceanbrain import settings
from oceanbrain.errors import QueryError
from oceanbrain.graph.cypher import identifier
from oceanbrain.graph.store import GraphStore, Row

EXAMPLE_QUERY = (
    "MATCH (f:Firm)-[:IN_SEGMENT]->(s:Segment)\n"
    "WHERE f.city = '青岛市'\n"
    "RETURN s.name_zh AS segment, count(f) AS firms\n"
    "ORDER BY firms DESC LIMIT 25"
)


@dataclass(frozen=True)
class ConsoleResult:
    rows: list[Row]
    columns: list[str]
    truncated: bool
    max_rows: int


def parse_params(pairs: Iterable[str]) -> dict[str, Any]:
    """``["name=青岛", "n=5", 'ids=["a","b"]']`` → parameters; values are JSON if they parse."""
    params: dict[str, Any] = {}
    for pair in pairs:
        key, sep, raw = pair.partition("=")
        if not sep:
            raise QueryError(f"parameter {pair!r} is not of the form name=value")
        key = identifier(key.strip(), "parameter name")
        try:
            params[key] = json.loads(raw)
        except json.JSONDecodeError:
            params[key] = raw
    return params


def run_console_query(
    store: GraphStore,
    query: str,
    params: dict[str, Any] | None = None,
    *,
    max_rows: int | None = None,
    timeout_s: float | None = None,
) -> ConsoleResult:
    """Run ``query`` read-only with a row limit and a timeout (settings by default)."""
    if not query.strip():
        raise QueryError(
            "the query is empty; type a Cypher query such as MATCH (n) RETURN n LIMIT 5"
        )
    limit = int(max_rows if max_rows is not None else settings.get_number("console_max_rows"))
    timeout = timeout_s if timeout_s is not None else settings.get_number("query_timeout_s")
    rows, truncated = store.read_head(query, params or {}, max_rows=limit, timeout_s=timeout)
    columns: list[str] = []
    for row in rows:
        columns.extend(k for k in row if k not in columns)
    return ConsoleResult(rows, columns, truncated, limit)

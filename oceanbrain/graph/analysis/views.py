"""Small read helpers the dashboards need around gap analysis (choices and drill-down)."""

from __future__ import annotations

from typing import Any

from oceanbrain.graph.analysis import queries as q
from oceanbrain.graph.store import GraphStore

QINGDAO = "region:中国/山东省/青岛市"


def scope_choices(store: GraphStore) -> list[dict[str, str]]:
    """青岛市 first, then its districts, then the parks: what staff pick a scope from."""
    regions = store.read(q.SCOPE_REGIONS, city=QINGDAO, city_prefix=QINGDAO + "/")
    parks = store.read(q.SCOPE_PARKS)
    return [{"id": r["id"], "name": r["name"], "kind": "region"} for r in regions] + [
        {"id": p["id"], "name": p["name"], "kind": "park"} for p in parks
    ]


def chain_choices(store: GraphStore) -> list[dict[str, str]]:
    return store.read(q.CHAINS)


def firm_evidence(store: GraphStore, ids: list[str]) -> list[dict[str, Any]]:
    """The firms behind a verdict, with the web sources that state them."""
    if not ids:
        return []
    return store.read(q.FIRM_EVIDENCE, ids=ids)

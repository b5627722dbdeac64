"""Idempotent, provenance-carrying writes: MERGE nodes by key and relationships by endpoints.

Rows come from ingest as plain dicts:
  node rows: {id, props, sources, run, observed, confidence}
  relationship rows: {from, to, props, sources, run, observed, confidence}
``first_seen_run`` is set when a fact is created, ``last_seen_run`` every time it is seen.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from oceanbrain.errors import SchemaError
from oceanbrain.graph.cypher import identifier
from oceanbrain.graph.store import GraphStore


def _provenance_set(var: str) -> str:
    return (
        f"ON CREATE SET {var}.first_seen_run = r.run "
        f"SET {var} += r.props, {var}.last_seen_run = r.run, {var}.sources = r.sources, "
        f"{var}.observed = r.observed, {var}.confidence = r.confidence"
    )


def upsert_nodes_query(store: GraphStore, label: str) -> str:
    node = store.schema.node(label)
    return (
        f"UNWIND $rows AS r MERGE (n:{identifier(label)} {{{node.key}: r.id}}) "
        + _provenance_set("n")
    )


def upsert_relationships_query(store: GraphStore, rel_type: str, source: str, target: str) -> str:
    rel = next((r for r in store.schema.relationships if r.type == rel_type), None)
    if rel is None or source not in rel.sources or target not in rel.targets:
        raise SchemaError(f"the schema has no relationship (:{source})-[:{rel_type}]->(:{target})")
    a, b = store.schema.node(source), store.schema.node(target)
    return (
        f"UNWIND $rows AS r "
        f"MATCH (a:{identifier(source)} {{{a.key}: r.from}}) "
        f"MATCH (b:{identifier(target)} {{{b.key}: r.to}}) "
        f"MERGE (a)-[e:{identifier(rel_type)}]->(b) " + _provenance_set("e")
    )


def existing_ids_query(store: GraphStore, label: str) -> str:
    key = store.schema.node(label).key
    return f"UNWIND $ids AS id MATCH (n:{identifier(label)} {{{key}: id}}) RETURN count(n) AS n"


def upsert_nodes(
    store: GraphStore, label: str, rows: list[dict[str, Any]], run: str, batch_size: int = 1000
) -> tuple[int, int]:
    """Write node rows; returns (created, already present)."""
    if not rows:
        return 0, 0
    present = int(store.read(existing_ids_query(store, label), ids=[r["id"] for r in rows])[0]["n"])
    store.write_batches(upsert_nodes_query(store, label), _with_run(rows, run), batch_size)
    return len(rows) - present, present


def upsert_relationships(
    store: GraphStore,
    rel_type: str,
    source: str,
    target: str,
    rows: list[dict[str, Any]],
    run: str,
    batch_size: int = 1000,
) -> int:
    if not rows:
        return 0
    query = upsert_relationships_query(store, rel_type, source, target)
    return store.write_batches(query, _with_run(rows, run), batch_size)


def _with_run(rows: Iterable[dict[str, Any]], run: str) -> Iterable[dict[str, Any]]:
    for row in rows:
        yield {**row, "run": run}


START_RUN = (
    "MERGE (r:IngestRun {id: $id}) SET r.started_at = $started_at, r.status = 'running', "
    "r.config = $config"
)
FINISH_RUN = (
    "MATCH (r:IngestRun {id: $id}) SET r.finished_at = $finished_at, r.status = $status, "
    "r.counts = $counts"
)
LINK_RUN_SOURCES = (
    "MATCH (r:IngestRun {id: $id}) UNWIND $sources AS sid MATCH (s:Source {id: sid}) "
    "MERGE (r)-[:FROM_SOURCE]->(s)"
)


def start_run(store: GraphStore, run_id: str, started_at: str, config: str) -> None:
    store.write(START_RUN, id=run_id, started_at=started_at, config=config)


def finish_run(
    store: GraphStore, run_id: str, finished_at: str, status: str, counts: str, sources: list[str]
) -> None:
    store.write(FINISH_RUN, id=run_id, finished_at=finished_at, status=status, counts=counts)
    store.write(LINK_RUN_SOURCES, id=run_id, sources=sources)

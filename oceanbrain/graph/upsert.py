"""Idempotent, provenance-carrying writes: MERGE nodes by key and relationships by endpoints.

Rows come from ingest as plain dicts:
  node rows: {id, props, sources, observed, confidence}
  relationship rows: {from, to, props, sources, observed, confidence}
``first_seen_run`` is set when a fact is created, ``last_seen_run`` every time it is written.
``sources`` is the union of every source that ever stated the fact, so two sources writing the
same firm never overwrite each other's provenance.

Change tracking (see docs/operations.md): each fact keeps ``row_hashes``, a list of
``<source tag>=<hash of the normalised source row>`` entries, one per source. Ingest reads them
first (:func:`node_hashes`, :func:`relationship_hashes`) and writes only rows whose hash changed.
Relationships a full refresh no longer sees are marked ``expired = true`` (never deleted); a
relationship written again loses the mark.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from oceanbrain.errors import SchemaError
from oceanbrain.graph.cypher import identifier
from oceanbrain.graph.store import GraphStore

HASH_BATCH = 5000  # ids per hash read


def sources_union(var: str, new: str) -> str:
    """Cypher for ``var.sources`` with the sources in the list expression ``new`` added once."""
    return f"[x IN coalesce({var}.sources, []) WHERE NOT x IN {new}] + {new}"


def _provenance_set(var: str, relationship: bool = False) -> str:
    unexpire = f", {var}.expired = null, {var}.expired_run = null" if relationship else ""
    return (
        f"ON CREATE SET {var}.first_seen_run = r.run "
        f"SET {var} += r.props, {var}.last_seen_run = r.run, "
        f"{var}.sources = {sources_union(var, 'r.sources')}, "
        f"{var}.observed = r.observed, {var}.confidence = r.confidence" + unexpire
    )


def _rel_schema(store: GraphStore, rel_type: str, source: str, target: str) -> tuple[str, str]:
    rel = next((r for r in store.schema.relationships if r.type == rel_type), None)
    if rel is None or source not in rel.sources or target not in rel.targets:
        raise SchemaError(f"the schema has no relationship (:{source})-[:{rel_type}]->(:{target})")
    return store.schema.node(source).key, store.schema.node(target).key


def upsert_nodes_query(store: GraphStore, label: str) -> str:
    node = store.schema.node(label)
    return (
        f"UNWIND $rows AS r MERGE (n:{identifier(label)} {{{node.key}: r.id}}) "
        + _provenance_set("n")
    )


def upsert_relationships_query(store: GraphStore, rel_type: str, source: str, target: str) -> str:
    a_key, b_key = _rel_schema(store, rel_type, source, target)
    return (
        f"UNWIND $rows AS r "
        f"MATCH (a:{identifier(source)} {{{a_key}: r.from}}) "
        f"MATCH (b:{identifier(target)} {{{b_key}: r.to}}) "
        f"MERGE (a)-[e:{identifier(rel_type)}]->(b) " + _provenance_set("e", relationship=True)
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
    write_nodes(store, label, rows, run, batch_size)
    return len(rows) - present, present


def write_nodes(
    store: GraphStore, label: str, rows: Iterable[dict[str, Any]], run: str, batch_size: int = 1000
) -> int:
    return store.write_batches(upsert_nodes_query(store, label), _with_run(rows, run), batch_size)


def upsert_relationships(
    store: GraphStore,
    rel_type: str,
    source: str,
    target: str,
    rows: Iterable[dict[str, Any]],
    run: str,
    batch_size: int = 1000,
) -> int:
    query = upsert_relationships_query(store, rel_type, source, target)
    return store.write_batches(query, _with_run(rows, run), batch_size)


def _with_run(rows: Iterable[dict[str, Any]], run: str) -> Iterable[dict[str, Any]]:
    for row in rows:
        yield {**row, "run": run}


# -- change tracking ------------------------------------------------------------------------------
def node_hashes(
    store: GraphStore, label: str, ids: list[str], props: tuple[str, ...] = ()
) -> dict[str, dict[str, Any]]:
    """id → {"row_hashes": [...], <props>} for the ids that exist (absent ids are new)."""
    key = identifier(store.schema.node(label).key)
    extra = "".join(f", n.{identifier(p)} AS {identifier(p)}" for p in props)
    query = (
        f"UNWIND $ids AS id MATCH (n:{identifier(label)} {{{key}: id}}) "
        f"RETURN n.{key} AS id, n.row_hashes AS row_hashes{extra}"
    )
    found: dict[str, dict[str, Any]] = {}
    for start in range(0, len(ids), HASH_BATCH):
        for row in store.read(query, ids=ids[start : start + HASH_BATCH]):
            found[row.pop("id")] = row
    return found


def relationship_hashes(
    store: GraphStore, rel_type: str, source: str, target: str, pairs: list[tuple[str, str]]
) -> dict[tuple[str, str], dict[str, Any]]:
    """(from, to) → {"row_hashes", "expired"} for the relationships that exist."""
    a_key, b_key = _rel_schema(store, rel_type, source, target)
    query = (
        f"UNWIND $rows AS r MATCH (a:{identifier(source)} {{{a_key}: r.f}})"
        f"-[e:{identifier(rel_type)}]->(b:{identifier(target)} {{{b_key}: r.t}}) "
        "RETURN r.f AS f, r.t AS t, e.row_hashes AS row_hashes, e.expired AS expired"
    )
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for start in range(0, len(pairs), HASH_BATCH):
        rows = [{"f": f, "t": t} for f, t in pairs[start : start + HASH_BATCH]]
        for row in store.read(query, rows=rows):
            found[(row.pop("f"), row.pop("t"))] = row
    return found


# -- enterprise-export firms: one statement per batch ----------------------------------------
def _shared_provenance(var: str) -> str:
    """Provenance from batch-wide parameters ($run, $sources) instead of per-row fields."""
    return (
        f"ON CREATE SET {var}.first_seen_run = $run "
        f"SET {var}.last_seen_run = $run, "
        f"{var}.sources = {sources_union(var, '$sources')}"
    )


# A reviewer's decision on a segment link (``e.review``, set by graph.review) outlives later
# writes of the same link: an accepted link is not flagged again, a rejected one stays expired.
EXPORT_FIRMS = (
    "UNWIND $rows AS r "
    "MERGE (f:Firm {id: r.id}) "
    + _shared_provenance("f")
    + ", f += r.props, f.observed = true, f.confidence = 1.0, f.row_hashes = r.hashes "
    "FOREACH (rid IN r.region | MERGE (g:Region {id: rid}) MERGE (f)-[e:LOCATED_IN]->(g) "
    + _shared_provenance("e")
    + ", e.observed = true, e.confidence = 1.0, e.expired = null, e.expired_run = null) "
    "FOREACH (s IN r.segments | MERGE (g:Segment {id: s.id}) MERGE (f)-[e:IN_SEGMENT]->(g) "
    + _shared_provenance("e")
    + ", e.observed = false, e.confidence = s.confidence, e.evidence = s.evidence, "
    "e.method = s.method, "
    "e.needs_review = CASE WHEN e.review IS NULL THEN s.needs_review ELSE false END, "
    "e.expired = CASE WHEN e.review = 'reject' THEN true ELSE null END, "
    "e.expired_run = CASE WHEN e.review = 'reject' THEN e.expired_run ELSE null END)"
)


# The same for firms not in the graph yet (the bulk of a first load): CREATE skips the lookups
# MERGE makes. Only for ids just read as absent, under the ingest lock; the Firm.id uniqueness
# constraint refuses a duplicate rather than storing it.
_NEW_PROVENANCE = "first_seen_run: $run, last_seen_run: $run, sources: $sources"
EXPORT_NEW_FIRMS = (
    "UNWIND $rows AS r "
    "CREATE (f:Firm {id: r.id}) "
    "SET f += r.props, f.first_seen_run = $run, f.last_seen_run = $run, f.sources = $sources, "
    "f.observed = true, f.confidence = 1.0, f.row_hashes = r.hashes "
    "FOREACH (rid IN r.region | MERGE (g:Region {id: rid}) "
    f"CREATE (f)-[:LOCATED_IN {{{_NEW_PROVENANCE}, observed: true, confidence: 1.0}}]->(g)) "
    "FOREACH (s IN r.segments | MERGE (g:Segment {id: s.id}) "
    f"CREATE (f)-[:IN_SEGMENT {{{_NEW_PROVENANCE}, observed: false, confidence: s.confidence, "
    "evidence: s.evidence, method: s.method, needs_review: s.needs_review}]->(g))"
)


def write_export_firms(
    store: GraphStore,
    rows: Iterable[dict[str, Any]],
    run: str,
    sources: list[str],
    batch_size: int = 1000,
    *,
    new: bool = False,
) -> int:
    """Firms of an enterprise export with their LOCATED_IN and IN_SEGMENT links and row hash.

    Rows: {id, props, hashes, region: [region id] or [], segments: [{id, confidence,
    evidence, method, needs_review}]}. Each batch is one statement, so one transaction: a firm
    is never stored with its hash but without its links. The Region and Segment nodes must
    exist already (the caller writes regions first and keeps only known segment ids); the
    MERGE on them only finds them. ``new``: every row's firm is known to be absent.
    """
    query = EXPORT_NEW_FIRMS if new else EXPORT_FIRMS
    return store.write_batches(query, rows, batch_size, run=run, sources=sources)


def node_ids(store: GraphStore, label: str) -> set[str]:
    """Every key of ``label`` (for small labels: segments, regions)."""
    key = identifier(store.schema.node(label).key)
    return {r["id"] for r in store.read(f"MATCH (n:{identifier(label)}) RETURN n.{key} AS id")}


def stamp_node_hashes(
    store: GraphStore, label: str, rows: Iterable[dict[str, Any]], batch_size: int = 1000
) -> int:
    """Set ``row_hashes`` on nodes (rows: {id, hashes}) once everything a row implies is written."""
    key = identifier(store.schema.node(label).key)
    query = (
        f"UNWIND $rows AS r MATCH (n:{identifier(label)} {{{key}: r.id}}) "
        "SET n.row_hashes = r.hashes"
    )
    return store.write_batches(query, rows, batch_size)


def relationships_of_sources(store: GraphStore, source_ids: list[str]) -> list[dict[str, Any]]:
    """Live (not expired) relationships stating any of ``source_ids``: endpoints and type."""
    return store.read(
        "MATCH (a)-[e]->(b) WHERE e.expired IS NULL AND e.sources IS NOT NULL "
        "AND any(x IN e.sources WHERE x IN $sources) "
        "RETURN labels(a)[0] AS a_label, a.id AS a, type(e) AS type, labels(b)[0] AS b_label, "
        "b.id AS b",
        sources=source_ids,
    )


def expire_relationships(
    store: GraphStore,
    rel_type: str,
    source: str,
    target: str,
    pairs: list[tuple[str, str]],
    run: str,
    batch_size: int = 1000,
) -> int:
    """Mark these relationships ``expired = true`` (kept, not deleted)."""
    a_key, b_key = _rel_schema(store, rel_type, source, target)
    query = (
        f"UNWIND $rows AS r MATCH (a:{identifier(source)} {{{a_key}: r.f}})"
        f"-[e:{identifier(rel_type)}]->(b:{identifier(target)} {{{b_key}: r.t}}) "
        "SET e.expired = true, e.expired_run = r.run"
    )
    rows = ({"f": f, "t": t, "run": run} for f, t in pairs)
    return store.write_batches(query, rows, batch_size)


STALE_FIRM_RELS = (
    "UNWIND $ids AS id MATCH (a:Firm {id: id})-[e]->() "
    "WHERE $source IN e.sources AND e.expired IS NULL AND e.last_seen_run <> $run "
)


def stale_firm_relationships(
    store: GraphStore, firm_ids: list[str], source_id: str, run: str
) -> dict[str, int]:
    """Per type, live relationships of these firms stating ``source_id`` not written in ``run``."""
    counts: dict[str, int] = {}
    for start in range(0, len(firm_ids), HASH_BATCH):
        rows = store.read(
            STALE_FIRM_RELS + "RETURN type(e) AS type, count(e) AS n",
            ids=firm_ids[start : start + HASH_BATCH],
            source=source_id,
            run=run,
        )
        for row in rows:
            counts[row["type"]] = counts.get(row["type"], 0) + int(row["n"])
    return counts


def expire_stale_firm_relationships(
    store: GraphStore, firm_ids: list[str], source_id: str, run: str
) -> dict[str, int]:
    """Expire what :func:`stale_firm_relationships` finds; returns the counts per type."""
    counts = stale_firm_relationships(store, firm_ids, source_id, run)
    if counts:
        for start in range(0, len(firm_ids), HASH_BATCH):
            store.write(
                STALE_FIRM_RELS + "SET e.expired = true, e.expired_run = $run",
                ids=firm_ids[start : start + HASH_BATCH],
                source=source_id,
                run=run,
            )
    return counts


def firm_ids_of_source(store: GraphStore, source_id: str) -> list[str]:
    return [
        r["id"]
        for r in store.read(
            "MATCH (f:Firm) WHERE $source IN f.sources RETURN f.id AS id", source=source_id
        )
    ]


def mark_changed(store: GraphStore, label: str, rows: list[dict[str, Any]], run: str) -> None:
    """Record what changed in a node (rows: {id, changes: JSON text}) for the weekly diff."""
    key = identifier(store.schema.node(label).key)
    store.write_batches(
        f"UNWIND $rows AS r MATCH (n:{identifier(label)} {{{key}: r.id}}) "
        "SET n.changed_run = r.run, n.changes = r.changes",
        _with_run(rows, run),
    )


def source_token(store: GraphStore, source_id: str) -> str | None:
    """The token a source step left on its Source node when it last finished (see pipeline)."""
    rows = store.read("MATCH (s:Source {id: $id}) RETURN s.state_token AS token", id=source_id)
    return rows[0]["token"] if rows else None


def same_entity_decisions_since(store: GraphStore, since: str) -> int:
    """How many same-entity review decisions were made after ``since`` (ISO time)."""
    rows = store.read(
        "MATCH (j:Judgement) WHERE j.kind = 'same_entity' AND j.decided_at > $since "
        "RETURN count(j) AS n",
        since=since,
    )
    return int(rows[0]["n"]) if rows else 0


def set_source_token(store: GraphStore, source_id: str, token: str | None) -> None:
    store.write("MATCH (s:Source {id: $id}) SET s.state_token = $token", id=source_id, token=token)


# -- ingest runs ----------------------------------------------------------------------------------
START_RUN = (
    "MERGE (r:IngestRun {id: $id}) SET r.started_at = $started_at, r.status = 'running', "
    "r.config = $config, r.full = $full"
)
FINISH_RUN = (
    "MATCH (r:IngestRun {id: $id}) SET r.finished_at = $finished_at, r.status = $status, "
    "r.counts = $counts, r.seconds = $seconds"
)
LINK_RUN_SOURCES = (
    "MATCH (r:IngestRun {id: $id}) UNWIND $sources AS sid MATCH (s:Source {id: sid}) "
    "MERGE (r)-[:FROM_SOURCE]->(s)"
)
ABANDON_RUNS = (
    "MATCH (r:IngestRun) WHERE r.status = 'running' "
    "SET r.status = 'failed', r.finished_at = $finished_at, "
    "r.error = 'abandoned: the process ended before finishing (killed or crashed)'"
)


def start_run(
    store: GraphStore, run_id: str, started_at: str, config: str, full: bool = False
) -> None:
    store.write(START_RUN, id=run_id, started_at=started_at, config=config, full=full)


def finish_run(
    store: GraphStore,
    run_id: str,
    finished_at: str,
    status: str,
    counts: str,
    sources: list[str],
    seconds: float = 0.0,
) -> None:
    store.write(
        FINISH_RUN,
        id=run_id,
        finished_at=finished_at,
        status=status,
        counts=counts,
        seconds=round(seconds, 3),
    )
    if sources:
        store.write(LINK_RUN_SOURCES, id=run_id, sources=sources)


def abandon_running_runs(store: GraphStore, finished_at: str) -> None:
    """Runs still 'running' when a new run takes the lock were killed: mark them failed."""
    store.write(ABANDON_RUNS, finished_at=finished_at)

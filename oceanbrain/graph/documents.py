"""Documents in the graph: the NLP gazetteer export and the writes of document ingest.

Document ingest (``oceanbrain.ingest.documents``) extracts mentions and relations in Python and
hands them here as plain rows; this module owns the Cypher:

- ``(:Document {id: 'doc:<sha256 of content>'})`` with title, url, published, path, format;
- ``(:Document)-[:MENTIONS {start, end, text, type, evidence}]->(entity or :Candidate)``;
- ``(:Candidate {id, name, type, status: 'pending'})`` for mentions that matched no node;
- relationships between linked nodes (IN_PARK, SIGNED_WITH, LEADS …), one per document, with
  ``observed = false``, ``confidence``, ``doc_id``, ``evidence`` and its offsets.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from oceanbrain.errors import SchemaError
from oceanbrain.graph.cypher import identifier
from oceanbrain.graph.store import GraphStore

# labels whose nodes the NLP gazetteer links mentions to
GAZETTEER_LABELS = ("Firm", "Institution", "Park", "Person", "Project", "Product")


def _gazetteer_query(label: str, with_aliases: bool) -> str:
    aliases = "n.aliases" if with_aliases else "[]"
    return (
        f"MATCH (n:{identifier(label)}) WHERE n.name IS NOT NULL "
        f"RETURN n.id AS id, n.name AS name, {aliases} AS aliases"
    )


def gazetteer_rows(store: GraphStore) -> list[dict[str, Any]]:
    """``{id, label, name, aliases}`` for every node a text mention may link to."""
    rows: list[dict[str, Any]] = []
    for label in GAZETTEER_LABELS:
        props = {p.name for p in store.schema.node(label).properties}
        for row in store.read(_gazetteer_query(label, "aliases" in props)):
            rows.append({**row, "label": label, "aliases": row.get("aliases") or []})
    return rows


def export_gazetteer(store: GraphStore) -> dict[str, tuple[str, str]]:
    """The linking gazetteer: name or alias → (node id, label); shared forms are dropped."""
    from oceanbrain.nlp.link import gazetteer_mapping

    return {k: v for k, v in gazetteer_mapping(gazetteer_rows(store)).items() if v[0]}


DOCUMENT_EXISTS = "MATCH (d:Document {id: $id}) RETURN count(d) AS n"

UPSERT_SOURCE = (
    "MERGE (s:Source {id: $id}) SET s.kind = $kind, s.url = $url, s.title = $title, "
    "s.retrieved = $retrieved"
)

UPSERT_DOCUMENT = (
    "MERGE (d:Document {id: $id}) ON CREATE SET d.first_seen_run = $run "
    "SET d.title = $title, d.url = $url, d.published = $published, d.path = $path, "
    "d.format = $format, d.chars = $chars, d.sources = $sources, d.last_seen_run = $run, "
    "d.observed = true, d.confidence = 1.0"
)

UPSERT_CANDIDATES = (
    "UNWIND $rows AS r MERGE (c:Candidate {id: r.id}) "
    "ON CREATE SET c.name = r.name, c.type = r.type, c.status = 'pending', "
    "c.first_seen_run = r.run, c.sources = r.sources, c.observed = false, "
    "c.confidence = r.confidence "
    "SET c.last_seen_run = r.run, c.sources = CASE WHEN r.sources[0] IN c.sources "
    "THEN c.sources ELSE c.sources + r.sources END"
)


def _mentions_query(label: str) -> str:
    return (
        "UNWIND $rows AS r MATCH (d:Document {id: r.doc}) "
        f"MATCH (n:{identifier(label)} {{id: r.to}}) "
        "MERGE (d)-[m:MENTIONS {start: r.start, `end`: r.stop}]->(n) "
        "ON CREATE SET m.first_seen_run = r.run "
        "SET m.text = r.text, m.type = r.type, m.evidence = r.evidence, "
        "m.sources = r.sources, m.last_seen_run = r.run, m.observed = false, "
        "m.confidence = r.confidence"
    )


def _relation_query(store: GraphStore, rel_type: str, source: str, target: str) -> str:
    if not allowed(store, rel_type, source, target):
        raise SchemaError(f"the schema has no relationship (:{source})-[:{rel_type}]->(:{target})")
    return (
        f"UNWIND $rows AS r MATCH (a:{identifier(source)} {{id: r.from}}) "
        f"MATCH (b:{identifier(target)} {{id: r.to}}) "
        f"MERGE (a)-[e:{identifier(rel_type)} {{doc_id: r.doc}}]->(b) "
        "ON CREATE SET e.first_seen_run = r.run, e.evidence = r.evidence, "
        "e.evidence_start = r.evidence_start, e.evidence_end = r.evidence_end, "
        "e.sources = r.sources, e.observed = false, e.confidence = r.confidence "
        "SET e.last_seen_run = r.run"
    )


def allowed(store: GraphStore, rel_type: str, source: str, target: str) -> bool:
    """Whether the schema has ``(:source)-[:rel_type]->(:target)``."""
    rel = next((r for r in store.schema.relationships if r.type == rel_type), None)
    return rel is not None and source in rel.sources and target in rel.targets


def document_exists(store: GraphStore, doc_id: str) -> bool:
    return bool(store.read(DOCUMENT_EXISTS, id=doc_id)[0]["n"])


EXISTING_CANDIDATES = "UNWIND $ids AS id MATCH (c:Candidate {id: id}) RETURN c.id AS id"


def existing_candidates(store: GraphStore, ids: list[str]) -> set[str]:
    """Which of ``ids`` are already Candidate nodes."""
    if not ids:
        return set()
    return {row["id"] for row in store.read(EXISTING_CANDIDATES, ids=ids)}


def write_document(
    store: GraphStore,
    document: dict[str, Any],
    source: dict[str, Any],
    mentions: Iterable[dict[str, Any]],
    candidates: Iterable[dict[str, Any]],
    relations: Iterable[dict[str, Any]],
    run: str,
) -> dict[str, int]:
    """Write one document and what was extracted from it; returns counts per label/type.

    ``mentions`` rows: ``{to, label, start, stop, text, type, evidence, confidence}``;
    ``relations`` rows: ``{type, from, from_label, to, to_label, confidence, evidence,
    evidence_start, evidence_end}``. Every row is tied to ``document["id"]``.
    """
    doc_id = document["id"]
    sources = [source["id"]]
    store.write(UPSERT_SOURCE, **source)
    store.write(UPSERT_DOCUMENT, **document, sources=sources, run=run)
    counts: dict[str, int] = {"Document": 1}
    cand_rows = [{**c, "run": run, "sources": sources} for c in candidates]
    if cand_rows:
        store.write_batches(UPSERT_CANDIDATES, cand_rows)
        counts["Candidate"] = len(cand_rows)
    by_label: dict[str, list[dict[str, Any]]] = {}
    for m in mentions:
        row = {**m, "doc": doc_id, "run": run, "sources": sources}
        by_label.setdefault(m["label"], []).append(row)
    for label, rows in sorted(by_label.items()):
        store.write_batches(_mentions_query(label), rows)
        counts["MENTIONS"] = counts.get("MENTIONS", 0) + len(rows)
    by_type: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for r in relations:
        key = (r["type"], r["from_label"], r["to_label"])
        by_type.setdefault(key, []).append({**r, "doc": doc_id, "run": run, "sources": sources})
    for (rel_type, source_label, target_label), rows in sorted(by_type.items()):
        store.write_batches(_relation_query(store, rel_type, source_label, target_label), rows)
        counts[rel_type] = counts.get(rel_type, 0) + len(rows)
    return counts


TRACE_CHECK = """
MATCH (a)-[e]->(b) WHERE e.doc_id IS NOT NULL
OPTIONAL MATCH (d:Document {id: e.doc_id})
RETURN type(e) AS type, a.id AS from_id, b.id AS to_id, e.doc_id AS doc_id,
       d.id AS document, e.evidence AS evidence, e.evidence_start AS evidence_start,
       e.evidence_end AS evidence_end, e.observed AS observed, e.confidence AS confidence
ORDER BY type, from_id, to_id, doc_id
"""

MENTION_ROWS = """
MATCH (d:Document)-[m:MENTIONS]->(n)
RETURN d.id AS doc_id, n.id AS node_id, labels(n)[0] AS label, m.start AS start,
       m.`end` AS `end`, m.text AS text, m.type AS type, m.evidence AS evidence
ORDER BY doc_id, start, node_id
"""


def extracted_relations(store: GraphStore) -> list[dict[str, Any]]:
    """Every relationship written from text, with its Document (None if missing) and evidence."""
    return store.read(TRACE_CHECK)


def document_mentions(store: GraphStore) -> list[dict[str, Any]]:
    return store.read(MENTION_ROWS)

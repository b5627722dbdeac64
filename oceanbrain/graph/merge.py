"""Merging two Firm nodes a reviewer judged to be the same firm (审核: 同一企业).

The resolver honours a "same" judgement for rows read later, but the two nodes written before
the decision would otherwise both stay in the graph and be counted twice. :func:`merge_firms`
moves every relationship of the duplicate onto the survivor, keeps the duplicate's names as
aliases and its id in ``merged_ids``, unions the sources, and then deletes the duplicate.

A relationship the survivor already has (same type, same other end) keeps the survivor's
properties and gains the duplicate's sources; one between the two firms themselves is dropped
(a firm does not supply itself). Each relationship type is moved in its own statement, and
the duplicate is deleted last, so a failure part-way leaves the duplicate with the links not
yet moved; calling again finishes the work.
"""

from __future__ import annotations

from dataclasses import dataclass

from oceanbrain.graph.cypher import identifier
from oceanbrain.graph.store import GraphStore
from oceanbrain.graph.upsert import sources_union


@dataclass(frozen=True)
class MergeResult:
    survivor: str
    duplicate: str
    merged: bool  # False when one of the two firms is not in the graph (nothing to do)
    relationships: dict[str, int]  # the survivor's relationships per type, after the merge


def _move(rel_type: str, outgoing: bool) -> str:
    """Move the duplicate's ``rel_type`` links (out of it or into it) onto the survivor."""
    t = identifier(rel_type)
    if outgoing:
        found, kept = f"(d)-[e:{t}]->(b)", f"(s)-[n:{t}]->(b)"
    else:
        found, kept = f"(b)-[e:{t}]->(d)", f"(b)-[n:{t}]->(s)"
    return (
        f"MATCH (d:Firm {{id: $dup}}) MATCH {found} MATCH (s:Firm {{id: $survivor}}) "
        "WHERE b.id <> $survivor "
        f"MERGE {kept} ON CREATE SET n += properties(e) "
        f"SET n.sources = {sources_union('n', 'coalesce(e.sources, [])')} "
        "DELETE e"
    )


FOLD_PROPERTIES = (
    "MATCH (d:Firm {id: $dup}), (s:Firm {id: $survivor}) "
    "SET s.aliases = reduce(acc = [], x IN coalesce(s.aliases, []) + [d.name] + "
    "coalesce(d.aliases, []) | CASE WHEN x IS NULL OR x = s.name OR x IN acc THEN acc "
    "ELSE acc + x END), "
    "s.merged_ids = coalesce(s.merged_ids, []) + [d.id], "
    "s.sources = " + sources_union("s", "coalesce(d.sources, [])") + ", "
    "s.uscc = coalesce(s.uscc, d.uscc), s.merged_by = $by, s.merged_at = $at"
)
DELETE_DUPLICATE = "MATCH (d:Firm {id: $dup}) DETACH DELETE d"
BOTH_EXIST = "MATCH (f:Firm) WHERE f.id IN [$dup, $survivor] RETURN count(f) AS n"
CURRENT_ID = (
    "MATCH (f:Firm) WHERE f.id = $id OR $id IN coalesce(f.merged_ids, []) "
    "RETURN f.id AS id ORDER BY f.id = $id DESC LIMIT 1"
)


def current_firm_id(store: GraphStore, firm_id: str) -> str | None:
    """The id of the Firm node that is, or has absorbed, ``firm_id``."""
    rows = store.read(CURRENT_ID, id=firm_id)
    return rows[0]["id"] if rows else None


def merge_firms(
    store: GraphStore, duplicate: str, survivor: str, *, by: str, at: str
) -> MergeResult:
    """Fold ``duplicate`` into ``survivor``; does nothing unless both Firm nodes exist."""
    params = {"dup": duplicate, "survivor": survivor}
    if duplicate == survivor or store.read(BOTH_EXIST, **params)[0]["n"] != 2:
        return MergeResult(survivor, duplicate, False, {})
    for rel in store.schema.relationships:
        for outgoing, ends in ((True, rel.sources), (False, rel.targets)):
            if "Firm" in ends:
                store.write(_move(rel.type, outgoing), **params)
    store.write(FOLD_PROPERTIES, **params, by=by, at=at)
    store.write(DELETE_DUPLICATE, **params)
    after = store.read(
        "MATCH (s:Firm {id: $survivor})-[e]-() RETURN type(e) AS t, count(e) AS n", **params
    )
    counts = {row["t"]: int(row["n"]) for row in after}
    return MergeResult(survivor, duplicate, True, dict(sorted(counts.items())))

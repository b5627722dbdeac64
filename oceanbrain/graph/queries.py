"""Named queries about the graph itself (status, overview counts).

Domain analysis queries live in ``oceanbrain.graph.analysis``; these are the small ones the CLI's
``db status`` and the dashboard overview need.
"""

from __future__ import annotations

from dataclasses import dataclass

from oceanbrain.graph.cypher import identifier
from oceanbrain.graph.store import GraphStore, SchemaState


def count_label_query(label: str) -> str:
    return f"MATCH (n:{identifier(label, 'label')}) RETURN count(n) AS n"


COUNT_RELATIONSHIPS = "MATCH ()-[r]->() RETURN count(r) AS n"


def label_counts(store: GraphStore) -> dict[str, int]:
    """Node count for every label in the schema (0 for labels with no nodes)."""
    return {
        label: int(store.read(count_label_query(label))[0]["n"]) for label in store.schema.labels
    }


def relationship_count(store: GraphStore) -> int:
    return int(store.read(COUNT_RELATIONSHIPS)[0]["n"])


@dataclass(frozen=True)
class GraphStatus:
    location: str
    engine: str
    counts: dict[str, int]
    relationships: int
    schema: SchemaState


def graph_status(store: GraphStore) -> GraphStatus:
    return GraphStatus(
        location=store.describe(),
        engine=store.engine,
        counts=label_counts(store),
        relationships=relationship_count(store),
        schema=store.schema_state(),
    )

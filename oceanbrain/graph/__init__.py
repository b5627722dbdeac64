"""The graph layer: every line of Cypher, the schema, and the two engines behind GraphStore."""

from oceanbrain.graph.connect import open_store
from oceanbrain.graph.store import GraphStore, SchemaState

__all__ = ["GraphStore", "SchemaState", "open_store"]

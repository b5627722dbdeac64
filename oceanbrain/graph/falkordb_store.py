"""FalkorDB behind :class:`GraphStore`: embedded FalkorDBLite or an external server.

Reads go through ``GRAPH.RO_QUERY``, which FalkorDB refuses for any query that writes.
Each query is atomic in FalkorDB, so one batch is one query.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import ResponseError
from redis.exceptions import TimeoutError as RedisTimeoutError

from oceanbrain.errors import GraphConnectionError, QueryError
from oceanbrain.graph.schema import Schema
from oceanbrain.graph.store import GraphStore, Row, SchemaItem

_READ_ONLY_REFUSAL = "to be executed only on read-only queries"
_EMPTY_KEY = "empty key"


def _plain(value: Any) -> Any:
    """FalkorDB result values → plain Python (nodes and edges become dicts)."""
    # Imported lazily: redislite's falkordb_client loads the Python driver in a special way.
    from falkordb.edge import Edge
    from falkordb.node import Node
    from falkordb.path import Path

    if isinstance(value, Node):
        return {
            "_id": str(value.id),
            "_labels": list(value.labels or []),
            **_plain(value.properties),
        }
    if isinstance(value, Edge):
        return {
            "_id": str(value.id),
            "_type": value.relation,
            "_start": str(value.src_node if isinstance(value.src_node, int) else value.src_node.id),
            "_end": str(
                value.dest_node if isinstance(value.dest_node, int) else value.dest_node.id
            ),
            **_plain(value.properties),
        }
    if isinstance(value, Path):
        return {
            "nodes": [_plain(n) for n in value.nodes()],
            "relationships": [_plain(e) for e in value.edges()],
        }
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


class FalkorStore(GraphStore):
    engine = "falkordb"
    display_name = "FalkorDB"

    def __init__(
        self,
        db: Any,
        graph_name: str,
        location: str,
        *,
        on_close: Callable[[], None] | None = None,
        schema: Schema | None = None,
    ) -> None:
        super().__init__(schema)
        self._db = db
        self._graph = db.select_graph(graph_name)
        self.graph_name = graph_name
        self._location = location
        self._on_close = on_close
        self._ensure_graph_exists()

    def _ensure_graph_exists(self) -> None:
        """FalkorDB refuses reads on a graph key that was never written; create it empty."""
        try:
            if not self._db.connection.exists(self.graph_name):
                self._graph.query("RETURN 1")
        except (RedisConnectionError, RedisTimeoutError) as exc:
            raise GraphConnectionError(f"cannot reach {self.describe()}: {exc}") from exc

    def describe(self) -> str:
        return f"FalkorDB {self._location} (graph {self.graph_name!r})"

    # -- running queries ---------------------------------------------------------------
    def _run(
        self, method: Callable[..., Any], query: str, params: dict[str, Any], **kw: Any
    ) -> Any:
        try:
            return method(query, params or None, **kw)
        except ResponseError as exc:
            message = str(exc)
            if _READ_ONLY_REFUSAL in message:
                raise self._refused_write("read-only mode (GRAPH.RO_QUERY)") from exc
            raise self._rejected(message) from exc
        except (RedisConnectionError, RedisTimeoutError) as exc:
            raise self._lost(exc) from exc

    @staticmethod
    def _rows(result: Any, limit: int | None = None) -> list[Row]:
        names = [column[1] for column in result.header]
        records = result.result_set if limit is None else result.result_set[:limit]
        return [dict(zip(names, (_plain(v) for v in record), strict=True)) for record in records]

    def read(self, query: str, /, **params: Any) -> list[Row]:
        return self._rows(self._run(self._graph.ro_query, query, params))

    def read_head(
        self, query: str, params: dict[str, Any], *, max_rows: int, timeout_s: float
    ) -> tuple[list[Row], bool]:
        result = self._run(self._graph.ro_query, query, params, timeout=int(timeout_s * 1000))
        return self._rows(result, max_rows), len(result.result_set) > max_rows

    def write(self, query: str, /, **params: Any) -> None:
        self._run(self._graph.query, query, params)

    def _write_batch(self, query: str, rows: list[Row], params: dict[str, Any]) -> None:
        self._run(self._graph.query, query, {**params, "rows": rows})

    # -- schema ------------------------------------------------------------------------
    def _call_list(self, query: str) -> list[list[Any]]:
        return list(self._run(self._graph.ro_query, query, {}).result_set)

    def _existing_schema(self) -> set[SchemaItem]:
        found: set[SchemaItem] = set()
        for row in self._call_list("CALL db.indexes() YIELD label, properties, entitytype"):
            label, props, entity = row
            if entity == "NODE":
                found.update(SchemaItem(label, p, unique=False) for p in props)
        for row in self._call_list(
            "CALL db.constraints() YIELD type, label, properties, entitytype"
        ):
            kind, label, props, entity = row
            if kind == "UNIQUE" and entity == "NODE" and len(props) == 1:
                found.add(SchemaItem(label, props[0], unique=True))
        return found

    def _create_schema_item(self, item: SchemaItem) -> None:
        # A unique constraint needs a range index on the same property first.
        if SchemaItem(item.label, item.prop, unique=False) not in self._existing_schema():
            self.write(f"CREATE INDEX FOR (n:{item.label}) ON (n.{item.prop})")
        if item.unique:
            try:
                self._db.execute_command(
                    "GRAPH.CONSTRAINT",
                    "CREATE",
                    self.graph_name,
                    "UNIQUE",
                    "NODE",
                    item.label,
                    "PROPERTIES",
                    "1",
                    item.prop,
                )
            except ResponseError as exc:
                raise QueryError(
                    f"FalkorDB could not create the unique constraint on "
                    f"{item.label}.{item.prop}: {exc} (are there duplicate values?)"
                ) from exc

    def reset(self) -> None:
        try:
            self._graph.delete()
        except ResponseError as exc:
            if _EMPTY_KEY not in str(exc):  # deleting a graph that was never written is fine
                raise QueryError(
                    f"FalkorDB could not delete graph {self.graph_name!r}: {exc}"
                ) from exc
        self._ensure_graph_exists()

    def close(self) -> None:
        if self._on_close is not None:
            self._on_close()
            self._on_close = None

"""Neo4j behind :class:`GraphStore`, through the official ``neo4j`` driver.

Reads run in READ-mode sessions (managed read transactions), where the server itself refuses
writes. Each batch of ``write_batches`` is one managed write transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import neo4j
from neo4j import Driver, ManagedTransaction, unit_of_work
from neo4j.exceptions import DriverError, Neo4jError, ServiceUnavailable, SessionExpired

from oceanbrain.errors import QueryError
from oceanbrain.graph.cypher import quoted_name
from oceanbrain.graph.schema import Schema, index_name
from oceanbrain.graph.store import GraphStore, Row, SchemaItem

_ACCESS_MODE = "Neo.ClientError.Statement.AccessMode"


def _plain(value: Any) -> Any:
    """Neo4j result values → plain Python (nodes and relationships become dicts)."""
    if isinstance(value, neo4j.graph.Node):
        return {"_id": value.element_id, "_labels": sorted(value.labels), **_plain(dict(value))}
    if isinstance(value, neo4j.graph.Relationship):
        start, end = value.start_node, value.end_node
        return {
            "_id": value.element_id,
            "_type": value.type,
            "_start": start.element_id if start is not None else None,
            "_end": end.element_id if end is not None else None,
            **_plain(dict(value)),
        }
    if isinstance(value, neo4j.graph.Path):
        return {
            "nodes": [_plain(n) for n in value.nodes],
            "relationships": [_plain(r) for r in value.relationships],
        }
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if hasattr(value, "to_native"):  # neo4j.time.Date / DateTime / Duration
        return value.to_native()
    return value


class Neo4jStore(GraphStore):
    engine = "neo4j"
    display_name = "Neo4j"

    def __init__(
        self,
        driver: Driver,
        location: str,
        database: str | None = None,
        *,
        schema: Schema | None = None,
    ) -> None:
        super().__init__(schema)
        self._driver = driver
        self._location = location
        self.database = database

    def describe(self) -> str:
        db = self.database or "default database"
        return f"Neo4j {self._location} ({db})"

    # -- running queries ---------------------------------------------------------------
    def _session(self, access_mode: str) -> neo4j.Session:
        return self._driver.session(database=self.database, default_access_mode=access_mode)

    def _run(self, access_mode: str, work: Callable[[ManagedTransaction], Any]) -> Any:
        try:
            with self._session(access_mode) as session:
                if access_mode == neo4j.READ_ACCESS:
                    return session.execute_read(work)
                return session.execute_write(work)
        except Neo4jError as exc:
            if exc.code == _ACCESS_MODE:
                raise self._refused_write("a read-only transaction") from exc
            raise self._rejected(exc.message or exc) from exc
        except (ServiceUnavailable, SessionExpired) as exc:
            raise self._lost(exc) from exc
        except DriverError as exc:
            raise QueryError(f"the Neo4j driver could not run the query: {exc}") from exc

    def read(self, query: str, /, **params: Any) -> list[Row]:
        def work(tx: ManagedTransaction) -> list[Row]:
            return [{k: _plain(v) for k, v in rec.items()} for rec in tx.run(query, params)]

        return self._run(neo4j.READ_ACCESS, work)  # type: ignore[no-any-return]

    def read_head(
        self, query: str, params: dict[str, Any], *, max_rows: int, timeout_s: float
    ) -> tuple[list[Row], bool]:
        @unit_of_work(timeout=timeout_s)
        def work(tx: ManagedTransaction) -> tuple[list[Row], bool]:
            rows: list[Row] = []
            for rec in tx.run(query, params):  # streamed: stop pulling past the limit
                if len(rows) == max_rows:
                    return rows, True
                rows.append({k: _plain(v) for k, v in rec.items()})
            return rows, False

        return self._run(neo4j.READ_ACCESS, work)  # type: ignore[no-any-return]

    def write(self, query: str, /, **params: Any) -> None:
        self._run(neo4j.WRITE_ACCESS, lambda tx: tx.run(query, params).consume())

    def _write_batch(self, query: str, rows: list[Row], params: dict[str, Any]) -> None:
        bound = {**params, "rows": rows}
        self._run(neo4j.WRITE_ACCESS, lambda tx: tx.run(query, bound).consume())

    # -- schema ------------------------------------------------------------------------
    def _existing_schema(self) -> set[SchemaItem]:
        found: set[SchemaItem] = set()
        for row in self.read(
            "SHOW CONSTRAINTS YIELD type, entityType, labelsOrTypes, properties "
            "WHERE type = 'UNIQUENESS' AND entityType = 'NODE' "
            "RETURN labelsOrTypes AS labels, properties"
        ):
            if len(row["labels"]) == 1 and len(row["properties"]) == 1:
                found.add(SchemaItem(row["labels"][0], row["properties"][0], unique=True))
        for row in self.read(
            "SHOW INDEXES YIELD type, entityType, labelsOrTypes, properties, owningConstraint "
            "WHERE type = 'RANGE' AND entityType = 'NODE' AND owningConstraint IS NULL "
            "RETURN labelsOrTypes AS labels, properties"
        ):
            if row["labels"] and len(row["labels"]) == 1 and len(row["properties"]) == 1:
                found.add(SchemaItem(row["labels"][0], row["properties"][0], unique=False))
        return found

    def _create_schema_item(self, item: SchemaItem) -> None:
        name = index_name(item.label, item.prop, item.unique)
        if item.unique:
            self.write(
                f"CREATE CONSTRAINT {name} IF NOT EXISTS "
                f"FOR (n:{item.label}) REQUIRE n.{item.prop} IS UNIQUE"
            )
        else:
            self.write(f"CREATE INDEX {name} IF NOT EXISTS FOR (n:{item.label}) ON (n.{item.prop})")

    def reset(self) -> None:
        # Batched so a large graph does not need one huge transaction. Relationships go first:
        # DETACH DELETE of a hub node (a segment with 10^5 firms) would delete all of its
        # relationships in one transaction and exhaust the transaction memory pool.
        def delete_some(query: str) -> Callable[[ManagedTransaction], int]:
            def work(tx: ManagedTransaction) -> int:
                return int(tx.run(query).single(strict=True)["n"])

            return work

        for query in (
            "MATCH ()-[r]->() WITH r LIMIT 10000 DELETE r RETURN count(*) AS n",
            "MATCH (n) WITH n LIMIT 10000 DETACH DELETE n RETURN count(*) AS n",
        ):
            while self._run(neo4j.WRITE_ACCESS, delete_some(query)):
                pass
        for row in self.read("SHOW CONSTRAINTS YIELD name RETURN name"):
            self.write(f"DROP CONSTRAINT {quoted_name(row['name'])} IF EXISTS")
        for row in self.read("SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name"):
            self.write(f"DROP INDEX {quoted_name(row['name'])} IF EXISTS")

    def close(self) -> None:
        self._driver.close()

"""The one small interface every graph engine implements: :class:`GraphStore`.

Engines supply a handful of primitives (run a read, run a write, run one batch, list and create
schema items); everything built on them — batching, DataFrames, the schema plan, the context
manager — lives here once.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any

import pandas as pd

from oceanbrain.errors import (
    BatchWriteError,
    GraphConnectionError,
    QueryError,
    ReadOnlyViolation,
)
from oceanbrain.graph.schema import Schema, load_schema

Row = dict[str, Any]


@dataclass(frozen=True)
class SchemaItem:
    """One constraint or index OceanBrain expects: ``unique`` marks a node key."""

    label: str
    prop: str
    unique: bool


@dataclass(frozen=True)
class SchemaState:
    expected: tuple[SchemaItem, ...]
    missing: tuple[SchemaItem, ...]

    @property
    def ok(self) -> bool:
        return not self.missing

    def summary(self) -> str:
        present = len(self.expected) - len(self.missing)
        if self.ok:
            return f"ok ({present}/{len(self.expected)} constraints and indexes present)"
        return (
            f"incomplete ({present}/{len(self.expected)} present; "
            "run `oceanbrain db init` to create the rest)"
        )


def expected_schema_items(schema: Schema) -> tuple[SchemaItem, ...]:
    items = []
    for node in schema.nodes:
        items.append(SchemaItem(node.label, node.key, unique=True))
        items.extend(SchemaItem(node.label, p, unique=False) for p in node.indexes)
    return tuple(items)


def chunked(rows: Iterable[Row], size: int) -> Iterator[list[Row]]:
    """Batches of ``size`` rows, pulled lazily so a large input never sits whole in memory."""
    if size < 1:
        raise ValueError("batch_size must be at least 1")
    it = iter(rows)
    while batch := list(islice(it, size)):
        yield batch


class GraphStore(ABC):
    """A graph engine behind read, write and batched-write calls.

    ``read`` runs in the engine's read-only mode, so the engine itself refuses writes sent
    through it (:class:`~oceanbrain.errors.ReadOnlyViolation`).
    """

    engine: str = "abstract"  # machine name: "falkordb" or "neo4j"
    display_name: str = "abstract"

    def __init__(self, schema: Schema | None = None) -> None:
        self.schema = schema or load_schema()

    # -- engine primitives -------------------------------------------------------------
    @abstractmethod
    def read(self, query: str, /, **params: Any) -> list[Row]:
        """Rows of a read-only query, as plain Python values."""

    @abstractmethod
    def read_head(
        self, query: str, params: dict[str, Any], *, max_rows: int, timeout_s: float
    ) -> tuple[list[Row], bool]:
        """At most ``max_rows`` rows of a read-only query and whether more were available."""

    @abstractmethod
    def write(self, query: str, /, **params: Any) -> None:
        """Run one write query in its own transaction."""

    @abstractmethod
    def _write_batch(self, query: str, rows: list[Row], params: dict[str, Any]) -> None:
        """Run ``query`` with ``$rows`` bound to one batch (and ``params``), in one transaction."""

    @abstractmethod
    def _existing_schema(self) -> set[SchemaItem]:
        """The OceanBrain constraints and indexes the engine already has."""

    @abstractmethod
    def _create_schema_item(self, item: SchemaItem) -> None:
        """Create one constraint (``item.unique``) or index."""

    @abstractmethod
    def reset(self) -> None:
        """Delete every node, relationship, constraint and index (start over)."""

    @abstractmethod
    def describe(self) -> str:
        """Engine and location, without secrets."""

    @abstractmethod
    def close(self) -> None:
        """Release connections (and stop an embedded server no one else uses)."""

    # -- the errors every engine translates its own exceptions into ------------------------
    def _refused_write(self, mode: str) -> ReadOnlyViolation:
        return ReadOnlyViolation(
            f"{self.display_name} refused a write in {mode}: this call only reads; "
            "use a write command for changes"
        )

    def _rejected(self, detail: object) -> QueryError:
        return QueryError(f"{self.display_name} rejected the query: {detail}")

    def _lost(self, detail: object) -> GraphConnectionError:
        return GraphConnectionError(f"lost the connection to {self.describe()}: {detail}")

    # -- built on the primitives -------------------------------------------------------
    def read_df(self, query: str, /, **params: Any) -> pd.DataFrame:
        return pd.DataFrame.from_records(self.read(query, **params))

    def write_batches(
        self, query: str, rows: Iterable[Row], batch_size: int = 1000, **params: Any
    ) -> int:
        """Write ``rows`` as ``UNWIND $rows`` batches, one transaction each.

        ``params`` are bound with every batch: values shared by all rows (the run id, the
        sources) are sent once per batch instead of once per row.

        A failing batch raises :class:`BatchWriteError`; the batches before it stay committed
        and the ones after it are never sent. Returns the number of rows written.
        """
        written = 0
        for index, batch in enumerate(chunked(rows, batch_size)):
            try:
                self._write_batch(query, batch, params)
            except QueryError as exc:
                raise BatchWriteError(
                    f"batch {index} (rows {written}–{written + len(batch) - 1}) failed: {exc}; "
                    f"the {written} rows before it are committed, later rows were not sent",
                    batch_index=index,
                    rows_committed=written,
                ) from exc
            written += len(batch)
        return written

    def schema_state(self) -> SchemaState:
        expected = expected_schema_items(self.schema)
        existing = self._existing_schema()
        return SchemaState(expected, tuple(i for i in expected if i not in existing))

    def ensure_schema(self) -> SchemaState:
        """Create whatever constraints and indexes are missing; safe to call repeatedly."""
        for item in self.schema_state().missing:
            self._create_schema_item(item)
        return self.schema_state()

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

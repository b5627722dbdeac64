"""The GraphStore contract, run on FalkorDBLite and on Neo4j."""

from __future__ import annotations

import pytest

from oceanbrain.errors import BatchWriteError, QueryError, ReadOnlyViolation
from oceanbrain.graph.store import GraphStore, SchemaItem, expected_schema_items

pytestmark = pytest.mark.graph

CREATE_ROWS = "UNWIND $rows AS r CREATE (:T {id: r.id, name: r.name, bad: r.bad})"


def test_write_then_read_round_trips_values(store: GraphStore) -> None:
    name = "青岛\"港'\\集团 {x}"  # quotes, backslash and braces must survive as parameters
    store.write(
        "CREATE (:Firm {id: $id, name: $name, capital: $capital, tags: $tags, ok: $ok})",
        id="f1",
        name=name,
        capital=1.5e9,
        tags=["智慧港口", "链主"],
        ok=True,
    )
    rows = store.read(
        "MATCH (f:Firm {id: $id}) RETURN f.name AS name, f.capital AS capital, "
        "f.tags AS tags, f.ok AS ok",
        id="f1",
    )
    assert rows == [{"name": name, "capital": 1.5e9, "tags": ["智慧港口", "链主"], "ok": True}]


def test_read_df_has_columns_and_rows(store: GraphStore) -> None:
    store.write_batches(
        "UNWIND $rows AS r CREATE (:Segment {id: r.id})", [{"id": f"s{i}"} for i in range(3)]
    )
    df = store.read_df("MATCH (s:Segment) RETURN s.id AS id ORDER BY id")
    assert list(df.columns) == ["id"]
    assert df["id"].tolist() == ["s0", "s1", "s2"]


@pytest.mark.parametrize(
    "query",
    [
        "CREATE (n:X) RETURN n",
        "MERGE (n:X {id: 1}) RETURN n",
        "MATCH (n:T) SET n.changed = true RETURN n",
        "MATCH (n:T) DETACH DELETE n",
    ],
)
def test_read_refuses_writes_in_the_engine(store: GraphStore, query: str) -> None:
    store.write("CREATE (:T {id: 1})")
    with pytest.raises(ReadOnlyViolation):
        store.read(query)
    with pytest.raises(ReadOnlyViolation):
        store.read_head(query, {}, max_rows=10, timeout_s=10)
    # nothing changed
    assert store.read(
        "MATCH (n) RETURN count(n) AS n, sum(CASE WHEN n.changed THEN 1 ELSE 0 END) AS changed"
    ) == [{"n": 1, "changed": 0}]


def test_write_batches_commits_each_batch(store: GraphStore) -> None:
    rows = ({"id": i, "name": f"n{i}", "bad": 0} for i in range(2500))  # a generator: streamed
    assert store.write_batches(CREATE_ROWS, rows, batch_size=1000) == 2500
    assert store.read("MATCH (t:T) RETURN count(t) AS n")[0]["n"] == 2500


def test_failed_batch_keeps_earlier_batches_and_sends_no_later_ones(store: GraphStore) -> None:
    rows = [{"id": i, "name": f"n{i}", "bad": 0} for i in range(10)]
    rows[5]["bad"] = {"not": "a property value"}  # maps are not storable on either engine
    sent: list[int] = []

    def tracked():
        for row in rows:
            sent.append(row["id"])
            yield row

    with pytest.raises(BatchWriteError) as info:
        store.write_batches(CREATE_ROWS, tracked(), batch_size=4)
    assert info.value.batch_index == 1
    assert info.value.rows_committed == 4
    ids = [r["id"] for r in store.read("MATCH (t:T) RETURN t.id AS id ORDER BY id")]
    assert ids == [0, 1, 2, 3]  # batch 0 committed, failing batch 1 rolled back whole
    assert sent == list(range(8))  # batch 2 (ids 8, 9) was never pulled, so never sent


def test_query_errors_are_query_errors(store: GraphStore) -> None:
    with pytest.raises(QueryError):
        store.read("MATCH (n RETURN n")
    with pytest.raises(QueryError):
        store.write("CREATE (n:X {id: })")


def test_read_head_limits_rows(store: GraphStore) -> None:
    store.write_batches("UNWIND $rows AS r CREATE (:T {id: r.id})", [{"id": i} for i in range(30)])
    rows, truncated = store.read_head(
        "MATCH (t:T) RETURN t.id AS id ORDER BY id", {}, max_rows=10, timeout_s=10
    )
    assert [r["id"] for r in rows] == list(range(10))
    assert truncated is True
    rows, truncated = store.read_head(
        "MATCH (t:T) RETURN t.id AS id", {}, max_rows=30, timeout_s=10
    )
    assert len(rows) == 30 and truncated is False


def test_nodes_relationships_and_paths_have_one_shape(store: GraphStore) -> None:
    store.write(
        "CREATE (:Firm {id: 'a', name: 'A'})-[:SUPPLIES {product: '传感器'}]->"
        "(:Firm {id: 'b', name: 'B'})"
    )
    row = store.read("MATCH p = (a:Firm {id: 'a'})-[r:SUPPLIES]->(b) RETURN a, r, p")[0]
    assert row["a"]["_labels"] == ["Firm"] and row["a"]["name"] == "A"
    assert row["r"]["_type"] == "SUPPLIES" and row["r"]["product"] == "传感器"
    assert row["r"]["_start"] == row["a"]["_id"]
    assert [n["id"] for n in row["p"]["nodes"]] == ["a", "b"]
    assert [r["_type"] for r in row["p"]["relationships"]] == ["SUPPLIES"]


def test_ensure_schema_is_idempotent_and_complete(store: GraphStore) -> None:
    assert not store.schema_state().ok
    state = store.ensure_schema()
    assert state.ok, state.missing
    assert len(state.expected) == len(expected_schema_items(store.schema))
    assert store.ensure_schema().ok  # second run: nothing to do, no error
    assert SchemaItem("Firm", "id", unique=True) in state.expected


def test_node_keys_are_unique_after_ensure_schema(store: GraphStore) -> None:
    store.ensure_schema()
    store.write("CREATE (:Firm {id: 'firm:1', name: '甲'})")
    with pytest.raises(QueryError):
        store.write("CREATE (:Firm {id: 'firm:1', name: '乙'})")
    assert store.read("MATCH (f:Firm) RETURN f.name AS name") == [{"name": "甲"}]


def test_reset_removes_data_and_schema(store: GraphStore) -> None:
    store.ensure_schema()
    store.write("CREATE (:Firm {id: 'x'})")
    store.reset()
    assert store.read("MATCH (n) RETURN count(n) AS n") == [{"n": 0}]
    assert len(store.schema_state().missing) == len(store.schema_state().expected)


def test_reset_empties_a_graph_with_a_hub_node(store: GraphStore) -> None:
    """A hub with more relationships than one delete batch (a segment with many firms)."""
    store.write("CREATE (:Segment {id: 'hub'})")
    store.write_batches(
        "MATCH (s:Segment {id: 'hub'}) UNWIND $rows AS r "
        "CREATE (:Firm {id: r.id})-[:IN_SEGMENT]->(s)",
        ({"id": f"f{i}"} for i in range(25_000)),
        5_000,
    )
    assert store.read("MATCH ()-[r]->() RETURN count(r) AS n") == [{"n": 25_000}]
    store.reset()
    assert store.read("MATCH (n) RETURN count(n) AS n") == [{"n": 0}]

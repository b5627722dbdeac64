"""Loading data/ into the graph: provenance everywhere, idempotent, bad rows rejected."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from oceanbrain.graph import GraphStore
from oceanbrain.ingest.load import load_canonical
from tests.conftest import REPO
from tests.ingest.ingest_helpers import graph_dump

pytestmark = pytest.mark.graph

DATA = REPO / "data"
PROVENANCE_CHECK = """
MATCH (n) WHERE NOT n:IngestRun AND NOT n:Source
  AND (n.sources IS NULL OR size(n.sources) = 0 OR n.first_seen_run IS NULL
       OR n.last_seen_run IS NULL OR n.observed IS NULL OR n.confidence IS NULL)
RETURN count(n) AS n
"""
REL_PROVENANCE_CHECK = """
MATCH ()-[r]->() WHERE type(r) <> 'FROM_SOURCE'
  AND (r.sources IS NULL OR r.first_seen_run IS NULL OR r.observed IS NULL
       OR r.confidence IS NULL)
RETURN count(r) AS n
"""
COUNTS = """
MATCH (n) WHERE NOT n:IngestRun
WITH labels(n)[0] AS label, count(*) AS nodes
RETURN label, nodes ORDER BY label
"""


def rel_count(store: GraphStore) -> int:
    return store.read("MATCH ()-[r]->() WHERE type(r) <> 'FROM_SOURCE' RETURN count(r) AS n")[0][
        "n"
    ]


def test_load_real_data_with_provenance_and_idempotence(store: GraphStore) -> None:
    store.ensure_schema()
    first = load_canonical(store, DATA)
    assert first.status == "ok", [r.line() for r in first.rejects if r.severity != "warning"]
    assert first.counts["Firm"]["created"] >= 150
    assert store.read(PROVENANCE_CHECK) == [{"n": 0}]
    assert store.read(REL_PROVENANCE_CHECK) == [{"n": 0}]
    nodes, rels = store.read(COUNTS), rel_count(store)

    dump = graph_dump(store)

    second = load_canonical(store, DATA)
    assert second.counts["Firm"] == {
        "created": 0,
        "updated": 0,
        "unchanged": first.counts["Firm"]["created"],
        "rejected": 0,
        "expired": 0,
    }
    assert sum(c["created"] + c["updated"] for c in second.counts.values()) == 0
    assert store.read(COUNTS) == nodes and rel_count(store) == rels
    assert graph_dump(store) == dump  # identical graph: counts and every property
    runs = store.read("MATCH (r:IngestRun) RETURN r.status AS status ORDER BY r.id")
    assert runs == [{"status": "ok"}, {"status": "ok"}]
    # unchanged rows are skipped by their content hash: last_seen_run is the run that last
    # wrote them; the second run is recorded on its IngestRun (FROM_SOURCE, counts).
    latest = store.read(
        "MATCH (f:Firm) RETURN collect(DISTINCT f.last_seen_run) AS runs, "
        "collect(DISTINCT f.first_seen_run) AS firsts"
    )[0]
    assert latest == {"runs": [first.run_id], "firsts": [first.run_id]}
    sources = store.read(
        "MATCH (r:IngestRun {id: $id})-[:FROM_SOURCE]->(s:Source) RETURN count(s) AS n",
        id=second.run_id,
    )
    assert sources[0]["n"] > 0


def test_every_segment_is_reachable_in_the_supply_graph(store: GraphStore) -> None:
    store.ensure_schema()
    load_canonical(store, DATA)
    rows = store.read(
        "MATCH (c:Chain)<-[:PART_OF]-(s:Segment) "
        "OPTIONAL MATCH (s)-[f:FEEDS]-(:Segment) "
        "WITH c.id AS chain, s.id AS segment, count(f) AS links "
        "RETURN chain, segment, links ORDER BY chain, segment"
    )
    assert len(rows) >= 60
    assert [r["segment"] for r in rows if r["links"] == 0] == []
    edges = store.read("MATCH (a:Segment)-[:FEEDS]->(b:Segment) RETURN a.id AS a, b.id AS b")
    neighbours: dict[str, set[str]] = {}
    for e in edges:
        neighbours.setdefault(e["a"], set()).add(e["b"])
        neighbours.setdefault(e["b"], set()).add(e["a"])
    for chain in {r["chain"] for r in rows}:
        members = {r["segment"] for r in rows if r["chain"] == chain}
        start = sorted(members)[0]
        reached, frontier = {start}, [start]
        while frontier:  # breadth-first over supply links, within and across chains
            nxt = [n for s in frontier for n in neighbours.get(s, ()) if n not in reached]
            reached.update(nxt)
            frontier = nxt
        assert members <= reached, (chain, sorted(members - reached))


def test_bad_rows_are_rejected_and_the_rest_loads(store: GraphStore, tmp_path: Path) -> None:
    root = tmp_path / "data"
    shutil.copytree(DATA / "chains", root / "chains")
    (root / "qingdao").mkdir()
    header = (
        "name,short_name,aliases,uscc,province,city,district,park,segments,role,high_tech,"
        "specialised,founded,registered_capital,notes,source_url,source_date,source_title\n"
    )
    rows = [
        "甲海洋科技有限公司,,,,山东省,青岛市,崂山区,,ai.sensors,,,,2020-01-02,5000万元,,https://example.org/a,,\n",
        "乙海洋科技有限公司,,,91370200163562681X,山东省,青岛市,,,ai.sensors,,,,,,,https://example.org/b,,\n",
        "丙公司,,,,山东省,青岛市,,,ai.sensors,,,,2020-13-45,,,https://example.org/c,,\n",
        "丁公司,,,,山东省,青岛市,,,ai.sensors,,,,,,,,,\n",
        "戊公司,,,,山东省,青岛市,,,ai.nosuch,,,,,,,https://example.org/e,,\n",
    ]
    (root / "qingdao" / "firms.csv").write_text(header + "".join(rows), encoding="utf-8")
    report = load_canonical(store, root)
    assert report.status == "rejects"
    by_row = {(r.row, r.column, r.severity) for r in report.rejects}
    assert (3, "uscc", "row") in by_row
    assert (4, "founded", "row") in by_row
    assert (5, "source_url", "row") in by_row
    assert (6, "segments", "warning") in by_row
    names = [r["name"] for r in store.read("MATCH (f:Firm) RETURN f.name AS name ORDER BY name")]
    assert sorted(names) == sorted(["甲海洋科技有限公司", "戊公司"])
    capital = store.read(
        "MATCH (f:Firm {name: '甲海洋科技有限公司'}) "
        "RETURN f.registered_capital_cny AS cny, f.founded AS founded"
    )
    assert capital == [{"cny": 5e7, "founded": "2020-01-02"}]
    run = store.read("MATCH (r:IngestRun) RETURN r.status AS status, r.counts AS counts")[0]
    assert run["status"] == "rejects"
    assert json.loads(run["counts"])["totals"]["Firm"]["rejected"] == 3


def test_unreadable_file_is_rejected_whole(store: GraphStore, tmp_path: Path) -> None:
    root = tmp_path / "data"
    (root / "qingdao").mkdir(parents=True)
    (root / "qingdao" / "parks.csv").write_bytes("name,area\n青岛蓝谷,1\n".encode("gbk"))
    (root / "qingdao" / "talent.csv").write_text("title\nx\n", encoding="utf-8")
    report = load_canonical(store, root)
    kinds = {(r.file, r.severity) for r in report.rejects}
    assert ("qingdao/parks.csv", "file") in kinds
    assert ("qingdao/talent.csv", "file") in kinds
    assert store.read("MATCH (n:Park) RETURN count(n) AS n") == [{"n": 0}]

"""Document ingest on both engines: mentions, candidates, relations with evidence; idempotent."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from oceanbrain.cli import app
from oceanbrain.graph import GraphStore
from oceanbrain.graph.documents import document_mentions, export_gazetteer, extracted_relations
from oceanbrain.graph.upsert import upsert_nodes
from oceanbrain.ingest.documents import ingest_documents, read_document

pytestmark = pytest.mark.graph

MD = """---
title: 蓝谷新闻
url: https://example.org/news/1
date: 2026-01-15
---
# 蓝谷新闻

近日,青岛示例海洋科技有限公司落户青岛蓝谷。\r
中国海洋大学与崂山实验室签署战略合作协议。
"""
HTML = """<html><head><title>示例 | 新闻</title>
<meta property="article:published_time" content="2025-06-07T10:00:00">
<script>var x = "青岛蓝谷 is not text";</script></head>
<body><p>崂山实验室主任吴立新出席。</p><p>示例智海公司入驻青岛蓝谷。</p></body></html>
"""
NODES = {
    "Park": [{"id": "park:lg", "props": {"name": "青岛蓝谷", "aliases": ["蓝谷"]}}],
    "Institution": [
        {"id": "inst:ouc", "props": {"name": "中国海洋大学", "aliases": ["海大"]}},
        {"id": "inst:lab", "props": {"name": "崂山实验室", "aliases": []}},
    ],
    "Person": [{"id": "person:wu", "props": {"name": "吴立新"}}],
    "Firm": [{"id": "firm:zh", "props": {"name": "示例智海公司", "aliases": []}}],
}
DUMP_NODES = "MATCH (n) RETURN labels(n)[0] AS label, properties(n) AS props ORDER BY n.id"
DUMP_RELS = """
MATCH (a)-[r]->(b)
RETURN a.id AS a, type(r) AS type, b.id AS b, properties(r) AS props
ORDER BY a, type, b, r.start, r.doc_id
"""


def seed(store: GraphStore) -> None:
    store.ensure_schema()
    for label, rows in NODES.items():
        full = [{**r, "sources": ["src:test"], "observed": True, "confidence": 1.0} for r in rows]
        upsert_nodes(store, label, full, "run:seed")


def dump(store: GraphStore) -> tuple[str, str]:
    return (
        json.dumps(store.read(DUMP_NODES), sort_keys=True, ensure_ascii=False, default=str),
        json.dumps(store.read(DUMP_RELS), sort_keys=True, ensure_ascii=False, default=str),
    )


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.md").write_bytes(MD.encode("utf-8"))
    (folder / "b.html").write_text(HTML, encoding="utf-8")
    (folder / "c.txt").write_bytes("青岛蓝谷".encode("gbk") + b"\xff")  # not UTF-8
    return folder


def test_read_document_formats(docs: Path) -> None:
    md = read_document(docs / "a.md")
    assert (md.title, md.url, md.published, md.format) == (
        "蓝谷新闻",
        "https://example.org/news/1",
        "2026-01-15",
        "md",
    )
    assert md.text.startswith("# 蓝谷新闻") and "\r\n" in md.text
    html = read_document(docs / "b.html")
    assert html.title == "示例 | 新闻" and html.published == "2025-06-07"
    assert html.text == "崂山实验室主任吴立新出席。\n示例智海公司入驻青岛蓝谷。"


def test_ingest_documents_traces_and_is_idempotent(store: GraphStore, docs: Path) -> None:
    seed(store)
    assert export_gazetteer(store)["蓝谷"] == ("park:lg", "Park")
    first = ingest_documents(store, [docs], "run:1")
    assert first.counts["Document"]["created"] == 2
    assert first.counts["Document"]["rejected"] == 1
    assert [r.file for r in first.rejects] == [str(docs / "c.txt")]
    assert "UTF-8" in first.rejects[0].reason_en

    texts = {read_document(docs / n).id: read_document(docs / n).text for n in ("a.md", "b.html")}
    mentions = document_mentions(store)
    assert mentions
    for m in mentions:  # offsets index the document text; the evidence sentence contains it
        assert texts[m["doc_id"]][m["start"] : m["end"]] == m["text"]
        assert m["text"] in m["evidence"]
    linked = {(m["text"], m["node_id"]) for m in mentions}
    assert ("青岛蓝谷", "park:lg") in linked and ("吴立新", "person:wu") in linked
    candidates = store.read("MATCH (c:Candidate) RETURN c.name AS name, c.status AS status")
    assert {"name": "青岛示例海洋科技有限公司", "status": "pending"} in candidates

    rels = extracted_relations(store)
    got = {(r["type"], r["from_id"], r["to_id"]) for r in rels}
    assert got == {
        ("SIGNED_WITH", "inst:ouc", "inst:lab"),
        ("LEADS", "person:wu", "inst:lab"),
        ("IN_PARK", "firm:zh", "park:lg"),
    }
    for r in rels:  # every relation traces to its Document, sentence and offsets
        assert r["document"] == r["doc_id"] and r["observed"] is False
        assert 0 < r["confidence"] < 1
        sentence = texts[r["doc_id"]][r["evidence_start"] : r["evidence_end"]]
        assert sentence.strip() == r["evidence"]
    # a structured fact between the same nodes is left alone
    assert store.read("MATCH ()-[e:IN_PARK]->() RETURN count(e) AS n") == [{"n": 1}]

    before = dump(store)
    again = ingest_documents(store, [docs], "run:2")
    assert again.counts["Document"]["unchanged"] == 2
    assert set(again.counts) == {"Document"}
    assert dump(store) == before


def test_ingest_docs_cli(graph_env: dict[str, str], docs: Path) -> None:
    (docs / "c.txt").unlink()
    runner = CliRunner()
    assert runner.invoke(app, ["db", "init"], env=graph_env).exit_code == 0
    result = runner.invoke(app, ["ingest", "docs", str(docs), "--format", "json"], env=graph_env)
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert payload["counts"]["Document"]["created"] == 2
    assert payload["counts"]["Candidate"]["created"] >= 4  # nothing is known in an empty graph
    again = runner.invoke(app, ["ingest", "docs", str(docs)], env=graph_env)
    assert again.exit_code == 0 and "unchanged 2" in again.output
    missing = runner.invoke(app, ["ingest", "docs", str(docs / "nope.txt")], env=graph_env)
    assert missing.exit_code == 2 and "nope.txt" in missing.output

"""The review queue on both engines: judgements saved, listed, decided and honoured."""

from __future__ import annotations

import pytest

from oceanbrain.graph.resolution import known_firms
from oceanbrain.graph.review import (
    ReviewError,
    decide,
    pending_reviews,
    review_counts,
    save_judgements,
)
from oceanbrain.graph.store import GraphStore
from oceanbrain.ingest.resolve import FirmKey, Resolver

pytestmark = pytest.mark.graph

AT = "2026-11-26T20:00:00+00:00"
SEED = (
    "CREATE (:Firm {id: 'firm:hx', name: '青岛海西重工有限责任公司', aliases: ['海西重工']}), "
    "(:Firm {id: 'firm:sr', name: '青岛双瑞海洋环境工程股份有限公司', aliases: ['青岛双瑞']}), "
    "(:Segment {id: 'equip.anticorrosion', name_zh: '海洋防腐'}), "
    "(:Segment {id: 'equip.offshore', name_zh: '海工装备'}), "
    "(:Candidate {id: 'candidate:FIRM:a', name: '某海洋科技公司', type: 'FIRM', "
    "status: 'pending'}), "
    "(:Candidate {id: 'candidate:FIRM:b', name: '另一公司', type: 'FIRM', status: 'pending'}), "
    "(:Document {id: 'doc:1', title: '青岛海洋产业新闻'})"
)
LINKS = (
    "MATCH (a:Firm {id: 'firm:sr'}), (s:Segment {id: 'equip.anticorrosion'}), "
    "(t:Segment {id: 'equip.offshore'}), (b:Firm {id: 'firm:hx'}), "
    "(c:Candidate {id: 'candidate:FIRM:a'}), (d:Document {id: 'doc:1'}) "
    "CREATE (a)-[:IN_SEGMENT {needs_review: true, confidence: 0.55, "
    "evidence: '经营范围关键词: 防腐'}]->(s), "
    "(a)-[:IN_SEGMENT {needs_review: true, confidence: 0.4, "
    "evidence: '经营范围关键词: 海工'}]->(t), "
    "(b)-[:IN_SEGMENT {needs_review: false, confidence: 0.9, evidence: 'curated'}]->(t), "
    "(d)-[:MENTIONS {start: 0, end: 7}]->(c)"
)


@pytest.fixture
def seeded(store: GraphStore) -> GraphStore:
    store.ensure_schema()
    store.write(SEED)
    store.write(LINKS)
    return store


def test_same_entity_questions_round_trip(seeded: GraphStore) -> None:
    store = seeded
    resolver = Resolver.from_store(store)
    assert {f.id for f in known_firms(store, page=1)} == {"firm:hx", "firm:sr"}
    res = resolver.resolve(FirmKey("青岛海西重机有限责任公司"))
    assert res.method == "new"
    pending = resolver.pending_judgements()
    assert [j.object_id for j in pending] == ["firm:hx"]
    assert save_judgements(store, pending, "run:1") == 1
    store.write(
        "CREATE (:Firm {id: $id, name: '青岛海西重机有限责任公司'})", id=res.id
    )  # ingest writes the new firm

    items = pending_reviews(store, "same_entity")
    assert [(i.id, i.subject_name, i.object_name, i.status) for i in items] == [
        (pending[0].id, "青岛海西重机有限责任公司", "青岛海西重工有限责任公司", "pending")
    ]
    assert review_counts(store)["same_entity"] == 1

    decide(store, items[0].id, "same_entity", "same", "editor", AT)
    assert review_counts(store)["same_entity"] == 0
    again = Resolver.from_store(store).resolve(FirmKey("青岛海西重机有限责任公司"))
    assert (again.id, again.method, again.matched) == ("firm:hx", "judgement", True)
    # saving the same question again leaves the decision as it is
    assert save_judgements(store, pending, "run:2") == 0
    row = store.read(
        "MATCH (j:Judgement {id: $id}) RETURN j.decision AS d, j.decided_by AS by, "
        "j.decided_at AS at",
        id=items[0].id,
    )
    assert row == [{"d": "same", "by": "editor", "at": AT}]

    decide(store, items[0].id, "same_entity", "reject", "editor2", AT)  # reject = not_same
    later = Resolver.from_store(store)
    res2 = later.resolve(FirmKey("青岛海西重机有限责任公司"))
    # its own id, never the judged firm; "new" because the same decision merged its node away
    assert (res2.id, res2.method) == (res.id, "new")
    assert later.pending_judgements() == []


def test_segment_links_and_candidates(seeded: GraphStore) -> None:
    store = seeded
    assert review_counts(store) == {"same_entity": 0, "segment_link": 2, "candidate": 2}
    links = pending_reviews(store, "segment_link")
    assert [(i.subject_id, i.object_id, i.score) for i in links] == [
        ("firm:sr", "equip.offshore", 0.4),
        ("firm:sr", "equip.anticorrosion", 0.55),
    ]
    assert links[0].subject_name == "青岛双瑞海洋环境工程股份有限公司"
    decide(store, links[0].id, "segment_link", "reject", "editor", AT)
    decide(store, links[1].id, "segment_link", "accept", "editor", AT)
    rows = store.read(
        "MATCH (:Firm {id: 'firm:sr'})-[e:IN_SEGMENT]->(s:Segment) "
        "RETURN s.id AS s, e.needs_review AS review, e.expired AS expired ORDER BY s"
    )
    assert rows == [
        {"s": "equip.anticorrosion", "review": False, "expired": None},
        {"s": "equip.offshore", "review": False, "expired": True},
    ]
    with pytest.raises(ReviewError, match="no pending segment_link"):
        decide(store, links[0].id, "segment_link", "accept", "editor", AT)

    candidates = pending_reviews(store, "candidate")
    assert [c.subject_id for c in candidates] == ["candidate:FIRM:a", "candidate:FIRM:b"]
    assert "青岛海洋产业新闻" in candidates[0].evidence
    decide(store, candidates[0].id, "candidate", "accept", "editor", AT)
    decide(store, "candidate:FIRM:b", "candidate", "reject", "editor", AT)
    statuses = store.read("MATCH (c:Candidate) RETURN c.id AS id, c.status AS s ORDER BY id")
    assert [r["s"] for r in statuses] == ["accepted", "rejected"]
    assert review_counts(store) == {"same_entity": 0, "segment_link": 0, "candidate": 0}
    decided = store.read(
        "MATCH (j:Judgement) RETURN j.kind AS kind, j.decision AS d, j.decided_by AS by "
        "ORDER BY kind, d"
    )
    assert [(r["kind"], r["d"]) for r in decided] == [
        ("candidate", "accept"),
        ("candidate", "reject"),
        ("segment_link", "accept"),
        ("segment_link", "reject"),
    ]
    assert {r["by"] for r in decided} == {"editor"}


def test_bad_decisions_are_refused(seeded: GraphStore) -> None:
    with pytest.raises(ReviewError, match="unknown review kind"):
        pending_reviews(seeded, "firms")
    with pytest.raises(ReviewError, match="does not apply"):
        decide(seeded, "x", "segment_link", "maybe", "editor", AT)
    with pytest.raises(ReviewError, match="no same_entity judgement"):
        decide(seeded, "judgement:same_entity:nope", "same_entity", "same", "editor", AT)
    with pytest.raises(ReviewError, match="--by"):
        decide(seeded, "x", "candidate", "accept", " ", AT)


MERGE_SEED = (
    "CREATE (:Firm {id: 'firm:old', name: '青岛海西重工有限责任公司', aliases: ['海西重工'], "
    "sources: ['src:a']}), "
    "(:Firm {id: 'firm:new', name: '青岛海西重机有限责任公司', uscc: 'U1', "
    "aliases: ['海西重工', '海西重机'], sources: ['src:b']}), "
    "(:Firm {id: 'firm:buyer', name: '买方'}), (:Firm {id: 'firm:seller', name: '卖方'}), "
    "(:Segment {id: 'seg:a'}), (:Segment {id: 'seg:b'}), (:Region {id: 'region:qd'}), "
    "(:Judgement {id: 'j:1', kind: 'same_entity', subject_id: 'firm:new', "
    "object_id: 'firm:old', decision: 'pending', score: 0.8, evidence: 'similar'})"
)
MERGE_LINKS = (
    "MATCH (o:Firm {id: 'firm:old'}), (n:Firm {id: 'firm:new'}), (b:Firm {id: 'firm:buyer'}), "
    "(s:Firm {id: 'firm:seller'}), (a:Segment {id: 'seg:a'}), (c:Segment {id: 'seg:b'}), "
    "(r:Region {id: 'region:qd'}) "
    "CREATE (o)-[:IN_SEGMENT {confidence: 1.0, sources: ['src:a']}]->(a), "
    "(n)-[:IN_SEGMENT {confidence: 0.5, sources: ['src:b']}]->(a), "
    "(n)-[:IN_SEGMENT {confidence: 0.7, sources: ['src:b']}]->(c), "
    "(n)-[:LOCATED_IN {sources: ['src:b']}]->(r), "
    "(n)-[:SUPPLIES {sources: ['src:b']}]->(b), "
    "(s)-[:SUPPLIES {sources: ['src:b']}]->(n), "
    "(n)-[:SUPPLIES {sources: ['src:b']}]->(o)"
)


def test_same_decision_merges_the_two_firm_nodes(store: GraphStore) -> None:
    store.ensure_schema()
    store.write(MERGE_SEED)
    store.write(MERGE_LINKS)
    decide(store, "j:1", "same_entity", "same", "editor", AT)

    assert store.read("MATCH (f:Firm {id: 'firm:new'}) RETURN count(f) AS n") == [{"n": 0}]
    [firm] = store.read(
        "MATCH (f:Firm {id: 'firm:old'}) RETURN f.aliases AS aliases, f.merged_ids AS merged, "
        "f.sources AS sources, f.uscc AS uscc, f.merged_by AS by"
    )
    assert firm["aliases"] == ["海西重工", "青岛海西重机有限责任公司", "海西重机"]
    assert firm["merged"] == ["firm:new"] and firm["by"] == "editor"
    assert sorted(firm["sources"]) == ["src:a", "src:b"] and firm["uscc"] == "U1"
    links = store.read(
        "MATCH (a)-[e]->(b) WHERE a.id = 'firm:old' OR b.id = 'firm:old' "
        "RETURN a.id AS a, type(e) AS t, b.id AS b, e.confidence AS c, e.sources AS s "
        "ORDER BY t, a, b"
    )
    assert [(r["a"], r["t"], r["b"], r["c"], sorted(r["s"])) for r in links] == [
        # the survivor's own link keeps its confidence and gains the duplicate's source
        ("firm:old", "IN_SEGMENT", "seg:a", 1.0, ["src:a", "src:b"]),
        ("firm:old", "IN_SEGMENT", "seg:b", 0.7, ["src:b"]),
        ("firm:old", "LOCATED_IN", "region:qd", None, ["src:b"]),
        ("firm:old", "SUPPLIES", "firm:buyer", None, ["src:b"]),
        ("firm:seller", "SUPPLIES", "firm:old", None, ["src:b"]),
    ]  # the link between the two firms is gone: a firm does not supply itself
    # rows of the duplicate now resolve to the survivor; a second decision is a no-op
    again = Resolver.from_store(store).resolve(FirmKey("青岛海西重机有限责任公司"))
    assert again.id == "firm:old"
    decide(store, "j:1", "same_entity", "same", "editor", AT)
    assert store.read("MATCH (f:Firm) RETURN count(f) AS n") == [{"n": 3}]

"""Gap analysis on a hand-built graph whose answers are known by construction (both engines)."""

from __future__ import annotations

import pytest

from oceanbrain.graph import GraphStore
from oceanbrain.graph.analysis import GapThresholds, analyse_chain, resolve_scope
from oceanbrain.graph.analysis.gaps import Scope, articulation_points, scope_region_ids
from oceanbrain.ingest.load import load_canonical
from tests.conftest import REPO

pytestmark = pytest.mark.graph

QD = "region:中国/山东省/青岛市"
SH = "region:中国/上海市"
SEGMENTS = [  # id, stage
    ("g.up1", "upstream"),
    ("g.up2", "upstream"),
    ("g.mid", "midstream"),
    ("g.down1", "downstream"),
    ("g.down2", "downstream"),
]
FEEDS = [("g.up1", "g.mid"), ("g.up2", "g.mid"), ("g.mid", "g.down1"), ("g.mid", "g.down2")]


def firm(fid: str, segment: str, region: str, leader: bool = False) -> dict[str, object]:
    return {"id": fid, "segment": segment, "region": region, "role": "链主" if leader else "骨干"}


# By construction, in 青岛 (QD):
#   g.up1   0 local firms, 2 elsewhere                  → 缺链 missing
#   g.up2   1 local firm                                 → 弱链 weak (fewer than 3)
#   g.mid   4 local firms, one a leader                  → 强链 strong
#   g.down1 3 local firms, no leader, 30 elsewhere (LQ low) → 弱链 weak
#   g.down2 3 local firms, one a leader                  → 强链 strong
FIRMS = (
    [firm(f"up1-x{i}", "g.up1", SH) for i in range(2)]
    + [firm("up2-q0", "g.up2", QD + "/崂山区")]
    + [firm("mid-q0", "g.mid", QD + "/黄岛区", leader=True)]
    + [firm(f"mid-q{i}", "g.mid", QD) for i in range(1, 4)]
    + [firm(f"mid-x{i}", "g.mid", SH) for i in range(2)]
    + [firm(f"down1-q{i}", "g.down1", QD) for i in range(3)]
    + [firm(f"down1-x{i}", "g.down1", SH) for i in range(30)]
    + [firm("down2-q0", "g.down2", QD, leader=True)]
    + [firm(f"down2-q{i}", "g.down2", QD + "/即墨区") for i in range(1, 3)]
)
# Supply: every local g.down2 firm buys its g.mid inputs from mid-q0 only (single supplier);
# every local g.down1 firm buys from the two Shanghai g.mid firms (outside only).
SUPPLIES = [{"from": "mid-q0", "to": f"down2-q{i}"} for i in range(3)] + [
    {"from": f"mid-x{j}", "to": f"down1-q{i}"} for i in range(3) for j in range(2)
]


def build_golden(store: GraphStore) -> None:
    store.ensure_schema()
    store.write("CREATE (:Chain {id: 'g', name_zh: '示例链'})")
    store.write_batches(
        "UNWIND $rows AS r CREATE (s:Segment {id: r.id, chain_id: 'g', stage: r.stage, "
        "name_zh: r.id, name_en: r.id}) WITH s MATCH (c:Chain {id: 'g'}) "
        "CREATE (s)-[:PART_OF]->(c)",
        [{"id": s, "stage": st} for s, st in SEGMENTS],
    )
    store.write_batches(
        "UNWIND $rows AS r MATCH (a:Segment {id: r.a}), (b:Segment {id: r.b}) "
        "CREATE (a)-[:FEEDS]->(b)",
        [{"a": a, "b": b} for a, b in FEEDS],
    )
    regions = sorted({f["region"] for f in FIRMS})  # type: ignore[misc]
    store.write_batches(
        "UNWIND $rows AS r CREATE (:Region {id: r.id, name: r.name})",
        [{"id": r, "name": r.rsplit("/", 1)[-1]} for r in regions],
    )
    store.write_batches(
        "UNWIND $rows AS r MATCH (s:Segment {id: r.segment}), (g:Region {id: r.region}) "
        "CREATE (f:Firm {id: r.id, name: r.id, role: r.role})-[:IN_SEGMENT]->(s) "
        "CREATE (f)-[:LOCATED_IN]->(g)",
        FIRMS,
    )
    store.write_batches(
        "UNWIND $rows AS r MATCH (a:Firm {id: r.from}), (b:Firm {id: r.to}) "
        "CREATE (a)-[:SUPPLIES]->(b)",
        SUPPLIES,
    )


def test_golden_verdicts_and_risks(store: GraphStore) -> None:
    build_golden(store)
    scope = resolve_scope(store, "青岛")
    assert scope.id == QD
    report = analyse_chain(store, "g", scope, GapThresholds())
    assert report.verdicts() == {
        "g.up1": "missing",
        "g.up2": "weak",
        "g.mid": "strong",
        "g.down1": "weak",
        "g.down2": "strong",
    }
    by_segment = {s.segment: s for s in report.segments}
    assert by_segment["g.mid"].metrics["firms"] == 4
    assert by_segment["g.mid"].evidence["leader_ids"] == ["mid-q0"]
    assert by_segment["g.down1"].metrics["location_quotient"] < 0.8
    assert "无链主企业" in by_segment["g.down1"].reasons_zh[0]
    assert by_segment["g.up1"].metrics["national_firms"] == 2
    risks = {(r.kind, r.customer_segment, r.supplier_segment) for r in report.risks}
    assert risks == {
        ("upstream_missing", "g.mid", "g.up1"),
        ("single_supplier", "g.down2", "g.mid"),
        ("outside_only", "g.down1", "g.mid"),
        ("articulation", "g.mid", None),
    }
    single = next(r for r in report.risks if r.kind == "single_supplier")
    assert single.evidence["supplier_ids"] == ["mid-q0"]
    assert single.evidence["customer_ids"] == ["down2-q0", "down2-q1", "down2-q2"]


def test_hand_built_scope_looks_up_its_regions(store: GraphStore) -> None:
    """A Scope made without region ids (as the dashboard does) gives the same report."""
    build_golden(store)
    resolved = resolve_scope(store, "青岛")
    assert resolved.region_ids and QD in resolved.region_ids
    by_hand = Scope(resolved.kind, resolved.id, resolved.name)
    assert set(scope_region_ids(store, by_hand)) == set(resolved.region_ids)
    a = analyse_chain(store, "g", resolved, GapThresholds())
    b = analyse_chain(store, "g", by_hand, GapThresholds())
    assert a.table() == b.table()
    assert [(r.kind, r.customer_segment, r.supplier_segment) for r in a.risks] == [
        (r.kind, r.customer_segment, r.supplier_segment) for r in b.risks
    ]


def test_thresholds_are_settings(store: GraphStore) -> None:
    build_golden(store)
    scope = resolve_scope(store, "青岛")
    lenient = analyse_chain(store, "g", scope, GapThresholds(weak_min_firms=1, weak_max_lq=0.0))
    assert lenient.verdicts()["g.up2"] == "strong"
    assert lenient.verdicts()["g.down1"] == "strong"


def test_district_scope_and_unknown_scope(store: GraphStore) -> None:
    build_golden(store)
    scope = resolve_scope(store, "即墨区")
    report = analyse_chain(store, "g", scope, GapThresholds())
    assert {s.segment: s.metrics["firms"] for s in report.segments}["g.down2"] == 2
    with pytest.raises(Exception, match="no region or park named"):
        resolve_scope(store, "火星")


def test_same_verdicts_on_real_data(store: GraphStore) -> None:
    """Real data: a verdict for every segment; evidence ids resolve to sourced nodes."""
    store.ensure_schema()
    load_canonical(store, REPO / "data")
    report = analyse_chain(store, "marine_ai", resolve_scope(store, "青岛"), GapThresholds())
    assert len(report.segments) == 20
    ids = sorted({i for s in report.segments for i in s.evidence["firm_ids"]})
    assert ids
    found = store.read(
        "UNWIND $ids AS id MATCH (f:Firm {id: id}) WHERE size(f.sources) > 0 RETURN count(f) AS n",
        ids=ids,
    )
    assert found == [{"n": len(ids)}]


def test_articulation_points() -> None:
    assert articulation_points({"a", "b", "c"}, [("a", "b"), ("b", "c")]) == {"b"}
    assert articulation_points({"a", "b", "c"}, [("a", "b"), ("b", "c"), ("c", "a")]) == set()


def test_real_data_gives_the_same_report_on_both_engines(falkordb_db, neo4j_uri) -> None:
    from tests.conftest import falkordb_store, neo4j_store

    tables = []
    for store in (falkordb_store(falkordb_db), neo4j_store(neo4j_uri)):
        try:
            store.ensure_schema()
            load_canonical(store, REPO / "data")
            for chain in ("marine_ai", "smart_port"):
                report = analyse_chain(store, chain, resolve_scope(store, "青岛"), GapThresholds())
                risks = sorted(
                    (r.kind, r.customer_segment, r.supplier_segment or "") for r in report.risks
                )
                tables.append((chain, report.table(), risks))
        finally:
            store.reset()
            store.close()
    half = len(tables) // 2
    assert tables[:half] == tables[half:]


def test_best_target_and_reasons(store: GraphStore) -> None:
    from oceanbrain.graph.analysis.targets import TargetWeights, recommend_targets

    build_golden(store)
    store.write(
        "MATCH (f:Firm {id: 'up1-x0'}) SET f.high_tech = true, f.registered_capital_cny = 1.0e9"
    )
    report = analyse_chain(store, "g", resolve_scope(store, "青岛"), GapThresholds())
    leads = recommend_targets(store, report, top=100, weights=TargetWeights())
    firms = [lead.firm_id for lead in leads]
    assert firms[0] == "up1-x0"  # the missing segment's strongest outside firm
    assert not any(f.startswith(("up2-q", "down1-q", "mid-")) for f in firms)  # no local firms,
    # only gap segments with outside firms (g.up2 has none outside 青岛)
    assert {lead.segment for lead in leads} == {"g.up1", "g.down1"}
    best = leads[0]
    assert best.components["strength"] == pytest.approx(0.2 + 0.3 * 0.9)
    assert "缺链（无同类企业）" in best.reason_zh and "高新技术企业" in best.reason_zh
    assert leads == sorted(leads, key=lambda lead: (-lead.score, lead.firm_id, lead.segment))


# -- held-back scenario: built the same way, with a different layout, in a park scope ----------
PARK = "park:held"
K_SEGMENTS = [
    ("k.a", "upstream"),
    ("k.b", "upstream"),
    ("k.c", "midstream"),
    ("k.d", "midstream"),
    ("k.e", "downstream"),
]
K_FEEDS = [("k.b", "k.c"), ("k.c", "k.d"), ("k.d", "k.e"), ("k.a", "k.e")]


def kfirm(fid: str, segment: str, in_park: bool, **props: object) -> dict[str, object]:
    return {
        "id": fid,
        "segment": segment,
        "park": in_park,
        "region": QD if in_park or fid.startswith("d-x") else SH,
        "role": props.get("role", "骨干"),
        "high_tech": props.get("high_tech", False),
        "capital": props.get("capital", 0.0),
    }


# By construction, in the park 示例留存园区 (firms IN_PARK it):
#   k.a 0 in the park, 3 outside (a-x0 a strong leader)     → 缺链 missing (and the best target)
#   k.b 5 in the park, one a leader                         → 强链 strong
#   k.c 2 in the park                                       → 弱链 weak (fewer than 3)
#   k.d 4 in the park, no leader, 40 in Qingdao outside it  → 弱链 weak (LQ 0.39)
#   k.e 3 in the park, one a leader                         → 强链 strong
# 断链: k.a feeds k.e but is missing (upstream_missing); k.c and k.d are articulation points of
# the path b–c–d–e; every k.e firm buys from d-p0 only (single_supplier); the k.c firms buy
# only from two k.b firms outside (outside_only); k.d firms buy 4:1 from c-p0 and x-c
# (concentrated, HHI 0.68).
K_FIRMS = (
    [kfirm("a-x0", "k.a", False, role="链主", high_tech=True, capital=1.0e10)]
    + [kfirm(f"a-x{i}", "k.a", False) for i in (1, 2)]
    + [kfirm("b-p0", "k.b", True, role="链主")]
    + [kfirm(f"b-p{i}", "k.b", True) for i in range(1, 5)]
    + [kfirm(f"b-x{i}", "k.b", False) for i in range(2)]
    + [kfirm(f"c-p{i}", "k.c", True) for i in range(2)]
    + [kfirm("x-c", "k.c", False)]
    + [kfirm(f"d-p{i}", "k.d", True) for i in range(4)]
    + [kfirm(f"d-x{i:02d}", "k.d", False) for i in range(40)]
    + [kfirm("e-p0", "k.e", True, role="链主")]
    + [kfirm(f"e-p{i}", "k.e", True) for i in (1, 2)]
)
K_SUPPLIES = (
    [{"from": "d-p0", "to": f"e-p{i}"} for i in range(3)]
    + [{"from": f"b-x{j}", "to": f"c-p{i}"} for i in range(2) for j in range(2)]
    + [{"from": "c-p0", "to": f"d-p{i}"} for i in range(4)]
    + [{"from": "x-c", "to": "d-p0"}]
)


def build_heldback(store: GraphStore) -> None:
    store.ensure_schema()
    store.write("CREATE (:Chain {id: 'k', name_zh: '留存链'})")
    store.write_batches(
        "UNWIND $rows AS r MATCH (c:Chain {id: 'k'}) CREATE (s:Segment {id: r.id, chain_id: 'k', "
        "stage: r.stage, name_zh: r.id, name_en: r.id})-[:PART_OF]->(c)",
        [{"id": s, "stage": st} for s, st in K_SEGMENTS],
    )
    store.write_batches(
        "UNWIND $rows AS r MATCH (a:Segment {id: r.a}), (b:Segment {id: r.b}) "
        "CREATE (a)-[:FEEDS]->(b)",
        [{"a": a, "b": b} for a, b in K_FEEDS],
    )
    store.write_batches(
        "UNWIND $rows AS r CREATE (:Region {id: r.id, name: r.name})",
        [{"id": QD, "name": "青岛市"}, {"id": SH, "name": "上海市"}],
    )
    store.write(
        "MATCH (g:Region {id: $qd}) CREATE (:Park {id: $park, name: '示例留存园区'})"
        "-[:LOCATED_IN]->(g)",
        qd=QD,
        park=PARK,
    )
    store.write_batches(
        "UNWIND $rows AS r MATCH (s:Segment {id: r.segment}), (g:Region {id: r.region}) "
        "CREATE (f:Firm {id: r.id, name: r.id, role: r.role, high_tech: r.high_tech, "
        "registered_capital_cny: r.capital})-[:IN_SEGMENT]->(s) CREATE (f)-[:LOCATED_IN]->(g)",
        K_FIRMS,
    )
    store.write_batches(
        "UNWIND $rows AS r MATCH (f:Firm {id: r.id}), (p:Park {id: $park}) "
        "CREATE (f)-[:IN_PARK]->(p)".replace("$park", "'" + PARK + "'"),
        [f for f in K_FIRMS if f["park"]],
    )
    store.write_batches(
        "UNWIND $rows AS r MATCH (a:Firm {id: r.from}), (b:Firm {id: r.to}) "
        "CREATE (a)-[:SUPPLIES]->(b)",
        K_SUPPLIES,
    )
    store.write(
        "MATCH (p:Park {id: $park}), (f:Firm {id: 'a-x1'}) CREATE (j:Project {id: 'project:k', "
        "name: '留存项目', signed_date: '2024-06-01'})-[:IN_PARK]->(p) "
        "CREATE (j)-[:INVESTED_BY]->(f)",
        park=PARK,
    )


def test_heldback_scenario_is_found_exactly(store: GraphStore) -> None:
    from oceanbrain.graph.analysis.targets import TargetWeights, recommend_targets

    build_heldback(store)
    scope = resolve_scope(store, "示例留存园区")
    assert (scope.kind, scope.id) == ("park", PARK)
    report = analyse_chain(store, "k", scope, GapThresholds())
    assert report.verdicts() == {
        "k.a": "missing",
        "k.b": "strong",
        "k.c": "weak",
        "k.d": "weak",
        "k.e": "strong",
    }
    by_segment = {s.segment: s for s in report.segments}
    assert by_segment["k.d"].metrics["firms"] == 4  # the 40 Qingdao firms outside the park
    assert by_segment["k.d"].metrics["location_quotient"] == pytest.approx(
        (4 / 14) / (44 / 60), abs=1e-3
    )
    risks = {(r.kind, r.customer_segment, r.supplier_segment) for r in report.risks}
    assert risks == {
        ("upstream_missing", "k.e", "k.a"),
        ("single_supplier", "k.e", "k.d"),
        ("outside_only", "k.c", "k.b"),
        ("concentrated", "k.d", "k.c"),
        ("articulation", "k.c", None),
        ("articulation", "k.d", None),
    }
    concentrated = next(r for r in report.risks if r.kind == "concentrated")
    assert concentrated.hhi == pytest.approx(0.68)
    leads = recommend_targets(store, report, top=3, weights=TargetWeights())
    # a-x0 strongest; a-x1 has a recent project in the park; x-c supplies a park firm (a tie
    # found although 40 plain firms sort before it by id).
    assert [lead.firm_id for lead in leads] == ["a-x0", "a-x1", "x-c"]
    assert leads[2].evidence["customers"] == ["d-p0"]
    assert leads[1].evidence["projects"] == ["留存项目"]
    every = recommend_targets(store, report, top=100, weights=TargetWeights())
    assert not any("-p" in lead.firm_id for lead in every)  # never a firm of the park
    assert len(every) == 3 + 1 + 40  # k.a outside, x-c, the 40 k.d firms outside the park

"""Every saved query (queries/*.cypher) runs on a small hand-built graph with known answers.

The graph is the gap-analysis golden graph plus parks, institutions, people, projects, products,
sources, a cooperation, a review item and an ingest run (``build_small``; test_profiles.py uses it
too). Each query has an expectation written from that construction, checked on both engines.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from typer.testing import CliRunner

from oceanbrain.errors import QueryError
from oceanbrain.graph import GraphStore
from oceanbrain.graph.saved import list_saved, parse_saved, run_saved
from tests.conftest import ENGINES, REPO, falkordb_store, neo4j_store
from tests.graph.test_gap_analysis import QD, SH, build_golden

pytestmark = pytest.mark.graph

JM = QD + "/即墨区"
LS = QD + "/崂山区"


def build_small(store: GraphStore) -> None:
    """The golden graph (chain g, 44 firms) plus everything the profiles and queries need."""
    build_golden(store)
    w = store.write
    w(
        "CREATE (:Chain {id: 'h', name_zh: '空链', name_en: 'Empty chain'})"
        "<-[:PART_OF]-(:Segment {id: 'h.only', chain_id: 'h', stage: 'upstream', "
        "name_zh: 'h.only', name_en: 'h.only'})"
    )
    w(
        "MATCH (c:Chain {id: 'g'}) SET c.name_en = 'Golden chain' "
        "WITH c MATCH (h:Chain {id: 'h'}), (j:Region {id: $jm}) "
        "CREATE (p:Park {id: 'park:lg', name: '示例蓝谷', aliases: ['蓝谷'], district: '即墨区', "
        "sources: ['src:web:park']})-[:LOCATED_IN]->(j) "
        "CREATE (p)-[:FOCUSES_ON]->(c) CREATE (p)-[:FOCUSES_ON]->(h)",
        jm=JM,
    )
    w(
        "MATCH (p:Park {id: 'park:lg'}) UNWIND ['down2-q1', 'down2-q2', 'mid-q1'] AS fid "
        "MATCH (f:Firm {id: fid}) CREATE (f)-[:IN_PARK]->(p)"
    )
    w(
        "MATCH (ls:Region {id: $ls}), (sh:Region {id: $sh}), (p:Park {id: 'park:lg'}), "
        "(up1:Segment {id: 'g.up1'}), (mid:Segment {id: 'g.mid'}) "
        "CREATE (ouc:Institution {id: 'inst:ouc', name: '示例海洋大学', aliases: ['海大'], "
        "kind: '高校', fields: ['水下机器人', '海洋感知'], sources: ['src:web:inst']})"
        "-[:LOCATED_IN]->(ls) "
        "CREATE (ouc)-[:IN_PARK]->(p) CREATE (ouc)-[:IN_SEGMENT]->(up1) "
        "CREATE (shi:Institution {id: 'inst:sh', name: '上海示例研究所', kind: '科研院所', "
        "fields: ['g.up1 材料']})-[:LOCATED_IN]->(sh) "
        "CREATE (shi)-[:IN_SEGMENT]->(up1) "
        "CREATE (kw:Institution {id: 'inst:kw', name: '示例感知实验室', kind: '创新平台', "
        "fields: ['g.up1 传感']})-[:LOCATED_IN]->(ls) "
        "CREATE (a:Person {id: 'person:a', name: '张示例', title: '院士', field: '水下机器人'})"
        "-[:EXPERT_IN]->(up1) CREATE (a)-[:AFFILIATED_WITH]->(ouc) "
        "CREATE (b:Person {id: 'person:b', name: '李示例', title: '研究员'})-[:EXPERT_IN]->(up1) "
        "CREATE (b)-[:AFFILIATED_WITH]->(shi) "
        "CREATE (c:Person {id: 'person:c', name: '王示例', title: '总工程师'})"
        "-[:EXPERT_IN]->(mid)",
        ls=LS,
        sh=SH,
    )
    w(
        "MATCH (c:Person {id: 'person:c'}), (m:Firm {id: 'mid-q0'}), (ouc:Institution "
        "{id: 'inst:ouc'}), (x:Firm {id: 'up1-x0'}), (j:Region {id: $jm}), "
        "(p:Park {id: 'park:lg'}), (d2:Segment {id: 'g.down2'}), (mid:Segment {id: 'g.mid'}) "
        "CREATE (c)-[:AFFILIATED_WITH {role: '总工程师'}]->(m) "
        "CREATE (m)-[:COOPERATES_WITH]->(ouc) "
        "SET m.aliases = ['示例链主'], m.sources = ['src:file:firms', 'src:web:mid'], "
        "m.high_tech = true, m.city = '青岛市', m.district = '黄岛区', "
        "m.registered_capital_cny = 5.0e8 "
        "CREATE (j1:Project {id: 'project:1', name: '示例项目一', status: '在建', "
        "signed_date: '2024-05-01', amount_cny: 1.0e8})-[:LOCATED_IN]->(j) "
        "CREATE (j1)-[:IN_PARK]->(p) CREATE (j1)-[:IN_SEGMENT]->(d2) "
        "CREATE (j1)-[:INVESTED_BY]->(x) "
        "CREATE (j2:Project {id: 'project:2', name: '示例项目二', status: '签约', "
        "signed_date: '2022-03-01', amount_cny: 3.0e7})-[:LOCATED_IN]->(j) "
        "CREATE (j2)-[:IN_SEGMENT]->(mid) CREATE (j2)-[:INVESTED_BY]->(m) "
        "CREATE (pr:Product {id: 'product:1', name: '示例大模型', kind: '行业大模型'})"
        "-[:DEVELOPED_BY]->(m) CREATE (pr)-[:IN_SEGMENT]->(mid) "
        "CREATE (:Source {id: 'src:web:mid', kind: 'web', url: 'https://example.invalid/mid', "
        "title: '示例报道'}) "
        "CREATE (:Source {id: 'src:file:firms', kind: 'file', url: 'data/qingdao/firms.csv'}) "
        "CREATE (:Judgement {id: 'judgement:1', kind: 'segment_link', decision: 'pending'}) "
        "CREATE (:Judgement {id: 'judgement:2', kind: 'segment_link', decision: 'accept'}) "
        "CREATE (:IngestRun {id: 'run:2', status: 'ok', started_at: '2026-11-02T00:00:00'}) "
        "CREATE (:IngestRun {id: 'run:1', status: 'ok', started_at: '2026-11-01T00:00:00'}) "
        "CREATE (:Firm {id: 'lone-q', name: '无环节示例'})-[:LOCATED_IN]->(j)",
        jm=JM,
    )
    w("MATCH (f:Firm {id: 'mid-q0'}) SET f.role = '链主'")


@pytest.fixture(scope="module", params=ENGINES)
def small(request: pytest.FixtureRequest) -> Iterator[GraphStore]:
    """The small graph once per engine for the whole module (read-only tests)."""
    if request.param == "falkordb":
        store = falkordb_store(request.getfixturevalue("falkordb_db"))
    else:
        store = neo4j_store(request.getfixturevalue("neo4j_uri"))
    try:
        store.ensure_schema()
        build_small(store)
        yield store
    finally:
        store.reset()
        store.close()


def col(rows: list[dict[str, Any]], name: str) -> list[Any]:
    return [r[name] for r in rows]


Check = Callable[[list[dict[str, Any]]], None]


def _parks(rows: list[dict[str, Any]]) -> None:
    by_chain = {r["chain"]: r for r in rows}
    assert by_chain["g"]["segments"] == 5 and by_chain["g"]["covered"] == 2
    assert by_chain["h"]["covered"] == 0


EXPECTED: dict[str, tuple[dict[str, Any], Check]] = {
    "suppliers_within_2_hops": (
        {"firm": "down2-q1"},
        lambda rows: (
            col(rows, "supplier_id") == ["mid-q0"]
            and col(rows, "hops") == [1]
            or pytest.fail(str(rows))
        ),
    ),
    "customers_within_2_hops": (
        {"firm": "示例链主"},  # by alias
        lambda rows: (
            col(rows, "customer_id") == ["down2-q0", "down2-q1", "down2-q2"]
            or pytest.fail(str(rows))
        ),
    ),
    "firms_in_park_by_segment": (
        {"park": "蓝谷"},
        lambda rows: (
            [(r["segment"], r["firms"]) for r in rows] == [("g.down2", 2), ("g.mid", 1)]
            or pytest.fail(str(rows))
        ),
    ),
    "park_focus_coverage": ({}, _parks),
    "chain_segments": (
        {"chain": "示例链"},
        lambda rows: (
            {r["segment"]: sorted(r["feeds"]) for r in rows}
            == {
                "g.up1": ["g.mid"],
                "g.up2": ["g.mid"],
                "g.mid": ["g.down1", "g.down2"],
                "g.down1": [],
                "g.down2": [],
            }
            or pytest.fail(str(rows))
        ),
    ),
    "segment_firm_counts": (
        {"chain": "g"},
        lambda rows: (
            {r["segment"]: (r["local_firms"], r["all_firms"]) for r in rows}
            == {
                "g.up1": (0, 2),
                "g.up2": (1, 1),
                "g.mid": (4, 6),
                "g.down1": (3, 33),
                "g.down2": (3, 3),
            }
            or pytest.fail(str(rows))
        ),
    ),
    "missing_segments": (
        {"chain": "g"},
        lambda rows: (
            [(r["segment"], r["firms_elsewhere"]) for r in rows] == [("g.up1", 2)]
            or pytest.fail(str(rows))
        ),
    ),
    "chain_leaders": (
        {"chain": "g"},
        lambda rows: col(rows, "firm_id") == ["down2-q0", "mid-q0"] or pytest.fail(str(rows)),
    ),
    "firms_by_district": (
        {"region": "青岛市"},
        lambda rows: (
            {r["district"]: r["firms"] for r in rows}
            == {"青岛市": 7, "即墨区": 3, "崂山区": 1, "黄岛区": 1}
            and sum(r["high_tech"] for r in rows) == 1
            or pytest.fail(str(rows))
        ),
    ),
    "specialised_firms_in_segment": (
        {"segment": "g.mid"},
        lambda rows: col(rows, "firm_id") == ["mid-q0"] or pytest.fail(str(rows)),
    ),
    "talent_for_segment": (
        {"segment": "g.up1"},
        lambda rows: (
            [(r["person"], r["affiliation"], r["located_in"]) for r in rows]
            == [("张示例", "示例海洋大学", "崂山区"), ("李示例", "上海示例研究所", "上海市")]
            or pytest.fail(str(rows))
        ),
    ),
    "institutions_for_segment": (
        {"segment": "g.up1"},
        lambda rows: (
            [(r["institution_id"], r["people"]) for r in rows] == [("inst:sh", 1), ("inst:ouc", 1)]
            or pytest.fail(str(rows))
        ),
    ),
    "projects_since": (
        {"since": "2023-01-01"},
        lambda rows: (
            [(r["project_id"], r["investors"]) for r in rows] == [("project:1", ["up1-x0"])]
            or pytest.fail(str(rows))
        ),
    ),
    "projects_by_segment": (
        {"chain": "g"},
        lambda rows: (
            [(r["segment"], r["projects"], r["amount_cny"]) for r in rows]
            == [("g.down2", 1, 1.0e8), ("g.mid", 1, 3.0e7)]
            or pytest.fail(str(rows))
        ),
    ),
    "firm_sources": (
        {"firm": "mid-q0"},
        lambda rows: (
            col(rows, "url") == ["https://example.invalid/mid", "data/qingdao/firms.csv"]
            or pytest.fail(str(rows))
        ),
    ),
    "entity_neighbours": (
        {"id": "inst:ouc"},
        lambda rows: (
            sorted((r["relationship"], r["direction"], r["neighbour_id"]) for r in rows)
            == [
                ("AFFILIATED_WITH", "in", "person:a"),
                ("COOPERATES_WITH", "in", "mid-q0"),
                ("IN_PARK", "out", "park:lg"),
                ("IN_SEGMENT", "out", "g.up1"),
                ("LOCATED_IN", "out", LS),
            ]
            or pytest.fail(str(rows))
        ),
    ),
    "outside_suppliers": (
        {"chain": "g"},
        lambda rows: (
            [(r["supplier_id"], r["local_customers"]) for r in rows]
            == [("mid-x0", 3), ("mid-x1", 3)]
            or pytest.fail(str(rows))
        ),
    ),
    "single_supplier_customers": (
        {},
        lambda rows: (
            [(r["firm_id"], r["only_supplier"]) for r in rows]
            == [("down2-q0", "mid-q0"), ("down2-q1", "mid-q0"), ("down2-q2", "mid-q0")]
            or pytest.fail(str(rows))
        ),
    ),
    "products_and_developers": (
        {"kind": "行业大模型"},
        lambda rows: (
            [(r["product"], r["developers"]) for r in rows] == [("示例大模型", ["mid-q0"])]
            or pytest.fail(str(rows))
        ),
    ),
    "cooperation_partners": (
        {"name": "海大"},
        lambda rows: col(rows, "partner_id") == ["mid-q0"] or pytest.fail(str(rows)),
    ),
    "firms_without_segment": (
        {},
        lambda rows: col(rows, "firm_id") == ["lone-q"] or pytest.fail(str(rows)),
    ),
    "upstream_segments": (
        {"segment": "g.down1"},
        lambda rows: (
            [(r["segment"], r["steps"]) for r in rows] == [("g.mid", 1), ("g.up1", 2), ("g.up2", 2)]
            or pytest.fail(str(rows))
        ),
    ),
    "top_firms_in_segment": (
        {"segment": "g.mid", "limit": 1},
        lambda rows: col(rows, "firm_id") == ["mid-q0"] or pytest.fail(str(rows)),
    ),
    "find_by_name": (
        {"text": "蓝谷"},
        lambda rows: (
            [(r["label"], r["id"]) for r in rows] == [("Park", "park:lg")] or pytest.fail(str(rows))
        ),
    ),
    "parks_overview": (
        {},
        lambda rows: (
            [
                (r["park"], sorted(r["focus"]), r["firms"], r["institutions"], r["projects"])
                for r in rows
            ]
            == [("示例蓝谷", ["g", "h"], 3, 1, 1)]
            or pytest.fail(str(rows))
        ),
    ),
    "pending_reviews": (
        {},
        lambda rows: rows == [{"kind": "segment_link", "pending": 1}] or pytest.fail(str(rows)),
    ),
    "recent_ingest_runs": (
        {"limit": 1},
        lambda rows: col(rows, "run") == ["run:2"] or pytest.fail(str(rows)),
    ),
}


def test_at_least_twenty_saved_queries_each_with_an_expectation() -> None:
    names = [q.name for q in list_saved()]
    assert len(names) >= 20
    assert sorted(names) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_saved_query_returns_the_expected_rows(small: GraphStore, name: str) -> None:
    params, check = EXPECTED[name]
    result = run_saved(small, name, params)
    assert result.rows, f"{name} returned no rows on {small.engine}"
    check(result.rows)


def test_saved_queries_are_documented_with_examples() -> None:
    cookbook = (REPO / "docs" / "cypher-cookbook.md").read_text(encoding="utf-8")
    for q in list_saved():
        assert q.examples and all(
            e.startswith("oceanbrain query --saved " + q.name) for e in q.examples
        )
        assert f"`{q.name}`" in cookbook, q.name
        assert q.description_zh != q.description_en, q.name  # both languages


def test_parameters_are_checked_before_the_engine_sees_them(small: GraphStore) -> None:
    with pytest.raises(QueryError, match="needs parameter 'firm'"):
        run_saved(small, "suppliers_within_2_hops", {})
    with pytest.raises(QueryError, match="has no parameter 'frim'"):
        run_saved(small, "suppliers_within_2_hops", {"firm": "x", "frim": "x"})
    with pytest.raises(QueryError, match="'limit' must be integer"):
        run_saved(small, "suppliers_within_2_hops", {"firm": "x", "limit": "many"})
    with pytest.raises(QueryError, match="did you mean suppliers_within_2_hops"):
        run_saved(small, "suppliers_within_2hops", {})
    # a number typed for a string parameter stays text
    found = run_saved(small, "find_by_name", {"text": 2}).rows
    assert found and all("2" in r["name"] for r in found)


def test_header_and_body_must_agree(tmp_path) -> None:
    from oceanbrain.errors import ConfigError

    bad = tmp_path / "bad.cypher"
    bad.write_text("// description: x | 甲\nMATCH (n {id: $id}) RETURN n\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"\$id is used but not declared"):
        parse_saved(bad)
    bad.write_text(
        "// description: x | 甲\n// param: id (strin) the id\nMATCH (n) RETURN n\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError, match="bad param line"):
        parse_saved(bad)


def test_cli_list_and_parameter_errors() -> None:
    """No graph needed: --list reads the files, and parameters are checked before connecting
    (tests/graph/test_profiles.py runs a saved query through the CLI on both engines)."""
    from oceanbrain.cli import app

    runner = CliRunner()
    listed = runner.invoke(app, ["query", "--list"])
    assert listed.exit_code == 0
    assert "suppliers_within_2_hops" in listed.output and "两跳" in listed.output
    missing = runner.invoke(app, ["query", "--saved", "suppliers_within_2_hops"])
    assert missing.exit_code == 2
    assert "needs parameter 'firm'" in missing.output and "Traceback" not in missing.output
    neither = runner.invoke(app, ["query"])
    assert neither.exit_code == 2 and "CYPHER" in neither.output

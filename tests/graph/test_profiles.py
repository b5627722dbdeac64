"""Park and firm profiles, talent for a gap and goal tracking, on both engines.

The small hand-built graph (tests/graph/test_saved_queries.build_small) gives exact answers; the
real data checks that every id a verdict, profile or goal cites resolves to a node with sources.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from oceanbrain.errors import QueryError
from oceanbrain.graph import GraphStore
from oceanbrain.graph.analysis import GapThresholds, analyse_chain, resolve_scope
from oceanbrain.graph.analysis.goals import goal_progress
from oceanbrain.graph.analysis.profiles import firm_profile, park_profile
from oceanbrain.graph.analysis.talent import talent_for_segment
from oceanbrain.ingest.load import load_canonical
from tests.conftest import ENGINES, REPO, falkordb_store, neo4j_store
from tests.graph.test_saved_queries import build_small

pytestmark = pytest.mark.graph


def _store(request: pytest.FixtureRequest) -> GraphStore:
    if request.param == "falkordb":
        return falkordb_store(request.getfixturevalue("falkordb_db"))
    return neo4j_store(request.getfixturevalue("neo4j_uri"))


@pytest.fixture(scope="module", params=ENGINES)
def small(request: pytest.FixtureRequest) -> Iterator[GraphStore]:
    store = _store(request)
    try:
        store.ensure_schema()
        build_small(store)
        yield store
    finally:
        store.reset()
        store.close()


@pytest.fixture(scope="module", params=ENGINES)
def real(request: pytest.FixtureRequest) -> Iterator[GraphStore]:
    store = _store(request)
    try:
        store.ensure_schema()
        load_canonical(store, REPO / "data")
        yield store
    finally:
        store.reset()
        store.close()


# -- small graph: exact answers ------------------------------------------------------------------
def test_park_profile_against_focus_chains(small: GraphStore) -> None:
    p = park_profile(small, "蓝谷")  # alias
    assert (p.id, p.name, p.focus_chains) == ("park:lg", "示例蓝谷", ["g", "h"])
    coverage = {c.chain: (c.focus, c.segments, c.covered) for c in p.chains}
    assert coverage == {"g": (True, 5, 2), "h": (True, 1, 0)}
    g = next(c for c in p.chains if c.chain == "g")
    assert g.coverage == 0.4
    rows = {r["segment"]: r for r in g.segment_rows}
    assert (rows["g.down2"]["firms"], rows["g.down2"]["projects"]) == (2, 1)
    assert rows["g.up1"]["institutions"] == 1 and rows["g.up1"]["firms"] == 0
    assert rows["g.mid"]["firm_names"] == ["mid-q1"]
    assert sorted(f["id"] for f in p.firms) == ["down2-q1", "down2-q2", "mid-q1"]
    assert [i["id"] for i in p.institutions] == ["inst:ouc"]
    assert [j["id"] for j in p.projects] == ["project:1"]
    assert "g.up1" in g.row()["missing_zh"] and g.row()["focus_zh"] == "主导产业链"
    assert p.to_dict()["summary"]["firms"] == 3


def test_firm_profile(small: GraphStore) -> None:
    p = firm_profile(small, "示例链主")  # alias of mid-q0
    assert p.id == "mid-q0"
    assert [s["segment"] for s in p.segments] == ["g.mid"]
    assert p.segments[0]["confidence"] == 1.0
    assert [c["id"] for c in p.customers] == ["down2-q0", "down2-q1", "down2-q2"]
    assert p.suppliers == []
    assert p.regions == ["region:中国/山东省/青岛市/黄岛区"]
    assert [j["id"] for j in p.projects] == ["project:2"]
    assert [(x["name"], x["role"]) for x in p.people] == [("王示例", "总工程师")]
    assert [x["id"] for x in p.products] == ["product:1"]
    assert [x["id"] for x in p.partners] == ["inst:ouc"]
    assert [s["url"] for s in p.sources] == [
        "https://example.invalid/mid",
        "data/qingdao/firms.csv",
    ]
    nodes = {n["id"] for n in p.neighbourhood["nodes"]}
    assert {"mid-q0", "down2-q0", "g.mid", "inst:ouc", "person:a"} <= nodes  # person:a: 2 hops
    assert "down1-q0" not in nodes  # never expanded through the segment hub
    edges = {(e["source"], e["type"], e["target"]) for e in p.neighbourhood["edges"]}
    assert ("mid-q0", "SUPPLIES", "down2-q0") in edges
    assert ("person:a", "AFFILIATED_WITH", "inst:ouc") in edges
    assert all(e["source"] in nodes and e["target"] in nodes for e in p.neighbourhood["edges"])
    capped = firm_profile(small, "mid-q0", cap=4)
    assert len(capped.neighbourhood["nodes"]) == 4


def test_unknown_and_ambiguous_names(small: GraphStore) -> None:
    with pytest.raises(QueryError, match=r"no firm 企业 named 'mid-q9'.*close matches: .*mid-q"):
        firm_profile(small, "mid-q9")
    with pytest.raises(QueryError, match="no park 园区 named '火星园'"):
        park_profile(small, "火星园")
    small.write(
        "CREATE (:Firm {id: 'twin-1', name: '双胞胎示例'}), "
        "(:Firm {id: 'twin-2', name: '双胞胎示例'})"
    )
    try:
        with pytest.raises(QueryError, match="ambiguous: 2 match .*twin-1.*twin-2"):
            firm_profile(small, "双胞胎示例")
    finally:
        small.write("MATCH (f:Firm) WHERE f.id IN ['twin-1', 'twin-2'] DELETE f")


def test_talent_for_a_gap_local_first(small: GraphStore) -> None:
    scope = resolve_scope(small, "青岛")
    small.write("MATCH (s:Segment {id: 'g.up1'}) SET s.keywords = ['传感', '材料', '水下机器人']")
    rows = talent_for_segment(small, scope, "g.up1")
    got = [(r["kind"], r["id"], r["local"], r["match"]) for r in rows]
    assert got == [
        ("person", "person:a", True, "link"),  # EXPERT_IN, affiliated with a Qingdao university
        ("institution", "inst:ouc", True, "link"),
        ("institution", "inst:kw", True, "keyword"),  # fields contain 传感
        ("person", "person:b", False, "link"),
        ("institution", "inst:sh", False, "link"),
    ]
    assert rows[2]["evidence_zh"] == "研究领域含关键词：传感"
    assert rows[0]["local_zh"] == "青岛市本地" and rows[3]["local_zh"] == "外地"
    assert len(talent_for_segment(small, scope, "g.up1", limit=2)) == 2
    in_park = talent_for_segment(small, resolve_scope(small, "示例蓝谷"), "g.up1")
    assert [r["id"] for r in in_park if r["local"]] == ["person:a", "inst:ouc"]
    with pytest.raises(QueryError, match="no segment with id 'g.nope'"):
        talent_for_segment(small, scope, "g.nope")


def test_goal_progress_counts_only_what_the_graph_holds(small: GraphStore, tmp_path: Path) -> None:
    goals = tmp_path / "goals.yaml"
    rows = [
        ("leaders", "leader_firms", 4, "家", "青岛", None),
        ("chain_firms", "firms", 20, "家", "示例蓝谷", "g"),
        ("projects", "projects", 10, "个", "即墨区", None),
        ("compute", "compute_eflops", 12, "EFLOPS", "青岛市", None),
        ("vision", "park_positioning", "海洋算谷", "定性", "示例蓝谷", None),
        ("mars", "firms", 1, "家", "火星", None),
    ]
    goals.write_text(
        yaml.safe_dump(
            {
                "goals": [
                    {"id": i, "name_zh": i, "metric": m, "target": t, "unit": u}
                    | {"deadline": "2026-12-31", "scope": s}
                    | ({"chain": c} if c else {})
                    for i, m, t, u, s, c in rows
                ]
            },
            allow_unicode=True,
        ),
        encoding="utf-8",
    )
    by_id = {g.id: g for g in goal_progress(small, goals)}
    leaders = by_id["leaders"]
    assert (leaders.status, leaders.current, leaders.progress) == ("counted", 2, 0.5)
    assert leaders.evidence_ids == ["down2-q0", "mid-q0"]
    assert "下限" in leaders.basis_zh
    assert (by_id["chain_firms"].current, by_id["chain_firms"].evidence_ids) == (
        3,
        ["down2-q1", "down2-q2", "mid-q1"],
    )
    assert by_id["projects"].current == 2
    compute = by_id["compute"]
    assert (compute.status, compute.current, compute.progress) == ("not_in_graph", None, None)
    assert "graph does not hold this figure" in compute.basis_zh
    assert by_id["vision"].status == "qualitative" and by_id["vision"].current is None
    assert by_id["mars"].status == "scope_unknown" and by_id["mars"].current is None
    assert by_id["leaders"].row()["status_zh"] == "图谱可计数"


def test_goals_file_errors_name_the_goal_and_field(small: GraphStore, tmp_path: Path) -> None:
    from oceanbrain.errors import ConfigError

    bad = tmp_path / "goals.yaml"
    bad.write_text("goals:\n- {id: x, name_zh: 甲, metric: firms, unit: 家}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"goal 1 \(x\) lacks field 'target'"):
        goal_progress(small, bad)


# -- real data -------------------------------------------------------------------------------------
SOURCED = """
UNWIND $ids AS id
MATCH (n) WHERE n.id = id AND size(coalesce(n.sources, [])) > 0
RETURN count(DISTINCT n) AS n
"""


def test_every_verdict_evidence_id_resolves_to_a_sourced_node(real: GraphStore) -> None:
    scope = resolve_scope(real, "青岛")
    ids: set[str] = set()
    for chain in ("marine_ai", "marine_equipment", "marine_biomed", "smart_port"):
        report = analyse_chain(real, chain, scope, GapThresholds())
        for s in report.segments:
            for values in s.evidence.values():
                ids.update(values)
        for r in report.risks:
            for values in r.evidence.values():
                ids.update(values)
    assert len(ids) > 100
    assert real.read(SOURCED, ids=sorted(ids)) == [{"n": len(ids)}]


def test_real_park_and_firm_profiles(real: GraphStore) -> None:
    p = park_profile(real, "蓝谷")
    assert p.name == "青岛蓝谷"
    assert set(p.focus_chains) == {"marine_ai", "marine_equipment", "marine_biomed"}
    for c in p.chains:
        assert c.covered == sum(1 for r in c.segment_rows if r["firms"])
        assert c.segments == len(c.segment_rows)
    assert p.firms and all(f["id"] for f in p.firms)
    assert any(s["kind"] == "web" and s["url"].startswith("http") for s in p.sources)
    f = firm_profile(real, "青岛港")  # short name
    assert f.name == "青岛港国际股份有限公司"
    assert f.segments and f.sources
    assert any(s["kind"] == "web" for s in f.sources)
    assert f.neighbourhood["nodes"] and f.neighbourhood["edges"]


def test_real_goals(real: GraphStore) -> None:
    progress = goal_progress(real, REPO / "data" / "qingdao" / "goals.yaml")
    assert len(progress) == 23
    counted = [g for g in progress if g.status == "counted"]
    assert {g.metric for g in counted} == {
        "ai_leading_firms",
        "ai_featured_parks",
        "large_models",
        "marine_hitech_firms",
    }
    for g in counted:
        assert g.current == len(g.evidence_ids) or len(g.evidence_ids) == 50
        if g.evidence_ids:
            assert real.read(SOURCED, ids=g.evidence_ids) == [{"n": len(g.evidence_ids)}]
    compute = next(g for g in progress if g.metric == "compute_eflops")
    assert compute.current is None and compute.status == "not_in_graph"


def test_cli_profile_talent_goals(engine: str, graph_env: dict[str, str]) -> None:
    from oceanbrain.cli import app

    runner = CliRunner()
    from oceanbrain.graph.connect import open_store

    with open_store(graph_env["OCEANBRAIN_GRAPH"], environ=graph_env) as store:
        store.ensure_schema()
        build_small(store)
    firm = runner.invoke(app, ["profile", "firm", "示例链主"], env=graph_env)
    assert firm.exit_code == 0, firm.output
    assert "mid-q0" in firm.output and "down2-q1" in firm.output and "示例报道" in firm.output
    park = runner.invoke(app, ["profile", "park", "蓝谷", "--format", "json"], env=graph_env)
    assert park.exit_code == 0, park.output
    assert '"coverage": 0.4' in park.output
    unknown = runner.invoke(app, ["profile", "firm", "mid-q9"], env=graph_env)
    assert unknown.exit_code == 2 and "close matches" in unknown.output
    assert "Traceback" not in unknown.output
    talent = runner.invoke(app, ["talent", "--scope", "青岛", "--segment", "g.up1"], env=graph_env)
    assert talent.exit_code == 0 and "张示例" in talent.output
    saved = runner.invoke(
        app,
        ["query", "--saved", "chain_leaders", "--param", "chain=g", "-f", "json"],
        env=graph_env,
    )
    assert saved.exit_code == 0, saved.output
    assert '"firm_id": "mid-q0"' in saved.output
    goals = runner.invoke(app, ["goals"], env=graph_env)
    assert goals.exit_code == 0 and "图谱未收录该指标" in goals.output

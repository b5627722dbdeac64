"""Dashboard pages under streamlit.testing.AppTest, against real graphs on both engines."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from oceanbrain.graph.connect import open_store

pytestmark = pytest.mark.graph

APP = Path(__file__).resolve().parents[2] / "oceanbrain" / "dashboards" / "app.py"


@pytest.fixture
def seeded(graph_env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    for key, value in graph_env.items():
        monkeypatch.setenv(key, value)
    with open_store() as store:
        store.ensure_schema()
        store.write_batches(
            "UNWIND $rows AS r CREATE (:Firm {id: r.id, name: r.name, district: r.district})",
            [
                {"id": "f1", "name": "山东港口青岛港集团有限公司", "district": "市北区"},
                {"id": "f2", "name": "青岛海洋科技示例有限公司", "district": "即墨区"},
                {"id": "f3", "name": "青岛蓝谷示例有限公司", "district": "即墨区"},
            ],
        )
        store.write("CREATE (:Park {id: 'p1', name: '青岛蓝谷'})")
    return graph_env


def run_app(lang: str = "zh") -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.session_state["lang"] = lang
    return at.run()


def test_overview_shows_counts_in_chinese(seeded: dict[str, str]) -> None:
    at = run_app()
    assert not at.exception
    assert at.title[0].value == "海洋产业大脑 · 总览"
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["企业"] == "3"
    assert metrics["园区"] == "1"
    assert metrics["关系总数"] == "0"
    table = at.dataframe[0].value
    assert dict(zip(table["label"], table["数量"], strict=True))["Firm"] == 3
    assert any("模式（约束与索引）: 完整" in c.value for c in at.caption)


def test_overview_in_english(seeded: dict[str, str]) -> None:
    at = run_app("en")
    assert not at.exception
    assert at.title[0].value == "OceanBrain · Overview"
    assert {m.label for m in at.metric} >= {"Firms", "Parks"}


def console(at: AppTest, query: str, params: str = "", max_rows: int = 200) -> AppTest:
    at.text_area(key="console_query").set_value(query)
    at.text_area(key="console_params").set_value(params)
    at.number_input(key="console_max_rows").set_value(max_rows)
    return at.button[0].click().run()


def test_console_runs_a_read_query_with_params(seeded: dict[str, str]) -> None:
    at = run_app().switch_page("views/console.py").run()
    assert not at.exception
    at = console(
        at, "MATCH (f:Firm) WHERE f.district = $d RETURN f.name AS name ORDER BY name", "d=即墨区"
    )
    assert not at.exception
    frame = at.dataframe[0].value
    assert frame["name"].tolist() == ["青岛海洋科技示例有限公司", "青岛蓝谷示例有限公司"]
    assert any("共 2 行" in c.value for c in at.caption)


def test_console_refuses_writes_with_a_message(seeded: dict[str, str]) -> None:
    at = run_app().switch_page("views/console.py").run()
    at = console(at, "MATCH (f:Firm) DETACH DELETE f")
    assert not at.exception
    assert at.warning[0].value.startswith("已拒绝")
    with open_store() as store:
        assert store.read("MATCH (f:Firm) RETURN count(f) AS n") == [{"n": 3}]


def test_console_row_limit_and_bad_params(seeded: dict[str, str]) -> None:
    at = run_app().switch_page("views/console.py").run()
    at = console(at, "UNWIND range(1, 100) AS i RETURN i", max_rows=10)
    assert len(at.dataframe[0].value) == 10
    assert "仅显示前 10 行" in at.warning[0].value
    at = console(at, "RETURN $x AS x", "not a pair")
    assert not at.exception
    assert "name=value" in at.error[0].value


@pytest.fixture
def real_data(graph_env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    from oceanbrain.ingest.load import load_canonical

    for key, value in graph_env.items():
        monkeypatch.setenv(key, value)
    with open_store() as store:
        store.ensure_schema()
        load_canonical(store, APP.parents[2] / "data")
    return graph_env


def test_gap_page_shows_verdicts_risks_and_evidence(real_data: dict[str, str]) -> None:
    at = run_app().switch_page("views/gaps.py").run()
    assert not at.exception
    assert at.title[0].value == "缺链补链"
    assert at.selectbox(key="scope_choice").value["name"] == "青岛市"
    assert at.selectbox(key="chain_choice").value["id"] == "marine_ai"  # first chain by id
    table = at.dataframe[0].value
    assert set(table["判定"]) <= {"缺链", "弱链", "强链"}
    assert len(table) == 20  # every segment of 海洋人工智能
    verdicts = dict(zip(table["环节"], table["判定"], strict=True))
    assert verdicts["水下通信与导航定位"] == "缺链"  # no Qingdao firm in the curated data
    assert any(m.value.startswith("- **上游缺失**") for m in at.markdown)  # risks in Chinese
    assert any("缺链" in m.value for m in at.markdown)


def test_targets_page_lists_leads_with_reasons(real_data: dict[str, str]) -> None:
    at = run_app().switch_page("views/targets.py").run()
    assert not at.exception
    assert at.title[0].value == "招商线索"
    table = at.dataframe[0].value
    assert len(table) > 0
    assert table["推荐理由"].str.contains("青岛市").all()
    assert table["得分"].is_monotonic_decreasing

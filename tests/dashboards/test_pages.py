"""Dashboard pages under streamlit.testing.AppTest, against real graphs on both engines."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
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


@pytest.fixture(autouse=True)
def fresh_caches() -> None:
    """Query results are cached per graph location and ingest run; these graphs have no run."""
    st.cache_data.clear()


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
    table = next(d.value for d in at.dataframe if "label" in d.value.columns)
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
    return at.button(key="FormSubmitter:console-运行").click().run()


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

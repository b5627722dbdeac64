"""The CLI: exact output and exit codes, on both engines where a graph is touched."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from oceanbrain.cli import app

runner = CliRunner()


def invoke(args: list[str], env: dict[str, str]):
    return runner.invoke(app, args, env=env)


@pytest.mark.graph
def test_db_init_then_status_shows_engine_counts_and_schema(graph_env: dict[str, str]) -> None:
    result = invoke(["db", "init"], graph_env)
    assert result.exit_code == 0, result.output
    assert "schema ok" in result.output
    again = invoke(["db", "init"], graph_env)
    assert "created 0 constraints/indexes" in again.output

    status = invoke(["db", "status"], graph_env)
    assert status.exit_code == 0, status.output
    lines = status.output.splitlines()
    assert lines[0].startswith("engine: ")
    assert lines[1].startswith("schema: ok")
    assert "  Firm" in status.output and "relationships: 0" in status.output


@pytest.mark.graph
@pytest.mark.parametrize(
    "cypher", ["CREATE (n:X)", "MERGE (n:Firm {id: 'x'})", "MATCH (n) DETACH DELETE n"]
)
def test_query_refuses_writes_with_exit_code_2(graph_env: dict[str, str], cypher: str) -> None:
    result = invoke(["query", cypher], graph_env)
    assert result.exit_code == 2
    assert result.output.startswith("error: refused:")
    assert len(result.output.strip().splitlines()) == 1
    count = invoke(["query", "MATCH (n:X) RETURN count(n) AS n", "-f", "json"], graph_env)
    assert json.loads(count.output) == [{"n": 0}]


@pytest.mark.graph
def test_query_formats_and_params(graph_env: dict[str, str]) -> None:
    args = [
        "query",
        "UNWIND $names AS name RETURN name, size(name) AS n",
        "-p",
        'names=["青岛蓝谷", "崂山"]',
    ]
    as_json = invoke([*args, "--format", "json"], graph_env)
    assert as_json.exit_code == 0, as_json.output
    assert json.loads(as_json.output) == [{"name": "青岛蓝谷", "n": 4}, {"name": "崂山", "n": 2}]
    as_csv = invoke([*args, "--format", "csv"], graph_env)
    assert as_csv.output == "name,n\n青岛蓝谷,4\n崂山,2\n"
    as_table = invoke(args, graph_env)
    assert "青岛蓝谷" in as_table.output and as_table.output.splitlines()[0].split() == [
        "name",
        "n",
    ]


@pytest.mark.graph
def test_query_row_limit_is_reported(graph_env: dict[str, str]) -> None:
    result = invoke(
        ["query", "UNWIND range(1, 50) AS i RETURN i", "--max-rows", "5", "-f", "json"], graph_env
    )
    assert result.exit_code == 0
    assert result.stdout.count('"i"') == 5
    assert "stopped at 5 rows" in result.stderr


@pytest.mark.graph
def test_query_syntax_error_is_one_line(graph_env: dict[str, str]) -> None:
    result = invoke(["query", "MATCH (n RETURN n"], graph_env)
    assert result.exit_code == 2
    assert result.output.startswith("error: ")
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("ftp://example.org", "unsupported scheme"),
        ("bolt://", "names no host"),
        ("bolt://neo4j:secret-pw@127.0.0.1:7687", "must not contain credentials"),
        ("bolt://127.0.0.1:1", "cannot reach Neo4j at bolt://127.0.0.1:1"),
        ("neo4j://127.0.0.1:notaport", "not a valid URL"),
        ("falkordb://127.0.0.1:1", "cannot reach FalkorDB at falkordb://127.0.0.1:1"),
    ],
)
def test_bad_graph_url_gives_one_line_and_exit_2(url: str, expected: str) -> None:
    result = invoke(["db", "status"], {"OCEANBRAIN_GRAPH": url})
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert expected in lines[0]
    assert "OCEANBRAIN_GRAPH" in lines[0]
    assert "secret-pw" not in result.output


def test_installed_console_script_bad_url_no_traceback() -> None:
    """The real `oceanbrain` entry point, as an operator runs it."""
    exe = os.path.join(os.path.dirname(sys.executable), "oceanbrain")
    env = {**os.environ, "OCEANBRAIN_GRAPH": "mysql://localhost"}
    proc = subprocess.run(
        [exe, "db", "status"], capture_output=True, text=True, env=env, timeout=60
    )
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.count("\n") == 1 and "unsupported scheme" in proc.stderr


def test_settings_lists_every_variable_and_hides_secrets() -> None:
    result = invoke(["settings"], {"OCEANBRAIN_NEO4J_PASSWORD": "hunter2"})
    assert result.exit_code == 0
    assert "OCEANBRAIN_NEO4J_PASSWORD=(set)" in result.output
    assert "hunter2" not in result.output
    assert "OCEANBRAIN_GRAPH_PATH=.oceanbrain/graph.db" in result.output


def test_data_synth_writes_and_refuses_real_data_folders(tmp_path) -> None:
    out = tmp_path / "synth"
    result = invoke(["data", "synth", "--firms", "1000", "--out", str(out)], {})
    assert result.exit_code == 0, result.output
    assert "qingdao/firms.csv:" in result.output and (out / "SYNTHETIC.md").exists()
    real = tmp_path / "real"
    real.mkdir()
    (real / "firms.csv").write_text("name\n", encoding="utf-8")
    refused = invoke(["data", "synth", "--firms", "10", "--out", str(real)], {})
    assert refused.exit_code == 2
    assert "never written next to other data" in refused.output
    assert sorted(p.name for p in real.iterdir()) == ["firms.csv"]


@pytest.mark.graph
def test_gaps_json_and_xlsx(graph_env: dict[str, str], tmp_path) -> None:
    import pandas as pd

    from oceanbrain.graph.connect import open_store
    from tests.graph.test_gap_analysis import build_golden

    with open_store(environ=graph_env) as store:
        build_golden(store)
    result = invoke(["gaps", "--scope", "青岛", "--chain", "g", "-f", "json"], graph_env)
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    verdicts = {row["segment"]: row["verdict_zh"] for row in report["segments"]}
    assert verdicts == {
        "g.up1": "缺链",
        "g.up2": "弱链",
        "g.mid": "强链",
        "g.down1": "弱链",
        "g.down2": "强链",
    }
    xlsx = tmp_path / "gaps.xlsx"
    result = invoke(
        ["gaps", "--scope", "青岛", "--chain", "g", "-f", "xlsx", "--output", str(xlsx)], graph_env
    )
    assert result.exit_code == 0, result.output
    sheets = pd.read_excel(xlsx, sheet_name=None)
    assert list(sheets) == ["环节 segments", "断链风险 risks"]
    assert len(sheets["环节 segments"]) == 5 and len(sheets["断链风险 risks"]) == 4
    missing = invoke(["gaps", "--scope", "火星", "--chain", "g"], graph_env)
    assert missing.exit_code == 2 and "no region or park named '火星'" in missing.output


@pytest.mark.graph
def test_targets_json_and_csv(graph_env: dict[str, str], tmp_path) -> None:
    from oceanbrain.graph.connect import open_store
    from tests.graph.test_gap_analysis import build_golden

    with open_store(environ=graph_env) as store:
        build_golden(store)
    result = invoke(
        ["targets", "--scope", "青岛", "--chain", "g", "--top", "5", "-f", "json"], graph_env
    )
    assert result.exit_code == 0, result.output
    leads = json.loads(result.output)
    assert len(leads) == 5
    assert all(lead["firm_id"].startswith(("up1-x", "down1-x")) for lead in leads)
    assert [lead["score"] for lead in leads] == sorted(
        (lead["score"] for lead in leads), reverse=True
    )
    out = tmp_path / "leads.csv"
    result = invoke(
        ["targets", "--scope", "青岛", "--chain", "g", "-f", "csv", "--output", str(out)], graph_env
    )
    assert result.exit_code == 0 and out.read_text(encoding="utf-8-sig").startswith("firm_id,")


def test_dashboard_refuses_an_open_dashboard_on_a_public_address(tmp_path) -> None:
    result = invoke(["dashboard", "--address", "0.0.0.0"], {"OCEANBRAIN_DASHBOARD_USERS": ""})
    assert result.exit_code == 2
    assert "would expose an open dashboard" in result.output
    missing = tmp_path / "users.toml"
    result = invoke(["dashboard"], {"OCEANBRAIN_DASHBOARD_USERS": str(missing)})
    assert result.exit_code == 2
    assert f"OCEANBRAIN_DASHBOARD_USERS={missing} does not exist" in result.output

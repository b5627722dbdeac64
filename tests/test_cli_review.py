"""``oceanbrain resolve eval`` and ``oceanbrain review list|decide`` through the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from oceanbrain.cli import app
from oceanbrain.graph.connect import open_store
from oceanbrain.graph.review import save_judgements
from oceanbrain.ingest.resolve import FirmKey, Resolver
from tests.conftest import REPO

runner = CliRunner()


def test_resolve_eval_writes_results(tmp_path: Path) -> None:
    out = tmp_path / "resolve.json"
    golden = REPO / "data/resolution/golden.csv"
    args = ["resolve", "eval", "--golden", str(golden), "--keys", "2000", "--output", str(out)]
    result = runner.invoke(app, args, env={})
    assert result.exit_code == 0, result.output
    assert "overall: precision" in result.output and "keys/s" in result.output
    saved = json.loads(out.read_text(encoding="utf-8"))
    assert saved["summary"]["false_merges"] == 0 == len(saved["false_merges"])
    assert saved["summary"]["pairs"] >= 60
    assert saved["throughput"]["keys"] == 2000 and saved["throughput"]["keys_per_s"] > 0
    assert {row["threshold"] for row in saved["sweep"]} >= {0.9, 1.0}
    as_json = runner.invoke(app, [*args, "--format", "json", "--keys", "0"], env={})
    assert as_json.exit_code == 0, as_json.output
    assert json.loads(as_json.output)["throughput"] is None


def test_resolve_eval_names_a_bad_golden_row(tmp_path: Path) -> None:
    bad = tmp_path / "golden.csv"
    header = (
        "case_id,expected,name_a,aliases_a,uscc_a,name_b,aliases_b,uscc_b,relation,source_url,note"
    )
    bad.write_text(f"{header}\nx1,maybe,甲公司,,,乙公司,,,alias,https://example.org,n\n", "utf-8")
    result = runner.invoke(app, ["resolve", "eval", "--golden", str(bad), "--keys", "0"], env={})
    assert result.exit_code == 2
    assert result.output.startswith("error: ") and "golden.csv:2: column expected" in result.output


@pytest.mark.graph
def test_review_list_and_decide(graph_env: dict[str, str]) -> None:
    with open_store(environ=graph_env) as store:
        store.ensure_schema()
        store.write("CREATE (:Firm {id: 'firm:hx', name: '青岛海西重工有限责任公司'})")
        resolver = Resolver.from_store(store)
        resolver.resolve(FirmKey("青岛海西重机有限责任公司"))
        [question] = resolver.pending_judgements()
        save_judgements(store, [question], "run:test")

    listed = runner.invoke(
        app, ["review", "list", "--kind", "same_entity", "-f", "json"], env=graph_env
    )
    assert listed.exit_code == 0, listed.output
    [item] = json.loads(listed.output)
    assert item["id"] == question.id and item["object_name"] == "青岛海西重工有限责任公司"

    table = runner.invoke(app, ["review", "list"], env=graph_env)
    assert "same_entity 1" in table.output and question.id in table.output

    args = ["review", "decide", question.id, "--kind", "same_entity", "--accept", "--by", "王编辑"]
    decided = runner.invoke(app, args, env=graph_env)
    assert decided.exit_code == 0, decided.output
    assert decided.output.startswith(f"accepted same_entity {question.id} by 王编辑")
    empty = runner.invoke(app, ["review", "list", "-f", "json"], env=graph_env)
    assert json.loads(empty.output) == []

    unknown = runner.invoke(
        app,
        ["review", "decide", "nope", "--kind", "candidate", "--reject", "--by", "x"],
        env=graph_env,
    )
    assert unknown.exit_code == 2 and "no pending candidate review item" in unknown.output
    neither = runner.invoke(
        app, ["review", "decide", "nope", "--kind", "candidate", "--by", "x"], env=graph_env
    )
    assert neither.exit_code == 2 and "--accept or --reject" in neither.output

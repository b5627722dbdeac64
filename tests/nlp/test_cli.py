"""``oceanbrain nlp extract`` and ``oceanbrain nlp eval`` (no graph needed)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from oceanbrain.cli import app
from oceanbrain.cli.nlp import discover_slices
from tests.nlp.test_eval import GOLD

runner = CliRunner()
# full-width punctuation, an ideographic space, \r\n line breaks and full-width digits
TEXT = (
    "\u3000（新闻）近日，青岛示例海洋科技有限公司落户青岛蓝谷。\r\n"
    "崂山实验室主任吴立新出席，投资１０亿元。\r\n"
)


def test_extract_offsets_index_the_exact_input(tmp_path: Path) -> None:
    path = tmp_path / "in.txt"
    path.write_bytes(TEXT.encode("utf-8"))
    result = runner.invoke(app, ["nlp", "extract", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert set(out) == {"entities", "relations"}
    found = {(e["text"], e["type"]) for e in out["entities"]}
    assert {
        ("青岛示例海洋科技有限公司", "FIRM"),
        ("青岛蓝谷", "PARK"),
        ("吴立新", "PERSON"),
    } <= found
    for e in out["entities"]:
        assert TEXT[e["start"] : e["end"]] == e["text"]
    lab = next(e for e in out["entities"] if e["text"] == "崂山实验室")
    assert lab["linked_id"].startswith("institution:")
    rels = {(r["subject"], r["relation"], r["object"]) for r in out["relations"]}
    assert ("青岛示例海洋科技有限公司", "LOCATED_IN", "青岛蓝谷") in rels
    assert ("吴立新", "LEADS", "崂山实验室") in rels
    for r in out["relations"]:
        assert {"subject", "relation", "object", "confidence", "evidence"} <= set(r)
        assert r["evidence"] in TEXT


def test_extract_from_stdin_table() -> None:
    result = runner.invoke(
        app, ["nlp", "extract", "-", "--format", "table"], input=TEXT.encode("utf-8")
    )
    assert result.exit_code == 0, result.output
    assert (
        "FIRM" in result.output
        and "青岛示例海洋科技有限公司 -[LOCATED_IN]-> 青岛蓝谷" in result.output
    )


def test_extract_refuses_non_utf8(tmp_path: Path) -> None:
    path = tmp_path / "gbk.txt"
    path.write_bytes("青岛蓝谷".encode("gbk"))
    result = runner.invoke(app, ["nlp", "extract", str(path)])
    assert result.exit_code == 2
    assert "not UTF-8" in result.output and str(path) in result.output


def test_eval_on_a_fixture_corpus(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "holdout2").mkdir(parents=True)
    line = json.dumps(GOLD, ensure_ascii=False) + "\n"
    (corpus / "tiny.jsonl").write_text(line, encoding="utf-8")
    (corpus / "holdout2" / "real.jsonl").write_text(line, encoding="utf-8")
    (corpus / "holdout3").mkdir()
    (corpus / "holdout3" / "new.jsonl").write_text(line, encoding="utf-8")
    assert list(discover_slices(corpus)) == ["tiny", "holdout2/real", "holdout3/new"]
    out = tmp_path / "nlp.json"
    args = ["nlp", "eval", "--corpus", str(corpus), "--output", str(out), "--slice", "tiny"]
    result = runner.invoke(app, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(out.read_text(encoding="utf-8"))
    assert list(scores) == ["tiny"] == list(json.loads(result.output))
    ent = scores["tiny"]["entities"]
    assert (ent["micro"]["tp"], ent["micro"]["fp"], ent["micro"]["fn"]) == (3, 0, 1)
    assert set(ent["per_type"]) == {"FIRM", "PARK", "MONEY"}
    assert scores["tiny"]["relations"]["micro"]["tp"] == 1
    table = runner.invoke(app, args)
    assert table.exit_code == 0 and "== tiny" in table.output and "micro" in table.output
    bad = runner.invoke(app, [*args[:-1], "nope"])
    assert bad.exit_code == 2 and "nope" in bad.output and "tiny" in bad.output

"""evaluate(): exact-span scoring on a tiny hand-made corpus with known P/R/F1."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from oceanbrain.nlp.evaluate import evaluate, prf, score
from oceanbrain.nlp.gazetteer import Gazetteer
from oceanbrain.nlp.pipeline import build_pipeline

TEXT = "青岛示例海洋科技有限公司落户青岛蓝谷,总投资50亿元。"
# gold: FIRM 0-12, PARK 14-18, MONEY 22-26 (pipeline finds all three, plus the relation);
# a fourth gold mention the rules cannot find (青岛 as a bogus PARK) gives one FN.
GOLD = {
    "id": "t1",
    "text": TEXT,
    "entities": [
        {"start": 0, "end": 12, "type": "FIRM", "text": "青岛示例海洋科技有限公司"},
        {"start": 14, "end": 16, "type": "PARK", "text": "青岛"},
        {"start": 14, "end": 18, "type": "PARK", "text": "青岛蓝谷"},
        {"start": 22, "end": 26, "type": "MONEY", "text": "50亿元"},
    ],
    "relations": [
        {"subject": 0, "relation": "LOCATED_IN", "object": 2},
        {"subject": 0, "relation": "INVESTS_IN", "object": 2},
    ],
}


def test_prf() -> None:
    m = prf(3, 1, 2)
    assert m["precision"] == pytest.approx(0.75)
    assert m["recall"] == pytest.approx(0.6)
    assert m["f1"] == pytest.approx(2 * 0.75 * 0.6 / 1.35)
    assert prf(0, 0, 0)["f1"] == 0.0


def test_score_symmetric_relations_match_either_way() -> None:
    ents = [
        {"start": 0, "end": 2, "type": "FIRM"},
        {"start": 3, "end": 5, "type": "FIRM"},
    ]
    gold = [{"entities": ents, "relations": [{"subject": 0, "relation": "SIGNED", "object": 1}]}]
    pred = [
        {
            "entities": ents,
            "relations": [{"subject_index": 1, "relation": "SIGNED", "object_index": 0}],
        }
    ]
    res = score(gold, pred)
    assert res["relations"]["micro"]["f1"] == 1.0
    assert res["entities"]["micro"]["tp"] == 2


def test_evaluate_known_numbers(tmp_path: Path) -> None:
    path = tmp_path / "tiny.jsonl"
    path.write_text(json.dumps(GOLD, ensure_ascii=False) + "\n", encoding="utf-8")
    nlp = build_pipeline(Gazetteer.from_rows([("青岛蓝谷", "PARK", "park:x", [])]))
    res = evaluate(nlp, path, min_chars=2_000, build=lambda: build_pipeline(None))
    ent = res["entities"]["micro"]
    assert (ent["tp"], ent["fp"], ent["fn"]) == (3, 0, 1)
    assert ent["precision"] == pytest.approx(1.0)
    assert ent["recall"] == pytest.approx(0.75)
    assert ent["f1"] == pytest.approx(6 / 7)
    assert res["entities"]["per_type"]["PARK"]["recall"] == pytest.approx(0.5)
    rel = res["relations"]["micro"]
    assert (rel["tp"], rel["fp"], rel["fn"]) == (1, 0, 1)
    assert rel["f1"] == pytest.approx(2 / 3)
    assert res["speed"]["chars"] >= 2_000
    assert res["speed"]["chars_per_second"] > 0
    assert 0 < res["load_seconds"] < 5

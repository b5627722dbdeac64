"""Entity linking: exact name/alias first, then the normalised name; else a candidate."""

from __future__ import annotations

from oceanbrain.ingest.values import stable_id
from oceanbrain.nlp.link import Link, Linker, candidate_id, gazetteer_mapping

ROWS = [
    {"id": "firm:zd", "label": "Firm", "name": "正大制药(青岛)有限公司", "aliases": ["正大制药"]},
    {"id": "inst:ouc", "label": "Institution", "name": "中国海洋大学", "aliases": ["海大", "OUC"]},
    {"id": "inst:x", "label": "Institution", "name": "示例研究院", "aliases": ["海大"]},
    {"id": "park:lg", "label": "Park", "name": "青岛蓝谷", "aliases": "蓝谷"},
    {"id": "person:wu", "label": "Person", "name": "吴立新", "aliases": None},
]


def test_exact_then_normalised() -> None:
    linker = Linker.from_rows(ROWS)
    assert linker.link("青岛蓝谷", "PARK") == Link("park:lg", "Park", "exact")
    assert linker.link("蓝谷", "PARK") == Link("park:lg", "Park", "exact")
    assert linker.link("正大制药（青岛）有限公司", "FIRM") == Link("firm:zd", "Firm", "normalised")
    assert linker.link("ouc", "INSTITUTE") == Link("inst:ouc", "Institution", "normalised")
    assert linker.link("吴立新", "PERSON") == Link("person:wu", "Person", "exact")


def test_ambiguous_wrong_type_and_unknown_do_not_link() -> None:
    linker = Linker.from_rows(ROWS)
    assert linker.link("海大", "INSTITUTE") is None  # alias of two nodes
    assert linker.link("青岛蓝谷", "FIRM") is None  # a PARK node, not a firm
    assert linker.link("青岛蓝谷管理局", "GOV") is None  # GOV has no label to link to
    assert linker.link("不存在的公司", "FIRM") is None


def test_candidate_ids_are_deterministic_and_normalised() -> None:
    linker = Linker.from_rows(ROWS)
    cand = linker.candidate("青岛示例（海洋）有限公司", "FIRM")
    assert cand is not None and cand.type == "FIRM"
    assert cand.id == candidate_id("FIRM", "青岛示例(海洋)有限公司")
    assert cand.id == stable_id("candidate:firm", "青岛示例(海洋)有限公司")
    assert linker.candidate("50亿元", "MONEY") is None
    assert linker.candidate("青岛市科技局", "GOV") is None


def test_full_name_beats_another_nodes_alias() -> None:
    rows = [
        {"id": "a", "label": "Firm", "name": "青岛港", "aliases": []},
        {"id": "b", "label": "Firm", "name": "山东港口青岛港集团", "aliases": ["青岛港"]},
    ]
    assert gazetteer_mapping(rows)["青岛港"] == ("a", "Firm")

"""Firm → segment classification: evidence, confidence, review flags and the crosswalk file."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
import yaml

from oceanbrain.errors import ConfigError
from oceanbrain.ingest.classify import (
    FIELD_BASE,
    GROUP_FALLBACK,
    Classifier,
    CrosswalkRow,
    SegmentLink,
    normalise_code,
    read_crosswalk,
)
from tests.conftest import REPO

DATA = REPO / "data"
CROSSWALK = DATA / "chains" / "gbt4754_crosswalk.csv"
THRESHOLDS = {"review_below": 0.6, "min_confidence": 0.3, "max_segments": 3}
GENERIC_SCOPE = (
    "一般项目：技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广；软件开发；"
    "信息系统集成服务；货物进出口；技术进出口；日用百货销售；化妆品零售；"
    "保健食品（预包装）销售；数据处理和存储支持服务；化工产品销售（不含许可类化工产品）"
)


@pytest.fixture(scope="module")
def classifier() -> Classifier:
    return Classifier.from_data(DATA, **THRESHOLDS)


def segments(links: list[SegmentLink]) -> list[str]:
    return [link.segment_id for link in links]


def test_code_only_firm(classifier: Classifier) -> None:
    links = classifier.classify(name="青岛某某有限公司", industry_code="C3731")
    assert segments(links) == ["eq.shipbuilding"]
    (link,) = links
    assert link.method == "industry_code"
    assert "3731" in link.evidence and "金属船舶制造" in link.evidence
    assert link.confidence == 0.9 and link.needs_review is False


def test_keyword_only_firm(classifier: Classifier) -> None:
    links = classifier.classify(
        name="青岛某某科技有限公司", business_scope="海水淡化装备研发；反渗透膜组件制造；软件开发"
    )
    assert segments(links)[0] == "eq.desal_equip"
    assert links[0].method == "keyword"
    assert "经营范围关键词" in links[0].evidence
    assert "海水淡化" in links[0].evidence and "反渗透" in links[0].evidence


def test_code_and_keywords_together_score_higher(classifier: Classifier) -> None:
    scope = "海水淡化工程技术服务"
    by_code = classifier.classify(name="青岛甲公司", industry_code="3597")
    by_words = classifier.classify(name="青岛甲公司", business_scope=scope)
    both = classifier.classify(name="青岛甲公司", industry_code="3597", business_scope=scope)
    assert segments(by_code)[0] == segments(by_words)[0] == segments(both)[0] == "eq.desal_equip"
    assert both[0].method == "both"
    assert both[0].confidence > max(by_code[0].confidence, by_words[0].confidence)
    assert "行业代码 3597" in both[0].evidence and "海水淡化" in both[0].evidence


def test_generic_firm_gets_no_link(classifier: Classifier) -> None:
    assert classifier.classify(name="青岛恒信达商贸有限公司", business_scope=GENERIC_SCOPE) == []
    assert classifier.classify(name="青岛恒信达商贸有限公司") == []


def test_weak_evidence_needs_review_and_the_threshold_moves_it() -> None:
    firm = {"name": "青岛乙公司", "business_scope": "船舶设计"}
    (link,) = Classifier.from_data(DATA, **THRESHOLDS).classify(**firm)
    assert link.segment_id == "eq.design"
    assert link.confidence == pytest.approx(FIELD_BASE["scope"]) and link.needs_review is True
    lenient = Classifier.from_data(DATA, review_below=0.4, min_confidence=0.3, max_segments=3)
    assert lenient.classify(**firm)[0].needs_review is False


def test_review_threshold_comes_from_the_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OCEANBRAIN_CLASSIFY_REVIEW_BELOW", "0.45")
    assert Classifier.from_data(DATA).review_below == 0.45
    monkeypatch.setenv("OCEANBRAIN_CLASSIFY_REVIEW_BELOW", "high")
    with pytest.raises(ConfigError, match="OCEANBRAIN_CLASSIFY_REVIEW_BELOW"):
        Classifier.from_data(DATA)


def test_confidence_formula_on_a_tiny_taxonomy() -> None:
    rows = [CrosswalkRow("3491", "class", "工业机器人制造", "x.robot", 0.8, "")]
    tiny = Classifier(
        [("x.robot", ["水下机器人", "ROV"]), ("x.other", ["水下机器人"])],
        rows,
        review_below=0.6,
        min_confidence=0.1,
        max_segments=5,
    )
    shared = FIELD_BASE["scope"] / 2**0.5  # 水下机器人 is shared by two segments
    links = {x.segment_id: x for x in tiny.classify(name="甲", business_scope="水下机器人")}
    assert links["x.robot"].confidence == round(shared, 3)
    both = tiny.classify(name="甲", industry_code="3491", business_scope="水下机器人")
    assert both[0].segment_id == "x.robot"
    assert both[0].confidence == round(1 - (1 - 0.8) * (1 - shared), 3)
    in_name = tiny.classify(name="甲水下机器人公司")[0]
    assert in_name.confidence == round(FIELD_BASE["name"] / 2**0.5, 3)
    assert "企业名称关键词: 水下机器人" in in_name.evidence


def test_codes_in_every_written_form(classifier: Classifier) -> None:
    expected = segments(classifier.classify(name="甲", industry_code="3734"))
    assert expected[0] == "eq.power"
    for code in ("C3734", "c3734", " C 3734 ", "Ｃ３７３４"):
        assert segments(classifier.classify(name="甲", industry_code=code)) == expected, code
    for name in (
        "船用配套设备制造",
        "船用配套设备制造(3734)",
        "制造业>船舶及相关装置制造>船用配套设备制造",
    ):
        links = classifier.classify(name="甲", industry_name=name)
        assert segments(links) == expected, name
        assert "3734" in links[0].evidence


def test_unknown_class_falls_back_to_its_group_with_less_confidence(
    classifier: Classifier,
) -> None:
    exact = classifier.classify(name="甲", industry_code="3731")[0]
    fallback = classifier.classify(name="甲", industry_code="3738")[0]  # no such class: group 373
    assert fallback.segment_id == "eq.shipbuilding"
    assert fallback.confidence == pytest.approx(0.6 * GROUP_FALLBACK)
    assert fallback.confidence < exact.confidence
    assert "373" in fallback.evidence and "中类" in fallback.evidence
    assert classifier.classify(name="甲", industry_code="9999") == []


def test_exclusions_stop_phrases_and_acronym_boundaries(classifier: Classifier) -> None:
    assert classifier.classify(name="甲", business_scope="化工产品销售(不含水下机器人)") == []
    assert classifier.classify(name="甲", business_scope="MICROSOFT产品销售") == []
    cro = classifier.classify(name="甲", business_scope="CRO服务；药物筛选")
    assert segments(cro)[0] == "bio.cro_cdmo" and "CRO" in cro[0].evidence


def test_at_most_max_segments_best_first(classifier: Classifier) -> None:
    scope = "水下机器人；无人船；海水淡化；海洋牧场；船舶设计；港口岸电；冷链物流；鱼油；化妆品原料"
    links = classifier.classify(name="甲", business_scope=scope)
    assert len(links) == 3
    scores = [link.confidence for link in links]
    assert scores == sorted(scores, reverse=True)


def test_classification_is_deterministic(classifier: Classifier) -> None:
    firm = {
        "name": "青岛海洋智能装备科技有限公司",
        "industry_code": "C3737",
        "business_scope": "海洋工程装备制造；水下机器人研发；浮标、潜标制造；海洋观测；智能网箱",
    }
    first = classifier.classify(**firm)
    fresh = Classifier.from_data(DATA, **THRESHOLDS)
    assert fresh.classify(**firm) == first == classifier.classify(**firm)
    fresh.forget_clauses()
    assert fresh.classify(**firm) == first


def test_normalise_code() -> None:
    assert normalise_code("C3734") == "3734"
    assert normalise_code("373") == "373"
    assert normalise_code("G55") == "55"
    assert normalise_code("船舶") is None
    assert normalise_code(None) is None


# -- the crosswalk file -------------------------------------------------------------------------
def crosswalk_rows() -> list[dict[str, str]]:
    with CROSSWALK.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def taxonomy_segments() -> dict[str, dict]:
    chains = yaml.safe_load((DATA / "chains" / "chains.yaml").read_text(encoding="utf-8"))
    return {s["id"]: s for c in chains["chains"] for s in c["segments"]}


def test_crosswalk_is_well_formed() -> None:
    rows = crosswalk_rows()
    known = taxonomy_segments()
    assert len(rows) >= 100
    assert list(rows[0]) == ["code", "level", "name_zh", "segment_id", "weight", "note"]
    levels = {4: "class", 3: "group", 2: "division"}
    for number, row in enumerate(rows, start=2):
        where = f"{CROSSWALK.name}:{number}"
        assert re.fullmatch(r"\d{2,4}", row["code"]), where
        assert row["level"] == levels[len(row["code"])], where
        assert row["segment_id"] in known, where
        assert 0 < float(row["weight"]) <= 1, where
        assert row["name_zh"] and row["note"], where
    pairs = [(r["code"], r["segment_id"]) for r in rows]
    assert len(pairs) == len(set(pairs)), "duplicate (code, segment_id) rows"
    names: dict[str, set[str]] = {}
    for row in rows:
        names.setdefault(row["code"], set()).add(row["name_zh"])
    assert {code: n for code, n in names.items() if len(n) > 1} == {}
    assert len(read_crosswalk(CROSSWALK)) == len(rows)


def test_crosswalk_covers_the_taxonomy_codes() -> None:
    pairs = {(r["code"], r["segment_id"]) for r in crosswalk_rows()}
    missing = [
        (sid, code)
        for sid, seg in taxonomy_segments().items()
        for code in seg.get("gbt4754") or []
        if (code, sid) not in pairs
    ]
    assert missing == []


def test_bad_crosswalk_rows_are_reported_with_line_and_column(tmp_path: Path) -> None:
    header = "code,level,name_zh,segment_id,weight,note\n"
    bad = tmp_path / "crosswalk.csv"
    bad.write_text(header + "3731,class,金属船舶制造,eq.shipbuilding,0.9,ok\n37A1,class,x,y,1,n\n")
    with pytest.raises(ConfigError, match=r"crosswalk.csv:3: column code"):
        read_crosswalk(bad)
    bad.write_text(header + "373,class,船舶及相关装置制造,eq.shipbuilding,0.6,n\n")
    with pytest.raises(ConfigError, match=r":2: column level"):
        read_crosswalk(bad)
    bad.write_text(header + "3731,class,金属船舶制造,eq.shipbuilding,1.5,n\n")
    with pytest.raises(ConfigError, match=r":2: column weight"):
        read_crosswalk(bad)
    rows = [CrosswalkRow("3731", "class", "金属船舶制造", "no.such", 0.9, "")]
    with pytest.raises(ConfigError, match="no.such"):
        Classifier([("eq.shipbuilding", ["造船"])], rows, **THRESHOLDS)  # type: ignore[arg-type]


def test_a_data_folder_without_crosswalk_classifies_by_keywords(tmp_path: Path) -> None:
    (tmp_path / "chains").mkdir()
    taxonomy = (DATA / "chains" / "chains.yaml").read_text(encoding="utf-8")
    (tmp_path / "chains" / "chains.yaml").write_text(taxonomy, encoding="utf-8")
    only_words = Classifier.from_data(tmp_path, **THRESHOLDS)
    assert only_words.classify(name="甲", industry_code="3731") == []
    links = only_words.classify(name="甲", industry_code="3731", business_scope="船舶制造")
    assert segments(links) == ["eq.shipbuilding"] and links[0].method == "keyword"


def test_a_full_clause_memo_is_emptied_and_results_do_not_change(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import oceanbrain.ingest.classify as module

    small = Classifier.from_data(DATA, **THRESHOLDS)
    firm = {"name": "甲", "business_scope": "船舶设计；海水淡化；反渗透|膜组件；货物进出口"}
    expected = small.classify(**firm)
    monkeypatch.setattr(module, "CLAUSE_MEMO_SIZE", 3)
    small.forget_clauses()
    small.classify(name="乙", business_scope="海洋牧场；智能网箱")
    assert small.classify(**firm) == expected
    assert small.classify(**firm) == expected


def test_unusable_keywords_are_refused() -> None:
    for bad in ("船", "船舶、海工", "海洋 牧场"):
        with pytest.raises(ConfigError, match="chains.yaml"):
            Classifier([("eq.shipbuilding", ["造船", bad])], [], **THRESHOLDS)  # type: ignore[arg-type]

"""The rule-first Chinese pipeline: gazetteer hits, suffix patterns, money, relations, offsets."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from oceanbrain.ingest.values import stable_id
from oceanbrain.nlp.extract import extract
from oceanbrain.nlp.gazetteer import Gazetteer
from oceanbrain.nlp.pipeline import build_pipeline
from oceanbrain.nlp.quantities import cn_number, find_measures

DATA = Path(__file__).resolve().parents[2] / "data"


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build_pipeline(Gazetteer.from_canonical(DATA))


def ents(out: dict) -> list[tuple[str, str, int, int]]:
    return [(e["text"], e["type"], e["start"], e["end"]) for e in out["entities"]]


def test_gazetteer_from_canonical_has_linked_ids() -> None:
    gaz = Gazetteer.from_canonical(DATA)
    lookup = gaz.lookup()
    assert lookup["崂山实验室"] == ("INSTITUTE", stable_id("institution", "崂山实验室"))
    assert lookup["青岛蓝谷"] == ("PARK", stable_id("park", "青岛蓝谷"))
    assert lookup["蓝谷"][0] == "PARK"  # an alias


def test_gazetteer_hit_exact_offsets(nlp: Language) -> None:
    text = "近日,崂山实验室在青岛蓝谷发布新成果。"
    out = extract(text, nlp)
    hits = {(e["text"], e["type"], e["start"], e["end"]) for e in out["entities"]}
    assert ("崂山实验室", "INSTITUTE", 3, 8) in hits
    assert ("青岛蓝谷", "PARK", 9, 13) in hits
    lab = next(e for e in out["entities"] if e["text"] == "崂山实验室")
    assert lab["linked_id"] == stable_id("institution", "崂山实验室")


def test_from_rows_gazetteer_is_used() -> None:
    gaz = Gazetteer.from_rows([("示例智海", "FIRM", "firm:x", ["智海"])])
    out = extract("这次示例智海参加了展会。", build_pipeline(gaz))
    assert ents(out) == [("示例智海", "FIRM", 2, 6)]
    assert out["entities"][0]["linked_id"] == "firm:x"


def test_suffix_pattern_finds_firm(nlp: Language) -> None:
    text = "青岛示例海洋科技有限公司今天发布了年报。"
    assert ("青岛示例海洋科技有限公司", "FIRM", 0, 12) in ents(extract(text, nlp))


def test_suffix_pattern_stops_at_conjunction(nlp: Language) -> None:
    text = "中国海洋大学与青岛示例大学签署合作协议。"
    found = ents(extract(text, nlp))
    assert ("中国海洋大学", "INSTITUTE", 0, 6) in found
    assert ("青岛示例大学", "INSTITUTE", 7, 13) in found


def test_money_normalised(nlp: Language) -> None:
    out = extract("项目总投资50亿元。", nlp)
    money = [e for e in out["entities"] if e["type"] == "MONEY"]
    assert len(money) == 1
    assert money[0]["text"] == "50亿元"
    assert money[0]["value"] == pytest.approx(5e9)
    assert money[0]["unit"] == "CNY"


@pytest.mark.parametrize(
    "text,span,value,unit",
    [
        ("算力达12EFLOPS", "12EFLOPS", 12.0, "EFLOPS"),
        ("占地3500亩", "3500亩", 3500.0, "mu"),
        ("10万吨级工船", "10万吨", 1e5, "t"),
        ("离岸120多海里", "120多海里", 120.0, "nmi"),
        ("上千亿元产业", "千亿元", 1e11, "CNY"),
        ("吞吐量520万标准箱/年", "520万标准箱/年", 5.2e6, "TEU/year"),
    ],
)
def test_quantities(text: str, span: str, value: float, unit: str) -> None:
    (m,) = find_measures(text)
    assert text[m.start : m.end] == span
    assert m.value == pytest.approx(value)
    assert m.unit == unit


def test_cn_number() -> None:
    assert cn_number("三千五百") == 3500
    assert cn_number("1,691.5") == pytest.approx(1691.5)


def test_located_in_relation(nlp: Language) -> None:
    out = extract("示例公司落户青岛蓝谷。", nlp)
    assert ("示例公司", "FIRM", 0, 4) in ents(out)
    rels = [(r["subject"], r["relation"], r["object"]) for r in out["relations"]]
    assert ("示例公司", "LOCATED_IN", "青岛蓝谷") in rels
    r = out["relations"][0]
    assert 0 < r["confidence"] <= 1
    assert out["entities"][r["subject_index"]]["text"] == r["subject"]
    assert r["evidence"] == "示例公司落户青岛蓝谷。"


def test_leads_and_signed(nlp: Language) -> None:
    text = "青岛示例大学党委书记张明、校长王强出席。青岛示例集团与中国海洋大学签订战略合作协议。"
    rels = {(r["subject"], r["relation"], r["object"]) for r in extract(text, nlp)["relations"]}
    assert ("张明", "LEADS", "青岛示例大学") in rels
    assert ("王强", "LEADS", "青岛示例大学") in rels
    assert ("青岛示例集团", "SIGNED", "中国海洋大学") in rels


def test_offsets_index_the_original_text(nlp: Language) -> None:
    text = "  \u3000（新闻）ＡＢ  青岛示例海洋科技有限公司与崂山实验室合作,投资１０亿元。"
    out = extract(text, nlp)
    assert out["entities"]
    for e in out["entities"]:
        assert text[e["start"] : e["end"]] == e["text"]
    assert ("青岛示例海洋科技有限公司", "FIRM") in {(e["text"], e["type"]) for e in out["entities"]}


def test_pipeline_without_gazetteer(nlp: Language) -> None:
    out = extract("青岛市科技局副局长周清主持会议。", build_pipeline(None))
    assert ents(out) == [("青岛市科技局", "GOV", 0, 6), ("周清", "PERSON", 9, 11)]
    assert [(r["subject"], r["relation"], r["object"]) for r in out["relations"]] == [
        ("周清", "LEADS", "青岛市科技局")
    ]


# -- general rules added for generalisation (issue #6); invented names, none from the corpus --


def _types(out: dict) -> set[tuple[str, str]]:
    return {(e["text"], e["type"]) for e in out["entities"]}


def _rels(out: dict) -> set[tuple[str, str, str]]:
    return {(r["subject"], r["relation"], r["object"]) for r in out["relations"]}


def test_two_character_name_before_a_verb(nlp: Language) -> None:
    out = extract("东江大学校长李明分别代表两校签署协议,负责人牛森向记者介绍。", nlp)
    assert ("李明", "PERSON") in _types(out)
    assert ("牛森", "PERSON") in _types(out)
    assert not {t for t, _ in _types(out)} & {"李明分", "牛森向"}


def test_gov_commission_department_and_joint_bodies(nlp: Language) -> None:
    text = "国家发展改革委产业司司长王海,东港新区工委区委常委、副区长刘涛出席。"
    out = extract(text, nlp)
    found = _types(out)
    assert ("国家发展改革委产业司", "GOV") in found
    assert ("东港新区工委", "GOV") in found and ("区委", "GOV") in found
    assert ("王海", "LEADS", "国家发展改革委产业司") in _rels(out)
    assert ("刘涛", "LEADS", "东港新区工委") in _rels(out)
    assert ("刘涛", "LEADS", "区委") in _rels(out)


def test_trade_named_firms_in_a_list_settle_in_the_park(nlp: Language) -> None:
    text = (
        "东港示例新材料产业园首批项目竣工,目前园区已落地蓝湾化学、海丰特钢、东帆轮胎等"
        "总投资50亿元的8个重点项目。"
    )
    out = extract(text, nlp)
    for name in ("蓝湾化学", "海丰特钢", "东帆轮胎"):
        assert (name, "FIRM") in _types(out)
        assert (name, "LOCATED_IN", "东港示例新材料产业园") in _rels(out)


def test_phases_make_projects_and_descriptions_are_not_projects(nlp: Language) -> None:
    text = "东湾港区大成码头二期、原油储备库三期开工;引进世界500强项目8个,一批重特大项目落户。"
    found = _types(extract(text, nlp))
    assert ("东湾港区大成码头二期", "PROJECT") in found
    assert ("原油储备库三期", "PROJECT") in found
    assert not {t for t, ty in found if ty == "PROJECT"} - {
        "东湾港区大成码头二期",
        "原油储备库三期",
    }


def test_cooperation_agreement_signed_is_signed(nlp: Language) -> None:
    text = "东江大学与北洋海洋研究所合作框架协议在青岛正式签署,副校长王强主持签约仪式。"
    rels = _rels(extract(text, nlp))
    assert ("东江大学", "SIGNED", "北洋海洋研究所") in rels
    assert not any(r == "COOPERATES_WITH" for _, r, _ in rels)
    assert ("王强", "LEADS", "东江大学") in rels


def test_located_by_zuoluo_and_venue_is_not_an_entity(nlp: Language) -> None:
    out = extract("坐落于青岛蓝谷的东海示例研究院今天开放,参观了东海示例集团展示中心。", nlp)
    assert ("东海示例研究院", "LOCATED_IN", "青岛蓝谷") in _rels(out)
    assert not any(t.endswith("展示中心") for t, _ in _types(out))

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


@pytest.fixture(scope="module")
def rules_nlp() -> Language:
    """The rules without the learned models (edges.py, persons.py)."""
    return build_pipeline(Gazetteer.from_canonical(DATA), edges=False)


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


def test_a_known_name_inside_a_word_hides_no_other_known_name() -> None:
    """问海 inside 访问 is no hit, and it must not swallow the 海 of the 海信 that follows;
    a two-character form inside a longer word (海大 in 深远海大型) is still no hit."""
    gaz = Gazetteer.from_rows(
        [("问海大模型", "PRODUCT", None, ["问海"]), ("示例海信集团", "FIRM", None, ["海信"])]
        + [("示例海洋大学", "INSTITUTE", None, ["海大"])]
    )
    nlp = build_pipeline(gaz, edges=False)
    found = ents(extract("校领导访问海信,参观展厅。", nlp))
    assert ("海信", "FIRM", 5, 7) in found
    assert not [e for e in found if e[0] == "问海"]
    assert not [e for e in ents(extract("发展深远海大型养殖装备。", nlp)) if e[0] == "海大"]


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


def test_transliterated_names_with_any_middle_dot(rules_nlp: Language) -> None:
    text = "外籍院士汉斯﹒尤尔根﹒克鲁泽作报告,教授乔治﹒斯穆特向大会致辞,总裁艾琳·谭出席。"
    people = {t for t, k in _types(extract(text, rules_nlp)) if k == "PERSON"}
    assert people == {"汉斯﹒尤尔根﹒克鲁泽", "乔治﹒斯穆特", "艾琳·谭"}


def test_township_bodies_customs_national_bodies_and_fishing_ports(nlp: Language) -> None:
    text = (
        "东港街道办事处与东港镇党委联合开展活动,全国政协副主席王东明来青调研,"
        "东港海关关长李强陪同,王哥庄渔港完成改造。"
    )
    found = _types(extract(text, nlp))
    for name, etype in [
        ("东港街道办事处", "GOV"),
        ("东港镇党委", "GOV"),
        ("全国政协", "GOV"),
        ("东港海关", "GOV"),
        ("王哥庄渔港", "PARK"),
    ]:
        assert (name, etype) in found


def test_people_before_executive_titles_are_no_firms(rules_nlp: Language) -> None:
    text = (
        "周立民董事长出席签约。东港集团孙志强副总经理参加仪式。"
        "东港海洋协会会长、东港集团高级副总裁钱明远表示,前景广阔。"
        "据东港管理局副局长李明透露,项目总投资20亿元。天海防务总经理张明介绍。"
    )
    found = _types(extract(text, rules_nlp))
    firms = {t for t, k in found if k == "FIRM"}
    assert firms == {"东港集团", "天海防务"}
    assert {("周立民", "PERSON"), ("钱明远", "PERSON"), ("李明", "PERSON")} <= found


def test_leaders_after_long_title_chains_and_bare_titles_after_the_name(nlp: Language) -> None:
    out = extract("东港集团党委书记、董事局主席、首席执行官周明出席活动。", nlp)
    assert ("周明", "LEADS", "东港集团") in _rels(out)
    out = extract("王明所长对调研组一行表示欢迎,并介绍了东港海洋研究所的发展历程。", nlp)
    assert ("王明", "LEADS", "东港海洋研究所") in _rels(out)
    out = extract("会上,李强副校长对来宾表示欢迎,东港大学与东港研究院签署协议。", nlp)
    assert ("李强", "LEADS", "东港大学") in _rels(out)
    # two organisations of the kind: the bare title names neither
    out = extract("张华所长介绍了东港海洋研究所与西港渔业研究所的合作。", nlp)
    assert not {r for r in _rels(out) if r[1] == "LEADS"}


def test_counted_lists_acting_together_cooperate(nlp: Language) -> None:
    # 三方共建: every pair, as for any short list building together
    out = extract("该中心由东港大学、东港集团有限公司、东港市科技局三方共建。", nlp)
    coop = {r for r in _rels(out) if r[1] == "COOPERATES_WITH"}
    assert coop == {
        ("东港大学", "COOPERATES_WITH", "东港集团有限公司"),
        ("东港大学", "COOPERATES_WITH", "东港市科技局"),
        ("东港集团有限公司", "COOPERATES_WITH", "东港市科技局"),
    }
    # 等12家企业联合: a list that may be long, so its first member with each other one
    text = "东港集团有限公司、西港科技有限公司、北港科技有限公司等12家企业联合发布倡议。"
    coop = {r for r in _rels(extract(text, nlp)) if r[1] == "COOPERATES_WITH"}
    assert coop == {
        ("东港集团有限公司", "COOPERATES_WITH", "西港科技有限公司"),
        ("东港集团有限公司", "COOPERATES_WITH", "北港科技有限公司"),
    }


@pytest.mark.parametrize(
    "text",
    [
        "李强校长率团访问了东港大学。",  # a visitor leads nothing he visits
        "王明所长一行参观了东港海洋研究所。",
        "张伟所长对来宾表示欢迎,介绍了上海证券交易所的情况。",  # 交易所 is no institute
        "东港集团有限公司、西港科技有限公司等企业代表共同见证签约。",  # witnesses
        "东港冷链物流项目落户东港街道办事处,配套冷库由西港集团有限公司投资建设。",
        "东港冷链物流项目由东港市发改委批复,厂房由西港集团有限公司投资建设。",
        "在东港高新区,东港集团有限公司从德国引进了西港科技有限公司的生产线。",
        "东港高新区内的东港集团有限公司去年引进了西港科技有限公司的技术。",
    ],
)
def test_relation_cues_that_do_not_hold(nlp: Language, text: str) -> None:
    rels = _rels(extract(text, nlp))
    assert not {r for r in rels if r[1] != "SIGNED"}, rels


def test_firm_with_its_chairman_named_after_the_title(rules_nlp: Language) -> None:
    out = extract("周大福董事长郑家纯出席,东港集团董事长和王立新总经理致辞。", rules_nlp)
    assert {("周大福", "FIRM"), ("郑家纯", "PERSON")} <= _types(out)
    assert ("郑家纯", "LEADS", "周大福") in _rels(out)
    assert not {t for t, _ in _types(out) if t.startswith("和")}
    assert not {t for t, _ in _types(extract("院士•王明出席。", rules_nlp)) if "•" in t}


def test_signing_together_is_signing_not_cooperation(nlp: Language) -> None:
    out = extract("东港集团有限公司与东港海洋研究院共同签署了战略合作协议。", nlp)
    assert ("东港集团有限公司", "SIGNED", "东港海洋研究院") in _rels(out)
    assert not {r for r in _rels(out) if r[1] == "COOPERATES_WITH"}
    out = extract("东港集团有限公司与西港集团有限公司、北港集团有限公司共同签署协议。", nlp)
    assert {
        ("东港集团有限公司", "SIGNED", "西港集团有限公司"),
        ("东港集团有限公司", "SIGNED", "北港集团有限公司"),
    } <= _rels(out)


def test_what_a_park_brings_in_settles_there(nlp: Language) -> None:
    text = "在东港高新区,科创高地正日渐崛起:引进建设东港海洋大学、西港海洋研究院等一流院所。"
    rels = _rels(extract(text, nlp))
    assert {
        ("东港海洋大学", "LOCATED_IN", "东港高新区"),
        ("西港海洋研究院", "LOCATED_IN", "东港高新区"),
    } <= rels
    # 引进 something that is not a firm, institute or project: nothing settles
    text = "东港高新区引进资金用于建设,东港市科技局给予支持。"
    assert not {r for r in _rels(extract(text, nlp)) if r[1] == "LOCATED_IN"}


def test_investors_with_amounts_and_after_a_described_project(nlp: Language) -> None:
    out = extract("东港集团有限公司投资21亿元建设东港智能传感器项目。", nlp)
    assert ("东港集团有限公司", "INVESTS_IN", "东港智能传感器项目") in _rels(out)
    text = "东港冷链物流项目位于东港街道办事处以西,占地7万平方米,由东港控股集团有限公司投资建设。"
    assert ("东港控股集团有限公司", "INVESTS_IN", "东港冷链物流项目") in _rels(extract(text, nlp))


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


# -- general rules added after holdout3 (2026-11-27); every sentence is invented ---------------


def test_clause_openers_and_dates_are_not_part_of_names(nlp: Language) -> None:
    text = "据东江船舶设计研究院高级工程师王平介绍,该项目2024年底获省科技厅批准。"
    found = _types(extract(text, nlp))
    assert ("东江船舶设计研究院", "INSTITUTE") in found
    assert ("省科技厅", "GOV") in found
    assert not any(t.startswith(("据", "底", "获")) for t, _ in found)


def test_short_gov_names_in_a_list(nlp: Language) -> None:
    text = "会议由东港市行政审批服务局主办,中央网信办、市发改委、工信局、国资委等部门参加。"
    found = _types(extract(text, nlp))
    for name in ("东港市行政审批服务局", "中央网信办", "市发改委", "工信局", "国资委"):
        assert (name, "GOV") in found
    # a bare body of a list of governments is not a name
    assert not _types(extract("各区、市人民政府,各有关部门:", nlp))


def test_firm_units_boards_and_party_branches(nlp: Language) -> None:
    text = (
        "东海重工成功承接挪威北极航运集团订单,东海重工综合管理部部长刘强表示满意。"
        "南港建设集团东港公司党支部书记、董事长孙杰,常务副总经理周平,"
        "东港龙湖集团董事局主席黄明出席。"
    )
    out = extract(text, nlp)
    found, rels = _types(out), _rels(out)
    assert ("北极航运集团", "FIRM") in found  # no 成功承接, no country
    assert ("东海重工综合管理部", "FIRM") in found
    assert ("刘强", "LEADS", "东海重工综合管理部") in rels
    assert ("孙杰", "LEADS", "南港建设集团东港公司") in rels
    assert ("周平", "LEADS", "南港建设集团东港公司") in rels
    assert ("黄明", "LEADS", "东港龙湖集团") in rels
    assert not any(t.endswith(("党支部", "董事局")) for t, _ in found)


def test_title_lists_share_the_body(nlp: Language) -> None:
    text = (
        "东港高新区工委副书记、管委常务副主任,南城区委副书记李华,"
        "东港高新区工委委员、管委副主任王刚、钱进、贺兰等出席。"
    )
    rels = _rels(extract(text, nlp))
    assert ("李华", "LEADS", "东港高新区工委") in rels
    assert ("李华", "LEADS", "南城区委") in rels
    for person in ("王刚", "钱进", "贺兰"):
        assert (person, "LEADS", "东港高新区工委") in rels


def test_project_phases_in_brackets_and_investor_after_the_project(nlp: Language) -> None:
    text = (
        "东方蓝海(青岛)海上风电装备基地项目(1-2期)(北地块)一期开工,"
        "东港热电联产配套海水淡化项目由东港热电有限公司投资建设,建成规模2.5万吨/日。"
        "2025年度东港市海水淡化项目申报开始。"
    )
    out = extract(text, nlp)
    found = _types(out)
    assert ("东方蓝海(青岛)海上风电装备基地项目(1-2期)(北地块)一期", "PROJECT") in found
    assert ("东港热电有限公司", "INVESTS_IN", "东港热电联产配套海水淡化项目") in _rels(out)
    q = next(e for e in out["entities"] if e["text"] == "2.5万吨/日")
    assert (q["type"], q["value"], q["unit"]) == ("QUANTITY", 25000.0, "t/day")
    assert not any("海水淡化项目申报" in t or t.endswith("东港市海水淡化项目") for t, _ in found)


def test_drugs_vessels_and_generic_acronyms(nlp: Language) -> None:
    text = (
        "东海药业正在研制海藻多酚胶囊,常见的海藻空心胶囊已按药品GMP要求生产。"
        "建造中的“蓝鲸海工166”已显现雏形,‘深海3 - 2号’网箱已建成,金鹰FPSO和圆筒型FPSO在建。"
        "东湾造船厂2023年交付养殖工船“海渔2号”,国内上市的海藻宁、降脂灵散等海洋药物来自这里。"
    )
    out = extract(text, nlp)
    products = {t for t, ty in _types(out) if ty == "PRODUCT"}
    assert products == {
        "海藻多酚胶囊",
        "蓝鲸海工166",
        "深海3 - 2号",
        "金鹰FPSO",
        "海渔2号",
        "海藻宁",
        "降脂灵散",
    }
    rels = _rels(out)
    assert ("东海药业", "DEVELOPS", "海藻多酚胶囊") in rels
    assert ("东湾造船厂", "DEVELOPS", "海渔2号") in rels


def test_multi_party_signing_and_elided_subject(nlp: Language) -> None:
    text = (
        "东港市人民政府、北方能源集团有限公司、国家海洋调查局共建东港海洋大学签约仪式举行。"
        "东港水务集团与南方海工有限公司联合开展项目建设;与东海电建公司签订战略合作协议,"
        "开展全面合作;与东港大学等单位开展技术交流。"
    )
    rels = _rels(extract(text, nlp))
    parties = ["东港市人民政府", "北方能源集团有限公司", "国家海洋调查局", "东港海洋大学"]
    signed = {(a, b) for a, r, b in rels if r == "SIGNED"}
    for i, a in enumerate(parties):
        for b in parties[i + 1 :]:
            assert (a, b) in signed
    assert not any(a in parties and r == "COOPERATES_WITH" for a, r, _ in rels)
    assert ("东港水务集团", "SIGNED", "东海电建公司") in rels
    assert ("东港水务集团", "COOPERATES_WITH", "东海电建公司") in rels
    assert not any(b == "东港大学" for _, r, b in rels if r == "SIGNED")


def test_descriptions_kinds_and_facilities_are_not_names(nlp: Language) -> None:
    text = (
        "走进经济新区,世界自动化码头建设取得进展。联盟由海洋装备、海洋电子信息等产业的相关企业、"
        "高等院校、科研院所组成,带动高校院所创新。东海石油工程(青岛)有限公司生产基地内,"
        "新能源办公室主任王强致欢迎辞,企业管理部副经理张军告诉记者。"
    )
    found = _types(extract(text, nlp))
    assert ("东海石油工程(青岛)有限公司", "FIRM") in found
    assert ("张军", "PERSON") in found
    assert {t for t, _ in found} == {"东海石油工程(青岛)有限公司", "王强", "张军"}


def test_firm_short_names_before_yu_and_trade_words(nlp: Language) -> None:
    text = (
        "北洋海工与东江大学合作研发的“海燕-X”水下滑翔机完成海试。东港市与蓝帆医疗签约。"
        "华晨船舶、远航物流等企业签约落户东港临港产业区,东海造船厂承建的“海龙号”科考船交付。"
    )
    out = extract(text, nlp)
    found, rels = _types(out), _rels(out)
    assert ("北洋海工", "FIRM") in found and ("东江大学", "INSTITUTE") in found
    assert ("北洋海工", "DEVELOPS", "海燕-X") in rels
    assert ("东江大学", "DEVELOPS", "海燕-X") in rels
    assert ("蓝帆医疗", "FIRM") in found
    assert ("华晨船舶", "LOCATED_IN", "东港临港产业区") in rels
    assert not any(r == "SIGNED" for _, r, _ in rels)
    assert ("东海造船厂", "DEVELOPS", "海龙号") in rels


def test_passive_developer_and_the_verbs_clause(nlp: Language) -> None:
    text = "“海神”大模型由东港海洋大学发布,“蓝鲸”养殖平台已投入使用。"
    rels = _rels(extract(text, nlp))
    assert ("东港海洋大学", "DEVELOPS", "海神") in rels
    assert not any(b == "蓝鲸" for _, _, b in rels)


def test_parks_hosting_firms_and_more_names(rules_nlp: Language) -> None:
    """Rules only: the learned edge model, trained on independent annotators' choices, drops
    the terminal phase 东港港自动化码头三期 (an unknown place before 自动化码头); see
    test_edges.py::test_model_drops_what_annotators_leave_out."""
    nlp = rules_nlp
    text = (
        "东港海洋生物医药研究院入驻东港蓝色药谷。目前,东港海洋科技园已入驻海丰智能、北洋船舶等"
        "30余家企业。东港蓝谷管委主任李刚、东港海洋研究所所长王芳共同揭牌,"
        "中国海洋科学院东港分院院长刘洋陪同。东港港与东港航运集团签署协议,"
        "东港港集团董事长王东表示将推进东港港自动化码头三期建设,东港市建设集团有限公司共建实训基地。"
    )
    out = extract(text, nlp)
    found, rels = _types(out), _rels(out)
    assert ("东港海洋生物医药研究院", "LOCATED_IN", "东港蓝色药谷") in rels
    assert ("海丰智能", "LOCATED_IN", "东港海洋科技园") in rels
    assert ("北洋船舶", "LOCATED_IN", "东港海洋科技园") in rels
    assert ("王芳", "LEADS", "东港海洋研究所") in rels
    assert ("刘洋", "LEADS", "中国海洋科学院东港分院") in rels
    assert ("东港航运集团", "FIRM") in found
    assert ("东港港自动化码头三期", "PROJECT") in found
    assert ("东港市建设集团有限公司", "FIRM") in found
    assert not any(t in ("王芳共", "实训基地") for t, _ in found)


def test_short_aliases_projects_started_in_a_park_and_investors(nlp: Language) -> None:
    text = (
        "东港蓝海智能装备有限公司(简称蓝海智能)与东港大学签约,蓝海智能董事长李明、"
        "东港大学校长李四代表双方签字。东港海洋药物研发中心项目在东港高新区奠基,"
        "深海能源集团将在青岛蓝谷投资建设东海深海装备产业园项目。"
    )
    out = extract(text, nlp)
    found, rels = _types(out), _rels(out)
    assert ("东港蓝海智能装备有限公司", "SIGNED", "东港大学") in rels
    assert ("李四", "LEADS", "东港大学") in rels
    assert ("东港海洋药物研发中心项目", "PROJECT") in found
    assert ("东港海洋药物研发中心项目", "LOCATED_IN", "东港高新区") in rels
    assert ("深海能源集团", "INVESTS_IN", "东海深海装备产业园项目") in rels
    assert not any(b == "青岛蓝谷" for _, r, b in rels if r == "INVESTS_IN")


def test_trade_named_firm_settling_at_a_clause_start(nlp: Language) -> None:
    text = "蓝帆医疗落户东港高新区,海丰智能入驻东港海洋科技园,集团总经理李勇到东港调研。"
    out = extract(text, nlp)
    rels = _rels(out)
    assert ("蓝帆医疗", "LOCATED_IN", "东港高新区") in rels
    assert ("海丰智能", "LOCATED_IN", "东港海洋科技园") in rels
    assert ("李勇", "PERSON") in _types(out)


def test_policy_text_kinds_are_not_names(nlp: Language) -> None:
    text = "支持企业建设研发中心、中试基地和生产基地。鼓励高校院所与企业共建联合实验室。"
    assert _types(extract(text, nlp)) == set()


def test_government_post_does_not_continue_a_party_committee(nlp: Language) -> None:
    text = (
        "东港市委常委、秘书长钱红,副市长孙伟参加会议。东港海洋大学原校长吴德星,现任校长于志刚出席。"
    )
    rels = _rels(extract(text, nlp))
    assert ("钱红", "LEADS", "市委") in rels or ("钱红", "LEADS", "东港市委") in rels
    assert not any(a == "孙伟" for a, _, _ in rels)
    assert ("于志刚", "LEADS", "东港海洋大学") in rels
    assert not any(a == "吴德星" for a, _, _ in rels)


# -- rules from holdout4's blind errors (2026-11-26): invented sentences, no corpus names -------


def test_generic_descriptions_with_a_name_ending_are_not_names(nlp: Language) -> None:
    text = (
        "该港将建设国家重要的粮油储运中心和大宗件杂货集散中心,项目包括舾装及交付中心、"
        "设计研发中心、主题商务中心等,打造远洋渔业支撑基地和大宗散杂货物流园区。"
        "该船舶公司与东港市南区平台公司合作,世界级船公司纷纷开通航线,距离东港区中心约5公里。"
    )
    found = _types(extract(text, nlp))
    assert not any(t in ("INSTITUTE", "PARK", "FIRM", "PROJECT") for _, t in found), found


def test_verbs_before_an_ending_are_not_names(nlp: Language) -> None:
    text = (
        "此举将进一步缓解东港市用水紧张局面,东港会展中心是城市的会客厅。"
        "园区将进一步引导海洋项目集聚,主动承载东港产业转移,从根本上解决制约研究所发展的问题。"
    )
    found = _types(extract(text, nlp))
    assert not any(t in ("GOV", "PROJECT", "INSTITUTE") for _, t in found), found


def test_hosting_verbs_and_gov_endings(nlp: Language) -> None:
    text = (
        "由省海洋产业专班、东港市海洋发展局、东港市政府共同举办的论坛开幕,"
        "东港市委、市政府高度重视与北方大学共同支持建设东港海洋工程研究院。"
    )
    out = extract(text, nlp)
    found, rels = _types(out), _rels(out)
    assert ("省海洋产业专班", "GOV") in found
    assert ("东港市政府", "GOV") in found
    assert ("北方大学", "INSTITUTE") in found
    assert ("东港市委", "COOPERATES_WITH", "北方大学") in rels
    assert ("市政府", "COOPERATES_WITH", "北方大学") in rels


def test_undeclared_abbreviations_of_an_institute(nlp: Language) -> None:
    text = (
        "北方大学深海工程研究院(东港)揭牌,深工院将在深海装备领域发力。"
        "中国科学院海洋研究所所长王强表示,海洋所将迁至东港科教园。"
        "东港海洋药物研究院成立,海药院院长李勇出席。"
    )
    found = _types(extract(text, nlp))
    assert ("深工院", "INSTITUTE") in found
    assert ("海洋所", "INSTITUTE") in found
    assert ("海药院", "INSTITUTE") in found
    assert ("东港科教园", "PARK") in found


def test_people_after_more_titles_and_name_lengths(nlp: Language) -> None:
    text = (
        "挪威驻华大使白思雅致辞,东港银行副行长姜辉明、东港大学教授、博士生导师郭春林出席。"
        "东港渔业集团总裁刘春会侃侃而谈,北方大学副校长曾嵘进行座谈,该院长期深耕海洋药物。"
    )
    out = extract(text, nlp)
    found, rels = _types(out), _rels(out)
    for name in ("白思雅", "姜辉明", "郭春林", "刘春会", "曾嵘"):
        assert (name, "PERSON") in found, name
    assert ("姜辉明", "LEADS", "东港银行") in rels
    assert ("刘春会", "LEADS", "东港渔业集团") in rels
    assert not any(t == "期深耕" for t, _ in found)


def test_firm_starting_with_xin_ship_names_units_and_drug_targets(nlp: Language) -> None:
    text = (
        "东港港务集团与新兴重工集团有限公司和北方外运股份有限公司两大央企签署合作协议。"
        "“远洋东港”轮靠泊东港港区,东港200万千瓦(2GW)海上风电项目开工,抗HPV凝胶上市。"
    )
    out = extract(text, nlp)
    found, rels = _types(out), _rels(out)
    assert ("新兴重工集团有限公司", "FIRM") in found
    assert ("东港港务集团", "SIGNED", "新兴重工集团有限公司") in rels
    assert ("东港港务集团", "SIGNED", "北方外运股份有限公司") in rels
    assert ("新兴重工集团有限公司", "SIGNED", "北方外运股份有限公司") not in rels
    assert ("远洋东港", "PRODUCT") in found
    assert ("2GW", "QUANTITY") in found
    assert not any(t == "HPV" for t, _ in found)


def test_two_parks_written_together_and_long_distance_cues(rules_nlp: Language) -> None:
    """Rules only: the learned edge model drops the short zone 东港新区 after 坐落于; see
    test_edges.py::test_model_drops_what_annotators_leave_out."""
    nlp = rules_nlp
    text = (
        "坐落于东港新区东港科教园内的北方海洋研究中心已建成。"
        "北方海洋研究所由市南区老园区搬迁至东港科教园。\n"
        "东港高新区与北方大学紧紧围绕海洋生物产业,在东港高新区共建北方大学生物园。"
        "东港港务集团和东港渔业投资有限公司就东港国际冷链物流基地项目建设签约。"
        "东港渔业集团与北方能源公司签署战略合作协议,双方将围绕海洋新能源、海洋装备等领域展开全方位合作。"
        "东港海洋装备制造中心项目,由北方重工集团投资建设。"
        "“东港1号”2021年5月在东港造船有限公司启动建造。"
    )
    rels = _rels(extract(text, nlp))
    assert ("北方海洋研究中心", "LOCATED_IN", "东港新区") in rels
    assert ("北方海洋研究中心", "LOCATED_IN", "东港科教园") in rels
    assert ("北方海洋研究所", "LOCATED_IN", "东港科教园") in rels
    assert ("东港高新区", "COOPERATES_WITH", "北方大学") in rels
    assert ("东港港务集团", "SIGNED", "东港渔业投资有限公司") in rels
    assert ("东港渔业集团", "COOPERATES_WITH", "北方能源公司") in rels
    assert ("北方重工集团", "INVESTS_IN", "东港海洋装备制造中心项目") in rels
    assert ("东港造船有限公司", "DEVELOPS", "东港1号") in rels


def test_leaders_named_before_their_title_and_lists_after_a_title(nlp: Language) -> None:
    text = (
        "李明副所长对王刚副厅长一行来所调研表示欢迎。副院长张伟、刘海军参加活动。"
        "市领导赵强、钱伟出席。党委副书记、管委常务副主任孙亮主持。"
    )
    found = _types(extract(text, nlp))
    for name in ("李明", "王刚", "张伟", "刘海军", "赵强", "钱伟", "孙亮"):
        assert (name, "PERSON") in found
    assert not any(t in ("党委", "管委", "常务") for t, _ in found)


def test_short_names_of_congresses_and_firms_before_an_executive_title(nlp: Language) -> None:
    text = (
        "省政协副主席王五出席,区政协主席杨六、市人大常委会主任赵七陪同。"
        "会上,东港防务总经理李强、东港重工董事长王刚介绍情况,公司常务副总经理刘军参加。"
        "会上,双方董事长签字,中方总经理致辞。"
    )
    found = _types(extract(text, nlp))
    assert {("省政协", "GOV"), ("区政协", "GOV"), ("市人大常委会", "GOV")} <= found
    assert {("东港防务", "FIRM"), ("东港重工", "FIRM")} <= found
    assert not any(t in ("公司常务", "公司", "常务", "双方", "中方") for t, _ in found)


def test_a_leader_joining_partners_and_separate_signings(nlp: Language) -> None:
    text = (
        "该中心由东港海洋研究所牵头,联合北方计量研究院、东港地质研究所等科研院所及"
        "北方仪器有限公司、东港钢绳股份有限公司共同组建。"
        "该公司由东港生物医药研究院、东港制药有限责任公司及东港众成生物科技有限公司三方合资组建。"
        "东港航运有限公司、北方融资租赁公司、南海船务有限公司等数十家企业也已纷纷签约。"
    )
    rels = _rels(extract(text, nlp))
    lead = "东港海洋研究所"
    for partner in ("北方计量研究院", "东港地质研究所", "北方仪器有限公司", "东港钢绳股份有限公司"):
        assert (lead, "COOPERATES_WITH", partner) in rels
    assert ("北方仪器有限公司", "COOPERATES_WITH", "东港钢绳股份有限公司") not in rels
    assert ("东港生物医药研究院", "COOPERATES_WITH", "东港制药有限责任公司") in rels
    assert ("东港制药有限责任公司", "COOPERATES_WITH", "东港众成生物科技有限公司") in rels
    assert not any(r == "SIGNED" for _, r, _ in rels)


def test_located_described_parks_joint_investors_and_adverbs_before_yu(
    rules_nlp: Language,
) -> None:
    """Relation rules over the rules' own entities: whether the learned edge model keeps the
    invented 东港示范区 is a borderline call that moves when it is retrained on more data."""
    text = (
        "落户于东港示范区的北方电气风电装备产业园项目已开工。"
        "东港液化天然气码头位于东港市西南端的东港董家经济区。"
        "东港乐园项目,位于东港高新区,由东港城投集团、东港建工集团和北方金茂控股集团"
        "共同出资18亿元建设。"
        "北方电力有限公司已先后与东港体育中心有限公司、东港能源集团签署合作协议。"
    )
    rels = _rels(extract(text, rules_nlp))
    assert ("北方电气风电装备产业园项目", "LOCATED_IN", "东港示范区") in rels
    assert ("东港液化天然气码头", "LOCATED_IN", "东港董家经济区") in rels
    for investor in ("东港城投集团", "东港建工集团", "北方金茂控股集团"):
        assert (investor, "INVESTS_IN", "东港乐园项目") in rels
    assert ("北方电力有限公司", "SIGNED", "东港体育中心有限公司") in rels
    assert ("北方电力有限公司", "SIGNED", "东港能源集团") in rels


def test_speakers_counted_academicians_and_joint_party_and_government(nlp: Language) -> None:
    text = (
        "会议召开。 赵海涛在致辞中说,要加强合作。"
        "下午,钱明华、孙和平、周建国和吴涛4位院士分别发言。邀请王立新、冯涛等5位院士出席。"
        "东港市市长郑宏伟率领市政府代表团考察。东港市委市政府高度重视,省委省政府也很关心。"
    )
    found = _types(extract(text, nlp))
    for name in ("赵海涛", "钱明华", "孙和平", "周建国", "吴涛", "郑宏伟", "王立新", "冯涛"):
        assert (name, "PERSON") in found
    assert {("东港市委", "GOV"), ("市政府", "GOV"), ("省委", "GOV"), ("省政府", "GOV")} <= found
    assert not any(t in ("分别发言", "东港市委市政府", "省委省政府") for t, _ in found)


def test_acronyms_of_bodies_routes_and_lists_of_products_are_not_products(nlp: Language) -> None:
    text = (
        "国际航运组织(IWO)批准了资质认定证书(CMX)。港口开通EMPX美东航线、CLAX中东航线。"
        "东港重工将推进船用主机、辅机、甲板机械、舱室机械等配套产品,码头操作系统(iGTOX)上线。"
    )
    found = _types(extract(text, nlp))
    assert not any(t in ("IWO", "CMX", "EMPX", "CLAX") for t, _ in found)
    assert not any(t in ("甲板机械", "舱室机械", "辅机") for t, _ in found)
    assert ("iGTOX", "PRODUCT") in found


def test_lists_headed_by_giants_media_and_law_firms_name_firms(rules_nlp: Language) -> None:
    """等航运巨头/等3家媒体/等律师事务所 head a list of firms, as 等企业 does; a country before
    a foreign member stays outside its name."""
    found = ents(
        extract("今年以来,博澜、泰科斯、西班牙瓦伦港等航运巨头的船舶频频靠泊青岛港。", rules_nlp)
    )
    assert {(n, t) for n, t, *_ in found} >= {
        ("博澜", "FIRM"),
        ("泰科斯", "FIRM"),
        ("瓦伦港", "FIRM"),
    }
    found = ents(extract("海讯日报、蓝湾融媒等3家媒体出席见面会。", rules_nlp))
    assert {(n, t) for n, t, *_ in found} >= {("海讯日报", "FIRM"), ("蓝湾融媒", "FIRM")}


def test_virtual_reality_is_part_of_a_name_but_intends_to_still_breaks(rules_nlp: Language) -> None:
    """拟 (intends to) ends a name before it, except inside 虚拟现实 and 模拟."""
    found = ents(extract("东岳大学虚拟现实研究院落户青岛市虚拟现实产业园。", rules_nlp))
    assert {(n, t) for n, t, *_ in found} == {
        ("东岳大学虚拟现实研究院", "INSTITUTE"),
        ("青岛市虚拟现实产业园", "PARK"),
    }
    found = ents(extract("今年建成海洋模拟训练实验室。", rules_nlp))
    assert [n for n, *_ in found] == ["海洋模拟训练实验室"]
    found = ents(extract("东瑞海工拟在青岛蓝谷建设海洋装备研究院。", rules_nlp))
    assert not [n for n, *_ in found if "拟" in n]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a titled person before 与 is no part of the firm after it
        (
            "东瑞大学党委书记王立新与北岭矿业(集团)有限责任公司签署协议。",
            {("王立新", "PERSON"), ("北岭矿业(集团)有限责任公司", "FIRM")},
        ),
        # 签订 after a two-character name is the verb, not a third name character
        ("北岭矿业有限公司总经理李文签订协议。", {("李文", "PERSON")}),
        # 上海合作组织 is a name, 携手 a verb, 求是 part of a name
        (
            "上海合作组织示范区管委会携手求是海洋研究院共同举办。",
            {
                ("上海合作组织示范区管委会", "GOV"),
                ("求是海洋研究院", "INSTITUTE"),
            },
        ),
        # a country stays outside a foreign university's name, not a national academy's
        (
            "会见德国北湖大学和瑞典皇家科学院代表团。",
            {
                ("北湖大学", "INSTITUTE"),
                ("瑞典皇家科学院", "INSTITUTE"),
            },
        ),
    ],
)
def test_boundaries_after_titled_people_and_around_names(
    rules_nlp: Language, text: str, expected: set[tuple[str, str]]
) -> None:
    assert {(n, t) for n, t, *_ in ents(extract(text, rules_nlp))} >= expected


def test_a_person_who_is_or_holds_a_post_leads_the_organisation_after(nlp: Language) -> None:
    """P是ORG总经理, P担任ORG院长: the organisation follows the verb, the title follows it."""
    text = (
        "王立新是北岭矿业有限公司总经理。院士李海担任东瑞海洋研究院院长。"
        "赵云是北岭矿业有限公司的客户。"
    )
    rels = _rels(extract(text, nlp))
    assert ("王立新", "LEADS", "北岭矿业有限公司") in rels
    assert ("李海", "LEADS", "东瑞海洋研究院") in rels
    assert not [r for r in rels if r[0] == "赵云"]


def test_heads_sign_for_the_organisations_they_head(nlp: Language) -> None:
    text = (
        "东瑞大学校长王立新与北岭市教育局局长刘明、北岭市科技局局长赵强签订合作协议。"
        "副市长李海代表市政府与北岭港集团签定了战略协议。"
    )
    rels = {r for r in _rels(extract(text, nlp)) if r[1] == "SIGNED"}
    assert rels >= {
        ("东瑞大学", "SIGNED", "北岭市教育局"),
        ("东瑞大学", "SIGNED", "北岭市科技局"),
        ("市政府", "SIGNED", "北岭港集团"),
    }
    assert not [r for r in rels if "王立新" in r or "刘明" in r]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("活动由中共北岭市委组织部主办。", "中共北岭市委组织部"),
        ("省委统战部立项的重点课题。", "省委统战部"),
        ("按照市委要求加快建设。", "市委"),
        ("我们认真落实市委部署。", "市委"),
        ("根据北岭海洋集团总经理介绍,项目已开工。", "北岭海洋集团"),
    ],
)
def test_party_departments_and_verbs_before_a_body(
    rules_nlp: Language, text: str, name: str
) -> None:
    """A Party committee's 组织部/统战部 is one GOV body; 按照/落实/根据 are no part of a name."""
    names = [n for n, *_ in ents(extract(text, rules_nlp))]
    assert name in names


def test_international_bodies_the_party_centre_and_academy_short_forms(rules_nlp: Language) -> None:
    text = (
        "联合国教科文组织代表与中科院副院长出席。把党中央决策部署落实到位。"
        "联合国内外专家参会。中科院声学所参展。"
    )
    found = {(n, t) for n, t, *_ in ents(extract(text, rules_nlp))}
    assert {("联合国教科文组织", "GOV"), ("中科院", "INSTITUTE"), ("党中央", "GOV")} <= found
    assert ("联合国", "GOV") not in found  # 联合国内: within the country
    assert sum(1 for n, _ in found if n == "中科院") == 1  # not inside 中科院声学所


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("国家海洋局局长王宏视频致辞。", "王宏"),
        ("秘书长古凡遇到了许多熟人。", "古凡"),
        ("副总裁马悦提到了一个细节。", "马悦"),
        ("总经理董波通过大屏演示。", "董波"),
        ("副区长隋斌以及各部门负责人出席。", "隋斌"),
        ("总经理舒海向全球观众展示了新品。", "舒海"),
    ],
)
def test_a_word_after_a_two_character_name_is_not_its_third_character(
    rules_nlp: Language, text: str, name: str
) -> None:
    people = [n for n, t, *_ in ents(extract(text, rules_nlp)) if t == "PERSON"]
    assert people == [name]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("市财政局副巡视员李海峰出席。", "李海峰"),
        ("北湖代表处首席代表王晓晓表示欢迎。", "王晓晓"),
        ("市科技局副局长 刘学明同志;", "刘学明"),
        ("外科主任孙大为带领团队完成手术。", "孙大为"),
        ("工艺组组长鲁明发介绍了进展。", "鲁明发"),
        ("副厅长李宁女士为该船命名。", "李宁"),
        ("今天,林立盛先生与北湖银行签约。", "林立盛"),
        ("平台抵达作业现场(马晋雄摄)。", "马晋雄"),
        ("项目进展顺利。朱维表示。", "朱维"),
    ],
)
def test_more_titles_spaced_names_honorifics_credits_and_speakers(
    rules_nlp: Language, text: str, name: str
) -> None:
    people = [n for n, t, *_ in ents(extract(text, rules_nlp)) if t == "PERSON"]
    assert people == [name]


def test_a_list_head_after_a_verb_names_no_members_and_more_verbs_break_names(
    rules_nlp: Language,
) -> None:
    """ "使企业、项目、资金等要素向园区聚集": 园区 is not the list's head; 意味着/购买/本次 are no
    part of the name after them."""
    text = (
        "建设特色园区,并使企业、项目、资金等要素向园区聚集。"
        "这意味着北岭海洋科技园项目正式开工。本次北岭深海装备项目总投资10亿元。"
    )
    found = {(n, t) for n, t, *_ in ents(extract(text, rules_nlp))}
    assert not {n for n, t in found if t == "PARK" and n in ("使企业", "项目", "资金")}
    assert ("北岭海洋科技园项目", "PROJECT") in found
    assert not [n for n, _ in found if n.startswith(("意味着", "本次"))]


def test_less_common_surnames_founders_and_dotted_project_names(nlp: Language) -> None:
    text = (
        "东港海洋局总工程师傅海军做客直播间,东港物流有限公司总经理慈玉明介绍,生产副总经理郜立斌陪同。"
        "北翼科技创始人、董事长黄东港出席。"
        "东港置业·北湾智造产业园项目落户东港新区,海东集团·南山海洋科技园同日开园。"
    )
    found = _types(extract(text, nlp))
    for name in ("傅海军", "慈玉明", "郜立斌", "黄东港"):
        assert (name, "PERSON") in found, name
    assert ("北翼科技", "FIRM") in found
    assert ("东港置业·北湾智造产业园项目", "PROJECT") in found
    assert any(t == "海东集团·南山海洋科技园" for t, _ in found)


def test_a_listed_project_named_like_a_park_is_a_park() -> None:
    """Annotators type by a strong ending (an X产业园 in a list of projects stays PARK)."""
    gaz = Gazetteer.from_rows(
        [
            ("东港电竞产业园", "PROJECT", "project:x", []),
            ("东港数港中心", "PROJECT", "project:y", []),
        ]
    )
    found = _types(extract("东港电竞产业园、东港数港中心开工。", build_pipeline(gaz)))
    assert ("东港电竞产业园", "PARK") in found
    assert ("东港数港中心", "PROJECT") in found


def test_a_known_two_character_name_does_not_match_inside_a_word() -> None:
    gaz = Gazetteer.from_rows(
        [("王勇", "PERSON", "person:a", []), ("潘军", "PERSON", "person:b", [])]
    )
    nlp = build_pipeline(gaz)
    found = _types(extract("他勇敢地说,王勇敢于创新,潘军队伍壮大。", nlp))
    assert not any(t in ("王勇", "潘军") for t, _ in found)
    found = _types(extract("校长王勇表示,潘军、王勇出席。", nlp))
    assert ("王勇", "PERSON") in found and ("潘军", "PERSON") in found


def test_offices_named_after_their_body_and_names_between_body_and_title(nlp: Language) -> None:
    text = (
        "东港省教育厅规划处处长孙立新、北方大学发展规划处副处长钱海出席。"
        "北方研究所李东明副所长介绍情况,东港市发改委段宏伟处长陪同,市委党校校长周海主持。"
    )
    out = extract(text, nlp)
    found, rels = _types(out), _rels(out)
    assert ("东港省教育厅规划处", "GOV") in found
    assert ("北方大学发展规划处", "INSTITUTE") in found
    assert ("孙立新", "LEADS", "东港省教育厅规划处") in rels
    assert ("李东明", "PERSON") in found and ("段宏伟", "PERSON") in found
    assert ("东港市发改委", "GOV") in found
    assert not any(t in ("党校", "东港市发改委段宏伟处") for t, _ in found)


def test_city_before_yu_bureaus_of_construction_resorts_and_chiefs(nlp: Language) -> None:
    text = (
        "日前,东港市与北辰集团签署协议。东港市住房和城乡建设局发布通知。"
        "日前东港国家高新区在深圳推介,嘉宾莅临北湾产业园,对现有城区工业园改造。"
        "南山阳光董事局主席金海出席,北辰智能CEO王强致辞。"
        "项目位于东港大沽河省级生态旅游度假区,毗邻东港汽车产业新城和半岛国际人才港。"
    )
    found = _types(extract(text, nlp))
    for name, etype in (
        ("北辰集团", "FIRM"),
        ("东港市住房和城乡建设局", "GOV"),
        ("东港国家高新区", "PARK"),
        ("北湾产业园", "PARK"),
        ("城区工业园", "PARK"),
        ("南山阳光", "FIRM"),
        ("北辰智能", "FIRM"),
        ("东港大沽河省级生态旅游度假区", "PARK"),
        ("东港汽车产业新城", "PARK"),
        ("半岛国际人才港", "PARK"),
    ):
        assert (name, etype) in found, name
    assert not any(t.startswith(("东港市与", "日前", "莅临", "现有")) for t, _ in found)


def test_he_in_a_name_before_a_verb_speech_after_a_rare_name_and_parks_run_as_firms(
    nlp: Language,
) -> None:
    text = (
        "”东港市委组织部副部长周兆和介绍,项目进展顺利。北辰大学亚太区总经理绍东表示。"
        "活动现场,北湾生态科技园董事长李红出席。"
    )
    out = extract(text, nlp)
    found, rels = _types(out), _rels(out)
    assert ("周兆和", "PERSON") in found
    assert ("绍东", "PERSON") in found and not any(t == "绍东表示" for t, _ in found)
    assert ("北湾生态科技园", "FIRM") in found
    assert ("李红", "LEADS", "北湾生态科技园") in rels


def test_names_that_contain_words_which_otherwise_end_a_name(nlp: Language) -> None:
    text = (
        "项目由东港市润海旅游开发有限公司和东港城市建设投资集团有限责任公司投资。"
        "东港邮轮港区服务管理局、东港市国际投资合作促进局、高新区投资促进局出席。"
        "北方大学成立海洋装备联合研究中心和东港市海洋风电工程技术协同创新中心,"
        "北湾应用技术大学参加。"
    )
    found = _types(extract(text, nlp))
    for name, etype in (
        ("东港市润海旅游开发有限公司", "FIRM"),
        ("东港城市建设投资集团有限责任公司", "FIRM"),
        ("东港邮轮港区服务管理局", "GOV"),
        ("东港市国际投资合作促进局", "GOV"),
        ("高新区投资促进局", "GOV"),
        ("海洋装备联合研究中心", "INSTITUTE"),
        ("东港市海洋风电工程技术协同创新中心", "INSTITUTE"),
        ("北湾应用技术大学", "INSTITUTE"),
    ):
        assert (name, etype) in found, name


def test_signing_parties_without_endings_firms_after_le_and_alliances_left_out() -> None:
    gaz = Gazetteer.from_rows([("东港海洋装备创新发展联盟", "INSTITUTE", "institution:x", [])])
    nlp = build_pipeline(gaz)
    text = (
        "东港港与北辰商事株式会社签署协议,东港高新区分别与阿斯东签署区域总部项目协议。"
        "市长会见了中氢北辰董事长周明一行,南洋银行董事总裁陈智出席。"
        "东港海洋装备创新发展联盟成立。我市与对方签署协议。"
    )
    found = _types(extract(text, nlp))
    for name in ("北辰商事株式会社", "阿斯东", "中氢北辰", "南洋银行"):
        assert (name, "FIRM") in found, name
    assert not any(t in ("南洋银行董事", "东港海洋装备创新发展联盟", "对方") for t, _ in found)


def test_exchanges_city_before_short_names_slogans_and_unnamed_companies() -> None:
    gaz = Gazetteer.from_rows([("东港麒麟轮胎股份有限公司", "FIRM", "firm:x", ["麒麟轮胎"])])
    nlp = build_pipeline(gaz)
    text = (
        "青岛麒麟轮胎在深交所上市,卡奥斯向港交所递交申请。"
        "项目致力打造“一带一路”电力设备产业园。这是上市公司并购重组案,双方成立了合资公司。"
        "赛轮承建了国家企业技术中心。"
    )
    found = _types(extract(text, nlp))
    assert ("青岛麒麟轮胎", "FIRM") in found
    assert ("深交所", "FIRM") in found and ("港交所", "FIRM") in found
    assert not any(
        t in ("一带一路", "上市公司", "合资公司", "国家企业技术中心", "麒麟轮胎") for t, _ in found
    )


def test_people_after_leader_and_chief_accountant_and_bare_name_lists(nlp: Language) -> None:
    text = (
        "东港重工党委委员、总会计师丁海强出席。北辰集团领导张东、陈南、王北出席。"
        "会议提名孙海本、孙继东、刘皓北为董事候选人。李东、杨北华、赵南章为副院长。"
        "领导和嘉宾应邀参会,东港市委人才工作领导小组办公室参加。"
    )
    out = extract(text, nlp)
    found, rels = _types(out), _rels(out)
    for name in ("丁海强", "张东", "陈南", "王北", "孙海本", "孙继东", "刘皓北", "李东", "杨北华"):
        assert (name, "PERSON") in found, name
    assert ("张东", "LEADS", "北辰集团") in rels
    assert ("东港市委人才工作领导小组办公室", "GOV") in found
    assert not any(t in ("和嘉宾", "应邀", "嘉宾") for t, _ in found)


def test_more_units_and_a_space_before_the_unit() -> None:
    text = (
        "总投资 59,435.00 万元,建筑面积 109,272.26 ㎡,产能100万千升,"
        "吞吐量3 亿吨,日供氢430公斤,800平米演播厅。"
    )
    got = {(text[m.start : m.end], m.type, m.unit) for m in find_measures(text)}
    assert ("59,435.00 万元", "MONEY", "CNY") in got
    assert ("109,272.26 ㎡", "QUANTITY", "m2") in got
    assert ("100万千升", "QUANTITY", "kL") in got
    assert ("3 亿吨", "QUANTITY", "t") in got
    assert ("430公斤", "QUANTITY", "kg") in got
    assert ("800平米", "QUANTITY", "m2") in got
    money = next(m for m in find_measures(text) if m.type == "MONEY")
    assert money.value == 59435.0 * 1e4


def test_zhengru_starts_no_name_and_suoyan_ends_one(nlp: Language) -> None:
    text = "正如北辰集团董事长杨东所言,东港区委书记张军所说的“效益”是关键。"
    out = extract(text, nlp)
    found, rels = _types(out), _rels(out)
    assert ("北辰集团", "FIRM") in found and ("杨东", "PERSON") in found
    assert ("张军", "PERSON") in found
    assert ("杨东", "LEADS", "北辰集团") in rels
    assert not any(t in ("正如北辰集团", "张军所", "杨东所") for t, _ in found)


def test_multinationals_are_no_firm_and_inches_are_a_unit(nlp: Language) -> None:
    text = "第三届跨国公司领导人东港峰会举行,众多跨国公司出席。项目建设8英寸、12寸晶圆生产线。"
    found = _types(extract(text, nlp))
    assert not any(t.endswith("跨国公司") for t, _ in found)
    assert ("8英寸", "QUANTITY") in found and ("12寸", "QUANTITY") in found


def test_a_known_short_name_takes_the_trade_word_after_it() -> None:
    gaz = Gazetteer.from_rows(
        [
            ("北辰星汽车股份有限公司", "FIRM", "firm:a", ["北辰星"]),
            ("东方药集团", "FIRM", "firm:b", ["东方药"]),
        ]
    )
    nlp = build_pipeline(gaz)
    found = _types(extract("以一汽解放、北辰星汽车为龙头,东方药科技城项目启动。", nlp))
    assert ("北辰星汽车", "FIRM") in found
    assert not any(t in ("北辰星", "东方药科技") for t, _ in found)


def test_a_district_or_province_before_yu_is_a_party_of_its_own(nlp: Language) -> None:
    text = "总投资约67亿元。东山区与北辰股份有限公司将在产业园内共同投资建设,东港省与南洋集团签约。"
    found = _types(extract(text, nlp))
    assert ("北辰股份有限公司", "FIRM") in found and ("南洋集团", "FIRM") in found
    assert not any(t.startswith(("东山区与", "东港省与")) for t, _ in found)


def test_a_firm_found_by_its_full_name_is_found_again_by_its_short_forms(nlp: Language) -> None:
    text = (
        "山西北辰星能源股份有限公司与东港区签约。根据协议,北辰星能源将建设储能基地;"
        "未来,北辰星还将扩大投资。会上,北辰星股份表示,东海银行股份有限公司也来考察,"
        "推动银行业发展。"
    )
    found = ents(extract(text, nlp))
    short = [(t, ty) for t, ty, _, _ in found if t.startswith("北辰星")]
    assert short == [("北辰星能源", "FIRM"), ("北辰星", "FIRM"), ("北辰星股份", "FIRM")]
    # a name that is place and trade only (东海银行) has no shorter form: 银行 is a word
    assert not any(t == "银行" for t, _, _, _ in found)


def test_a_list_with_known_firms_in_it_is_a_list_of_firms() -> None:
    gaz = Gazetteer.from_rows([("东港重机股份有限公司", "FIRM", "firm:a", ["东港重机"])])
    nlp = build_pipeline(gaz)
    text = (
        "当地培育了东港重机、北辰科技、南洋增压器、海岳动力,形成了特色鲜明的产业集群。"
        "园区整合了东港重机、东港火车站、北辰科技等资源。"
    )
    found = _types(extract(text, nlp))
    assert ("南洋增压器", "FIRM") in found and ("海岳动力", "FIRM") in found
    assert not any(t == "东港火车站" for t, _ in found)


def test_ministries_and_national_bodies_are_known_by_name(nlp: Language) -> None:
    text = "8月21日上午,商务部与东港省政府签约;中国外交部副部长张伟、全国政协副主席李强出席。"
    found = _types(extract(text, nlp))
    for name in ("商务部", "中国外交部", "全国政协", "东港省政府"):
        assert (name, "GOV") in found, name
    assert not any(t in ("外交部", "总部") for t, _ in found)

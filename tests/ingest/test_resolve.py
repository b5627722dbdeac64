"""Entity resolution: the normaliser, each layer, judgements, determinism and the golden pairs."""

from __future__ import annotations

import csv
from types import SimpleNamespace

import pytest

from oceanbrain.graph.resolution import JudgementRecord, KnownFirm, judgement_id
from oceanbrain.ingest.load import firm_id
from oceanbrain.ingest.resolve import FirmKey, Resolver, name_parts, own_id, similarity
from oceanbrain.ingest.resolve_eval import GOLDEN, evaluate_golden, read_golden, synthetic_keys
from oceanbrain.ingest.values import uscc_check_char
from tests.conftest import REPO

HUAWEI = "914403001922038216"  # printed by the source of data/national/firms.csv's 华为 row


def uscc(body: str) -> str:
    return body + uscc_check_char(body)


# -- the normaliser ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("海德威科技集团(青岛)有限公司", "海德威科技集团（青岛）有限公司"),  # bracket width
        ("正大制药(青岛)有限公司", "青岛正大制药有限公司"),  # bracketed region vs prefix
        ("青岛正大制药有限公司", "山东省青岛市正大制药有限公司"),  # province + city prefix
        ("歌尔微电子", "歌尔微电子股份有限公司"),  # legal form
        ("中创物流有限责任公司", "中创物流股份有限公司"),
        ("青岛港(集团)有限公司", "青岛港集团"),  # group marker in brackets or not
        ("Hainan Huayan Collagen Technology Co., Ltd.", "HAINAN HUAYAN COLLAGEN TECHNOLOGY"),
    ],
)
def test_variants_of_one_name_get_one_key(a: str, b: str) -> None:
    assert name_parts(a).key == name_parts(b).key


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("青岛博智汇力海洋生物科技有限公司", "青岛达康海洋生物科技有限公司"),
        ("招商局重工(江苏)有限公司", "招商局重工(深圳)有限公司"),  # different bracketed regions
        ("海洋石油工程(青岛)有限公司", "海洋石油工程股份有限公司"),  # subsidiary vs parent
        ("青岛港集团", "青岛港"),  # a group is not its listed company
        ("中国联通青岛市分公司", "中国联通"),  # a branch is not its company
        ("青岛前湾集装箱码头有限责任公司", "青岛前湾联合集装箱码头有限责任公司"),
    ],
)
def test_different_firms_keep_different_keys(a: str, b: str) -> None:
    assert name_parts(a).key != name_parts(b).key


def test_shared_industry_words_score_low_and_trade_names_high() -> None:
    generic = similarity(
        name_parts("青岛博智汇力海洋生物科技有限公司"), name_parts("青岛达康海洋生物科技有限公司")
    )
    near = similarity(name_parts("青岛海西重机有限公司"), name_parts("青岛海西重工有限公司"))
    assert generic < 0.5 <= near < 0.9
    assert name_parts("青岛博智汇力海洋生物科技有限公司").brand == "博智汇力"


def test_ids_follow_the_loader_scheme() -> None:
    for name, code in (("青岛海济生物医药有限公司", None), ("华为技术有限公司", HUAWEI)):
        record = SimpleNamespace(name=name, uscc=code)
        assert own_id(name, code) == firm_id(record)  # type: ignore[arg-type]
    res = Resolver(threshold=0.9, review_min=0.5).resolve(FirmKey("华为技术有限公司", HUAWEI))
    assert res == type(res)(f"firm:uscc:{HUAWEI}", "new", False)


# -- layers -----------------------------------------------------------------------------------
def resolver(*known: KnownFirm, judgements: tuple[JudgementRecord, ...] = ()) -> Resolver:
    return Resolver(known, judgements, threshold=0.9, review_min=0.5)


def test_uscc_layer_and_invalid_uscc_ignored() -> None:
    r = resolver(KnownFirm("firm:x", "华为技术有限公司", HUAWEI))
    assert r.resolve(FirmKey("华为", HUAWEI)).method == "uscc"
    bad = HUAWEI[:-1] + ("0" if HUAWEI[-1] != "0" else "1")
    res = r.resolve(FirmKey("某某不相干公司", bad))
    assert res.method == "new" and res.id.startswith("firm:name:")


def test_different_valid_usccs_are_never_the_same_firm() -> None:
    other = uscc("91370200MA3C00000")
    r = resolver(KnownFirm(f"firm:uscc:{HUAWEI}", "华为技术有限公司", HUAWEI))
    res = r.resolve(FirmKey("华为技术有限公司", other))
    assert res == type(res)(f"firm:uscc:{other}", "new", False)
    # the name is now shared by two firms: a third row without a USCC is not guessed
    third = r.resolve(FirmKey("华为技术有限公司"))
    assert not third.matched
    asked = {j.object_id for j in r.pending_judgements() if j.subject_id == third.id}
    assert asked == {f"firm:uscc:{HUAWEI}", f"firm:uscc:{other}"}


def test_name_and_alias_layers() -> None:
    r = resolver(
        KnownFirm("firm:qpi", "青岛港国际股份有限公司", None, ("青岛港", "QPI")),
        KnownFirm(
            "firm:bh", "中国船舶集团青岛北海造船有限公司", None, ("青岛北海船舶重工有限公司",)
        ),
    )
    by_alias = r.resolve(FirmKey("qpi"))
    assert (by_alias.id, by_alias.method, by_alias.matched) == ("firm:qpi", "alias", True)
    by_name = r.resolve(FirmKey("青岛港国际股份有限公司"))
    assert (by_name.id, by_name.method, by_name.matched) == ("firm:qpi", "name", True)
    former = r.resolve(FirmKey("青岛北海船舶重工有限公司"))
    assert (former.id, former.method) == ("firm:bh", "alias")
    # the row's own alias names a known firm
    by_alias = r.resolve(FirmKey("北船重工", None, ("中国船舶集团青岛北海造船有限公司",)))
    assert (by_alias.id, by_alias.method) == ("firm:bh", "alias")


def test_rows_of_one_run_resolve_to_each_other() -> None:
    r = resolver()
    first = r.resolve(FirmKey("逢时(青岛)海洋科技股份有限公司", None, ("逢时科技",)))
    assert first.method == "new" and not first.matched
    for variant in ("逢时（青岛）海洋科技股份有限公司", "青岛逢时海洋科技有限公司", "逢时科技"):
        again = r.resolve(FirmKey(variant))
        assert (again.id, again.matched) == (first.id, True), variant


def test_similar_names_raise_a_question_and_do_not_merge() -> None:
    r = resolver(KnownFirm("firm:hx", "青岛海西重工有限责任公司"))
    res = r.resolve(FirmKey("青岛海西重机有限责任公司"))
    assert res.method == "new" and not res.matched
    [question] = r.pending_judgements()
    assert (question.subject_id, question.object_id, question.decision) == (
        res.id,
        "firm:hx",
        "pending",
    )
    assert question.id == judgement_id("same_entity", "firm:hx", res.id)
    assert 0.5 <= (question.score or 0) < 0.9
    # unrelated firms that only share 海洋科技 raise nothing
    r2 = resolver(KnownFirm("firm:a", "青岛博智汇力海洋生物科技有限公司"))
    assert r2.resolve(FirmKey("青岛达康海洋生物科技有限公司")).method == "new"
    assert r2.pending_judgements() == []


def test_auto_merge_threshold_is_honoured() -> None:
    known = KnownFirm("firm:hx", "青岛海西重工有限责任公司")
    low = Resolver([known], threshold=0.7, review_min=0.5).resolve(
        FirmKey("青岛海西重机有限责任公司")
    )
    assert (low.id, low.method, low.matched) == ("firm:hx", "name", True)
    assert low.score is not None and 0.7 <= low.score < 1


def test_a_row_with_a_new_uscc_is_compared_only_with_firms_without_one() -> None:
    """Similar names raise a question against a firm with no USCC, never against one whose
    USCC differs (two USCCs are two legal entities); a USCC learnt later keeps it that way."""
    known = KnownFirm("firm:hx", "青岛海西重工有限责任公司")
    coded = KnownFirm("firm:hx2", "青岛海西重工股份有限公司", uscc("91370200MA3C00001"))
    r = resolver(known, coded)
    res = r.resolve(FirmKey("青岛海西重机有限责任公司", uscc("91370200MA3C00002")))
    assert res.method == "new"
    assert {j.object_id for j in r.pending_judgements()} == {"firm:hx"}
    # a row without a USCC is still compared with both
    r2 = resolver(known, coded)
    r2.resolve(FirmKey("青岛海西重机有限责任公司"))
    assert {j.object_id for j in r2.pending_judgements()} == {"firm:hx", "firm:hx2"}
    # once firm:hx gets a USCC (a row resolved to it by name), other USCCs no longer match it
    r3 = resolver(known)
    assert r3.resolve(FirmKey("青岛海西重工有限公司", uscc("91370200MA3C00003"))).id == "firm:hx"
    r3.resolve(FirmKey("青岛海西重机有限责任公司", uscc("91370200MA3C00004")))
    assert r3.pending_judgements() == []


def test_judgements_are_honoured() -> None:
    new_id = own_id("青岛海西重机有限责任公司", None)
    known = KnownFirm("firm:hx", "青岛海西重工有限责任公司")
    same = JudgementRecord(
        judgement_id("same_entity", new_id, "firm:hx"),
        "same_entity",
        new_id,
        "firm:hx",
        0.75,
        decision="same",
        decided_by="editor",
        decided_at="2026-11-26T20:00:00+00:00",
    )
    r = resolver(known, judgements=(same,))
    res = r.resolve(FirmKey("青岛海西重机有限责任公司"))
    assert (res.id, res.method, res.matched) == ("firm:hx", "judgement", True)
    # the judged record already has its own node: another spelling of it follows the judgement
    r = resolver(known, KnownFirm(new_id, "青岛海西重机有限责任公司"), judgements=(same,))
    other = r.resolve(FirmKey("青岛海西重机有限公司"))
    assert (other.id, other.method) == ("firm:hx", "judgement")
    apart = JudgementRecord(same.id, "same_entity", new_id, "firm:hx", 0.75, decision="not_same")
    r = Resolver([known], [apart], threshold=0.6, review_min=0.5)  # would auto-merge otherwise
    res = r.resolve(FirmKey("青岛海西重机有限责任公司"))
    assert (res.id, res.method) == (new_id, "new")
    assert r.pending_judgements() == []  # never asked again
    pending = JudgementRecord(same.id, "same_entity", new_id, "firm:hx", 0.75)
    r = resolver(known, judgements=(pending,))
    assert r.resolve(FirmKey("青岛海西重机有限责任公司")).method == "new"
    assert r.pending_judgements() == []  # already in the queue


def test_resolution_is_deterministic() -> None:
    keys = synthetic_keys(3000, seed=3)
    runs = []
    for _ in range(2):
        r = Resolver(threshold=0.9, review_min=0.5)
        runs.append(([r.resolve(k) for k in keys], r.pending_judgements()))
    assert runs[0] == runs[1]
    methods = {res.method for res in runs[0][0]}
    assert {"new", "name", "alias", "uscc"} <= methods


# -- the golden pairs -------------------------------------------------------------------------
def test_golden_file_is_real_and_large_enough() -> None:
    cases = read_golden(REPO / GOLDEN)
    assert len(cases) >= 60
    assert {c.expected for c in cases} == {"same", "different"}
    assert len({c.case_id for c in cases}) == len(cases)
    data_urls: set[str] = set()
    data_names: set[str] = set()
    for file in ("data/qingdao/firms.csv", "data/national/firms.csv"):
        with (REPO / file).open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                data_urls.update(row["source_url"].split("|"))
                data_names.add(row["name"])
    for case in cases:
        assert set(case.source_url.split("|")) <= data_urls, case.case_id
        assert case.a.name in data_names, case.case_id
        if case.expected == "different":
            assert case.b.name in data_names, case.case_id


def test_golden_pairs_no_false_merge_and_recall(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("OCEANBRAIN_RESOLVE_AUTO_MERGE", raising=False)
    monkeypatch.delenv("OCEANBRAIN_RESOLVE_REVIEW_MIN", raising=False)
    report = evaluate_golden(REPO / GOLDEN)  # the shipped default thresholds
    false = [(r.case.case_id, r.case.a.name, r.case.b.name) for r in report.false_merges()]
    assert false == []
    s = report.summary
    with capsys.disabled():
        print(f"\ngolden: precision {s['precision']} recall {s['recall']} F1 {s['f1']}")
    assert s["recall"] >= 0.85


def test_names_with_nothing_left_never_match_each_other() -> None:
    r = resolver()
    first = r.resolve(FirmKey("Co., Ltd."))
    second = r.resolve(FirmKey("Limited Company"))
    assert first.id != second.id and not second.matched
    assert name_parts("Co., Ltd.").core == ""

"""The learned type model: its labels, its training, the shipped weights, the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from spacy.language import Language
from typer.testing import CliRunner

from oceanbrain.cli import app
from oceanbrain.nlp import patterns as P
from oceanbrain.nlp.edges import EdgeModel
from oceanbrain.nlp.evaluate import load_jsonl
from oceanbrain.nlp.extract import extract
from oceanbrain.nlp.gazetteer import Gazetteer
from oceanbrain.nlp.persons import PersonModel
from oceanbrain.nlp.pipeline import build_pipeline
from oceanbrain.nlp.retype import LABELS, MODEL_PATH, TypeModel, examples, fit
from oceanbrain.nlp.training import train_types

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "tests" / "nlp" / "corpus"


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.from_canonical(REPO / "data")


def _gold(text: str, names: list[tuple[str, str]]) -> list[dict]:
    out = []
    for name, etype in names:
        start = text.index(name)
        out.append({"start": start, "end": start + len(name), "type": etype, "text": name})
    return out


def test_labels_keep_names_with_other_edges_and_drop_pieces_of_other_names() -> None:
    text = "北辰公司落户东港临港产业区,东港重工研究院揭牌,推动国家重点实验室新基地建设。"
    chosen = [
        P.Candidate(0, 4, "FIRM", 0, source="suffix"),  # 北辰公司: exactly a gold FIRM
        P.Candidate(6, 13, "PARK", 0, source="suffix"),  # 东港临港产业区: gold is 临港产业区
        P.Candidate(14, 18, "FIRM", 0, source="suffix"),  # 东港重工 inside a gold INSTITUTE
        P.Candidate(26, 36, "PARK", 0, source="suffix"),  # 国家重点实验室新基地: no gold
        P.Candidate(0, 4, "FIRM", 0, source="context"),  # found by a trigger: not judged
    ]
    names = [("北辰公司", "FIRM"), ("临港产业区", "PARK"), ("东港重工研究院", "INSTITUTE")]
    gold = _gold(text, names)
    labels = [LABELS[y] for _, y in examples(text, gold, chosen, {})]
    assert labels == ["FIRM", "PARK", "NONE", "NONE"]


_TEXTS = [
    ("东港市规划建设国家重点实验室新基地。", (9, 17, "PARK"), "NONE"),
    ("东港市规划建设东港海洋科技园。", (7, 14, "PARK"), "PARK"),
    ("北湾市规划建设国家重点实验室新基地。", (9, 17, "PARK"), "NONE"),
    ("北湾市规划建设北湾海洋科技园。", (7, 14, "PARK"), "PARK"),
]


def _data() -> list[tuple[list[str], int]]:
    out = []
    for text, (s, e, etype), label in _TEXTS:
        gold = [] if label == "NONE" else _gold(text, [(text[s:e], label)])
        out += examples(text, gold, [P.Candidate(s, e, etype, 0, source="suffix")], {})
    return out


def test_training_is_deterministic_and_learns_from_labels() -> None:
    data = _data()
    a, b = fit(data), fit(data)
    assert a == b and set(a) == set(LABELS)
    model = TypeModel(a, null_threshold=0.5)  # four examples make no confident model
    text = "南江市规划建设国家重点实验室新基地和南江海洋科技园。"
    cands = [
        P.Candidate(7, 17, "PARK", 0, source="suffix"),
        P.Candidate(18, 25, "PARK", 0, source="suffix"),
    ]
    kept = model.apply(text, cands)
    assert [text[c.start : c.end] for c in kept] == ["南江海洋科技园"]
    # with the labels the other way round, the model keeps and drops the other name
    flipped = TypeModel(fit([(f, 4 if y == 0 else 0) for f, y in data]), null_threshold=0.5)
    assert [text[c.start : c.end] for c in flipped.apply(text, cands)] == ["国家重点实验室新基地"]


def test_a_confident_other_type_retypes_and_trigger_names_are_left_alone() -> None:
    text = "东港科创中心项目开工。"
    cand = P.Candidate(0, 6, "INSTITUTE", 0, source="suffix")
    weights = {"PROJECT": {"T=INSTITUTE": 3.0}, "NONE": {}, "INSTITUTE": {}}
    (out,) = TypeModel(weights).apply(text, [cand])
    assert out.type == "PROJECT" and (out.start, out.end) == (0, 6)
    trigger = P.Candidate(0, 6, "INSTITUTE", 0, source="context")
    assert TypeModel(weights).apply(text, [trigger]) == [trigger]
    dropping = TypeModel({"NONE": {"bias": 5.0}})
    assert dropping.apply(text, [cand]) == []


def test_shipped_model_is_reproducible_from_the_slices_it_names(gazetteer: Gazetteer) -> None:
    """The shipped weights are what `oceanbrain nlp train-types` makes from its named slices
    after the shipped edge and person models (fails when the data, the rules or the features
    changed and the model was not retrained)."""
    meta = json.loads(MODEL_PATH.read_text(encoding="utf-8"))["meta"]
    slices = {name: load_jsonl(CORPUS / f"{name}.jsonl") for name in meta["trained_on"]}
    assert sum(len(v) for v in slices.values()) == meta["passages"]
    edges, persons = EdgeModel.load(), PersonModel.load()
    assert meta["edge_model"] == edges.meta and meta["person_model"] == persons.meta
    fresh = train_types(slices, gazetteer, edges, persons)
    shipped = TypeModel.load().weights
    assert fresh.meta["examples"] == meta["examples"]
    for label in LABELS:
        kept = {k: v for k, v in fresh.weights[label].items() if round(v, 5)}
        assert set(shipped[label]) == set(kept)
        assert max(abs(shipped[label][k] - kept[k]) for k in kept) < 1e-3


@pytest.fixture(scope="module")
def pipelines(gazetteer: Gazetteer) -> tuple[Language, Language]:
    return build_pipeline(gazetteer, types=False), build_pipeline(gazetteer)


def _found(nlp: Language, text: str) -> set[tuple[str, str]]:
    return {(e["text"], e["type"]) for e in extract(text, nlp)["entities"]}


@pytest.mark.parametrize(
    ("text", "dropped"),
    [
        ("园区规划建设人才硅谷和国家重点实验室新基地。", ("国家重点实验室新基地", "PARK")),
        ("项目将打造国家级冷链物流基地和东港国际航运中心。", ("东港国际航运中心", "INSTITUTE")),
    ],
)
def test_shipped_model_drops_descriptions_the_rules_take_for_names(
    pipelines: tuple[Language, Language], text: str, dropped: tuple[str, str]
) -> None:
    rules, learned = pipelines
    assert dropped in _found(rules, text)
    assert dropped not in _found(learned, text)


def test_shipped_model_keeps_plain_names(pipelines: tuple[Language, Language]) -> None:
    text = "推动东港港口集团与东港大学共建海洋装备研究院,北辰科技有限公司落户东港高新区。"
    rules, learned = pipelines
    assert _found(learned, text) == _found(rules, text)
    assert ("东港大学", "INSTITUTE") in _found(learned, text)


def test_cli_train_types(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    records = []
    for text, (s, e, _), label in _TEXTS:
        gold = [] if label == "NONE" else _gold(text, [(text[s:e], label)])
        records.append({"text": text, "entities": gold, "relations": []})
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    (corpus / "one.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    model_file = tmp_path / "models" / "types.json"
    res = CliRunner().invoke(
        app,
        ["nlp", "train-types", "--slice", "one", "--corpus", str(corpus)]
        + ["--output", str(model_file)],
    )
    assert res.exit_code == 0, res.output
    model = TypeModel.load(model_file)
    assert model.meta["trained_on"] == ["one"] and model.meta["passages"] == 4
    assert model.meta["person_model"] == PersonModel.load().meta
    res = CliRunner().invoke(
        app, ["nlp", "train-types", "--slice", "nope", "--corpus", str(corpus)]
    )
    assert res.exit_code == 2 and "error:" in res.output and "nope" in res.output

"""The learned person finder: its candidate runs, its training, the shipped weights, the CLI."""

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
from oceanbrain.nlp.persons import MODEL_PATH, PersonModel, examples, fit, runs
from oceanbrain.nlp.pipeline import build_pipeline
from oceanbrain.nlp.training import train_persons

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "tests" / "nlp" / "corpus"


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.from_canonical(REPO / "data")


def test_runs_start_with_a_surname_and_stay_outside_chosen_names() -> None:
    text = "所长王海,青岛张村港务公司"
    taken = [(5, 13)]  # 青岛张村港务公司
    found = runs(text, taken)
    assert (2, 4) in found and (2, 5) not in found  # 王海, not across the comma
    assert all(text[s] in P._SURNAMES and e - s in (2, 3) for s, e in found)
    assert not any(s < 13 and e > 5 for s, e in found)  # nothing inside 张村…公司


def _record(text: str, people: list[str]) -> dict:
    ents = []
    for name in people:
        start = text.index(name)
        ents.append({"start": start, "end": start + len(name), "type": "PERSON", "text": name})
    return {"text": text, "entities": ents, "relations": []}


_INVENTED = [
    _record("新闻发言人周立明通报了情况。", ["周立明"]),
    _record("新闻发言人孙海涛回答了提问。", ["孙海涛"]),
    _record("新闻发言人吴春光介绍,今年共签约十个项目。", ["吴春光"]),
    _record("高新区的发展很快,园区企业增长明显。", []),
]


def test_training_is_deterministic_and_learns_from_labels() -> None:
    data = [ex for r in _INVENTED for ex in examples(r["text"], r["entities"], [])]
    assert any(y for _, y in data) and any(not y for _, y in data)
    a, b = fit(data), fit(data)
    assert a == b
    model = PersonModel(a)
    found = model.find("新闻发言人曹文军宣布了结果。", [])
    assert [(c.start, c.end) for c in found] == [(5, 8)]
    # with no name labelled, the same runs are not taken
    unlabelled = PersonModel(fit([(f, False) for f, _ in data]))
    assert unlabelled.find("新闻发言人曹文军宣布了结果。", []) == []


def test_overlapping_runs_are_settled_by_probability() -> None:
    text = "主管冯雪松告诉记者"
    # weights that favour the two-character run over the three-character one
    model = PersonModel({"n2": 3.0, "n3": 1.0, "bias": -1.0})
    found = model.find(text, [])
    assert [text[c.start : c.end] for c in found] == ["冯雪"]
    model = PersonModel({"n2": 1.0, "n3": 3.0, "bias": -1.0})
    assert [text[c.start : c.end] for c in model.find(text, [])] == ["冯雪松"]
    assert model.find(text, [(2, 5)]) == []  # a chosen name is never cut


def test_shipped_model_is_reproducible_from_the_slices_it_names(gazetteer: Gazetteer) -> None:
    """The shipped weights are what `oceanbrain nlp train-persons` makes from its named slices
    after the shipped edge model (fails when the data, the rules or the features changed and
    the model was not retrained)."""
    meta = json.loads(MODEL_PATH.read_text(encoding="utf-8"))["meta"]
    slices = {name: load_jsonl(CORPUS / f"{name}.jsonl") for name in meta["trained_on"]}
    assert sum(len(v) for v in slices.values()) == meta["passages"]
    edges = EdgeModel.load()
    assert meta["edge_model"] == edges.meta
    fresh = train_persons(slices, gazetteer, edges)
    shipped = PersonModel.load().weights
    assert fresh.meta["examples"] == meta["examples"]
    assert set(shipped) == {k for k, v in fresh.weights.items() if round(v, 5)}
    assert max(abs(shipped[k] - fresh.weights[k]) for k in shipped) < 1e-3


@pytest.fixture(scope="module")
def pipelines(gazetteer: Gazetteer) -> tuple[Language, Language]:
    return build_pipeline(gazetteer, persons=False), build_pipeline(gazetteer)


def _people(nlp: Language, text: str) -> set[str]:
    ents = extract(text, nlp)["entities"]
    return {e["text"] for e in ents if e["type"] == "PERSON"}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("市海洋发展局新闻发言人赵明辉介绍了全年海洋经济运行情况。", "赵明辉"),
        ("东港海洋科技有限公司董事会秘书钱立群出席签约仪式。", "钱立群"),
        ("会上,孟凡涛对调研组一行表示欢迎。", "孟凡涛"),
        ("养殖工船项目主管冯雪松告诉记者,首批鱼苗已投放。", "冯雪松"),
    ],
)
def test_shipped_model_finds_people_no_title_rule_knows(
    pipelines: tuple[Language, Language], text: str, name: str
) -> None:
    rules, learned = pipelines
    assert name not in _people(rules, text)
    assert name in _people(learned, text)


@pytest.mark.parametrize(
    "text",
    ["青岛东港港务公司与王家湾渔业合作社签署协议。", "王家港海洋牧场今年扩大养殖面积。"],
)
def test_shipped_model_leaves_place_and_firm_words_alone(
    pipelines: tuple[Language, Language], text: str
) -> None:
    assert _people(pipelines[1], text) == set()


def test_cli_train_persons(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    lines = [json.dumps(r, ensure_ascii=False) for r in _INVENTED]
    (corpus / "one.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    model_file = tmp_path / "models" / "persons.json"
    res = CliRunner().invoke(
        app,
        ["nlp", "train-persons", "--slice", "one", "--corpus", str(corpus)]
        + ["--output", str(model_file)],
    )
    assert res.exit_code == 0, res.output
    model = PersonModel.load(model_file)
    assert model.meta["trained_on"] == ["one"] and model.meta["passages"] == 4
    assert model.meta["edge_model"] == EdgeModel.load().meta
    res = CliRunner().invoke(
        app, ["nlp", "train-persons", "--slice", "nope", "--corpus", str(corpus)]
    )
    assert res.exit_code == 2 and "error:" in res.output and "nope" in res.output

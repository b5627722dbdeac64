"""The learned edge model: its fast scoring path, its training, the shipped weights, the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from spacy.language import Language
from typer.testing import CliRunner

from oceanbrain.cli import app
from oceanbrain.nlp import patterns as P
from oceanbrain.nlp.edges import (
    MODEL_PATH,
    EdgeModel,
    KnownNames,
    _cls,
    examples,
    generic_starts,
    options,
    starts_of,
)
from oceanbrain.nlp.evaluate import load_jsonl
from oceanbrain.nlp.extract import extract
from oceanbrain.nlp.gazetteer import Gazetteer
from oceanbrain.nlp.pipeline import EntityComponent, build_pipeline
from oceanbrain.nlp.training import slice_examples, train

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "data"
CORPUS = REPO / "tests" / "nlp" / "corpus"


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.from_canonical(DATA)


@pytest.fixture(scope="module")
def shipped(gazetteer: Gazetteer) -> EdgeModel:
    return EdgeModel.load().with_names(EntityComponent(gazetteer).lookup)


def _corpus_file(slice_name: str) -> Path:
    return CORPUS / f"{slice_name}.jsonl"


def test_fast_scores_are_the_feature_sums(shipped: EdgeModel) -> None:
    """EdgeModel.scores (position part cached) gives exactly the sums over options()."""
    checked = 0
    for rec in load_jsonl(_corpus_file("dev")):
        text = rec["text"]
        cache: dict[tuple[int, str], float] = {}
        for c in P.suffix_candidates(text, P.mask_parentheses(text), {}):
            starts, feats = options(text, c.start, c.end, c.type, shipped.known)
            fast_starts, fast = shipped.scores(text, c.start, c.end, c.type, cache)
            slow = [sum(shipped.weights.get(f, 0.0) for f in fs) for fs in feats]
            assert fast_starts == starts
            assert fast == pytest.approx(slow, abs=1e-9)
            checked += 1
    assert checked > 100


def test_generic_starts_agrees_with_is_generic() -> None:
    text = "建设国家骨干冷链物流基地和青岛国际航运中心,东港海洋生物医药研究院"
    for stop in range(1, len(text) + 1):
        flags = generic_starts(text, 0, stop)
        assert flags == [P.is_generic(text[s:stop]) for s in range(stop + 1)]


def test_training_is_deterministic_and_learns_from_labels(gazetteer: Gazetteer) -> None:
    records = load_jsonl(_corpus_file("dev"))[:10]
    a = train({"a": records}, gazetteer)
    b = train({"a": records}, gazetteer)
    assert a.weights == b.weights
    assert a.meta["trained_on"] == ["a"] and a.meta["passages"] == 10
    examples = slice_examples(records, gazetteer)
    assert examples and any(y == len(f) - 1 for f, y in examples)  # "no name" examples
    assert any(y < len(f) - 1 for f, y in examples)
    # on its own training data the model ranks the labelled option first for most examples
    right = sum(max(range(len(f)), key=a.probabilities(f).__getitem__) == y for f, y in examples)
    assert right / len(examples) > 0.8


def test_shipped_model_is_reproducible_from_the_slices_it_names(gazetteer: Gazetteer) -> None:
    """The shipped weights are what `oceanbrain nlp train-edges` makes from its named slices
    (fails when data/ or the features changed and the model was not retrained)."""
    meta = json.loads(MODEL_PATH.read_text(encoding="utf-8"))["meta"]
    slices = {name: load_jsonl(_corpus_file(name)) for name in meta["trained_on"]}
    assert sum(len(v) for v in slices.values()) == meta["passages"]
    fresh = train(slices, gazetteer)
    shipped = EdgeModel.load().weights
    assert fresh.meta["examples"] == meta["examples"]
    assert set(shipped) == {k for k, v in fresh.weights.items() if round(v, 5)}
    worst = max(abs(shipped[k] - fresh.weights[k]) for k in shipped)
    assert worst < 1e-3


@pytest.fixture(scope="module")
def pipelines(gazetteer: Gazetteer) -> tuple[Language, Language]:
    return build_pipeline(gazetteer, edges=False), build_pipeline(gazetteer)


def _names(nlp: Language, text: str) -> set[tuple[str, str]]:
    out = extract(text, nlp)["entities"]
    assert all(text[e["start"] : e["end"]] == e["text"] for e in out)
    return {(e["text"], e["type"]) for e in out}


@pytest.mark.parametrize(
    ("text", "overrun", "name"),
    [
        ("会上,我们感谢市南区科技局给予的支持。", "我们感谢市南区科技局", ("市南区科技局", "GOV")),
        (
            "而青岛东瑞海洋科技有限公司也将参与。",
            "而青岛东瑞海洋科技有限公司",
            ("青岛东瑞海洋科技有限公司", "FIRM"),
        ),
        ("深度融入上合示范区建设。", "深度融入上合示范区", ("上合示范区", "PARK")),
        ("当前正与东港银行集团洽谈。", "当前正与东港银行集团", ("东港银行集团", "FIRM")),
    ],
)
def test_model_moves_a_left_edge_that_ran_into_the_words_before(
    pipelines: tuple[Language, Language], text: str, overrun: str, name: tuple[str, str]
) -> None:
    rules, learned = pipelines
    assert (overrun, name[1]) in _names(rules, text)
    found = _names(learned, text)
    assert name in found and (overrun, name[1]) not in found


@pytest.mark.parametrize(
    ("text", "description"),
    [
        ("该区将建设区域性冷链物流基地和国际航运中心。", ("区域性冷链物流基地", "PARK")),
        ("打造东北亚国际航运枢纽中心和海洋科技创新中心。", ("东北亚国际航运枢纽中心", "INSTITUTE")),
        # the annotators' conventions, not the rules' (test_pipeline.py pins the rules)
        ("坐落于东港新区东港科教园内的北方海洋研究中心已建成。", ("东港新区", "PARK")),
        ("将推进东港港自动化码头三期建设。", ("东港港自动化码头三期", "PROJECT")),
    ],
)
def test_model_drops_what_annotators_leave_out(
    pipelines: tuple[Language, Language], text: str, description: tuple[str, str]
) -> None:
    rules, learned = pipelines
    assert description in _names(rules, text)
    assert description not in _names(learned, text)


def test_a_later_start_never_leaves_only_generic_words() -> None:
    """Even a model that prefers it may not cut 东港海洋生物医药研究院 to 海洋生物医药研究院."""
    text = "东港海洋生物医药研究院入驻东港蓝色药谷。"
    end = text.index("研究院") + 3
    keen = EdgeModel({"gen=True|INSTITUTE": 10.0, "N": -10.0})
    starts, scores = keen.scores(text, 0, end, "INSTITUTE")
    assert starts[max(range(len(starts)), key=scores.__getitem__)] == 2  # it would cut
    assert keen.decide(text, 0, end, "INSTITUTE") == 0
    # a cut that keeps a proper part is fine: 感谢东瑞海洋研究院 → 东瑞海洋研究院
    other = "此前感谢东瑞海洋研究院成立"
    proper = EdgeModel({"c1=东": 10.0, "N": -10.0})
    assert proper.decide(other, 2, other.index("研究院") + 3, "INSTITUTE") == 4


def test_no_start_inside_a_bracket_and_no_crash_on_a_gold_start_inside_the_ending() -> None:
    text = "万和春(山东)食品冷链物流产业园"
    starts = starts_of(text, 0, len(text), text.index("产业园"))
    assert 0 in starts and 7 in starts and not {4, 5, 6} & set(starts)
    other = "双方签约。青岛东瑞海洋科技有限公司成立。"
    end = other.index("有限公司") + 4
    gold = [{"start": end - 2, "end": end, "type": "FIRM"}]  # an odd annotation: 公司
    found = examples(other, gold, None, KnownNames())
    assert all(y <= len(f) - 1 for f, y in found)
    assert _cls("s") == "LAT" and _cls(" ") == "PUN" and _cls("，") == "PUN"


def _tiny_corpus(tmp: Path) -> Path:
    corpus = tmp / "corpus"
    corpus.mkdir()
    lines = _corpus_file("dev").read_text(encoding="utf-8").splitlines()
    (corpus / "one.jsonl").write_text("\n".join(lines[:4]) + "\n", encoding="utf-8")
    (corpus / "two.jsonl").write_text("\n".join(lines[4:8]) + "\n", encoding="utf-8")
    return corpus


def test_cli_train_edges_and_crossval(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)  # data/ is read relative to the working directory
    corpus = _tiny_corpus(tmp_path)
    runner = CliRunner()
    model_file = tmp_path / "model.json"
    res = runner.invoke(
        app,
        [
            "nlp",
            "train-edges",
            "--slice",
            "one",
            "--slice",
            "two",
            "--corpus",
            str(corpus),
            "--output",
            str(model_file),
        ],
    )
    assert res.exit_code == 0, res.output
    model = EdgeModel.load(model_file)
    assert model.meta["trained_on"] == ["one", "two"] and model.weights

    out = tmp_path / "cv.json"
    res = runner.invoke(
        app,
        [
            "nlp",
            "crossval",
            "--slice",
            "one",
            "--slice",
            "two",
            "--corpus",
            str(corpus),
            "--output",
            str(out),
        ],
    )
    assert res.exit_code == 0, res.output
    cv = json.loads(out.read_text(encoding="utf-8"))
    assert set(cv["slices"]) == {"one", "two"}
    assert set(cv["pooled"]) == {
        "rules",
        "rules+edges",
        "rules+edges+persons",
        "rules+edges+persons+types",
    }
    # the "rules" column is what `nlp eval --rules-only` scores for the same slice
    ev = tmp_path / "eval.json"
    res = runner.invoke(
        app,
        [
            "nlp",
            "eval",
            "--slice",
            "one",
            "--corpus",
            str(corpus),
            "--output",
            str(ev),
            "--rules-only",
            "--format",
            "json",
        ],
    )
    assert res.exit_code == 0, res.output
    rules_eval = json.loads(ev.read_text(encoding="utf-8"))["one"]
    assert cv["slices"]["one"]["rules"]["entities"] == rules_eval["entities"]

    nested = tmp_path / "new" / "dir" / "model.json"  # the folder is made
    res = runner.invoke(
        app,
        ["nlp", "train-edges", "--slice", "one", "--corpus", str(corpus), "--output", str(nested)],
    )
    assert res.exit_code == 0 and nested.exists(), res.output
    with (corpus / "two.jsonl").open("a", encoding="utf-8") as fh:
        fh.write('{"text": "broken"\n')
    res = runner.invoke(app, ["nlp", "eval", "--slice", "two", "--corpus", str(corpus)])
    assert res.exit_code == 2 and "two.jsonl line 5: not valid JSON" in res.output

    res = runner.invoke(app, ["nlp", "crossval", "--slice", "one", "--corpus", str(corpus)])
    assert res.exit_code == 2 and "at least two slices" in res.output
    res = runner.invoke(app, ["nlp", "train-edges", "--slice", "nope", "--corpus", str(corpus)])
    assert res.exit_code == 2 and "no slice nope" in res.output

"""The NLP evaluation corpus (real passages, hand-annotated) stays well-formed."""

from __future__ import annotations

import json
import runpy
from pathlib import Path

import pytest

from oceanbrain.nlp.pipeline import ENTITY_TYPES

CORPUS = Path(__file__).parent / "corpus"
TYPES = set(ENTITY_TYPES)  # the corpus is annotated with exactly the pipeline's types
# the later development batches (dev2.jsonl, dev3.jsonl, …); never holdout2/
EXTRA = sorted(p.name for p in CORPUS.glob("dev[0-9]*.jsonl"))
RELATIONS = {"LOCATED_IN", "INVESTS_IN", "SIGNED", "COOPERATES_WITH", "DEVELOPS", "LEADS"}


def passages(name: str) -> list[dict]:
    lines = (CORPUS / name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@pytest.mark.parametrize("name", ["dev.jsonl", "untouched.jsonl", *EXTRA])
def test_spans_types_and_relations_are_valid(name: str) -> None:
    for p in passages(name):
        assert p["source_url"].startswith(("http://", "https://")), p["id"]
        for e in p["entities"]:
            assert p["text"][e["start"] : e["end"]] == e["text"], (p["id"], e)
            assert e["type"] in TYPES, (p["id"], e)
        for r in p["relations"]:
            assert r["relation"] in RELATIONS, (p["id"], r)
            assert 0 <= r["subject"] < len(p["entities"]) and 0 <= r["object"] < len(p["entities"])


def test_size_and_split() -> None:
    dev, untouched = passages("dev.jsonl"), passages("untouched.jsonl")
    assert len(dev) + len(untouched) >= 30
    assert sum(len(p["entities"]) for p in dev + untouched) >= 300
    assert {p["id"] for p in dev}.isdisjoint({p["id"] for p in untouched})
    assert {p["text"] for p in dev}.isdisjoint({p["text"] for p in untouched})
    extra = [
        p for name in ("dev2", "dev3", "dev4", "dev5", "dev6") for p in passages(f"{name}.jsonl")
    ]
    ids = [p["id"] for p in dev + untouched + extra]
    assert len(ids) == len(set(ids))  # no passage in two slices


@pytest.mark.parametrize("name", ["setA", "setB"])
def test_reannotated_passages_are_the_originals_verbatim(name: str) -> None:
    """The agreement sets re-annotate passages of holdout28–37: same text, valid spans."""
    sources = runpy.run_path(str(CORPUS / "agreement" / "sources.py"))["ORIGINALS"]
    again = passages(f"agreement/{name}/{name}.jsonl")
    assert len(again) == 36
    for p in again:
        slice_name, orig_id = sources[p["id"]]
        original = {q["id"]: q for q in passages(f"{slice_name}/{slice_name}.jsonl")}[orig_id]
        assert p["text"] == original["text"] and p["source_url"] == original["source_url"]
        for e in p["entities"]:
            assert p["text"][e["start"] : e["end"]] == e["text"], (p["id"], e)
            assert e["type"] in TYPES, (p["id"], e)
        assert all(r["relation"] in RELATIONS for r in p["relations"]), p["id"]

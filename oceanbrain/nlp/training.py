"""Training the learned models (``edges.py``, ``persons.py``, ``retype.py``) on annotated
slices, and checking by leave-one-slice-out that each beats what comes before it on text it was
not trained on.

Each slice of the corpus was written by one annotator about one batch of articles, so holding
out a whole slice is the honest test: the model never sees that annotator's passages.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from oceanbrain.nlp.edges import EdgeModel, Example, KnownNames, examples, fit
from oceanbrain.nlp.evaluate import prf, score
from oceanbrain.nlp.extract import extract
from oceanbrain.nlp.gazetteer import Gazetteer
from oceanbrain.nlp.patterns import names_before_types, rule_candidates
from oceanbrain.nlp.persons import PersonModel
from oceanbrain.nlp.persons import examples as person_examples
from oceanbrain.nlp.persons import fit as fit_persons
from oceanbrain.nlp.pipeline import EntityComponent, build_pipeline
from oceanbrain.nlp.retype import TypeModel, known_types
from oceanbrain.nlp.retype import examples as type_examples
from oceanbrain.nlp.retype import fit as fit_types

Record = dict[str, Any]
NULL_THRESHOLD = 0.8
SYSTEMS = ("rules", "rules+edges", "rules+edges+persons", "rules+edges+persons+types")


def slice_examples(records: Sequence[Record], gazetteer: Gazetteer | None) -> list[Example]:
    comp = EntityComponent(gazetteer)
    known = KnownNames.of(comp.lookup)
    return [ex for r in records for ex in examples(r["text"], r["entities"], comp.matcher, known)]


def train(
    slices: Mapping[str, Sequence[Record]],
    gazetteer: Gazetteer | None,
    *,
    null_threshold: float = NULL_THRESHOLD,
    cache: dict[str, list[Example]] | None = None,
) -> EdgeModel:
    """A model fitted on every passage of ``slices`` (name → records), in name order.

    ``cache`` keeps each slice's examples by name for the next call (cross-validation).
    """
    cache = {} if cache is None else cache
    data: list[Example] = []
    for name in sorted(slices):
        if name not in cache:
            cache[name] = slice_examples(slices[name], gazetteer)
        data += cache[name]
    meta = {
        "trained_on": sorted(slices),
        "passages": sum(len(v) for v in slices.values()),
        "examples": len(data),
        "trained_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    return EdgeModel(fit(data), null_threshold, meta)


def train_persons(
    slices: Mapping[str, Sequence[Record]], gazetteer: Gazetteer | None, edges: EdgeModel | None
) -> PersonModel:
    """A person model fitted on every passage of ``slices``, each run judged outside the names
    the rules (with ``edges``) already chose, as it will be at extraction time."""
    comp = EntityComponent(gazetteer, edges)
    data = []
    for name in sorted(slices):
        for r in slices[name]:
            taken = [(c.start, c.end) for c in rule_candidates(r["text"], comp.matcher, comp.edges)]
            data += person_examples(r["text"], r["entities"], taken)
    meta = {
        "trained_on": sorted(slices),
        "passages": sum(len(v) for v in slices.values()),
        "examples": len(data),
        "edge_model": dict(edges.meta) if edges is not None else None,
        "trained_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    return PersonModel(fit_persons(data), meta=meta)


def train_types(
    slices: Mapping[str, Sequence[Record]],
    gazetteer: Gazetteer | None,
    edges: EdgeModel | None,
    persons: PersonModel | None,
) -> TypeModel:
    """A type model fitted on every passage of ``slices``, each name judged as the rules (with
    ``edges`` and ``persons``) choose it at extraction time."""
    comp = EntityComponent(gazetteer, edges, persons)
    known = known_types(comp.lookup)
    data = []
    for name in sorted(slices):
        for r in slices[name]:
            chosen = names_before_types(r["text"], comp.matcher, comp.edges, comp.persons)
            data += type_examples(r["text"], r["entities"], chosen, known)
    meta = {
        "trained_on": sorted(slices),
        "passages": sum(len(v) for v in slices.values()),
        "examples": len(data),
        "edge_model": dict(edges.meta) if edges is not None else None,
        "person_model": dict(persons.meta) if persons is not None else None,
        "trained_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    return TypeModel(fit_types(data), meta=meta)


def _scores(nlp: Any, records: Sequence[Record]) -> dict[str, Any]:
    pred = [extract(r["text"], nlp) for r in records]
    return score(list(records), pred)


def cross_validate(
    slices: Mapping[str, Sequence[Record]], gazetteer: Gazetteer | None
) -> dict[str, Any]:
    """For each slice (``slices``): rules alone, rules with an edge model trained on every other
    slice, those with a person model and then a type model trained on every other slice too;
    and each ``pooled`` over all slices (micro P/R/F1 of the summed counts)."""
    rules = build_pipeline(gazetteer, edges=False, persons=False, types=False)
    cache: dict[str, list[Example]] = {}
    out: dict[str, Any] = {}
    for name in sorted(slices):
        others = {k: v for k, v in slices.items() if k != name}
        model = train(others, gazetteer, cache=cache)
        learned = build_pipeline(gazetteer, edges=model, persons=False, types=False)
        people = train_persons(others, gazetteer, model)
        both = build_pipeline(gazetteer, edges=model, persons=people, types=False)
        kinds = train_types(others, gazetteer, model, people)
        all_three = build_pipeline(gazetteer, edges=model, persons=people, types=kinds)
        out[name] = {
            "passages": len(slices[name]),
            "rules": _scores(rules, slices[name]),
            "rules+edges": _scores(learned, slices[name]),
            "rules+edges+persons": _scores(both, slices[name]),
            "rules+edges+persons+types": _scores(all_three, slices[name]),
        }
    pooled: dict[str, Any] = {}
    for system in SYSTEMS:
        for part in ("entities", "relations"):
            c = {
                k: sum(v[system][part]["micro"][k] for v in out.values())
                for k in ("tp", "fp", "fn")
            }
            pooled.setdefault(system, {})[part] = prf(c["tp"], c["fp"], c["fn"])
    return {"slices": out, "pooled": pooled}

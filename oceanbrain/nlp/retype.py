"""A learned last word on each organisation-like name the rules chose: its type, or no name.

The rules type a name by its ending and context, and the learned edge model only moves where a
name starts. On text they were not written for, the remaining errors are mostly of two kinds:
the type annotators give differs (a centre under construction is a PROJECT, a base a firm runs is
a PARK, a 中心 is a GOV office), or the span is no name at all (省级企业技术中心, 四个基地). Two
annotators following the guidelines agree on 95% of mentions
(``tests/nlp/corpus/agreement``), so these calls are learnable from the annotated slices.

For each chosen FIRM, INSTITUTE, GOV, PARK, PROJECT or PRODUCT candidate, a multinomial logit over
sparse features (the rule's type and source, the name's first and last characters and its
ending, the characters around it, whether the gazetteer knows it and as what, whether its core is
only generic words) gives a probability to every type and to "no name". The candidate is dropped
when "no name" is the most likely and has probability ≥ ``null_threshold``; it is retyped when
another type is the most likely.

The weights are in ``type_model.json`` (made by ``oceanbrain nlp train-types`` from the
annotated slices it names). No weights are fetched from anywhere; training takes under a minute.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from oceanbrain.nlp import patterns as P
from oceanbrain.nlp.edges import _cls
from oceanbrain.nlp.sparse import design
from oceanbrain.nlp.weights_file import write_weights

MODEL_PATH = Path(__file__).with_name("type_model.json")
# A name is dropped only when "no name" has at least this probability. On slices left out of
# training, 0.6 is the lowest threshold at which relation F1 falls on neither group of slices;
# 0.8 gives up under 0.002 entity F1 against it and drops only what the model is sure of: at
# 0.7 a plain park name in a pinned invented sentence sat at p = 0.70 (docs/nlp.md).
NULL_THRESHOLD = 0.8
NONE = "NONE"
LABELS = (NONE, "FIRM", "INSTITUTE", "GOV", "PARK", "PROJECT", "PRODUCT")
TYPED = frozenset(LABELS[1:])
# names a trigger found (与X签约, X落户…): the trigger says more than the name's letters, and
# the slices hold too few of them (42) for the model to overrule it; left as the rules chose
_TRIGGER_SOURCES = frozenset({"context"})


def _judged(c: P.Candidate) -> bool:
    return c.type in TYPED and c.source not in _TRIGGER_SOURCES


_LATIN = re.compile("[A-Za-z]")
_DIGIT = re.compile("[0-9]")


def features(
    text: str, c: P.Candidate, known: Mapping[str, str], counts: dict[str, int] | None = None
) -> list[str]:
    """``known``: the gazetteer's type of each name; ``counts``: repeats of each name in
    ``text``, filled as names are met."""
    s, e, t = c.start, c.end, c.type
    span = text[s:e]
    counts = {} if counts is None else counts
    if span not in counts:
        counts[span] = text.count(span)
    m = P._ENDS_WITH_SUFFIX.search(span)
    suffix = m.group(0) if m else "-"
    core = span[: m.start()] if m else span
    generic = P.is_generic(core)
    gaz = known.get(span, "-")
    size = min(len(span), 14)
    before2, after2 = text[max(0, s - 2) : s], text[e : e + 2]
    return [
        f"T={t}",
        f"src={c.source}",
        f"T|src={t}|{c.source}",
        f"e1={span[-1:]}",
        f"e2={span[-2:]}",
        f"e3={span[-3:]}",
        f"T|e1={t}|{span[-1:]}",
        f"T|e2={t}|{span[-2:]}",
        f"b1={span[:1]}",
        f"b2={span[:2]}",
        f"n1={_cls(text[e] if e < len(text) else '')}",
        f"n2={after2}",
        f"T|n2={t}|{after2}",
        f"n4={text[e : e + 4]}",
        f"p1={_cls(text[s - 1] if s > 0 else '')}",
        f"p2={before2}",
        f"T|p2={t}|{before2}",
        f"p4={text[max(0, s - 4) : s]}",
        f"len={size}",
        f"T|len={t}|{size}",
        f"gaz={gaz}",
        f"T|gaz={t}|{gaz}",
        f"suf={suffix}",
        f"T|suf={t}|{suffix}",
        f"rep={counts[span] > 1}",
        f"proj={'项目' in span}",
        f"gen={generic}",
        f"T|gen={t}|{generic}",
        f"lat={bool(_LATIN.search(span))}",
        f"dig={bool(_DIGIT.search(span))}",
        f"place={bool(P._LEADING_PLACE.match(span))}",
    ]


def known_types(lookup: Mapping[str, tuple[str, Any]]) -> dict[str, str]:
    """The gazetteer's type of each name, from its lookup (name → (type, id))."""
    return {name: v[0] for name, v in lookup.items()}


@dataclass
class TypeModel:
    """Weights by label and feature, and the probability at which "no name" drops a name."""

    weights: dict[str, dict[str, float]]
    null_threshold: float = NULL_THRESHOLD
    meta: dict[str, Any] = field(default_factory=dict)
    known: Mapping[str, str] = field(default_factory=dict)
    _vectors: dict[str, tuple[float, ...]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        """Each feature's weights for all labels in one tuple, summed column-wise."""
        by_feature: dict[str, list[float]] = {}
        for k, label in enumerate(LABELS):
            for f, w in self.weights.get(label, {}).items():
                by_feature.setdefault(f, [0.0] * len(LABELS))[k] = w
        self._vectors = {f: tuple(v) for f, v in by_feature.items()}

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> TypeModel:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(data["weights"], data["null_threshold"], data.get("meta", {}))

    def save(self, path: Path = MODEL_PATH) -> None:
        write_weights(path, self.meta, {"null_threshold": self.null_threshold}, self.weights)

    def with_names(self, lookup: Mapping[str, tuple[str, Any]]) -> TypeModel:
        """The same weights, knowing the gazetteer's names (name → (type, id))."""
        return TypeModel(self.weights, self.null_threshold, self.meta, known_types(lookup))

    def probabilities(self, feats: Sequence[str]) -> list[float]:
        get = self._vectors.get
        rows = [v for f in dict.fromkeys(("bias", *feats)) if (v := get(f)) is not None]
        z = [sum(col) for col in zip(*rows, strict=True)] if rows else [0.0] * len(LABELS)
        top = max(z)
        exps = [math.exp(x - top) for x in z]
        total = sum(exps)
        return [x / total for x in exps]

    def apply(self, text: str, cands: list[P.Candidate]) -> list[P.Candidate]:
        """``cands`` with each organisation-like name retyped, kept or dropped."""
        out = []
        counts: dict[str, int] = {}
        for c in cands:
            if _judged(c):
                p = self.probabilities(features(text, c, self.known, counts))
                best = max(range(len(LABELS)), key=p.__getitem__)
                if best == 0:
                    if p[0] >= self.null_threshold:
                        continue
                elif LABELS[best] != c.type:
                    c = P.Candidate(c.start, c.end, LABELS[best], c.priority, None, source=c.source)
            out.append(c)
        return out


# -- training --------------------------------------------------------------------------------
Example = tuple[list[str], int]


def examples(
    text: str,
    gold: Sequence[dict[str, Any]],
    chosen: Sequence[P.Candidate],
    known: Mapping[str, str],
) -> list[Example]:
    """Every organisation-like name of ``chosen`` (the names the rules and the other learned
    models chose), labelled by the type of the gold mention with exactly its span, or NONE.

    A name whose edges differ from an annotated name of its own type (东港临港产业区 against
    临港产业区) keeps its type as label: the model learns to drop what is no name at all, or a
    piece of another kind of name (a park inside a body's name), not names whose edges are off.
    """
    exact = {(g["start"], g["end"]): g["type"] for g in gold}
    counts: dict[str, int] = {}
    out = []
    for c in chosen:
        if not _judged(c):
            continue
        label = exact.get((c.start, c.end))
        if label is None:
            same_kind = any(
                g["type"] == c.type and g["start"] < c.end and c.start < g["end"] for g in gold
            )
            label = c.type if same_kind else NONE
        out.append((features(text, c, known, counts), LABELS.index(label) if label in TYPED else 0))
    return out


def fit(
    data: Sequence[Example], *, l2: float = 0.3, epochs: int = 300, rate: float = 0.5
) -> dict[str, dict[str, float]]:
    """Multinomial logistic weights (with a ``bias``) by full-batch AdaGrad (deterministic)."""
    import numpy as np

    names, r, c = design(feats for feats, _ in data)
    onehot = np.zeros((len(data), len(LABELS)))
    onehot[np.arange(len(data)), [label for _, label in data]] = 1.0
    w = np.zeros((len(names), len(LABELS)))
    squares = np.full(w.shape, 1e-8)
    for _ in range(epochs):
        z = np.zeros((len(data), len(LABELS)))
        np.add.at(z, r, w[c])
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        grad = np.zeros_like(w)
        np.add.at(grad, c, (p - onehot)[r])
        grad += l2 * w
        squares += grad * grad
        w -= rate * grad / np.sqrt(squares)
    return {
        label: {names[i]: float(w[i, k]) for i in np.flatnonzero(w[:, k])}
        for k, label in enumerate(LABELS)
    }

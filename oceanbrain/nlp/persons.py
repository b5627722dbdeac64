"""A learned finder for people's names that no title rule reaches.

The person rules (``patterns.person_candidates``) find a name after a title they know (院士,
董事长, 所长 …), before a verb of speaking at a clause start, or in a counted list. On
independent blind slices most missed people are written after titles no list holds
(新闻发言人, 董事会秘书, 一级调研员, 养殖主管), before words such as 一行/对/介绍/出席, or
with no title at all. This model looks at every two- and three-character run that starts with a
common surname, outside any name already chosen, and decides with a logistic model over sparse
features whether it is a person's name: the characters before and after it, the surname and the
given-name characters, and whether the same run occurs again in the text. Kept runs that
overlap are settled by probability.

The weights are in ``person_model.json`` (made by ``oceanbrain nlp train-persons`` from the
annotated slices it names). No weights are fetched from anywhere; training takes seconds.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from oceanbrain.nlp import patterns as P
from oceanbrain.nlp.sparse import design
from oceanbrain.nlp.weights_file import write_weights

MODEL_PATH = Path(__file__).with_name("person_model.json")
LENGTHS = (2, 3)


def runs(text: str, taken: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Every (start, end) of two or three Chinese characters starting with a surname and
    overlapping no span of ``taken``."""
    used = bytearray(len(text) + 1)
    for s, e in taken:
        used[s:e] = b"\1" * (e - s)
    out = []
    for i, ch in enumerate(text):
        if ch not in P._SURNAMES or used[i]:
            continue
        for n in LENGTHS:
            e = i + n
            if e > len(text) or any(used[i:e]):
                break
            if not P._CJK_CHAR.match(text[e - 1]):
                break
            out.append((i, e))
    return out


def features(text: str, s: int, e: int, counts: dict[str, int] | None = None) -> list[str]:
    """``counts``: how often each run occurs in ``text``, filled as runs are met (one count per
    distinct run, not one scan of the text per run: documents can be long)."""
    name = text[s:e]
    counts = {} if counts is None else counts
    if name not in counts:
        counts[name] = text.count(name)
    n = f"n{e - s}"
    left1 = text[s - 1] if s > 0 else "^"
    left2 = text[max(0, s - 2) : s]
    right1 = text[e] if e < len(text) else "$"
    right2 = text[e : e + 2]
    feats = [
        n,
        "S|" + name[0],
        "G1|" + name[1],
        "L1|" + left1,
        "L2|" + left2,
        "R1|" + right1,
        "R2|" + right2,
        f"{n}|L1|{left1}",
        f"{n}|L2|{left2}",
        f"{n}|R1|{right1}",
        f"{n}|R2|{right2}",
        f"LR|{left1}|{right1}",
        f"rep|{min(counts[name], 3)}",
    ]
    if e - s == 3:
        feats += ["G2|" + name[2], "G12|" + name[1:]]
    return feats


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z)) if z > -30 else 0.0


@dataclass
class PersonModel:
    """Weights by feature name, and the probability at which a run is taken as a name."""

    weights: dict[str, float]
    threshold: float = 0.3
    meta: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> PersonModel:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(data["weights"], data["threshold"], data.get("meta", {}))

    def save(self, path: Path = MODEL_PATH) -> None:
        write_weights(path, self.meta, {"threshold": self.threshold}, self.weights)

    def probability(self, text: str, s: int, e: int, counts: dict[str, int] | None = None) -> float:
        w = self.weights
        feats = features(text, s, e, counts)
        return _sigmoid(w.get("bias", 0.0) + sum(w.get(f, 0.0) for f in feats))

    def find(self, text: str, taken: Sequence[tuple[int, int]]) -> list[P.Candidate]:
        """People's names outside ``taken``, best first where two kept runs overlap."""
        counts: dict[str, int] = {}
        scored = [(self.probability(text, s, e, counts), s, e) for s, e in runs(text, taken)]
        kept = sorted((x for x in scored if x[0] >= self.threshold), reverse=True)
        used = bytearray(len(text) + 1)
        out = []
        for _, s, e in kept:
            if any(used[s:e]):
                continue
            used[s:e] = b"\1" * (e - s)
            out.append(P.Candidate(s, e, "PERSON", 1, source="person-model"))
        return sorted(out, key=lambda c: c.start)


# -- training --------------------------------------------------------------------------------
Example = tuple[list[str], bool]


def examples(
    text: str, gold: Sequence[dict[str, Any]], taken: Sequence[tuple[int, int]]
) -> list[Example]:
    """Every run outside ``taken`` (the names the rules chose), labelled by whether a gold
    PERSON has exactly its span."""
    people = {(g["start"], g["end"]) for g in gold if g["type"] == "PERSON"}
    counts: dict[str, int] = {}
    return [(features(text, s, e, counts), (s, e) in people) for s, e in runs(text, taken)]


def fit(
    data: Sequence[Example], *, l2: float = 0.3, epochs: int = 300, rate: float = 0.5
) -> dict[str, float]:
    """Logistic weights (with a ``bias``) by full-batch AdaGrad (deterministic)."""
    import numpy as np

    names, r, c = design(feats for feats, _ in data)
    y = np.array([label for _, label in data], dtype=float)
    w = np.zeros(len(names))
    squares = np.full(len(names), 1e-8)
    for _ in range(epochs):
        z = np.bincount(r, weights=w[c], minlength=len(data))
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
        grad = np.bincount(c, weights=(p - y)[r], minlength=len(names)) + l2 * w
        squares += grad * grad
        w -= rate * grad / np.sqrt(squares)
    return {names[i]: float(w[i]) for i in np.flatnonzero(w)}

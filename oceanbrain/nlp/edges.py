"""A learned second opinion on names found by their ending: where each one starts, or whether
it is a name at all.

The ending rules (``patterns.suffix_candidates``) extend a name left to the nearest break word.
On text they were not written for, most of their errors are of two kinds: the left edge runs
into the words before the name (而青岛西海岸新区, 单位利津县…有限公司), or a generic description
carries a name's ending (国家骨干冷链物流基地, 东北亚国际航运中心). Independent blind slices
showed that more hand rules do not carry over to new text. This model learns both decisions from
every annotated passage instead.

For one candidate ``text[left:end]`` it scores each possible start ``s`` from ``left`` up to
the ending, and one more option, "no name ends here", with a conditional logit over
sparse features: the characters around ``s``, whether the rest is a known name or starts like
one, whether the part before the ending is only generic domain words, the ending and type. The
candidate is dropped when "no name" has probability ≥ ``null_threshold``; otherwise it starts
at the best-scoring ``s`` that leaves a proper (not only generic) part before the ending.

The weights are in ``edge_model.json`` (made by ``oceanbrain nlp train-edges`` from the
annotated slices it names). No weights are fetched from anywhere; training takes seconds.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from oceanbrain.nlp import patterns as P
from oceanbrain.nlp.weights_file import write_weights

MODEL_PATH = Path(__file__).with_name("edge_model.json")
# the punctuation characters of patterns._PUNCT (a regex class: its \\s is whitespace, not "s")
_PUNCT = frozenset(P._PUNCT.replace("\\s", "").replace("\\", ""))
_PLACE = P._PROPER_START


def _cls(ch: str) -> str:
    """A character, or its class when it is not a CJK character."""
    if not ch:
        return "BOS"
    if ch in _PUNCT or ch.isspace():
        return "PUN"
    if ch.isdigit():
        return "DIG"
    if ch.isascii() and ch.isalpha():
        return "LAT"
    return ch


@dataclass
class KnownNames:
    """The gazetteer's names, and the first two/three characters of the longer ones."""

    names: frozenset[str] = frozenset()
    first2: frozenset[str] = frozenset()
    first3: frozenset[str] = frozenset()

    @classmethod
    def of(cls, names: Iterable[str]) -> KnownNames:
        names = frozenset(names)
        return cls(
            names,
            frozenset(n[:2] for n in names if len(n) >= 3),
            frozenset(n[:3] for n in names if len(n) >= 4),
        )


def generic_cover(core: str) -> int:
    """How many characters of ``core`` the most generic domain words can cover."""
    best = [0] * (len(core) + 1)
    for i in range(len(core)):
        best[i + 1] = max(best[i + 1], best[i])
        for j in range(i + 2, min(len(core), i + P._GENERIC_MAX) + 1):
            if core[i:j] in P._GENERIC_WORDS:
                best[j] = max(best[j], best[i] + j - i)
    return best[-1]


def _ending(text: str, left: int, end: int) -> tuple[str, int]:
    """The name ending of ``text[left:end]`` (a trailing bracket ignored) and where it starts."""
    name = text[left:end]
    tail = P._PAREN_TAIL.search(name)
    core_end = end - len(tail.group(0)) if tail else end
    m = P._ENDS_WITH_SUFFIX.search(text[left:core_end])
    if not m:
        return "?", core_end
    return m.group(0), core_end - len(m.group(0))


def generic_starts(text: str, lo: int, stop: int) -> list[bool]:
    """For each ``s`` in ``lo … stop``: whether ``text[s:stop]`` is made only of generic domain
    words (``patterns.is_generic``), all found in one right-to-left pass."""
    ok = [False] * (stop - lo + 1)
    ok[-1] = True
    words, longest = P._GENERIC_WORDS, P._GENERIC_MAX
    for i in range(stop - 1, lo - 1, -1):
        for j in range(i + 1, min(stop, i + longest) + 1):
            if ok[j - lo] and text[i:j] in words:
                ok[i - lo] = True
                break
    return ok


def position_features(text: str, s: int, etype: str, known: KnownNames) -> list[str]:
    """Features of a name starting at ``s`` that do not depend on where it ends."""
    p1 = _cls(text[s - 1] if s > 0 else "")
    c1 = _cls(text[s])
    f = [
        "bias",
        "p1=" + p1,
        "p2=" + (_cls(text[s - 2]) if s > 1 else "BOS") + "|" + p1,
        "c1=" + c1,
        "x=" + p1 + "|" + c1,
        f"T={etype}|p1={p1}",
        f"T={etype}|c1={c1}",
    ]
    if _PLACE.match(text, s):
        f += ["place", "place|" + etype]
    if text[s : s + 2] in known.first2:
        f.append("gaz2")
    if text[s : s + 3] in known.first3:
        f.append("gaz3")
    if P._starts_generic(text, s):
        f.append("sgen|" + etype)
    return f


def span_features(
    text: str, s: int, end: int, left: int, etype: str, generic: bool | None, known: KnownNames
) -> list[str]:
    """Features of the name ``text[s:end]`` as a whole (``generic`` None: only its ending)."""
    f = [f"len={min(end - s, 24) // 3}|{etype}"]
    if s == left:
        f += ["atleft", "atleft|" + _cls(text[s - 1] if s > 0 else "")]
    if P._LEADING_PLACE.match(text[s:end]):
        f.append("lplace")
    if text[s:end] in known.names:
        f.append("gazfull")
    f.append(f"bare|{etype}" if generic is None else f"gen={generic}|{etype}")
    return f


def null_features(text: str, left: int, end: int, etype: str, known: KnownNames) -> list[str]:
    """Features of "no name ends here" for the candidate ``text[left:end]``."""
    ending, ending_start = _ending(text, left, end)
    core = text[left:ending_start]
    null = [
        "N",
        "N:end=" + ending,
        "N:T=" + etype,
        f"N:gen={P.is_generic(core)}",
        "N:pre=" + _cls(text[left - 1] if left > 0 else ""),
        "N:first2=" + text[left : left + 2],
        f"N:clen={min(len(core), 12) // 2}",
        "N:pre2=" + text[max(0, ending_start - 2) : ending_start] + "|" + ending,
    ]
    if left > 0 and text[left - 1] == "的":
        null.append("N:de")
    if text[left:end] in known.names:
        null.append("N:gaz")
    if _PLACE.match(text, left):
        null.append("N:place")
    if text[left : left + 2] in known.first2:
        null.append("N:gaz2")
    proper = len(core) - generic_cover(core)
    null.append(f"N:proper={min(proper, 4)}|{etype}")
    return null


def starts_of(text: str, left: int, end: int, ending_start: int) -> list[int]:
    """Where the name may start: from ``left`` up to its ending (two characters at least), never
    inside a short bracket such as (山东) in 万和春(山东)食品冷链物流产业园."""
    inside = {
        p for m in P._PAREN_RE.finditer(text, left, end) for p in range(m.start() + 1, m.end())
    }
    return [s for s in range(left, max(left, min(end - 2, ending_start)) + 1) if s not in inside]


def options(
    text: str, left: int, end: int, etype: str, known: KnownNames
) -> tuple[list[int], list[list[str]]]:
    """The possible starts of ``text[left:end]`` and the features of each, then of "no name"."""
    _, ending_start = _ending(text, left, end)
    starts = starts_of(text, left, end, ending_start)
    generic = generic_starts(text, left, max(left, ending_start))
    feats = []
    for s in starts:
        gen = generic[s - left] if ending_start > s else None
        feats.append(
            position_features(text, s, etype, known)
            + span_features(text, s, end, left, etype, gen, known)
        )
    feats.append(null_features(text, left, end, etype, known))
    return starts, feats


def _softmax(scores: Sequence[float]) -> list[float]:
    top = max(scores)
    exps = [math.exp(x - top) for x in scores]
    total = sum(exps)
    return [x / total for x in exps]


@dataclass
class EdgeModel:
    """Weights by feature name, and the probability of "no name" at which a candidate is dropped."""

    weights: dict[str, float]
    null_threshold: float = 0.8
    meta: dict[str, Any] = field(default_factory=dict)
    known: KnownNames = field(default_factory=KnownNames)

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> EdgeModel:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(data["weights"], data["null_threshold"], data.get("meta", {}))

    def save(self, path: Path = MODEL_PATH) -> None:
        write_weights(path, self.meta, {"null_threshold": self.null_threshold}, self.weights)

    def with_names(self, names: Iterable[str]) -> EdgeModel:
        """The same model, looking up the given gazetteer names."""
        return EdgeModel(self.weights, self.null_threshold, self.meta, KnownNames.of(names))

    def probabilities(self, feats: list[list[str]]) -> list[float]:
        w = self.weights
        return _softmax([sum(w.get(f, 0.0) for f in fs) for fs in feats])

    def scores(
        self,
        text: str,
        left: int,
        end: int,
        etype: str,
        cache: dict[tuple[int, str], float] | None = None,
    ) -> tuple[list[int], list[float]]:
        """The starts and their scores, then the score of "no name": the same numbers as
        summing weights over ``options()``, with the position part cached per text."""
        starts, scores, _, _ = self._scored(text, left, end, etype, cache)
        return starts, scores

    def _scored(
        self,
        text: str,
        left: int,
        end: int,
        etype: str,
        cache: dict[tuple[int, str], float] | None,
    ) -> tuple[list[int], list[float], int, list[bool]]:
        """scores(), and the ending's start and the generic flags it used."""
        w, known = self.weights, self.known
        cache = {} if cache is None else cache
        _, ending_start = _ending(text, left, end)
        starts = starts_of(text, left, end, ending_start)
        generic = generic_starts(text, left, max(left, ending_start))
        out = []
        for s in starts:
            key = (s, etype)
            static = cache.get(key)
            if static is None:
                static = sum(w.get(f, 0.0) for f in position_features(text, s, etype, known))
                cache[key] = static
            gen = generic[s - left] if ending_start > s else None
            span = span_features(text, s, end, left, etype, gen, known)
            out.append(static + sum(w.get(f, 0.0) for f in span))
        out.append(sum(w.get(f, 0.0) for f in null_features(text, left, end, etype, known)))
        return starts, out, ending_start, generic

    def decide(
        self,
        text: str,
        left: int,
        end: int,
        etype: str,
        cache: dict[tuple[int, str], float] | None = None,
    ) -> int | None:
        """The start of the name ending at ``end``, or None when there is no name.

        A later start must keep a proper part before the ending: cutting 东港海洋生物医药研究院
        to 海洋生物医药研究院 would turn a name into a description.
        """
        starts, scores, ending_start, generic = self._scored(text, left, end, etype, cache)
        p = _softmax(scores)
        if p[-1] >= self.null_threshold:
            return None
        allowed = [
            k
            for k, s in enumerate(starts)
            if s == left or (s < ending_start and not generic[s - left])
        ]
        return starts[max(allowed, key=p.__getitem__)]

    def apply(self, text: str, cands: list[P.Candidate]) -> list[P.Candidate]:
        out = []
        cache: dict[tuple[int, str], float] = {}
        for c in cands:
            start = self.decide(text, c.start, c.end, c.type, cache)
            if start is None:
                continue
            if start != c.start:
                c = P.Candidate(start, c.end, c.type, c.priority, source="suffix-edge")
            out.append(c)
        return out


# -- training --------------------------------------------------------------------------------
Example = tuple[list[list[str]], int]


def examples(
    text: str, gold: Sequence[dict[str, Any]], matcher: P.GazetteerMatcher | None, known: KnownNames
) -> list[Example]:
    """Training examples from one annotated passage: every candidate the ending rules make, and
    every raw ending match extended to its rule break (so that the generic descriptions the
    rules already drop are negatives too), each labelled with the gold start or "no name".

    A candidate is left out when a gold name ends where it ends but starts outside its range,
    or when it lies inside a gold name (resolution removes it anyway).
    """
    masked = P.mask_parentheses(text)
    hits = P.gazetteer_candidates(text, matcher)
    spans = [
        (c.start, c.end, c.type)
        for c in P.suffix_candidates(text, masked, {c.start: (c.end, c.type) for c in hits})
    ]
    seen = {(a, b) for a, b, _ in spans}
    breaks = P.Breaks(masked)
    for rx, etype in P._SUFFIX_RES:
        for m in rx.finditer(masked):
            left = P._left_boundary(masked, m.start(), breaks)
            if (left, m.end()) not in seen and m.end() - left >= 3:
                seen.add((left, m.end()))
                spans.append((left, m.end(), etype))
    gold_starts: dict[int, list[int]] = {}
    for g in gold:
        gold_starts.setdefault(g["end"], []).append(g["start"])
    out: list[Example] = []
    for left, end, etype in spans:
        starts, feats = options(text, left, end, etype, known)
        ending_here = gold_starts.get(end, [])
        inside = [s for s in ending_here if s in starts]
        if inside:
            out.append((feats, starts.index(inside[0])))
        elif not ending_here and not any(g["start"] <= left and end <= g["end"] for g in gold):
            out.append((feats, len(starts)))
    return out


def fit(
    data: Sequence[Example], *, l2: float = 2.0, epochs: int = 60, rate: float = 0.3
) -> dict[str, float]:
    """Conditional-logit weights by AdaGrad over the examples in order (deterministic)."""
    import numpy as np

    index: dict[str, int] = {}
    for feats, _ in data:
        for fs in feats:
            for f in fs:
                index.setdefault(f, len(index))
    encoded = [([np.array([index[f] for f in fs]) for fs in feats], y) for feats, y in data]
    w = np.zeros(len(index))
    squares = np.full(len(index), 1e-8)
    for _ in range(epochs):
        for rows, y in encoded:
            scores = np.array([w[ix].sum() for ix in rows])
            p = np.exp(scores - scores.max())
            p /= p.sum()
            grad = l2 * w / len(encoded)
            for k, ix in enumerate(rows):
                np.add.at(grad, ix, p[k] - (1.0 if k == y else 0.0))
            squares += grad * grad
            w -= rate * grad / np.sqrt(squares)
    return {f: float(w[i]) for f, i in index.items()}

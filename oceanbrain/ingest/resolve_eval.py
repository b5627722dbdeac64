"""How well entity resolution does: the golden pairs and a synthetic throughput run.

``evaluate_golden`` reads ``data/resolution/golden.csv`` (columns in data/resolution/README.md):
for each pair, a resolver that knows firm A resolves record B; a merge is B resolving to A's id.
``throughput`` resolves a seeded synthetic set of keys (names, variants, aliases, USCCs) and
times it.
"""

from __future__ import annotations

import csv
import random
import resource
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from oceanbrain.errors import ConfigError
from oceanbrain.ingest.resolve import FirmKey, KnownFirm, Resolver, own_id, valid_uscc
from oceanbrain.ingest.values import USCC_ALPHABET, split_multi, uscc_check_char

GOLDEN = Path("data/resolution/golden.csv")
COLUMNS = (
    "case_id",
    "expected",
    "name_a",
    "aliases_a",
    "uscc_a",
    "name_b",
    "aliases_b",
    "uscc_b",
    "relation",
    "source_url",
    "note",
)


@dataclass(frozen=True)
class GoldenCase:
    case_id: str
    expected: str  # "same" | "different"
    a: FirmKey
    b: FirmKey
    relation: str
    source_url: str
    note: str


@dataclass(frozen=True)
class CaseResult:
    case: GoldenCase
    merged: bool
    method: str
    pending: bool  # a same_entity question between A and B was raised
    score: float | None


def _ratio(num: int, den: int) -> float | None:
    return round(num / den, 4) if den else None


def _f1(p: float | None, r: float | None) -> float | None:
    if p is None or r is None or p + r == 0:
        return None
    return round(2 * p * r / (p + r), 4)


@dataclass
class GoldenReport:
    results: list[CaseResult]
    threshold: float
    review_min: float
    summary: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        same = [r for r in self.results if r.case.expected == "same"]
        diff = [r for r in self.results if r.case.expected == "different"]
        tp = sum(r.merged for r in same)
        fp = sum(r.merged for r in diff)
        precision, recall = _ratio(tp, tp + fp), _ratio(tp, len(same))
        layers: dict[str, dict[str, Any]] = {}
        for method in sorted({r.method for r in self.results if r.merged}):
            merged = [r for r in self.results if r.merged and r.method == method]
            hits = sum(r.case.expected == "same" for r in merged)
            p, rc = _ratio(hits, len(merged)), _ratio(hits, len(same))
            layers[method] = {
                "merged": len(merged),
                "true": hits,
                "false": len(merged) - hits,
                "precision": p,
                "recall": rc,
                "f1": _f1(p, rc),
            }
        relations: dict[str, dict[str, int]] = {}
        for r in same:
            bucket = relations.setdefault(r.case.relation, {"pairs": 0, "merged": 0, "pending": 0})
            bucket["pairs"] += 1
            bucket["merged"] += r.merged
            bucket["pending"] += r.pending and not r.merged
        pending_same = sum(r.pending and not r.merged for r in same)
        self.summary = {
            "pairs": len(self.results),
            "must_merge": len(same),
            "must_not_merge": len(diff),
            "true_merges": tp,
            "false_merges": fp,
            "missed": len(same) - tp,
            "precision": precision,
            "recall": recall,
            "f1": _f1(precision, recall),
            "pending_judgements": sum(r.pending for r in self.results),
            "pending_on_must_merge": pending_same,
            "pending_on_must_not_merge": sum(r.pending for r in diff),
            "recall_after_review": _ratio(tp + pending_same, len(same)),
            "layers": layers,
            "relations": relations,
            "threshold": self.threshold,
            "review_min": self.review_min,
        }

    def false_merges(self) -> list[CaseResult]:
        return [r for r in self.results if r.merged and r.case.expected == "different"]

    def rows(self) -> list[dict[str, Any]]:
        return [
            {
                "case_id": r.case.case_id,
                "expected": r.case.expected,
                "name_a": r.case.a.name,
                "name_b": r.case.b.name,
                "relation": r.case.relation,
                "merged": r.merged,
                "method": r.method,
                "pending": r.pending,
                "score": r.score,
            }
            for r in self.results
        ]


def read_golden(path: Path = GOLDEN) -> list[GoldenCase]:
    """The golden pairs, with an error naming the file, line and column of a bad cell."""
    if not path.is_file():
        raise ConfigError(f"{path}: golden file not found (pass --golden PATH)")
    cases = []
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise ConfigError(f"{path}: missing columns {', '.join(missing)}")
        for line, row in enumerate(reader, start=2):
            if row["expected"] not in ("same", "different"):
                raise ConfigError(
                    f"{path}:{line}: column expected is {row['expected']!r}; use same or different"
                )
            for column in ("name_a", "name_b", "source_url"):
                if not (row[column] or "").strip():
                    raise ConfigError(f"{path}:{line}: column {column} is empty")
            cases.append(
                GoldenCase(
                    row["case_id"],
                    row["expected"],
                    FirmKey(
                        row["name_a"].strip(),
                        row["uscc_a"] or None,
                        tuple(split_multi(row["aliases_a"])),
                    ),
                    FirmKey(
                        row["name_b"].strip(),
                        row["uscc_b"] or None,
                        tuple(split_multi(row["aliases_b"])),
                    ),
                    row["relation"],
                    row["source_url"],
                    row["note"],
                )
            )
    return cases


def evaluate_golden(
    path: Path = GOLDEN, threshold: float | None = None, review_min: float | None = None
) -> GoldenReport:
    results = []
    resolver = Resolver(threshold=threshold, review_min=review_min)
    for case in read_golden(path):
        a_id = own_id(case.a.name, valid_uscc(case.a.uscc))
        resolver = Resolver(
            [KnownFirm(a_id, case.a.name, case.a.uscc, case.a.aliases)],
            threshold=threshold,
            review_min=review_min,
        )
        res = resolver.resolve(case.b)
        merged = res.matched and res.id == a_id
        asked = [j for j in resolver.pending_judgements() if a_id in (j.subject_id, j.object_id)]
        score = res.score if merged else (asked[0].score if asked else None)
        results.append(CaseResult(case, merged, res.method, bool(asked), score))
    return GoldenReport(results, resolver.threshold, resolver.review_min)


# -- throughput --------------------------------------------------------------------------------
# Trade-name characters: 2,000 CJK ideographs from U+4E00 on (real trade names draw on a few
# thousand characters; a small pool would make every synthetic brand look like every other).
_CHARS = "".join(chr(code) for code in range(0x4E00, 0x4E00 + 2_000))
_INDUSTRY = ("海洋科技", "智能装备", "生物医药", "船舶重工", "信息技术", "物流", "港口服务", "水产")
_FORMS = ("有限公司", "股份有限公司", "有限责任公司", "集团有限公司")
_REGIONS = ("青岛", "青岛市", "山东省青岛市", "烟台", "威海", "")


def _uscc(rng: random.Random) -> str:
    body = "9137" + "".join(rng.choice(USCC_ALPHABET) for _ in range(13))
    return body + uscc_check_char(body)


def synthetic_keys(count: int, seed: int = 7) -> list[FirmKey]:
    """``count`` keys: about 70% new firms, 30% repeats of earlier ones written another way
    (bracketed region, full-width brackets, other legal form, by USCC, by short name)."""
    rng = random.Random(f"oceanbrain-resolve:{seed}")
    keys: list[FirmKey] = []
    firms: list[tuple[str, str, str, str, str | None]] = []
    for _ in range(count):
        if firms and rng.random() < 0.3:
            region, brand, industry, form, uscc = rng.choice(firms)
            variant = rng.randrange(4)
            if variant == 0 and region:
                name = (
                    f"{brand}{industry}（{region.removeprefix('山东省').removesuffix('市')}）{form}"
                )
            elif variant == 1:
                name = f"{region}{brand}{industry}{rng.choice(_FORMS[:3])}"
            elif variant == 2 and uscc:
                name = f"{region}{brand}{industry}"
            else:
                keys.append(FirmKey(f"{region}{brand}", None, ()))
                continue
            keys.append(FirmKey(name, uscc if variant == 2 else None))
            continue
        brand = "".join(rng.sample(_CHARS, rng.choice((2, 2, 3, 4))))
        region, industry, form = rng.choice(_REGIONS), rng.choice(_INDUSTRY), rng.choice(_FORMS)
        uscc = _uscc(rng) if rng.random() < 0.4 else None
        firms.append((region, brand, industry, form, uscc))
        keys.append(FirmKey(f"{region}{brand}{industry}{form}", uscc, (f"{region}{brand}",)))
    return keys


def throughput(count: int = 100_000, seed: int = 7) -> dict[str, Any]:
    """Resolve ``count`` synthetic keys with one resolver; keys/s, methods, pending, memory."""
    keys = synthetic_keys(count, seed)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    resolver = Resolver()
    began = time.perf_counter()
    methods = Counter(resolver.resolve(key).method for key in keys)
    seconds = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "keys": count,
        "seconds": round(seconds, 3),
        "keys_per_s": round(count / seconds) if seconds else None,
        "methods": dict(sorted(methods.items())),
        "pending_judgements": len(resolver.pending_judgements()),
        "peak_rss_growth_mb": round(max(after - before, 0) / 1024, 1),
    }


SWEEP = (0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1.0)


def threshold_sweep(path: Path = GOLDEN, review_min: float | None = None) -> list[dict[str, Any]]:
    """False merges and recall on the golden pairs for each auto-merge threshold in SWEEP."""
    rows = []
    for threshold in SWEEP:
        s = evaluate_golden(path, threshold, review_min).summary
        rows.append(
            {
                "threshold": threshold,
                "false_merges": s["false_merges"],
                "precision": s["precision"],
                "recall": s["recall"],
                "f1": s["f1"],
            }
        )
    return rows

"""Scoring against an annotated JSONL corpus (format: tests/nlp/corpus/README.md).

Entities match on exact (start, end, type); relations on (subject span, relation, object span).
SIGNED and COOPERATES_WITH are symmetric, so either direction matches.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from spacy.language import Language

from oceanbrain.errors import ConfigError
from oceanbrain.nlp.extract import extract

SYMMETRIC = {"SIGNED", "COOPERATES_WITH"}


def prf(tp: int, fp: int, fn: int) -> dict[str, float | int]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f, "tp": tp, "fp": fp, "fn": fn}


def load_jsonl(path: str | Path) -> list[dict[str, Any]]:
    """Annotated passages, one JSON object per line; a bad line is a ConfigError naming it."""
    records = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ConfigError(f"{path} line {n}: not valid JSON ({exc.msg})") from None
        missing = [k for k in ("text", "entities", "relations") if k not in rec]
        if not isinstance(rec, dict) or missing:
            raise ConfigError(
                f"{path} line {n}: a passage needs {', '.join(missing or ['an object'])}"
            )
        records.append(rec)
    return records


def _rel_keys(
    ents: list[dict[str, Any]], rels: list[dict[str, Any]], sub: str, obj: str
) -> set[tuple]:
    keys = set()
    for r in rels:
        s, o = ents[r[sub]], ents[r[obj]]
        a, b = (s["start"], s["end"]), (o["start"], o["end"])
        if r["relation"] in SYMMETRIC and b < a:
            a, b = b, a
        keys.add((a, r["relation"], b))
    return keys


def score(gold: list[dict[str, Any]], pred: list[dict[str, Any]]) -> dict[str, Any]:
    """Gold passages and predictions (dicts with entities/relations, same order)."""
    ent_counts: dict[str, Counter[str]] = {}
    rel_counts: dict[str, Counter[str]] = {}
    for g, p in zip(gold, pred, strict=True):
        gk = {(e["start"], e["end"], e["type"]) for e in g["entities"]}
        pk = {(e["start"], e["end"], e["type"]) for e in p["entities"]}
        for label, keys in (("tp", gk & pk), ("fp", pk - gk), ("fn", gk - pk)):
            for k in keys:
                ent_counts.setdefault(k[2], Counter())[label] += 1
        gr = _rel_keys(g["entities"], g["relations"], "subject", "object")
        pr = _rel_keys(p["entities"], p["relations"], "subject_index", "object_index")
        for label, rkeys in (("tp", gr & pr), ("fp", pr - gr), ("fn", gr - pr)):
            for rk in rkeys:
                rel_counts.setdefault(rk[1], Counter())[label] += 1

    def block(counts: dict[str, Counter[str]]) -> dict[str, Any]:
        total: Counter[str] = Counter()
        per = {}
        for t in sorted(counts):
            c = counts[t]
            per[t] = prf(c["tp"], c["fp"], c["fn"])
            total.update(c)
        return {"per_type": per, "micro": prf(total["tp"], total["fp"], total["fn"])}

    ents, rels = block(ent_counts), block(rel_counts)
    return {"entities": ents, "relations": rels}


def measure_speed(nlp: Language, texts: list[str], min_chars: int = 1_000_000) -> dict[str, float]:
    """Characters per second, single-threaded, over ``texts`` repeated to ≥ ``min_chars``.

    ``chars_per_second`` is per wall-clock second; ``chars_per_cpu_second`` divides by the
    process's CPU time instead, which is what one core does even on a busy machine.
    """
    chunk = sum(len(t) for t in texts) or 1
    reps = max(1, -(-min_chars // chunk))
    t0, c0 = time.perf_counter(), time.process_time()
    n = 0
    for _ in range(reps):
        for t in texts:
            nlp(t)
            n += len(t)
    dt, cpu = time.perf_counter() - t0, time.process_time() - c0
    return {
        "chars": float(n),
        "seconds": dt,
        "cpu_seconds": cpu,
        "chars_per_second": n / dt if dt else 0.0,
        "chars_per_cpu_second": n / cpu if cpu else 0.0,
    }


def measure_load(build: Callable[[], Language]) -> float:
    t0 = time.perf_counter()
    build()
    return time.perf_counter() - t0


def evaluate(
    nlp: Language,
    jsonl_path: str | Path,
    *,
    speed: bool = True,
    build: Callable[[], Language] | None = None,
    min_chars: int = 1_000_000,
) -> dict[str, Any]:
    """Per-type and micro P/R/F1 for entities and relations; optionally speed and load time."""
    gold = load_jsonl(jsonl_path)
    pred = [extract(p["text"], nlp) for p in gold]
    result = score(gold, pred)
    result["passages"] = len(gold)
    if speed:
        result["speed"] = measure_speed(nlp, [p["text"] for p in gold], min_chars)
    if build is not None:
        result["load_seconds"] = measure_load(build)
    return result


def format_report(result: dict[str, Any]) -> str:
    lines = []
    for part in ("entities", "relations"):
        lines.append(f"{part}:")
        for t, m in result[part]["per_type"].items():
            lines.append(
                f"  {t:16s} P={m['precision']:.3f} R={m['recall']:.3f} F1={m['f1']:.3f}"
                f"  (tp={m['tp']} fp={m['fp']} fn={m['fn']})"
            )
        m = result[part]["micro"]
        lines.append(
            f"  {'micro':16s} P={m['precision']:.3f} R={m['recall']:.3f} F1={m['f1']:.3f}"
            f"  (tp={m['tp']} fp={m['fp']} fn={m['fn']})"
        )
    if "speed" in result:
        lines.append(f"speed: {result['speed']['chars_per_second']:.0f} chars/s")
    if "load_seconds" in result:
        lines.append(f"load: {result['load_seconds']:.3f} s")
    return "\n".join(lines)

"""How far two annotators agree, and where the extractor stands against each of them.

Scores, for setA and setB and pooled: the re-annotation against the original slice's
annotation (the agreement between two people following the same guidelines), the extractor
against the original, and the extractor against the re-annotation. Writes
``benchmarks/results/nlp_agreement.json`` and prints a table.

Run: .venv/bin/python tests/nlp/corpus/agreement/score.py
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[3]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from sources import ORIGINALS  # noqa: E402

from oceanbrain.nlp.evaluate import load_jsonl, score  # noqa: E402
from oceanbrain.nlp.extract import extract  # noqa: E402
from oceanbrain.nlp.gazetteer import Gazetteer  # noqa: E402
from oceanbrain.nlp.pipeline import build_pipeline  # noqa: E402

SETS = ("setA", "setB")
OUT = ROOT / "benchmarks" / "results" / "nlp_agreement.json"


def as_prediction(record: dict[str, Any]) -> dict[str, Any]:
    """An annotated record in the shape ``score`` expects of a prediction."""
    rels = [
        {"subject_index": r["subject"], "relation": r["relation"], "object_index": r["object"]}
        for r in record["relations"]
    ]
    return {"entities": record["entities"], "relations": rels}


def originals(ids: list[str]) -> list[dict[str, Any]]:
    by_slice: dict[str, dict[str, dict[str, Any]]] = {}
    out = []
    for pid in ids:
        name, orig_id = ORIGINALS[pid]
        if name not in by_slice:
            path = HERE.parent / name / f"{name}.jsonl"
            by_slice[name] = {r["id"]: r for r in load_jsonl(path)}
        out.append(by_slice[name][orig_id])
    return out


def _short(result: dict[str, Any]) -> dict[str, Any]:
    return {
        part: {
            "micro": result[part]["micro"],
            "f1_by_type": {t: round(m["f1"], 4) for t, m in result[part]["per_type"].items()},
        }
        for part in ("entities", "relations")
    }


def main() -> None:
    nlp = build_pipeline(Gazetteer.from_canonical(ROOT / "data"))
    pooled: dict[str, tuple[list[Any], list[Any]]] = {}
    report: dict[str, Any] = {}
    for name in SETS:
        again = load_jsonl(HERE / name / f"{name}.jsonl")
        first = originals([r["id"] for r in again])
        for a, o in zip(again, first, strict=True):
            if a["text"] != o["text"]:
                raise SystemExit(f"{a['id']}: text differs from {ORIGINALS[a['id']]}")
        found = [extract(r["text"], nlp) for r in again]
        pairs = {
            "annotators": (first, [as_prediction(r) for r in again]),
            "extractor_vs_original": (first, found),
            "extractor_vs_reannotation": (again, found),
        }
        report[name] = {"passages": len(again)}
        for key, (gold, pred) in pairs.items():
            report[name][key] = _short(score(gold, pred))
            g, p = pooled.setdefault(key, ([], []))
            g += gold
            p += pred
    report["pooled"] = {key: _short(score(g, p)) for key, (g, p) in pooled.items()}
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    report["extractor_commit"] = commit
    OUT.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{'':8s} {'pair':28s} {'entity F1':>9s} {'relation F1':>11s}")
    for name in (*SETS, "pooled"):
        for key in pairs:
            r = report[name][key]
            e, rel = r["entities"]["micro"]["f1"], r["relations"]["micro"]["f1"]
            print(f"{name:8s} {key:28s} {e:9.3f} {rel:11.3f}")
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()

"""Build dev.jsonl and untouched.jsonl from passages.py, annotations.py and split.json.

Offsets are computed here, never by hand: each mention is located with str.find from a cursor
that moves past the previous mention, so repeated names get their own occurrence.
Run: .venv/bin/python tests/nlp/corpus/tools/build_corpus.py [--show]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from annotations import ENTITIES, RELATIONS
from annotations2 import (
    ENTITIES2,
    ENTITIES3,
    ENTITIES4,
    ENTITIES5,
    ENTITIES6,
    ENTITIES7,
    RELATIONS2,
    RELATIONS3,
    RELATIONS4,
    RELATIONS5,
    RELATIONS6,
    RELATIONS7,
)
from passages import PASSAGES
from passages2 import PASSAGES2, PASSAGES3, PASSAGES4, PASSAGES5, PASSAGES6, PASSAGES7

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent
sys.path.insert(0, str(CORPUS))
from holdout_build import locate, show  # noqa: E402


def build() -> dict[str, dict[str, object]]:
    records: dict[str, dict[str, object]] = {}
    entities_by_id = {
        **ENTITIES,
        **ENTITIES2,
        **ENTITIES3,
        **ENTITIES4,
        **ENTITIES5,
        **ENTITIES6,
        **ENTITIES7,
    }
    relations_by_id = {
        **RELATIONS,
        **RELATIONS2,
        **RELATIONS3,
        **RELATIONS4,
        **RELATIONS5,
        **RELATIONS6,
        **RELATIONS7,
    }
    for pid, url, date, text in (
        PASSAGES + PASSAGES2 + PASSAGES3 + PASSAGES4 + PASSAGES5 + PASSAGES6 + PASSAGES7
    ):
        entities = locate(text, entities_by_id[pid])
        relations = [{"subject": s, "relation": r, "object": o} for s, r, o in relations_by_id[pid]]
        records[pid] = {
            "id": pid,
            "text": text,
            "source_url": url,
            "source_date": date,
            "entities": entities,
            "relations": relations,
        }
    return records


def main() -> None:
    records = build()
    split = json.loads((HERE / "split.json").read_text(encoding="utf-8"))
    dev2 = [pid for pid, _, _, _ in PASSAGES2]
    dev3 = [pid for pid, _, _, _ in PASSAGES3]
    dev4 = [pid for pid, _, _, _ in PASSAGES4]
    dev5 = [pid for pid, _, _, _ in PASSAGES5]
    dev6 = [pid for pid, _, _, _ in PASSAGES6]
    dev7 = [pid for pid, _, _, _ in PASSAGES7]
    slices = (("dev", split["dev"]), ("untouched", split["untouched"]), ("dev2", dev2))
    for name, ids in (
        *slices,
        ("dev3", dev3),
        ("dev4", dev4),
        ("dev5", dev5),
        ("dev6", dev6),
        ("dev7", dev7),
    ):
        path = CORPUS / f"{name}.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for pid in sorted(ids):
                fh.write(json.dumps(records[pid], ensure_ascii=False) + "\n")
        print(f"wrote {path.relative_to(CORPUS.parents[2])}: {len(ids)} passages")
    if "--show" in sys.argv:
        for pid in sorted(records):
            print(show(records[pid]))


if __name__ == "__main__":
    main()

"""Build holdout5.jsonl from passages.py and annotations.py (this directory).

Adapted from ../tools/build_corpus.py. Offsets are computed here, never by hand: each mention is
located with str.find from a cursor that moves past the previous mention, so repeated names get
their own occurrence. Output has exactly the JSON-lines format of ../dev.jsonl.
Run: .venv/bin/python tests/nlp/corpus/holdout5/build.py [--show]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from annotations import ENTITIES, RELATIONS
from passages import PASSAGES

HERE = Path(__file__).resolve().parent
OUT = HERE / "holdout5.jsonl"


def locate(text: str, mentions: list[tuple[str, str]]) -> list[dict[str, object]]:
    entities: list[dict[str, object]] = []
    cursor = 0
    for mention, label in mentions:
        start = text.find(mention, cursor)
        if start < 0:
            raise ValueError(f"mention {mention!r} not found after offset {cursor}")
        end = start + len(mention)
        entities.append({"start": start, "end": end, "type": label, "text": mention})
        cursor = end
    return entities


def build() -> dict[str, dict[str, object]]:
    ids = [pid for pid, _, _, _ in PASSAGES]
    if len(set(ids)) != len(ids):
        raise ValueError("duplicate passage id in passages.py")
    if set(ids) != set(ENTITIES) or set(ids) != set(RELATIONS):
        raise ValueError("passages.py and annotations.py do not cover the same ids")
    records: dict[str, dict[str, object]] = {}
    for pid, url, date, text in PASSAGES:
        try:
            entities = locate(text, ENTITIES[pid])
        except ValueError as exc:
            raise ValueError(f"{pid}: {exc}") from exc
        relations = [{"subject": s, "relation": r, "object": o} for s, r, o in RELATIONS[pid]]
        records[pid] = {
            "id": pid,
            "text": text,
            "source_url": url,
            "source_date": date,
            "entities": entities,
            "relations": relations,
        }
    return records


def show(record: dict[str, object]) -> str:
    text = str(record["text"])
    out, last = [], 0
    for e in record["entities"]:  # type: ignore[attr-defined]
        out.append(text[last : e["start"]])
        out.append(f"[{text[e['start'] : e['end']]}|{e['type']}]")
        last = e["end"]
    out.append(text[last:])
    lines = [f"{record['id']}: " + "".join(out)]
    ents = record["entities"]
    for r in record["relations"]:  # type: ignore[attr-defined]
        s, o = ents[r["subject"]], ents[r["object"]]  # type: ignore[index]
        lines.append(f"    {s['text']} -{r['relation']}-> {o['text']}")
    return "\n".join(lines)


def main() -> None:
    records = build()
    with OUT.open("w", encoding="utf-8") as fh:
        for pid in sorted(records):
            fh.write(json.dumps(records[pid], ensure_ascii=False) + "\n")
    print(f"wrote {OUT.relative_to(HERE.parents[3])}: {len(records)} passages")
    if "--show" in sys.argv:
        for pid in sorted(records):
            print(show(records[pid]))


if __name__ == "__main__":
    main()

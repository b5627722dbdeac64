"""Build a held-out slice: ``holdoutN/holdoutN.jsonl`` from that folder's passages.py and
annotations.py. Each ``holdoutN/build.py`` calls :func:`main` with its own folder.

Adapted from tools/build_corpus.py. Offsets are computed here, never by hand: each mention is
located with str.find from a cursor that moves past the previous mention, so repeated names get
their own occurrence. Output has exactly the JSON-lines format of dev.jsonl.
Run: .venv/bin/python tests/nlp/corpus/holdoutN/build.py [--show]
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any


def _module(folder: Path, name: str) -> ModuleType:
    """``folder/name.py`` loaded under a name of its own (every slice has a passages.py)."""
    spec = importlib.util.spec_from_file_location(f"{folder.name}_{name}", folder / f"{name}.py")
    if spec is None or spec.loader is None:
        raise FileNotFoundError(folder / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


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


def build(folder: Path) -> dict[str, dict[str, object]]:
    annotations = _module(folder, "annotations")
    passages: list[tuple[str, str, Any, str]] = _module(folder, "passages").PASSAGES
    entities_of: dict[str, list[tuple[str, str]]] = annotations.ENTITIES
    relations_of: dict[str, list[tuple[int, str, int]]] = annotations.RELATIONS
    ids = [pid for pid, _, _, _ in passages]
    if len(set(ids)) != len(ids):
        raise ValueError("duplicate passage id in passages.py")
    if set(ids) != set(entities_of) or set(ids) != set(relations_of):
        raise ValueError("passages.py and annotations.py do not cover the same ids")
    records: dict[str, dict[str, object]] = {}
    for pid, url, date, text in passages:
        try:
            entities = locate(text, entities_of[pid])
        except ValueError as exc:
            raise ValueError(f"{pid}: {exc}") from exc
        relations = [{"subject": s, "relation": r, "object": o} for s, r, o in relations_of[pid]]
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


def main(folder: Path) -> None:
    out = folder / f"{folder.name}.jsonl"
    records = build(folder)
    with out.open("w", encoding="utf-8") as fh:
        for pid in sorted(records):
            fh.write(json.dumps(records[pid], ensure_ascii=False) + "\n")
    print(f"wrote {out.relative_to(folder.parents[3])}: {len(records)} passages")
    if "--show" in sys.argv:
        for pid in sorted(records):
            print(show(records[pid]))

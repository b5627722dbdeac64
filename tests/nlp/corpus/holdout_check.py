"""Check a slice built in its own folder (``holdoutN/holdoutN.jsonl``, ``trainN/trainN.jsonl``):
spans, types, relations, hygiene against the other slices; print counts. Each folder's
``check.py`` calls :func:`main` with its folder.

The same record checks as tools/check_corpus.py. In addition it checks that no id, source URL or
text of the slice is shared with any other slice (every other *.jsonl here and in the slice
folders), and
that no 30-character stretch of its texts occurs in them (no article split between slices).
Run: .venv/bin/python tests/nlp/corpus/holdoutN/check.py
Exit status 1 if any error is found; warnings (possible missed mentions) do not fail.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from pathlib import Path

CORPUS = Path(__file__).resolve().parent
MIN_PASSAGES, MIN_ENTITIES, MIN_RELATIONS, OVERLAP = 25, 250, 40, 30
TYPES = ("FIRM", "INSTITUTE", "GOV", "PARK", "PERSON", "PROJECT", "PRODUCT", "MONEY", "QUANTITY")
ORGS = {"FIRM", "INSTITUTE", "GOV", "PARK"}
# relation -> (allowed subject types, allowed object types)
RELATIONS = {
    "LOCATED_IN": ({"FIRM", "INSTITUTE", "PROJECT"}, {"PARK"}),
    "INVESTS_IN": ({"FIRM", "GOV", "INSTITUTE"}, {"PROJECT", "PARK"}),
    "SIGNED": (ORGS, ORGS | {"PROJECT"}),
    "COOPERATES_WITH": (ORGS, ORGS),
    "DEVELOPS": ({"FIRM", "INSTITUTE", "GOV"}, {"PRODUCT"}),
    "LEADS": ({"PERSON"}, {"FIRM", "INSTITUTE", "GOV", "PROJECT"}),
}
KEYS = {"id", "text", "source_url", "source_date", "entities", "relations"}
EDGE = "《》“”‘’「」\"'()()[]【】 \t\n、,,。;;::"
SENTENCE_END = re.compile(r"[。！？!?]|\n")


def sentence_ids(text: str) -> list[int]:
    """Sentence number of every character; a sentence ends after 。！？!? or a newline."""
    ids, n = [], 0
    for ch in text:
        ids.append(n)
        if SENTENCE_END.match(ch):
            n += 1
    return ids


def check_record(rec: dict, where: str, errors: list[str]) -> None:
    if set(rec) != KEYS:
        errors.append(f"{where}: keys {sorted(rec)}")
        return
    text = rec["text"]
    if not (80 <= len(text) <= 400):
        errors.append(f"{where}: text length {len(text)} outside 80-400")
    if not str(rec["source_url"]).startswith(("http://", "https://")):
        errors.append(f"{where}: bad source_url")
    if rec["source_date"] is not None:
        try:
            dt.date.fromisoformat(rec["source_date"])
        except (TypeError, ValueError):
            errors.append(f"{where}: bad source_date {rec['source_date']!r}")
    ents = rec["entities"]
    spans = []
    for i, e in enumerate(ents):
        tag = f"{where} entity {i}"
        if set(e) != {"start", "end", "type", "text"}:
            errors.append(f"{tag}: keys {sorted(e)}")
            continue
        s, t = e["start"], e["end"]
        if not (isinstance(s, int) and isinstance(t, int) and 0 <= s < t <= len(text)):
            errors.append(f"{tag}: bad offsets {s}-{t}")
            continue
        if text[s:t] != e["text"]:
            errors.append(f"{tag}: text[{s}:{t}]={text[s:t]!r} != {e['text']!r}")
        if e["type"] not in TYPES:
            errors.append(f"{tag}: unknown type {e['type']}")
        name = e["text"]
        # a name may end with ")" when its "(" is inside it: 天津大学研究生院(青岛)
        closed = name[-1] in ")）" and ("(" in name or "（" in name)
        if name[0] in EDGE or (name[-1] in EDGE and not closed):
            errors.append(f"{tag}: span {name!r} starts or ends with quote/bracket/space")
        spans.append((s, t, i))
    spans.sort()
    for (s1, t1, i1), (s2, t2, i2) in zip(spans, spans[1:], strict=False):
        if (s1, t1) == (s2, t2):
            errors.append(f"{where}: entities {i1} and {i2} have the same span")
        elif s2 < t1:
            errors.append(f"{where}: entities {i1} and {i2} overlap")
    if [i for _, _, i in spans] != list(range(len(ents))):
        errors.append(f"{where}: entities are not in text order")
    sent = sentence_ids(text)
    seen = set()
    for j, r in enumerate(rec["relations"]):
        tag = f"{where} relation {j}"
        if set(r) != {"subject", "relation", "object"}:
            errors.append(f"{tag}: keys {sorted(r)}")
            continue
        a, b, rel = r["subject"], r["object"], r["relation"]
        in_range = range(len(ents))
        if not (isinstance(a, int) and isinstance(b, int) and a in in_range and b in in_range):
            errors.append(f"{tag}: index out of range")
            continue
        if a == b:
            errors.append(f"{tag}: subject == object")
        if rel not in RELATIONS:
            errors.append(f"{tag}: unknown relation {rel}")
            continue
        subj_types, obj_types = RELATIONS[rel]
        if ents[a]["type"] not in subj_types or ents[b]["type"] not in obj_types:
            errors.append(f"{tag}: {rel} {ents[a]['type']} -> {ents[b]['type']} not allowed")
        first, last = min(ents[a]["start"], ents[b]["start"]), max(ents[a]["end"], ents[b]["end"])
        if sent[first] != sent[last - 1]:
            pair = f"{ents[a]['text']} / {ents[b]['text']}"
            errors.append(f"{tag}: {pair} are in different sentences")
        symmetric = rel in {"SIGNED", "COOPERATES_WITH"}
        key = (min(a, b), rel, max(a, b)) if symmetric else (a, rel, b)
        if key in seen:
            errors.append(f"{tag}: duplicate relation")
        seen.add(key)


def missed_mentions(records: list[dict]) -> list[str]:
    """Occurrences of an annotated name (>= 3 chars) that no entity covers, anywhere."""
    names = {e["text"] for r in records for e in r["entities"] if len(e["text"]) >= 3}
    warnings = []
    for r in records:
        covered = [(e["start"], e["end"]) for e in r["entities"]]
        for name in sorted(names):
            for m in re.finditer(re.escape(name), r["text"]):
                if not any(s <= m.start() and m.end() <= t for s, t in covered):
                    warnings.append(f"{r['id']}: {name!r} at {m.start()} is not annotated")
    return warnings


def load(path: Path, errors: list[str], validate: bool) -> list[dict]:
    records = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            errors.append(f"{path.name}:{n}: {exc}")
            continue
        if validate:
            check_record(rec, f"{path.name}:{n} {rec.get('id')}", errors)
        records.append(rec)
    return records


def hygiene(records: list[dict], others: list[dict], errors: list[str]) -> None:
    ids = Counter(r["id"] for r in records)
    errors += [f"id {i} appears {c} times" for i, c in ids.items() if c > 1]
    texts = Counter(r["text"] for r in records)
    errors += [f"a text appears {c} times" for c in texts.values() if c > 1]
    other_ids = {r["id"] for r in others}
    other_urls = {r["source_url"] for r in others}
    other_text = "\u0000".join(r["text"] for r in others)
    for r in records:
        if r["id"] in other_ids:
            errors.append(f"{r['id']}: id also used in another slice")
        if r["source_url"] in other_urls:
            errors.append(f"{r['id']}: source_url also used in another slice")
        t = r["text"]
        for k in range(0, max(1, len(t) - OVERLAP + 1)):
            if t[k : k + OVERLAP] in other_text:
                errors.append(f"{r['id']}: shares text with another slice at offset {k}")
                break


def main(
    folder: Path,
    *,
    minimums: tuple[int, int, int] = (MIN_PASSAGES, MIN_ENTITIES, MIN_RELATIONS),
    others_from: list[Path] | None = None,
) -> int:
    """Check ``folder/<folder>.jsonl`` against every other slice (or ``others_from``); at least
    ``minimums`` passages, mentions and relations."""
    file = folder / f"{folder.name}.jsonl"
    min_passages, min_entities, min_relations = minimums
    other_files = others_from or [
        p for p in sorted([*CORPUS.glob("*.jsonl"), *CORPUS.glob("*/*.jsonl")]) if p != file
    ]
    errors: list[str] = []
    records = load(file, errors, validate=True)
    others = [r for p in other_files for r in load(p, errors, validate=False)]
    hygiene(records, others, errors)
    n_ents = sum(len(r["entities"]) for r in records)
    if len(records) < min_passages:
        errors.append(f"only {len(records)} passages (need >= {min_passages})")
    if n_ents < min_entities:
        errors.append(f"only {n_ents} entity mentions (need >= {min_entities})")
    n_rels = sum(len(r["relations"]) for r in records)
    if n_rels < min_relations:
        errors.append(f"only {n_rels} relations (need >= {min_relations})")

    print(f"{'':18}" + "".join(f"{t:>10}" for t in TYPES) + f"{'total':>8}")
    c = Counter(e["type"] for r in records for e in r["entities"])
    row = "".join(f"{c[t]:>10}" for t in TYPES)
    print(f"{file.name:18}{row}{sum(c.values()):>8}   passages={len(records)}")
    print()
    rels = list(RELATIONS)
    print(f"{'':18}" + "".join(f"{t:>17}" for t in rels) + f"{'total':>8}")
    c = Counter(x["relation"] for r in records for x in r["relations"])
    print(f"{file.name:18}" + "".join(f"{c[t]:>17}" for t in rels) + f"{sum(c.values()):>8}")
    print()
    chars = sum(len(r["text"]) for r in records)
    dated = sum(1 for r in records if r["source_date"])
    urls = len({r["source_url"] for r in records})
    print(f"characters={chars} distinct_urls={urls} dated={dated}")
    for w in missed_mentions(records):
        print("warning:", w)
    for e in errors:
        print("ERROR:", e)
    print("errors:", len(errors))
    return 1 if errors else 0

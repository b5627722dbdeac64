"""Check dev.jsonl and untouched.jsonl: spans, types, relations, split hygiene; print counts.

Run: .venv/bin/python tests/nlp/corpus/tools/check_corpus.py
Exit status 1 if any error is found; warnings (possible missed mentions) do not fail.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent
FILES = (
    "dev.jsonl",
    "untouched.jsonl",
    *sorted(p.name for p in CORPUS.glob("dev[0-9]*.jsonl")),
)
sys.path.insert(0, str(CORPUS))
from holdout_check import RELATIONS, TYPES, check_record, missed_mentions  # noqa: E402


def main() -> int:
    errors: list[str] = []
    per_file: dict[str, list[dict]] = {}
    for name in FILES:
        records = []
        for n, line in enumerate((CORPUS / name).read_text(encoding="utf-8").splitlines(), 1):
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                errors.append(f"{name}:{n}: {exc}")
                continue
            check_record(rec, f"{name}:{n} {rec.get('id')}", errors)
            records.append(rec)
        per_file[name] = records
    all_records = [r for rs in per_file.values() for r in rs]
    ids = Counter(r["id"] for r in all_records)
    errors += [f"id {i} appears {c} times" for i, c in ids.items() if c > 1]
    texts = Counter(r["text"] for r in all_records)
    errors += [f"a text appears {c} times" for c in texts.values() if c > 1]

    print(f"{'':18}" + "".join(f"{t:>10}" for t in TYPES) + f"{'total':>8}")
    for name, records in [*per_file.items(), ("all", all_records)]:
        c = Counter(e["type"] for r in records for e in r["entities"])
        row = "".join(f"{c[t]:>10}" for t in TYPES)
        print(f"{name:18}{row}{sum(c.values()):>8}   passages={len(records)}")
    print()
    rels = list(RELATIONS)
    print(f"{'':18}" + "".join(f"{t:>17}" for t in rels) + f"{'total':>8}")
    for name, records in [*per_file.items(), ("all", all_records)]:
        c = Counter(x["relation"] for r in records for x in r["relations"])
        print(f"{name:18}" + "".join(f"{c[t]:>17}" for t in rels) + f"{sum(c.values()):>8}")
    print()
    for w in missed_mentions(all_records):
        print("warning:", w)
    for e in errors:
        print("ERROR:", e)
    print("errors:", len(errors))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())

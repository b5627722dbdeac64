"""Build setB.jsonl from passages.py and annotations.py (this directory).

Run: .venv/bin/python tests/nlp/corpus/agreement/setB/build.py [--show]
"""

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))
from holdout_build import build, show  # noqa: E402

records = build(HERE)
with (HERE / f"{HERE.name}.jsonl").open("w", encoding="utf-8") as fh:
    for pid in sorted(records):
        fh.write(json.dumps(records[pid], ensure_ascii=False) + "\n")
print(f"wrote {HERE.name}.jsonl: {len(records)} passages")
if "--show" in sys.argv:
    for pid in sorted(records):
        print(show(records[pid]))

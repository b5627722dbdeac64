"""Choose the untouched slice: 12 of the 40 passage ids with random.Random(42), before annotation.

Run once: `python split.py` writes split.json next to this file. The choice depends only on the
sorted list of passage ids, never on the annotations.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from passages import PASSAGES

UNTOUCHED_SIZE = 12


def choose(ids: list[str]) -> list[str]:
    rng = random.Random(42)
    return sorted(rng.sample(sorted(ids), UNTOUCHED_SIZE))


if __name__ == "__main__":
    ids = [pid for pid, _url, _date, _text in PASSAGES]
    untouched = choose(ids)
    dev = [pid for pid in ids if pid not in untouched]
    out = {
        "seed": 42,
        "method": "random.Random(42).sample(sorted(ids), 12)",
        "untouched": untouched,
        "dev": dev,
    }
    path = Path(__file__).with_name("split.json")
    path.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(out, ensure_ascii=False))

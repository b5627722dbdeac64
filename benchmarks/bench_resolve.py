"""Entity-resolution throughput and memory at 10^4..10^6 keys (one resolver, one process).

Run with `python -m benchmarks.bench_resolve [N ...]`; results go to
benchmarks/results/resolve_scale.json as a list of {keys, seconds, keys_per_s, methods,
pending_judgements, peak_rss_growth_mb}. Keys come from the seeded synthetic set in
`oceanbrain.ingest.resolve_eval.synthetic_keys` (30% re-spellings of earlier firms). Each size
runs in a fresh process so the RSS growth is that size's own.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "benchmarks/results/resolve_scale.json"
SIZES = (10_000, 100_000, 1_000_000)
ONE = (
    "import json, sys; from oceanbrain.ingest.resolve_eval import throughput; "
    "print(json.dumps(throughput(int(sys.argv[1]))))"
)


def main(sizes: tuple[int, ...] = SIZES) -> None:
    results = []
    for size in sizes:
        done = subprocess.run(
            [sys.executable, "-c", ONE, str(size)], check=True, capture_output=True, text=True
        )
        result = json.loads(done.stdout)
        print(json.dumps(result, ensure_ascii=False))
        results.append(result)
    OUT.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(REPO)}")


if __name__ == "__main__":
    main(tuple(int(a) for a in sys.argv[1:]) or SIZES)

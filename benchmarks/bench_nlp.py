"""NLP speed: characters per second on one core and pipeline load time.

Run with `make bench-nlp`. The text is the development corpus passages (tests/nlp/corpus/
dev.jsonl and untouched.jsonl only, listed explicitly; it never reads any holdoutN/ folder, in
particular not the held-out holdout5/, and it scores nothing) repeated to at least 2,000,000
characters, run through the full pipeline (entities + relations, gazetteer from data/) in one
process pinned to one CPU where the OS allows it. The headline `chars_per_second` divides by the
process's CPU time (what one core does, even when other jobs share the machine);
`wall_chars_per_second` and the machine's load average are recorded next to it. Load time is
`build_pipeline()` with that gazetteer, best of three, after the imports. The same text is then
run without the learned type model (``retype.py``), as the baseline for what that model costs.
Results go to
benchmarks/results/nlp_speed.json; accuracy scores are written separately by
`oceanbrain nlp eval` to benchmarks/results/nlp.json.
"""

from __future__ import annotations

import json
import os
import platform
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "tests" / "nlp" / "corpus"
SLICES = ("dev.jsonl", "untouched.jsonl")
OUT = REPO / "benchmarks" / "results" / "nlp_speed.json"
MIN_CHARS = 2_000_000
TARGET_CHARS_PER_S = 50_000
TARGET_LOAD_S = 2.0


def main() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    t0 = time.perf_counter()
    from oceanbrain.nlp.evaluate import load_jsonl, measure_speed
    from oceanbrain.nlp.gazetteer import Gazetteer
    from oceanbrain.nlp.pipeline import build_pipeline

    import_s = time.perf_counter() - t0
    loads = []
    for _ in range(3):
        t = time.perf_counter()
        nlp = build_pipeline(Gazetteer.from_canonical(REPO / "data"))
        loads.append(time.perf_counter() - t)
    texts = [p["text"] for name in SLICES for p in load_jsonl(CORPUS / name)]
    speed = measure_speed(nlp, texts, MIN_CHARS)
    # the same run without the learned type model (retype.py): what that model costs
    baseline = build_pipeline(Gazetteer.from_canonical(REPO / "data"), types=False)
    without_types = measure_speed(baseline, texts, MIN_CHARS)
    result = {
        "chars": int(speed["chars"]),
        "seconds": round(speed["seconds"], 3),
        "cpu_seconds": round(speed["cpu_seconds"], 3),
        "chars_per_second": round(speed["chars_per_cpu_second"]),
        "wall_chars_per_second": round(speed["chars_per_second"]),
        "without_type_model_chars_per_second": round(without_types["chars_per_cpu_second"]),
        "type_model_speed_ratio": round(
            speed["chars_per_cpu_second"] / without_types["chars_per_cpu_second"], 3
        ),
        "load_average_1min": round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else None,
        "load_seconds": round(min(loads), 4),
        "import_seconds": round(import_s, 3),
        "gazetteer_forms": len(nlp.get_pipe("ob_entities").lookup),
        "cpus": sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "python": platform.python_version(),
        "targets": {"chars_per_second": TARGET_CHARS_PER_S, "load_seconds": TARGET_LOAD_S},
        "meets_targets": speed["chars_per_second"] >= TARGET_CHARS_PER_S
        and min(loads) < TARGET_LOAD_S,
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(
        f"NLP: {result['chars_per_second']:,} chars per CPU-second on one core "
        f"({result['chars']:,} chars in {result['cpu_seconds']} CPU s; wall "
        f"{result['wall_chars_per_second']:,} chars/s at load {result['load_average_1min']}); "
        f"pipeline load {result['load_seconds']} s (imports {result['import_seconds']} s); "
        f"without the type model {result['without_type_model_chars_per_second']:,} chars per "
        f"CPU-second in the same run (ratio {result['type_model_speed_ratio']})"
    )
    print(f"wrote {OUT.relative_to(REPO)}")


if __name__ == "__main__":
    main()

"""The file format of the learned models (``edges.py``, ``persons.py``): one JSON object with the
training ``meta``, the model's settings and its weights rounded to five decimals (zeros dropped),
written compactly with one key per line so that retraining gives readable diffs."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any


def write_weights(
    path: Path, meta: Mapping[str, Any], settings: Mapping[str, Any], weights: Any
) -> None:
    """``weights``: feature → weight, or label → (feature → weight)."""
    data = {"meta": dict(meta), **settings, "weights": _rounded(weights)}
    text = json.dumps(data, ensure_ascii=False, indent=0, separators=(",", ":"))
    path.write_text(text + "\n", encoding="utf-8")


def _rounded(weights: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in sorted(weights.items()):
        if isinstance(v, Mapping):
            out[k] = _rounded(v)
        elif r := round(v, 5):
            out[k] = r
    return out

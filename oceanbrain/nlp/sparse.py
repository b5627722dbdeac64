"""The sparse design the logistic models (``persons.py``, ``retype.py``) fit on: one row per
example, one column per feature name, a ``bias`` column first."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any


def design(feature_lists: Iterable[Sequence[str]]) -> tuple[list[str], Any, Any]:
    """Feature names (``bias`` first) and the row and column of every (example, feature) pair,
    each feature counted once per example, as two numpy index arrays."""
    import numpy as np

    index: dict[str, int] = {"bias": 0}
    rows, cols = [], []
    for n, feats in enumerate(feature_lists):
        for f in ["bias", *dict.fromkeys(feats)]:
            rows.append(n)
            cols.append(index.setdefault(f, len(index)))
    return list(index), np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64)

"""Saved analyst queries (``queries/*.cypher``); the loader lives in :mod:`oceanbrain.graph.saved`.

Re-exported here so the dashboard finds every analysis entry point in one package.
"""

from oceanbrain.graph.saved import (
    SavedParam,
    SavedQuery,
    get_saved,
    list_saved,
    queries_dir,
    run_saved,
)

__all__ = ["SavedParam", "SavedQuery", "get_saved", "list_saved", "queries_dir", "run_saved"]

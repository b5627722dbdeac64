"""Chain gap analysis: segment metrics for a scope, 缺链/弱链/强链 verdicts and 断链 risks."""

from oceanbrain.graph.analysis.gaps import (
    GapReport,
    GapThresholds,
    Scope,
    SegmentVerdict,
    SupplyRisk,
    analyse_chain,
    resolve_chain,
    resolve_scope,
)

__all__ = [
    "GapReport",
    "GapThresholds",
    "Scope",
    "SegmentVerdict",
    "SupplyRisk",
    "analyse_chain",
    "resolve_chain",
    "resolve_scope",
]

"""招商线索: rank firms outside a scope that would fill its gap segments, with reasons.

Score = w_fit·fit + w_strength·strength + w_ties·ties + w_recency·recency, each component in
[0, 1] and shown with the lead (weights are settings, docs/gap-analysis.md):
- fit: confidence of the firm's link to the gap segment;
- strength: chain leader 0.4, 高新技术 0.2, 专精特新 0.1, registered capital up to 0.3
  (log scale, 1亿元 ≈ 0.24, 100亿元 = 0.3);
- ties: local customers it supplies and local partners it cooperates with (3 or more = 1);
- recency: a project in the scope signed since the cut-off date.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from oceanbrain import settings
from oceanbrain.graph.analysis import queries as q
from oceanbrain.graph.analysis.gaps import GapReport
from oceanbrain.graph.store import GraphStore


@dataclass(frozen=True)
class TargetWeights:
    fit: float = 0.35
    strength: float = 0.30
    ties: float = 0.25
    recency: float = 0.10

    @classmethod
    def from_settings(cls) -> TargetWeights:
        return cls(
            *(
                settings.get_number(f"target_weight_{n}")
                for n in ("fit", "strength", "ties", "recency")
            )
        )


@dataclass
class Lead:
    firm_id: str
    name: str
    location: str
    segment: str
    segment_name: str
    gap: str  # 缺链 / 弱链
    score: float
    components: dict[str, float]
    reason_zh: str
    evidence: dict[str, list[str]] = field(default_factory=dict)

    def row(self) -> dict[str, Any]:
        return {
            "firm_id": self.firm_id,
            "name": self.name,
            "location": self.location,
            "segment": self.segment,
            "segment_name": self.segment_name,
            "gap": self.gap,
            "score": round(self.score, 4),
            **{k: round(v, 4) for k, v in self.components.items()},
            "reason_zh": self.reason_zh,
        }


def strength(row: dict[str, Any]) -> float:
    capital = float(row.get("capital_cny") or 0.0)
    capital_part = 0.3 * min(1.0, math.log10(capital) / 10) if capital > 1 else 0.0
    return (
        (0.4 if row.get("role") == "链主" else 0.0)
        + (0.2 if row.get("high_tech") else 0.0)
        + (0.1 if row.get("specialised") else 0.0)
        + capital_part
    )


def recommend_targets(
    store: GraphStore,
    report: GapReport,
    *,
    top: int = 50,
    since: str = "2023-01-01",
    weights: TargetWeights | None = None,
) -> list[Lead]:
    """Leads for the missing and weak segments of ``report``, best first."""
    w = weights or TargetWeights.from_settings()
    gaps = {s.segment: s for s in report.segments if s.verdict in ("missing", "weak")}
    if not gaps:
        return []
    params = report.scope.params()
    kind = report.scope.kind
    segments = sorted(gaps)
    # Firms of the scope are never leads; in a gap segment they are that segment's evidence.
    local = {i for g in gaps.values() for i in g.evidence["firm_ids"]}
    pool: dict[tuple[str, str], dict[str, Any]] = {}

    def keep(rows: list[dict[str, Any]]) -> None:
        for r in rows:
            if r["firm_id"] not in local:
                pool.setdefault((r["firm_id"], r["segment"]), r)

    # Leads without ties score their base (fit and strength) exactly: the best top+|local| by
    # base, plus every firm with a tie or a recent project, contain the true top leads.
    keep(
        store.read(
            q.TARGET_TOP, segments=segments, k=top + len(local), w_fit=w.fit, w_strength=w.strength
        )
    )
    ties: dict[str, dict[str, list[str]]] = {}
    for r in store.read(q.target_supply_ties(kind), segments=segments, **params):
        ties.setdefault(r["firm_id"], {})["customers"] = r["customers"]
        keep([r])
    for r in store.read(q.target_partner_ties(kind), segments=segments, **params):
        ties.setdefault(r["firm_id"], {})["partners"] = r["partners"]
        keep([r])
    projects: dict[str, list[str]] = {
        r["firm_id"]: r["projects"]
        for r in store.read(q.target_projects(kind), since=since, **params)
        if r["firm_id"] not in local
    }
    if projects:
        keep(store.read(q.TARGET_BY_IDS, ids=sorted(projects), segments=segments))
    candidates = [pool[key] for key in sorted(pool)]
    leads = []
    for row in candidates:
        tie = ties.get(row["firm_id"], {})
        customers = sorted(c for c in tie.get("customers", []) if c)
        partners = sorted(p for p in tie.get("partners", []) if p)
        recent = sorted(projects.get(row["firm_id"], []))
        components = {
            "fit": float(row["fit"]),
            "strength": strength(row),
            "ties": min(1.0, (len(customers) + len(partners)) / 3),
            "recency": 1.0 if recent else 0.0,
        }
        score = (
            w.fit * components["fit"]
            + w.strength * components["strength"]
            + w.ties * components["ties"]
            + w.recency * components["recency"]
        )
        gap = gaps[row["segment"]]
        leads.append(
            Lead(
                row["firm_id"],
                row["name"],
                row.get("city") or row.get("province") or "",
                row["segment"],
                gap.name_zh,
                gap.verdict_zh,
                score,
                components,
                reason(
                    row,
                    gap.name_zh,
                    gap.verdict_zh,
                    gap.metrics["firms"],
                    report.scope.name,
                    customers,
                    partners,
                    recent,
                ),
                {"customers": customers, "partners": partners, "projects": recent},
            )
        )
    leads.sort(key=lambda lead: (-lead.score, lead.firm_id, lead.segment))
    return leads[:top]


def reason(
    row: dict[str, Any],
    segment: str,
    gap: str,
    local_firms: int,
    scope: str,
    customers: list[str],
    partners: list[str],
    projects: list[str],
) -> str:
    """One short Chinese sentence a person can check against the evidence."""
    where = "无同类企业" if local_firms == 0 else f"仅{local_firms}家同类企业"
    parts = [f"{segment}为{scope}{gap}（{where}）"]
    if customers:
        parts.append(f"已为本地{len(customers)}家企业供货")
    if partners:
        parts.append(f"与本地{len(partners)}家单位合作")
    if projects:
        parts.append(f"近期在{scope}有{len(projects)}个项目")
    labels = [
        t
        for t, on in (
            ("链主企业", row.get("role") == "链主"),
            ("高新技术企业", row.get("high_tech")),
            ("专精特新企业", row.get("specialised")),
        )
        if on
    ]
    if labels:
        parts.append("、".join(labels))
    return "；".join(parts)

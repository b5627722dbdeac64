"""Gap analysis for one chain in one scope: metrics, verdicts and supply risks, with evidence.

The rule (docs/gap-analysis.md) in short, every threshold a setting:
- 缺链 missing: local firms in the segment ≤ ``missing_max_firms``;
- 弱链 weak: fewer than ``weak_min_firms`` local firms, or no chain leader while the segment's
  location quotient (its share of the scope's chain firms over its share nationally) is below
  ``weak_max_lq``;
- 强链 strong: otherwise.
断链 risks come from the supply graph: a local segment whose upstream segment has no local firm;
local customers whose known suppliers in a segment are all outside the scope, or one firm, or
concentrated (HHI ≥ ``concentration_hhi``); and segments that are articulation points of the
scope's chain (removing one splits what is left).
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from oceanbrain import settings
from oceanbrain.errors import QueryError
from oceanbrain.graph.analysis import queries as q
from oceanbrain.graph.store import GraphStore

STAGE_ORDER = {"upstream": 0, "midstream": 1, "downstream": 2}
VERDICT_ZH = {"missing": "缺链", "weak": "弱链", "strong": "强链"}
SCOPE_ALIASES = {"青岛": "青岛市", "Qingdao": "青岛市", "qingdao": "青岛市"}


@dataclass(frozen=True)
class Scope:
    kind: str  # "region" or "park"
    id: str
    name: str
    # A region scope's region ids (its own and every region below it), as resolve_scope found
    # them; empty when the Scope was built by hand (then analyse_chain looks them up).
    region_ids: tuple[str, ...] = ()

    def params(self) -> dict[str, str]:
        return {"scope_id": self.id, "prefix": self.id + "/"}


def scope_region_ids(store: GraphStore, scope: Scope) -> list[str]:
    """The ids of the regions a region scope covers (none for a park scope)."""
    if scope.kind != "region":
        return []
    if scope.region_ids:
        return list(scope.region_ids)
    return [str(r["id"]) for r in store.read(q.SCOPE_REGION_IDS, **scope.params())]


def resolve_scope(store: GraphStore, name: str) -> Scope:
    """A region (青岛, 青岛市, 崂山区 …) or a park (青岛蓝谷 …) by name, alias or id."""
    wanted = SCOPE_ALIASES.get(name, name)
    regions = store.read(q.FIND_REGION, name=wanted)
    if len(regions) == 1:
        found = Scope("region", regions[0]["id"], regions[0]["name"])
        below = store.read(q.SCOPE_REGION_IDS, **found.params())
        return Scope("region", found.id, found.name, tuple(str(r["id"]) for r in below))
    parks = store.read(q.FIND_PARK, name=name)
    if len(parks) == 1 and not regions:
        return Scope("park", parks[0]["id"], parks[0]["name"])
    if len(regions) + len(parks) > 1:
        ids = ", ".join(r["id"] for r in regions + parks)
        raise QueryError(f"scope {name!r} is ambiguous ({ids}); pass one of these ids instead")
    raise QueryError(
        f"no region or park named {name!r} in the graph; try 青岛, a district such as 崂山区, "
        "or a park such as 青岛蓝谷"
    )


def resolve_chain(store: GraphStore, name: str) -> str:
    """A chain id from its id or its Chinese or English name (海洋人工智能 → marine_ai)."""
    rows = store.read(q.FIND_CHAIN, name=name)
    if len(rows) == 1:
        return str(rows[0]["id"])
    known = ", ".join(f"{r['id']} ({r['name_zh']})" for r in store.read(q.FIND_CHAIN_ALL))
    raise QueryError(f"no chain named {name!r}; known chains: {known or 'none loaded'}")


@dataclass(frozen=True)
class GapThresholds:
    missing_max_firms: int = 0
    weak_min_firms: int = 3
    weak_max_lq: float = 0.8
    concentration_hhi: float = 0.5

    @classmethod
    def from_settings(cls) -> GapThresholds:
        return cls(
            missing_max_firms=int(settings.get_number("gap_missing_max_firms")),
            weak_min_firms=int(settings.get_number("gap_weak_min_firms")),
            weak_max_lq=settings.get_number("gap_weak_max_lq"),
            concentration_hhi=settings.get_number("gap_concentration_hhi"),
        )


@dataclass
class SegmentVerdict:
    segment: str
    name_zh: str
    name_en: str
    stage: str
    verdict: str  # missing / weak / strong
    reasons_zh: list[str]
    metrics: dict[str, Any]
    evidence: dict[str, list[str]]

    @property
    def verdict_zh(self) -> str:
        return VERDICT_ZH[self.verdict]


@dataclass
class SupplyRisk:
    kind: str  # upstream_missing / outside_only / single_supplier / concentrated / articulation
    customer_segment: str
    supplier_segment: str | None
    reason_zh: str
    hhi: float | None = None
    evidence: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class GapReport:
    scope: Scope
    chain: str
    thresholds: GapThresholds
    segments: list[SegmentVerdict]
    risks: list[SupplyRisk]

    def verdicts(self) -> dict[str, str]:
        return {s.segment: s.verdict for s in self.segments}

    def table(self) -> list[dict[str, Any]]:
        """One flat row per segment, for tables, CSV and Excel."""
        risky = defaultdict(list)
        for risk in self.risks:
            risky[risk.customer_segment].append(risk.kind)
        return [
            {
                "segment": s.segment,
                "name_zh": s.name_zh,
                "stage": s.stage,
                "verdict": s.verdict,
                "verdict_zh": s.verdict_zh,
                **{k: v for k, v in s.metrics.items()},
                "risks": ",".join(sorted(set(risky[s.segment]))),
                "reasons_zh": "；".join(s.reasons_zh),
            }
            for s in self.segments
        ]


def _by_segment(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {row["segment"]: row for row in rows}


def analyse_chain(
    store: GraphStore, chain: str, scope: Scope, thresholds: GapThresholds | None = None
) -> GapReport:
    """Metrics, verdicts and risks for every segment of ``chain`` in ``scope``."""
    limits = thresholds or GapThresholds.from_settings()
    params = {"chain": chain, **scope.params()}
    segments = store.read(q.SEGMENTS, chain=chain)
    if not segments:
        raise QueryError(f"chain {chain!r} has no segments in the graph; load data/chains first")
    region_ids = scope_region_ids(store, scope)
    national = _by_segment(store.read(q.ALL_FIRMS, chain=chain))
    firms = _by_segment(store.read(q.firm_metrics(scope.kind), region_ids=region_ids, **params))
    institutions = _by_segment(store.read(q.institution_metrics(scope.kind), **params))
    talent = _by_segment(store.read(q.talent_metrics(scope.kind), **params))
    projects = _by_segment(store.read(q.project_metrics(scope.kind), **params))

    local_total = sum(int(r["firms"]) for r in firms.values())
    national_total = sum(int(r["firms"]) for r in national.values())
    verdicts = []
    for seg in segments:
        sid = seg["segment"]
        f = firms.get(sid, {})
        n_local = int(f.get("firms", 0))
        n_national = int(national.get(sid, {}).get("firms", 0))
        lq = _location_quotient(n_local, local_total, n_national, national_total)
        metrics = {
            "firms": n_local,
            "leaders": int(f.get("leaders", 0)),
            "high_tech": int(f.get("high_tech", 0)),
            "specialised": int(f.get("specialised", 0)),
            "capital_cny": math.fsum(float(c) for c in f.get("capitals", [])),
            "insured_employees": int(f.get("insured_employees", 0)),
            "institutions": int(institutions.get(sid, {}).get("institutions", 0)),
            "talent": int(talent.get(sid, {}).get("talent", 0)),
            "projects": int(projects.get(sid, {}).get("projects", 0)),
            "project_cny": float(projects.get(sid, {}).get("project_cny", 0.0)),
            "national_firms": n_national,
            "share_of_national": round(n_local / n_national, 4) if n_national else None,
            "location_quotient": round(lq, 3) if lq is not None else None,
        }
        verdict, reasons = classify(metrics, limits)
        evidence = {
            "firm_ids": sorted(f.get("firm_ids", [])),
            "leader_ids": sorted(i for i in f.get("leader_ids", []) if i),
            "institution_ids": sorted(institutions.get(sid, {}).get("institution_ids", [])),
            "person_ids": sorted(talent.get(sid, {}).get("person_ids", [])),
            "project_ids": sorted(projects.get(sid, {}).get("project_ids", [])),
        }
        verdicts.append(
            SegmentVerdict(
                sid,
                seg["name_zh"],
                seg["name_en"],
                seg["stage"],
                verdict,
                reasons,
                metrics,
                evidence,
            )
        )
    verdicts.sort(key=lambda v: (STAGE_ORDER.get(v.stage, 9), v.segment))
    feeds = [(r["supplier"], r["customer"]) for r in store.read(q.FEEDS, chain=chain)]
    feeds_into = {(r["supplier"], r["customer"]) for r in store.read(q.FEEDS_INTO, chain=chain)}
    upstream: dict[str, list[str]] = defaultdict(list)
    for supplier, customer in sorted(feeds_into):
        upstream[customer].append(supplier)
    local_firms = [
        {"segment": sid, "ids": sorted(row["firm_ids"]), "upstream": upstream[sid]}
        for sid, row in sorted(firms.items())
        if upstream.get(sid)
    ]
    suppliers = (
        group_suppliers(
            store.read(
                q.known_suppliers(scope.kind),
                rows=local_firms,
                region_ids=region_ids,
                **scope.params(),
            )
        )
        if local_firms
        else []
    )
    risks = supply_risks(verdicts, feeds, suppliers, limits, feeds_into)
    return GapReport(scope, chain, limits, verdicts, risks)


def group_suppliers(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Raw (customer segment, supplier segment, supplier, customer, local) rows → one row per
    (customer segment, supplier segment, supplier) with ``local``, ``customers`` and
    ``customer_ids``, the shape :func:`firm_level_risks` takes."""
    groups: dict[tuple[str, str, str], tuple[set[str], list[int]]] = {}
    for r in rows:
        key = (r["customer_segment"], r["supplier_segment"], r["supplier"])
        customers, local = groups.setdefault(key, (set(), [0]))
        customers.add(r["customer"])
        if r["local"]:
            local[0] = 1
    return [
        {
            "customer_segment": cs,
            "supplier_segment": us,
            "supplier": supplier,
            "local": local[0],
            "customers": len(customers),
            "customer_ids": sorted(customers),
        }
        for (cs, us, supplier), (customers, local) in sorted(groups.items())
    ]


def _location_quotient(
    local: int, local_total: int, national: int, national_total: int
) -> float | None:
    if not (local_total and national and national_total):
        return None
    return (local / local_total) / (national / national_total)


def classify(metrics: dict[str, Any], limits: GapThresholds) -> tuple[str, list[str]]:
    """The verdict for one segment and the reasons, in Chinese, with the numbers behind them."""
    firms, leaders, lq = metrics["firms"], metrics["leaders"], metrics["location_quotient"]
    if firms <= limits.missing_max_firms:
        return "missing", [f"本地企业{firms}家，不超过缺链阈值{limits.missing_max_firms}家"]
    if firms < limits.weak_min_firms:
        return "weak", [f"本地企业仅{firms}家，少于弱链阈值{limits.weak_min_firms}家"]
    if leaders == 0 and lq is not None and lq < limits.weak_max_lq:
        return "weak", [f"无链主企业，区位熵{lq:.2f}低于{limits.weak_max_lq}"]
    reasons = [f"本地企业{firms}家"]
    if leaders:
        reasons.append(f"链主企业{leaders}家")
    if lq is not None:
        reasons.append(f"区位熵{lq:.2f}")
    return "strong", reasons


def supply_risks(
    verdicts: list[SegmentVerdict],
    feeds: list[tuple[str, str]],
    suppliers: list[dict[str, Any]],
    limits: GapThresholds,
    feeds_into: set[tuple[str, str]] | None = None,
) -> list[SupplyRisk]:
    """``feeds_into``: every FEEDS edge into the chain, other chains' segments too (default
    ``feeds``); known suppliers count only along one of them."""
    by_id = {v.segment: v for v in verdicts}
    present = {v.segment for v in verdicts if v.metrics["firms"] > limits.missing_max_firms}
    risks = []
    for upstream, downstream in sorted(feeds):
        if downstream in present and upstream in by_id and upstream not in present:
            d, u = by_id[downstream], by_id[upstream]
            risks.append(
                SupplyRisk(
                    "upstream_missing",
                    downstream,
                    upstream,
                    f"本地{d.name_zh}有{d.metrics['firms']}家企业，上游{u.name_zh}本地无企业，"
                    "依赖区外供应",
                    evidence={"firm_ids": d.evidence["firm_ids"]},
                )
            )
    risks.extend(firm_level_risks(by_id, suppliers, limits, feeds_into or set(feeds)))
    for segment in sorted(articulation_points(present, feeds)):
        v = by_id[segment]
        risks.append(
            SupplyRisk(
                "articulation",
                segment,
                None,
                f"{v.name_zh}是本地产业链的关键节点：缺了它，本地链条会断开",
                evidence={"firm_ids": v.evidence["firm_ids"]},
            )
        )
    return risks


def firm_level_risks(
    by_id: dict[str, SegmentVerdict],
    suppliers: list[dict[str, Any]],
    limits: GapThresholds,
    feeds: set[tuple[str, str]],
) -> list[SupplyRisk]:
    """Known firm-to-firm supply links: outside-only, single-supplier and concentrated inputs."""
    groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for row in suppliers:
        if (row["supplier_segment"], row["customer_segment"]) in feeds:
            groups[(row["customer_segment"], row["supplier_segment"])].append(row)
    risks = []
    for (customer, supplier), rows in sorted(groups.items()):
        weights = [int(r["customers"]) for r in rows]
        total = sum(weights)
        hhi = sum((w / total) ** 2 for w in weights) if total else None
        evidence = {
            "supplier_ids": sorted(r["supplier"] for r in rows),
            "customer_ids": sorted({c for r in rows for c in r["customer_ids"]}),
        }
        cname = by_id[customer].name_zh if customer in by_id else customer
        sname = by_id[supplier].name_zh if supplier in by_id else supplier
        n_customers = len(evidence["customer_ids"])
        if len(rows) == 1:
            kind, reason = (
                "single_supplier",
                (f"本地{n_customers}家{cname}企业的{sname}只有1家已知供应商"),
            )
        elif not any(int(r["local"]) for r in rows):
            kind, reason = (
                "outside_only",
                (f"本地{n_customers}家{cname}企业的{len(rows)}家{sname}供应商全部在区外"),
            )
        elif hhi is not None and hhi >= limits.concentration_hhi:
            kind, reason = "concentrated", f"{cname}的{sname}供应集中度HHI={hhi:.2f}"
        else:
            continue
        risks.append(SupplyRisk(kind, customer, supplier, reason, hhi, evidence))
    return risks


def articulation_points(nodes: set[str], edges: list[tuple[str, str]]) -> set[str]:
    """Segments whose removal disconnects the undirected supply graph among ``nodes`` (Tarjan)."""
    adjacency: dict[str, set[str]] = {n: set() for n in nodes}
    for a, b in edges:
        if a in nodes and b in nodes and a != b:
            adjacency[a].add(b)
            adjacency[b].add(a)
    order: dict[str, int] = {}
    low: dict[str, int] = {}
    points: set[str] = set()

    def visit(node: str, parent: str | None) -> None:
        order[node] = low[node] = len(order)
        children = 0
        for nxt in sorted(adjacency[node]):
            if nxt not in order:
                children += 1
                visit(nxt, node)
                low[node] = min(low[node], low[nxt])
                if parent is not None and low[nxt] >= order[node]:
                    points.add(node)
            elif nxt != parent:
                low[node] = min(low[node], order[nxt])
        if parent is None and children > 1:
            points.add(node)

    for node in sorted(nodes):
        if node not in order:
            visit(node, None)
    return points

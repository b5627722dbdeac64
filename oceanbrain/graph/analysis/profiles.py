"""Park and firm profiles (园区画像 / 企业画像): what the graph knows about one park or one firm.

Park: the firms, institutions and projects in the park by chain and segment, set against the
chains the park declares as its focus (``FOCUSES_ON``), with the coverage of each focus chain
(segments with at least one firm in the park / segments of the chain).

Firm: its segments (with confidence and evidence), suppliers and customers (``SUPPLIES`` in and
out), parks, regions, projects, people, products, partners, the Source nodes it was read from,
and a capped 1–2 hop neighbourhood for a graph view.

Names are matched exactly against id, name and aliases; an unknown or ambiguous name raises
:class:`~oceanbrain.errors.QueryError` listing close matches.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any

from oceanbrain.errors import QueryError
from oceanbrain.graph.store import GraphStore, Row

NEIGHBOURHOOD_CAP = 60  # nodes in a firm's graph view

FIND_ENTITY = {
    label: f"""
MATCH (n:{label})
WHERE n.id = $name OR n.name = $name OR $name IN coalesce(n.aliases, [])
RETURN n.id AS id, n.name AS name, coalesce(n.district, n.city, '') AS place
ORDER BY id
"""
    for label in ("Firm", "Park")
}
NAME_CANDIDATES = {
    label: f"""
MATCH (n:{label})
WHERE n.name CONTAINS $part OR $name CONTAINS n.name
   OR size([a IN coalesce(n.aliases, []) WHERE a CONTAINS $part]) > 0
RETURN n.id AS id, n.name AS name
LIMIT 200
"""
    for label in ("Firm", "Park")
}

PARK = """
MATCH (p:Park {id: $id})
OPTIONAL MATCH (p)-[:LOCATED_IN]->(r:Region)
RETURN p.id AS id, p.name AS name, p.name_en AS name_en, coalesce(p.aliases, []) AS aliases,
       p.kind AS kind, p.district AS district, p.area_km2 AS area_km2, p.notes AS notes,
       coalesce(p.sources, []) AS sources, collect(r.name) AS regions
"""
PARK_FOCUS = """
MATCH (p:Park {id: $id})-[:FOCUSES_ON]->(c:Chain)
RETURN c.id AS chain, c.name_zh AS name_zh ORDER BY chain
"""
CHAIN_SEGMENTS = """
MATCH (s:Segment) WHERE s.chain_id IN $chains
RETURN s.id AS segment, s.chain_id AS chain, s.name_zh AS name_zh, s.stage AS stage
"""
PARK_MEMBERS = """
MATCH (x)-[:IN_PARK]->(p:Park {id: $id})
OPTIONAL MATCH (x)-[l:IN_SEGMENT]->(s:Segment)
WHERE coalesce(l.expired, false) = false
RETURN labels(x)[0] AS label, x.id AS id, x.name AS name, x.role AS role,
       collect(s.id) AS segments
ORDER BY label, name
"""
SEGMENT_CHAINS = "MATCH (s:Segment) WHERE s.id IN $ids RETURN DISTINCT s.chain_id AS chain"
CHAIN_NAMES = "MATCH (c:Chain) WHERE c.id IN $chains RETURN c.id AS chain, c.name_zh AS name_zh"

FIRM = """
MATCH (f:Firm {id: $id})
RETURN f.id AS id, f.name AS name, coalesce(f.aliases, []) AS aliases, f.uscc AS uscc,
       f.province AS province, f.city AS city, f.district AS district, f.role AS role,
       coalesce(f.high_tech, false) AS high_tech, coalesce(f.specialised, false) AS specialised,
       f.founded AS founded, f.registered_capital_cny AS registered_capital_cny,
       f.registered_capital_text AS registered_capital_text, f.status AS status,
       f.insured_employees AS insured_employees, f.notes AS notes,
       coalesce(f.synthetic, false) AS synthetic, coalesce(f.sources, []) AS sources
"""
FIRM_SEGMENTS = """
MATCH (f:Firm {id: $id})-[l:IN_SEGMENT]->(s:Segment)
RETURN s.id AS segment, s.name_zh AS name_zh, s.chain_id AS chain, s.stage AS stage,
       coalesce(l.confidence, 1.0) AS confidence, l.evidence AS evidence,
       coalesce(l.needs_review, false) AS needs_review, coalesce(l.expired, false) AS expired
ORDER BY chain, segment
"""
FIRM_SUPPLIERS = """
MATCH (s:Firm)-[r:SUPPLIES]->(f:Firm {id: $id})
RETURN s.id AS id, s.name AS name, s.city AS city, r.product AS product,
       coalesce(r.expired, false) AS expired
ORDER BY name
"""
FIRM_CUSTOMERS = """
MATCH (f:Firm {id: $id})-[r:SUPPLIES]->(c:Firm)
RETURN c.id AS id, c.name AS name, c.city AS city, r.product AS product,
       coalesce(r.expired, false) AS expired
ORDER BY name
"""
FIRM_PLACES = """
MATCH (f:Firm {id: $id})
OPTIONAL MATCH (f)-[:IN_PARK]->(p:Park)
OPTIONAL MATCH (f)-[:LOCATED_IN]->(r:Region)
RETURN collect(DISTINCT p.name) AS parks, collect(DISTINCT r.id) AS regions
"""
FIRM_PROJECTS = """
MATCH (j:Project)-[:INVESTED_BY]->(f:Firm {id: $id})
RETURN j.id AS id, j.name AS name, j.status AS status, j.signed_date AS signed_date,
       j.amount_cny AS amount_cny, j.district AS district
ORDER BY signed_date DESC, name
"""
FIRM_PEOPLE = """
MATCH (p:Person)-[a:AFFILIATED_WITH]->(f:Firm {id: $id})
RETURN p.id AS id, p.name AS name, coalesce(a.role, p.title) AS role
ORDER BY name
"""
FIRM_PRODUCTS = """
MATCH (p:Product)-[:DEVELOPED_BY]->(f:Firm {id: $id})
RETURN p.id AS id, p.name AS name, p.kind AS kind ORDER BY name
"""
FIRM_PARTNERS = """
MATCH (f:Firm {id: $id})-[:COOPERATES_WITH]-(o)
RETURN DISTINCT o.id AS id, o.name AS name, labels(o)[0] AS label ORDER BY name
"""
SOURCES = """
MATCH (s:Source) WHERE s.id IN $ids
RETURN s.id AS id, s.kind AS kind, s.url AS url, s.title AS title, s.retrieved AS retrieved
ORDER BY kind DESC, url
"""
HOP1 = """
MATCH (f:Firm {id: $id})-[r]-(n)
RETURN DISTINCT n.id AS id, labels(n)[0] AS label, coalesce(n.name, n.name_zh, n.url, n.id) AS name,
       type(r) AS type, startNode(r).id AS source, endNode(r).id AS target
ORDER BY label, id
LIMIT $cap
"""
HOP2 = {  # one query per label, so the id lookup uses the label's index
    label: f"""
UNWIND $ids AS nid
MATCH (m:{label} {{id: nid}})-[r]-(n)
WHERE n.id <> $id
RETURN DISTINCT n.id AS id, labels(n)[0] AS label, coalesce(n.name, n.name_zh, n.url, n.id) AS name,
       type(r) AS type, startNode(r).id AS source, endNode(r).id AS target
ORDER BY id
LIMIT $cap
"""
    for label in ("Firm", "Institution", "Person", "Project", "Product")
}


def _match(store: GraphStore, label: str, name_or_id: str) -> Row:
    what = {"Firm": "firm 企业", "Park": "park 园区"}[label]
    rows = store.read(FIND_ENTITY[label], name=name_or_id)
    if len(rows) == 1:
        return rows[0]
    if len(rows) > 1:
        listed = "; ".join(f"{r['id']} ({r['name']}, {r['place']})" for r in rows[:10])
        raise QueryError(
            f"{what} {name_or_id!r} is ambiguous: {len(rows)} match ({listed}); pass an id instead"
        )
    part = name_or_id[:4] if len(name_or_id) > 4 else name_or_id
    candidates = store.read(NAME_CANDIDATES[label], name=name_or_id, part=part)
    names = {r["name"]: r["id"] for r in candidates if r["name"]}
    close = difflib.get_close_matches(name_or_id, list(names), n=5, cutoff=0.3)
    close += [n for n in names if n not in close and name_or_id in n][: 5 - len(close)]
    hint = "; close matches: " + ", ".join(close) if close else ""
    raise QueryError(f"no {what} named {name_or_id!r} (name, alias or id){hint}")


# -- park --------------------------------------------------------------------------------------
@dataclass
class ChainCoverage:
    chain: str
    name_zh: str
    focus: bool  # declared with FOCUSES_ON
    segments: int
    covered: int  # segments with at least one firm in the park
    segment_rows: list[dict[str, Any]]

    @property
    def coverage(self) -> float:
        return round(self.covered / self.segments, 3) if self.segments else 0.0

    def row(self) -> dict[str, Any]:
        return {
            "chain": self.chain,
            "chain_zh": self.name_zh,
            "focus": self.focus,
            "focus_zh": "主导产业链" if self.focus else "非主导",
            "segments": self.segments,
            "covered": self.covered,
            "coverage": self.coverage,
            "missing_zh": "、".join(r["name_zh"] for r in self.segment_rows if not r["firms"]),
        }


@dataclass
class ParkProfile:
    id: str
    name: str
    info: dict[str, Any]
    focus_chains: list[str]
    chains: list[ChainCoverage]
    firms: list[dict[str, Any]]
    institutions: list[dict[str, Any]]
    projects: list[dict[str, Any]]
    sources: list[dict[str, Any]]

    def row(self) -> dict[str, Any]:
        """One summary line (园区 · 主导链 · 企业/机构/项目数 · 覆盖率)."""
        return {
            "id": self.id,
            "name": self.name,
            "district": self.info.get("district"),
            "focus_chains": ",".join(self.focus_chains),
            "firms": len(self.firms),
            "institutions": len(self.institutions),
            "projects": len(self.projects),
            "focus_coverage": {c.chain: c.coverage for c in self.chains if c.focus},
        }

    def coverage_table(self) -> list[dict[str, Any]]:
        return [c.row() for c in self.chains]

    def segment_table(self) -> list[dict[str, Any]]:
        return [
            {"chain": c.chain, "focus": c.focus, **r} for c in self.chains for r in c.segment_rows
        ]

    def to_dict(self) -> dict[str, Any]:
        return {
            **asdict(self),
            "summary": self.row(),
            "coverage": self.coverage_table(),
        }


def park_profile(store: GraphStore, name_or_id: str) -> ParkProfile:
    """The park's members by chain and segment against its declared focus chains."""
    park_id = _match(store, "Park", name_or_id)["id"]
    info = store.read(PARK, id=park_id)[0]
    focus = {r["chain"]: r["name_zh"] for r in store.read(PARK_FOCUS, id=park_id)}
    members = store.read(PARK_MEMBERS, id=park_id)
    by_kind: dict[str, list[dict[str, Any]]] = defaultdict(list)
    counts: dict[tuple[str, str], list[str]] = defaultdict(list)  # (segment, label) → names
    for m in members:
        segments = sorted(s for s in m["segments"] if s)
        by_kind[m["label"]].append(
            {"id": m["id"], "name": m["name"], "role": m["role"], "segments": segments}
        )
        for seg in segments:
            counts[(seg, m["label"])].append(m["name"])
    member_chains = {
        r["chain"] for r in store.read(SEGMENT_CHAINS, ids=sorted({seg for seg, _ in counts}))
    }
    touched = sorted(member_chains - set(focus))  # chains it has members in but does not declare
    seg_rows = store.read(CHAIN_SEGMENTS, chains=sorted(set(focus) | member_chains))
    names = dict(focus)
    names.update({r["chain"]: r["name_zh"] for r in store.read(CHAIN_NAMES, chains=touched)})
    per_chain: dict[str, list[dict[str, Any]]] = defaultdict(list)
    stage = {"upstream": 0, "midstream": 1, "downstream": 2}
    for r in sorted(seg_rows, key=lambda r: (stage.get(r["stage"], 9), r["segment"])):
        firms = counts.get((r["segment"], "Firm"), [])
        per_chain[r["chain"]].append(
            {
                "segment": r["segment"],
                "name_zh": r["name_zh"],
                "stage": r["stage"],
                "firms": len(firms),
                "institutions": len(counts.get((r["segment"], "Institution"), [])),
                "projects": len(counts.get((r["segment"], "Project"), [])),
                "firm_names": sorted(firms),
            }
        )
    chains = [
        ChainCoverage(
            chain,
            names.get(chain, chain),
            chain in focus,
            len(rows),
            sum(1 for r in rows if r["firms"]),
            rows,
        )
        for chain, rows in sorted(per_chain.items(), key=lambda kv: (kv[0] not in focus, kv[0]))
    ]
    for chain in sorted(set(focus) - set(per_chain)):  # a focus chain with no segments loaded
        chains.append(ChainCoverage(chain, focus[chain], True, 0, 0, []))
    return ParkProfile(
        park_id,
        info["name"],
        {k: v for k, v in info.items() if k not in ("id", "name", "sources")},
        sorted(focus),
        chains,
        by_kind.get("Firm", []),
        by_kind.get("Institution", []),
        by_kind.get("Project", []),
        store.read(SOURCES, ids=info["sources"]),
    )


# -- firm --------------------------------------------------------------------------------------
@dataclass
class FirmProfile:
    id: str
    name: str
    info: dict[str, Any]
    segments: list[dict[str, Any]]
    suppliers: list[dict[str, Any]]
    customers: list[dict[str, Any]]
    parks: list[str]
    regions: list[str]
    projects: list[dict[str, Any]]
    people: list[dict[str, Any]]
    products: list[dict[str, Any]]
    partners: list[dict[str, Any]]
    sources: list[dict[str, Any]]
    neighbourhood: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def row(self) -> dict[str, Any]:
        """One summary line for tables."""
        return {
            "id": self.id,
            "name": self.name,
            "location": self.info.get("district") or self.info.get("city") or "",
            "role": self.info.get("role"),
            "segments": "、".join(s["name_zh"] or s["segment"] for s in self.segments),
            "suppliers": len(self.suppliers),
            "customers": len(self.customers),
            "parks": "、".join(self.parks),
            "projects": len(self.projects),
            "sources": len(self.sources),
        }

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "summary": self.row()}


def firm_profile(
    store: GraphStore, name_or_id: str, *, cap: int = NEIGHBOURHOOD_CAP
) -> FirmProfile:
    """Everything the graph holds about one firm, with a capped neighbourhood for a graph view."""
    firm_id = _match(store, "Firm", name_or_id)["id"]
    info = store.read(FIRM, id=firm_id)[0]
    places = store.read(FIRM_PLACES, id=firm_id)[0]
    return FirmProfile(
        firm_id,
        info["name"],
        {k: v for k, v in info.items() if k not in ("id", "name", "sources")},
        store.read(FIRM_SEGMENTS, id=firm_id),
        store.read(FIRM_SUPPLIERS, id=firm_id),
        store.read(FIRM_CUSTOMERS, id=firm_id),
        sorted(p for p in places["parks"] if p),
        sorted(r for r in places["regions"] if r),
        store.read(FIRM_PROJECTS, id=firm_id),
        store.read(FIRM_PEOPLE, id=firm_id),
        store.read(FIRM_PRODUCTS, id=firm_id),
        store.read(FIRM_PARTNERS, id=firm_id),
        store.read(SOURCES, ids=info["sources"]),
        neighbourhood(store, firm_id, info["name"], cap),
    )


def neighbourhood(
    store: GraphStore, node_id: str, name: str, cap: int = NEIGHBOURHOOD_CAP
) -> dict[str, list[dict[str, Any]]]:
    """Nodes and edges up to two hops from ``node_id``, at most ``cap`` nodes.

    The second hop starts only from firms, institutions, people, projects and products: going
    through a segment, region or park would pull in thousands of unrelated firms.
    """
    nodes: dict[str, dict[str, Any]] = {node_id: {"id": node_id, "label": "Firm", "name": name}}
    edges: dict[tuple[str, str, str], dict[str, Any]] = {}

    def add(rows: list[Row]) -> None:
        for r in rows:
            if r["id"] is None:
                continue
            if r["id"] not in nodes and len(nodes) >= cap:
                continue
            nodes.setdefault(r["id"], {"id": r["id"], "label": r["label"], "name": r["name"]})
            if r["source"] in nodes and r["target"] in nodes:
                key = (r["source"], r["type"], r["target"])
                edges[key] = {"source": r["source"], "target": r["target"], "type": r["type"]}

    first = store.read(HOP1, id=node_id, cap=cap * 3)
    add(first)
    expand: dict[str, set[str]] = defaultdict(set)
    for r in first:
        if r["id"] in nodes and r["label"] in HOP2:
            expand[r["label"]].add(r["id"])
    for label, ids in sorted(expand.items()):
        if len(nodes) >= cap:
            break
        add(store.read(HOP2[label], ids=sorted(ids), id=node_id, cap=cap * 3))
    return {"nodes": list(nodes.values()), "edges": list(edges.values())}

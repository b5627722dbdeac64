"""Small read helpers the dashboards need: choices, drill-down, overview and page tables.

Every query the dashboard pages run that is not a domain analysis lives here, so that
``oceanbrain/dashboards`` holds no Cypher. Each helper returns plain rows (dicts of str, int,
float, list) that pandas and ``st.cache_data`` handle as they are.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from oceanbrain import settings
from oceanbrain.graph.analysis import queries as q
from oceanbrain.graph.store import GraphStore

QINGDAO = "region:中国/山东省/青岛市"

LATEST_RUN = """
MATCH (r:IngestRun)
RETURN r.id AS id, r.started_at AS started_at, r.finished_at AS finished_at,
       r.status AS status, r.counts AS counts
ORDER BY started_at DESC LIMIT 1
"""

SEGMENTS_ALL = """
MATCH (s:Segment)
RETURN s.chain_id AS chain, s.id AS segment, s.name_zh AS name_zh, s.name_en AS name_en,
       s.stage AS stage
ORDER BY chain, segment
"""

# Local firms per segment of every chain in a region scope or in a park: the part of the
# gap rule that decides 缺链, computed for all chains in one query.
SCOPE_SEGMENT_FIRMS_REGION = """
MATCH (s:Segment)<-[l:IN_SEGMENT]-(f:Firm)-[:LOCATED_IN]->(r:Region)
WHERE coalesce(l.expired, false) = false AND (r.id = $scope_id OR r.id STARTS WITH $prefix)
RETURN s.id AS segment, count(DISTINCT f) AS firms
"""

SCOPE_SEGMENT_FIRMS_PARK = """
MATCH (s:Segment)<-[l:IN_SEGMENT]-(f:Firm)-[:IN_PARK]->(p:Park {id: $scope_id})
WHERE coalesce(l.expired, false) = false
RETURN s.id AS segment, count(DISTINCT f) AS firms
"""

DISTRICT_COUNTS = """
MATCH (n)-[:LOCATED_IN]->(r:Region)
WHERE r.id STARTS WITH $prefix
RETURN r.name AS district, labels(n)[0] AS label, count(n) AS n
"""

PROJECTS = """
MATCH (j:Project)
OPTIONAL MATCH (j)-[:IN_PARK]->(p:Park)
WITH j, collect(DISTINCT p.name) AS parks
OPTIONAL MATCH (j)-[:IN_SEGMENT]->(s:Segment)
WITH j, parks, collect(DISTINCT s.name_zh) AS segments
OPTIONAL MATCH (j)-[:INVESTED_BY]->(inv)
RETURN j.id AS id, j.name AS name, j.status AS status, j.amount_cny AS amount_cny,
       j.signed_date AS signed_date, j.district AS district, parks, segments,
       collect(DISTINCT inv.name) AS investors
ORDER BY signed_date DESC, name
"""

SEGMENT_FEEDS = """
MATCH (a:Segment {chain_id: $chain})-[:FEEDS]->(b:Segment {chain_id: $chain})
RETURN a.id AS supplier, b.id AS customer
ORDER BY supplier, customer
"""


def scope_choices(store: GraphStore) -> list[dict[str, str]]:
    """青岛市 first, then its districts, then the parks: what staff pick a scope from."""
    regions = store.read(q.SCOPE_REGIONS, city=QINGDAO, city_prefix=QINGDAO + "/")
    parks = store.read(q.SCOPE_PARKS)
    return [{"id": r["id"], "name": r["name"], "kind": "region"} for r in regions] + [
        {"id": p["id"], "name": p["name"], "kind": "park"} for p in parks
    ]


def chain_choices(store: GraphStore) -> list[dict[str, str]]:
    return store.read(q.CHAINS)


def firm_evidence(store: GraphStore, ids: list[str]) -> list[dict[str, Any]]:
    """The firms behind a verdict, with the web sources that state them."""
    if not ids:
        return []
    return store.read(q.FIRM_EVIDENCE, ids=ids)


def latest_run(store: GraphStore) -> dict[str, Any] | None:
    """The newest IngestRun (id, started_at, finished_at, status, counts JSON), or None."""
    rows = store.read(LATEST_RUN)
    return rows[0] if rows else None


def chain_feeds(store: GraphStore, chain: str) -> list[dict[str, str]]:
    """The FEEDS edges between a chain's segments (supplier segment → customer segment)."""
    return store.read(SEGMENT_FEEDS, chain=chain)


def chain_completeness(store: GraphStore, scope_kind: str, scope_id: str) -> list[dict[str, Any]]:
    """Per chain in a scope: segments, how many are not 缺链, and the share (0–1).

    A segment counts as present when its local firm count is above the 缺链 threshold
    (``OCEANBRAIN_GAP_MISSING_MAX_FIRMS``), the same rule ``analyse_chain`` applies.
    """
    missing_max = int(settings.get_number("gap_missing_max_firms"))
    query = SCOPE_SEGMENT_FIRMS_PARK if scope_kind == "park" else SCOPE_SEGMENT_FIRMS_REGION
    local = {
        r["segment"]: int(r["firms"])
        for r in store.read(query, scope_id=scope_id, prefix=scope_id + "/")
    }
    chains = {c["id"]: c for c in store.read(q.CHAINS)}
    totals: dict[str, int] = defaultdict(int)
    present: dict[str, int] = defaultdict(int)
    for seg in store.read(SEGMENTS_ALL):
        totals[seg["chain"]] += 1
        if local.get(seg["segment"], 0) > missing_max:
            present[seg["chain"]] += 1
    return [
        {
            "chain": cid,
            "name_zh": chains.get(cid, {}).get("name_zh", cid),
            "name_en": chains.get(cid, {}).get("name_en", cid),
            "segments": totals[cid],
            "present": present[cid],
            "completeness": round(present[cid] / totals[cid], 3) if totals[cid] else 0.0,
        }
        for cid in sorted(totals)
    ]


def district_counts(store: GraphStore, city_id: str = QINGDAO) -> list[dict[str, Any]]:
    """Firms, parks, institutions and projects per district of the city (from LOCATED_IN)."""
    rows = store.read(DISTRICT_COUNTS, prefix=city_id + "/")
    return [
        {"district": r["district"], "label": r["label"], "n": int(r["n"])}
        for r in rows
        if r["label"] in {"Firm", "Park", "Institution", "Project"}
    ]


def projects(store: GraphStore) -> list[dict[str, Any]]:
    """Every project with its status, amount, date, district, parks, segments and investors."""
    return store.read(PROJECTS)


FIRM_FACTS = """
UNWIND $ids AS fid
MATCH (f:Firm {id: fid})
RETURN f.id AS firm_id, f.province AS province, f.city AS city,
       coalesce(f.high_tech, false) AS high_tech, coalesce(f.specialised, false) AS specialised,
       f.registered_capital_cny AS capital_cny, f.insured_employees AS insured_employees
"""


def firm_facts(store: GraphStore, ids: list[str]) -> list[dict[str, Any]]:
    """Province, city, 高新/专精特新 flags and size signals of firms, for lead filters."""
    if not ids:
        return []
    return store.read(FIRM_FACTS, ids=ids)


FIND_FIRMS = """
MATCH (f:Firm) WHERE f.name CONTAINS $text
RETURN f.id AS id, f.name AS name, coalesce(f.district, f.city, '') AS place
ORDER BY size(f.name), name LIMIT $limit
"""

LOCAL_LEADERS = """
MATCH (f:Firm)-[:LOCATED_IN]->(r:Region)
WHERE (r.id = $city OR r.id STARTS WITH $prefix) AND f.role IN ['链主', '骨干']
WITH DISTINCT f, CASE f.role WHEN '链主' THEN 0 ELSE 1 END AS rank
RETURN f.id AS id, f.name AS name, coalesce(f.district, f.city, '') AS place, f.role AS role
ORDER BY rank, name LIMIT $limit
"""

PEOPLE_BY_ORGANISATION = """
MATCH (p:Person)-[:AFFILIATED_WITH]->(o)
RETURN o.id AS id, o.name AS name, labels(o)[0] AS label, count(DISTINCT p) AS people,
       collect(DISTINCT p.name)[0..8] AS examples
ORDER BY people DESC, name LIMIT $limit
"""


def find_firms(store: GraphStore, text: str, limit: int = 50) -> list[dict[str, Any]]:
    """Firms whose name contains ``text`` (shortest names first); empty text: Qingdao's
    chain leaders and backbone firms, a useful start for a profile."""
    if not text.strip():
        return store.read(LOCAL_LEADERS, city=QINGDAO, prefix=QINGDAO + "/", limit=limit)
    return store.read(FIND_FIRMS, text=text.strip(), limit=limit)


def people_by_organisation(store: GraphStore, limit: int = 30) -> list[dict[str, Any]]:
    """Organisations (institutions, firms) by number of affiliated people."""
    return store.read(PEOPLE_BY_ORGANISATION, limit=limit)

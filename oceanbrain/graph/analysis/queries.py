"""The Cypher behind gap analysis, in the subset both engines run.

A scope is a region (its id and every region below it: region ids are name paths, so a prefix
match finds them) or one park. ``member`` builds the pattern and condition that tie a node to
the scope; values always travel as the parameters $scope_id and $prefix.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Member:
    """How node ``var`` belongs to the scope: a pattern to match and a condition on ``tag``."""

    pattern: str
    condition: str


def member(kind: str, var: str, tag: str) -> Member:
    if kind == "region":
        return Member(
            f"({var})-[:LOCATED_IN]->({tag}:Region)",
            f"({tag}.id = $scope_id OR {tag}.id STARTS WITH $prefix)",
        )
    if kind == "park":
        return Member(f"({var})-[:IN_PARK]->({tag}:Park)", f"{tag}.id = $scope_id")
    raise ValueError(f"unknown scope kind {kind!r}")


SEGMENTS = """
MATCH (s:Segment {chain_id: $chain})
RETURN s.id AS segment, s.name_zh AS name_zh, s.name_en AS name_en, s.stage AS stage
ORDER BY segment
"""

FEEDS = """
MATCH (a:Segment {chain_id: $chain})-[:FEEDS]->(b:Segment {chain_id: $chain})
RETURN a.id AS supplier, b.id AS customer
"""

ALL_FIRMS = """
MATCH (s:Segment {chain_id: $chain})<-[l:IN_SEGMENT]-(f:Firm)
WHERE coalesce(l.expired, false) = false
RETURN s.id AS segment, count(DISTINCT f) AS firms
"""

FIND_REGION = """
MATCH (r:Region) WHERE r.name = $name OR r.id = $name
RETURN r.id AS id, r.name AS name, r.level AS level
"""

FIND_CHAIN = """
MATCH (c:Chain) WHERE c.id = $name OR c.name_zh = $name OR c.name_en = $name
RETURN c.id AS id, c.name_zh AS name_zh
"""

FIND_CHAIN_ALL = "MATCH (c:Chain) RETURN c.id AS id, c.name_zh AS name_zh ORDER BY id"

FIND_PARK = """
MATCH (p:Park) WHERE p.name = $name OR p.id = $name OR $name IN coalesce(p.aliases, [])
RETURN p.id AS id, p.name AS name
"""


def firm_metrics(kind: str) -> str:
    m = member(kind, "f", "scope")
    return f"""
MATCH (s:Segment {{chain_id: $chain}})<-[l:IN_SEGMENT]-(f:Firm)
WHERE coalesce(l.expired, false) = false
MATCH {m.pattern} WHERE {m.condition}
WITH DISTINCT s, f
RETURN s.id AS segment, count(f) AS firms,
       sum(CASE WHEN f.role = '链主' THEN 1 ELSE 0 END) AS leaders,
       sum(CASE WHEN f.high_tech = true THEN 1 ELSE 0 END) AS high_tech,
       sum(CASE WHEN f.specialised = true THEN 1 ELSE 0 END) AS specialised,
       sum(coalesce(f.registered_capital_cny, 0.0)) AS capital_cny,
       sum(coalesce(f.insured_employees, 0)) AS insured_employees,
       collect(f.id) AS firm_ids,
       collect(CASE WHEN f.role = '链主' THEN f.id END) AS leader_ids
"""


def institution_metrics(kind: str) -> str:
    m = member(kind, "i", "scope")
    return f"""
MATCH (s:Segment {{chain_id: $chain}})<-[:IN_SEGMENT]-(i:Institution)
MATCH {m.pattern} WHERE {m.condition}
WITH DISTINCT s, i
RETURN s.id AS segment, count(i) AS institutions, collect(i.id) AS institution_ids
"""


def talent_metrics(kind: str) -> str:
    m = member(kind, "org", "scope")
    return f"""
MATCH (s:Segment {{chain_id: $chain}})<-[:EXPERT_IN]-(p:Person)-[:AFFILIATED_WITH]->(org)
MATCH {m.pattern} WHERE {m.condition}
WITH DISTINCT s, p
RETURN s.id AS segment, count(p) AS talent, collect(p.id) AS person_ids
"""


def project_metrics(kind: str) -> str:
    m = member(kind, "j", "scope")
    return f"""
MATCH (s:Segment {{chain_id: $chain}})<-[:IN_SEGMENT]-(j:Project)
MATCH {m.pattern} WHERE {m.condition}
WITH DISTINCT s, j
RETURN s.id AS segment, count(j) AS projects, sum(coalesce(j.amount_cny, 0.0)) AS project_cny,
       collect(j.id) AS project_ids
"""


def known_suppliers(kind: str) -> str:
    """Firm-level suppliers of the scope's firms: one row per (customer segment, supplier firm)."""
    customer = member(kind, "c", "cscope")
    supplier = member(kind, "f", "fscope")
    return f"""
MATCH (cs:Segment {{chain_id: $chain}})<-[:IN_SEGMENT]-(c:Firm)
MATCH {customer.pattern} WHERE {customer.condition}
MATCH (f:Firm)-[sup:SUPPLIES]->(c)
WHERE coalesce(sup.expired, false) = false
MATCH (f)-[:IN_SEGMENT]->(us:Segment)-[:FEEDS]->(cs)
OPTIONAL MATCH {supplier.pattern}
WITH cs, us, f, c,
     max(CASE WHEN {supplier.condition} THEN 1 ELSE 0 END) AS local
RETURN cs.id AS customer_segment, us.id AS supplier_segment, f.id AS supplier,
       max(local) AS local, count(DISTINCT c) AS customers, collect(DISTINCT c.id) AS customer_ids
"""


def target_candidates(kind: str) -> str:
    """Firms in the given segments that are not in the scope, with their strength signals."""
    m = member(kind, "f", "scope")
    return f"""
MATCH (s:Segment)<-[l:IN_SEGMENT]-(f:Firm)
WHERE s.id IN $segments AND coalesce(l.expired, false) = false
OPTIONAL MATCH {m.pattern}
WITH s, l, f, max(CASE WHEN {m.condition} THEN 1 ELSE 0 END) AS local
WHERE local = 0
RETURN s.id AS segment, f.id AS firm_id, f.name AS name, f.city AS city,
       f.province AS province, coalesce(l.confidence, 1.0) AS fit,
       f.role AS role, coalesce(f.high_tech, false) AS high_tech,
       coalesce(f.specialised, false) AS specialised,
       f.registered_capital_cny AS capital_cny, f.insured_employees AS insured_employees
"""


def target_ties(kind: str) -> str:
    """Existing ties of candidate firms into the scope: local customers and partners."""
    customer = member(kind, "c", "cscope")
    partner = member(kind, "p", "pscope")
    return f"""
UNWIND $ids AS fid
MATCH (f:Firm {{id: fid}})
OPTIONAL MATCH (f)-[:SUPPLIES]->(c:Firm)
OPTIONAL MATCH {customer.pattern}
WITH f, c, max(CASE WHEN {customer.condition} THEN 1 ELSE 0 END) AS c_local
WITH f, collect(CASE WHEN c_local = 1 THEN c.name END) AS customers
OPTIONAL MATCH (f)-[:COOPERATES_WITH]-(p)
OPTIONAL MATCH {partner.pattern}
WITH f, customers, p, max(CASE WHEN {partner.condition} THEN 1 ELSE 0 END) AS p_local
RETURN f.id AS firm_id, customers, collect(CASE WHEN p_local = 1 THEN p.name END) AS partners
"""


def target_projects(kind: str) -> str:
    """Projects in the scope invested by candidate firms since a date (recency signal)."""
    m = member(kind, "j", "scope")
    return f"""
UNWIND $ids AS fid
MATCH (j:Project)-[:INVESTED_BY]->(f:Firm {{id: fid}})
MATCH {m.pattern} WHERE {m.condition} AND coalesce(j.signed_date, '') >= $since
RETURN f.id AS firm_id, collect(DISTINCT j.name) AS projects
"""


SCOPE_REGIONS = """
MATCH (r:Region) WHERE r.id = $city OR r.id STARTS WITH $city_prefix
RETURN r.id AS id, r.name AS name, r.level AS level ORDER BY id
"""

SCOPE_PARKS = "MATCH (p:Park) RETURN p.id AS id, p.name AS name ORDER BY name"

CHAINS = "MATCH (c:Chain) RETURN c.id AS id, c.name_zh AS name_zh, c.name_en AS name_en ORDER BY id"

FIRM_EVIDENCE = """
UNWIND $ids AS fid
MATCH (f:Firm {id: fid})
OPTIONAL MATCH (s:Source) WHERE s.id IN f.sources AND s.kind = 'web'
RETURN f.id AS id, f.name AS name, f.district AS district, f.city AS city, f.role AS role,
       collect(s.url) AS source_urls
ORDER BY name
"""

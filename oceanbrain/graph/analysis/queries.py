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

FEEDS_INTO = """
MATCH (a:Segment)-[:FEEDS]->(b:Segment {chain_id: $chain})
RETURN a.id AS supplier, b.id AS customer
"""

# Plain count: upsert MERGEs IN_SEGMENT by its endpoints, so a firm has at most one per segment
# (count(DISTINCT f) cost FalkorDB half of this query at 10^5 firms).
ALL_FIRMS = """
MATCH (s:Segment {chain_id: $chain})<-[l:IN_SEGMENT]-(f:Firm)
WHERE coalesce(l.expired, false) = false
RETURN s.id AS segment, count(f) AS firms
"""

SCOPE_REGION_IDS = """
MATCH (r:Region) WHERE r.id = $scope_id OR r.id STARTS WITH $prefix
RETURN r.id AS id ORDER BY id
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


def scope_firms(kind: str) -> str:
    """The scope's firms, found from the scope's few Region (or Park) nodes.

    Walking in from the regions touches only the scope's firms; walking out from the chain's
    segments (as the other metrics do) would test the location of every firm in the country.
    The ``WITH`` keeps both planners starting at the regions. A region scope takes its region
    ids as ``$region_ids`` (the scope's region and every region below it, see
    gaps.scope_region_ids). A firm placed in two of the scope's regions comes twice: the
    caller's ``WITH DISTINCT s, f`` folds it.
    """
    if kind == "region":
        return """
MATCH (scope:Region) WHERE scope.id IN $region_ids
WITH scope
MATCH (f:Firm)-[:LOCATED_IN]->(scope)"""
    if kind == "park":
        return """
MATCH (scope:Park {id: $scope_id})
WITH scope
MATCH (f:Firm)-[:IN_PARK]->(scope)"""
    raise ValueError(f"unknown scope kind {kind!r}")


def firm_metrics(kind: str) -> str:
    """Per segment: the scope's firms and their counts; ``capitals`` the caller sums exactly
    (math.fsum), so the total does not depend on the order either engine walks the firms in."""
    return f"""{scope_firms(kind)}
MATCH (f)-[l:IN_SEGMENT]->(s)
WHERE s.chain_id = $chain AND coalesce(l.expired, false) = false
WITH DISTINCT s, f
RETURN s.id AS segment, count(f) AS firms,
       sum(CASE WHEN f.role = '链主' THEN 1 ELSE 0 END) AS leaders,
       sum(CASE WHEN f.high_tech = true THEN 1 ELSE 0 END) AS high_tech,
       sum(CASE WHEN f.specialised = true THEN 1 ELSE 0 END) AS specialised,
       collect(coalesce(f.registered_capital_cny, 0.0)) AS capitals,
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
    """Firm-level suppliers of the scope's firms: one raw row per (customer, supplier, segment).

    ``$rows`` are ``{segment, ids, upstream}``: the scope's firms per segment, as
    :func:`firm_metrics` found them (so the chain's firms are not walked a second time), and the
    segments that FEED that segment; only segments with such an upstream need be sent. Supplier
    segments off a FEEDS edge are dropped here, before the location test (matching
    ``(us)-[:FEEDS]->(cs)`` instead made FalkorDB expand every firm of the upstream segment).
    ``local`` is 1 when the supplier is in the scope; the caller groups the rows (grouping in
    Cypher cost FalkorDB more than the walk itself).
    """
    if kind == "region":
        place = "OPTIONAL MATCH (f)-[:LOCATED_IN]->(fscope:Region)"
        local = "CASE WHEN fscope.id IN $region_ids THEN 1 ELSE 0 END"
    elif kind == "park":
        place = "OPTIONAL MATCH (f)-[:IN_PARK]->(fscope:Park)"
        local = "CASE WHEN fscope.id = $scope_id THEN 1 ELSE 0 END"
    else:
        raise ValueError(f"unknown scope kind {kind!r}")
    return f"""
UNWIND $rows AS r
UNWIND r.ids AS cid
MATCH (c:Firm {{id: cid}})
WITH r.segment AS cs, r.upstream AS upstream, c
MATCH (f:Firm)-[sup:SUPPLIES]->(c)
WHERE coalesce(sup.expired, false) = false
MATCH (f)-[:IN_SEGMENT]->(us:Segment)
WHERE us.id IN upstream
{place}
RETURN cs AS customer_segment, us.id AS supplier_segment, f.id AS supplier, c.id AS customer,
       {local} AS local
"""


CANDIDATE_COLUMNS = """s.id AS segment, f.id AS firm_id, f.name AS name, f.city AS city,
       f.province AS province, coalesce(l.confidence, 1.0) AS fit,
       f.role AS role, coalesce(f.high_tech, false) AS high_tech,
       coalesce(f.specialised, false) AS specialised,
       f.registered_capital_cny AS capital_cny, f.insured_employees AS insured_employees"""

GAP_FIRMS = """MATCH (s:Segment)<-[l:IN_SEGMENT]-(f:Firm)
WHERE s.id IN $segments AND coalesce(l.expired, false) = false"""

# The part of a lead's score known without looking at ties: w_fit·fit + w_strength·strength, with
# strength as targets.strength() computes it. Leads without ties or recent projects score exactly
# this, so the best ``$k`` by it, plus every tied firm, hold the true top leads.
TARGET_TOP = f"""
{GAP_FIRMS}
WITH s, l, f, coalesce(f.registered_capital_cny, 0.0) AS capital
WITH s, l, f,
     $w_fit * coalesce(l.confidence, 1.0) + $w_strength * (
       (CASE WHEN f.role = '链主' THEN 0.4 ELSE 0.0 END)
       + (CASE WHEN f.high_tech = true THEN 0.2 ELSE 0.0 END)
       + (CASE WHEN f.specialised = true THEN 0.1 ELSE 0.0 END)
       + (CASE WHEN capital <= 1.0 THEN 0.0
               WHEN log10(capital) >= 10.0 THEN 0.3
               ELSE 0.3 * log10(capital) / 10.0 END)) AS base
RETURN {CANDIDATE_COLUMNS}, base
ORDER BY base DESC, firm_id, segment
LIMIT $k
"""

TARGET_BY_IDS = f"""
UNWIND $ids AS fid
MATCH (f:Firm {{id: fid}})
WITH f
MATCH (f)-[l:IN_SEGMENT]->(s:Segment)
WHERE s.id IN $segments AND coalesce(l.expired, false) = false
RETURN {CANDIDATE_COLUMNS}
"""


def target_supply_ties(kind: str) -> str:
    """Firms in the gap segments that supply firms in the scope, with those customers' names."""
    customer = member(kind, "c", "cscope")
    return f"""
{GAP_FIRMS}
MATCH (f)-[:SUPPLIES]->(c:Firm)
MATCH {customer.pattern} WHERE {customer.condition}
WITH DISTINCT s, l, f, c
WITH s, l, f, collect(c.name) AS customers
RETURN {CANDIDATE_COLUMNS}, customers
"""


def target_partner_ties(kind: str) -> str:
    """Firms in the gap segments that cooperate with firms or institutions in the scope."""
    partner = member(kind, "p", "pscope")
    return f"""
{GAP_FIRMS}
MATCH (f)-[:COOPERATES_WITH]-(p)
MATCH {partner.pattern} WHERE {partner.condition}
WITH DISTINCT s, l, f, p
WITH s, l, f, collect(p.name) AS partners
RETURN {CANDIDATE_COLUMNS}, partners
"""


def target_projects(kind: str) -> str:
    """Firm investors of the scope's projects signed since a date (recency signal).

    Starts from the scope's projects (few) rather than from every candidate firm: the caller
    keeps the rows of its candidates.
    """
    m = member(kind, "j", "scope")
    return f"""
MATCH {m.pattern} WHERE {m.condition}
MATCH (j:Project)-[:INVESTED_BY]->(f:Firm)
WHERE coalesce(j.signed_date, '') >= $since
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

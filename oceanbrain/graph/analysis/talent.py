"""Talent for a gap (补链人才): people and institutions whose fields match a segment, local first.

A match is either a link in the graph (a person ``EXPERT_IN`` the segment, an institution
``IN_SEGMENT`` it) or a keyword of the segment found in the institution's ``fields`` or the
person's ``field``. Local means: the institution (or the person's affiliation) is in the scope.
Rows are ordered local first, then links before keywords, then by name.
"""

from __future__ import annotations

from typing import Any

from oceanbrain.errors import QueryError
from oceanbrain.graph.analysis.gaps import Scope
from oceanbrain.graph.analysis.queries import member
from oceanbrain.graph.store import GraphStore

SEGMENT = """
MATCH (s:Segment {id: $segment})
RETURN s.id AS id, s.name_zh AS name_zh, coalesce(s.keywords, []) AS keywords
"""
LINKED_PEOPLE = """
MATCH (p:Person)-[e:EXPERT_IN]->(s:Segment {id: $segment})
OPTIONAL MATCH (p)-[:AFFILIATED_WITH]->(org)
RETURN p.id AS id, p.name AS name, p.title AS title, p.field AS field,
       coalesce(e.evidence, '') AS evidence, collect(org.id) AS org_ids,
       collect(org.name) AS orgs, coalesce(p.sources, []) AS sources
"""
LINKED_INSTITUTIONS = """
MATCH (i:Institution)-[l:IN_SEGMENT]->(s:Segment {id: $segment})
RETURN i.id AS id, i.name AS name, i.kind AS kind, coalesce(i.fields, []) AS fields,
       coalesce(l.evidence, '') AS evidence, coalesce(i.sources, []) AS sources
"""
ALL_INSTITUTIONS = """
MATCH (i:Institution)
RETURN i.id AS id, i.name AS name, i.kind AS kind, coalesce(i.fields, []) AS fields,
       coalesce(i.sources, []) AS sources
"""
PEOPLE_WITH_FIELD = """
MATCH (p:Person) WHERE p.field IS NOT NULL AND p.field <> ''
OPTIONAL MATCH (p)-[:AFFILIATED_WITH]->(org)
RETURN p.id AS id, p.name AS name, p.title AS title, p.field AS field,
       collect(org.id) AS org_ids, collect(org.name) AS orgs, coalesce(p.sources, []) AS sources
"""


def local_orgs(kind: str, label: str) -> str:
    """Which of the given institution or firm ids are in the scope."""
    m = member(kind, "o", "scope")
    return f"""
UNWIND $ids AS oid
MATCH (o:{label} {{id: oid}})
WITH o
MATCH {m.pattern} WHERE {m.condition}
RETURN DISTINCT o.id AS id
"""


def _keyword_hits(texts: list[str], keywords: list[str]) -> list[str]:
    return sorted({k for k in keywords if k and any(k in t for t in texts if t)})


def talent_for_segment(
    store: GraphStore, scope: Scope, segment_id: str, limit: int = 50
) -> list[dict[str, Any]]:
    """People and institutions for ``segment_id``, local (in ``scope``) first.

    Each row: kind (person/institution), kind_zh, id, name, title_or_kind, organisation,
    local, local_zh, match (link/keyword), evidence_zh, sources.
    """
    segs = store.read(SEGMENT, segment=segment_id)
    if not segs:
        raise QueryError(f"no segment with id {segment_id!r}; ids look like ai.sensors")
    seg = segs[0]
    keywords = [k for k in seg["keywords"] if len(k) >= 2]
    rows: dict[tuple[str, str], dict[str, Any]] = {}

    def add(
        kind: str, r: dict[str, Any], org_ids: list[str], orgs: list[str], how: str, evidence: str
    ) -> None:
        key = (kind, r["id"])
        if key in rows and rows[key]["match"] == "link":
            return
        rows[key] = {
            "kind": kind,
            "kind_zh": "人才" if kind == "person" else "机构",
            "id": r["id"],
            "name": r["name"],
            "title_or_kind": r.get("title") if kind == "person" else r.get("kind"),
            "organisation": "、".join(o for o in orgs if o),
            "org_ids": [r["id"]] if kind == "institution" else [o for o in org_ids if o],
            "match": how,
            "evidence_zh": evidence,
            "sources": list(r.get("sources") or []),
        }

    for r in store.read(LINKED_PEOPLE, segment=segment_id):
        add(
            "person",
            r,
            r["org_ids"],
            r["orgs"],
            "link",
            f"专长环节：{seg['name_zh']}" + (f"（{r['evidence']}）" if r["evidence"] else ""),
        )
    for r in store.read(LINKED_INSTITUTIONS, segment=segment_id):
        add(
            "institution",
            r,
            [],
            [],
            "link",
            f"所属环节：{seg['name_zh']}" + (f"（{r['evidence']}）" if r["evidence"] else ""),
        )
    if keywords:
        for r in store.read(ALL_INSTITUTIONS):
            if hits := _keyword_hits(list(r["fields"]), keywords):
                add("institution", r, [], [], "keyword", "研究领域含关键词：" + "、".join(hits))
        for r in store.read(PEOPLE_WITH_FIELD):
            if hits := _keyword_hits([r["field"]], keywords):
                add(
                    "person",
                    r,
                    r["org_ids"],
                    r["orgs"],
                    "keyword",
                    "专业领域含关键词：" + "、".join(hits),
                )
    ids = sorted({o for r in rows.values() for o in r["org_ids"]})
    local = {
        r["id"]
        for label in ("Institution", "Firm")
        for r in store.read(local_orgs(scope.kind, label), ids=ids, **scope.params())
    }
    for r in rows.values():
        r["local"] = bool(set(r.pop("org_ids")) & local)
        r["local_zh"] = f"{scope.name}本地" if r["local"] else "外地"
    ordered = sorted(
        rows.values(),
        key=lambda r: (not r["local"], r["match"] != "link", r["kind"] != "person", r["name"]),
    )
    return ordered[:limit]

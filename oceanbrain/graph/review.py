"""The review queue (审核): same-entity questions, low-confidence segment links, NLP candidates.

Three kinds of item, one list:

- ``same_entity``: ``(:Judgement {kind: 'same_entity', decision: 'pending'})`` nodes raised by the
  resolver (``oceanbrain.ingest.resolve``); decided ``same`` / ``not_same``.
- ``segment_link``: ``IN_SEGMENT`` relationships with ``needs_review = true`` (written by ingest);
  ``accept`` clears ``needs_review``, ``reject`` marks the link ``expired``; both set
  ``review`` on the link, so a later ingest that writes the link again keeps the decision.
- ``candidate``: ``(:Candidate {status: 'pending'})`` nodes from document NLP; ``accept`` /
  ``reject`` set ``status`` to ``accepted`` / ``rejected``.

Every decision is stored as a Judgement node with who decided and when, so later runs honour it.
Item ids are Judgement ids (``judgement:<kind>:<hash>``, :func:`judgement_id`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from typing import Any

from oceanbrain.errors import OceanBrainError
from oceanbrain.graph.merge import current_firm_id, merge_firms
from oceanbrain.graph.resolution import (
    CANDIDATE,
    DECISIONS,
    KINDS,
    PENDING,
    SAME_ENTITY,
    SEGMENT_LINK,
    JudgementRecord,
    judgement_id,
)
from oceanbrain.graph.store import GraphStore, Row

__all__ = [
    "ReviewError",
    "ReviewItem",
    "decide",
    "pending_reviews",
    "review_counts",
    "save_judgements",
]


class ReviewError(OceanBrainError):
    """A review decision that cannot be applied (unknown item, kind or decision)."""


@dataclass(frozen=True)
class ReviewItem:
    id: str
    kind: str
    subject_id: str
    subject_name: str
    object_id: str
    object_name: str
    score: float | None
    evidence: str
    status: str
    decided_by: str | None
    decided_at: str | None

    def row(self) -> dict[str, Any]:
        return asdict(self)


# -- Cypher ------------------------------------------------------------------------------------
DECIDED_AMONG = (
    "UNWIND $ids AS id MATCH (j:Judgement {id: id}) WHERE j.decision <> 'pending' RETURN j.id AS id"
)
SAVE = (
    "UNWIND $rows AS r MERGE (j:Judgement {id: r.id}) "
    "ON CREATE SET j.first_seen_run = r.run "
    "SET j.kind = r.kind, j.subject_id = r.subject_id, j.object_id = r.object_id, "
    "j.score = r.score, j.evidence = r.evidence, j.decision = r.decision, "
    "j.decided_by = r.decided_by, j.decided_at = r.decided_at, j.last_seen_run = r.run, "
    "j.sources = [], j.observed = false, j.confidence = coalesce(r.score, 0.0)"
)
PENDING_SAME = (
    "MATCH (j:Judgement) WHERE j.kind = 'same_entity' AND j.decision = 'pending' "
    "OPTIONAL MATCH (a:Firm {id: j.subject_id}) "
    "OPTIONAL MATCH (b:Firm {id: j.object_id}) "
    "RETURN j.id AS id, j.subject_id AS subject_id, a.name AS subject_name, "
    "j.object_id AS object_id, b.name AS object_name, j.score AS score, j.evidence AS evidence "
    "ORDER BY score DESC, id LIMIT $limit"
)
PENDING_LINKS = (
    "MATCH (a)-[e:IN_SEGMENT]->(s:Segment) "
    "WHERE e.needs_review = true AND coalesce(e.expired, false) = false "
    "RETURN a.id AS subject_id, a.name AS subject_name, s.id AS object_id, "
    "s.name_zh AS object_name, e.confidence AS score, e.evidence AS evidence "
    "ORDER BY score, subject_id, object_id LIMIT $limit"
)
PENDING_CANDIDATES = (
    "MATCH (c:Candidate) WHERE coalesce(c.status, 'pending') = 'pending' "
    "OPTIONAL MATCH (d:Document)-[:MENTIONS]->(c) "
    "WITH c, count(d) AS mentions, collect(d.title) AS titles "
    "RETURN c.id AS subject_id, c.name AS subject_name, c.type AS type, mentions, titles "
    "ORDER BY mentions DESC, subject_id LIMIT $limit"
)
COUNT_SAME = (
    "MATCH (j:Judgement) WHERE j.kind = 'same_entity' AND j.decision = 'pending' "
    "RETURN count(j) AS n"
)
COUNT_LINKS = (
    "MATCH (a)-[e:IN_SEGMENT]->(s:Segment) "
    "WHERE e.needs_review = true AND coalesce(e.expired, false) = false RETURN count(e) AS n"
)
COUNT_CANDIDATES = (
    "MATCH (c:Candidate) WHERE coalesce(c.status, 'pending') = 'pending' RETURN count(c) AS n"
)
GET_JUDGEMENT = (
    "MATCH (j:Judgement {id: $id}) RETURN j.kind AS kind, j.decision AS decision, "
    "j.subject_id AS subject_id, j.object_id AS object_id"
)
DECIDE_JUDGEMENT = (
    "MATCH (j:Judgement {id: $id}) "
    "SET j.decision = $decision, j.decided_by = $by, j.decided_at = $at"
)
RECORD_DECISION = (
    "MERGE (j:Judgement {id: $id}) "
    "ON CREATE SET j.first_seen_run = 'review', j.sources = [] "
    "SET j.kind = $kind, j.subject_id = $subject_id, j.object_id = $object_id, "
    "j.score = $score, j.evidence = $evidence, j.decision = $decision, j.decided_by = $by, "
    "j.decided_at = $at, j.last_seen_run = 'review', j.observed = true, j.confidence = 1.0"
)
ACCEPT_LINK = (
    "MATCH (a)-[e:IN_SEGMENT]->(s:Segment {id: $object_id}) WHERE a.id = $subject_id "
    "SET e.needs_review = false, e.review = 'accept'"
)
REJECT_LINK = (
    "MATCH (a)-[e:IN_SEGMENT]->(s:Segment {id: $object_id}) WHERE a.id = $subject_id "
    "SET e.needs_review = false, e.expired = true, e.review = 'reject'"
)
SET_CANDIDATE = "MATCH (c:Candidate {id: $id}) SET c.status = $status"


# -- writing judgements ------------------------------------------------------------------------
def save_judgements(store: GraphStore, judgements: Iterable[JudgementRecord], run_id: str) -> int:
    """Store judgement records (pending questions); ones already decided in the graph stay as
    they are. Returns the number written."""
    records = {j.id: j for j in judgements}
    if not records:
        return 0
    decided = {row["id"] for row in store.read(DECIDED_AMONG, ids=sorted(records))}
    rows = [
        {**asdict(record), "run": run_id}
        for jid, record in sorted(records.items())
        if jid not in decided
    ]
    return store.write_batches(SAVE, rows) if rows else 0


# -- reading the queue -------------------------------------------------------------------------
def _check_kind(kind: str | None) -> None:
    if kind is not None and kind not in KINDS:
        raise ReviewError(f"unknown review kind {kind!r}; use one of {', '.join(KINDS)}")


def _pending_items(
    store: GraphStore, query: str, kind: str, limit: int, id_of: Callable[[Row], str]
) -> list[ReviewItem]:
    """Pending pairs (same-entity judgements, low-confidence links) as review items."""
    return [
        ReviewItem(
            id=id_of(row),
            kind=kind,
            subject_id=row["subject_id"],
            subject_name=row["subject_name"] or row["subject_id"],
            object_id=row["object_id"],
            object_name=row["object_name"] or row["object_id"],
            score=row["score"],
            evidence=row["evidence"] or "",
            status=PENDING,
            decided_by=None,
            decided_at=None,
        )
        for row in store.read(query, limit=limit)
    ]


def _same_items(store: GraphStore, limit: int) -> list[ReviewItem]:
    return _pending_items(store, PENDING_SAME, SAME_ENTITY, limit, lambda row: row["id"])


def _link_items(store: GraphStore, limit: int) -> list[ReviewItem]:
    return _pending_items(
        store,
        PENDING_LINKS,
        SEGMENT_LINK,
        limit,
        lambda row: judgement_id(SEGMENT_LINK, row["subject_id"], row["object_id"]),
    )


def _candidate_items(store: GraphStore, limit: int) -> list[ReviewItem]:
    items = []
    for row in store.read(PENDING_CANDIDATES, limit=limit):
        titles = [t for t in row["titles"] or [] if t][:2]
        evidence = f"{row['mentions']} 处提及 mentions" + (
            f": {' / '.join(titles)}" if titles else ""
        )
        items.append(
            ReviewItem(
                id=judgement_id(CANDIDATE, row["subject_id"], row["type"] or ""),
                kind=CANDIDATE,
                subject_id=row["subject_id"],
                subject_name=row["subject_name"] or row["subject_id"],
                object_id=row["type"] or "",
                object_name=row["type"] or "",
                score=None,
                evidence=evidence,
                status=PENDING,
                decided_by=None,
                decided_at=None,
            )
        )
    return items


def pending_reviews(
    store: GraphStore, kind: str | None = None, limit: int = 500
) -> list[ReviewItem]:
    """Items waiting for a decision, ``limit`` per kind (same_entity by score, highest first;
    segment links by confidence, lowest first; candidates by number of mentions)."""
    _check_kind(kind)
    readers = {SAME_ENTITY: _same_items, SEGMENT_LINK: _link_items, CANDIDATE: _candidate_items}
    items: list[ReviewItem] = []
    for name in KINDS:
        if kind is None or kind == name:
            items.extend(readers[name](store, limit))
    return items


def review_counts(store: GraphStore) -> dict[str, int]:
    """Pending items per kind (every kind present, zero when none)."""
    queries = {SAME_ENTITY: COUNT_SAME, SEGMENT_LINK: COUNT_LINKS, CANDIDATE: COUNT_CANDIDATES}
    return {kind: int(store.read(query)[0]["n"]) for kind, query in queries.items()}


# -- deciding ----------------------------------------------------------------------------------
_SYNONYMS = {
    SAME_ENTITY: {"accept": "same", "reject": "not_same"},
    SEGMENT_LINK: {"same": "accept", "not_same": "reject"},
    CANDIDATE: {"same": "accept", "not_same": "reject"},
}


def normalise_decision(kind: str, decision: str) -> str:
    """``accept``/``reject`` work for every kind (for same_entity they mean same/not_same)."""
    _check_kind(kind)
    value = _SYNONYMS[kind].get(decision, decision)
    if value not in DECISIONS[kind]:
        allowed = sorted({*DECISIONS[kind], *_SYNONYMS[kind]})
        raise ReviewError(
            f"decision {decision!r} does not apply to a {kind} item; "
            f"use one of {', '.join(allowed)}"
        )
    return value


def _find(items: list[ReviewItem], item_id: str, kind: str) -> ReviewItem:
    for item in items:
        if item.id == item_id or (kind == CANDIDATE and item.subject_id == item_id):
            return item
    raise ReviewError(
        f"no pending {kind} review item with id {item_id!r} "
        "(already decided, or the id is mistyped; `oceanbrain review list` shows the open ones)"
    )


def decide(store: GraphStore, item_id: str, kind: str, decision: str, by: str, at: str) -> None:
    """Record a decision on one review item, with who (``by``) and when (``at``, UTC ISO)."""
    value = normalise_decision(kind, decision)
    if not by.strip():
        raise ReviewError("a decision needs the name of who made it (--by)")
    if kind == SAME_ENTITY:
        rows = store.read(GET_JUDGEMENT, id=item_id)
        if not rows or rows[0]["kind"] != SAME_ENTITY:
            raise ReviewError(f"no same_entity judgement with id {item_id!r}")
        store.write(DECIDE_JUDGEMENT, id=item_id, decision=value, by=by, at=at)
        if value == "same":  # the two nodes become one (see oceanbrain.graph.merge)
            subject = current_firm_id(store, rows[0]["subject_id"])
            survivor = current_firm_id(store, rows[0]["object_id"])
            if subject and survivor:
                merge_firms(store, subject, survivor, by=by, at=at)
        return
    if kind == SEGMENT_LINK:
        item = _find(_link_items(store, 1_000_000), item_id, kind)
        store.write(
            ACCEPT_LINK if value == "accept" else REJECT_LINK,
            subject_id=item.subject_id,
            object_id=item.object_id,
        )
    else:
        item = _find(_candidate_items(store, 1_000_000), item_id, kind)
        status = "accepted" if value == "accept" else "rejected"
        store.write(SET_CANDIDATE, id=item.subject_id, status=status)
    store.write(
        RECORD_DECISION,
        id=item.id,
        kind=kind,
        subject_id=item.subject_id,
        object_id=item.object_id,
        score=item.score,
        evidence=item.evidence,
        decision=value,
        by=by,
        at=at,
    )

"""What entity resolution reads from the graph: the firms already known and the judgements.

The record types live here (not in ``ingest``) because both the resolver
(``oceanbrain.ingest.resolve``) and the review queue (``oceanbrain.graph.review``) use them.
Reads are paged by id so a graph of 10^6 firms never comes back as one result.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from oceanbrain.graph.store import GraphStore
from oceanbrain.ingest.values import stable_id

SAME_ENTITY = "same_entity"
SEGMENT_LINK = "segment_link"
CANDIDATE = "candidate"
KINDS = (SAME_ENTITY, SEGMENT_LINK, CANDIDATE)
PENDING = "pending"
DECISIONS = {
    SAME_ENTITY: ("same", "not_same"),
    SEGMENT_LINK: ("accept", "reject"),
    CANDIDATE: ("accept", "reject"),
}
PAGE = 20_000


@dataclass(frozen=True)
class KnownFirm:
    """A firm already in the graph, as the resolver sees it."""

    id: str
    name: str
    uscc: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class JudgementRecord:
    """A review question and, once someone has answered it, the answer (审核).

    ``decision`` is ``pending`` until decided; ``decided_by``/``decided_at`` say who and when.
    """

    id: str
    kind: str
    subject_id: str
    object_id: str
    score: float | None = None
    evidence: str = ""
    decision: str = PENDING
    decided_by: str | None = None
    decided_at: str | None = None


def judgement_id(kind: str, subject_id: str, object_id: str = "") -> str:
    """``judgement:<kind>:<hash>``; for same_entity the pair is unordered (a~b is b~a)."""
    parts = sorted((subject_id, object_id)) if kind == SAME_ENTITY else [subject_id, object_id]
    return stable_id(f"judgement:{kind}", *parts)


KNOWN_FIRMS = (
    "MATCH (f:Firm) WHERE f.id > $after "
    "RETURN f.id AS id, f.name AS name, f.uscc AS uscc, f.aliases AS aliases "
    "ORDER BY f.id LIMIT $limit"
)
JUDGEMENTS = (
    "MATCH (j:Judgement) WHERE j.kind = $kind AND j.id > $after "
    "RETURN j.id AS id, j.kind AS kind, j.subject_id AS subject_id, j.object_id AS object_id, "
    "j.score AS score, j.evidence AS evidence, j.decision AS decision, "
    "j.decided_by AS decided_by, j.decided_at AS decided_at "
    "ORDER BY j.id LIMIT $limit"
)


def known_firms(store: GraphStore, page: int = PAGE) -> Iterator[KnownFirm]:
    """Every Firm node (id, name, USCC, aliases), in id order, ``page`` at a time."""
    after = ""
    while True:
        rows = store.read(KNOWN_FIRMS, after=after, limit=page)
        for row in rows:
            if row["name"]:
                yield KnownFirm(
                    row["id"], row["name"], row["uscc"] or None, tuple(row["aliases"] or ())
                )
        if len(rows) < page:
            return
        after = rows[-1]["id"]


def judgements(
    store: GraphStore, kind: str = SAME_ENTITY, page: int = PAGE
) -> Iterator[JudgementRecord]:
    """Every Judgement of ``kind`` (pending and decided), in id order."""
    after = ""
    while True:
        rows = store.read(JUDGEMENTS, kind=kind, after=after, limit=page)
        for row in rows:
            yield record_from_row(row)
        if len(rows) < page:
            return
        after = rows[-1]["id"]


def record_from_row(row: dict[str, object]) -> JudgementRecord:
    score = row.get("score")
    return JudgementRecord(
        id=str(row["id"]),
        kind=str(row["kind"]),
        subject_id=str(row["subject_id"]),
        object_id=str(row["object_id"] or ""),
        score=float(score) if isinstance(score, int | float) else None,
        evidence=str(row.get("evidence") or ""),
        decision=str(row.get("decision") or PENDING),
        decided_by=str(row["decided_by"]) if row.get("decided_by") else None,
        decided_at=str(row["decided_at"]) if row.get("decided_at") else None,
    )

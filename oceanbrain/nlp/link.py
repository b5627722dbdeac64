"""Entity linking: a mention → an existing graph node, else a review candidate.

Pure functions over a :class:`Linker` built from a gazetteer mapping
``surface form (name or alias) → (node id, label)``, which the graph layer exports
(``oceanbrain.graph.documents.export_gazetteer``). Matching order:

1. the mention text exactly as written (name or alias);
2. the normalised name (``oceanbrain.ingest.values.normalise_name``: NFKC, half-width brackets,
   no spaces, lower case), so ``正大制药（青岛）有限公司`` finds ``正大制药(青岛)有限公司``.

A form that two different nodes share is ambiguous and links to nothing. A mention whose type
does not fit the node's label (a PERSON mention that hits a Firm) does not link either.
Unlinked mentions of the candidate types become :class:`CandidateRef` (``candidate:<type>:<hash>``),
which are facts for review, never trusted facts.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from oceanbrain.ingest.values import normalise_name, stable_id

# NLP entity type → graph labels it may link to
TYPE_LABELS: dict[str, tuple[str, ...]] = {
    "FIRM": ("Firm",),
    "INSTITUTE": ("Institution",),
    "PARK": ("Park",),
    "PERSON": ("Person",),
    "PROJECT": ("Project",),
    "PRODUCT": ("Product",),
    "GOV": (),
}
LABEL_TYPES = {label: etype for etype, labels in TYPE_LABELS.items() for label in labels}
CANDIDATE_TYPES = ("FIRM", "INSTITUTE", "PARK", "PERSON", "PROJECT", "PRODUCT")
_AMBIGUOUS = ("", "")


@dataclass(frozen=True)
class Link:
    node_id: str
    label: str
    method: str  # "exact" | "normalised"


@dataclass(frozen=True)
class CandidateRef:
    id: str
    name: str
    type: str


def candidate_id(etype: str, name: str) -> str:
    """``candidate:<type>:<hash of normalised name>`` (deterministic)."""
    return stable_id(f"candidate:{etype.lower()}", name)


class Linker:
    """Exact, then normalised, lookup of mention texts in a name/alias → (id, label) mapping."""

    def __init__(self, gazetteer: Mapping[str, tuple[str, str]]) -> None:
        self.exact: dict[str, tuple[str, str]] = {}
        self.normalised: dict[str, tuple[str, str]] = {}
        for form, target in gazetteer.items():
            if not form or not target[0]:
                continue
            for table, key in ((self.exact, form), (self.normalised, normalise_name(form))):
                known = table.get(key)
                table[key] = target if known is None or known == target else _AMBIGUOUS

    @classmethod
    def from_rows(cls, rows: Iterable[Mapping[str, object]]) -> Linker:
        """Rows of ``{id, label, name, aliases}`` as the graph layer exports them."""
        return cls(gazetteer_mapping(rows))

    def __len__(self) -> int:
        return len(self.exact)

    def link(self, text: str, etype: str) -> Link | None:
        labels = TYPE_LABELS.get(etype, ())
        if not labels:
            return None
        for table, key, method in (
            (self.exact, text, "exact"),
            (self.normalised, normalise_name(text), "normalised"),
        ):
            hit = table.get(key)
            if hit is None:
                continue
            if hit == _AMBIGUOUS or hit[1] not in labels:
                return None
            return Link(hit[0], hit[1], method)
        return None

    def candidate(self, text: str, etype: str) -> CandidateRef | None:
        """The review candidate for an unlinked mention of a candidate type, else None."""
        if etype not in CANDIDATE_TYPES or len(text.strip()) < 2:
            return None
        return CandidateRef(candidate_id(etype, text), text, etype)


def gazetteer_mapping(rows: Iterable[Mapping[str, object]]) -> dict[str, tuple[str, str]]:
    """``{id, label, name, aliases}`` rows → ``{form: (id, label)}``; a full name wins over an
    alias of another node, and a form shared by two nodes' names is ambiguous."""
    full: dict[str, tuple[str, str]] = {}
    alias: dict[str, tuple[str, str]] = {}
    for row in rows:
        node_id, label = str(row.get("id") or ""), str(row.get("label") or "")
        name = str(row.get("name") or "").strip()
        if not node_id or not label:
            continue
        if name:
            known = full.get(name)
            full[name] = (node_id, label) if known in (None, (node_id, label)) else _AMBIGUOUS
        raw = row.get("aliases") or []
        forms = [raw] if isinstance(raw, str) else list(raw)  # type: ignore[call-overload]
        for a in forms:
            a = str(a).strip()
            if not a or a == name:
                continue
            known = alias.get(a)
            alias[a] = (node_id, label) if known in (None, (node_id, label)) else _AMBIGUOUS
    return {**alias, **full}


def to_nlp_gazetteer_rows(mapping: Mapping[str, tuple[str, str]]) -> list[tuple[str, str, str]]:
    """The same mapping as ``(form, entity type, node id)`` rows for the NLP pipeline's
    :class:`~oceanbrain.nlp.gazetteer.Gazetteer`; ambiguous forms are left out."""
    rows = []
    for form, (node_id, label) in mapping.items():
        etype = LABEL_TYPES.get(label)
        if etype and node_id:
            rows.append((form, etype, node_id))
    return rows

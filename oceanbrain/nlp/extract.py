"""``extract(text, nlp)``: entities and relations as plain dicts (JSON-ready)."""

from __future__ import annotations

from typing import Any

from spacy.language import Language


def extract(text: str, nlp: Language) -> dict[str, list[dict[str, Any]]]:
    """Entities (character offsets into ``text`` exactly as given) and relations.

    Relations name their subject/object both by entity text and by index into ``entities``.
    """
    doc = nlp(text)
    entities: list[dict[str, Any]] = []
    for span in doc.ents:
        ent: dict[str, Any] = {
            "text": span.text,
            "type": span.label_,
            "start": span.start_char,
            "end": span.end_char,
        }
        if span._.linked_id:
            ent["linked_id"] = span._.linked_id
        if span._.value is not None:
            ent["value"] = span._.value
            ent["unit"] = span._.unit
        entities.append(ent)
    relations = []
    for r in doc._.relations or []:
        relations.append(
            {
                "subject": entities[r["subject_index"]]["text"],
                "subject_index": r["subject_index"],
                "relation": r["relation"],
                "object": entities[r["object_index"]]["text"],
                "object_index": r["object_index"],
                "confidence": r["confidence"],
                "evidence": r["evidence"],
                "evidence_start": r["evidence_start"],
                "evidence_end": r["evidence_end"],
            }
        )
    return {"entities": entities, "relations": relations}

"""Schema as data: it loads, it is checked, and docs/schema.md is generated from it."""

from __future__ import annotations

import pytest

from oceanbrain.errors import SchemaError
from oceanbrain.graph.schema import load_schema, parse_schema, render_markdown
from tests.conftest import REPO

REQUIRED_LABELS = {
    "Firm",
    "Park",
    "Institution",
    "Person",
    "Project",
    "Chain",
    "Segment",
    "Region",
    "Document",
    "Source",
    "IngestRun",
}


def test_schema_has_the_required_labels_with_keys() -> None:
    schema = load_schema()
    assert set(schema.labels) >= REQUIRED_LABELS
    for node in schema.nodes:
        assert node.key == "id"
    provenance = {p.name for p in schema.provenance}
    assert {"sources", "first_seen_run", "last_seen_run", "observed", "confidence"} <= provenance


def test_docs_schema_md_is_up_to_date() -> None:
    expected = render_markdown(load_schema())
    current = (REPO / "docs" / "schema.md").read_text(encoding="utf-8")
    assert current == expected, "docs/schema.md is stale: run `make docs` and commit it"


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"nodes": {}}, "needs top-level"),
        (
            {"nodes": {"A": {"properties": {"id": {"type": "string"}}}}, "relationships": {}},
            "needs a `key`",
        ),
        (
            {
                "nodes": {"A": {"key": "id", "properties": {"x": {"type": "string"}}}},
                "relationships": {},
            },
            "key 'id' is not among",
        ),
        (
            {
                "nodes": {"A": {"key": "id", "properties": {"id": {"type": "uuid"}}}},
                "relationships": {},
            },
            "type must be one of",
        ),
        (
            {
                "nodes": {"A": {"key": "id", "properties": {"id": {"type": "string"}}}},
                "relationships": {"R": {"from": ["A"], "to": ["B"]}},
            },
            "unknown labels ['B']",
        ),
        (
            {
                "nodes": {"A-B": {"key": "id", "properties": {"id": {"type": "string"}}}},
                "relationships": {},
            },
            "not a valid name",
        ),
    ],
)
def test_malformed_schema_is_refused_with_a_pointed_message(raw: dict, message: str) -> None:
    with pytest.raises((SchemaError, Exception)) as info:
        parse_schema(raw)
    assert message in str(info.value)

"""The graph schema as data: loaded once from schema.yaml, validated loudly.

Engines turn it into DDL (``neo4j_ddl`` / ``falkordb_indexes``); ``render_markdown`` makes
docs/schema.md from it, so the docs cannot drift from what the engines enforce.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from oceanbrain.errors import SchemaError
from oceanbrain.graph.cypher import identifier

SCHEMA_PATH = Path(__file__).with_name("schema.yaml")
PROPERTY_TYPES = {
    "string",
    "integer",
    "float",
    "boolean",
    "date",
    "datetime",
    "list<string>",
    "list<float>",
}


@dataclass(frozen=True)
class Property:
    name: str
    type: str
    description: str


@dataclass(frozen=True)
class NodeType:
    label: str
    description: str
    key: str
    indexes: tuple[str, ...]
    properties: tuple[Property, ...]


@dataclass(frozen=True)
class RelType:
    type: str
    description: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    properties: tuple[Property, ...] = field(default=())


@dataclass(frozen=True)
class Schema:
    nodes: tuple[NodeType, ...]
    relationships: tuple[RelType, ...]
    provenance: tuple[Property, ...]

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(n.label for n in self.nodes)

    def node(self, label: str) -> NodeType:
        for n in self.nodes:
            if n.label == label:
                return n
        raise SchemaError(f"label {label!r} is not in the schema; known: {', '.join(self.labels)}")

    def index_specs(self) -> list[tuple[str, str]]:
        """(label, property) pairs to index, key first; the key also gets uniqueness."""
        specs: list[tuple[str, str]] = []
        for n in self.nodes:
            specs.append((n.label, n.key))
            specs.extend((n.label, p) for p in n.indexes)
        return specs


def _properties(raw: Any, where: str) -> tuple[Property, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, dict):
        raise SchemaError(
            f"{where}: `properties` must be a mapping of name → {{type, description}}"
        )
    props = []
    for name, spec in raw.items():
        identifier(name, f"{where}: property")
        if not isinstance(spec, dict) or spec.get("type") not in PROPERTY_TYPES:
            raise SchemaError(
                f"{where}.{name}: type must be one of {sorted(PROPERTY_TYPES)}, got {spec!r}"
            )
        props.append(Property(name, spec["type"], str(spec.get("description", ""))))
    return tuple(props)


def parse_schema(raw: Any, origin: str = "schema") -> Schema:
    """Validate a loaded schema document and build the typed Schema."""
    if not isinstance(raw, dict) or "nodes" not in raw or "relationships" not in raw:
        raise SchemaError(f"{origin}: needs top-level `nodes` and `relationships` mappings")
    nodes = []
    for label, spec in raw["nodes"].items():
        identifier(label, f"{origin}: label")
        where = f"{origin}: nodes.{label}"
        if not isinstance(spec, dict) or "key" not in spec:
            raise SchemaError(f"{where}: needs a `key` property name")
        props = _properties(spec.get("properties"), where)
        names = {p.name for p in props}
        key = spec["key"]
        if key not in names:
            raise SchemaError(f"{where}: key {key!r} is not among its properties")
        indexes = tuple(spec.get("indexes", []))
        for prop in indexes:
            if prop not in names:
                raise SchemaError(f"{where}: index on {prop!r}, which is not a declared property")
        nodes.append(NodeType(label, str(spec.get("description", "")), key, indexes, props))
    labels = {n.label for n in nodes}
    rels = []
    for rtype, spec in raw["relationships"].items():
        identifier(rtype, f"{origin}: relationship type")
        where = f"{origin}: relationships.{rtype}"
        ends = {}
        for end in ("from", "to"):
            value = spec.get(end) if isinstance(spec, dict) else None
            if not value or not isinstance(value, list):
                raise SchemaError(f"{where}: `{end}` must be a non-empty list of labels")
            unknown = [v for v in value if v not in labels]
            if unknown:
                raise SchemaError(f"{where}: `{end}` names unknown labels {unknown}")
            ends[end] = tuple(value)
        rels.append(
            RelType(
                rtype,
                str(spec.get("description", "")),
                ends["from"],
                ends["to"],
                _properties(spec.get("properties"), where),
            )
        )
    provenance = _properties(raw.get("provenance"), f"{origin}: provenance")
    return Schema(tuple(nodes), tuple(rels), provenance)


@cache
def load_schema(path: Path = SCHEMA_PATH) -> Schema:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise SchemaError(f"cannot read schema file {path}: {exc}") from exc
    return parse_schema(raw, origin=str(path.name))


def index_name(label: str, prop: str, unique: bool = False) -> str:
    """The name OceanBrain gives a constraint/index, so it can find its own later."""
    return f"ob_{label.lower()}_{prop}_{'key' if unique else 'idx'}"


def render_markdown(schema: Schema) -> str:
    """docs/schema.md, generated; edit schema.yaml instead."""
    out = [
        "# Graph schema",
        "",
        "<!-- Generated from oceanbrain/graph/schema.yaml by `oceanbrain db schema-docs`. "
        "Do not edit by hand. -->",
        "",
        "Each node label has a unique key (a uniqueness constraint on Neo4j, an index on "
        "FalkorDB) and indexed lookup properties. Every node and relationship written by "
        "ingest also carries the provenance properties below.",
        "",
        "## Provenance properties (on every node and relationship)",
        "",
        "| property | type | meaning |",
        "|---|---|---|",
    ]
    out += [f"| `{p.name}` | {p.type} | {p.description} |" for p in schema.provenance]
    out += ["", "## Node labels", ""]
    out += ["| label | key | indexed | meaning |", "|---|---|---|---|"]
    for n in schema.nodes:
        indexed = ", ".join(f"`{i}`" for i in n.indexes)
        out.append(f"| `{n.label}` | `{n.key}` | {indexed} | {n.description} |")
    for n in schema.nodes:
        out += ["", f"### {n.label}", "", n.description, ""]
        out += ["| property | type | meaning |", "|---|---|---|"]
        for p in n.properties:
            mark = " (key)" if p.name == n.key else ""
            out.append(f"| `{p.name}`{mark} | {p.type} | {p.description} |")
    out += ["", "## Relationship types", ""]
    out += ["| type | from | to | meaning |", "|---|---|---|---|"]
    for r in schema.relationships:
        out.append(
            f"| `{r.type}` | {', '.join(r.sources)} | {', '.join(r.targets)} | {r.description} |"
        )
    rels_with_props = [r for r in schema.relationships if r.properties]
    if rels_with_props:
        out += ["", "### Relationship properties", ""]
        out += ["| type | property | type | meaning |", "|---|---|---|---|"]
        for r in rels_with_props:
            for p in r.properties:
                out.append(f"| `{r.type}` | `{p.name}` | {p.type} | {p.description} |")
    return "\n".join(out) + "\n"

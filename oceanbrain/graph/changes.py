"""The weekly "what changed" report and the list of ingest runs.

Run ids are UTC timestamps (``run:20261126T180000123456Z``), so "since run R" is a plain string
comparison on ``first_seen_run``, ``expired_run`` and ``changed_run``, which both engines run.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from oceanbrain.errors import QueryError
from oceanbrain.graph.store import GraphStore

LIST_RUNS = (
    "MATCH (r:IngestRun) RETURN r.id AS id, r.started_at AS started_at, "
    "r.finished_at AS finished_at, r.status AS status, r.full AS full, r.seconds AS seconds, "
    "r.counts AS counts ORDER BY r.id DESC LIMIT $limit"
)
RUN_EXISTS = "MATCH (r:IngestRun {id: $id}) RETURN r.id AS id"
NEW_FIRMS = (
    "MATCH (f:Firm) WHERE f.first_seen_run > $run "
    "RETURN f.id AS id, f.name AS name, f.uscc AS uscc, f.district AS district, "
    "f.first_seen_run AS run ORDER BY f.name LIMIT $limit"
)
NEW_SUPPLY_LINKS = (
    "MATCH (a:Firm)-[e:SUPPLIES]->(b:Firm) WHERE e.first_seen_run > $run AND e.expired IS NULL "
    "RETURN a.name AS supplier, b.name AS customer, e.product AS product, "
    "e.first_seen_run AS run ORDER BY supplier, customer LIMIT $limit"
)
LOST_SUPPLY_LINKS = (
    "MATCH (a:Firm)-[e:SUPPLIES]->(b:Firm) WHERE e.expired = true AND e.expired_run > $run "
    "RETURN a.name AS supplier, b.name AS customer, e.product AS product, "
    "e.expired_run AS run ORDER BY supplier, customer LIMIT $limit"
)
CHANGED_REGISTRATIONS = (
    "MATCH (f:Firm) WHERE f.changed_run > $run AND f.changes IS NOT NULL "
    "RETURN f.id AS id, f.name AS name, f.uscc AS uscc, f.changes AS changes, "
    "f.changed_run AS run ORDER BY f.name LIMIT $limit"
)
EXPIRED_OTHER = (
    "MATCH ()-[e]->() WHERE e.expired = true AND e.expired_run > $run AND type(e) <> 'SUPPLIES' "
    "RETURN type(e) AS type, count(e) AS n ORDER BY type"
)


def list_runs(store: GraphStore, limit: int = 20) -> list[dict[str, Any]]:
    """The latest ingest runs, newest first; ``counts`` decoded from its JSON text."""
    rows = store.read(LIST_RUNS, limit=limit)
    for row in rows:
        try:
            row["counts"] = json.loads(row["counts"]) if row.get("counts") else {}
        except ValueError:
            row["counts"] = {}
    return rows


@dataclass
class ChangeReport:
    since: str
    new_firms: list[dict[str, Any]] = field(default_factory=list)
    new_supply_links: list[dict[str, Any]] = field(default_factory=list)
    lost_supply_links: list[dict[str, Any]] = field(default_factory=list)
    changed_registrations: list[dict[str, Any]] = field(default_factory=list)
    expired_other: list[dict[str, Any]] = field(default_factory=list)

    def sections(self) -> dict[str, list[dict[str, Any]]]:
        return {
            "new_firms": self.new_firms,
            "new_supply_links": self.new_supply_links,
            "lost_supply_links": self.lost_supply_links,
            "changed_registrations": self.changed_registrations,
            "expired_links": self.expired_other,
        }

    def is_empty(self) -> bool:
        return not any(self.sections().values())


SECTION_TITLES = {
    "new_firms": ("新增企业", "New firms"),
    "new_supply_links": ("新增供应关系", "New supply links"),
    "lost_supply_links": ("失效供应关系", "Lost supply links"),
    "changed_registrations": ("工商登记变更", "Changed registrations"),
    "expired_links": ("其他失效关系", "Other expired links"),
}


def changes_since(store: GraphStore, run_id: str, limit: int = 10000) -> ChangeReport:
    """What the runs after ``run_id`` changed: new firms, new/lost supply links, registrations."""
    if not store.read(RUN_EXISTS, id=run_id):
        raise QueryError(
            f"no ingest run {run_id!r} in the graph; list runs with `oceanbrain ingest runs`"
        )
    report = ChangeReport(since=run_id)
    report.new_firms = store.read(NEW_FIRMS, run=run_id, limit=limit)
    report.new_supply_links = store.read(NEW_SUPPLY_LINKS, run=run_id, limit=limit)
    report.lost_supply_links = store.read(LOST_SUPPLY_LINKS, run=run_id, limit=limit)
    for row in store.read(CHANGED_REGISTRATIONS, run=run_id, limit=limit):
        try:
            changes = json.loads(row.pop("changes"))
        except ValueError:
            changes = {}
        for fld, (old, new) in sorted(changes.items()):
            report.changed_registrations.append({**row, "field": fld, "old": old, "new": new})
    report.expired_other = store.read(EXPIRED_OTHER, run=run_id)
    return report

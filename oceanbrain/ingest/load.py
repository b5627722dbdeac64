"""Load the canonical data/ files into the graph, with provenance on every fact.

Reading (canonical.py) gives typed records; this module turns them into node and relationship
rows with deterministic ids, resolves cross-file references by name, and writes them through
``oceanbrain.graph.upsert`` in one IngestRun: nodes first, then relationships.
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from oceanbrain.graph import GraphStore
from oceanbrain.ingest.canonical import CanonicalData, read_canonical
from oceanbrain.ingest.config import CanonicalSource
from oceanbrain.ingest.pipeline import (
    RunContext,
    expire_unseen,
    write_hashed_nodes,
    write_hashed_relationships,
)
from oceanbrain.ingest.records import FirmRecord, Sourced
from oceanbrain.ingest.rejects import Reject
from oceanbrain.ingest.report import SourceReport
from oceanbrain.ingest.values import ValueProblem, normalise_name, parse_money, stable_id

SEGMENT_LINK_CONFIDENCE = 0.9  # curated segment assignments: stated by a researcher, not a registry
NODE_ORDER = (
    "Source",
    "Region",
    "Chain",
    "Segment",
    "MarineCategory",
    "Park",
    "Institution",
    "Firm",
    "Project",
    "Person",
    "Product",
)
COUNTRY = "中国"


@dataclass
class GraphRows:
    nodes: dict[str, dict[str, dict[str, Any]]] = field(default_factory=lambda: defaultdict(dict))
    rels: dict[tuple[str, str, str], dict[tuple[str, str], dict[str, Any]]] = field(
        default_factory=lambda: defaultdict(dict)
    )
    rejects: list[Reject] = field(default_factory=list)

    def node(
        self,
        label: str,
        node_id: str,
        props: dict[str, Any],
        sources: list[str],
        observed: bool = True,
        confidence: float = 1.0,
    ) -> str:
        clean = {k: v for k, v in props.items() if v is not None and v != []}
        row = self.nodes[label].get(node_id)
        if row:  # seen again: keep every source, earlier values win, later ones fill gaps
            row["props"] = {**clean, **row["props"]}
            row["sources"].update(sources)
        else:
            self.nodes[label][node_id] = {
                "id": node_id,
                "props": clean,
                "sources": set(sources),  # a set while building; sorted in node_rows()
                "observed": observed,
                "confidence": confidence,
            }
        return node_id

    def node_rows(self, label: str) -> list[dict[str, Any]]:
        """The rows to write for ``label``, with sources as sorted lists (deterministic)."""
        return [{**row, "sources": sorted(row["sources"])} for row in self.nodes[label].values()]

    def rel(
        self,
        rel_type: str,
        source: tuple[str, str],
        target: tuple[str, str],
        sources: list[str],
        props: dict[str, Any] | None = None,
        observed: bool = True,
        confidence: float = 1.0,
    ) -> None:
        key = (rel_type, source[0], target[0])
        self.rels[key][(source[1], target[1])] = {
            "from": source[1],
            "to": target[1],
            "props": {k: v for k, v in (props or {}).items() if v is not None},
            "sources": sorted(set(sources)),
            "observed": observed,
            "confidence": confidence,
        }


class NameIndex:
    """Names and aliases of firms, institutions and parks → (label, id).

    A full name beats an alias; a name or alias shared by two different entities resolves to
    nothing (ambiguous) rather than to a guess.
    """

    def __init__(self) -> None:
        self._tiers: tuple[dict[str, tuple[str, str] | None], ...] = ({}, {})

    def add(self, label: str, node_id: str, name: str, *aliases: str | None) -> None:
        self._put(self._tiers[0], label, node_id, name)
        for alias in aliases:
            if alias:
                self._put(self._tiers[1], label, node_id, alias)

    @staticmethod
    def _put(tier: dict[str, tuple[str, str] | None], label: str, node_id: str, name: str) -> None:
        key = normalise_name(name)
        current = tier.get(key, (label, node_id))
        tier[key] = current if current == (label, node_id) else None

    def resolve(self, name: str, labels: tuple[str, ...]) -> tuple[str, str] | None:
        key = normalise_name(name)
        for tier in self._tiers:
            if key in tier:
                hit = tier[key]
                return hit if hit and hit[0] in labels else None
        return None


def firm_id(record: FirmRecord) -> str:
    return f"firm:uscc:{record.uscc}" if record.uscc else stable_id("firm:name", record.name)


def region_path(
    province: str | None, city: str | None, district: str | None
) -> list[tuple[str, str]]:
    path = [(COUNTRY, "country")]
    if province:
        path.append((province, "province"))
    if city and city != province:
        path.append((city, "city"))
    if district:
        path.append((district, "district"))
    return path


class RowBuilder:
    """Turns CanonicalData into GraphRows."""

    def __init__(self, data: CanonicalData) -> None:
        self.data = data
        self.rows = GraphRows()
        self.names = NameIndex()
        self.segments: set[str] = set()
        self.chains: set[str] = set()

    # -- helpers ---------------------------------------------------------------------------
    def sources(
        self,
        file: str,
        record: Sourced | None = None,
        urls: list[str] | None = None,
        title: str | None = None,
        date: str | None = None,
    ) -> list[str]:
        file_id = self.rows.node(
            "Source", stable_id("src:file", file), {"kind": "file", "url": f"data/{file}"}, []
        )
        ids = [file_id]
        for url in record.source_url if record else urls or []:
            props = {
                "kind": "web",
                "url": url,
                "title": record.source_title if record else title,
                "retrieved": record.source_date if record else date,
            }
            ids.append(self.rows.node("Source", stable_id("src:web", url), props, []))
        return ids

    def region(self, path: list[tuple[str, str]], sources: list[str]) -> tuple[str, str]:
        # The hierarchy is stated by the file's own columns; citing every record's web page on
        # 中国 or 山东省 would tie each region to thousands of sources, so only the file is cited.
        sources = sources[:1]
        parent = None
        for depth in range(1, len(path) + 1):
            name, level = path[depth - 1]
            node_id = "region:" + "/".join(p[0] for p in path[:depth])
            self.rows.node("Region", node_id, {"name": name, "level": level}, sources)
            if parent:
                self.rows.rel("PART_OF", ("Region", node_id), ("Region", parent), sources)
            parent = node_id
        assert parent is not None
        return ("Region", parent)

    def qingdao(self, district: str | None, sources: list[str]) -> tuple[str, str]:
        return self.region(region_path("山东省", "青岛市", district), sources)

    def reject_ref(
        self, file: str, line: int, column: str, value: str, what_zh: str, what_en: str
    ) -> None:
        self.rows.rejects.append(
            Reject(
                file,
                line,
                column,
                value,
                f"未找到{what_zh}：{value}",
                f"no {what_en} named {value!r} in the data",
                "warning",
            )
        )

    def link_segments(
        self,
        file: str,
        line: int,
        node: tuple[str, str],
        segment_ids: list[str],
        sources: list[str],
    ) -> None:
        for seg in segment_ids:
            if seg not in self.segments:
                self.reject_ref(file, line, "segments", seg, "产业链环节", "chain segment")
                continue
            self.rows.rel(
                "IN_SEGMENT",
                node,
                ("Segment", seg),
                sources,
                {"evidence": f"curated: data/{file}"},
                confidence=SEGMENT_LINK_CONFIDENCE,
            )

    def link_named(
        self,
        file: str,
        line: int,
        column: str,
        rel_type: str,
        node: tuple[str, str],
        names: list[str],
        labels: tuple[str, ...],
        sources: list[str],
        what: tuple[str, str],
    ) -> None:
        for name in names:
            target = self.names.resolve(name, labels)
            if target is None:
                self.reject_ref(file, line, column, name, *what)
            else:
                self.rows.rel(rel_type, node, target, sources)

    def link_park(
        self, file: str, line: int, node: tuple[str, str], park: str | None, sources: list[str]
    ) -> None:
        if park:
            self.link_named(
                file, line, "park", "IN_PARK", node, [park], ("Park",), sources, ("园区", "park")
            )

    # -- files -----------------------------------------------------------------------------
    def build(self) -> GraphRows:
        self.rows.rejects.extend(self.data.rejects)
        self.add_chains()
        self.add_categories()
        for label, file in (
            ("Park", "qingdao/parks.csv"),
            ("Institution", "qingdao/institutions.csv"),
            ("Firm", "qingdao/firms.csv"),
            ("Firm", "national/firms.csv"),
        ):
            for _, rec in self.data.records(file):
                node_id = firm_id(rec) if label == "Firm" else stable_id(label.lower(), rec.name)
                self.names.add(
                    label, node_id, rec.name, getattr(rec, "short_name", None), *rec.aliases
                )
        self.add_parks()
        self.add_institutions()
        for file in ("qingdao/firms.csv", "national/firms.csv"):
            self.add_firms(file)
        self.add_projects()
        self.add_people()
        self.add_products()
        self.add_supplies()
        return self.rows

    def add_chains(self) -> None:
        file = "chains/chains.yaml"
        for chain in self.data.chains:
            src = self.sources(file, urls=chain.sources)
            self.chains.add(chain.id)
            self.rows.node(
                "Chain",
                chain.id,
                {
                    "name_zh": chain.name_zh,
                    "name_en": chain.name_en,
                    "description_zh": chain.description_zh,
                },
                src,
            )
            for seg in chain.segments:
                self.segments.add(seg.id)
                self.rows.node(
                    "Segment",
                    seg.id,
                    {
                        "chain_id": chain.id,
                        "name_zh": seg.name_zh,
                        "name_en": seg.name_en,
                        "stage": seg.stage,
                        "keywords": seg.keywords,
                        "industry_codes": seg.gbt4754,
                    },
                    src,
                )
                self.rows.rel("PART_OF", ("Segment", seg.id), ("Chain", chain.id), src)
        for chain in self.data.chains:
            src = self.sources(file, urls=chain.sources)
            for seg in chain.segments:
                for target in seg.supplies:
                    if target in self.segments:
                        self.rows.rel("FEEDS", ("Segment", seg.id), ("Segment", target), src)
                    else:
                        self.reject_ref(
                            file, 0, f"{seg.id}.supplies", target, "产业链环节", "chain segment"
                        )

    def add_categories(self) -> None:
        file = "chains/marine_categories.csv"
        records = self.data.records(file)
        for _, rec in records:
            src = self.sources(file, urls=rec.source_url)
            self.rows.node(
                "MarineCategory",
                f"gbt20794:{rec.code}",
                {
                    "code": rec.code,
                    "name_zh": rec.name_zh,
                    "name_en": rec.name_en,
                    "layer": rec.layer,
                    "level": rec.level,
                    "industry_codes": rec.gbt4754_codes,
                    "notes": rec.notes,
                },
                src,
            )
        codes = {rec.code for _, rec in records}
        for line, rec in records:
            if rec.parent_code and rec.parent_code in codes:
                self.rows.rel(
                    "PART_OF",
                    ("MarineCategory", f"gbt20794:{rec.code}"),
                    ("MarineCategory", f"gbt20794:{rec.parent_code}"),
                    self.sources(file, urls=rec.source_url),
                )
            elif rec.parent_code:
                self.reject_ref(file, line, "parent_code", rec.parent_code, "上级分类", "category")

    def add_parks(self) -> None:
        file = "qingdao/parks.csv"
        for line, rec in self.data.records(file):
            src = self.sources(file, rec)
            node = (
                "Park",
                self.rows.node(
                    "Park",
                    stable_id("park", rec.name),
                    {
                        "name": rec.name,
                        "name_en": rec.name_en,
                        "aliases": rec.aliases,
                        "kind": rec.kind,
                        "district": rec.district,
                        "area_km2": rec.area_km2,
                        "notes": rec.notes,
                    },
                    src,
                ),
            )
            self.rows.rel("LOCATED_IN", node, self.qingdao(rec.district, src), src)
            for chain in rec.focus_chains:
                if chain in self.chains:
                    self.rows.rel("FOCUSES_ON", node, ("Chain", chain), src)
                else:
                    self.reject_ref(file, line, "focus_chains", chain, "产业链", "chain")

    def add_institutions(self) -> None:
        file = "qingdao/institutions.csv"
        for line, rec in self.data.records(file):
            src = self.sources(file, rec)
            node = (
                "Institution",
                self.rows.node(
                    "Institution",
                    stable_id("institution", rec.name),
                    {
                        "name": rec.name,
                        "name_en": rec.name_en,
                        "aliases": rec.aliases,
                        "kind": rec.kind,
                        "district": rec.district,
                        "fields": rec.fields,
                        "notes": rec.notes,
                    },
                    src,
                ),
            )
            self.rows.rel("LOCATED_IN", node, self.qingdao(rec.district, src), src)
            self.link_park(file, line, node, rec.park, src)
            self.link_segments(file, line, node, rec.segments, src)

    def add_firms(self, file: str) -> None:
        for line, rec in self.data.records(file):
            src = self.sources(file, rec)
            capital_cny = None
            if rec.registered_capital:
                try:
                    money = parse_money(rec.registered_capital)
                except ValueProblem:
                    money = None
                capital_cny = money.amount if money and money.currency == "CNY" else None
            aliases = [a for a in [rec.short_name, *rec.aliases] if a]
            node = (
                "Firm",
                self.rows.node(
                    "Firm",
                    firm_id(rec),
                    {
                        "name": rec.name,
                        "aliases": aliases,
                        "uscc": rec.uscc,
                        "province": rec.province,
                        "city": rec.city,
                        "district": rec.district,
                        "role": rec.role,
                        "high_tech": rec.high_tech,
                        "specialised": rec.specialised,
                        "founded": rec.founded,
                        "registered_capital_text": rec.registered_capital,
                        "registered_capital_cny": capital_cny,
                        "insured_employees": rec.insured_employees,
                        "synthetic": rec.synthetic,
                        "notes": rec.notes,
                    },
                    src,
                ),
            )
            path = region_path(rec.province, rec.city, rec.district)
            if len(path) > 1:
                self.rows.rel("LOCATED_IN", node, self.region(path, src), src)
            self.link_park(file, line, node, rec.park, src)
            self.link_segments(file, line, node, rec.segments, src)

    def add_projects(self) -> None:
        file = "qingdao/projects.csv"
        for line, rec in self.data.records(file):
            src = self.sources(file, rec)
            node = (
                "Project",
                self.rows.node(
                    "Project",
                    stable_id("project", rec.name, *rec.investor),
                    {
                        "name": rec.name,
                        "amount_cny": rec.amount_cny,
                        "amount_text": rec.amount_text,
                        "status": rec.status,
                        "signed_date": rec.signed_date,
                        "district": rec.district,
                        "investors": rec.investor,
                        "notes": rec.notes,
                    },
                    src,
                ),
            )
            self.rows.rel("LOCATED_IN", node, self.qingdao(rec.district, src), src)
            self.link_named(
                file,
                line,
                "investor",
                "INVESTED_BY",
                node,
                rec.investor,
                ("Firm", "Institution"),
                src,
                ("投资方", "investor"),
            )
            self.link_park(file, line, node, rec.park, src)
            self.link_segments(file, line, node, rec.segments, src)

    def add_people(self) -> None:
        file = "qingdao/talent.csv"
        for line, rec in self.data.records(file):
            src = self.sources(file, rec)
            node = (
                "Person",
                self.rows.node(
                    "Person",
                    stable_id("person", rec.name, rec.affiliation or ""),
                    {
                        "name": rec.name,
                        "title": rec.title,
                        "honours": rec.honours,
                        "field": rec.field,
                        "affiliation": rec.affiliation,
                        "notes": rec.notes,
                    },
                    src,
                ),
            )
            if rec.affiliation:
                self.link_named(
                    file,
                    line,
                    "affiliation",
                    "AFFILIATED_WITH",
                    node,
                    [rec.affiliation],
                    ("Institution", "Firm"),
                    src,
                    ("任职单位", "affiliation"),
                )
            for seg in rec.segments:
                if seg in self.segments:
                    self.rows.rel(
                        "EXPERT_IN",
                        node,
                        ("Segment", seg),
                        src,
                        {"evidence": f"curated: data/{file}"},
                        confidence=SEGMENT_LINK_CONFIDENCE,
                    )
                else:
                    self.reject_ref(file, line, "segments", seg, "产业链环节", "chain segment")

    def add_products(self) -> None:
        file = "qingdao/models.csv"
        for line, rec in self.data.records(file):
            src = self.sources(file, rec)
            node = (
                "Product",
                self.rows.node(
                    "Product",
                    stable_id("product", rec.name),
                    {
                        "name": rec.name,
                        "kind": rec.kind,
                        "launched": rec.launched,
                        "notes": rec.notes,
                        "owners": rec.owner,
                    },
                    src,
                ),
            )
            self.link_named(
                file,
                line,
                "owner",
                "DEVELOPED_BY",
                node,
                rec.owner + rec.co_developers,
                ("Firm", "Institution"),
                src,
                ("研发单位", "developer"),
            )
            self.link_segments(file, line, node, rec.segments, src)

    def add_supplies(self) -> None:
        file = "links/supplies.csv"
        for line, rec in self.data.records(file):
            src = self.sources(file, rec)
            supplier = self.names.resolve(rec.supplier, ("Firm",))
            customer = self.names.resolve(rec.customer, ("Firm",))
            if supplier is None:
                self.reject_ref(file, line, "supplier", rec.supplier, "供应商企业", "supplier firm")
            if customer is None:
                self.reject_ref(file, line, "customer", rec.customer, "客户企业", "customer firm")
            if supplier and customer:
                self.rows.rel("SUPPLIES", supplier, customer, src, {"product": rec.product})


FILE_LABELS = {
    "chains/chains.yaml": "Chain",
    "chains/marine_categories.csv": "MarineCategory",
    "qingdao/parks.csv": "Park",
    "qingdao/institutions.csv": "Institution",
    "qingdao/firms.csv": "Firm",
    "national/firms.csv": "Firm",
    "qingdao/projects.csv": "Project",
    "qingdao/talent.csv": "Person",
    "qingdao/models.csv": "Product",
    "links/supplies.csv": "SUPPLIES",
}


def ingest_canonical(store: GraphStore, source: CanonicalSource, ctx: RunContext) -> SourceReport:
    """One canonical source step: read data/, write what changed, expire on a full refresh.

    Every node and relationship is hashed on its own (the files are small), nodes of every label
    first, then relationships, so an interrupted run is finished by the next one.
    """
    began = time.monotonic()
    report = SourceReport(source.name, source.kind)
    if not source.path.is_dir():
        report.rejects.append(
            Reject(
                str(source.path),
                0,
                "",
                "",
                f"数据目录不存在：{source.path}",
                f"data folder {source.path} does not exist",
                "file",
            )
        )
        report.add("Source", "rejected")
        report.seconds = time.monotonic() - began
        return report
    data = read_canonical(source.path)
    rows = RowBuilder(data).build()
    ctx.tick(sum(len(t.records) for t in data.tables.values()))
    for label in NODE_ORDER:
        write_hashed_nodes(store, label, rows.node_rows(label), source.tag, ctx, report)
    for key, rel_rows in sorted(rows.rels.items()):
        write_hashed_relationships(store, key, list(rel_rows.values()), source.tag, ctx, report)
    if ctx.full:
        seen = {
            (rel_type, a_label, f, b_label, t)
            for (rel_type, a_label, b_label), pairs in rows.rels.items()
            for (f, t) in pairs
        }
        files = [i for i, row in rows.nodes["Source"].items() if row["props"].get("kind") == "file"]
        expire_unseen(store, files, seen, ctx, report)
    report.rejects = rows.rejects
    for reject in rows.rejects:
        if reject.severity != "warning":
            report.add(FILE_LABELS.get(reject.file, "Source"), "rejected")
    report.source_ids = sorted(rows.nodes["Source"])
    report.seconds = time.monotonic() - began
    return report


@dataclass
class LoadReport:
    run_id: str
    status: str
    counts: dict[str, dict[str, int]]
    rejects: list[Reject]
    seconds: float


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def load_canonical(store: GraphStore, root: Path, full: bool = False) -> LoadReport:
    """Read data/ under ``root`` and write it to ``store`` as one IngestRun (no lock, no files)."""
    from oceanbrain.ingest.config import parse_config
    from oceanbrain.ingest.job import execute

    config = parse_config(
        f'[[source]]\nname = "data"\nkind = "canonical"\npath = {json.dumps(str(root.resolve()))}\n'
    )
    result = execute(store, config, full=full)
    return LoadReport(result.run_id, result.status, result.counts, result.rejects, result.seconds)

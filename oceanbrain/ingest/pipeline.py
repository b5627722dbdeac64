"""The streaming ingest pipeline and the change-tracking writer every source kind shares.

Enterprise exports (企查查/天眼查-style firm lists) go through
read rows in chunks → resolve firm ids (``Resolver``) → content-hash check → classify into chain
segments (``Classifier``; IN_SEGMENT with ``observed = false``) → new regions, then batched
upserts of each firm with its relationships and row hash. Only one chunk of rows is in memory
at a time.

Content hashes: each fact keeps ``row_hashes``, a list of ``<source tag>=<hash>`` entries (see
``oceanbrain.graph.upsert``). For an export the hash covers the cells of the source row as read,
the versions of the row conversion and of the classification data, and the source's default
province and city (``Preparer.entry_hash``); it lives on the Firm node. A batch of firms is written
as one statement (firm, LOCATED_IN, IN_SEGMENT and hash together, one transaction), so a run
killed mid-chunk leaves no firm that looks done but is not; in a full refresh a changed firm's
hash is written only after its stale relationships are expired. A row whose hash is unchanged
is skipped whole (its relationships are unchanged too).

Expiry (``full=True``): relationships of this source that a full refresh no longer implies get
``expired = true``: those of firms whose row changed (rewritten this run, the rest are stale)
and all of those of firms that vanished from the source. Rows skipped as unchanged count as
seen. Nothing is deleted.
"""

from __future__ import annotations

import hashlib
import json
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path
from typing import Any

from oceanbrain.graph import GraphStore
from oceanbrain.graph import upsert as up
from oceanbrain.ingest.classify import CROSSWALK_FILE
from oceanbrain.ingest.config import EnterpriseExportSource
from oceanbrain.ingest.prepare import PreparedRow, Preparer, RawRow, executor, fingerprint
from oceanbrain.ingest.rejects import Reject
from oceanbrain.ingest.report import SourceReport
from oceanbrain.ingest.sources.enterprise_export import (
    ExportResult,
    read_enterprise_export,
    seen_key,
)
from oceanbrain.ingest.values import stable_id

PIPELINE_VERSION = "2"  # bump when the conversion of export rows changes
# Firm properties whose change is a "changed registration" in the weekly diff (工商登记变更).
REGISTRATION_FIELDS = (
    "name",
    "legal_rep",
    "status",
    "registered_capital_text",
    "firm_type",
    "address",
    "district",
    "industry_code",
)
Progress = Callable[[int], None]
# one source row of a chunk: (row number, hash of its cells, its cache entry or None)
_Step = tuple[int, str, tuple[str, str, str] | None]


def row_fingerprint(row: dict[str, Any]) -> str:
    return fingerprint([row["props"], row["sources"], row["observed"], row["confidence"]])


def with_entry(current: list[str] | None, tag: str, entry: str) -> list[str]:
    """``current`` row hashes with this source's entry replaced by ``entry``."""
    kept = [h for h in current or [] if not h.startswith(tag + "=")]
    return sorted([*kept, entry])


@dataclass
class RunContext:
    """What every source step needs to know about the run it is part of."""

    run_id: str
    full: bool = False
    dry_run: bool = False
    batch_size: int = 1000
    chunk_rows: int = 5000
    progress: Progress | None = None
    state_dir: Path | None = None  # where export sources keep their row-hash cache
    workers: int = 0  # processes preparing export rows (see oceanbrain.ingest.prepare)

    def tick(self, n: int) -> None:
        if self.progress is not None and n:
            self.progress(n)


# -- the shared change-tracking writer (small sources: every node and relationship hashed) -------
def write_hashed_nodes(
    store: GraphStore,
    label: str,
    rows: list[dict[str, Any]],
    tag: str,
    ctx: RunContext,
    report: SourceReport,
) -> None:
    """Write node rows whose hash changed; count created/updated/unchanged."""
    if not rows:
        return
    existing = up.node_hashes(store, label, [r["id"] for r in rows])
    todo = []
    for row in rows:
        entry = f"{tag}={row_fingerprint(row)}"
        found = existing.get(row["id"])
        hashes = (found or {}).get("row_hashes") or []
        if found is not None and entry in hashes:
            report.add(label, "unchanged")
            continue
        report.add(label, "updated" if found is not None else "created")
        todo.append(
            {**row, "props": {**row["props"], "row_hashes": with_entry(hashes, tag, entry)}}
        )
    if todo and not ctx.dry_run:
        up.write_nodes(store, label, todo, ctx.run_id, ctx.batch_size)


def write_hashed_relationships(
    store: GraphStore,
    key: tuple[str, str, str],
    rows: list[dict[str, Any]],
    tag: str,
    ctx: RunContext,
    report: SourceReport,
) -> None:
    rel_type, source, target = key
    if not rows:
        return
    existing = up.relationship_hashes(
        store, rel_type, source, target, [(r["from"], r["to"]) for r in rows]
    )
    todo = []
    for row in rows:
        entry = f"{tag}={row_fingerprint(row)}"
        found = existing.get((row["from"], row["to"]))
        hashes = (found or {}).get("row_hashes") or []
        if found is not None and entry in hashes and not found.get("expired"):
            report.add(rel_type, "unchanged")
            continue
        report.add(rel_type, "updated" if found is not None else "created")
        todo.append(
            {**row, "props": {**row["props"], "row_hashes": with_entry(hashes, tag, entry)}}
        )
    if todo and not ctx.dry_run:
        up.upsert_relationships(store, rel_type, source, target, todo, ctx.run_id, ctx.batch_size)


def expire_unseen(
    store: GraphStore,
    source_ids: list[str],
    seen: set[tuple[str, str, str, str, str]],
    ctx: RunContext,
    report: SourceReport,
) -> None:
    """Expire live relationships stating any of ``source_ids`` that are not in ``seen``.

    ``seen`` holds (type, from label, from id, to label, to id) of everything the full refresh
    implied, written or unchanged.
    """
    stale: dict[tuple[str, str, str], list[tuple[str, str]]] = {}
    for row in up.relationships_of_sources(store, source_ids):
        key = (row["type"], row["a_label"], row["a"], row["b_label"], row["b"])
        if key not in seen:
            stale.setdefault((row["type"], row["a_label"], row["b_label"]), []).append(
                (row["a"], row["b"])
            )
    for (rel_type, a_label, b_label), pairs in sorted(stale.items()):
        report.add(rel_type, "expired", len(pairs))
        if not ctx.dry_run:
            up.expire_relationships(store, rel_type, a_label, b_label, pairs, ctx.run_id)


# -- enterprise exports ---------------------------------------------------------------------------
def _resolver(store: GraphStore) -> Any:
    from oceanbrain.ingest.resolve import Resolver

    return Resolver.from_store(store)


def _save_judgements(store: GraphStore, resolver: Any, run_id: str) -> int:
    pending = resolver.pending_judgements()
    if not pending:
        return 0
    try:
        from oceanbrain.graph.review import save_judgements
    except ImportError:
        return 0
    return int(save_judgements(store, pending, run_id))


def classification_version(data_dir: Path) -> str:
    """Changes when the chain data the classifier reads or the row conversion changes, so
    every row's hash changes with it."""
    parts = [PIPELINE_VERSION]
    for name in ("chains/chains.yaml", "chains/marine_categories.csv", CROSSWALK_FILE):
        path = data_dir / name
        parts.append(hashlib.sha1(path.read_bytes()).hexdigest() if path.is_file() else "-")
    return fingerprint(parts)


def region_chain(props: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(id, name, level) from the country down to the firm's most precise region."""
    path = [("中国", "country")]
    province, city, district = props.get("province"), props.get("city"), props.get("district")
    if province:
        path.append((province, "province"))
    if city and city != province:
        path.append((city, "city"))
    if district and len(path) > 1:
        path.append((district, "district"))
    return [
        ("region:" + "/".join(p[0] for p in path[: i + 1]), name, level)
        for i, (name, level) in enumerate(path)
    ]


class _Writes:
    """One chunk's writes run on a thread while the main thread resolves the next chunk.

    Only one write task is ever pending, and :meth:`wait` is called before the graph is read
    again, so reads always see every earlier write and the store is never used by two threads
    at once. An error in a write task is raised by the next :meth:`wait`.
    """

    def __init__(self, report: SourceReport) -> None:
        self.report = report
        self._pool: ThreadPoolExecutor | None = None
        self._pending: Future[dict[str, int]] | None = None

    def submit(self, fn: Callable[..., dict[str, int]], *args: Any) -> None:
        self.wait()
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ingest-writes")
        self._pending = self._pool.submit(fn, *args)

    def wait(self) -> None:
        pending, self._pending = self._pending, None
        if pending is not None:
            for rel_type, n in pending.result().items():
                self.report.add(rel_type, "expired", n)

    def __enter__(self) -> _Writes:
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            if exc[0] is None:
                self.wait()
        finally:
            if self._pool is not None:
                self._pool.shutdown(wait=True)
                self._pool = None


class ExportIngest:
    """One enterprise-export source through the pipeline (see the module docstring)."""

    def __init__(
        self,
        store: GraphStore,
        source: EnterpriseExportSource,
        ctx: RunContext,
        data_dir: Path,
    ) -> None:
        self.store = store
        self.source = source
        self.ctx = ctx
        self.tag = source.tag
        self.report = SourceReport(source.name, source.kind)
        self.source_id = stable_id("src:file", f"ingest:{source.name}")
        self.data_dir = data_dir
        self.salt = classification_version(data_dir)
        self.seen: set[str] = set()
        self.regions_done: set[str] = set()
        self._resolver_obj: Any = None
        self._segments: set[str] | None = None  # Segment ids in the graph, read on first use
        self._writes = _Writes(self.report)
        # row-hash cache: raw row key → (firm id, hash entry); see _load_state
        # row-hash cache: raw row key → (firm id, hash entry, duplicate-check key)
        self.cached: dict[str, tuple[str, str, str]] = {}
        self.new_state: dict[str, tuple[str, str, str]] = {}

    @property
    def resolver(self) -> Any:
        """Built on first use: a re-run whose rows are all cached never loads the known firms."""
        if self._resolver_obj is None:
            self._resolver_obj = _resolver(self.store)
        return self._resolver_obj

    # -- the row-hash cache ------------------------------------------------------------------
    # A speed-up only, never the truth: the cache file maps a hash of a row's raw cells to the
    # firm id and hash entry it produced. It is trusted only when the token it was written with
    # equals the token on this source's Source node, which is cleared before a run writes
    # anything and set again after the cache is saved; a killed run, a reset graph or another
    # graph therefore all fall back to the full path (resolve, hash, compare with the graph),
    # and so does a same-entity review decision made after the cache was saved.
    def _state_path(self) -> Path | None:
        if self.ctx.state_dir is None:
            return None
        return self.ctx.state_dir / f"{self.source.name}.tsv"

    def _load_state(self) -> None:
        path = self._state_path()
        if path is None or not path.is_file():
            return
        token = up.source_token(self.store, self.source_id)
        try:
            with path.open(encoding="utf-8") as fh:
                head = json.loads(fh.readline())
                if not token or head.get("token") != token or head.get("salt") != self.salt:
                    return
                # a reviewer merged or split firms since: rows must be resolved again
                if up.same_entity_decisions_since(self.store, head.get("saved_at", "")):
                    return
                for line in fh:
                    key, firm_id, entry, seen = line.rstrip("\n").split("\t")
                    self.cached[key] = (firm_id, entry, seen)
        except (OSError, ValueError):
            self.cached = {}

    def _save_state(self) -> None:
        path = self._state_path()
        if path is None or self.ctx.dry_run:
            return
        token = uuid.uuid4().hex
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        with tmp.open("w", encoding="utf-8") as fh:
            saved_at = datetime.now(UTC).isoformat(timespec="seconds")
            fh.write(json.dumps({"token": token, "salt": self.salt, "saved_at": saved_at}) + "\n")
            for key, (firm_id, entry, seen) in self.new_state.items():
                fh.write(f"{key}\t{firm_id}\t{entry}\t{seen}\n")
        tmp.replace(path)
        up.set_source_token(self.store, self.source_id, token)

    def run(self) -> SourceReport:
        began = time.monotonic()
        files = self.source.files()
        if not files:
            self.report.rejects.append(
                Reject(
                    self.source.path,
                    0,
                    "",
                    "",
                    f"没有匹配的文件：{self.source.path}",
                    f"no file matches {self.source.path}",
                    "file",
                )
            )
        if not self.ctx.dry_run:
            up.write_nodes(
                self.store,
                "Source",
                [
                    {
                        "id": self.source_id,
                        "props": {
                            "kind": "dataset",
                            "url": self.source.path,
                            "title": self.source.name,
                        },
                        "sources": [],
                        "observed": True,
                        "confidence": 1.0,
                    }
                ],
                self.ctx.run_id,
            )
        self._load_state()
        if not self.ctx.dry_run:
            up.set_source_token(self.store, self.source_id, None)  # trusted again once saved
        with self._writes:
            for path in files:
                self._file(path)
        if self.ctx.full and files and not any(r.severity == "file" for r in self.report.rejects):
            self._expire_vanished()
        if not self.ctx.dry_run and self._resolver_obj is not None:
            _save_judgements(self.store, self._resolver_obj, self.ctx.run_id)
        self._save_state()
        self.report.seconds = time.monotonic() - began
        return self.report

    def _file(self, path: Path) -> None:
        if not path.is_file():
            self.report.rejects.append(
                Reject(
                    str(path), 0, "", "", f"文件不存在：{path}", f"file not found: {path}", "file"
                )
            )
            return
        export = read_enterprise_export(path, self.source.all_aliases())
        records = export.raw_rows()
        preparer = Preparer(
            export.converter(),
            self.source,
            self.tag,
            self.salt,
            self.data_dir if self.source.classify else None,
        )
        # chunks whose rows are being prepared (in a worker) while earlier ones are written
        in_flight: deque[tuple[list[_Step], Future[Any]]] = deque()
        inline, pool = executor(0), None
        try:
            while chunk := list(islice(records, self.ctx.chunk_rows)):
                steps: list[_Step] = []
                slow: list[RawRow] = []
                for number, cells in chunk:
                    key = export.row_key(cells)
                    hit = self.cached.pop(key, None)  # pop: a repeated row takes the full path
                    steps.append((number, key, hit))
                    if hit is None:
                        slow.append((number, cells, key))
                # the first chunk is prepared here; when it is full (more rows follow) the
                # worker starts and warms up meanwhile. A short file never starts one, nor does
                # a re-run whose rows are all unchanged.
                first = not in_flight
                more = not first or len(chunk) == self.ctx.chunk_rows
                if pool is None and slow and more and self.ctx.workers > 0:
                    pool = executor(self.ctx.workers)
                    pool.submit(preparer.warm_up)
                runner = pool if pool is not None and slow and not first else inline
                in_flight.append((steps, runner.submit(preparer.prepare, slow)))
                while len(in_flight) > max(1, self.ctx.workers):
                    self._apply(export, *in_flight.popleft())
            while in_flight:
                self._apply(export, *in_flight.popleft())
        finally:
            if pool is not None:
                pool.shutdown(cancel_futures=True)
        self.report.rejects.extend(export.rejects)
        self.report.add(
            "Firm", "rejected", sum(1 for r in export.rejects if r.severity != "warning")
        )

    def _apply(self, export: ExportResult, steps: list[_Step], prepared: Future[Any]) -> None:
        """Use one prepared chunk, in row order: cached rows, rejects, duplicates, new rows."""
        rows, rejects = prepared.result()
        by_number = {row.number: row for row in rows}
        problems: dict[int, list[Reject]] = {}
        for reject in rejects:
            problems.setdefault(reject.row, []).append(reject)
        todo: list[PreparedRow] = []
        unchanged = 0
        for number, key, hit in steps:
            if hit is not None:
                export.note_seen(number, hit[2])
                self.seen.add(hit[0])
                self.new_state[key] = hit
                unchanged += 1
                continue
            export.rejects.extend(problems.get(number, ()))
            row = by_number.get(number)
            if row is not None and not export.duplicate_row(number, row.uscc, row.name):
                todo.append(row)
        if unchanged:
            self.report.add("Firm", "unchanged", unchanged)
        if todo:
            self._chunk(todo)
        self.ctx.tick(len(steps))

    def _chunk(self, rows: list[PreparedRow]) -> None:
        from oceanbrain.ingest.resolve import FirmKey

        by_id: dict[str, PreparedRow] = {}
        for row in rows:
            key = FirmKey(row.name, row.uscc, tuple(row.props.get("aliases", ())))
            by_id[self.resolver.resolve(key).id] = row
        ids = list(by_id)
        self.seen.update(ids)
        self._writes.wait()  # the previous chunk's writes, which ran while this one resolved
        existing = up.node_hashes(self.store, "Firm", ids, REGISTRATION_FIELDS)
        new: list[str] = []
        changed: list[str] = []
        for firm_id in ids:
            found = existing.get(firm_id)
            if found is None:
                new.append(firm_id)
            elif by_id[firm_id].entry in (found.get("row_hashes") or []):
                self.report.add("Firm", "unchanged")
            else:
                changed.append(firm_id)
        self.report.add("Firm", "created", len(new))
        self.report.add("Firm", "updated", len(changed))
        todo = new + changed
        if todo:
            self._write(todo, by_id, existing)
        for firm_id in ids:  # written (hash stamped last) or unchanged: cacheable
            row = by_id[firm_id]
            self.new_state[row.key] = (firm_id, row.entry, seen_key(row.uscc, row.name))

    def _write(
        self,
        todo: list[str],
        by_id: dict[str, PreparedRow],
        existing: dict[str, dict[str, Any]],
    ) -> None:
        src = [self.source_id]
        firm_rows: list[dict[str, Any]] = []
        region_rows: list[dict[str, Any]] = []
        part_of: list[dict[str, Any]] = []
        # (type, firm id, target id) of every link written, for the created/updated counts
        links: dict[str, list[tuple[str, str]]] = {}
        changes: list[dict[str, Any]] = []
        for firm_id in todo:
            props, entry = by_id[firm_id].props, by_id[firm_id].entry
            old = existing.get(firm_id)
            if old is not None and any(
                h.startswith(self.tag + "=") for h in old.get("row_hashes") or []
            ):
                diff = {
                    f: [old.get(f), props.get(f)]
                    for f in REGISTRATION_FIELDS
                    if old.get(f) != props.get(f)
                }
                if diff:
                    changes.append({"id": firm_id, "changes": json.dumps(diff, ensure_ascii=False)})
            regions = region_chain(props)
            region: list[str] = []
            if len(regions) > 1:
                for i, (rid, name, level) in enumerate(regions):
                    if rid not in self.regions_done:
                        self.regions_done.add(rid)
                        region_rows.append(
                            {
                                "id": rid,
                                "props": {"name": name, "level": level},
                                "sources": src,
                                "observed": True,
                                "confidence": 1.0,
                            }
                        )
                        if i:
                            part_of.append(
                                {
                                    "from": rid,
                                    "to": regions[i - 1][0],
                                    "props": {},
                                    "sources": src,
                                    "observed": True,
                                    "confidence": 1.0,
                                }
                            )
                region = [regions[-1][0]]
                links.setdefault("LOCATED_IN", []).append((firm_id, region[0]))
            segments = self._known_segments(by_id[firm_id].segments)
            for segment in segments:
                links.setdefault("IN_SEGMENT", []).append((firm_id, segment["id"]))
            old_hashes = (old or {}).get("row_hashes") or []
            # a changed firm in a full refresh gets its new hash only after its stale links
            # are expired (below); until then a killed run leaves it looking changed
            later = self.ctx.full and old is not None
            firm_rows.append(
                {
                    "id": firm_id,
                    "props": props,
                    "hashes": old_hashes if later else with_entry(old_hashes, self.tag, entry),
                    "region": region,
                    "segments": segments,
                }
            )
        targets = {"LOCATED_IN": "Region", "IN_SEGMENT": "Segment"}
        for rel_type, pairs in links.items():
            # a firm that did not exist has no relationships yet: read only for changed firms
            old_pairs = [pair for pair in pairs if pair[0] in existing]
            known = (
                up.relationship_hashes(self.store, rel_type, "Firm", targets[rel_type], old_pairs)
                if old_pairs
                else {}
            )
            self.report.add(rel_type, "updated", len(known))
            self.report.add(rel_type, "created", len(pairs) - len(known))
        if self.ctx.dry_run:
            return
        changed = [i for i in todo if i in existing]
        stamps = [
            {"id": i, "hashes": with_entry(existing[i].get("row_hashes"), self.tag, by_id[i].entry)}
            for i in changed
        ]
        self._writes.submit(
            self._store_chunk, region_rows, part_of, changes, firm_rows, existing, changed, stamps
        )

    def _store_chunk(
        self,
        region_rows: list[dict[str, Any]],
        part_of: list[dict[str, Any]],
        changes: list[dict[str, Any]],
        firm_rows: list[dict[str, Any]],
        existing: dict[str, dict[str, Any]],
        changed: list[str],
        stamps: list[dict[str, Any]],
    ) -> dict[str, int]:
        """The writes of one chunk, in order; runs on the writer thread (see ``_Writes``).
        Returns the relationships expired per type."""
        run, size = self.ctx.run_id, self.ctx.batch_size
        if region_rows:
            up.write_nodes(self.store, "Region", region_rows, run, size)
            up.upsert_relationships(self.store, "PART_OF", "Region", "Region", part_of, run)
        if changes:  # before the rows' hashes: a killed run finds and marks them again
            up.mark_changed(self.store, "Firm", changes, run)
        # firm, links and row hash in one statement per batch (see up.write_export_firms)
        for new in (True, False):
            rows = [row for row in firm_rows if (row["id"] not in existing) is new]
            if rows:
                up.write_export_firms(self.store, rows, run, [self.source_id], size, new=new)
        expired: dict[str, int] = {}
        if self.ctx.full:
            expired = up.expire_stale_firm_relationships(self.store, changed, self.source_id, run)
            up.stamp_node_hashes(self.store, "Firm", stamps, size)
        return expired

    def _known_segments(self, segments: tuple[dict[str, Any], ...]) -> list[dict[str, Any]]:
        """Links to segments the graph has (see ``up.write_export_firms``)."""
        if not segments:
            return []
        if self._segments is None:
            self._segments = up.node_ids(self.store, "Segment")
        return [segment for segment in segments if segment["id"] in self._segments]

    def _expire_vanished(self) -> None:
        """Firms of this source no longer in it: expire their relationships, forget their hash."""
        gone = [i for i in up.firm_ids_of_source(self.store, self.source_id) if i not in self.seen]
        if not gone:
            return
        counts = (
            up.stale_firm_relationships(self.store, gone, self.source_id, self.ctx.run_id)
            if self.ctx.dry_run
            else up.expire_stale_firm_relationships(
                self.store, gone, self.source_id, self.ctx.run_id
            )
        )
        for rel_type, n in counts.items():
            self.report.add(rel_type, "expired", n)
        if not self.ctx.dry_run:
            hashes = up.node_hashes(self.store, "Firm", gone)
            up.stamp_node_hashes(
                self.store,
                "Firm",
                (
                    {
                        "id": i,
                        "hashes": [
                            h
                            for h in (hashes.get(i) or {}).get("row_hashes") or []
                            if not h.startswith(self.tag + "=")
                        ],
                    }
                    for i in gone
                ),
            )


def ingest_enterprise_export(
    store: GraphStore, source: EnterpriseExportSource, ctx: RunContext, data_dir: Path
) -> SourceReport:
    return ExportIngest(store, source, ctx, data_dir).run()


def batched[T](items: Iterable[T], size: int) -> Iterator[list[T]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch

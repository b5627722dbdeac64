"""The weekly ingest job: every source in ``ingest.toml`` as one IngestRun, under a lock.

``run_job`` takes an exclusive ``fcntl`` lock on the configured lock file (a second run while
one is running fails at once with :class:`IngestLocked`), opens the graph, runs each source step
(canonical data/, enterprise exports, documents), records one ``IngestRun`` node with config,
counts per label (created/updated/unchanged/rejected/expired), duration and status, and writes a
JSON run report, the reject report and a log line per step under the reports folder.

Exit codes (``RunResult.exit_code``): 0 ok; 1 finished, some rows rejected; 2 failed.
``dry_run`` reads the sources and the graph to count what would change and writes nothing to
the graph (reports are still written, marked ``dry_run``).
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from oceanbrain.errors import OceanBrainError
from oceanbrain.graph import GraphStore
from oceanbrain.graph import upsert as up
from oceanbrain.ingest.config import (
    CanonicalSource,
    DocumentsSource,
    EnterpriseExportSource,
    IngestConfig,
    SourceConfig,
)
from oceanbrain.ingest.pipeline import Progress, RunContext
from oceanbrain.ingest.rejects import Reject, write_reject_report
from oceanbrain.ingest.report import SourceReport, merge_counts

EXIT_OK, EXIT_REJECTS, EXIT_FAILED = 0, 1, 2
log = logging.getLogger("oceanbrain.ingest")


class IngestLocked(OceanBrainError):
    """Another ingest run holds the lock."""


@dataclass
class RunResult:
    run_id: str
    status: str  # ok / rejects / failed
    full: bool
    dry_run: bool
    started_at: str
    finished_at: str
    seconds: float
    sources: list[SourceReport]
    counts: dict[str, dict[str, int]]
    rejects: list[Reject] = field(default_factory=list)
    report_path: Path | None = None
    rejects_path: Path | None = None
    log_path: Path | None = None

    @property
    def exit_code(self) -> int:
        return {"ok": EXIT_OK, "rejects": EXIT_REJECTS}.get(self.status, EXIT_FAILED)

    @property
    def rejected_rows(self) -> int:
        return sum(s.rejected_rows for s in self.sources)

    def to_dict(self) -> dict[str, Any]:
        return {
            "run_id": self.run_id,
            "status": self.status,
            "exit_code": self.exit_code,
            "full": self.full,
            "dry_run": self.dry_run,
            "started_at": self.started_at,
            "finished_at": self.finished_at,
            "seconds": round(self.seconds, 3),
            "counts": self.counts,
            "rejected_rows": self.rejected_rows,
            "sources": [s.to_dict() for s in self.sources],
            "rejects_report": str(self.rejects_path) if self.rejects_path else None,
            "log": str(self.log_path) if self.log_path else None,
        }

    def summary(self) -> str:
        """The one line a cron mail shows."""
        totals = {
            k: sum(c.get(k, 0) for c in self.counts.values())
            for k in ("created", "updated", "unchanged", "expired")
        }
        parts = ", ".join(f"{k} {v}" for k, v in totals.items())
        return (
            f"{self.run_id} {self.status}{' (dry run)' if self.dry_run else ''}"
            f"{' (full)' if self.full else ''}: {parts}, rejected rows {self.rejected_rows} "
            f"in {self.seconds:.1f}s" + (f"; report {self.report_path}" if self.report_path else "")
        )


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def new_run_id() -> str:
    return "run:" + datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")


@contextmanager
def ingest_lock(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` for the block; raise IngestLocked if it is held.

    The kernel drops an flock when its process dies (even by SIGKILL), so a stale lock file
    never blocks the next run.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 200, 0).decode(errors="replace").strip()
            raise IngestLocked(
                f"another ingest run holds the lock {path}"
                + (f" ({holder})" if holder else "")
                + "; wait for it to finish (runs never overlap)"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()} since {now_iso()}\n".encode(), 0)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def data_dir_of(config: IngestConfig) -> Path:
    """Where the classifier finds chains.yaml: the first canonical source, else ./data next to
    the configuration, else the data/ folder of this checkout."""
    for src in config.sources:
        if isinstance(src, CanonicalSource):
            return src.path
    base = config.path.resolve().parent if config.path else Path.cwd()
    if (base / "data" / "chains" / "chains.yaml").is_file():
        return base / "data"
    return Path(__file__).resolve().parents[2] / "data"


def run_source(
    store: GraphStore, src: SourceConfig, ctx: RunContext, config: IngestConfig
) -> SourceReport:
    if isinstance(src, CanonicalSource):
        from oceanbrain.ingest.load import ingest_canonical

        return ingest_canonical(store, src, ctx)
    if isinstance(src, EnterpriseExportSource):
        from oceanbrain.ingest.pipeline import ingest_enterprise_export

        return ingest_enterprise_export(store, src, ctx, src.data_dir or data_dir_of(config))
    if isinstance(src, DocumentsSource):
        return _documents(store, src, ctx)
    raise OceanBrainError(f"source {src.name!r}: unknown kind {src.kind!r}")


def _documents(store: GraphStore, src: DocumentsSource, ctx: RunContext) -> SourceReport:
    try:
        from oceanbrain.ingest.documents import ingest_documents
    except ImportError as exc:
        report = SourceReport(src.name, src.kind)
        report.error = (
            f"source {src.name!r}: document ingest is not available in this installation "
            f"({exc}); remove the source or install the NLP extra"
        )
        return report
    if ctx.dry_run:
        report = SourceReport(src.name, src.kind)
        report.rejects.append(
            Reject(
                src.name,
                0,
                "",
                "",
                "试运行不处理文档来源",
                "documents are skipped in a dry run",
                "warning",
            )
        )
        return report
    report = ingest_documents(store, src.files(), ctx.run_id)
    report.source = src.name
    return report


def execute(
    store: GraphStore,
    config: IngestConfig,
    *,
    full: bool = False,
    dry_run: bool = False,
    progress: Progress | None = None,
    on_source: Callable[[SourceReport], None] | None = None,
) -> RunResult:
    """Run every source of ``config`` against ``store`` as one IngestRun (no lock, no files)."""
    began = time.monotonic()
    started = now_iso()
    run_id = new_run_id()
    ctx = RunContext(
        run_id,
        full,
        dry_run,
        config.job.batch_size,
        config.job.chunk_rows,
        progress,
        config.job.state_dir,
        config.job.workers,
    )
    if not dry_run:
        store.ensure_schema()
        up.abandon_running_runs(store, started)
        up.start_run(store, run_id, started, config.text, full)
    reports: list[SourceReport] = []
    for src in config.sources:
        step_began = time.monotonic()
        try:
            report = run_source(store, src, ctx, config)
        except Exception as exc:  # one failing source fails the run, never with a traceback
            log.error("%s: source %s failed:\n%s", run_id, src.name, traceback.format_exc())
            report = SourceReport(src.name, src.kind)
            detail = (
                str(exc) if isinstance(exc, OceanBrainError) else f"{type(exc).__name__}: {exc}"
            )
            report.error = f"source {src.name!r} failed: {detail}"
            report.seconds = time.monotonic() - step_began
        reports.append(report)
        log.info(
            "%s: source %s (%s) in %.1fs: %s; rejected rows %d, warnings %d%s",
            run_id,
            report.source,
            report.kind,
            report.seconds,
            json.dumps(report.counts, ensure_ascii=False),
            report.rejected_rows,
            report.warnings,
            f"; error: {report.error}" if report.error else "",
        )
        if on_source is not None:
            on_source(report)
    counts = merge_counts(reports)
    if any(r.error for r in reports):
        status = "failed"
    elif any(r.rejected_rows for r in reports):
        status = "rejects"
    else:
        status = "ok"
    seconds = time.monotonic() - began
    finished = now_iso()
    if not dry_run:
        payload = {
            "totals": counts,
            "sources": {r.source: r.counts for r in reports},
            "errors": {r.source: r.error for r in reports if r.error},
        }
        source_ids = sorted({i for r in reports for i in r.source_ids})
        up.finish_run(
            store,
            run_id,
            finished,
            status,
            json.dumps(payload, ensure_ascii=False),
            source_ids,
            seconds,
        )
    rejects = [r for rep in reports for r in rep.rejects]
    return RunResult(
        run_id, status, full, dry_run, started, finished, seconds, reports, counts, rejects
    )


def _file_logging(path: Path) -> logging.Handler:
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    return handler


def run_job(
    config: IngestConfig,
    *,
    full: bool = False,
    dry_run: bool = False,
    progress: Progress | None = None,
    on_source: Callable[[SourceReport], None] | None = None,
    store: GraphStore | None = None,
) -> RunResult:
    """The weekly job: lock, open the graph, run every source, write the reports.

    Raises IngestLocked if another run holds the lock and OceanBrainError if the graph cannot
    be opened; a failing source does not raise (the result's status is ``failed``). ``store``:
    use this open graph (left open) instead of the one the settings name.
    """
    reports_dir = config.job.reports_dir
    log_path = reports_dir / "ingest.log"
    with ingest_lock(config.job.lock_file):
        handler = _file_logging(log_path)
        try:
            with ExitStack() as stack:
                if store is None:  # open (and close) the configured graph
                    from oceanbrain.graph import open_store

                    store = stack.enter_context(open_store())
                log.info(
                    "start: %s%s%s",
                    store.describe(),
                    " full" if full else "",
                    " dry-run" if dry_run else "",
                )
                result = execute(
                    store,
                    config,
                    full=full,
                    dry_run=dry_run,
                    progress=progress,
                    on_source=on_source,
                )
            stem = result.run_id.replace(":", "-") + ("-dry-run" if dry_run else "")
            result.log_path = log_path
            if result.rejects:
                result.rejects_path, _ = write_reject_report(
                    result.rejects, reports_dir / f"{stem}-rejects"
                )
            result.report_path = reports_dir / f"{stem}.json"
            result.report_path.write_text(
                json.dumps(result.to_dict(), ensure_ascii=False, indent=2), encoding="utf-8"
            )
            log.info("%s", result.summary())
            return result
        except Exception:
            log.error("ingest run failed:\n%s", traceback.format_exc())
            raise
        finally:
            log.removeHandler(handler)
            handler.close()

"""``oceanbrain ingest …``: the weekly ingest job and its reports."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Annotated

import typer

from oceanbrain.cli._common import OutputFormat, ReportFormat, app, at_the_edge, emit, export

ingest_app = typer.Typer(
    help="Run the ingest job (sources in ingest.toml), documents, and what-changed reports.",
    no_args_is_help=True,
)
app.add_typer(ingest_app, name="ingest")


class _Bar:
    """A progress line on a terminal (stderr, redrawn in place); nothing under cron."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.rows = 0
        self.began = time.monotonic()
        self.last = 0.0

    def __call__(self, n: int) -> None:
        self.rows += n
        now = time.monotonic()
        if self.enabled and now - self.last > 0.2:
            self.last = now
            rate = self.rows / max(now - self.began, 1e-9)
            sys.stderr.write(f"\r  ingest: {self.rows:,} rows read ({rate:,.0f} rows/s)   ")
            sys.stderr.flush()

    def clear(self) -> None:
        if self.enabled:
            sys.stderr.write("\r" + " " * 60 + "\r")
            sys.stderr.flush()


@ingest_app.command("run")
@at_the_edge
def ingest_run(
    config: Annotated[Path, typer.Option(help="The ingest configuration (TOML).")] = Path(
        "ingest.toml"
    ),
    full: Annotated[
        bool, typer.Option("--full", help="Full refresh: expire relationships no longer seen.")
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Count what would change; write nothing to the graph.")
    ] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", help="Only the one-line summary, even on a terminal.")
    ] = False,
) -> None:
    """Run every source in ingest.toml as one IngestRun (exit 0 ok, 1 rejects, 2 failed)."""
    from oceanbrain.ingest.config import load_config
    from oceanbrain.ingest.job import run_job
    from oceanbrain.ingest.report import SourceReport

    cfg = load_config(config)
    interactive = sys.stderr.isatty() and not quiet
    bar = _Bar(interactive)

    def on_source(report: SourceReport) -> None:
        if interactive:
            bar.clear()
            line = ", ".join(
                f"{label} " + "/".join(str(v) for v in n.values())
                for label, n in report.counts.items()
                if any(n.values())
            )
            typer.echo(
                f"  {report.source} ({report.kind}) {report.seconds:.1f}s — "
                f"created/updated/unchanged/rejected/expired: {line or 'nothing'}"
                + (f"; ERROR {report.error}" if report.error else ""),
                err=True,
            )

    try:
        result = run_job(cfg, full=full, dry_run=dry_run, progress=bar, on_source=on_source)
    finally:
        bar.clear()
    typer.echo(result.summary())
    for report in result.sources:
        if report.error:
            typer.echo(f"error: {report.error}", err=True)
    if result.rejects_path:
        typer.echo(f"rejects: {result.rejects_path}")
    if result.exit_code:
        raise typer.Exit(result.exit_code)


@ingest_app.command("diff")
@at_the_edge
def ingest_diff(
    since: Annotated[str, typer.Option(help="Run id to compare with (see `ingest runs`).")],
    format: Annotated[ReportFormat, typer.Option(help="table, csv, json or xlsx.")] = (
        ReportFormat.table
    ),
    output: Annotated[Path | None, typer.Option(help="File for csv/xlsx.")] = None,
) -> None:
    """What changed since a run: new firms, new/lost supply links, changed registrations."""
    from oceanbrain.graph import open_store
    from oceanbrain.graph.changes import SECTION_TITLES, changes_since

    with open_store() as store:
        report = changes_since(store, since)
    sections = report.sections()
    if export(format, output, sections, {"since": since, **sections}):
        return
    for name, rows in sections.items():
        zh, en = SECTION_TITLES[name]
        typer.echo(f"\n## {zh} / {en} ({len(rows)})")
        if rows:
            emit(rows, list(rows[0]), OutputFormat.table)


@ingest_app.command("runs")
@at_the_edge
def ingest_runs(
    limit: Annotated[int, typer.Option(help="How many runs, newest first.")] = 20,
    format: Annotated[OutputFormat, typer.Option(help="table, csv or json.")] = OutputFormat.table,
) -> None:
    """List the latest ingest runs with status, duration and totals."""
    from oceanbrain.graph import open_store
    from oceanbrain.graph.changes import list_runs

    with open_store() as store:
        runs = list_runs(store, limit)
    rows = []
    for run in runs:
        totals = (run.get("counts") or {}).get("totals", {})
        row = {k: run.get(k) for k in ("id", "status", "full", "started_at", "seconds")}
        for key in ("created", "updated", "unchanged", "rejected", "expired"):
            row[key] = sum(c.get(key, 0) for c in totals.values())
        rows.append(row)
    emit(
        rows,
        [
            "id",
            "status",
            "full",
            "started_at",
            "seconds",
            "created",
            "updated",
            "unchanged",
            "rejected",
            "expired",
        ],
        format,
    )

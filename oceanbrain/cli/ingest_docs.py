"""``oceanbrain ingest docs PATH…``: news and policy texts into the graph (NLP)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer

from oceanbrain.cli._common import OutputFormat, at_the_edge
from oceanbrain.cli.ingest import ingest_app
from oceanbrain.errors import ConfigError


@ingest_app.command("docs")
@at_the_edge
def ingest_docs(
    paths: Annotated[list[Path], typer.Argument(help=".txt/.md/.html files or directories.")],
    run_id: Annotated[
        str | None, typer.Option("--run-id", help="Ingest run id (default: run:<UTC now>).")
    ] = None,
    fmt: Annotated[OutputFormat, typer.Option("--format", help="table or json.")] = (
        OutputFormat.table
    ),
) -> None:
    """Extract firms, parks, people, projects and relations from documents (文档抽取入图).

    Documents already in the graph (same content hash) are skipped; unknown names become
    review candidates (待审核候选实体); extracted relations are stored with observed=false.
    """
    from oceanbrain.graph import open_store
    from oceanbrain.ingest.documents import ingest_documents

    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise ConfigError(f"no such file or directory: {', '.join(missing)}")
    run = run_id or "run:" + datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    with open_store() as store:
        report = ingest_documents(store, list(paths), run)
    if fmt is OutputFormat.json:
        payload = report.to_dict() | {"run_id": run, "rejects": [r.line() for r in report.rejects]}
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    typer.echo(f"{run}: documents ({report.seconds:.2f} s)")
    for label, numbers in sorted(report.counts.items()):
        shown = ", ".join(f"{k} {v}" for k, v in numbers.items() if v)
        typer.echo(f"  {label}: {shown or '0'}")
    for r in report.rejects:
        typer.echo(f"  rejected: {r.line()}", err=True)

"""``oceanbrain data …``: load the curated data/ files; generate synthetic data."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from oceanbrain.cli._common import app, at_the_edge
from oceanbrain.errors import ConfigError

data_app = typer.Typer(
    help="Load the curated data/ files; generate synthetic data.", no_args_is_help=True
)
app.add_typer(data_app, name="data")


@data_app.command("load")
@at_the_edge
def data_load(
    data_dir: Annotated[
        Path, typer.Option(help="Folder with chains/, qingdao/, national/.")
    ] = Path("data"),
    reports: Annotated[Path, typer.Option(help="Where to write the reject report.")] = Path(
        ".oceanbrain/reports"
    ),
    full: Annotated[
        bool, typer.Option("--full", help="Full refresh: expire links no longer in the files.")
    ] = False,
) -> None:
    """Load the canonical files in data/ with provenance (exit 1 if rows were rejected).

    A thin wrapper over `oceanbrain ingest run` with one canonical source.
    """
    import json

    from oceanbrain.ingest.config import parse_config
    from oceanbrain.ingest.job import run_job

    if not data_dir.is_dir():
        raise ConfigError(f"data folder {data_dir} does not exist; pass --data-dir")
    config = parse_config(
        "[job]\n"
        f"reports_dir = {json.dumps(str(reports.resolve()))}\n"
        "[[source]]\n"
        'name = "data"\nkind = "canonical"\n'
        f"path = {json.dumps(str(data_dir.resolve()))}\n"
    )
    result = run_job(config, full=full)
    typer.echo(result.summary())
    for label, numbers in result.counts.items():
        if any(numbers.values()):
            typer.echo(f"  {label}: " + ", ".join(f"{k} {v}" for k, v in numbers.items() if v))
    if result.rejects:
        rows = result.rejected_rows
        warnings = len(result.rejects) - rows
        typer.echo(f"  rejected rows: {rows}; warnings: {warnings}; report: {result.rejects_path}")
    if result.exit_code:
        raise typer.Exit(result.exit_code)


@data_app.command("synth")
@at_the_edge
def data_synth(
    firms: Annotated[int, typer.Option(help="How many firms (10^3 … 10^6).")],
    out: Annotated[Path, typer.Option(help="A new or empty folder (never data/).")],
    seed: Annotated[int, typer.Option(help="Random seed; same seed, same files.")] = 20261126,
) -> None:
    """Write a deterministic synthetic dataset (示例) in the formats of data/."""
    from oceanbrain.ingest.synthetic import generate

    report = generate(out, firms, seed)
    typer.echo(f"wrote synthetic data (示例) to {report.out_dir}")
    for file, rows in report.counts.items():
        typer.echo(f"  {file}: {rows} rows")

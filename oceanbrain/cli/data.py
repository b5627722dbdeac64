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
) -> None:
    """Load the canonical files in data/ with provenance (exit 1 if rows were rejected)."""
    from oceanbrain.graph import open_store
    from oceanbrain.ingest.load import load_canonical
    from oceanbrain.ingest.rejects import write_reject_report

    if not data_dir.is_dir():
        raise ConfigError(f"data folder {data_dir} does not exist; pass --data-dir")
    with open_store() as store:
        store.ensure_schema()
        report = load_canonical(store, data_dir)
    typer.echo(f"{report.run_id}: {report.status} in {report.seconds:.1f}s")
    for label, numbers in report.counts.items():
        if numbers:
            typer.echo(f"  {label}: " + ", ".join(f"{k} {v}" for k, v in numbers.items()))
    if report.rejects:
        csv_path, _ = write_reject_report(
            report.rejects, reports / (report.run_id.replace(":", "-") + "-rejects")
        )
        rows = sum(1 for r in report.rejects if r.severity != "warning")
        warnings = len(report.rejects) - rows
        typer.echo(f"  rejected rows: {rows}; warnings: {warnings}; report: {csv_path}")
        if rows:
            raise typer.Exit(1)


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

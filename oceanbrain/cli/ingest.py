"""``oceanbrain ingest …``: the weekly ingest job and its reports."""

from __future__ import annotations

import typer

from oceanbrain.cli._common import app

ingest_app = typer.Typer(
    help="Run the ingest job (sources in ingest.toml), documents, and what-changed reports.",
    no_args_is_help=True,
)
app.add_typer(ingest_app, name="ingest")

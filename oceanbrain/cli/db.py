"""``oceanbrain db …``: inspect and initialise the graph database."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from oceanbrain.cli._common import app, at_the_edge

db_app = typer.Typer(help="Inspect and initialise the graph database.", no_args_is_help=True)
app.add_typer(db_app, name="db")


@db_app.command("status")
@at_the_edge
def db_status() -> None:
    """Engine, location (no secrets), node counts per label and schema state."""
    from oceanbrain.graph import open_store
    from oceanbrain.graph.queries import graph_status

    with open_store() as store:
        status = graph_status(store)
    typer.echo(f"engine: {status.location}")
    typer.echo(f"schema: {status.schema.summary()}")
    typer.echo("nodes:")
    width = max(len(label) for label in status.counts)
    for label, n in status.counts.items():
        typer.echo(f"  {label:<{width}}  {n}")
    typer.echo(f"relationships: {status.relationships}")


@db_app.command("init")
@at_the_edge
def db_init() -> None:
    """Create the schema's constraints and indexes (safe to run again)."""
    from oceanbrain.graph import open_store

    with open_store() as store:
        before = store.schema_state()
        after = store.ensure_schema()
        location = store.describe()
    created = len(before.missing) - len(after.missing)
    typer.echo(f"{location}: created {created} constraints/indexes; schema {after.summary()}")


@db_app.command("schema-docs")
@at_the_edge
def db_schema_docs(
    output: Annotated[Path, typer.Option(help="Where to write the Markdown.")] = Path(
        "docs/schema.md"
    ),
    check: Annotated[bool, typer.Option(help="Only check that the file is up to date.")] = False,
) -> None:
    """Generate docs/schema.md from oceanbrain/graph/schema.yaml."""
    from oceanbrain.graph.schema import load_schema, render_markdown

    text = render_markdown(load_schema())
    if check:
        current = output.read_text(encoding="utf-8") if output.exists() else ""
        if current != text:
            typer.echo(f"error: {output} is stale; run `oceanbrain db schema-docs`", err=True)
            raise typer.Exit(1)
        typer.echo(f"{output} is up to date")
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")
    typer.echo(f"wrote {output}")

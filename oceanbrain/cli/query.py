"""``oceanbrain query``: read-only Cypher for analysts."""

from __future__ import annotations

from typing import Annotated

import typer

from oceanbrain.cli._common import OutputFormat, app, at_the_edge, emit


@app.command("query")
@at_the_edge
def query(
    cypher: Annotated[str, typer.Argument(help="A read-only Cypher query.")],
    param: Annotated[
        list[str] | None, typer.Option("--param", "-p", help="name=value (value may be JSON).")
    ] = None,
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.table,
    max_rows: Annotated[int | None, typer.Option(help="Row limit (default: setting).")] = None,
) -> None:
    """Run a read-only Cypher query; writes are refused by the engine (exit code 2)."""
    from oceanbrain.graph import open_store
    from oceanbrain.graph.console import parse_params, run_console_query

    params = parse_params(param or [])
    with open_store() as store:
        result = run_console_query(store, cypher, params, max_rows=max_rows)
    emit(result.rows, result.columns, fmt)
    if result.truncated:
        typer.echo(f"(stopped at {result.max_rows} rows; use --max-rows for more)", err=True)

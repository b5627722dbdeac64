"""``oceanbrain query``: read-only Cypher for analysts, typed or saved (queries/*.cypher)."""

from __future__ import annotations

from typing import Annotated

import typer

from oceanbrain.cli._common import OutputFormat, app, at_the_edge, emit
from oceanbrain.errors import QueryError


@app.command("query")
@at_the_edge
def query(
    cypher: Annotated[
        str | None, typer.Argument(help="A read-only Cypher query (not with --saved/--list).")
    ] = None,
    saved: Annotated[
        str | None, typer.Option("--saved", "-s", help="Run a saved query by name (see --list).")
    ] = None,
    list_: Annotated[
        bool, typer.Option("--list", help="List the saved queries with their parameters.")
    ] = False,
    param: Annotated[
        list[str] | None, typer.Option("--param", "-p", help="name=value (value may be JSON).")
    ] = None,
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.table,
    max_rows: Annotated[int | None, typer.Option(help="Row limit (default: setting).")] = None,
) -> None:
    """Run a read-only Cypher query or a saved one; writes are refused by the engine (exit 2)."""
    from oceanbrain.graph.console import parse_params
    from oceanbrain.graph.saved import get_saved, list_saved

    if list_:
        rows = [q.row() for q in list_saved()]
        emit(rows, ["name", "description_zh", "params", "description_en"], fmt)
        return
    if saved and cypher:
        raise QueryError("give either a CYPHER query or --saved NAME, not both")
    if not saved and not cypher:
        raise QueryError(
            "missing CYPHER: give a query, --saved NAME, or --list to see the saved queries"
        )
    params = parse_params(param or [])
    if saved:
        chosen = get_saved(saved)
        text, params = chosen.cypher, chosen.bind(params)  # checked before connecting
    else:
        text = cypher or ""

    from oceanbrain.graph import open_store
    from oceanbrain.graph.console import run_console_query

    with open_store() as store:
        result = run_console_query(store, text, params, max_rows=max_rows)
    emit(result.rows, result.columns, fmt)
    if result.truncated:
        typer.echo(f"(stopped at {result.max_rows} rows; use --max-rows for more)", err=True)

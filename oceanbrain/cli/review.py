"""``oceanbrain review …``: the review queue (审核) from the command line."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

import typer

from oceanbrain.cli._common import OutputFormat, app, at_the_edge, emit

review_app = typer.Typer(
    help="Review queue (审核): same-entity questions, low-confidence segment links, candidates.",
    no_args_is_help=True,
)
app.add_typer(review_app, name="review")

COLUMNS = ["id", "kind", "subject_name", "object_name", "score", "evidence"]


@review_app.command("list")
@at_the_edge
def review_list(
    kind: Annotated[
        str | None, typer.Option(help="same_entity, segment_link or candidate (default: all).")
    ] = None,
    limit: Annotated[int, typer.Option(help="At most this many items per kind.")] = 500,
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.table,
) -> None:
    """Items waiting for a decision, with pending counts per kind."""
    from oceanbrain.graph import open_store
    from oceanbrain.graph.review import pending_reviews, review_counts

    with open_store() as store:
        items = pending_reviews(store, kind, limit)
        counts = review_counts(store)
    if fmt is OutputFormat.table:
        typer.echo("待审核 pending: " + ", ".join(f"{k} {n}" for k, n in counts.items()))
    emit([item.row() for item in items], COLUMNS, fmt)


@review_app.command("decide")
@at_the_edge
def review_decide(
    item_id: Annotated[str, typer.Argument(help="Item id from `oceanbrain review list`.")],
    kind: Annotated[str, typer.Option(help="same_entity, segment_link or candidate.")],
    by: Annotated[str, typer.Option(help="Who decides (recorded on the Judgement).")],
    accept: Annotated[
        bool | None,
        typer.Option(
            "--accept/--reject", help="Accept (same entity / link holds / real) or reject."
        ),
    ] = None,
) -> None:
    """Record an editor's decision on one review item (who and when are stored)."""
    from oceanbrain.errors import ConfigError
    from oceanbrain.graph import open_store
    from oceanbrain.graph.review import decide

    if accept is None:
        raise ConfigError("say --accept or --reject")
    at = datetime.now(UTC).isoformat(timespec="seconds")
    with open_store() as store:
        decide(store, item_id, kind, "accept" if accept else "reject", by, at)
    typer.echo(f"{'accepted' if accept else 'rejected'} {kind} {item_id} by {by} at {at}")

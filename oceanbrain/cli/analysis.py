"""``oceanbrain gaps`` and ``oceanbrain targets``: chain gap analysis and 招商线索."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import pandas as pd
import typer

from oceanbrain.cli._common import ReportFormat, app, at_the_edge, export


@app.command("gaps")
@at_the_edge
def gaps(
    scope: Annotated[str, typer.Option(help="青岛, a district (崂山区) or a park (青岛蓝谷).")],
    chain: Annotated[str, typer.Option(help="Chain id or name, e.g. marine_ai or 海洋人工智能.")],
    fmt: Annotated[ReportFormat, typer.Option("--format", "-f")] = ReportFormat.table,
    output: Annotated[Path | None, typer.Option(help="File for csv/xlsx (xlsx needs one).")] = None,
) -> None:
    """缺链/弱链/强链 verdicts and 断链 risks for one chain in one scope."""
    from oceanbrain.graph import open_store
    from oceanbrain.graph.analysis import analyse_chain, resolve_chain, resolve_scope

    with open_store() as store:
        where = resolve_scope(store, scope)
        report = analyse_chain(store, resolve_chain(store, chain), where)
    rows = report.table()
    risks = [
        {
            "kind": r.kind,
            "customer_segment": r.customer_segment,
            "supplier_segment": r.supplier_segment,
            "reason_zh": r.reason_zh,
            "hhi": r.hhi,
        }
        for r in report.risks
    ]
    sheets = {"环节 segments": rows, "断链风险 risks": risks}
    payload = {"scope": where.name, "chain": report.chain, "segments": rows, "risks": risks}
    if not export(fmt, output, sheets, payload):
        columns = [
            "segment",
            "name_zh",
            "verdict_zh",
            "firms",
            "leaders",
            "location_quotient",
            "risks",
            "reasons_zh",
        ]
        typer.echo(f"{where.name} · {report.chain}")
        typer.echo(pd.DataFrame(rows)[columns].to_string(index=False))
        for r in risks:
            typer.echo(f"断链风险 [{r['kind']}] {r['reason_zh']}")


@app.command("targets")
@at_the_edge
def targets(
    scope: Annotated[str, typer.Option(help="青岛, a district (崂山区) or a park (青岛蓝谷).")],
    chain: Annotated[str, typer.Option(help="Chain id or name, e.g. marine_ai or 海洋人工智能.")],
    top: Annotated[int, typer.Option(help="How many leads.")] = 50,
    since: Annotated[
        str, typer.Option(help="Projects signed since (YYYY-MM-DD) count as recent.")
    ] = "2023-01-01",
    fmt: Annotated[ReportFormat, typer.Option("--format", "-f")] = ReportFormat.table,
    output: Annotated[Path | None, typer.Option(help="File for csv/xlsx (xlsx needs one).")] = None,
) -> None:
    """招商线索: ranked firms outside the scope for its 缺链/弱链 segments, with reasons."""
    from oceanbrain.graph import open_store
    from oceanbrain.graph.analysis import analyse_chain, resolve_chain, resolve_scope
    from oceanbrain.graph.analysis.targets import recommend_targets

    with open_store() as store:
        report = analyse_chain(store, resolve_chain(store, chain), resolve_scope(store, scope))
        leads = recommend_targets(store, report, top=top, since=since)
    rows = [lead.row() for lead in leads]
    if export(fmt, output, {"招商线索 leads": rows}, rows):
        return
    if not rows:
        typer.echo("(no leads: the chain has no 缺链/弱链 segments in this scope)")
    else:
        columns = ["score", "name", "location", "segment_name", "gap", "reason_zh"]
        typer.echo(pd.DataFrame(rows)[columns].to_string(index=False))

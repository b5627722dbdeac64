"""The ``oceanbrain`` command line: thin wrappers over library functions.

Each command calls one library function and formats its result. Errors OceanBrain raises on
purpose become one ``error:`` line on stderr and exit code 2, never a traceback.
"""

from __future__ import annotations

import functools
import json
import os
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import pandas as pd
import typer

from oceanbrain import settings
from oceanbrain.errors import ConfigError, OceanBrainError, ReadOnlyViolation

app = typer.Typer(
    help="OceanBrain (海洋产业大脑): Qingdao's ocean industry-chain knowledge graph.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
db_app = typer.Typer(help="Inspect and initialise the graph database.", no_args_is_help=True)
app.add_typer(db_app, name="db")
data_app = typer.Typer(
    help="Load the curated data/ files; generate synthetic data.", no_args_is_help=True
)
app.add_typer(data_app, name="data")

EXIT_ERROR = 2


def at_the_edge[**P, R](func: Callable[P, R]) -> Callable[P, R]:
    """Turn OceanBrainError into one stderr line and exit code 2."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except ReadOnlyViolation as exc:
            typer.echo(f"error: refused: {exc}", err=True)
            raise typer.Exit(EXIT_ERROR) from None
        except OceanBrainError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(EXIT_ERROR) from None

    return wrapper


class OutputFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


class ReportFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"
    xlsx = "xlsx"


def _emit(rows: list[dict[str, Any]], columns: list[str], fmt: OutputFormat) -> None:
    if fmt is OutputFormat.json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2, default=str))
        return
    frame = pd.DataFrame.from_records(rows, columns=columns)
    if fmt is OutputFormat.csv:
        typer.echo(frame.to_csv(index=False), nl=False)
    elif frame.empty:
        typer.echo("(no rows)")
    else:
        typer.echo(frame.to_string(index=False))


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
    _emit(result.rows, result.columns, fmt)
    if result.truncated:
        typer.echo(f"(stopped at {result.max_rows} rows; use --max-rows for more)", err=True)


def _export(
    fmt: ReportFormat, output: Path | None, sheets: dict[str, list[dict[str, Any]]], payload: Any
) -> bool:
    """Write a report as JSON (stdout), CSV (first sheet) or XLSX (every sheet).

    Returns False for the table format, which each command prints its own way.
    """
    if fmt is ReportFormat.json:
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2, default=str))
    elif fmt is ReportFormat.xlsx:
        if output is None:
            raise ConfigError("--format xlsx writes a file: add --output report.xlsx")
        with pd.ExcelWriter(output) as writer:
            for name, rows in sheets.items():
                pd.DataFrame(rows).to_excel(writer, sheet_name=name, index=False)
        typer.echo(f"wrote {output}")
    elif fmt is ReportFormat.csv:
        text = pd.DataFrame(next(iter(sheets.values()))).to_csv(index=False)
        if output:
            output.write_text(text, encoding="utf-8-sig")
            typer.echo(f"wrote {output}")
        else:
            typer.echo(text, nl=False)
    else:
        return False
    return True


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
    if not _export(fmt, output, sheets, payload):
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
    if _export(fmt, output, {"招商线索 leads": rows}, rows):
        return
    if not rows:
        typer.echo("(no leads: the chain has no 缺链/弱链 segments in this scope)")
    else:
        columns = ["score", "name", "location", "segment_name", "gap", "reason_zh"]
        typer.echo(pd.DataFrame(rows)[columns].to_string(index=False))


@app.command("settings")
def show_settings() -> None:
    """List every setting, its environment variable and current value (secrets hidden)."""
    for s in settings.SETTINGS:
        value = s.value()
        shown = "(set)" if s.secret and value else value
        typer.echo(f"{s.env_var}={shown if shown is not None else ''}")
        typer.echo(f"    {s.help}")


@app.command("dashboard")
def dashboard(
    port: Annotated[int, typer.Option(help="Port to serve on.")] = 8501,
    address: Annotated[str, typer.Option(help="Address to bind.")] = "localhost",
) -> None:
    """Start the Streamlit dashboard (http://localhost:8501 by default)."""
    app_path = Path(__file__).parent / "dashboards" / "app.py"
    argv = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(app_path),
        "--server.port",
        str(port),
        "--server.address",
        address,
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
    ]
    os.execv(sys.executable, argv)


def main() -> None:
    app()


if __name__ == "__main__":
    main()

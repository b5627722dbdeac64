"""Shared pieces of the command line: the error edge and the output formats."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Any

import pandas as pd
import typer

from oceanbrain.errors import ConfigError, OceanBrainError, ReadOnlyViolation

app = typer.Typer(
    help="OceanBrain (海洋产业大脑): Qingdao's ocean industry-chain knowledge graph.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)

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


def emit(rows: list[dict[str, Any]], columns: list[str], fmt: OutputFormat) -> None:
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


def export(
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

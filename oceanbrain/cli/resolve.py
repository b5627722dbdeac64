"""``oceanbrain resolve …``: measure entity resolution (golden pairs, throughput)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import pandas as pd
import typer

from oceanbrain.cli._common import OutputFormat, app, at_the_edge

resolve_app = typer.Typer(
    help="Entity resolution (企业实体对齐): evaluate on the golden pairs.", no_args_is_help=True
)
app.add_typer(resolve_app, name="resolve")


@resolve_app.command("eval")
@at_the_edge
def resolve_eval(
    golden: Annotated[Path, typer.Option(help="Golden pairs CSV.")] = Path(
        "data/resolution/golden.csv"
    ),
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.table,
    keys: Annotated[int, typer.Option(help="Synthetic keys for the throughput run (0: skip).")] = (
        100_000
    ),
    output: Annotated[Path, typer.Option(help="Where to write the JSON results.")] = Path(
        "benchmarks/results/resolve.json"
    ),
) -> None:
    """Precision, recall and F1 on the golden pairs, per layer and overall; resolver keys/s."""
    from oceanbrain.ingest.resolve_eval import evaluate_golden, threshold_sweep, throughput

    report = evaluate_golden(golden)
    result: dict[str, Any] = {
        "golden": str(golden),
        "summary": report.summary,
        "sweep": threshold_sweep(golden),
        "false_merges": [r for r in report.rows() if r["merged"] and r["expected"] == "different"],
        "missed": [r for r in report.rows() if not r["merged"] and r["expected"] == "same"],
        "throughput": throughput(keys) if keys > 0 else None,
    }
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    if fmt is not OutputFormat.table:
        typer.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    s = report.summary
    typer.echo(
        f"golden pairs: {s['pairs']} ({s['must_merge']} must merge, "
        f"{s['must_not_merge']} must not) · threshold {s['threshold']} · "
        f"review_min {s['review_min']}"
    )
    typer.echo(
        f"overall: precision {s['precision']}  recall {s['recall']}  F1 {s['f1']}  "
        f"false merges {s['false_merges']}  missed {s['missed']}"
    )
    typer.echo(
        f"pending judgements: {s['pending_judgements']} "
        f"({s['pending_on_must_merge']} on must-merge pairs, "
        f"{s['pending_on_must_not_merge']} on must-not-merge pairs); "
        f"recall if reviewers confirm: {s['recall_after_review']}"
    )
    layers = [{"layer": name, **values} for name, values in s["layers"].items()]
    typer.echo(pd.DataFrame(layers).to_string(index=False) if layers else "(no merges)")
    typer.echo("threshold sweep:")
    typer.echo(pd.DataFrame(result["sweep"]).to_string(index=False))
    for row in result["missed"]:
        typer.echo(
            f"missed {row['case_id']}: {row['name_a']} ~ {row['name_b']} ({row['relation']})"
        )
    for row in result["false_merges"]:
        typer.echo(f"FALSE MERGE {row['case_id']}: {row['name_a']} ~ {row['name_b']}")
    if result["throughput"]:
        t = result["throughput"]
        typer.echo(
            f"throughput: {t['keys']} synthetic keys in {t['seconds']} s = "
            f"{t['keys_per_s']} keys/s "
            f"(peak RSS growth {t['peak_rss_growth_mb']} MB)"
        )
    typer.echo(f"wrote {output}")

"""``oceanbrain nlp …``: extract entities and relations from one text; score the corpus."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from oceanbrain.cli._common import app, at_the_edge
from oceanbrain.errors import ConfigError

nlp_app = typer.Typer(
    help="Chinese NLP (中文抽取): entities and relations from text, and its evaluation.",
    no_args_is_help=True,
)
app.add_typer(nlp_app, name="nlp")

CORPUS = Path("tests/nlp/corpus")
RESULTS = Path("benchmarks/results/nlp.json")


class TextFormat(StrEnum):
    json = "json"
    table = "table"


def _read_input(file: str) -> str:
    """The input text exactly as given: bytes decoded as UTF-8, no newline translation."""
    if file == "-":
        raw = sys.stdin.buffer.read()
        where = "standard input"
    else:
        path = Path(file)
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise ConfigError(f"cannot read {file}: {exc.strerror or exc}") from None
        where = file
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(
            f"{where} is not UTF-8 text (byte {exc.start}: {exc.reason}); convert it first, "
            "e.g. iconv -f GBK -t UTF-8"
        ) from None


def _gazetteer(from_graph: bool) -> Any:
    from oceanbrain.nlp.gazetteer import Gazetteer

    if from_graph:
        from oceanbrain.graph import open_store
        from oceanbrain.graph.documents import export_gazetteer
        from oceanbrain.nlp.link import to_nlp_gazetteer_rows

        with open_store() as store:
            return Gazetteer.from_rows(to_nlp_gazetteer_rows(export_gazetteer(store)))
    return Gazetteer.from_canonical(Path("data"))


@nlp_app.command("extract")
@at_the_edge
def nlp_extract(
    file: Annotated[str, typer.Argument(help="UTF-8 text file, or - for standard input.")] = "-",
    fmt: Annotated[TextFormat, typer.Option("--format", help="json or table.")] = TextFormat.json,
    gazetteer_from_graph: Annotated[
        bool,
        typer.Option(
            "--gazetteer-from-graph",
            help="Known names from the graph (links mentions to node ids) instead of data/.",
        ),
    ] = False,
) -> None:
    """Entities and relations in one text (抽取实体与关系); offsets index the input as given."""
    from oceanbrain.nlp.extract import extract
    from oceanbrain.nlp.pipeline import build_pipeline

    text = _read_input(file)
    result = extract(text, build_pipeline(_gazetteer(gazetteer_from_graph)))
    if fmt is TextFormat.json:
        typer.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    typer.echo("entities (实体):")
    if not result["entities"]:
        typer.echo("  (none)")
    for e in result["entities"]:
        linked = f"  → {e['linked_id']}" if e.get("linked_id") else ""
        typer.echo(f"  {e['start']:>6}-{e['end']:<6} {e['type']:<10} {e['text']}{linked}")
    typer.echo("relations (关系):")
    if not result["relations"]:
        typer.echo("  (none)")
    for r in result["relations"]:
        typer.echo(
            f"  {r['subject']} -[{r['relation']}]-> {r['object']}  ({r['confidence']:.2f})"
            f"  「{r['evidence']}」"
        )


def discover_slices(corpus: Path) -> dict[str, Path]:
    """Slice name → file: ``corpus/*.jsonl`` by stem, ``corpus/holdoutN/*.jsonl`` (the held-out
    slices, each in its own folder) as ``holdoutN/<stem>``."""
    found = {p.stem: p for p in sorted(corpus.glob("*.jsonl"))}
    found |= {f"{p.parent.name}/{p.stem}": p for p in sorted(corpus.glob("holdout*/*.jsonl"))}
    return found


@nlp_app.command("eval")
@at_the_edge
def nlp_eval(
    slices: Annotated[
        list[str] | None,
        typer.Option("--slice", help="Slice to score (repeatable); default: every slice found."),
    ] = None,
    fmt: Annotated[TextFormat, typer.Option("--format", help="table or json.")] = (
        TextFormat.table
    ),
    corpus: Annotated[Path, typer.Option(help="Corpus directory.")] = CORPUS,
    output: Annotated[Path, typer.Option(help="Where to write the scores (JSON).")] = RESULTS,
) -> None:
    """Per-type precision/recall/F1 (exact span + type) and relation P/R/F1 per slice."""
    from oceanbrain.nlp.evaluate import evaluate, format_report
    from oceanbrain.nlp.gazetteer import Gazetteer
    from oceanbrain.nlp.pipeline import build_pipeline

    found = discover_slices(corpus)
    names = list(slices) if slices else list(found)
    unknown = [n for n in names if n not in found]
    if unknown:
        raise ConfigError(
            f"no slice {', '.join(unknown)} in {corpus}; found: {', '.join(found) or 'none'}"
        )
    if not names:
        raise ConfigError(f"no *.jsonl slices in {corpus}")
    nlp = build_pipeline(Gazetteer.from_canonical(Path("data")))
    results = {n: evaluate(nlp, found[n], speed=False) | {"file": str(found[n])} for n in names}
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    if fmt is TextFormat.json:
        typer.echo(json.dumps(results, ensure_ascii=False, indent=2))
        return
    for name, result in results.items():
        typer.echo(f"== {name} ({result['passages']} passages, {result['file']})")
        typer.echo(format_report(result))
    typer.echo(f"wrote {output}")

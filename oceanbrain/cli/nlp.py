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
    """Slice name → file: ``corpus/*.jsonl`` by stem, and the slices built in their own folder
    (``holdoutN/``, ``trainN/``) as ``<folder>/<stem>``."""
    found = {p.stem: p for p in sorted(corpus.glob("*.jsonl"))}
    found |= {f"{p.parent.name}/{p.stem}": p for p in sorted(corpus.glob("*/*.jsonl"))}
    return found


def _chosen_slices(corpus: Path, slices: list[str] | None) -> dict[str, Path]:
    found = discover_slices(corpus)
    names = list(slices) if slices else list(found)
    unknown = [n for n in names if n not in found]
    if unknown:
        raise ConfigError(
            f"no slice {', '.join(unknown)} in {corpus}; found: {', '.join(found) or 'none'}"
        )
    if not names:
        raise ConfigError(f"no *.jsonl slices in {corpus}")
    return {n: found[n] for n in names}


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
    rules_only: Annotated[
        bool,
        typer.Option("--rules-only", help="Without the learned models (规则基线)."),
    ] = False,
) -> None:
    """Per-type precision/recall/F1 (exact span + type) and relation P/R/F1 per slice."""
    from oceanbrain.nlp.evaluate import evaluate, format_report
    from oceanbrain.nlp.gazetteer import Gazetteer
    from oceanbrain.nlp.pipeline import build_pipeline

    found = _chosen_slices(corpus, slices)
    names = list(found)
    nlp = build_pipeline(Gazetteer.from_canonical(Path("data")), edges=not rules_only)
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


PARTS = ("entities", "relations")
_SLICES_REQUIRED = typer.Option(
    "--slice", help="Slice to use (repeatable, required: never train on a held-out slice)."
)


def _save_trained(model: Any, target: Path) -> None:
    """Write a freshly trained model (edges.py, persons.py or retype.py) and say what it
    learnt from."""
    target.parent.mkdir(parents=True, exist_ok=True)
    model.save(target)
    weights = model.weights
    nested = [w for w in weights.values() if isinstance(w, dict)]
    features = len({f for w in nested for f in w}) if nested else len(weights)
    typer.echo(
        f"trained on {model.meta['passages']} passages ({model.meta['examples']} examples, "
        f"{features} features); wrote {target}"
    )


@nlp_app.command("train-edges")
@at_the_edge
def nlp_train_edges(
    slices: Annotated[list[str], _SLICES_REQUIRED],
    corpus: Annotated[Path, typer.Option(help="Corpus directory.")] = CORPUS,
    output: Annotated[
        Path | None, typer.Option(help="Model file (default: the shipped one).")
    ] = None,
) -> None:
    """Train the learned edge model (学习型边界模型) on the named annotated slices."""
    from oceanbrain.nlp.edges import MODEL_PATH
    from oceanbrain.nlp.evaluate import load_jsonl
    from oceanbrain.nlp.gazetteer import Gazetteer
    from oceanbrain.nlp.training import train

    found = _chosen_slices(corpus, slices)
    model = train(
        {n: load_jsonl(p) for n, p in found.items()}, Gazetteer.from_canonical(Path("data"))
    )
    _save_trained(model, output or MODEL_PATH)


@nlp_app.command("train-persons")
@at_the_edge
def nlp_train_persons(
    slices: Annotated[list[str], _SLICES_REQUIRED],
    corpus: Annotated[Path, typer.Option(help="Corpus directory.")] = CORPUS,
    output: Annotated[
        Path | None, typer.Option(help="Model file (default: the shipped one).")
    ] = None,
) -> None:
    """Train the learned person finder (学习型人名模型) on the named slices, after the
    shipped edge model (train that one first)."""
    from oceanbrain.nlp.edges import EdgeModel
    from oceanbrain.nlp.evaluate import load_jsonl
    from oceanbrain.nlp.gazetteer import Gazetteer
    from oceanbrain.nlp.persons import MODEL_PATH
    from oceanbrain.nlp.training import train_persons

    found = _chosen_slices(corpus, slices)
    model = train_persons(
        {n: load_jsonl(p) for n, p in found.items()},
        Gazetteer.from_canonical(Path("data")),
        EdgeModel.load(),
    )
    _save_trained(model, output or MODEL_PATH)


@nlp_app.command("train-types")
@at_the_edge
def nlp_train_types(
    slices: Annotated[list[str], _SLICES_REQUIRED],
    corpus: Annotated[Path, typer.Option(help="Corpus directory.")] = CORPUS,
    output: Annotated[
        Path | None, typer.Option(help="Model file (default: the shipped one).")
    ] = None,
) -> None:
    """Train the learned type model (学习型类型模型) on the named slices, after the shipped
    edge and person models (train those first)."""
    from oceanbrain.nlp.edges import EdgeModel
    from oceanbrain.nlp.evaluate import load_jsonl
    from oceanbrain.nlp.gazetteer import Gazetteer
    from oceanbrain.nlp.persons import PersonModel
    from oceanbrain.nlp.retype import MODEL_PATH
    from oceanbrain.nlp.training import train_types

    found = _chosen_slices(corpus, slices)
    model = train_types(
        {n: load_jsonl(p) for n, p in found.items()},
        Gazetteer.from_canonical(Path("data")),
        EdgeModel.load(),
        PersonModel.load(),
    )
    _save_trained(model, output or MODEL_PATH)


@nlp_app.command("crossval")
@at_the_edge
def nlp_crossval(
    slices: Annotated[list[str], _SLICES_REQUIRED],
    corpus: Annotated[Path, typer.Option(help="Corpus directory.")] = CORPUS,
    output: Annotated[Path, typer.Option(help="Where to write the scores (JSON).")] = Path(
        "benchmarks/results/nlp_crossval.json"
    ),
) -> None:
    """Leave one slice out: rules alone, + an edge model, + a person model, + a type model
    (each trained on the other slices)."""
    from oceanbrain.nlp.evaluate import load_jsonl
    from oceanbrain.nlp.gazetteer import Gazetteer
    from oceanbrain.nlp.training import SYSTEMS, cross_validate

    found = _chosen_slices(corpus, slices)
    if len(found) < 2:
        raise ConfigError("crossval needs at least two slices")
    payload = cross_validate(
        {n: load_jsonl(p) for n, p in found.items()}, Gazetteer.from_canonical(Path("data"))
    )
    result, pooled = payload["slices"], payload["pooled"]
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    typer.echo(
        "held-out slice          entity F1: rules → +edges → +persons → +types    "
        "relation F1: (same)"
    )
    table = {
        n: [v[sys_][part]["micro"]["f1"] for part in PARTS for sys_ in SYSTEMS]
        for n, v in result.items()
    }
    table["pooled"] = [pooled[sys_][part]["f1"] for part in PARTS for sys_ in SYSTEMS]
    for name, f in table.items():
        k = len(SYSTEMS)
        ent, rel = (" → ".join(f"{x:.3f}" for x in part) for part in (f[:k], f[k:]))
        typer.echo(f"{name:22s} {ent}        {rel}")
    typer.echo(f"wrote {output}")

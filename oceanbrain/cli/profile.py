"""``oceanbrain profile firm|park``, ``oceanbrain talent`` and ``oceanbrain goals``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import pandas as pd
import typer

from oceanbrain.cli._common import OutputFormat, app, at_the_edge, emit

profile_app = typer.Typer(
    help="Profiles (画像): what the graph holds about one firm or one park.", no_args_is_help=True
)
app.add_typer(profile_app, name="profile")


def _table(title: str, rows: list[dict[str, Any]], columns: list[str]) -> None:
    typer.echo(f"\n{title} ({len(rows)})")
    if rows:
        frame = pd.DataFrame(rows)
        typer.echo(frame[[c for c in columns if c in frame.columns]].to_string(index=False))


def _json(payload: Any) -> None:
    typer.echo(json.dumps(payload, ensure_ascii=False, indent=2, default=str))


@profile_app.command("firm")
@at_the_edge
def profile_firm(
    name: Annotated[str, typer.Argument(help="Firm name, alias (简称/曾用名) or id.")],
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.table,
) -> None:
    """企业画像: segments, suppliers and customers, parks, projects, people and sources."""
    from oceanbrain.graph import open_store
    from oceanbrain.graph.analysis.profiles import firm_profile

    with open_store() as store:
        p = firm_profile(store, name)
    if fmt is not OutputFormat.table:
        _json(p.to_dict()) if fmt is OutputFormat.json else emit([p.row()], list(p.row()), fmt)
        return
    info = p.info
    typer.echo(f"{p.name}  [{p.id}]")
    for label, key in (
        ("地区 region", "district"),
        ("角色 role", "role"),
        ("注册资本 capital", "registered_capital_text"),
        ("成立 founded", "founded"),
        ("统一社会信用代码 USCC", "uscc"),
    ):
        if info.get(key):
            typer.echo(f"  {label}: {info[key]}")
    flags = [
        t for t, on in (("高新技术", info["high_tech"]), ("专精特新", info["specialised"])) if on
    ]
    if flags:
        typer.echo("  资质: " + "、".join(flags))
    if p.parks:
        typer.echo("  园区 parks: " + "、".join(p.parks))
    _table("产业链环节 segments", p.segments, ["segment", "name_zh", "confidence", "evidence"])
    _table("供应商 suppliers", p.suppliers, ["name", "city", "product"])
    _table("客户 customers", p.customers, ["name", "city", "product"])
    _table("项目 projects", p.projects, ["name", "status", "signed_date", "amount_cny"])
    _table("人才 people", p.people, ["name", "role"])
    _table("产品 products", p.products, ["name", "kind"])
    _table("合作 partners", p.partners, ["name", "label"])
    _table("来源 sources", p.sources, ["kind", "url", "title"])
    hood = p.neighbourhood
    typer.echo(f"\n关系图 neighbourhood: {len(hood['nodes'])} nodes, {len(hood['edges'])} edges")


@profile_app.command("park")
@at_the_edge
def profile_park(
    name: Annotated[str, typer.Argument(help="Park name, alias or id, e.g. 青岛蓝谷.")],
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.table,
) -> None:
    """园区画像: firms, institutions, projects by chain and segment vs the declared focus chains."""
    from oceanbrain.graph import open_store
    from oceanbrain.graph.analysis.profiles import park_profile

    with open_store() as store:
        p = park_profile(store, name)
    if fmt is OutputFormat.json:
        _json(p.to_dict())
        return
    if fmt is OutputFormat.csv:
        emit(p.segment_table(), list(p.segment_table()[0]) if p.segment_table() else [], fmt)
        return
    typer.echo(f"{p.name}  [{p.id}]  {p.info.get('district') or ''}")
    typer.echo("主导产业链 focus chains: " + (", ".join(p.focus_chains) or "(none declared)"))
    _table(
        "产业链覆盖 chain coverage",
        p.coverage_table(),
        ["chain", "chain_zh", "focus_zh", "segments", "covered", "coverage", "missing_zh"],
    )
    _table("企业 firms", p.firms, ["name", "role", "segments"])
    _table("机构 institutions", p.institutions, ["name", "segments"])
    _table("项目 projects", p.projects, ["name", "segments"])


@app.command("talent")
@at_the_edge
def talent(
    scope: Annotated[str, typer.Option(help="青岛, a district (崂山区) or a park (青岛蓝谷).")],
    segment: Annotated[str, typer.Option(help="Segment id, e.g. ai.sensors.")],
    limit: Annotated[int, typer.Option(help="Most rows.")] = 50,
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.table,
) -> None:
    """补链人才: people and institutions whose fields match a segment, local ones first."""
    from oceanbrain.graph import open_store
    from oceanbrain.graph.analysis import resolve_scope
    from oceanbrain.graph.analysis.talent import talent_for_segment

    with open_store() as store:
        rows = talent_for_segment(store, resolve_scope(store, scope), segment, limit)
    columns = ["kind_zh", "name", "title_or_kind", "organisation", "local_zh", "evidence_zh"]
    emit(rows, columns if fmt is OutputFormat.table else list(rows[0]) if rows else [], fmt)


@app.command("goals")
@at_the_edge
def goals(
    goals_file: Annotated[
        Path, typer.Option("--file", help="Goals YAML (data/README.md describes it).")
    ] = Path("data/qingdao/goals.yaml"),
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.table,
) -> None:
    """目标进展: plan targets and, where the graph can count it, the current figure."""
    from oceanbrain.graph import open_store
    from oceanbrain.graph.analysis.goals import goal_progress

    with open_store() as store:
        progress = goal_progress(store, goals_file)
    if fmt is OutputFormat.json:
        _json([g.to_dict() for g in progress])
        return
    rows = [g.row() for g in progress]
    columns = ["name_zh", "target", "unit", "deadline", "current", "progress", "status_zh"]
    emit(rows, columns if fmt is OutputFormat.table else list(rows[0]) if rows else [], fmt)

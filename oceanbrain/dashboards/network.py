"""Network pictures drawn with Altair (offline): console graph results, firm neighbourhoods.

Layouts are computed here in plain Python: a small spring layout for arbitrary graphs, and a
radial layout (the subject in the middle, neighbours on a ring) for neighbourhoods. Charts can
be zoomed and panned, show a tooltip per node, and report a clicked node back to the page.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from typing import Any

import altair as alt
import pandas as pd


@dataclass
class Network:
    nodes: dict[str, dict[str, str]] = field(default_factory=dict)  # id → {name, kind}
    edges: list[tuple[str, str, str]] = field(default_factory=list)  # (source, target, type)

    def add_node(self, node_id: str, name: str, kind: str) -> None:
        self.nodes.setdefault(node_id, {"name": name, "kind": kind})

    def add_edge(self, source: str, target: str, kind: str) -> None:
        if (source, target, kind) not in self.edges:
            self.edges.append((source, target, kind))


def _display_name(props: dict[str, Any]) -> str:
    for key in ("name", "name_zh", "title", "id"):
        if props.get(key):
            return str(props[key])
    return str(props.get("_id", "?"))


def _is_node(value: Any) -> bool:
    return isinstance(value, dict) and "_labels" in value and "_id" in value


def _is_rel(value: Any) -> bool:
    return isinstance(value, dict) and "_type" in value and "_start" in value


def _is_path(value: Any) -> bool:
    return isinstance(value, dict) and set(value) == {"nodes", "relationships"}


def network_from_rows(rows: list[dict[str, Any]]) -> Network:
    """Nodes, relationships and paths found in console result rows (other values ignored)."""
    net = Network()
    rels: list[dict[str, Any]] = []

    def visit(value: Any) -> None:
        if _is_path(value):
            for n in value["nodes"]:
                visit(n)
            rels.extend(r for r in value["relationships"] if _is_rel(r))
        elif _is_node(value):
            labels = value.get("_labels") or ["?"]
            net.add_node(str(value["_id"]), _display_name(value), str(labels[0]))
        elif _is_rel(value):
            rels.append(value)
        elif isinstance(value, list):
            for v in value:
                visit(v)

    for row in rows:
        for value in row.values():
            visit(value)
    for rel in rels:
        start, end = str(rel["_start"]), str(rel["_end"])
        if start in net.nodes and end in net.nodes:
            net.add_edge(start, end, str(rel["_type"]))
    return net


def has_graph(rows: list[dict[str, Any]]) -> bool:
    return any(
        _is_node(v) or _is_path(v) or (isinstance(v, list) and any(_is_node(x) for x in v))
        for row in rows
        for v in row.values()
    )


def display_value(value: Any) -> str:
    """A node, relationship or path as short text for tables (not a dict dump)."""
    if _is_path(value):
        return " → ".join(display_value(n) for n in value["nodes"])
    if _is_node(value):
        labels = value.get("_labels") or []
        return f"({':'.join(labels)} {_display_name(value)})"
    if _is_rel(value):
        return f"[:{value['_type']}]"
    if isinstance(value, list):
        return "[" + ", ".join(display_value(v) for v in value) + "]"
    return "" if value is None else str(value)


def spring_layout(
    net: Network, iterations: int = 60, seed: int = 7
) -> dict[str, tuple[float, float]]:
    """Fruchterman–Reingold on a unit square; deterministic for a given graph."""
    ids = sorted(net.nodes)
    n = len(ids)
    if n == 0:
        return {}
    rng = random.Random(seed)
    pos = {i: [rng.random(), rng.random()] for i in ids}
    k = math.sqrt(1.0 / n)
    temp = 0.1
    for _ in range(iterations):
        disp = {i: [0.0, 0.0] for i in ids}
        for a_idx, a in enumerate(ids):
            for b in ids[a_idx + 1 :]:
                dx = pos[a][0] - pos[b][0]
                dy = pos[a][1] - pos[b][1]
                d = max(math.hypot(dx, dy), 1e-4)
                f = k * k / d
                disp[a][0] += dx / d * f
                disp[a][1] += dy / d * f
                disp[b][0] -= dx / d * f
                disp[b][1] -= dy / d * f
        for s, t, _kind in net.edges:
            if s == t:
                continue
            dx = pos[s][0] - pos[t][0]
            dy = pos[s][1] - pos[t][1]
            d = max(math.hypot(dx, dy), 1e-4)
            f = d * d / k
            disp[s][0] -= dx / d * f
            disp[s][1] -= dy / d * f
            disp[t][0] += dx / d * f
            disp[t][1] += dy / d * f
        for i in ids:
            d = max(math.hypot(*disp[i]), 1e-4)
            pos[i][0] += disp[i][0] / d * min(d, temp)
            pos[i][1] += disp[i][1] / d * min(d, temp)
        temp *= 0.95
    return {i: (p[0], p[1]) for i, p in pos.items()}


def radial_layout(net: Network, center: str) -> dict[str, tuple[float, float]]:
    """The centre at (0, 0), its neighbours on a ring (grouped by kind), the next hop on an
    outer ring next to the neighbour that leads to it."""
    adjacent: dict[str, set[str]] = {i: set() for i in net.nodes}
    for s, t, _kind in net.edges:
        if s in adjacent and t in adjacent:
            adjacent[s].add(t)
            adjacent[t].add(s)
    first = sorted(
        (i for i in adjacent.get(center, set()) if i != center),
        key=lambda i: (net.nodes[i]["kind"], net.nodes[i]["name"]),
    )
    pos: dict[str, tuple[float, float]] = {center: (0.0, 0.0)}
    angle: dict[str, float] = {}
    for idx, node in enumerate(first):
        angle[node] = 2 * math.pi * idx / max(len(first), 1)
        pos[node] = (math.cos(angle[node]), math.sin(angle[node]))
    rest = [i for i in net.nodes if i not in pos]

    def parent_angle(node: str) -> float:
        parents = [angle[p] for p in adjacent[node] if p in angle]
        return min(parents) if parents else 2 * math.pi

    rest.sort(key=lambda i: (parent_angle(i), net.nodes[i]["name"]))
    for idx, node in enumerate(rest):
        a = 2 * math.pi * idx / max(len(rest), 1) + math.pi / max(len(rest), 1)
        pos[node] = (2.0 * math.cos(a), 2.0 * math.sin(a))
    return pos


def network_chart(
    net: Network,
    *,
    center: str | None = None,
    kind_title: str = "kind",
    edge_title: str = "relation",
    height: int = 520,
) -> alt.LayerChart:
    """Edges as lines, nodes as circles coloured by kind, names as labels; zoom and pan."""
    pos = radial_layout(net, center) if center in net.nodes else spring_layout(net)
    nodes = pd.DataFrame(
        [
            {
                "id": i,
                "name": v["name"],
                "kind": v["kind"],
                "x": pos[i][0],
                "y": pos[i][1],
                "size": 900 if i == center else 300,
            }
            for i, v in net.nodes.items()
        ]
    )
    edges = pd.DataFrame(
        [
            {"edge": n, "order": end, "x": pos[node][0], "y": pos[node][1], "type": kind}
            for n, (s, t, kind) in enumerate(net.edges)
            for end, node in enumerate((s, t))
        ],
        columns=["edge", "order", "x", "y", "type"],
    )
    x = alt.X("x:Q", axis=None, scale=alt.Scale(padding=40))
    y = alt.Y("y:Q", axis=None, scale=alt.Scale(padding=40))
    select = alt.selection_point(fields=["id"], name="node", on="click")
    zoom = alt.selection_interval(bind="scales", name="zoom")
    lines = (
        alt.Chart(edges)
        .mark_line(opacity=0.6)
        .encode(
            x=x,
            y=y,
            detail="edge:N",
            order="order:Q",
            color=alt.Color("type:N", title=edge_title, scale=alt.Scale(scheme="greys")),
            tooltip=[alt.Tooltip("type:N", title=edge_title)],
        )
    )
    points = (
        alt.Chart(nodes)
        .mark_circle(opacity=0.9)
        .encode(
            x=x,
            y=y,
            size=alt.Size("size:Q", legend=None),
            color=alt.Color("kind:N", title=kind_title, scale=alt.Scale(scheme="tableau10")),
            tooltip=[alt.Tooltip("name:N"), alt.Tooltip("kind:N", title=kind_title)],
        )
        .add_params(select, zoom)
    )
    labels = (
        alt.Chart(nodes).mark_text(align="left", dx=12, fontSize=12).encode(x=x, y=y, text="name:N")
    )
    return (lines + points + labels).properties(height=height).resolve_scale(color="independent")

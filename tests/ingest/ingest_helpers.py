"""Shared helpers for the ingest job tests: small data folders, exports, configs, graph dumps."""

from __future__ import annotations

import csv
import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

from oceanbrain.graph import GraphStore
from oceanbrain.ingest.config import IngestConfig, load_config
from oceanbrain.ingest.values import USCC_ALPHABET, uscc_check_char
from tests.conftest import REPO

DATA = REPO / "data"
FIRMS_HEADER = (
    "name,short_name,aliases,uscc,province,city,district,park,segments,role,high_tech,"
    "specialised,founded,registered_capital,notes,source_url,source_date,source_title\n"
)
EXPORT_HEADER = [
    "企业名称",
    "统一社会信用代码",
    "登记状态",
    "注册资本",
    "所属区县",
    "所属行业",
    "经营范围",
]
RUN_PROPS = {"first_seen_run", "last_seen_run", "changed_run", "expired_run", "state_token"}


def uscc(n: int) -> str:
    body = f"91999999{n:09d}"
    return body + uscc_check_char(body)


def bad_uscc(n: int) -> str:
    good = uscc(n)
    return good[:-1] + USCC_ALPHABET[(USCC_ALPHABET.index(good[-1]) + 1) % len(USCC_ALPHABET)]


def small_data(root: Path, supplies: list[tuple[str, str]]) -> Path:
    """chains/ from the repo, three firms and the given supply links (firm letters A, B, C)."""
    if not (root / "chains").exists():
        shutil.copytree(DATA / "chains", root / "chains")
    (root / "qingdao").mkdir(parents=True, exist_ok=True)
    (root / "links").mkdir(parents=True, exist_ok=True)
    rows = [
        f"示例{x}海洋装备有限公司,,,{uscc(900 + i)},山东省,青岛市,崂山区,,ai.sensors,,,,,,,"
        f"https://example.invalid/{x},,\n"
        for i, x in enumerate("ABC")
    ]
    (root / "qingdao" / "firms.csv").write_text(FIRMS_HEADER + "".join(rows), encoding="utf-8")
    lines = ["supplier,customer,product,source_url,source_date,source_title,notes\n"]
    lines += [
        f"示例{a}海洋装备有限公司,示例{b}海洋装备有限公司,传感器,https://example.invalid/s,,,\n"
        for a, b in supplies
    ]
    (root / "links" / "supplies.csv").write_text("".join(lines), encoding="utf-8")
    return root


def export_row(i: int, status: str = "存续", capital: str = "500万元") -> list[str]:
    return [
        f"青岛示例{'甲乙丙丁戊己庚辛壬癸'[i % 10]}{i}号水下机器人科技有限公司",
        uscc(i),
        status,
        capital,
        "黄岛区",
        "其他海洋相关装备制造（3739）",
        "水下机器人、无人艇的研发与销售",
    ]


def write_export(path: Path, rows: list[list[str]], header: list[str] | None = None) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header or EXPORT_HEADER)
        writer.writerows(rows)
    return path


def write_config(
    tmp: Path, sources: str, chunk_rows: int = 5000, batch_size: int = 1000, workers: int = 1
) -> IngestConfig:
    path = tmp / "ingest.toml"
    path.write_text(
        f'[job]\nreports_dir = "reports"\nlock_file = "ingest.lock"\n'
        f"chunk_rows = {chunk_rows}\nbatch_size = {batch_size}\nworkers = {workers}\n" + sources,
        encoding="utf-8",
    )
    return load_config(path)


def canonical_source(path: Path, name: str = "data") -> str:
    return f'[[source]]\nname = "{name}"\nkind = "canonical"\npath = {json.dumps(str(path))}\n'


def export_source(path: Path, name: str = "weekly", data_dir: Path | None = None) -> str:
    extra = f"data_dir = {json.dumps(str(data_dir))}\n" if data_dir else ""
    return (
        f'[[source]]\nname = "{name}"\nkind = "enterprise_export"\n'
        f'path = {json.dumps(str(path))}\nprovince = "山东省"\ncity = "青岛市"\n' + extra
    )


def _clean(props: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in props.items() if k not in RUN_PROPS and not k.startswith("_")}


def graph_dump(store: GraphStore) -> dict[str, Any]:
    """Node and edge counts and a hash of every property except run ids (which differ per run)."""
    nodes = store.read(
        "MATCH (n) WHERE NOT n:IngestRun RETURN labels(n)[0] AS label, properties(n) AS p"
    )
    rels = store.read(
        "MATCH (a)-[e]->(b) WHERE type(e) <> 'FROM_SOURCE' "
        "RETURN type(e) AS type, a.id AS a, b.id AS b, properties(e) AS p"
    )
    node_rows = sorted(
        json.dumps([n["label"], _clean(n["p"])], ensure_ascii=False, sort_keys=True) for n in nodes
    )
    rel_rows = sorted(
        json.dumps([r["type"], r["a"], r["b"], _clean(r["p"])], ensure_ascii=False, sort_keys=True)
        for r in rels
    )
    counts: dict[str, int] = {}
    for n in nodes:
        counts[n["label"]] = counts.get(n["label"], 0) + 1
    for r in rels:
        counts[r["type"]] = counts.get(r["type"], 0) + 1
    return {
        "counts": dict(sorted(counts.items())),
        "nodes": hashlib.sha256("\n".join(node_rows).encode()).hexdigest(),
        "rels": hashlib.sha256("\n".join(rel_rows).encode()).hexdigest(),
    }


def totals(counts: dict[str, dict[str, int]], key: str) -> int:
    return sum(c.get(key, 0) for c in counts.values())

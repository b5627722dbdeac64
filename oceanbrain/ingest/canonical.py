"""Read the canonical files in data/ into typed records, collecting rejects as it goes.

A bad row becomes a :class:`Reject` naming file, row, column and reason, and reading carries on;
a file that cannot be read at all is rejected whole with one message.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from oceanbrain.ingest.records import (
    ChainRecord,
    FirmRecord,
    InstitutionRecord,
    MarineCategoryRecord,
    ParkRecord,
    PersonRecord,
    ProductRecord,
    ProjectRecord,
    SupplyRecord,
)
from oceanbrain.ingest.rejects import Reject

# file (relative to the data folder) → record model; the order is the load order.
CSV_FILES: dict[str, type[BaseModel]] = {
    "chains/marine_categories.csv": MarineCategoryRecord,
    "qingdao/parks.csv": ParkRecord,
    "qingdao/institutions.csv": InstitutionRecord,
    "qingdao/firms.csv": FirmRecord,
    "national/firms.csv": FirmRecord,
    "qingdao/projects.csv": ProjectRecord,
    "qingdao/talent.csv": PersonRecord,
    "qingdao/models.csv": ProductRecord,
    "links/supplies.csv": SupplyRecord,
}
CHAINS_FILE = "chains/chains.yaml"


@dataclass
class Loaded[T]:
    """Records read from one file, each with its line number."""

    file: str
    records: list[tuple[int, T]] = field(default_factory=list)


@dataclass
class CanonicalData:
    root: Path
    chains: list[ChainRecord] = field(default_factory=list)
    tables: dict[str, Loaded[Any]] = field(default_factory=dict)
    rejects: list[Reject] = field(default_factory=list)
    files: list[str] = field(default_factory=list)

    def records(self, file: str) -> list[tuple[int, Any]]:
        loaded = self.tables.get(file)
        return loaded.records if loaded else []


def validation_rejects(
    file: str, line: int, row: dict[str, Any], exc: ValidationError
) -> list[Reject]:
    out = []
    for error in exc.errors():
        column = str(error["loc"][0]) if error["loc"] else ""
        ctx = error.get("ctx") or {}
        en = error["msg"]
        zh = str(ctx.get("zh", "")) or _zh_for(error["type"], en)
        out.append(Reject(file, line, column, str(row.get(column, "")), zh, en))
    return out


def _zh_for(kind: str, en: str) -> str:
    return {
        "missing": "缺少必填字段",
        "extra_forbidden": "未知的列",
        "float_parsing": "应为数字",
        "int_parsing": "应为整数",
        "string_type": "应为文本",
    }.get(kind, en)


def read_csv_records[M: BaseModel](
    root: Path, file: str, model: type[M]
) -> tuple[Loaded[M], list[Reject]]:
    path = root / file
    loaded: Loaded[M] = Loaded(file)
    rejects: list[Reject] = []
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            expected = set(model.model_fields)
            header = set(reader.fieldnames or [])
            missing = sorted(
                n for n, f in model.model_fields.items() if f.is_required() and n not in header
            )
            if missing:
                return loaded, [
                    Reject(
                        file,
                        1,
                        ",".join(missing),
                        "",
                        f"缺少必需的列：{'、'.join(missing)}",
                        f"required columns missing: {', '.join(missing)}",
                        "file",
                    )
                ]
            for line, row in _numbered(reader):
                clean = {k: v for k, v in row.items() if k in expected and k is not None}
                extras = [k for k in row if k not in expected]
                for column in extras:
                    rejects.append(
                        Reject(
                            file,
                            line,
                            str(column),
                            str(row.get(column)),
                            "未知的列，已忽略",
                            "unknown column, ignored",
                            "warning",
                        )
                    )
                try:
                    loaded.records.append((line, model.model_validate(clean)))
                except ValidationError as exc:
                    rejects.extend(validation_rejects(file, line, clean, exc))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        return loaded, [
            Reject(file, 0, "", "", f"无法读取文件：{exc}", f"cannot read the file: {exc}", "file")
        ]
    return loaded, rejects


def _numbered(reader: csv.DictReader[str]) -> Iterator[tuple[int, dict[str, Any]]]:
    for row in reader:
        yield reader.line_num, row


def read_chains(root: Path) -> tuple[list[ChainRecord], list[Reject]]:
    path = root / CHAINS_FILE
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        items = raw["chains"]
    except (OSError, yaml.YAMLError, KeyError, TypeError) as exc:
        return [], [
            Reject(
                CHAINS_FILE,
                0,
                "",
                "",
                f"无法读取产业链文件：{exc}",
                f"cannot read the chain file: {exc}",
                "file",
            )
        ]
    chains, rejects = [], []
    for index, item in enumerate(items):
        try:
            chains.append(ChainRecord.model_validate(item))
        except ValidationError as exc:
            where = item.get("id", f"chains[{index}]") if isinstance(item, dict) else index
            for error in exc.errors():
                rejects.append(
                    Reject(
                        CHAINS_FILE,
                        0,
                        ".".join(map(str, error["loc"])),
                        str(where),
                        str((error.get("ctx") or {}).get("zh", error["msg"])),
                        error["msg"],
                    )
                )
    return chains, rejects


def read_canonical(root: Path) -> CanonicalData:
    """Every canonical file under ``root`` that exists; missing files are simply absent."""
    data = CanonicalData(root)
    if (root / CHAINS_FILE).exists():
        data.files.append(CHAINS_FILE)
        data.chains, rejects = read_chains(root)
        data.rejects.extend(rejects)
    for file, model in CSV_FILES.items():
        if not (root / file).exists():
            continue
        data.files.append(file)
        data.tables[file], rejects = read_csv_records(root, file, model)
        data.rejects.extend(rejects)
    return data

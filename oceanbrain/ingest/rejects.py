"""The reject report: every row ingest refused, with file, row, column, value and reason."""

from __future__ import annotations

import csv
import json
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass(frozen=True)
class Reject:
    file: str
    row: int  # 1-based line number in the file, header = 1; 0 for whole-file problems
    column: str
    value: str
    reason_zh: str
    reason_en: str
    # "row": the row was skipped; "file": the whole file was; "warning": the row loaded, but one
    # value or link in it was not used (unknown column, unresolved reference).
    severity: str = "row"

    def line(self) -> str:
        where = f"{self.file}:{self.row}" + (f" [{self.column}]" if self.column else "")
        return f"{where}: {self.reason_en} / {self.reason_zh} (value: {self.value!r})"


FIELDS = ["file", "row", "column", "value", "reason_zh", "reason_en", "severity"]


def write_reject_report(rejects: list[Reject], path: Path) -> tuple[Path, Path]:
    """Write the report as CSV (UTF-8 with BOM, so Excel shows Chinese) and as JSON."""
    path.parent.mkdir(parents=True, exist_ok=True)
    csv_path = path.with_suffix(".csv")
    json_path = path.with_suffix(".json")
    with csv_path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=FIELDS)
        writer.writeheader()
        writer.writerows(asdict(r) for r in rejects)
    json_path.write_text(
        json.dumps([asdict(r) for r in rejects], ensure_ascii=False, indent=2), encoding="utf-8"
    )
    return csv_path, json_path

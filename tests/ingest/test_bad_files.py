"""A corpus of bad export files: exact reject counts, no traceback, the good rows load."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from oceanbrain.graph import GraphStore
from oceanbrain.ingest.job import run_job
from oceanbrain.ingest.synthetic import write_enterprise_export
from tests.ingest.ingest_helpers import (
    EXPORT_HEADER,
    bad_uscc,
    export_row,
    export_source,
    uscc,
    write_config,
    write_export,
)

pytestmark = pytest.mark.graph
BIG = 1000  # rows in the large file; every 100th has a bad USCC


def corpus(tmp: Path) -> dict[str, tuple[Path, int, int]]:
    """name → (file, rejected rows expected, firms expected)."""
    files: dict[str, tuple[Path, int, int]] = {}

    wrong = tmp / "wrong_encoding.csv"
    wrong.write_bytes("企业名称,统一社会信用代码\n".encode("utf-16") + b"\xff\xfe\x80\x81\xff")
    files["wrong_encoding"] = (wrong, 1, 0)

    broken = tmp / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 this is not really a workbook")
    files["broken_xlsx"] = (broken, 1, 0)

    no_name = write_export(
        tmp / "missing_column.csv",
        [[uscc(300 + i), "存续"] for i in range(3)],
        header=["统一社会信用代码", "登记状态"],
    )
    files["missing_column"] = (no_name, 1, 0)

    rows = [export_row(400 + i) for i in range(10)]
    for i in (2, 5, 7):
        rows[i][1] = bad_uscc(400 + i)
    files["bad_uscc"] = (write_export(tmp / "bad_uscc.csv", rows), 3, 7)

    rows = [export_row(500 + i) for i in range(4)]
    rows.append(list(rows[1]))  # the same row again: a warning, not a second firm
    files["duplicates"] = (write_export(tmp / "duplicates.csv", rows), 0, 4)

    book = Workbook()
    sheet = book.active
    sheet.append(["示例企业名单（合成数据）"])
    sheet.merge_cells("A1:G1")  # merged title row
    sheet.append(EXPORT_HEADER[:3] + ["注册资本", ""] + EXPORT_HEADER[4:])
    sheet.merge_cells("D2:E2")  # merged header cell over two columns
    for i in range(5):
        row = export_row(600 + i)
        sheet.append(row[:4] + [""] + row[4:])
    merged = tmp / "merged_header.xlsx"
    book.save(merged)
    files["merged_header"] = (merged, 0, 5)

    big = tmp / "big.csv"
    write_enterprise_export(big, BIG, bad_every=100, first=10_000)
    files["big_1pct_bad"] = (big, BIG // 100, BIG - BIG // 100)
    return files


def test_bad_file_corpus(store: GraphStore, tmp_path: Path) -> None:
    files = corpus(tmp_path)
    config = write_config(
        tmp_path, "".join(export_source(path, name) for name, (path, _, _) in files.items())
    )
    result = run_job(config, store=store)
    assert [s.error for s in result.sources] == [None] * len(files)  # no failure, no traceback
    assert result.status == "rejects" and result.exit_code == 1
    by_source = {s.source: s for s in result.sources}
    for name, (_, rejected, firms) in files.items():
        report = by_source[name]
        assert report.rejected_rows == rejected, (name, [r.line() for r in report.rejects])
        assert report.counts.get("Firm", {}).get("rejected", 0) == rejected, name
        assert report.counts.get("Firm", {}).get("created", 0) == firms, name
    assert by_source["duplicates"].warnings == 1
    assert result.rejected_rows == sum(r for _, r, _ in files.values())
    total = sum(f for _, _, f in files.values())
    assert store.read("MATCH (f:Firm) RETURN count(f) AS n") == [{"n": total}]
    capital = store.read(
        "MATCH (f:Firm {uscc: $u}) RETURN f.registered_capital_text AS c", u=uscc(600)
    )
    assert capital == [{"c": "500万元"}]  # the merged header cell still names its column
    assert result.rejects_path is not None and result.rejects_path.is_file()

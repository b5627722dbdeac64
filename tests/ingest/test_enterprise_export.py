"""The enterprise-export reader: formats, encodings, header search, rejects and streaming."""

from __future__ import annotations

import csv
import inspect
import random
from datetime import datetime
from itertools import islice
from pathlib import Path

import pytest
from openpyxl import Workbook

from oceanbrain.errors import ConfigError
from oceanbrain.ingest.sources import DEFAULT_ALIASES, read_enterprise_export
from oceanbrain.ingest.sources.enterprise_export import header_key, industry_code
from oceanbrain.ingest.values import USCC_ALPHABET, uscc_check_char


def uscc(n: int) -> str:
    """A valid, clearly fake USCC (body starts 91999999)."""
    body = f"91999999{n:09d}"
    return body + uscc_check_char(body)


def bad_uscc(n: int) -> str:
    """The same code with a wrong check character."""
    good = uscc(n)
    wrong = USCC_ALPHABET[(USCC_ALPHABET.index(good[-1]) + 1) % len(USCC_ALPHABET)]
    return good[:-1] + wrong


def write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


HEADER = ["企业名称", "统一社会信用代码", "成立日期", "注册资本", "参保人数", "曾用名", "所属行业"]
HEADER += ["备注"]


def sample_rows() -> list[list[str]]:
    return [
        HEADER,
        [
            "青岛示例海洋科技有限公司",
            uscc(1),
            "2015年3月2日",
            "5000万元人民币",
            "12人",
            "青岛示例船舶有限公司；示例海工、示例三号",
            "制造业-船舶及相关装置制造(C3731)",
            "随便写",
        ],
        ["示例（青岛）海洋牧场有限公司", uscc(2), "2020-06", "100万美元", "-", "", "（6531）", ""],
        ["青岛示例蓝色数据有限公司", "", "", "", "", "", "", ""],
    ]


@pytest.mark.parametrize(
    ("encoding", "detected"), [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("gbk", "gb18030")]
)
def test_csv_in_each_encoding(tmp_path: Path, encoding: str, detected: str) -> None:
    path = write_csv(tmp_path / "firms.csv", sample_rows(), encoding)
    result = read_enterprise_export(path)
    firms = list(result.rows())

    assert result.encoding == detected
    assert result.header_row == 1
    assert "备注" not in result.columns.values()
    assert result.columns["uscc"] == "统一社会信用代码"
    assert result.rejects == []
    assert [f.row for f in firms] == [2, 3, 4]
    first, second, third = firms
    assert first.name == "青岛示例海洋科技有限公司"
    assert first.uscc == uscc(1)
    assert first.founded == "2015-03-02"
    assert first.registered_capital_text == "5000万元人民币"
    assert first.registered_capital_amount == 5e7
    assert first.registered_capital_currency == "CNY"
    assert first.insured_employees == 12
    assert first.former_names == ["青岛示例船舶有限公司", "示例海工", "示例三号"]
    assert first.industry_code == "C3731"
    assert second.name == "示例（青岛）海洋牧场有限公司"
    assert second.founded == "2020-06"
    assert (second.registered_capital_amount, second.registered_capital_currency) == (1e6, "USD")
    assert second.insured_employees is None
    assert second.industry == "（6531）"
    assert second.industry_code == "6531"
    assert third.uscc is None and third.founded is None and third.former_names == []


def test_csv_title_rows_bad_rows_and_duplicates(tmp_path: Path) -> None:
    rows = [
        ["青岛市企业名单（导出时间：2024-06-01）"],
        [],
        ["序号", " 企业 名称：", "信用代码", "成立时间", "参保人数"],
        ["1", "青岛示例一号有限公司", uscc(1), "2019-01-01", "5"],  # row 4: fine
        ["2", "青岛示例二号有限公司", bad_uscc(2), "2019-01-01", "5"],  # row 5: bad USCC
        ["3", "", uscc(3), "2019-01-01", "5"],  # row 6: no name
        ["4", "青岛示例四号有限公司", uscc(1), "2019-01-01", "5"],  # row 7: duplicate USCC
        ["5", "青岛示例五号有限公司", "", "2019-13-01", "约50"],  # row 8: two warnings
        ["6", "青岛示例五号有限公司 ", "-", "", ""],  # row 9: duplicate name
        ["序号", "企业名称", "信用代码", "成立时间", "参保人数"],  # row 10: repeated header
        [],  # row 11: blank
        ["7", "青岛示例七号有限公司", "", "", ""],  # row 12: fine
    ]
    result = read_enterprise_export(write_csv(tmp_path / "list.csv", rows))
    firms = list(result.rows())

    assert result.header_row == 3
    assert result.columns == {
        "name": "企业 名称：",
        "uscc": "信用代码",
        "founded": "成立时间",
        "insured_employees": "参保人数",
    }
    assert [f.row for f in firms] == [4, 8, 12]
    assert firms[1].founded is None and firms[1].insured_employees is None
    got = [(r.row, r.column, r.severity) for r in result.rejects]
    assert got == [
        (5, "信用代码", "row"),
        (6, "企业 名称：", "row"),
        (7, "信用代码", "warning"),
        (8, "成立时间", "warning"),
        (8, "参保人数", "warning"),
        (9, "企业 名称：", "warning"),
    ]
    bad = result.rejects[0]
    assert bad.value == bad_uscc(2)
    assert bad.reason_zh.startswith("统一社会信用代码校验位错误")
    assert bad.reason_en.startswith("USCC check character is wrong")
    assert result.rejects[2].reason_zh.startswith("重复行")
    assert result.rejects[2].reason_en.startswith("duplicate row")
    assert "row 4" in result.rejects[2].reason_en
    assert "row 8" in result.rejects[5].reason_en


def test_xlsx_with_title_rows_and_merged_header(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["青岛市企业名单（导出时间：2024-06-01）"])
    ws.merge_cells("A1:G1")
    ws.append(["共 3 条记录"])
    ws.append(["企业名称", "统一社会信用代码", "成立日期", "参保人数", "注册资本", None, "法人"])
    ws.merge_cells("E3:F3")  # the merged header cell: F3 reads back as None
    ws.append(["青岛示例港机有限公司", uscc(11), datetime(2010, 5, 6), 30, "2000万", "x", "张示例"])
    ws.append(["青岛示例坏码有限公司", "91999999ABC", datetime(2011, 1, 1), 3, "1万", "", "李示例"])
    ws.append(["青岛示例传感有限公司", uscc(13), "2012-02-03", 7.0, "—", "", None])
    path = tmp_path / "firms.xlsx"
    wb.save(path)

    result = read_enterprise_export(path)
    firms = list(result.rows())

    assert result.header_row == 3
    assert result.encoding is None and result.sheet == ws.title
    assert result.columns["registered_capital"] == "注册资本"
    assert result.columns["legal_rep"] == "法人"
    assert [f.row for f in firms] == [4, 6]
    assert firms[0].founded == "2010-05-06"
    assert firms[0].insured_employees == 30
    assert firms[0].registered_capital_amount == 2e7
    assert firms[0].legal_rep == "张示例"
    assert firms[1].insured_employees == 7
    assert firms[1].registered_capital_text is None and firms[1].legal_rep is None
    assert [(r.row, r.column, r.value, r.severity) for r in result.rejects] == [
        (5, "统一社会信用代码", "91999999ABC", "row")
    ]
    assert result.rejects[0].reason_zh == "统一社会信用代码应为18位，实际11位"


def test_large_csv_streams_and_counts_bad_rows(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    total = 100_000
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["企业名称", "统一社会信用代码", "注册资本"])
        for i in range(total):
            code = bad_uscc(i) if i % 100 == 99 else uscc(i)
            writer.writerow([f"青岛示例{i}号海洋有限公司", code, "100万元"])

    result = read_enterprise_export(path)
    stream = result.rows()
    assert inspect.isgenerator(stream)
    assert result.rejects == []  # nothing is read before the rows are asked for
    first = list(islice(stream, 150))  # data rows 0..150 hold one bad row (i = 99)
    assert len(first) == 150
    assert [r.row for r in result.rejects] == [101]  # header is row 1, i = 99 is row 101
    rest = sum(1 for _ in stream)

    assert len(first) + rest == total - total // 100
    assert len(result.rejects) == total // 100
    assert {r.column for r in result.rejects} == {"统一社会信用代码"}
    assert {r.severity for r in result.rejects} == {"row"}
    assert result.rejects[-1].row == total + 1


def test_no_header_is_one_file_reject(tmp_path: Path) -> None:
    rows = [["青岛市企业名单"], ["代码", "日期"], ["1", "2024-01-01"]]
    result = read_enterprise_export(write_csv(tmp_path / "nohead.csv", rows))

    assert list(result.rows()) == []
    assert result.header_row == 0 and result.columns == {}
    assert len(result.rejects) == 1
    reject = result.rejects[0]
    assert (reject.row, reject.severity) == (0, "file")
    assert reject.reason_zh.startswith("未找到表头")
    assert reject.reason_en.startswith("no header row found")


def test_undecodable_csv_is_one_file_reject(tmp_path: Path) -> None:
    data = random.Random(7).randbytes(4096)
    assert b"\xff" in data  # never valid in UTF-8 or GB18030
    path = tmp_path / "noise.csv"
    path.write_bytes(data)
    result = read_enterprise_export(path)

    assert result.encoding is None
    assert list(result.rows()) == []
    assert [(r.row, r.severity) for r in result.rejects] == [(0, "file")]
    assert "GB18030" in result.rejects[0].reason_zh


def test_gbk_byte_late_in_file_is_not_taken_for_utf8(tmp_path: Path) -> None:
    rows = [["企业名称"]] + [[f"Example {i}"] for i in range(10_000)] + [["青岛示例末行有限公司"]]
    result = read_enterprise_export(write_csv(tmp_path / "late.csv", rows, "gbk"))

    assert result.encoding == "gb18030"
    assert list(result.rows())[-1].name == "青岛示例末行有限公司"


def test_xls_is_refused_with_a_hint(tmp_path: Path) -> None:
    path = tmp_path / "old.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    result = read_enterprise_export(path)

    assert list(result.rows()) == []
    assert [(r.row, r.severity) for r in result.rejects] == [(0, "file")]
    assert "另存为 .xlsx" in result.rejects[0].reason_zh
    assert "save as .xlsx" in result.rejects[0].reason_en


def test_custom_aliases(tmp_path: Path) -> None:
    aliases = {**DEFAULT_ALIASES, "name": [*DEFAULT_ALIASES["name"], "单位名称"]}
    path = write_csv(tmp_path / "units.csv", [["单位名称", "信用代码"], ["示例单位", uscc(5)]])

    assert read_enterprise_export(path).rejects[0].severity == "file"
    firms = list(read_enterprise_export(path, aliases).rows())
    assert [(f.name, f.uscc) for f in firms] == [("示例单位", uscc(5))]


@pytest.mark.parametrize(
    "aliases",
    [{"nmae": ["企业名称"]}, {"uscc": ["信用代码"]}, {"name": ["名称"], "address": ["名称"]}],
)
def test_bad_aliases_raise_config_error(tmp_path: Path, aliases: dict[str, list[str]]) -> None:
    path = write_csv(tmp_path / "a.csv", [["企业名称"], ["示例"]])
    with pytest.raises(ConfigError):
        read_enterprise_export(path, aliases)


def test_rows_is_single_pass(tmp_path: Path) -> None:
    result = read_enterprise_export(write_csv(tmp_path / "a.csv", [["企业名称"], ["示例"]]))
    assert len(list(result.rows())) == 1
    with pytest.raises(RuntimeError):
        result.rows()


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("制造业-船舶及相关装置制造(C3731)", "C3731"),
        ("C373 船舶制造", "C373"),
        ("海洋服务（6531）", "6531"),
        ("专业技术服务业", None),
    ],
)
def test_industry_code(text: str, code: str | None) -> None:
    assert industry_code(text) == code


def test_header_key_ignores_width_space_and_colon() -> None:
    assert header_key(" 企业 名称： ") == header_key("企业名称") == "企业名称"
    assert header_key("ＵＳＣＣ:") == "uscc"

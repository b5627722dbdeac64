"""Firm lists exported from enterprise-information platforms (企查查/天眼查/启信宝 style).

Staff hand these in as CSV (UTF-8, UTF-8 with BOM or GBK) or XLSX, often with title rows above
the header, column names spelled several ways, and bad or repeated rows. This reader finds the
header, maps columns to canonical fields and streams typed rows; every problem becomes a
:class:`Reject` instead of an exception, so one bad row never stops a file.

Bad name or USCC skips the row (severity "row"); a bad date, amount or head-count only drops
that value (severity "warning"), because the firm itself is still worth loading.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from itertools import islice
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException
from pydantic import BaseModel, ConfigDict

from oceanbrain.errors import ConfigError
from oceanbrain.ingest.rejects import Reject
from oceanbrain.ingest.values import (
    ValueProblem,
    normalise_name,
    parse_date,
    parse_money,
    parse_uscc,
)

DEFAULT_ALIASES: dict[str, list[str]] = {
    "name": ["企业名称", "公司名称", "名称", "企业名"],
    "uscc": ["统一社会信用代码", "信用代码", "社会信用代码"],
    "legal_rep": ["法定代表人", "法人代表", "法人"],
    "status": ["登记状态", "经营状态", "企业状态"],
    "founded": ["成立日期", "成立时间", "注册日期"],
    "registered_capital": ["注册资本"],
    "paid_in_capital": ["实缴资本"],
    "firm_type": ["企业类型", "公司类型"],
    "province": ["所属省份", "省份"],
    "city": ["所属城市", "城市"],
    "district": ["所属区县", "区县"],
    "industry": ["所属行业", "行业", "国标行业"],
    "business_scope": ["经营范围"],
    "address": ["企业地址", "注册地址", "地址"],
    "insured_employees": ["参保人数", "社保人数"],
    "former_names": ["曾用名"],
    "english_name": ["英文名", "英文名称"],
    "phone": ["电话", "联系电话"],
    "website": ["网址", "官网"],
}

HEADER_SCAN_ROWS = 30  # exports put at most a few title rows above the header
ROW_FATAL = frozenset({"name", "uscc"})  # a bad value here skips the row, elsewhere it warns
_CHUNK = 1 << 20
# Platforms write these for "no value"; they are blanks, not bad data.
_EMPTY = {"", "-", "—", "--", "——", "无", "未公开", "暂无", "null", "none", "nan", "n/a"}
_EMPTY_LONGEST = max(map(len, _EMPTY))
_FORMER_SPLIT = re.compile(r"[；;、,，|\n]")
_LETTER_CODE = re.compile(r"(?<![A-Za-z0-9])([A-T]\d{2,4})(?![0-9])")
_PAREN_CODE = re.compile(r"\(\s*(\d{2,4})\s*\)")
_EMPLOYEES = re.compile(r"(\d+)\s*人?")


class ExportedFirm(BaseModel):
    """One firm as an export describes it; ``row`` is the row number the spreadsheet shows."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    row: int
    name: str
    uscc: str | None = None
    legal_rep: str | None = None
    status: str | None = None
    founded: str | None = None  # ISO text, keeping the precision written (year, month or day)
    registered_capital_text: str | None = None
    registered_capital_amount: float | None = None
    registered_capital_currency: str | None = None
    paid_in_capital_text: str | None = None
    paid_in_capital_amount: float | None = None
    paid_in_capital_currency: str | None = None
    firm_type: str | None = None
    province: str | None = None
    city: str | None = None
    district: str | None = None
    industry: str | None = None
    industry_code: str | None = None  # GB/T 4754, e.g. "C3731" or "6531"
    business_scope: str | None = None
    address: str | None = None
    insured_employees: int | None = None
    former_names: list[str] = []
    english_name: str | None = None
    phone: str | None = None
    website: str | None = None


# -- value converters: cell text → model fields, or ValueProblem ----------------------------------
def _money(prefix: str) -> Callable[[str], dict[str, Any]]:
    """Keep the amount as written and add the parsed amount and currency beside it."""

    def convert(text: str) -> dict[str, Any]:
        money = parse_money(text)
        return {
            f"{prefix}_text": text,
            f"{prefix}_amount": money.amount if money else None,
            f"{prefix}_currency": money.currency if money else None,
        }

    return convert


def _employees(text: str) -> dict[str, Any]:
    """'12' or '12人' → 12; anything vaguer ('约50') is not a count we can use."""
    match = _EMPLOYEES.fullmatch(unicodedata.normalize("NFKC", text).replace(",", ""))
    if not match:
        raise ValueProblem(
            f"参保人数应为整数：{text!r}", f"insured employees is not a number: {text!r}"
        )
    return {"insured_employees": int(match[1])}


def _former_names(text: str) -> dict[str, Any]:
    """Platforms join former names with any of ；;、,| — split on all of them."""
    return {"former_names": [p.strip() for p in _FORMER_SPLIT.split(text) if p.strip()]}


def industry_code(text: str) -> str | None:
    """The GB/T 4754 code in an industry cell: 'C3731' as written, or the digits of '(6531)'."""
    folded = unicodedata.normalize("NFKC", text)
    match = _LETTER_CODE.search(folded) or _PAREN_CODE.search(folded)
    return match[1] if match else None


def _industry(text: str) -> dict[str, Any]:
    return {"industry": text, "industry_code": industry_code(text)}


_CONVERTERS: dict[str, Callable[[str], dict[str, Any]]] = {
    "uscc": lambda text: {"uscc": parse_uscc(text)},
    "founded": lambda text: {"founded": parse_date(text)},
    "registered_capital": _money("registered_capital"),
    "paid_in_capital": _money("paid_in_capital"),
    "insured_employees": _employees,
    "former_names": _former_names,
    "industry": _industry,
}


def _clean(raw: str) -> str | None:
    """Cell text without surrounding space; the platforms' blank marks become None."""
    text = raw.strip()
    return None if len(text) <= _EMPTY_LONGEST and text.lower() in _EMPTY else text


# -- headers --------------------------------------------------------------------------------------
def header_key(text: str) -> str:
    """Compare headers ignoring spaces, full/half width, case and a trailing colon."""
    key = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    return key.rstrip(":").lower()


def _alias_lookup(aliases: dict[str, list[str]]) -> dict[str, str]:
    """Header key → canonical field; a bad mapping is a configuration mistake, so raise."""
    unknown = sorted(set(aliases) - set(DEFAULT_ALIASES))
    if unknown:
        raise ConfigError(f"enterprise export aliases: unknown fields {unknown}")
    if not aliases.get("name"):
        raise ConfigError("enterprise export aliases: 'name' needs at least one spelling")
    lookup: dict[str, str] = {}
    for canonical, spellings in aliases.items():
        for spelling in spellings:
            owner = lookup.setdefault(header_key(spelling), canonical)
            if owner != canonical:
                raise ConfigError(f"enterprise export aliases: {spelling!r} maps to two fields")
    return lookup


def _match_header(cells: list[str], lookup: dict[str, str]) -> dict[str, int]:
    """Canonical field → column index; the first column wins if a field appears twice."""
    index: dict[str, int] = {}
    for position, cell in enumerate(cells):
        canonical = lookup.get(header_key(cell)) if cell else None
        if canonical is not None:
            index.setdefault(canonical, position)
    return index


def _find_header(
    records: Iterable[tuple[int, list[str]]], lookup: dict[str, str]
) -> tuple[int, list[str], dict[str, int]] | None:
    """The row among the first few with the most known columns, provided it names the firm."""
    best: tuple[int, list[str], dict[str, int]] | None = None
    for number, cells in islice(records, HEADER_SCAN_ROWS):
        index = _match_header(cells, lookup)
        if "name" in index and (best is None or len(index) > len(best[2])):
            best = (number, cells, index)
    return best


# -- file formats ---------------------------------------------------------------------------------
def _decodes(path: Path, encoding: str) -> bool:
    """Decode the whole file in chunks: a GBK byte deep in the file must not pass as UTF-8."""
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        with path.open("rb") as fh:
            for chunk in iter(lambda: fh.read(_CHUNK), b""):
                decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def detect_encoding(path: Path) -> str | None:
    """UTF-8 with BOM, UTF-8, then GB18030 (a superset of GBK); None if none decodes."""
    with path.open("rb") as fh:
        has_bom = fh.read(3) == codecs.BOM_UTF8
    candidates = ("utf-8-sig", "utf-8", "gb18030") if has_bom else ("utf-8", "gb18030")
    return next((enc for enc in candidates if _decodes(path, enc)), None)


def _csv_records(path: Path, encoding: str) -> Iterator[tuple[int, list[str]]]:
    """(row number, cells) for every record; a quoted multi-line cell is still one row."""
    with path.open(encoding=encoding, newline="") as fh:
        yield from enumerate(csv.reader(fh), start=1)


def _cell_text(value: Any) -> str:
    """XLSX values as the text a CSV export would carry (dates ISO, whole floats as ints)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _sheet_records(path: Path, sheet: str) -> Iterator[tuple[int, list[str]]]:
    """Stream one sheet's rows; read-only mode keeps a large workbook out of memory."""
    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        rows = workbook[sheet].iter_rows(values_only=True)
        for number, values in enumerate(rows, start=1):
            yield number, [_cell_text(v) for v in values]
    finally:
        workbook.close()


def _sheet_names(path: Path) -> list[str]:
    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        return list(workbook.sheetnames)
    finally:
        workbook.close()


# -- the result -----------------------------------------------------------------------------------
class ExportResult:
    """A located, not yet read export: header and columns are known, rows stream on demand.

    ``rejects`` holds file-level problems at once and row problems as ``rows()`` is consumed.
    """

    def __init__(self, path: Path, lookup: dict[str, str]) -> None:
        self.path = path
        self.file = str(path)
        self.rejects: list[Reject] = []
        self.header_row = 0
        self.columns: dict[str, str] = {}  # canonical field → header as written
        self.encoding: str | None = None  # CSV only
        self.sheet: str | None = None  # XLSX only
        self._lookup = lookup
        self._name_header_starts = {key[:1] for key, field in lookup.items() if field == "name"}
        self._index: dict[str, int] = {}
        self._seen: dict[str, int] = {}
        self._started = False
        self._converter: RowConverter | None = None
        self._key_positions: list[int] | None = None
        self._key_head = ""
        self._key_last = -1

    # opening -----------------------------------------------------------------------------------
    def _refuse(self, zh: str, en: str) -> None:
        self.rejects.append(Reject(self.file, 0, "", "", zh, en, "file"))

    def _open(self) -> None:
        """Check format and encoding and locate the header, so problems show before reading."""
        suffix = self.path.suffix.lower()
        if suffix == ".xls":
            self._refuse(
                "不支持旧版 .xls 文件（未安装 xlrd），请另存为 .xlsx",
                "old .xls files cannot be read (xlrd is not installed); save as .xlsx",
            )
        elif suffix == ".csv":
            self._open_csv()
        elif suffix in {".xlsx", ".xlsm"}:
            self._open_xlsx()
        else:
            self._refuse(
                f"不支持的文件类型 {suffix or '（无扩展名）'}，请提供 .csv 或 .xlsx",
                f"unsupported file type {suffix or '(none)'}; hand in .csv or .xlsx",
            )

    def _open_csv(self) -> None:
        self.encoding = detect_encoding(self.path)
        if self.encoding is None:
            self._refuse(
                "无法识别文件编码（已尝试 UTF-8、GB18030），请另存为 UTF-8 CSV",
                "the file is neither UTF-8 nor GB18030/GBK text; save it as UTF-8 CSV",
            )
            return
        self._use_header(_find_header(_csv_records(self.path, self.encoding), self._lookup))

    def _open_xlsx(self) -> None:
        """Take the first sheet with a header (exports sometimes lead with a notes sheet)."""
        try:
            for sheet in _sheet_names(self.path):
                found = _find_header(_sheet_records(self.path, sheet), self._lookup)
                if found is not None:
                    self.sheet = sheet
                    self._use_header(found)
                    return
        except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError) as exc:
            self._refuse(f"无法打开 Excel 文件：{exc}", f"cannot open the Excel file: {exc}")
            return
        self._use_header(None)

    def _use_header(self, found: tuple[int, list[str], dict[str, int]] | None) -> None:
        if found is None:
            self._refuse(
                f"未找到表头：前{HEADER_SCAN_ROWS}行中没有“企业名称”等列名",
                f"no header row found: none of the first {HEADER_SCAN_ROWS} rows names the firm",
            )
            return
        self.header_row, cells, self._index = found
        self.columns = {field: cells[i].strip() for field, i in self._index.items()}

    # reading -----------------------------------------------------------------------------------
    def rows(self) -> Iterator[ExportedFirm]:
        """The firms after the header, one at a time; a second call is refused (single pass)."""
        if self._started:
            raise RuntimeError(f"{self.file}: rows() can be read only once")
        self._started = True
        return self._stream()

    def _records(self) -> Iterator[tuple[int, list[str]]]:
        if self.encoding is not None:
            return _csv_records(self.path, self.encoding)
        if self.sheet is not None:
            return _sheet_records(self.path, self.sheet)
        return iter(())

    def raw_rows(self) -> Iterator[tuple[int, list[str]]]:
        """The data records after the header as (row number, cells), unconverted, single pass.

        Convert each with :meth:`firm`; a caller that recognises a row it has seen before
        (by :meth:`row_key`) may skip the conversion and call :meth:`note_seen`.
        """
        if self._started:
            raise RuntimeError(f"{self.file}: rows can be read only once")
        self._started = True
        return self._raw()

    def _raw(self) -> Iterator[tuple[int, list[str]]]:
        if not self._index:
            return
        for number, cells in self._records():
            if number <= self.header_row or self._skippable(cells):
                continue
            yield number, cells

    def row_key(self, cells: list[str]) -> str:
        """A hash of the cells this reader uses, in canonical-field order (the row-hash cache
        key; the fields themselves are in the hash via the header, see ``_key_head``)."""
        if self._key_positions is None:
            fields = sorted(self._index.items())
            self._key_positions = [i for _, i in fields]
            self._key_head = "\x1e".join(field for field, _ in fields)
            self._key_last = max(self._key_positions, default=-1)
        positions = self._key_positions
        if len(cells) > self._key_last:
            used = [cells[i].strip() for i in positions]
        else:
            used = [cells[i].strip() if i < len(cells) else "" for i in positions]
        text = self._key_head + "\x1f" + "\x1f".join(used)
        return hashlib.blake2b(text.encode(), digest_size=10).hexdigest()

    def firm(self, number: int, cells: list[str]) -> ExportedFirm | None:
        """One raw record → ExportedFirm, or None (rejected or a duplicate; see ``rejects``)."""
        firm = self._convert(number, cells)
        return firm if firm is not None and not self._duplicate(firm) else None

    def note_seen(self, number: int, key: str) -> None:
        """Remember a row skipped unconverted by its :func:`seen_key` (kept with the row's
        cache entry), so a later duplicate of it is still caught."""
        self._seen.setdefault(key, number)

    def _stream(self) -> Iterator[ExportedFirm]:
        for number, cells in self._raw():
            firm = self.firm(number, cells)
            if firm is not None:
                yield firm

    def _skippable(self, cells: list[str]) -> bool:
        """Blank rows and repeated header rows (page breaks in exports) carry no firm."""
        if not "".join(cells).strip():
            return True
        position = self._index["name"]
        if position >= len(cells):
            return False
        cell = cells[position]
        # most names cannot be a header spelling: check the first character before the rest
        first = unicodedata.normalize("NFKC", cell.lstrip()[:1]).lower()[:1]
        if first not in self._name_header_starts:
            return False
        return self._lookup.get(header_key(cell)) == "name"

    def converter(self) -> RowConverter:
        """What converting a row needs, without the open file (it can go to a worker process)."""
        if self._converter is None:
            self._converter = RowConverter(self.file, dict(self._index), dict(self.columns))
        return self._converter

    def _convert(self, number: int, cells: list[str]) -> ExportedFirm | None:
        firm, rejects = self.converter().convert(number, cells)
        self.rejects.extend(rejects)
        return firm

    def _duplicate(self, firm: ExportedFirm) -> bool:
        return self.duplicate_row(firm.row, firm.uscc, firm.name)

    def duplicate_row(self, row: int, uscc: str | None, name: str) -> bool:
        """Same USCC, or same name when there is no USCC, as an earlier row: warn and skip.

        Call it in row order for rows converted outside :meth:`firm` (by a worker process)."""
        by_code = uscc is not None
        first = self._seen.setdefault(seen_key(uscc, name), row)
        if first == row:
            return False
        what_zh, what_en = ("统一社会信用代码", "USCC") if by_code else ("企业名称", "name")
        self.rejects.append(
            Reject(
                self.file,
                row,
                self.columns["uscc" if by_code else "name"],
                uscc or name,
                f"重复行：与第{first}行的{what_zh}相同，已跳过",
                f"duplicate row: same {what_en} as row {first}; skipped",
                "warning",
            )
        )
        return True


def seen_key(uscc: str | None, name: str) -> str:
    """What makes two rows of one export duplicates: the same USCC, else the same name."""
    return f"u:{uscc}" if uscc is not None else f"n:{normalise_name(name)}"


class RowConverter:
    """Converts raw cells of one export file to ExportedFirm; picklable, holds no file."""

    def __init__(self, file: str, index: dict[str, int], columns: dict[str, str]) -> None:
        self.file = file
        self.index = index
        self.columns = columns

    def convert(self, number: int, cells: list[str]) -> tuple[ExportedFirm | None, list[Reject]]:
        """One row → ExportedFirm (None if skipped) and its rejects, each naming its column."""
        values: dict[str, Any] = {"row": number}
        problems: list[tuple[str, str, ValueProblem]] = []
        for canonical, position in self.index.items():
            raw = cells[position] if position < len(cells) else ""
            text = _clean(raw)
            if text is None:
                continue
            convert = _CONVERTERS.get(canonical)
            if convert is None:  # a text field, kept as written
                values[canonical] = text
                continue
            try:
                values.update(convert(text))
            except ValueProblem as exc:
                problems.append((canonical, raw, exc))
        if "name" not in values and not any(c == "name" for c, _, _ in problems):
            problems.append(("name", "", ValueProblem("缺少企业名称", "the firm name is missing")))
        skip = any(canonical in ROW_FATAL for canonical, _, _ in problems)
        rejects = [
            Reject(
                self.file,
                number,
                self.columns[canonical],
                raw,
                problem.zh,
                problem.en,
                "row" if skip else "warning",
            )
            for canonical, raw, problem in problems
        ]
        return (None if skip else ExportedFirm(**values)), rejects


def read_enterprise_export(path: Path, aliases: dict[str, list[str]] | None = None) -> ExportResult:
    """Open an export and find its header; read the firms with ``.rows()``.

    ``aliases`` replaces :data:`DEFAULT_ALIASES` (canonical field → header spellings); to add a
    spelling, pass ``{**DEFAULT_ALIASES, "name": [*DEFAULT_ALIASES["name"], "单位名称"]}``.
    Raises ConfigError only for a bad ``aliases`` mapping; problems with the file become rejects.
    """
    result = ExportResult(Path(path), _alias_lookup(aliases or DEFAULT_ALIASES))
    result._open()
    return result

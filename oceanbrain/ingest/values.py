"""Parsing and checking the values Chinese firm data comes in: USCCs, money, dates, names.

Each parser returns a value or raises :class:`ValueProblem` with a reason in Chinese and English,
which the caller turns into a reject row naming the file, row and column.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache


class ValueProblem(ValueError):
    """A value that cannot be used; ``zh`` and ``en`` say why."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh = zh
        self.en = en


# -- GB 32100-2015 unified social credit code -------------------------------------------------
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


_USCC_VALUE = {c: i for i, c in enumerate(USCC_ALPHABET)}


def uscc_check_char(first17: str) -> str:
    """The check character (18th) for the first 17 characters of a USCC."""
    value = _USCC_VALUE
    total = sum(map(int.__mul__, [value[c] for c in first17], USCC_WEIGHTS))
    if len(first17) != len(USCC_WEIGHTS):
        raise ValueError(f"expected 17 characters, got {len(first17)}")
    return USCC_ALPHABET[(31 - total % 31) % 31]


def parse_uscc(raw: str) -> str:
    """A valid 18-character USCC (upper-cased, spaces removed) or ValueProblem."""
    code = unicodedata.normalize("NFKC", raw).strip().upper().replace(" ", "")
    if len(code) != 18:
        raise ValueProblem(
            f"统一社会信用代码应为18位，实际{len(code)}位",
            f"a USCC has 18 characters, this one has {len(code)}",
        )
    bad = [c for c in code if c not in _USCC_VALUE]
    if bad:
        raise ValueProblem(
            f"统一社会信用代码含非法字符 {''.join(bad)}（不可使用 I、O、Z、S、V）",
            f"a USCC cannot contain {''.join(bad)} (I, O, Z, S, V are never used)",
        )
    expected = uscc_check_char(code[:17])
    if code[17] != expected:
        raise ValueProblem(
            f"统一社会信用代码校验位错误：应为 {expected}，实际为 {code[17]}",
            f"USCC check character is wrong: expected {expected}, found {code[17]}",
        )
    return code


# -- money ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Money:
    amount: float  # in units of `currency`
    currency: str  # ISO 4217: CNY, USD, EUR, HKD, JPY …
    text: str  # as written


_CURRENCIES = (
    ("人民币", "CNY"),
    ("美元", "USD"),
    ("欧元", "EUR"),
    ("港元", "HKD"),
    ("港币", "HKD"),
    ("日元", "JPY"),
    ("英镑", "GBP"),
    ("元", "CNY"),
)
_SCALES = {"万亿": 1e12, "亿": 1e8, "千万": 1e7, "百万": 1e6, "万": 1e4, "千": 1e3}
_MONEY = re.compile(r"(?P<num>[0-9]+(?:\.[0-9]+)?)\s*(?P<scale>万亿|亿|千万|百万|万|千)?")
_EMPTY_MARKS = {"", "-", "—", "--", "——", "无", "未公开", "暂无", "null", "none", "nan"}


@lru_cache(maxsize=8192)  # exports repeat the same capital strings ("500万元人民币") a lot
def parse_money(raw: str) -> Money | None:
    """'5000万元人民币' → Money(5e7, 'CNY'); '100万美元' → Money(1e6, 'USD'); '—' → None."""
    text = unicodedata.normalize("NFKC", raw).strip()
    if text.lower() in _EMPTY_MARKS:
        return None
    cleaned = text.replace(",", "").replace("，", "")
    match = _MONEY.search(cleaned)
    if not match:
        raise ValueProblem(f"无法识别金额：{raw!r}", f"not an amount of money: {raw!r}")
    amount = float(match["num"]) * _SCALES.get(match["scale"] or "", 1.0)
    currency = next((code for word, code in _CURRENCIES if word in cleaned), "CNY")
    if re.search(r"\b(USD|US\$)", cleaned, re.IGNORECASE) or cleaned.startswith("$"):
        currency = "USD"
    return Money(amount, currency, text)


# -- dates ------------------------------------------------------------------------------------
_DATE = re.compile(
    r"^(?P<y>\d{4})\s*(?:[-/.年]\s*(?P<m>\d{1,2})\s*(?:[-/.月]\s*(?P<d>\d{1,2})\s*日?)?\s*月?)?\s*年?$"
)


@lru_cache(maxsize=8192)
def parse_date(raw: str) -> str | None:
    """Usual Chinese date forms → ISO text: '2024年6月7日' → '2024-06-07', '2024-06' → '2024-06'.

    Year-only and year-month values keep their precision instead of inventing a day.
    """
    text = unicodedata.normalize("NFKC", raw).strip()
    if text.lower() in _EMPTY_MARKS:
        return None
    compact = re.fullmatch(r"(\d{4})(\d{2})(\d{2})", text)
    if compact:
        text = "-".join(compact.groups())
    match = _DATE.match(text)
    if not match:
        raise ValueProblem(f"无法识别日期：{raw!r}", f"not a date: {raw!r}")
    year, month, day = int(match["y"]), match["m"], match["d"]
    try:
        if day is not None:
            return date(year, int(month), int(day)).isoformat()
        if month is not None:
            date(year, int(month), 1)
            return f"{year:04d}-{int(month):02d}"
    except ValueError:
        raise ValueProblem(f"日期不存在：{raw!r}", f"no such date: {raw!r}") from None
    return f"{year:04d}"


# -- names and ids ----------------------------------------------------------------------------
_BRACKETS = str.maketrans({"（": "(", "）": ")", "【": "[", "】": "]", "　": " "})


def normalise_name(name: str) -> str:
    """The comparison form of an organisation name: NFKC, half-width brackets, no spaces."""
    text = unicodedata.normalize("NFKC", name).translate(_BRACKETS)
    return re.sub(r"\s+", "", text).lower()


def stable_id(prefix: str, *parts: str) -> str:
    """A deterministic id: the same inputs give the same id on every run and machine."""
    digest = hashlib.sha1("\x1f".join(normalise_name(p) for p in parts).encode()).hexdigest()
    return f"{prefix}:{digest[:16]}"


def split_multi(raw: str | None) -> list[str]:
    """'a|b| c' → ['a', 'b', 'c'] (the data files' multi-value separator is |)."""
    if not raw:
        return []
    return [part.strip() for part in raw.split("|") if part.strip()]

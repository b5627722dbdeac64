"""MONEY and QUANTITY mentions found by regex, with normalised values."""

from __future__ import annotations

import re
from dataclasses import dataclass

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6}
_CN_DIGITS.update({"七": 7, "八": 8, "九": 9})
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_MULT = {"万亿": 1e12, "千亿": 1e11, "百亿": 1e10, "十亿": 1e9, "亿": 1e8, "千万": 1e7}
_MULT.update({"百万": 1e6, "十万": 1e5, "万": 1e4, "千": 1e3, "百": 1e2})

_NUM = r"(?P<num>\d+(?:,\d{3})*(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+)"
_APPROX = r"(?P<approx>多|余)?"
# "3 亿吨", "109,272.26 ㎡": a single space may stand between a number and its unit
_SPACE = r" ?"
_MULT_RE = r"(?P<mult>万亿|千亿|百亿|十亿|亿|千万|百万|十万|万)?"
_CURRENCY = {
    "元": "CNY",
    "人民币": "CNY",
    "美元": "USD",
    "欧元": "EUR",
    "港元": "HKD",
    "港币": "HKD",
}
_QUNITS = {
    "EFLOPS": "EFLOPS",
    "PFLOPS": "PFLOPS",
    "TFLOPS": "TFLOPS",
    "EB": "EB",
    "PB": "PB",
    "TB": "TB",
    "TEU": "TEU",
    "平方公里": "km2",
    "平方千米": "km2",
    "平方米": "m2",
    "平米": "m2",
    "㎡": "m2",
    "千升": "kL",
    "公斤": "kg",
    "英寸": "in",
    "寸": "in",
    "千克": "kg",
    "立方米": "m3",
    "公里": "km",
    "千米": "km",
    "海里": "nmi",
    "公顷": "ha",
    "亩": "mu",
    "吨": "t",
    "千瓦": "kW",
    "兆瓦": "MW",
    "吉瓦": "GW",
    "标准箱": "TEU",
    "米": "m",
    "马力": "hp",
    "千瓦时": "kWh",
    "载重吨": "DWT",
    "标箱": "TEU",
    "GWh": "GWh",
    "MWh": "MWh",
    "kWh": "kWh",
    "GW": "GW",
    "MW": "MW",
    "kW": "kW",
}
_MONEY_RE = re.compile(
    _NUM
    + _SPACE
    + _APPROX
    + _MULT_RE
    + _APPROX.replace("approx", "approx2")
    + r"(?P<unit>美元|欧元|港元|港币|人民币|元)"
)
_QTY_RE = re.compile(
    _NUM
    + _SPACE
    + _APPROX
    + _MULT_RE
    + _APPROX.replace("approx", "approx2")
    + r"(?P<unit>"
    + "|".join(sorted(_QUNITS, key=len, reverse=True))
    + r"|P(?![A-Za-z]))(?P<per>/(?:年|日|天))?"
)


@dataclass(frozen=True)
class Measure:
    start: int
    end: int
    type: str  # MONEY | QUANTITY
    value: float
    unit: str


def cn_number(text: str) -> float | None:
    """'50' → 50.0, '1,691.5' → 1691.5, '三千五百' → 3500.0, '千' → 1000.0."""
    text = text.replace(",", "")
    try:
        return float(text)
    except ValueError:
        pass
    total, current = 0, 0
    for ch in text:
        if ch in _CN_DIGITS:
            current = _CN_DIGITS[ch]
        elif ch in _CN_UNITS:
            total += (current or 1) * _CN_UNITS[ch]
            current = 0
        else:
            return None
    return float(total + current)


def _value(m: re.Match[str]) -> float | None:
    num = cn_number(m.group("num"))
    if num is None:
        return None
    mult = _MULT.get(m.group("mult") or "", 1.0)
    return num * mult


def find_measures(text: str) -> list[Measure]:
    """All money and quantity mentions, left to right, non-overlapping."""
    out: list[Measure] = []
    taken: list[tuple[int, int]] = []
    for m in _MONEY_RE.finditer(text):
        value = _value(m)
        if value is None:
            continue
        out.append(Measure(m.start(), m.end(), "MONEY", value, _CURRENCY[m.group("unit")]))
        taken.append((m.start(), m.end()))
    for m in _QTY_RE.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        unit_text = m.group("unit")
        unit = "PFLOPS" if unit_text == "P" else _QUNITS[unit_text]
        # a bare Chinese numeral before 米 etc. is often a word (e.g. 玉米); keep digits or 万/千
        if not re.search(r"\d", m.group("num")) and not m.group("mult") and unit_text == "米":
            continue
        value = _value(m)
        if value is None:
            continue
        # Latin units must not run into more Latin letters (e.g. 10EBS)
        nxt = text[m.end() : m.end() + 1]
        if unit_text.isascii() and nxt.isascii() and nxt.isalpha():
            continue
        if m.group("per"):
            unit += "/year" if m.group("per") == "/年" else "/day"
        out.append(Measure(m.start(), m.end(), "QUANTITY", value, unit))
    out.sort(key=lambda x: x.start)
    return out

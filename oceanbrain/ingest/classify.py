"""Firm → chain-segment classification from the industry code and from keywords (no database).

Two kinds of evidence, each turned into a confidence in [0, 1] per segment:

- **Industry code** (所属行业, GB/T 4754-2017) through ``data/chains/gbt4754_crosswalk.csv``: the
  4-digit class's rows count at their weight; an unknown class falls back to its 3-digit group
  (× ``GROUP_FALLBACK``) and then its 2-digit division (× ``DIVISION_FALLBACK``). An industry
  given only by name is looked up among the crosswalk's names (× ``NAME_ONLY``).
- **Keywords** of the chain taxonomy (``chains.yaml``) found in the firm name and 经营范围: one
  compiled regular expression (a character trie of every term, so the longest term wins at each
  position) scans the text; terms inside a stop phrase (货物进出口 …) or after 不含 do not
  count, and 经营范围 clauses are memoised (standard wordings recur across firms). A
  keyword's strength is ``FIELD_BASE[field] × length factor ÷ √(segments sharing it)``, and the
  distinct keywords of a segment combine as a noisy-OR.

Both combine as a noisy-OR too: ``confidence = 1 − (1 − code)(1 − keyword)``, so a firm with
both kinds of evidence always scores higher than with either. Links under
``classify_min_confidence`` are dropped, the best ``classify_max_segments`` are kept, and those
under ``classify_review_below`` carry ``needs_review=True`` (审核 queue). See
docs/classification.md for the figures measured on the curated firms.
"""

from __future__ import annotations

import csv
import logging
import math
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path

from oceanbrain import settings
from oceanbrain.errors import ConfigError
from oceanbrain.ingest.canonical import CHAINS_FILE, read_chains

log = logging.getLogger("oceanbrain.ingest")

CROSSWALK_FILE = "chains/gbt4754_crosswalk.csv"
CROSSWALK_COLUMNS = ("code", "level", "name_zh", "segment_id", "weight", "note")
LEVELS = {4: "class", 3: "group", 2: "division"}

GROUP_FALLBACK = 0.75  # a class missing from the crosswalk, judged by its 3-digit group
DIVISION_FALLBACK = 0.5  # … or by its 2-digit division
NAME_ONLY = 0.9  # industry given by name only (matched against the crosswalk's names)
FIELD_BASE = {"name": 0.7, "scope": 0.5}  # one strong keyword in the name vs in 经营范围
# Standard 经营范围 phrases that contain a taxonomy keyword but say nothing about the chain
# (every trading firm lists 货物进出口); matched like keywords and then ignored.
STOP_PHRASES = (
    "货物进出口",
    "技术进出口",
    "进出口代理",
    "数据处理和存储支持服务",
    "保健食品(预包装)销售",
    "保健食品（预包装）销售",
    "保健食品销售",
    "化妆品零售",
    "化妆品批发",
    "第一类医疗器械销售",
    "第二类医疗器械销售",
    "第三类医疗器械经营",
    "普通货物仓储服务",
    "国内货物运输代理",
    "道路货物运输",
    "物联网技术服务",
    "物联网设备销售",
    "物联网应用服务",
    "半导体照明",
    "集成电路芯片及产品销售",
    "电子产品销售",
    "软件开发",
    "5G通信技术服务",
    "人工智能基础软件开发",
    "人工智能应用软件开发",
    "人工智能理论与算法软件开发",
    "人工智能通用应用系统",
    "人工智能行业应用系统集成服务",
    "人工智能硬件销售",
    "智能机器人的研发",
    "智能机器人销售",
)
# "(不含危险化学品)": what follows 不含 up to the next delimiter is excluded
_NEGATION = r"不含[^)）,，;；、。|]{0,24}"
# 经营范围 clause delimiters; no keyword holds one ("(预包装)" is removed before splitting)
_CLAUSE = re.compile(r"[；;、，,。：:（）()|\s]+")
CLAUSE_MEMO_SIZE = 200_000  # clauses remembered (cleared when full; a few tens of MB at most)


@dataclass(frozen=True)
class SegmentLink:
    segment_id: str
    confidence: float
    evidence: str  # e.g. "行业代码 3734 船用配套设备制造" / "经营范围关键词: 水下机器人"
    method: str  # "industry_code" | "keyword" | "both"
    needs_review: bool  # confidence below the review threshold setting


@dataclass(frozen=True)
class CrosswalkRow:
    code: str
    level: str
    name_zh: str
    segment_id: str
    weight: float
    note: str


@dataclass(frozen=True)
class _Keyword:
    text: str  # as written in the taxonomy
    segments: tuple[str, ...]
    strength: float  # length factor ÷ √(len(segments)); times FIELD_BASE gives the probability
    ascii_start: bool
    ascii_end: bool


class Classifier:
    """Classifies firms into chain segments; build once (``from_data``), call ``classify`` often."""

    def __init__(
        self,
        segments: Sequence[tuple[str, Sequence[str]]],
        crosswalk: Iterable[CrosswalkRow] = (),
        *,
        review_below: float | None = None,
        min_confidence: float | None = None,
        max_segments: int | None = None,
    ) -> None:
        self.review_below = _number("classify_review_below", review_below)
        self.min_confidence = _number("classify_min_confidence", min_confidence)
        self.max_segments = int(_number("classify_max_segments", max_segments))
        self.segment_ids = tuple(sid for sid, _ in segments)
        self._order = {sid: i for i, sid in enumerate(self.segment_ids)}
        self._keywords = _keyword_table(segments)
        # the keyword automaton: one regex, a character trie of every term (longest term wins at a
        # position), behind a branch that swallows "不含…" exclusions
        self._pattern = re.compile(f"{_NEGATION}|{trie_regex(self._keywords)}")
        self._clauses: dict[str, tuple[_Keyword, ...]] = {}  # clause → keywords (memo)
        self._by_code: dict[str, list[CrosswalkRow]] = {}
        self._code_names: dict[str, str] = {}
        for row in crosswalk:
            if row.segment_id not in self._order:
                raise ConfigError(
                    f"{CROSSWALK_FILE}: code {row.code} names segment {row.segment_id!r}, "
                    f"which is not in {CHAINS_FILE}; fix the segment_id column"
                )
            self._by_code.setdefault(row.code, []).append(row)
            self._code_names[row.code] = row.name_zh
        self._name_to_code = {_fold(n): c for c, n in self._code_names.items()}
        names = sorted(self._name_to_code, key=len, reverse=True)
        self._name_pattern = re.compile("|".join(map(re.escape, names))) if names else None

    @classmethod
    def from_data(
        cls,
        data_dir: Path = Path("data"),
        *,
        review_below: float | None = None,
        min_confidence: float | None = None,
        max_segments: int | None = None,
    ) -> Classifier:
        """The taxonomy (``chains/chains.yaml``) and crosswalk under ``data_dir``; thresholds
        default to the settings. Without a crosswalk file only keywords are used (logged)."""
        chains, rejects = read_chains(data_dir)
        if rejects:
            raise ConfigError(f"{data_dir / CHAINS_FILE}: {rejects[0].line()}")
        segments = [(s.id, tuple(s.keywords)) for c in chains for s in c.segments]
        path = data_dir / CROSSWALK_FILE
        if path.exists():
            crosswalk = read_crosswalk(path)
        else:  # e.g. a synthetic data folder, which copies only chains.yaml
            log.warning("%s not found: classifying by keywords only, without industry codes", path)
            crosswalk = []
        return cls(
            segments,
            crosswalk,
            review_below=review_below,
            min_confidence=min_confidence,
            max_segments=max_segments,
        )

    def keyword_texts(self) -> list[str]:
        """Every taxonomy keyword as written (stop phrases excluded), in first-seen order."""
        return [kw.text for kw in self._keywords.values() if kw.segments]

    def forget_clauses(self) -> None:
        """Empty the clause memo (benchmarks use this to measure the cold path)."""
        self._clauses.clear()

    # -- classification ---------------------------------------------------------------------
    def classify(
        self,
        *,
        name: str,
        industry_code: str | None = None,
        industry_name: str | None = None,
        business_scope: str | None = None,
    ) -> list[SegmentLink]:
        """The firm's segment links, best first (ties in taxonomy order); [] if nothing fits."""
        code_conf, code_why = self._code_evidence(industry_code, industry_name)
        hits_name = self._keyword_hits(name, memo=False) if name else {}
        hits_scope = self._keyword_hits(business_scope, memo=True) if business_scope else {}
        kw_conf: dict[str, float] = {}
        for field, hits in (("name", hits_name), ("scope", hits_scope)):
            base = FIELD_BASE[field]
            for sid, keywords in hits.items():
                miss = 1.0 - kw_conf.get(sid, 0.0)
                for kw in keywords:
                    miss *= 1.0 - base * kw.strength
                kw_conf[sid] = 1.0 - miss
        scored = []
        for sid in code_conf.keys() | kw_conf.keys():
            c, k = code_conf.get(sid, 0.0), kw_conf.get(sid, 0.0)
            confidence = round(1.0 - (1.0 - c) * (1.0 - k), 3)
            if confidence >= self.min_confidence:
                scored.append((-confidence, self._order[sid], sid, c, k))
        scored.sort()
        links = []
        for neg, _, sid, c, k in scored[: self.max_segments]:
            parts = []
            if c:
                parts.append(code_why[sid])
            if sid in hits_name:
                parts.append("企业名称关键词: " + "、".join(kw.text for kw in hits_name[sid]))
            if sid in hits_scope:
                parts.append("经营范围关键词: " + "、".join(kw.text for kw in hits_scope[sid]))
            method = "both" if c and k else ("industry_code" if c else "keyword")
            links.append(SegmentLink(sid, -neg, "；".join(parts), method, -neg < self.review_below))
        return links

    def _code_evidence(
        self, code: str | None, industry_name: str | None
    ) -> tuple[dict[str, float], dict[str, str]]:
        """Confidence per segment from the industry code (or name), and the evidence text."""
        digits = normalise_code(code) or normalise_code(_embedded_code(industry_name))
        rows: list[CrosswalkRow] = []
        if digits:
            rows, used = self._rows_for(digits)
            factor, what = 1.0, f"行业代码 {digits}"
            if rows and used != digits:
                level = "中类" if len(used) == 3 else "大类"
                factor = GROUP_FALLBACK if len(used) == 3 else DIVISION_FALLBACK
                what = f"行业代码 {digits} → {level} {used}"
        if not rows and industry_name and self._name_pattern is not None:
            found = [
                self._name_to_code[m.group()]
                for m in self._name_pattern.finditer(_fold(industry_name))
            ]
            if found:  # the most specific level named wins (a path "制造业>…>船用配套设备制造")
                used = max(found, key=len)
                rows, factor, what = self._by_code[used], NAME_ONLY, f"所属行业名称 → {used}"
        conf: dict[str, float] = {}
        why: dict[str, str] = {}
        for row in rows:
            value = row.weight * factor
            if value > conf.get(row.segment_id, 0.0):
                conf[row.segment_id] = value
                why[row.segment_id] = f"{what} {row.name_zh}"
        return conf, why

    def _rows_for(self, digits: str) -> tuple[list[CrosswalkRow], str]:
        for size in (4, 3, 2):
            if len(digits) >= size and digits[:size] in self._by_code:
                return self._by_code[digits[:size]], digits[:size]
        return [], digits

    def _keyword_hits(self, text: str, *, memo: bool) -> dict[str, list[_Keyword]]:
        """Keywords in ``text`` by segment, each once, in text order. 经营范围 is matched clause
        by clause (clauses never hold a keyword across a delimiter) and clauses are memoised:
        registration offices use standard wordings, so most clauses recur from firm to firm."""
        folded = _fold(text)
        if "预包装" in folded:  # "保健食品(预包装)销售" → the stop phrase "保健食品销售"
            folded = folded.replace("(预包装)", "").replace("（预包装）", "")
        if memo:
            clauses = _CLAUSE.split(folded)
            memory = self._clauses
            found: list[_Keyword] = []
            new: list[str] = []
            for clause in clauses:
                known = memory.get(clause)
                if known is None:
                    new.append(clause)
                elif known:
                    found.extend(known)
            if new:  # match the new clauses in one pass ("|" keeps them apart), then redo
                if len(memory) + len(new) > CLAUSE_MEMO_SIZE:
                    memory.clear()
                    new = clauses
                memory.update(self._match_clauses(list(dict.fromkeys(new))))
                found = [kw for clause in clauses for kw in memory[clause]]
        else:
            found = self._match(folded)
        hits: dict[str, list[_Keyword]] = {}
        for kw in found:
            for sid in kw.segments:
                listed = hits.setdefault(sid, [])
                if kw not in listed:
                    listed.append(kw)
        return hits

    def _match_clauses(self, clauses: list[str]) -> dict[str, tuple[_Keyword, ...]]:
        joined = "|".join(clauses)
        ends = list(accumulate(map((1).__add__, map(len, clauses))))  # offsets past each "|"
        per: dict[int, list[_Keyword]] = {}
        for start, kw in self._matches(joined):
            per.setdefault(bisect_right(ends, start), []).append(kw)
        out: dict[str, tuple[_Keyword, ...]] = dict.fromkeys(clauses, ())
        for index, kws in per.items():
            out[clauses[index]] = tuple(kws)
        return out

    def _match(self, text: str) -> list[_Keyword]:
        return [kw for _, kw in self._matches(text)]

    def _matches(self, text: str) -> Iterator[tuple[int, _Keyword]]:
        for match in self._pattern.finditer(text):
            kw = self._keywords.get(match.group())
            if kw is None or not kw.segments:
                continue  # a "不含…" exclusion or a stop phrase
            if (kw.ascii_start and _ascii_before(text, match.start())) or (
                kw.ascii_end and _ascii_at(text, match.end())
            ):
                continue  # "CRO" inside "MICRO"
            yield match.start(), kw


# -- reading the crosswalk ------------------------------------------------------------------
def read_crosswalk(path: Path) -> list[CrosswalkRow]:
    """Rows of the GB/T 4754 → segment crosswalk, with an error naming file, line and column."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            missing = [c for c in CROSSWALK_COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                raise ConfigError(f"{path}: required columns missing: {', '.join(missing)}")
            out = []
            for row in reader:
                out.append(_crosswalk_row(path, reader.line_num, row))
            return out
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise ConfigError(f"cannot read the crosswalk {path}: {exc}") from None


def _crosswalk_row(path: Path, line: int, row: dict[str, str]) -> CrosswalkRow:
    code = (row.get("code") or "").strip()
    if not (code.isdigit() and len(code) in LEVELS):
        raise ConfigError(f"{path}:{line}: column code must be 2, 3 or 4 digits, got {code!r}")
    level = (row.get("level") or "").strip()
    if level != LEVELS[len(code)]:
        raise ConfigError(
            f"{path}:{line}: column level must be {LEVELS[len(code)]!r} for code {code}, "
            f"got {level!r}"
        )
    try:
        weight = float(row.get("weight") or "")
    except ValueError:
        weight = math.nan
    if not 0.0 < weight <= 1.0:
        raise ConfigError(f"{path}:{line}: column weight must be a number in (0, 1]")
    return CrosswalkRow(
        code,
        level,
        (row.get("name_zh") or "").strip(),
        (row.get("segment_id") or "").strip(),
        weight,
        (row.get("note") or "").strip(),
    )


# -- text helpers ---------------------------------------------------------------------------
_CODE = re.compile(r"(?<![A-Za-z0-9])[A-Ta-t]?\s*(\d{2,4})(?![0-9])")


def normalise_code(code: str | None) -> str | None:
    """'C3734', 'c 3734', '3734' → '3734'; '373' and '37' stay (group, division); else None."""
    if not code:
        return None
    text = unicodedata.normalize("NFKC", code).strip()
    match = _CODE.fullmatch(text) or _CODE.search(text)
    return match.group(1) if match else None


def _embedded_code(industry_name: str | None) -> str | None:
    """A code written inside the industry cell: '船用配套设备制造(3734)', 'C3734 船用…'."""
    if not industry_name:
        return None
    match = _CODE.search(unicodedata.normalize("NFKC", industry_name))
    return match.group(1) if match else None


def _fold(text: str) -> str:
    """Upper case with full-width Latin letters and digits made half-width (ＡＩＳ, ais → AIS)."""
    return text.translate(_HALF_WIDTH).upper() if _FULL_WIDTH.search(text) else text.upper()


_FULL_WIDTH_ALNUM = [*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B)]
_HALF_WIDTH = {code: code - 0xFEE0 for code in _FULL_WIDTH_ALNUM}
# only letters and digits: full-width punctuation (；：) stays, it is common and harmless
_FULL_WIDTH = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")


def _ascii_at(text: str, index: int) -> bool:
    return index < len(text) and text[index].isascii() and text[index].isalnum()


def _ascii_before(text: str, index: int) -> bool:
    return index > 0 and text[index - 1].isascii() and text[index - 1].isalnum()


def _keyword_table(segments: Sequence[tuple[str, Sequence[str]]]) -> dict[str, _Keyword]:
    """Folded term → keyword (its segments and strength); stop phrases have no segments."""
    owners: dict[str, list[str]] = {}
    shown: dict[str, str] = {}
    for sid, keywords in segments:
        for word in keywords:
            folded = _fold(word.strip())
            if len(folded) < 2 or _CLAUSE.search(folded):
                raise ConfigError(
                    f"{CHAINS_FILE}: keyword {word!r} of {sid} must be at least 2 characters "
                    "without spaces or clause punctuation (、，；：() …)"
                )
            shown.setdefault(folded, word.strip())
            if sid not in owners.setdefault(folded, []):
                owners[folded].append(sid)
    table = {
        folded: _Keyword(
            shown[folded],
            tuple(sids),
            _length_factor(folded) / math.sqrt(len(sids)),
            folded[0].isascii() and folded[0].isalnum(),
            folded[-1].isascii() and folded[-1].isalnum(),
        )
        for folded, sids in owners.items()
    }
    for phrase in STOP_PHRASES:
        folded = _fold(phrase)
        table.setdefault(folded, _Keyword(phrase, (), 0.0, False, False))
    return table


def _length_factor(word: str) -> float:
    """Longer terms are more specific: 4+ characters 1.0, 3 → 0.85, 2 → 0.65."""
    size = len(word)
    if word.isascii():  # acronyms: AIS, ROV, IDC …
        return 0.65 if size <= 3 else 0.85
    return 1.0 if size >= 4 else (0.85 if size == 3 else 0.65)


def trie_regex(words: Iterable[str]) -> str:
    """One regex alternation of ``words`` as a character trie: at each position the longest word
    wins. The engine tries alternatives one by one, so wide trie nodes are split into a small
    tree of character-class look-aheads (each an O(1) bitmap test): a position is rejected or
    dispatched after a handful of tests instead of one per distinct first character."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    chars = sorted(ch for ch in trie if ch)
    if not chars:
        return "(?!)"
    return f"(?={_char_class(chars)}){_node_regex(trie)}"


_FAN = 8  # branches per trie node before it is split by look-aheads


def _node_regex(node: dict[str, dict]) -> str:
    chars = sorted(ch for ch in node if ch)
    if not chars:
        return ""
    body = _branches(node, chars)
    return f"(?:{body})?" if "" in node else body  # greedy ?: longer words are tried first


def _branches(node: dict[str, dict], chars: list[str]) -> str:
    if len(chars) == 1:
        return re.escape(chars[0]) + _node_regex(node[chars[0]])
    if len(chars) <= _FAN:
        return "(?:" + "|".join(re.escape(ch) + _node_regex(node[ch]) for ch in chars) + ")"
    size = -(-len(chars) // _FAN)
    groups = [chars[i : i + size] for i in range(0, len(chars), size)]
    return "(?:" + "|".join(f"(?={_char_class(g)}){_branches(node, g)}" for g in groups) + ")"


def _char_class(chars: list[str]) -> str:
    return "[" + "".join(re.escape(ch) for ch in chars) + "]"


def _number(name: str, override: float | None) -> float:
    return float(override) if override is not None else settings.get_number(name)

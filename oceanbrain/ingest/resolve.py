"""Layered entity resolution for firms (企业实体对齐), with judgements stored and honoured.

A source row knows a firm by a :class:`FirmKey` (name, perhaps a USCC, perhaps aliases). The
:class:`Resolver` finds the firm it means, in layers:

1. **USCC** — a valid 统一社会信用代码 equal to a known one (``method="uscc"``).
2. **Judgement** — a person decided this record is the same as another (``"judgement"``).
3. **Names** — the resolution form of the name (:func:`name_parts`: width, brackets, region
   prefixes and bracketed regions, legal-form suffixes removed) equals a known firm's name
   (``"name"``) or one side's 曾用名/简称/英文名 (``"alias"``).
4. **Similarity** — names that share a bigram of their trade name (字号) are scored
   (:func:`similarity`); at or above ``resolve_auto_merge`` with nothing else as close they merge
   (``"name"``, with the score), between ``resolve_review_min`` and that threshold a pending
   same_entity :class:`JudgementRecord` is raised for review and the record stays new.

Guards: firms with two different valid USCCs are never merged; a ``not_same`` judgement keeps
a pair apart for good and is never asked again; a name shared by several firms resolves to none
of them. Ids follow ``oceanbrain.ingest.load.firm_id``: ``firm:uscc:<USCC>`` or
``firm:name:<hash of normalise_name(name)>``; a record that matches a known firm takes that
firm's id.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from heapq import nsmallest
from itertools import chain
from typing import TYPE_CHECKING, Any

from oceanbrain import settings
from oceanbrain.graph.resolution import (
    PENDING,
    SAME_ENTITY,
    JudgementRecord,
    KnownFirm,
    judgement_id,
)
from oceanbrain.ingest.values import ValueProblem, normalise_name, parse_uscc, stable_id

if TYPE_CHECKING:
    from oceanbrain.graph.store import GraphStore

__all__ = [
    "FirmKey",
    "JudgementRecord",
    "KnownFirm",
    "NameParts",
    "Resolution",
    "Resolver",
    "name_parts",
    "own_id",
    "similarity",
]

METHODS = ("uscc", "name", "alias", "judgement", "new")
MAX_POSTING = 1_000  # a trade-name bigram shared by more names than this is too common to block on
MAX_CANDIDATES = 30  # names scored per record in the similarity step
MAX_QUESTIONS = 3  # pending judgements raised per record


@dataclass(frozen=True)
class FirmKey:
    """What a source row knows about a firm."""

    name: str
    uscc: str | None = None
    aliases: tuple[str, ...] = ()  # 曾用名 / 简称 / 英文名


@dataclass(frozen=True)
class Resolution:
    id: str  # the firm's node id (see the module docstring)
    method: str  # "uscc" | "name" | "alias" | "judgement" | "new"
    matched: bool  # True if it resolved to a firm already known
    score: float | None = None  # similarity, when the name layer merged on a near match


# -- the resolution form of a name -------------------------------------------------------------
def _words(text: str) -> tuple[str, ...]:
    """A word list written as text, one space between words."""
    return tuple(text.split())


PROVINCES = _words(
    "北京 天津 上海 重庆 河北 山西 辽宁 吉林 黑龙江 "
    "江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 广东 "
    "海南 四川 贵州 云南 陕西 甘肃 青海 台湾 内蒙古 "
    "广西 西藏 宁夏 新疆 香港 澳门"
)
CITIES = _words(
    "青岛 济南 烟台 威海 潍坊 日照 东营 滨州 淄博 临沂 "
    "德州 聊城 济宁 泰安 枣庄 菏泽 大连 宁波 舟山 厦门 "
    "福州 深圳 广州 珠海 湛江 汕头 杭州 南京 苏州 无锡 "
    "南通 连云港 盐城 武汉 长沙 成都 西安 沈阳 秦皇岛 "
    "唐山 沧州 海口 三亚 北海 防城港 温州 台州 泉州 "
    "漳州 江门 东莞 佛山 合肥 郑州 大庆 哈尔滨 长春 "
    "南宁 昆明 贵阳 兰州 乌鲁木齐 北京 天津 上海 重庆"
)
QINGDAO_DISTRICTS = _words(
    "市南 市北 黄岛 崂山 李沧 城阳 即墨 胶州 平度 莱西 西海岸 西海岸新区 胶南 四方"
)
_SUFFIX = {"province": ("省", "市", "自治区", ""), "city": ("市", ""), "district": ("区", "市", "")}


def _region_table() -> dict[str, str]:
    """Every written form of a region → its canonical name (a district → its city)."""
    table: dict[str, str] = {}
    for name in PROVINCES:
        for suffix in _SUFFIX["province"]:
            table.setdefault(name + suffix, name)
    for name in CITIES:
        for suffix in _SUFFIX["city"]:
            table[name + suffix] = name  # a city wins over a province of the same name
    for name in QINGDAO_DISTRICTS:
        for suffix in _SUFFIX["district"]:
            table.setdefault(name + suffix, "青岛")
    table["中国"] = "中国"
    table["中华人民共和国"] = "中国"
    return table


REGIONS = _region_table()
_REGION_PREFIX = re.compile("^(" + "|".join(sorted(REGIONS, key=len, reverse=True)) + ")")
_REGION_SUFFIX = re.compile("(" + "|".join(sorted(REGIONS, key=len, reverse=True)) + ")$")

# Legal forms (组织形式), longest first; the value says whether it marks a group or a branch.
LEGAL_FORMS: tuple[tuple[str, str], ...] = tuple(
    sorted(
        {
            "股份有限公司": "",
            "有限责任公司": "",
            "有限公司": "",
            "股份公司": "",
            "责任公司": "",
            "总公司": "",
            "公司": "",
            "有限合伙": "",
            "集团有限公司": "group",
            "集团股份有限公司": "group",
            "集团公司": "group",
            "(集团)": "group",
            "集团": "group",
            "控股集团": "group",
            "分公司": "branch",
            "分行": "branch",
            "分厂": "branch",
            "办事处": "branch",
        }.items(),
        key=lambda item: -len(item[0]),
    )
)
ENGLISH_FORMS = {
    "co",
    "ltd",
    "limited",
    "company",
    "inc",
    "incorporated",
    "corp",
    "corporation",
    "group",
    "holdings",
    "holding",
    "plc",
    "llc",
    "gmbh",
    "the",
}
# Industry words (行业表述) that follow the trade name (字号); stripped from the end of the core
# to find the trade name the similarity step compares.
_INDUSTRY = _words(
    "科技 技术 信息 智能 装备 设备 仪器 工程 海洋 生物 "
    "医药 制药 药业 物流 航运 海运 船舶 重工 重机 发展 "
    "投资 实业 贸易 电子 网络 数据 数字 能源 新能源 "
    "环境 环保 材料 新材料 水产 渔业 食品 自动化 机器人 "
    "集装箱 码头 运输 港口 国际 产业 开发 建设 管理 "
    "服务 咨询 研究院 研究所 制造 机械 电气 控股 水务 "
    "软件 通信 微电子 半导体 芯片 卫星 导航 航天 电缆 "
    "海缆 造船 船务 邮轮 融资租赁 租赁 金融 化工 化学 "
    "应用 健康 检测 检验 藻业 海藻 养殖 远洋 供应链 "
    "仓储 冷链 货运 商业保理 保理 创新 中心 智慧 互联网 "
    "物联 人工智能 动力 发动机 柴油机 船用 电力 风电 "
    "文旅 海水淡化 自来水 生物工程 工业 产业园 运营 高科 "
    "光电 视觉 系统 集成 云计算 信息产业 精密 仪表 测控"
)
INDUSTRY_WORDS = tuple(sorted(set(_INDUSTRY), key=len, reverse=True))
_BRANCH_MARKS = tuple(form for form, mark in LEGAL_FORMS if mark == "branch")
_FORM_TAIL = re.compile(
    "^(.{2,}?)((?:" + "|".join(re.escape(form) for form, _ in LEGAL_FORMS) + ")+)$"
)
_INDUSTRY_TAIL = re.compile("^(.{2,}?)(?:" + "|".join(INDUSTRY_WORDS) + ")+$")
_PUNCT = re.compile(r"[\s\"'“”‘’·•\-—_,，.。、/\\&+:：;；!！?？*#@]+")
_BRACKETED = re.compile(r"[(\[]([^()\[\]]*)[)\]]")


@dataclass(frozen=True, slots=True)
class NameParts:
    """A name cut into what resolution compares.

    ``core``: 字号 + 行业 without region or legal form; ``brand``: the trade name (字号) alone;
    ``region``: canonical region named in the name ('' if none); ``form``: '' / 'group' / 'branch'.
    """

    core: str
    brand: str
    region: str
    form: str

    @property
    def key(self) -> str:
        """Equal keys mean equal names for the name layer."""
        return f"{self.region}\x1f{self.core}\x1f{self.form}"

    @classmethod
    def from_key(cls, key: str) -> NameParts:
        region, core, form = key.split("\x1f")
        return cls(core, _brand(core), region, form)


_CJK = re.compile(r"[\u3400-\u9fff]")
_LATIN = re.compile(r"[a-z]")


def _is_english(text: str) -> bool:
    """No Chinese character and at least one Latin letter (after NFKC and lower-casing)."""
    return not _CJK.search(text) and bool(_LATIN.search(text))


@lru_cache(maxsize=65_536)
def name_parts(name: str) -> NameParts:
    """The resolution form of a firm name (see the module docstring and docs/entity-resolution.md).

    '正大制药（青岛）有限公司' and '青岛正大制药有限公司' give the same parts;
    '海洋石油工程(青岛)有限公司' and '海洋石油工程股份有限公司' do not (one names a region).
    """
    wide = unicodedata.normalize("NFKC", name).lower()
    if _is_english(wide):  # English names keep their word boundaries
        words = [w for w in re.split(r"[^0-9a-z]+", wide) if w and w not in ENGLISH_FORMS]
        core = " ".join(words)
        return NameParts(core, core, "", "")
    text = normalise_name(name)  # NFKC (full-width → half-width), half-width brackets, no spaces
    regions: set[str] = set()
    form = ""
    # bracketed regions and group markers anywhere: 正大制药(青岛) / 国信发展(集团)
    kept = []
    last = 0
    for match in _BRACKETED.finditer(text):
        inner = match.group(1)
        kept.append(text[last : match.start()])
        if inner in REGIONS:
            regions.add(REGIONS[inner])
        elif inner == "集团":
            form = "group"
        else:
            kept.append(inner)
        last = match.end()
    kept.append(text[last:])
    text = _PUNCT.sub("", "".join(kept)).replace("(", "").replace(")", "")
    # legal forms at the end: 集团股份有限公司, 有限公司青岛分公司 (a region just before 分公司
    # names the branch: 中国联通青岛市分公司)
    while forms := _FORM_TAIL.match(text):
        text, tail = forms.group(1), forms.group(2)
        mark = (
            "branch" if any(b in tail for b in _BRANCH_MARKS) else "group" if "集团" in tail else ""
        )
        form = form or mark
        hit = _REGION_SUFFIX.search(text) if mark == "branch" else None
        if hit and len(text) - len(hit.group(1)) >= 2:
            regions.add(REGIONS[hit.group(1)])
            text = text[: hit.start()]
    # region prefixes, repeatedly: 山东省青岛市… (only while a trade name of ≥ 2 chars remains)
    while hit := _REGION_PREFIX.match(text):
        if len(text) - len(hit.group(1)) < 2:
            break
        regions.add(REGIONS[hit.group(1)])
        text = text[hit.end() :]
    if len(regions) > 1:  # a province or 中国 named with a city in it: keep the most specific
        regions -= {"中国"}
        cities = {r for r in regions if r in CITIES}
        if cities:
            regions = cities
    return NameParts(text, _brand(text), "|".join(sorted(regions)), form)


def _brand(core: str) -> str:
    match = _INDUSTRY_TAIL.match(core)
    return match.group(1) if match else core


@lru_cache(maxsize=16_384)
def _grams(text: str) -> frozenset[str]:
    if len(text) < 2:
        return frozenset((text,)) if text else frozenset()
    return frozenset(text[i : i + 2] for i in range(len(text) - 1))


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def similarity(a: NameParts, b: NameParts) -> float:
    """0–1: bigram Jaccard of the trade names (weight 0.75) and of the rest (0.25).

    Region and legal form are not scored here; the resolver treats a mismatch there as a reason
    to ask rather than merge.
    """
    if a.core == b.core:
        return 1.0
    brand = _jaccard(_grams(a.brand), _grams(b.brand))
    rest = _jaccard(_grams(a.core[len(a.brand) :]), _grams(b.core[len(b.brand) :]))
    return round(0.75 * brand + 0.25 * rest, 4)


def valid_uscc(raw: str | None) -> str | None:
    if not raw:
        return None
    try:
        return parse_uscc(raw)
    except ValueProblem:
        return None


def own_id(name: str, uscc: str | None) -> str:
    """The id a record gets when it matches no known firm (= ``ingest.load.firm_id``)."""
    return f"firm:uscc:{uscc}" if uscc else stable_id("firm:name", name)


# -- the resolver ------------------------------------------------------------------------------
_AMBIGUOUS = ""  # in the name tiers: a key shared by several firms


class Resolver:
    """Resolves FirmKeys to firm ids; see the module docstring for the layers.

    Not thread-safe; one resolver per ingest run. Memory grows with the keys indexed (about
    300 bytes per key measured at 10^5 keys, plus the pending questions).
    """

    def __init__(
        self,
        known: Iterable[KnownFirm] = (),
        judgements: Iterable[JudgementRecord] = (),
        threshold: float | None = None,
        review_min: float | None = None,
    ) -> None:
        self.threshold = (
            settings.get_number("resolve_auto_merge") if threshold is None else threshold
        )
        self.review_min = (
            settings.get_number("resolve_review_min") if review_min is None else review_min
        )
        self._by_uscc: dict[str, str] = {}
        self._uscc_of: dict[str, str] = {}
        self._names: dict[str, str] = {}  # name key → id (or _AMBIGUOUS)
        # alias key → id (or _AMBIGUOUS), keyed by the key's hash: aliases are never listed,
        # and an int costs a third of the key (a 64-bit collision among 10^6 keys: ~1e-7)
        self._aliases: dict[int, str] = {}
        # similarity index: parallel lists of entries + brand-bigram postings
        self._entry_id: list[str] = []
        self._entry_key: list[str] = []  # the name key (the same string object as in _names)
        self._entry_grams = array("B")  # number of trade-name bigrams per entry
        self._postings: dict[str, array[int]] = {}
        # the same postings for entries of firms with no USCC: the only ones a row that has a
        # USCC can still match by similarity (two different USCCs are two legal entities)
        self._open_postings: dict[str, array[int]] = {}
        self._same: dict[str, str] = {}
        self._not_same: dict[str, set[str]] = {}
        self._asked: set[str] = set()  # judgement ids already in the store or raised
        self._pending: list[JudgementRecord] = []
        self._known: set[str] = set()
        for firm in known:
            self._known.add(firm.id)
            self._index(firm.id, firm.name, valid_uscc(firm.uscc), firm.aliases)
        for record in judgements:
            self._learn(record)

    @classmethod
    def from_store(cls, store: GraphStore, threshold: float | None = None) -> Resolver:
        """A resolver that knows every Firm in the graph and every same_entity Judgement."""
        from oceanbrain.graph.resolution import judgements, known_firms

        return cls(known_firms(store), judgements(store, SAME_ENTITY), threshold)

    # -- judgements ----------------------------------------------------------------------
    def _learn(self, record: JudgementRecord) -> None:
        if record.kind != SAME_ENTITY:
            return
        self._asked.add(record.id)
        a, b = record.subject_id, record.object_id
        if record.decision == "same" and a != b:
            self._same[a] = b
        elif record.decision == "not_same":
            self._not_same.setdefault(a, set()).add(b)
            self._not_same.setdefault(b, set()).add(a)

    def _kept_apart(self, a: str, b: str) -> bool:
        return b in self._not_same.get(a, ())

    def _judged(self, own: str) -> str | None:
        target, seen = self._same.get(own), {own}
        while target is not None and target in self._same and target not in seen:
            seen.add(target)
            target = self._same[target]
        return target

    def pending_judgements(self) -> list[JudgementRecord]:
        """The same_entity questions raised by this resolver (similar names, not merged)."""
        return list(self._pending)

    # -- indexing ------------------------------------------------------------------------
    def _index(
        self,
        firm: str,
        name: str,
        uscc: str | None,
        aliases: Iterable[str],
        parts: NameParts | None = None,
    ) -> None:
        if uscc:
            self._by_uscc.setdefault(uscc, firm)
            self._uscc_of.setdefault(firm, uscc)
        parts = parts or name_parts(name)
        key = parts.key
        if parts.core and self._put(self._names, key, firm):
            self._add_entry(firm, key, parts.brand)
        for alias in aliases:
            alias_parts = name_parts(alias) if alias and alias.strip() else None
            if alias_parts and alias_parts.core:
                self._put(self._aliases, hash(alias_parts.key), firm)

    @staticmethod
    def _put(tier: dict[Any, str], key: str | int, firm: str) -> bool:
        """Record key → firm; True when the key is new for this firm."""
        current = tier.get(key)
        if current is None:
            tier[key] = firm
            return True
        if current != firm and current != _AMBIGUOUS:
            tier[key] = _AMBIGUOUS
            return True
        return False

    def _add_entry(self, firm: str, key: str, brand: str) -> None:
        index = len(self._entry_id)
        self._entry_id.append(firm)
        self._entry_key.append(key)
        grams = _grams(brand)
        self._entry_grams.append(min(len(grams), 255))
        tiers = [self._postings] if firm in self._uscc_of else [self._postings, self._open_postings]
        for postings in tiers:
            for gram in grams:
                posting = postings.get(gram)
                if posting is None:
                    posting = postings[gram] = array("i")
                if len(posting) <= MAX_POSTING:  # past the cap it is never read; stop growing it
                    posting.append(index)

    # -- resolving -----------------------------------------------------------------------
    def resolve(self, key: FirmKey) -> Resolution:
        """The firm ``key`` means; indexes the row so later rows of the run resolve to it."""
        uscc = valid_uscc(key.uscc)
        own = own_id(key.name, uscc)
        parts = name_parts(key.name)
        result = self._resolve(key, uscc, own, parts)
        self._index(result.id, key.name, uscc, key.aliases, parts)
        if result.matched is False:
            self._known.add(result.id)
        return result

    def _resolve(self, key: FirmKey, uscc: str | None, own: str, parts: NameParts) -> Resolution:
        if uscc and uscc in self._by_uscc:
            return Resolution(self._by_uscc[uscc], "uscc", True)
        judged = self._judged(own)
        if judged is not None and self._compatible(judged, uscc, own):
            return Resolution(judged, "judgement", True)
        found = self._by_name(parts, key.aliases, uscc, own)
        if found is None and own in self._known:  # same id, another spelling (e.g. a bracket)
            found = Resolution(own, "name", True)
        if found is None:
            found = self._by_similarity(key.name, parts, uscc, own)
        if found.matched:  # the firm found was itself judged the same as another
            judged = self._judged(found.id)
            if judged is not None and self._compatible(judged, uscc, own):
                return Resolution(judged, "judgement", True)
        return found

    def _compatible(self, firm: str, uscc: str | None, own: str) -> bool:
        if firm == _AMBIGUOUS or self._kept_apart(own, firm):
            return False
        other = self._uscc_of.get(firm)
        return not (uscc and other and other != uscc)

    def _by_name(
        self, parts: NameParts, aliases: tuple[str, ...], uscc: str | None, own: str
    ) -> Resolution | None:
        lookups: list[tuple[dict[Any, str], str | int, str]] = [
            (self._names, parts.key, "name"),
            (self._aliases, hash(parts.key), "alias"),
        ]
        if not parts.core:  # nothing left to compare (an empty or legal-form-only name)
            lookups = []
        for alias in aliases:
            if alias and alias.strip() and name_parts(alias).core:
                alias_key = name_parts(alias).key
                lookups += [
                    (self._names, alias_key, "alias"),
                    (self._aliases, hash(alias_key), "alias"),
                ]
        for tier, lookup, method in lookups:
            firm = tier.get(lookup)
            if firm is None:
                continue
            if firm == _AMBIGUOUS:
                if tier is self._names and method == "name":
                    return None  # several firms carry this very name: ask, don't guess
                continue
            if self._compatible(firm, uscc, own):
                return Resolution(firm, method, True)
        return None

    def _candidates(self, parts: NameParts, open_only: bool = False) -> list[int]:
        """Entries sharing a trade-name bigram whose score could reach ``review_min``.

        ``open_only``: only entries of firms that had no USCC when indexed. A row whose valid
        USCC matched no firm can only be compatible with those (see ``_compatible``), so this
        gives the same answer as searching every entry, without counting the rest.

        Bigrams whose posting list passed ``MAX_POSTING`` are not blocked on (too common to say
        anything about identity). Shared bigrams are counted in C (``Counter`` over the chained
        postings); an entry sharing ``s`` of this name's ``n`` bigrams has a brand Jaccard of at
        most ``s / n``, so entries below ``need`` are dropped before the exact Jaccard.
        """
        if open_only and not self._open_postings:
            return []
        grams = _grams(parts.brand)
        size = len(grams)
        postings = self._postings
        # a bigram too common overall is skipped in both modes, so the answers agree
        common = [
            gram
            for gram in grams
            if (posting := postings.get(gram)) is not None and len(posting) <= MAX_POSTING
        ]
        source = self._open_postings if open_only else postings
        lists = [posting for gram in common if (posting := source.get(gram)) is not None]
        if not lists:
            return []
        counts = Counter(chain.from_iterable(lists)) if len(lists) > 1 else Counter(lists[0])
        sizes = self._entry_grams
        # brand Jaccard from the shared count; the rest can add at most 0.25
        floor = (self.review_min - 0.25) / 0.75
        # the least shared count whose best case (the other name has no more bigrams than it
        # shares) reaches the floor; entry sizes are stored capped at 255, so no pruning past it
        need = next((s for s in range(size + 1) if s / size >= floor), size) if size <= 255 else 0
        hits = []
        for index, shared in counts.items():
            if shared >= need:
                score = shared / (size + sizes[index] - shared)
                if score >= floor:
                    hits.append((-score, index))
        if len(hits) > MAX_CANDIDATES:
            return [index for _, index in nsmallest(MAX_CANDIDATES, hits)]
        hits.sort()
        return [index for _, index in hits]

    def _by_similarity(self, name: str, parts: NameParts, uscc: str | None, own: str) -> Resolution:
        scored: dict[str, tuple[float, bool]] = {}  # firm → (score, may merge automatically)
        names: dict[str, str] = {}
        for index in self._candidates(parts, open_only=uscc is not None):
            firm = self._entry_id[index]
            if firm == own or not self._compatible(firm, uscc, own):
                continue
            other = NameParts.from_key(self._entry_key[index])
            if parts.region and other.region and parts.region != other.region:
                continue  # two different places named: two different firms (branches, subsidiaries)
            score = similarity(parts, other)
            if score < self.review_min:
                continue
            same_frame = parts.region == other.region and parts.form == other.form
            if score > scored.get(firm, (-1.0, False))[0]:
                scored[firm] = (score, same_frame)
                names[firm] = other.core
        ranked = sorted(scored.items(), key=lambda item: (-item[1][0], item[0]))
        if ranked:
            best, (score, same_frame) = ranked[0]
            runner_up = ranked[1][1][0] if len(ranked) > 1 else -1.0
            if same_frame and score >= self.threshold and runner_up < self.threshold:
                return Resolution(best, "name", True, score)
        for firm, (score, _) in ranked[:MAX_QUESTIONS]:
            self._ask(own, firm, score, f"{name} ~ {names[firm]}")
        return Resolution(own, "new", False)

    def _ask(self, own: str, firm: str, score: float, names: str) -> None:
        jid = judgement_id(SAME_ENTITY, own, firm)
        if jid in self._asked:
            return
        self._asked.add(jid)
        self._pending.append(
            JudgementRecord(
                id=jid,
                kind=SAME_ENTITY,
                subject_id=own,
                object_id=firm,
                score=score,
                evidence=f"名称相似 similar names: {names} ({score:.2f})",
                decision=PENDING,
            )
        )

"""A deterministic synthetic dataset (示例) at scale, in exactly the files and formats of data/.

Real data has a few hundred firms; the graph, loaders and dashboards must also work at 10^3–10^6.
This module writes a stand-in with a realistic shape (skewed segment sizes, a Qingdao share with
real gaps, supply links along the taxonomy's edges) that can never be mistaken for, or merged
with, real records: every name carries 示例, every firm row says synthetic=是, USCCs come from a
region code that does not exist, and every source URL is under the unresolvable .invalid TLD.

Same seed and firm count → byte-identical files: every random draw comes from a
``random.Random`` seeded per stage, and nothing depends on set order or the clock.
"""

from __future__ import annotations

import csv
import math
import random
import shutil
from array import array
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import accumulate
from pathlib import Path
from types import TracebackType
from typing import Any

import yaml
from pydantic import BaseModel

from oceanbrain.errors import ConfigError
from oceanbrain.ingest.records import (
    PROJECT_STATUSES,
    FirmRecord,
    InstitutionRecord,
    ParkRecord,
    PersonRecord,
    ProjectRecord,
    Sourced,
    SupplyRecord,
)
from oceanbrain.ingest.values import USCC_ALPHABET, uscc_check_char

DEFAULT_TAXONOMY = Path(__file__).resolve().parents[2] / "data" / "chains" / "chains.yaml"
DEFAULT_SEED = 20261126
MARKER = "SYNTHETIC.md"

# Provenance columns: a fixed date (never the clock) and URLs that can never resolve.
SOURCE_DATE = "2026-11-26"
SOURCE_TITLE = "合成数据 synthetic"
SOURCE_BASE = "https://example.invalid/synthetic"
NOTE = "合成示例数据，非真实信息 (synthetic)"

# GB 32100: authority 9 (market regulator), type 1 (enterprise), region 999999 (no such region).
USCC_PREFIX = "91999999"
USCC_BODY_LEN = 9

# Shape of the data.
QINGDAO_SHARE = 0.15
ZIPF_EXPONENT = 1.1
LOCAL_SHARE_SPREAD = 0.6  # sigma of the log-normal spread of Qingdao's share per segment
GAP_SEGMENTS = 3  # segments with no Qingdao firm at all
THIN_SEGMENTS = 3  # segments with only one or two Qingdao firms
OUTSIDE_ONLY_SEGMENTS = 2  # Qingdao firms here buy only from outside Qingdao
SINGLE_SUPPLIER_SEGMENTS = 2  # Qingdao firms here all buy from one supplier
SECOND_SEGMENT_SHARE = 0.12
PARK_SHARE = 0.35  # Qingdao firms sitting in a (synthetic) park
LINKS_PER_FIRM = 2.0
LOCAL_CUSTOMER_SHARE = 0.4  # links whose customer is a Qingdao firm
LOCAL_SUPPLIER_SHARE = 0.5  # for a Qingdao customer, chance the supplier is local too
EXPORT_SHARE = 0.1  # for an outside customer, chance the supplier is in Qingdao
PARKS = 20
FIRMS_PER_INSTITUTION, MIN_INSTITUTIONS = 500, 20
FIRMS_PER_PERSON, MIN_PEOPLE = 200, 30
FIRMS_PER_PROJECT, MIN_PROJECTS = 100, 40

QINGDAO = ("山东省", "青岛市", "青岛")
QINGDAO_DISTRICTS: tuple[tuple[str, float], ...] = (
    ("黄岛区", 30),
    ("崂山区", 15),
    ("即墨区", 12),
    ("城阳区", 12),
    ("市北区", 10),
    ("市南区", 8),
    ("李沧区", 6),
    ("胶州市", 4),
    ("平度市", 2),
    ("莱西市", 1),
)
# (province, city, weight): coastal and large economies first, a long inland tail.
REGIONS: tuple[tuple[str, str, float], ...] = (
    ("上海市", "上海市", 12),
    ("北京市", "北京市", 8),
    ("广东省", "深圳市", 8),
    ("天津市", "天津市", 6),
    ("浙江省", "宁波市", 6),
    ("江苏省", "南通市", 5),
    ("辽宁省", "大连市", 5),
    ("福建省", "厦门市", 5),
    ("广东省", "广州市", 5),
    ("浙江省", "舟山市", 4),
    ("山东省", "烟台市", 4),
    ("浙江省", "杭州市", 4),
    ("江苏省", "南京市", 3),
    ("山东省", "威海市", 3),
    ("福建省", "福州市", 3),
    ("湖北省", "武汉市", 3),
    ("江苏省", "苏州市", 2),
    ("江苏省", "无锡市", 2),
    ("广东省", "珠海市", 2),
    ("山东省", "日照市", 2),
    ("山东省", "济南市", 2),
    ("河北省", "唐山市", 2),
    ("海南省", "海口市", 2),
    ("广西壮族自治区", "北海市", 1.5),
    ("广东省", "湛江市", 1.5),
    ("安徽省", "合肥市", 1),
    ("四川省", "成都市", 1),
    ("陕西省", "西安市", 1),
    ("湖南省", "长沙市", 1),
    ("重庆市", "重庆市", 1),
    ("辽宁省", "沈阳市", 1),
    ("河南省", "郑州市", 1),
)
BRAND_CHARS = (
    "海蓝瑞华鑫泰宏远航晟澜汇通博创恒德盛源中科智润祥安康信达联新天东方丰隆嘉光明"
    "旭升洋宇凯弘启星泽诚和卓越立鼎睿峰浩润舟帆波涛岳川金银卫嵘翔崇正"
)
FLAVOURS: dict[str, tuple[str, ...]] = {
    "marine_ai": ("科技", "智能科技", "信息技术", "数据科技", "网络科技"),
    "marine_equipment": ("装备", "重工", "机械", "海洋工程", "科技"),
    "marine_biomed": ("生物科技", "生物医药", "制药", "生物工程", "健康科技"),
    "smart_port": ("物流", "港务", "航运", "供应链管理", "科技"),
}
DEFAULT_FLAVOURS = ("科技", "实业", "技术")
THEMES: dict[str, str] = {
    "marine_ai": "海洋智能",
    "marine_equipment": "海工装备",
    "marine_biomed": "海洋生物医药",
    "smart_port": "智慧港航",
}
ROLES: tuple[tuple[str, float, float], ...] = (  # role, share, size multiplier
    ("链主", 0.005, 120.0),
    ("骨干", 0.05, 12.0),
    ("成长", 0.25, 1.6),
    ("其他", 0.30, 1.0),
    ("", 0.395, 1.0),
)
LEGAL_FORMS = (("有限公司", 80), ("有限责任公司", 10), ("股份有限公司", 10))
LEAD_LEGAL_FORMS = (("集团有限公司", 50), ("股份有限公司", 50))
PARK_KINDS = ("产业园", "科技园", "创新园", "产业基地", "功能区")
INSTITUTION_KINDS = (("高校", 15), ("科研院所", 35), ("新型研发机构", 30), ("重点实验室", 20))
UNIVERSITY_WORDS = ("海洋", "理工", "科技", "医科", "海事")
PROJECT_KINDS = ("产业化基地", "研发中心", "总部基地", "生产线", "智造园", "创新中心")
PROJECT_STATUS_WEIGHTS = (20, 30, 30, 20)  # aligned with PROJECT_STATUSES
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
GIVEN_CHARS = "海洋波涛明华伟强军磊静丽敏杰涛斌宁峰勇俊晨阳帆远志新宏建国平立文博雪琳"
HONOURS = ("泰山学者", "国家杰出青年科学基金获得者", "青岛市拔尖人才", "国务院政府特殊津贴专家")
TITLES = {
    "高校": ("教授", "副教授", "讲席教授"),
    "default": ("研究员", "副研究员", "首席科学家", "高级工程师", "总工程师"),
}


@dataclass(frozen=True)
class SynthReport:
    out_dir: Path
    counts: dict[str, int]  # file (relative to out_dir) → rows written


@dataclass(frozen=True)
class Segment:
    """What the generator needs from one taxonomy segment."""

    id: str
    chain: str
    name_zh: str
    words: tuple[str, ...]  # short Chinese keywords: industry words in names, products
    supplies: tuple[str, ...]


@dataclass
class Plan:
    """Firm counts per segment (index-aligned with the segment list) and how gaps are placed."""

    sizes: list[int]
    local: list[int]
    policy: list[str]  # how Qingdao customers in the segment are supplied
    single_supplier: dict[int, int] = field(default_factory=dict)  # segment → firm index


@dataclass
class Population:
    """The firms written, kept only as far as projects and supply links need them."""

    names: list[str]
    segment_of: array[int]
    local_pool: list[list[int]]  # segment → firm indices in Qingdao
    outside_pool: list[list[int]]  # segment → firm indices elsewhere


@dataclass(frozen=True)
class Park:
    name: str
    district: str


@dataclass(frozen=True)
class Institution:
    name: str
    kind: str
    segments: tuple[int, ...]


MIXED, OUTSIDE_ONLY, SINGLE = "mixed", "outside_only", "single_supplier"


# -- entry point ------------------------------------------------------------------------------
def generate(
    out_dir: Path, firms: int, seed: int = DEFAULT_SEED, taxonomy: Path = DEFAULT_TAXONOMY
) -> SynthReport:
    """Write a synthetic dataset of ``firms`` firms under ``out_dir``; same inputs, same bytes."""
    if firms < 1:
        raise ConfigError(f"--firms must be at least 1, got {firms}")
    segments = read_segments(taxonomy)
    claim_folder(out_dir)
    shutil.copyfile(taxonomy, out_dir / "chains" / "chains.yaml")
    plan = plan_segments(segments, firms, stage_rng(seed, "plan"))
    counts: dict[str, int] = {}
    parks = write_parks(out_dir, segments, stage_rng(seed, "parks"), counts)
    institutions = write_institutions(
        out_dir, segments, plan, parks, firms, stage_rng(seed, "institutions"), counts
    )
    write_talent(out_dir, segments, institutions, firms, stage_rng(seed, "talent"), counts)
    population = write_firms(out_dir, segments, plan, parks, stage_rng(seed, "firms"), counts)
    write_projects(out_dir, segments, population, parks, stage_rng(seed, "projects"), counts)
    write_supplies(out_dir, segments, plan, population, stage_rng(seed, "supplies"), counts)
    write_marker(out_dir, segments, plan, seed, firms, counts)
    return SynthReport(out_dir, counts)


def stage_rng(seed: int, stage: str) -> random.Random:
    """One generator per stage, so changing one table's draws leaves the others' bytes alone."""
    return random.Random(f"oceanbrain-synth:{seed}:{stage}")  # str seeds hash with SHA-512


def claim_folder(out_dir: Path) -> None:
    """Refuse any folder that holds files but no SYNTHETIC.md: synthetic data is never mixed in."""
    if out_dir.exists() and any(out_dir.iterdir()) and not (out_dir / MARKER).exists():
        raise ConfigError(
            f"{out_dir} is not empty and has no {MARKER}: synthetic data is never written next "
            "to other data; choose a new or empty folder"
        )
    for sub in ("chains", "qingdao", "national", "links"):
        (out_dir / sub).mkdir(parents=True, exist_ok=True)
    (out_dir / MARKER).write_text("synthetic data (示例), being written\n", encoding="utf-8")


# -- taxonomy ---------------------------------------------------------------------------------
def read_segments(taxonomy: Path) -> list[Segment]:
    """The taxonomy's segments in file order; supply targets that name no segment are dropped."""
    try:
        raw = yaml.safe_load(taxonomy.read_text(encoding="utf-8"))
        chains = raw["chains"]
    except (OSError, yaml.YAMLError, KeyError, TypeError) as exc:
        raise ConfigError(f"cannot read the chain taxonomy {taxonomy}: {exc}") from None
    items = [(chain["id"], seg) for chain in chains for seg in chain["segments"]]
    known = {seg["id"] for _, seg in items}
    segments = [
        Segment(
            seg["id"],
            chain_id,
            seg["name_zh"],
            industry_words(seg),
            tuple(t for t in seg.get("supplies") or [] if t in known),
        )
        for chain_id, seg in items
    ]
    if not segments:
        raise ConfigError(f"the chain taxonomy {taxonomy} has no segments")
    return segments


def industry_words(seg: dict[str, Any]) -> tuple[str, ...]:
    """Keywords that read well inside a firm name: 2–4 Chinese characters, no Latin letters."""
    words = tuple(w for w in seg.get("keywords") or [] if 2 <= len(w) <= 4 and is_chinese(w))
    return words or (seg["name_zh"][:4],)


def is_chinese(text: str) -> bool:
    return all("\u4e00" <= ch <= "\u9fff" for ch in text)


def suppliers_of(segments: Sequence[Segment]) -> list[list[int]]:
    """For each segment, the segments that supply it (taxonomy order)."""
    index = {seg.id: i for i, seg in enumerate(segments)}
    preds: list[list[int]] = [[] for _ in segments]
    for i, seg in enumerate(segments):
        for target in seg.supplies:
            j = index[target]
            if j != i and i not in preds[j]:
                preds[j].append(i)
    return preds


# -- plan: how many firms where ---------------------------------------------------------------
def plan_segments(segments: Sequence[Segment], firms: int, rng: random.Random) -> Plan:
    """Zipf-like segment sizes; a Qingdao share per segment with gaps, thin and dependent ones."""
    order = list(range(len(segments)))
    rng.shuffle(order)
    weights = [0.0] * len(segments)
    for rank, i in enumerate(order):
        weights[i] = 1 / (rank + 1) ** ZIPF_EXPONENT
    sizes = allocate(firms, weights, minimum=1 if firms >= len(segments) else 0)
    preds = suppliers_of(segments)
    small_first = sorted(range(len(segments)), key=lambda i: (sizes[i], i))
    tail = small_first[: max(1, len(segments) // 2)]
    gaps = pick(rng, tail, GAP_SEGMENTS, set())
    thin = pick(rng, tail, THIN_SEGMENTS, set(gaps))
    local = local_counts(sizes, gaps, thin, rng)
    fed_from_outside = [
        i
        for i in range(len(segments))
        if local[i] > 0 and any(sizes[p] > local[p] for p in preds[i])
    ]
    fed = [i for i in range(len(segments)) if local[i] > 0 and any(sizes[p] for p in preds[i])]
    outside_only = pick(rng, fed_from_outside, OUTSIDE_ONLY_SEGMENTS, set(thin))
    single = pick(rng, fed, SINGLE_SUPPLIER_SEGMENTS, set(thin) | set(outside_only))
    policy = [MIXED] * len(segments)
    for i in outside_only:
        policy[i] = OUTSIDE_ONLY
    for i in single:
        policy[i] = SINGLE
    return Plan(sizes, local, policy)


def allocate(total: int, weights: Sequence[float], minimum: int = 0) -> list[int]:
    """Split ``total`` in proportion to ``weights`` (largest remainder), each ≥ ``minimum``."""
    rest = total - minimum * len(weights)
    whole = sum(weights)
    shares = [rest * w / whole for w in weights]
    counts = [minimum + math.floor(s) for s in shares]
    left = total - sum(counts)
    by_remainder = sorted(range(len(weights)), key=lambda i: (-(shares[i] % 1), i))
    for i in by_remainder[:left]:
        counts[i] += 1
    return counts


def pick(rng: random.Random, candidates: Sequence[int], k: int, taken: set[int]) -> list[int]:
    """Up to k candidates not already taken, in a reproducible order."""
    free = [c for c in candidates if c not in taken]
    return sorted(rng.sample(free, min(k, len(free))))


def local_counts(
    sizes: Sequence[int], gaps: Sequence[int], thin: Sequence[int], rng: random.Random
) -> list[int]:
    """Qingdao firms per segment: ≈ QINGDAO_SHARE overall, none in gaps, one or two in thin ones."""
    local = [0] * len(sizes)
    for i in thin:
        local[i] = min(sizes[i], rng.choice((1, 2)))
    normal = [i for i in range(len(sizes)) if i not in gaps and i not in thin]
    spread = {i: rng.lognormvariate(0, LOCAL_SHARE_SPREAD) for i in normal}
    target = QINGDAO_SHARE * sum(sizes) - sum(local)
    weighted = sum(sizes[i] * spread[i] for i in normal) or 1.0
    factor = max(target, 0) / weighted
    for i in normal:
        local[i] = min(sizes[i], round(sizes[i] * spread[i] * factor))
    return local


# -- output tables ----------------------------------------------------------------------------
PROVENANCE = ("source_url", "source_date", "source_title", "notes")  # Sourced's fields, in order


def own_columns(model: type[BaseModel]) -> list[str]:
    """A record model's columns other than the provenance ones every record shares."""
    return [name for name in model.model_fields if name not in Sourced.model_fields]


class Table:
    """One output CSV, written row by row so nothing large is held in memory."""

    def __init__(
        self,
        out_dir: Path,
        file: str,
        model: type[BaseModel],
        counts: dict[str, int],
        note: str = NOTE,
    ) -> None:
        self.file = file
        self.note = note
        self.counts = counts
        self.own = own_columns(model)
        self._fh = (out_dir / file).open("w", encoding="utf-8", newline="")
        self._writer = csv.writer(self._fh, lineterminator="\n")
        self._writer.writerow([*self.own, *PROVENANCE])
        self.rows = 0

    def write(self, kind: str, index: int, row: dict[str, Any]) -> None:
        """Write one record; the provenance columns come from ``kind`` and ``index``."""
        cells = [cell(row.get(c)) for c in self.own]
        cells += (f"{SOURCE_BASE}/{kind}/{index}", SOURCE_DATE, SOURCE_TITLE, self.note)
        self._writer.writerow(cells)
        self.rows += 1

    def __enter__(self) -> Table:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._fh.close()
        self.counts[self.file] = self.rows


def cell(value: Any) -> str:
    """CSV text for a value: lists joined with |, booleans as 是/否, None as empty."""
    kind = value.__class__
    if kind is str:  # most cells: checked first because a million rows pass through here
        return value
    if value is None:
        return ""
    if kind is bool:
        return "是" if value else "否"
    if kind is list or kind is tuple:
        return "|".join(value)
    return str(value)


class Weighted:
    """Repeated weighted draws from a fixed population (bisect on cumulative weights)."""

    def __init__(self, items: Sequence[Any], weights: Sequence[float]) -> None:
        self.items = list(items)
        self.cum = list(accumulate(weights))

    def draw(self, rng: random.Random) -> Any:
        return self.items[bisect_right(self.cum, rng.random() * self.cum[-1])]

    def __bool__(self) -> bool:
        return bool(self.items) and self.cum[-1] > 0


# -- names ------------------------------------------------------------------------------------
def brand(rng: random.Random) -> str:
    """A two-character trade name such as 瑞澜, never one character twice."""
    first, second = rng.sample(BRAND_CHARS, 2)
    return first + second


def unique(name: str, taken: set[str], index: int, fmt: str = "（{}）") -> str:
    """``name`` if unused, else with a numeric disambiguator built from a unique index."""
    if name in taken:
        name = name + fmt.format(index + 1)
    taken.add(name)
    return name


def firm_name(rng: random.Random, prefix: str, seg: Segment, lead: bool) -> str:
    """Region + 示例 + brand + segment industry word + flavour + legal form."""
    word = rng.choice(seg.words)
    flavour = rng.choice(FLAVOURS.get(seg.chain, DEFAULT_FLAVOURS))
    forms = LEAD_LEGAL_FORMS if lead else LEGAL_FORMS
    form = rng.choices([f for f, _ in forms], [w for _, w in forms])[0]
    return f"{prefix}示例{brand(rng)}{word}{flavour}{form}"


def city_prefix(city: str) -> str:
    return city.removesuffix("市")


# -- parks, institutions, talent --------------------------------------------------------------
def write_parks(
    out_dir: Path, segments: Sequence[Segment], rng: random.Random, counts: dict[str, int]
) -> list[Park]:
    chains = list(dict.fromkeys(seg.chain for seg in segments))
    districts = Weighted([d for d, _ in QINGDAO_DISTRICTS], [w for _, w in QINGDAO_DISTRICTS])
    parks: list[Park] = []
    taken: set[str] = set()
    with Table(out_dir, "qingdao/parks.csv", ParkRecord, counts) as table:
        for i in range(PARKS):
            focus = sorted(rng.sample(chains, min(len(chains), rng.choice((1, 1, 2)))))
            theme = THEMES.get(focus[0], "海洋")
            name = unique(f"青岛示例{brand(rng)}{theme}{rng.choice(PARK_KINDS)}", taken, i)
            district = districts.draw(rng)
            table.write(
                "park",
                i,
                {
                    "name": name,
                    "name_en": f"Synthetic park {i + 1}",
                    "district": district,
                    "kind": "功能区" if name.endswith("功能区") else "产业园",
                    "focus_chains": focus,
                    "area_km2": f"{rng.lognormvariate(math.log(3), 1.0):.2f}",
                },
            )
            parks.append(Park(name, district))
    return parks


def write_institutions(
    out_dir: Path,
    segments: Sequence[Segment],
    plan: Plan,
    parks: Sequence[Park],
    firms: int,
    rng: random.Random,
    counts: dict[str, int],
) -> list[Institution]:
    """Universities and labs in Qingdao, each working on one to three segments of one chain."""
    n = max(MIN_INSTITUTIONS, round(firms / FIRMS_PER_INSTITUTION))
    kinds = Weighted([k for k, _ in INSTITUTION_KINDS], [w for _, w in INSTITUTION_KINDS])
    districts = Weighted([d for d, _ in QINGDAO_DISTRICTS], [w for _, w in QINGDAO_DISTRICTS])
    out: list[Institution] = []
    taken: set[str] = set()
    with Table(out_dir, "qingdao/institutions.csv", InstitutionRecord, counts) as table:
        for i in range(n):
            kind = kinds.draw(rng)
            segs = institution_segments(segments, plan, rng)
            word = rng.choice(segments[segs[0]].words)
            name = unique(institution_name(rng, kind, word), taken, i)
            park = rng.choice(parks) if parks and rng.random() < 0.3 else None
            table.write(
                "institution",
                i,
                {
                    "name": name,
                    "name_en": f"Synthetic institution {i + 1}",
                    "kind": kind,
                    "district": park.district if park else districts.draw(rng),
                    "park": park.name if park else None,
                    "fields": list(dict.fromkeys(rng.choice(segments[s].words) for s in segs)),
                    "segments": [segments[s].id for s in segs],
                },
            )
            out.append(Institution(name, kind, segs))
    return out


def institution_segments(
    segments: Sequence[Segment], plan: Plan, rng: random.Random
) -> tuple[int, ...]:
    """One to three segments of one chain; research follows industry, so big segments first."""
    first = Weighted(range(len(segments)), plan.sizes).draw(rng) if sum(plan.sizes) else 0
    chain = segments[first].chain
    same_chain = [i for i, s in enumerate(segments) if s.chain == chain and i != first]
    extra = rng.sample(same_chain, min(len(same_chain), rng.choice((0, 1, 2))))
    return (first, *sorted(extra))


def institution_name(rng: random.Random, kind: str, word: str) -> str:
    if kind == "高校":
        return f"青岛示例{brand(rng)}{rng.choice(UNIVERSITY_WORDS)}大学"
    if kind == "科研院所":
        return f"青岛示例{brand(rng)}{word}研究所"
    if kind == "新型研发机构":
        return f"青岛示例{word}{brand(rng)}创新研究院"
    return f"青岛示例{brand(rng)}{word}重点实验室"


def write_talent(
    out_dir: Path,
    segments: Sequence[Segment],
    institutions: Sequence[Institution],
    firms: int,
    rng: random.Random,
    counts: dict[str, int],
) -> None:
    """Researchers affiliated with the synthetic institutions, named visibly as 示例."""
    n = max(MIN_PEOPLE, round(firms / FIRMS_PER_PERSON))
    taken: set[str] = set()
    with Table(out_dir, "qingdao/talent.csv", PersonRecord, counts) as table:
        for i in range(n):
            home = rng.choice(institutions)
            given = "".join(rng.choice(GIVEN_CHARS) for _ in range(rng.choice((1, 2, 2))))
            name = unique(f"{rng.choice(SURNAMES)}{given}（示例）", taken, i, "{}")
            segs = rng.sample(home.segments, min(len(home.segments), rng.choice((1, 2))))
            table.write(
                "person",
                i,
                {
                    "name": name,
                    "title": rng.choice(TITLES.get(home.kind, TITLES["default"])),
                    "honours": [rng.choice(HONOURS)] if rng.random() < 0.08 else [],
                    "affiliation": home.name,
                    "field": segments[segs[0]].name_zh,
                    "segments": [segments[s].id for s in segs],
                },
            )


# -- firms ------------------------------------------------------------------------------------
def write_firms(
    out_dir: Path,
    segments: Sequence[Segment],
    plan: Plan,
    parks: Sequence[Park],
    rng: random.Random,
    counts: dict[str, int],
) -> Population:
    """Stream Qingdao firms to qingdao/firms.csv and the rest to national/firms.csv."""
    slots = firm_slots(plan, rng)
    population = Population([], array("H"), [[] for _ in segments], [[] for _ in segments])
    firm_maker = FirmMaker(segments, plan, parks, rng)
    with (
        Table(out_dir, "qingdao/firms.csv", FirmRecord, counts) as local_table,
        Table(out_dir, "national/firms.csv", FirmRecord, counts) as national_table,
    ):
        for index, slot in enumerate(slots):
            seg, is_local = divmod(slot, 2)
            row = firm_maker.row(index, seg, bool(is_local))
            (local_table if is_local else national_table).write("firm", index, row)
            population.names.append(row["name"])
            population.segment_of.append(seg)
            (population.local_pool if is_local else population.outside_pool)[seg].append(index)
    return population


def firm_slots(plan: Plan, rng: random.Random) -> list[int]:
    """One entry per firm, ``segment * 2 + is_local``, shuffled: files are not in segment order."""
    slots: list[int] = []
    for seg, (size, local) in enumerate(zip(plan.sizes, plan.local, strict=True)):
        slots.extend([seg * 2 + 1] * local)
        slots.extend([seg * 2] * (size - local))
    rng.shuffle(slots)
    return slots


class FirmMaker:
    """Builds one firm row at a time; holds only the set of names already used."""

    def __init__(
        self, segments: Sequence[Segment], plan: Plan, parks: Sequence[Park], rng: random.Random
    ) -> None:
        self.segments = segments
        self.rng = rng
        self.taken: set[str] = set()
        self.districts = Weighted(
            [d for d, _ in QINGDAO_DISTRICTS], [w for _, w in QINGDAO_DISTRICTS]
        )
        self.regions = Weighted([(p, c) for p, c, _ in REGIONS], [w for _, _, w in REGIONS])
        self.roles = Weighted([(r, m) for r, _, m in ROLES], [s for _, s, _ in ROLES])
        self.parks_by_district: dict[str, list[str]] = {}
        for park in parks:
            self.parks_by_district.setdefault(park.district, []).append(park.name)
        # Segments whose Qingdao count or supply pattern the plan fixed never appear as extras.
        fixed = {i for i, s in enumerate(segments) if plan.local[i] <= 2 or plan.policy[i] != MIXED}
        self.extras = [
            [j for j, t in enumerate(segments) if t.chain == s.chain and j != i and j not in fixed]
            for i, s in enumerate(segments)
        ]

    def row(self, index: int, seg: int, is_local: bool) -> dict[str, Any]:
        rng = self.rng
        role, scale = self.roles.draw(rng)
        province, city, district = self.place(is_local)
        prefix = QINGDAO[2] if is_local else city_prefix(city)
        name = unique(firm_name(rng, prefix, self.segments[seg], role == "链主"), self.taken, index)
        parks = self.parks_by_district.get(district or "", [])
        return {
            "name": name,
            "uscc": synthetic_uscc(index),
            "province": province,
            "city": city,
            "district": district,
            "park": rng.choice(parks) if parks and rng.random() < PARK_SHARE else None,
            "segments": self.firm_segments(seg),
            "role": role or None,
            "high_tech": rng.random() < (0.8 if role == "链主" else 0.2),
            "specialised": role != "链主" and rng.random() < 0.05,
            "founded": founded(rng, role),
            "registered_capital": capital(rng, scale),
            "insured_employees": employees(rng, scale),
            "synthetic": True,
        }

    def place(self, is_local: bool) -> tuple[str, str, str | None]:
        if is_local:
            return QINGDAO[0], QINGDAO[1], self.districts.draw(self.rng)
        province, city = self.regions.draw(self.rng)
        return province, city, None

    def firm_segments(self, seg: int) -> list[str]:
        extras = self.extras[seg]
        ids = [self.segments[seg].id]
        if extras and self.rng.random() < SECOND_SEGMENT_SHARE:
            ids.append(self.segments[self.rng.choice(extras)].id)
        return ids


def synthetic_uscc(index: int) -> str:
    """A valid GB 32100 code in the reserved region 999999, unique per firm index."""
    digits = []
    for _ in range(USCC_BODY_LEN):
        index, rem = divmod(index, len(USCC_ALPHABET))
        digits.append(USCC_ALPHABET[rem])
    first17 = USCC_PREFIX + "".join(reversed(digits))
    return first17 + uscc_check_char(first17)


def founded(rng: random.Random, role: str) -> str:
    """A founding date, recent years more likely; chain leaders tend to be older."""
    newest = date(2025, 12, 31).toordinal()
    oldest = date(1978, 1, 1).toordinal()
    mean_age_days = 365 * (22 if role == "链主" else 9)
    day = max(oldest, newest - int(rng.expovariate(1 / mean_age_days)))
    return date.fromordinal(day).isoformat()


def capital(rng: random.Random, scale: float) -> str:
    """Registered capital as written in registries: 5000万元人民币, 1.2亿元, 100万美元."""
    wan = significant(rng.lognormvariate(math.log(600 * scale), 1.2), 2)
    if rng.random() < 0.04:
        return f"{max(1, significant(wan / 7, 2)):g}万美元"
    if wan >= 10000:
        return f"{wan / 10000:g}亿元"
    return f"{max(1, wan):g}万元" + ("人民币" if rng.random() < 0.5 else "")


def significant(value: float, digits: int) -> int:
    """Round to ``digits`` significant figures, as registered capital usually is."""
    if value < 1:
        return 1
    places = digits - 1 - math.floor(math.log10(value))
    return int(round(value, places))


def employees(rng: random.Random, scale: float) -> int:
    """Insured employees: log-normal, a handful for most firms, thousands for chain leaders."""
    return max(1, round(rng.lognormvariate(math.log(20 * scale**0.8), 1.1)))


# -- projects ---------------------------------------------------------------------------------
def write_projects(
    out_dir: Path,
    segments: Sequence[Segment],
    population: Population,
    parks: Sequence[Park],
    rng: random.Random,
    counts: dict[str, int],
) -> None:
    """Investment projects in Qingdao parks, mostly by Qingdao firms, some by outside investors."""
    firms = len(population.names)
    n = max(MIN_PROJECTS, round(firms / FIRMS_PER_PROJECT))
    local = [i for pool in population.local_pool for i in pool[:50]]  # a bounded sample
    statuses = Weighted(PROJECT_STATUSES, PROJECT_STATUS_WEIGHTS)
    with Table(out_dir, "qingdao/projects.csv", ProjectRecord, counts) as table:
        for i in range(n):
            investors = [
                pick_investor(rng, local, firms) for _ in range(2 if rng.random() < 0.1 else 1)
            ]
            investors = list(dict.fromkeys(investors))
            seg = segments[population.segment_of[investors[0]]]
            park = rng.choice(parks)
            amount = significant(rng.lognormvariate(math.log(3e8), 1.3), 2)
            status = statuses.draw(rng)
            word, kind = rng.choice(seg.words), rng.choice(PROJECT_KINDS)
            table.write(
                "project",
                i,
                {
                    "name": f"示例{brand(rng)}{word}{kind}项目（{i + 1}）",
                    "investor": [population.names[f] for f in investors],
                    "park": park.name,
                    "district": park.district,
                    "amount_text": amount_text(amount),
                    "amount_cny": amount,
                    "status": status,
                    "signed_date": None if status == "在谈" else signed_date(rng),
                    "segments": [seg.id],
                },
            )


def amount_text(amount: int) -> str:
    """How announcements write an investment: 8.9亿元 from 1亿 up, else 4700万元."""
    return f"{amount / 1e8:g}亿元" if amount >= 1e8 else f"{amount / 1e4:g}万元"


def pick_investor(rng: random.Random, local: Sequence[int], firms: int) -> int:
    if local and rng.random() < 0.7:
        return rng.choice(local)
    return rng.randrange(firms)


def signed_date(rng: random.Random) -> str:
    day = date.fromordinal(rng.randint(date(2019, 1, 1).toordinal(), date(2026, 6, 30).toordinal()))
    return day.isoformat() if rng.random() < 0.7 else day.isoformat()[:7]


# -- supply links -----------------------------------------------------------------------------
class SupplySampler:
    """Draws supply links along the taxonomy: customer first, then a segment that feeds it.

    Per customer segment it keeps two weighted lists of supplier segments, those with firms in
    Qingdao and those with firms elsewhere, so the plan's outside-only and single-supplier
    segments are honoured directly instead of by rejecting draws.
    """

    def __init__(
        self, segments: Sequence[Segment], plan: Plan, population: Population, rng: random.Random
    ) -> None:
        self.rng = rng
        self.plan = plan
        self.pop = population
        preds = suppliers_of(segments)
        local_n = [len(p) for p in population.local_pool]
        outside_n = [len(p) for p in population.outside_pool]
        self.from_local = [Weighted(p, [local_n[a] for a in p]) for p in preds]
        self.from_outside = [Weighted(p, [outside_n[a] for a in p]) for p in preds]
        fed = [bool(self.from_local[b] or self.from_outside[b]) for b in range(len(segments))]
        self.customers = {
            side: Weighted(range(len(segments)), [n if fed[b] else 0 for b, n in enumerate(ns)])
            for side, ns in ((True, local_n), (False, outside_n))
        }
        for b, policy in enumerate(plan.policy):
            if policy == SINGLE and local_n[b] and fed[b]:
                plan.single_supplier[b] = self.any_supplier(preds[b])

    def any_supplier(self, preds: Sequence[int]) -> int:
        """One firm from any segment in ``preds``, bigger segments more likely."""
        sizes = [len(self.pop.local_pool[a]) + len(self.pop.outside_pool[a]) for a in preds]
        a = Weighted(preds, sizes).draw(self.rng)
        pool = self.pop.local_pool[a] + self.pop.outside_pool[a]
        return pool[self.rng.randrange(len(pool))]

    def draw(self) -> tuple[int, int, int] | None:
        """(supplier segment, supplier firm, customer firm), or None if no supplier fits."""
        local_customer = self.rng.random() < LOCAL_CUSTOMER_SHARE
        if not self.customers[local_customer]:
            local_customer = not local_customer
            if not self.customers[local_customer]:
                return None
        b = self.customers[local_customer].draw(self.rng)
        pool = (self.pop.local_pool if local_customer else self.pop.outside_pool)[b]
        customer = pool[self.rng.randrange(len(pool))]
        supplier = self.choose_supplier(b, local_customer)
        if supplier is None or supplier[1] == customer:
            return None
        return supplier[0], supplier[1], customer

    def choose_supplier(self, b: int, local_customer: bool) -> tuple[int, int] | None:
        policy = self.plan.policy[b] if local_customer else MIXED
        if policy == SINGLE and b in self.plan.single_supplier:
            firm = self.plan.single_supplier[b]
            return self.pop.segment_of[firm], firm
        share = LOCAL_SUPPLIER_SHARE if local_customer else EXPORT_SHARE
        want_local = policy != OUTSIDE_ONLY and self.rng.random() < share
        if not (self.from_local[b] if want_local else self.from_outside[b]):
            if policy == OUTSIDE_ONLY:
                return None
            want_local = not want_local
        a = (self.from_local[b] if want_local else self.from_outside[b]).draw(self.rng)
        pool = (self.pop.local_pool if want_local else self.pop.outside_pool)[a]
        return a, pool[self.rng.randrange(len(pool))]


def write_supplies(
    out_dir: Path,
    segments: Sequence[Segment],
    plan: Plan,
    population: Population,
    rng: random.Random,
    counts: dict[str, int],
) -> None:
    """About LINKS_PER_FIRM distinct supplier → customer links per firm, product = a keyword."""
    firms = len(population.names)
    target = round(LINKS_PER_FIRM * firms)
    sampler = SupplySampler(segments, plan, population, rng)
    seen: set[int] = set()
    attempts = 0
    # No note on links: source_title already says synthetic, and this is the biggest file.
    with Table(out_dir, "links/supplies.csv", SupplyRecord, counts, note="") as table:
        while table.rows < target and attempts < 20 * target:
            attempts += 1
            link = sampler.draw()
            if link is None:
                continue
            seg, supplier, customer = link
            key = supplier * firms + customer
            if key in seen:
                continue
            seen.add(key)
            table.write(
                "supply",
                table.rows,
                {
                    "supplier": population.names[supplier],
                    "customer": population.names[customer],
                    "product": rng.choice(segments[seg].words),
                },
            )


# -- marker -----------------------------------------------------------------------------------
def write_marker(
    out_dir: Path,
    segments: Sequence[Segment],
    plan: Plan,
    seed: int,
    firms: int,
    counts: dict[str, int],
) -> None:
    """SYNTHETIC.md: says what this folder is, and where the planted gaps are for tests."""

    def ids(kept: list[int]) -> str:
        return ", ".join(segments[i].id for i in kept) or "(none)"

    gaps = [i for i, n in enumerate(plan.local) if n == 0]
    thin = [i for i, n in enumerate(plan.local) if 0 < n <= 2]
    lines = [
        "# SYNTHETIC DATA — 合成示例数据",
        "",
        "Everything in this folder was generated by `oceanbrain data synth` "
        "(oceanbrain/ingest/synthetic.py). None of it is real: every firm, park, institution, "
        "person and project name contains 示例, firms carry `synthetic=是`, USCCs use the "
        f"non-existent region code {USCC_PREFIX[2:]}, and source URLs are under "
        "`example.invalid`. Never copy these files into data/.",
        "",
        f"- seed: {seed}",
        f"- firms: {firms}",
        *(f"- {file}: {n} rows" for file, n in counts.items()),
        "",
        "Planted shape, for gap analysis:",
        "",
        f"- segments with no Qingdao firm: {ids(gaps)}",
        f"- segments with one or two Qingdao firms: {ids(thin)}",
        "- segments whose Qingdao firms buy only from outside Qingdao: "
        + ids([i for i, p in enumerate(plan.policy) if p == OUTSIDE_ONLY]),
        "- segments whose Qingdao firms all buy from a single supplier: "
        + ids(sorted(plan.single_supplier)),
        "",
    ]
    (out_dir / MARKER).write_text("\n".join(lines), encoding="utf-8")


# -- enterprise-platform exports (示例 / synthetic) ------------------------------------------------
# A 企查查/天眼查-style firm list for the ingest pipeline and its benchmark: one title row, then
# the platform's usual header. Every name carries 示例, every USCC is in the non-existent region
# 999999 and the title row says the data are synthetic.
EXPORT_TITLE = "示例企业名单（合成数据 synthetic，非真实信息）"
EXPORT_HEADER = (
    "企业名称",
    "统一社会信用代码",
    "法定代表人",
    "登记状态",
    "成立日期",
    "注册资本",
    "企业类型",
    "所属省份",
    "所属城市",
    "所属区县",
    "所属行业",
    "经营范围",
    "企业地址",
    "参保人数",
    "曾用名",
)
EXPORT_BRAND_CHARS = "".join(
    dict.fromkeys(
        "瑞澜蓝鲸港湾潮汐浪涛航舟帆锚礁屿峰岭川泽源恒泰丰华德信达通盛隆兴昌宏远博文智慧明辉光耀"
        "星辰云宇宙坤乾元亨利贞康宁静谐嘉禾景福祥麟凤龙虎豹鹰翔鹏飞腾跃骏驰奔越超卓群英杰豪迈"
        "锐捷敏聪颖灵秀雅致澈净洁晶莹玉琳琅璟瑾瑜璞珑珊瑚珍珠宝钰铭锦绣彩虹霞晖旭晨曦朝晴朗"
    )
)
EXPORT_SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
EXPORT_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂"


def export_brand(index: int) -> str:
    """Three characters unique per index (up to len(chars)**3 firms), read as a trade name."""
    chars = EXPORT_BRAND_CHARS
    n = len(chars)
    a, rest = divmod(index % n**3, n * n)
    b, c = divmod(rest, n)
    # spread consecutive indices over different first characters
    return chars[(c * 7 + a) % n] + chars[(b + c) % n] + chars[c]


def export_row(index: int, seg: Segment, codes: tuple[str, ...], rng: random.Random) -> list[str]:
    district = rng.choice([d for d, _ in QINGDAO_DISTRICTS])
    word = rng.choice(seg.words)
    name = f"青岛示例{export_brand(index)}{word}科技有限公司"
    code = codes[0] if codes else ""
    industry = f"{seg.name_zh}（{code}）" if code else seg.name_zh
    scope = f"{word}的研发、生产与销售；{'、'.join(seg.words[:3])}技术服务；（示例 synthetic）"
    return [
        name,
        synthetic_uscc(index),
        rng.choice(EXPORT_SURNAMES) + rng.choice(EXPORT_GIVEN),
        "存续",
        founded(rng, "成长"),
        capital(rng, 1.0),
        "有限责任公司",
        "山东省",
        "青岛市",
        district,
        industry,
        scope,
        f"山东省青岛市{district}示例路{index % 997 + 1}号",
        str(employees(rng, 1.0)),
        "",
    ]


def write_enterprise_export(
    path: Path,
    firms: int,
    seed: int = DEFAULT_SEED,
    *,
    bad_every: int = 0,
    first: int = 0,
    changed: frozenset[int] = frozenset(),
    taxonomy: Path = DEFAULT_TAXONOMY,
) -> int:
    """Write ``firms`` synthetic firms (indices ``first`` …) as an export CSV; returns data rows.

    ``bad_every=n`` makes every n-th row's USCC invalid (a reject); ``changed`` indices get a
    different 登记状态 and 注册资本 (a changed registration). Rows stream to disk, so 10^6 firms
    never sit in memory. Same arguments → byte-identical file.
    """
    raw = yaml.safe_load(taxonomy.read_text(encoding="utf-8"))
    segments = read_segments(taxonomy)
    codes = {
        seg["id"]: tuple(seg.get("gbt4754") or ())
        for chain in raw["chains"]
        for seg in chain["segments"]
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow([EXPORT_TITLE])
        writer.writerow(EXPORT_HEADER)
        for index in range(first, first + firms):
            rng = random.Random(seed * 1_000_003 + index)
            seg = segments[index % len(segments)]
            row = export_row(index, seg, codes.get(seg.id, ()), rng)
            if bad_every and index % bad_every == bad_every - 1:
                row[1] = row[1][:17] + ("0" if row[1][17] != "0" else "1")
            if index in changed:
                row[3] = "注销"
                row[5] = "9999万元人民币"
            writer.writerow(row)
    return firms

"""Firm → segment classification: speed on one core, and agreement with the curated segments.

Run with `.venv/bin/python -m benchmarks.bench_classify`; results go to
benchmarks/results/classify.json.

Speed: synthetic firms shaped like an enterprise-information export (企业名称, 所属行业 as a code,
a name or nothing, and a ~200-character 经营范围 built from standard registration wordings, chain
keywords and free product phrases), classified one by one on one core. Reported warm (the clause
memo filled, as in a long export) and cold (the memo emptied before every firm: every clause is
matched afresh), per CPU second of this process and per wall-clock second, best of three runs.

Agreement: the curated firms in data/qingdao/firms.csv and data/national/firms.csv carry segments
assigned by hand from sources. The classifier sees only what an export would hold: the name and,
as a stand-in for 经营范围, the row's `notes` (a one-line paraphrase of the firm's business from
its source); never the `segments` column. Precision and recall are counted over (firm, segment)
pairs, for every link made and for the asserted ones (confidence ≥ classify_review_below).
"""

from __future__ import annotations

import csv
import json
import random
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from oceanbrain.ingest.classify import Classifier, read_crosswalk

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"
OUT = REPO / "benchmarks" / "results" / "classify.json"
FIRMS = 50_000
COLD_FIRMS = 10_000
REPEATS = 3
SEED = 20261126
CURATED = ("qingdao/firms.csv", "national/firms.csv")

# Standard 经营范围 wordings (经营范围规范表述 style) that most firms list whatever their trade.
GENERIC = (
    "技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广",
    "软件开发",
    "信息系统集成服务",
    "信息技术咨询服务",
    "货物进出口",
    "技术进出口",
    "进出口代理",
    "电子产品销售",
    "机械设备销售",
    "仪器仪表销售",
    "五金产品批发",
    "五金产品零售",
    "日用百货销售",
    "办公用品销售",
    "化工产品销售(不含许可类化工产品)",
    "金属材料销售",
    "建筑材料销售",
    "计算机软硬件及辅助设备零售",
    "计算机软硬件及辅助设备批发",
    "通讯设备销售",
    "会议及展览服务",
    "企业管理咨询",
    "市场营销策划",
    "广告设计、代理",
    "普通货物仓储服务(不含危险化学品等需许可审批的项目)",
    "国内货物运输代理",
    "专用设备修理",
    "通用设备修理",
    "电气设备修理",
    "住房租赁",
    "非居住房地产租赁",
    "物业管理",
    "劳务服务(不含劳务派遣)",
    "人力资源服务(不含职业中介活动、劳务派遣服务)",
    "第二类医疗器械销售",
    "保健食品(预包装)销售",
    "食品销售(仅销售预包装食品)",
    "数据处理和存储支持服务",
    "物联网技术服务",
    "互联网销售(除销售需要许可的商品)",
    "环境保护专用设备销售",
    "安全技术防范系统设计施工服务",
    "工程管理服务",
    "园区管理服务",
    "科技中介服务",
    "知识产权服务(专利代理服务除外)",
)
# Free product wordings: nouns × activities, so texts (and clauses) vary as in real exports.
_NOUN_WORDS = (
    "阀门 管件 泵 电机 电缆 钢结构 模具 塑料制品 橡胶制品 纸制品 包装材料 密封件 "
    "轴承 齿轮 照明器具 办公设备 服装 鞋帽 家具 水产品 农产品 饲料 化肥 涂料 胶粘剂 "
    "玻璃制品 陶瓷制品 消防器材 劳保用品 文具 体育用品 玩具 工艺品 茶叶 酒类 机床 "
    "工业机器人 电子元器件 光学仪器 检测仪器 实验室设备 净化设备 环保设备 制冷设备 "
    "安防设备 监控设备 通信设备 计算机 打印耗材 智能家居 新能源汽车零部件"
)
NOUNS = tuple(_NOUN_WORDS.split())
ACTIONS = ("销售", "制造", "研发", "生产", "批发", "零售", "安装", "维修", "技术服务", "租赁")
SUFFIXES = ("科技有限公司", "有限公司", "股份有限公司", "技术有限公司", "贸易有限公司")
CITIES = ("青岛", "烟台", "威海", "大连", "宁波", "舟山", "厦门", "上海")
FILLER = "鑫华瑞泰恒信达诚海蓝博远启明中科智创合众星辰云帆凯德远航通宇顺安"
CLAUSE_JOIN = "；"


@dataclass(frozen=True)
class Firm:
    name: str
    industry_code: str | None
    industry_name: str | None
    business_scope: str


def synthetic_firms(n: int, seed: int = SEED) -> list[Firm]:
    """Export-shaped firms: 40% carry one to three chain keywords, the rest are generic."""
    rng = random.Random(seed)
    classifier_data = Classifier.from_data(DATA)
    keywords = [k for k in classifier_data.keyword_texts() if len(k) >= 2]
    crosswalk = read_crosswalk(DATA / "chains" / "gbt4754_crosswalk.csv")
    codes = sorted({r.code for r in crosswalk if len(r.code) == 4})
    names = sorted({r.name_zh for r in crosswalk})
    other_codes = ("5191", "5212", "7212", "7291", "6513", "8090", "5179", "5165", "3311", "2929")
    firms = []
    for _ in range(n):
        clauses = rng.sample(GENERIC, rng.randint(10, 17))
        chain_words = rng.sample(keywords, rng.randint(1, 3)) if rng.random() < 0.4 else []
        clauses += [w + rng.choice(ACTIONS) for w in chain_words]
        clauses += [rng.choice(NOUNS) + rng.choice(ACTIONS) for _ in range(rng.randint(2, 5))]
        rng.shuffle(clauses)
        scope = "一般项目：" + CLAUSE_JOIN.join(clauses)
        scope += "(除依法须经批准的项目外，凭营业执照依法自主开展经营活动)"
        core = "".join(rng.choice(FILLER) for _ in range(2))
        word = chain_words[0] if chain_words and rng.random() < 0.5 else ""
        name = rng.choice(CITIES) + core + word + rng.choice(SUFFIXES)
        roll = rng.random()
        if roll < 0.45:
            code, industry = rng.choice(codes if chain_words else other_codes), None
            code = ("C" + code) if rng.random() < 0.5 else code
        elif roll < 0.65:
            code, industry = None, rng.choice(names) if chain_words else "批发业"
        else:
            code, industry = None, None
        firms.append(Firm(name, code, industry, scope))
    return firms


def measure_speed(classifier: Classifier, firms: list[Firm], *, cold: bool) -> dict[str, int]:
    """Firms per second of CPU time (one core; robust on a shared machine) and of wall time."""
    classify = classifier.classify
    forget = classifier.forget_clauses
    wall, cpu = time.perf_counter(), time.process_time()
    for firm in firms:
        if cold:
            forget()
        classify(
            name=firm.name,
            industry_code=firm.industry_code,
            industry_name=firm.industry_name,
            business_scope=firm.business_scope,
        )
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    return {"per_cpu_s": round(len(firms) / cpu), "per_wall_s": round(len(firms) / wall)}


def _cpu(speed: dict[str, int]) -> int:
    return speed["per_cpu_s"]


def curated_rows() -> list[dict[str, str]]:
    out = []
    for file in CURATED:
        with (DATA / file).open(encoding="utf-8", newline="") as fh:
            out.extend(csv.DictReader(fh))
    return out


def agreement(classifier: Classifier, rows: list[dict[str, str]]) -> dict[str, object]:
    """Precision and recall over (firm, segment) pairs against the hand-assigned segments."""
    counts = Counter[str]()
    per_chain: dict[str, Counter[str]] = {}
    for row in rows:
        gold = {s for s in row["segments"].split("|") if s}
        links = classifier.classify(name=row["name"], business_scope=row.get("notes") or None)
        made = {link.segment_id for link in links}
        asserted = {link.segment_id for link in links if not link.needs_review}
        counts["firms"] += 1
        counts["firms_with_a_link"] += bool(made)
        counts["gold"] += len(gold)
        for kind, predicted in (("all", made), ("asserted", asserted)):
            counts[f"{kind}_made"] += len(predicted)
            counts[f"{kind}_correct"] += len(predicted & gold)
        for sid in gold | made:
            chain = sid.split(".")[0]
            c = per_chain.setdefault(chain, Counter())
            c["gold"] += sid in gold
            c["made"] += sid in made
            c["correct"] += sid in gold and sid in made
    result: dict[str, object] = {
        "firms": counts["firms"],
        "firm_segment_pairs": counts["gold"],
        "firms_with_a_link": counts["firms_with_a_link"],
    }
    for kind in ("all", "asserted"):
        made, correct = counts[f"{kind}_made"], counts[f"{kind}_correct"]
        result[kind] = {
            "links": made,
            "correct": correct,
            "precision": round(correct / made, 3) if made else None,
            "recall": round(correct / counts["gold"], 3) if counts["gold"] else None,
        }
    result["by_chain_prefix"] = {
        chain: {
            "gold": c["gold"],
            "made": c["made"],
            "precision": round(c["correct"] / c["made"], 3) if c["made"] else None,
            "recall": round(c["correct"] / c["gold"], 3) if c["gold"] else None,
        }
        for chain, c in sorted(per_chain.items())
    }
    return result


def main() -> None:
    began = time.perf_counter()
    classifier = Classifier.from_data(DATA)
    load_s = time.perf_counter() - began
    firms = synthetic_firms(FIRMS)
    chars = sum(len(f.business_scope) for f in firms) / len(firms)
    measure_speed(classifier, firms[:2_000], cold=False)  # warm-up
    # best of REPEATS, as timeit does: other load on the machine only ever slows a run down
    warm = max((measure_speed(classifier, firms, cold=False) for _ in range(REPEATS)), key=_cpu)
    cold = max(
        (measure_speed(classifier, firms[:COLD_FIRMS], cold=True) for _ in range(REPEATS)), key=_cpu
    )
    linked = sum(bool(classifier.classify(**f.__dict__)) for f in firms[:COLD_FIRMS])
    result = {
        "speed": {
            "firms": FIRMS,
            "best_of": REPEATS,
            "mean_scope_chars": round(chars),
            "load_s": round(load_s, 3),
            "firms_per_s_warm": warm,
            "firms_per_s_cold": cold,
            "target_firms_per_s": 20_000,
            "share_with_a_link": round(linked / COLD_FIRMS, 3),
        },
        "thresholds": {
            "review_below": classifier.review_below,
            "min_confidence": classifier.min_confidence,
            "max_segments": classifier.max_segments,
        },
        "agreement": agreement(classifier, curated_rows()),
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(
        f"speed (firms per CPU second, one core): {warm['per_cpu_s']:,} warm, "
        f"{cold['per_cpu_s']:,} cold; wall clock {warm['per_wall_s']:,} / {cold['per_wall_s']:,} "
        f"(~{chars:.0f} chars of 经营范围; target 20,000); load {load_s:.2f} s"
    )
    agree = result["agreement"]
    assert isinstance(agree, dict)
    for kind in ("all", "asserted"):
        a = agree[kind]
        print(
            f"agreement ({kind} links): precision {a['precision']}, recall {a['recall']} "
            f"({a['correct']} of {a['links']} links correct; {agree['firm_segment_pairs']} "
            f"curated pairs over {agree['firms']} firms)"
        )
    print(f"wrote {OUT.relative_to(REPO)}")


if __name__ == "__main__":
    main()

"""Rule-based entity candidates over raw text: gazetteer longest match, name endings, titles.

Everything works on the input string and returns character offsets into it; the spaCy
component (``pipeline.py``) turns the chosen candidates into ``doc.ents``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from oceanbrain.nlp.quantities import find_measures

CJK = r"\u4e00-\u9fff"


@dataclass
class Candidate:
    start: int
    end: int
    type: str
    priority: int  # higher wins among equally long candidates
    linked_id: str | None = None
    value: float | None = None
    unit: str | None = None
    source: str = field(default="rule")


# -- boundaries -------------------------------------------------------------------------------
_PUNCT = r"\s,，。、;；:：!！?？“”\"《》<>（）()\[\]【】—…·/|"
_STOP_WORDS = sorted(
    [
        "由",
        "在",
        "从",
        "向",
        "对",
        "把",
        "被",
        "将",
        "是",
        "为",
        "的",
        "了",
        "等",
        "已",
        "也",
        "并",
        "让",
        "给",
        "跟",
        "就",
        "还",
        "其",
        "该",
        "这",
        "那",
        "此",
        "据介绍",
        "据统计",
        "包括",
        "其中",
        "拥有",
        "聚集",
        "集聚",
        "汇聚",
        "落户",
        "入驻",
        "位于",
        "设立",
        "组建",
        "重组",
        "签约",
        "签订",
        "签署",
        "出席",
        "主持",
        "担任",
        "了解",
        "参加",
        "启动",
        "筹建",
        "共建",
        "合作",
        "开发",
        "研发",
        "发布",
        "推出",
        "建造",
        "见证",
        "围绕",
        "完善",
        "来自",
        "成员",
        "分别",
        "正式",
        "标志着",
        "不乏",
        "涉及",
        "推进",
        "依托",
        "支持",
        "推动",
        "加快",
        "引进",
        "新引进",
        "及其",
        "考察",
        "会见",
        "抓好",
        "建设",
        "打造",
        "举行",
        "成立",
        "作为",
        "成为",
        "面向",
        "选择",
        "批准",
        "宣布",
        "交付",
        "实现",
        "记者",
        "近日",
        "今年",
        "去年",
        "目前",
        "截至",
        "随着",
        "通过",
        "进入",
        "应用",
        "服务",
        "带动",
        "提升",
        "积极",
        "首个",
        "首家",
        "首座",
        "首艘",
        "全国首个",
        "率先",
        "一批",
        "以及",
        "或",
        "当选",
        "进军",
        "属于",
        "下设",
        "指导",
        "下",
        "旗下",
        "发起",
        "牵头",
        "负责",
        "承担",
        "开展",
        "听取",
        "实地",
        "详细",
        "参观",
        "调研",
        "走进",
        "主办",
        "承办",
        "协办",
        "举办",
        "依次",
        "布局",
        "沿",
        "自主",
        "中的",
        "之一",
        "领域",
        "方面",
        "以来",
        "上半年",
        "下半年",
        "已经有",
    ],
    key=len,
    reverse=True,
)
_TITLES = sorted(
    [
        "党委书记",
        "党组书记",
        "书记",
        "副校长",
        "校长",
        "副院长",
        "院长",
        "副所长",
        "所长",
        "副主任",
        "主任",
        "副局长",
        "局长",
        "副厅长",
        "厅长",
        "副董事长",
        "董事长",
        "副总经理",
        "总经理",
        "副总裁",
        "总裁",
        "副理事长",
        "理事长",
        "执行干事",
        "常委",
        "党组成员",
        "副秘书长",
        "秘书长",
        "副省长",
        "省长",
        "副市长",
        "市长",
        "副区长",
        "区长",
        "副县长",
        "县长",
        "副主席",
        "主席",
        "副部长",
        "部长助理",
        "部长",
        "教授",
        "研究员",
        "高级工程师",
        "首席科学家",
        "总工程师",
        "参赞",
        "公使",
        "外籍院士",
        "院士",
        "组长",
        "首席执行官",
        "(主持工作)",
    ],
    key=len,
    reverse=True,
)
_CONJ = "与和及"
_BREAK_RE = re.compile(
    "["
    + _PUNCT
    + r"]|[与和及]|同(?!济|方)|联合(?!国教科文|国开发|国粮农|国儿童|国环境)|"
    + r"\d+年|\d+月|\d+日|[\d一二三四五六七八九十两]+[所个家项名位座艘批]|"
    + "|".join(map(re.escape, _STOP_WORDS + [t for t in _TITLES if t != "院士"]))
)

# -- name endings → type ----------------------------------------------------------------------
_SUFFIXES: list[tuple[str, str]] = [
    # FIRM
    (r"(?:股份)?有限(?:责任)?公司", "FIRM"),
    (r"集团公司|控股公司|公司", "FIRM"),
    (r"计算中心|数港中心", "PROJECT"),
    (r"集团", "FIRM"),
    (r"集团[" + CJK + r"]{2,6}部", "FIRM"),
    # INSTITUTE
    (
        r"大学|学院|研究生院|研究院|科学院|工程院|设计院|医院|研究所|计算所|海洋所|黄海所|地质所",
        "INSTITUTE",
    ),
    (r"物理所|[一二三四五六七八九十]所(?!长|有|在|以)", "INSTITUTE"),
    (
        r"实验室|试验场|校区|分中心|研究中心|工程中心|促进中心|质检中心|检测中心|数据中心",
        "INSTITUTE",
    ),
    (r"(?:超级计算|[" + CJK + r"])中心", "INSTITUTE"),
    (r"(?:科研|研究|预警|监测|深海|研发|创新发展)基地", "INSTITUTE"),
    # GOV
    (r"人民政府|政府|管委会|管委|管理委员会|委员会|委会|管理局|(?<![布格结大全当])局(?!长)", "GOV"),
    (r"市委|区委|县委|省委|工委|镇委|厅(?!长)|办公室|发改委", "GOV"),
    # PARK
    (
        r"产业园|科技园|工业园|创新园|软件园|园区|基地|示范区|新区|核心区|试验区|开发区|高新区",
        "PARK",
    ),
    (r"港区|加速器|小镇|科技港|科技城|院士港", "PARK"),
    # PROJECT
    (r"项目|工程(?!院|师|大学|中心|研究|技术|装备|建设|领域)|码头|总部|平台", "PROJECT"),
]
_SUFFIX_RES = [(re.compile(p), t) for p, t in _SUFFIXES]
_ENDS_WITH_SUFFIX = re.compile("(?:" + "|".join(p for p, _ in _SUFFIXES) + ")$")
# strong endings that override a gazetteer's type (annotation guidelines by ending)
_STRONG = [
    (re.compile(r"(?:有限公司|有限责任公司)$"), "FIRM"),
    (re.compile(r"(?:大学|学院|研究院|研究所|实验室)$"), "INSTITUTE"),
    (re.compile(r"(?:计算中心|平台|项目)$"), "PROJECT"),
]
_GENERIC = re.compile(
    r"^(?:[\d一二三四五六七八九十两]+个|多个|大型|高端|重点|重大|功能|新|该|这|其|各|相关|国家级|中国唯一|"
    r"中国首|全国|首个|首家|一批|多家|部分|国家重点实验室$|自动化|全自动化)"
)
_PROPER_START = re.compile(
    r"青岛|中国|山东|国家|北京|上海|天津|全国|中科院|中船|联合国|[" + CJK + r"]{2}[省市区县]"
)
_TITLE_WORD = re.compile("|".join(map(re.escape, _TITLES)) + r"|长$|任$")
_MINISTRIES = set(
    [
        "科技部",
        "教育部",
        "财政部",
        "商务部",
        "工业和信息化部",
        "工信部",
        "自然资源部",
        "生态环境部",
        "交通运输部",
        "农业农村部",
        "外交部",
        "国防部",
        "公安部",
        "民政部",
        "司法部",
        "文化和旅游部",
        "国家卫生健康委",
        "应急管理部",
        "水利部",
        "人力资源和社会保障部",
    ]
)
_FIRM_BUREAUS = ("中铁", "中建", "中交", "中冶", "中水")
_PLACE_PREFIX = re.compile(r"^(?:山东省?|广东省?|江苏省?)(?=青岛|烟台|济南|威海|日照|潍坊)")
_PAREN_RE = re.compile(r"[(（]([" + CJK + r"]{1,4})[)）]")
_LATIN_RE = re.compile(r"(?<![A-Za-z0-9\-])[A-Za-z0-9][A-Za-z0-9\-]{2,15}(?![A-Za-z0-9\-])")
_LATIN_STOP = set(
    [
        "AIGC",
        "GDP",
        "CEO",
        "APP",
        "ICT",
        "IOT",
        "GPU",
        "CPU",
        "DCU",
        "LNG",
        "TEU",
        "EFLOPS",
        "PFLOPS",
        "TFLOPS",
        "CCTV",
        "ESG",
        "IPO",
        "VR",
        "AR",
        "XR",
        "5G",
        "4G",
        "3D",
        "AI",
    ]
)
_QUOTED_PRODUCT = re.compile(r"[“\"]([^“”\"\n]{1,12})[”\"](号)?")

# -- people -----------------------------------------------------------------------------------
_SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任"
    "沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
    "常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴"
    "霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑"
    "景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
    "封鞠郁胥班信晁"
)
_FOLLOW = set(
    "出主在会发等一对说院和担任实介表致的为同与及率指参带也是就认称接讲先教研副书"
    "、,，。;；:：!！?？(（“\n 兼团作"
)
_TITLE_RE = re.compile("|".join(map(re.escape, _TITLES)))
_NAME_CHAR = re.compile(r"[" + CJK + r"]")


def mask_parentheses(text: str) -> str:
    """Same-length text where short bracketed parts such as (青岛) become neutral name chars."""
    return _PAREN_RE.sub(lambda m: "甲" * len(m.group(0)), text)


def _left_boundary(masked: str, suffix_start: int, window: int = 28) -> int:
    lo = max(0, suffix_start - window)
    left = lo
    for m in _BREAK_RE.finditer(masked, lo, suffix_start):
        if m.group(0) in _CONJ:
            # 科学与技术 / 工业和信息化 / 海洋和沿海: a conjunction joins two halves of one name
            # unless the left half is itself a complete name (中国海洋大学与青岛大学)
            before = masked[left : m.start()]
            if (
                before
                and not _ENDS_WITH_SUFFIX.search(before)
                and not _PROPER_START.match(masked, m.end())
            ):
                continue
        left = m.end()
    return left


def _suffix_type(name: str, default: str) -> str | None:
    if name.endswith("部"):
        if "集团" in name or "公司" in name:
            return "FIRM"
        return "GOV" if name in _MINISTRIES or name.startswith("国家") else None
    if default == "GOV" and name.startswith(_FIRM_BUREAUS):
        return "FIRM"
    return default


def suffix_candidates(text: str, masked: str) -> list[Candidate]:
    out: list[Candidate] = []
    seen: set[tuple[int, int]] = set()
    for rx, etype in _SUFFIX_RES:
        for m in rx.finditer(masked):
            s, e = m.start(), m.end()
            left = _left_boundary(masked, s)
            if (left, e) in seen:
                continue
            name = text[left:e]
            core = masked[left:s]
            if len(re.findall(r"[" + CJK + "A-Za-z0-9]", core)) < 2:
                continue
            pm = _PLACE_PREFIX.match(name)
            if pm:
                left += pm.end()
                name = text[left:e]
            etype2 = _suffix_type(name, etype)
            if etype2 is None or name.startswith(("(", "（", "‘", "'")) or _GENERIC.match(name):
                continue
            if etype2 == "PROJECT" and len(re.findall("[" + CJK + "]", core)) < 3:
                continue
            # a trailing short parenthetical belongs to the name: 天津大学研究生院(青岛)
            pm2 = _PAREN_RE.match(text, e)
            if pm2 and not pm2.group(1).startswith("以下"):
                e = pm2.end()
            seen.add((left, e))
            out.append(Candidate(left, e, etype2, 1, source="suffix"))
    return out


def latin_candidates(text: str) -> list[Candidate]:
    out = []
    for m in _LATIN_RE.finditer(text):
        tok = m.group(0)
        if tok.upper() in _LATIN_STOP or tok.isdigit() or not re.search("[A-Za-z]", tok):
            continue
        has_digit = bool(re.search(r"\d", tok))
        if re.match(r"^\d", tok) and not re.search(r"[A-Za-z]{2}", tok):
            continue
        uppers = sum(c.isupper() for c in tok)
        if has_digit or "-" in tok or uppers >= 3:
            out.append(Candidate(m.start(), m.end(), "PRODUCT", 1, source="latin"))
    return out


def quoted_candidates(text: str) -> list[Candidate]:
    out = []
    for m in _QUOTED_PRODUCT.finditer(text):
        inner = m.group(1)
        if m.group(2) or (
            inner.endswith("号") and re.search(r"\d|[一二三四五六七八九十]号$", inner)
        ):
            out.append(Candidate(m.start(1), m.end(1), "PRODUCT", 2, source="quote"))
    return out


def _person_at(text: str, i: int) -> int:
    """End of a person name starting at i (after a title), or -1."""
    j = i
    while j < len(text) and _NAME_CHAR.match(text[j]) and j - i < 6:
        j += 1
    run = text[i:j]
    if j < len(text) and text[j] == "·":  # transliterated names: 艾琳·谭
        k = j + 1
        while k < len(text) and _NAME_CHAR.match(text[k]) and text[k] not in _FOLLOW and k - j < 5:
            k += 1
        return k if k > j + 1 else -1
    if len(run) < 2:
        return -1
    if run[0] in _SURNAMES:
        end = i + 3 if len(run) >= 3 and run[2] not in _FOLLOW else i + 2
    elif 3 <= len(run) <= 4 and (j >= len(text) or text[j] in "、,，。;；等"):
        end = j
    else:
        return -1
    return -1 if _TITLE_WORD.search(text[i:end]) else end


def person_candidates(text: str, blocked: list[tuple[int, int]]) -> list[Candidate]:
    out: list[Candidate] = []

    def free(s: int, e: int) -> bool:
        return not any(bs < e and s < be for bs, be in blocked)

    for m in _TITLE_RE.finditer(text):
        e = _person_at(text, m.end())
        if e > 0 and free(m.end(), e):
            out.append(Candidate(m.end(), e, "PERSON", 2, source="title"))
            # list continuation: 院士潘德炉、侯保荣
            while e < len(text) and text[e] == "、":
                e2 = _person_at(text, e + 1)
                if e2 < 0 or e2 - e - 1 > 4:
                    break
                nxt = text[e2] if e2 < len(text) else "。"
                if nxt not in "、,，。;；等":
                    break
                if not free(e + 1, e2):
                    break
                out.append(Candidate(e + 1, e2, "PERSON", 2, source="title-list"))
                e = e2
    # name before 院士: 桂建芳院士, 中村修二院士
    for m in re.finditer("院士", text):
        s = m.start()
        lo = s
        while lo > 0 and _NAME_CHAR.match(text[lo - 1]) and s - lo < 5:
            lo -= 1
        for bs, be in blocked:
            if bs < s and be > lo:
                lo = max(lo, be)
        for stop in _BREAK_RE.finditer(text, lo, s):
            lo = stop.end()
        ok = 2 <= s - lo <= 4 and (text[lo] in _SURNAMES or s - lo == 4)
        if ok and free(lo, s) and not _TITLE_WORD.search(text[lo:s]):
            out.append(Candidate(lo, s, "PERSON", 2, source="before-title"))
    return out


class GazetteerMatcher:
    """Leftmost-longest exact matching of known names over raw text (first-char index)."""

    def __init__(self, lookup: dict[str, tuple[str, str | None]], min_len: int = 2) -> None:
        self.lookup = lookup
        index: dict[str, list[str]] = {}
        for form in lookup:
            if len(form) >= min_len:
                index.setdefault(form[0], []).append(form)
        for forms in index.values():
            forms.sort(key=len, reverse=True)
        self.index = index

    def __len__(self) -> int:
        return len(self.lookup)

    def finditer(self, text: str) -> Iterator[tuple[int, int, str]]:
        index = self.index
        i, n = 0, len(text)
        while i < n:
            forms = index.get(text[i])
            hit = None
            if forms:
                for f in forms:
                    if text.startswith(f, i) and _latin_ok(text, i, i + len(f)):
                        hit = f
                        break
            if hit is None:
                i += 1
                continue
            yield i, i + len(hit), hit
            i += len(hit)


def _latin_ok(text: str, s: int, e: int) -> bool:
    """Latin names must not match inside longer Latin tokens."""
    before = text[s - 1] if s > 0 else " "
    after = text[e] if e < len(text) else " "
    if text[s].isascii() and text[s].isalnum() and before.isascii() and before.isalnum():
        return False
    return not (
        text[e - 1].isascii() and text[e - 1].isalnum() and after.isascii() and after.isalnum()
    )


def gazetteer_candidates(text: str, matcher: GazetteerMatcher | None) -> list[Candidate]:
    if matcher is None:
        return []
    out = []
    for start, end, form in matcher.finditer(text):
        etype, linked = matcher.lookup[form]
        if len(form) <= 2 and start > 0:
            prev = text[start - 1]
            nxt = text[end : end + 1]
            if (
                re.match("[" + CJK + "]", prev)
                and not _BREAK_RE.match(prev)
                and re.match("[" + CJK + "]", nxt)
                and not _BREAK_RE.match(nxt)
            ):
                continue  # 海大 inside 深远海大型
        for rx, strong in _STRONG:
            if rx.search(form):
                etype = strong
                break
        out.append(Candidate(start, end, etype, 3, linked_id=linked, source="gazetteer"))
    return out


def resolve(cands: list[Candidate]) -> list[Candidate]:
    """Greedy non-overlapping choice: longest first, then priority, then leftmost."""
    chosen: list[Candidate] = []
    occupied = bytearray()
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), -c.priority, c.start)):
        if len(occupied) < c.end:
            occupied.extend(b"\0" * (c.end - len(occupied)))
        if any(occupied[c.start : c.end]):
            continue
        occupied[c.start : c.end] = b"\1" * (c.end - c.start)
        chosen.append(c)
    chosen.sort(key=lambda c: c.start)
    return chosen


_ALIAS_RE = re.compile(r"[(（]以下简称[“\"‘]?([^”\"’)）]{1,12})[”\"’]?[)）]")


def propagate(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """Aliases declared with 以下简称, and repeats of found names elsewhere in the text."""
    extra: list[Candidate] = []
    for m in _ALIAS_RE.finditer(text):
        before = [c for c in chosen if c.end <= m.start() and m.start() - c.end <= 1]
        if before:
            extra.append(
                Candidate(
                    m.start(1), m.end(1), before[-1].type, 2, before[-1].linked_id, source="alias"
                )
            )
    names: dict[str, Candidate] = {}
    for c in chosen + extra:
        if c.type not in ("MONEY", "QUANTITY") and c.end - c.start >= 2:
            names.setdefault(text[c.start : c.end], c)
    if not names:
        return chosen + extra
    rx = re.compile("|".join(map(re.escape, sorted(names, key=len, reverse=True))))
    for m in rx.finditer(text):
        c = names[m.group(0)]
        extra.append(Candidate(m.start(), m.end(), c.type, 0, c.linked_id, source="repeat"))
    return resolve(chosen + extra)


def find_entities(text: str, matcher: GazetteerMatcher | None = None) -> list[Candidate]:
    """All chosen entity candidates for ``text``, in text order, non-overlapping."""
    masked = mask_parentheses(text)
    cands = gazetteer_candidates(text, matcher)
    cands += suffix_candidates(text, masked)
    cands += latin_candidates(text)
    cands += quoted_candidates(text)
    for q in find_measures(text):
        cands.append(
            Candidate(q.start, q.end, q.type, 4, value=q.value, unit=q.unit, source="measure")
        )
    titles = [(m.start(), m.end()) for m in re.finditer(r"《[^》]{0,60}》", text)]
    cands = [c for c in cands if not any(s <= c.start and c.end <= e for s, e in titles)]
    orgs = resolve(cands)
    people = person_candidates(text, [(c.start, c.end) for c in orgs])
    chosen = resolve(orgs + people)
    return propagate(text, chosen)

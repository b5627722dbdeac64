"""Relations from trigger patterns inside one sentence, each with a confidence.

Input is the text and its entity spans (anything with ``start_char``, ``end_char``, ``label_``);
output is a list of dicts with ``subject_index``/``object_index`` into that span list.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Protocol


class EntityLike(Protocol):
    start_char: int
    end_char: int
    label_: str


ORG = {"FIRM", "INSTITUTE", "GOV"}
PARTY = ORG | {"PARK"}
_SENT_END = re.compile(r"[。！？!?\n]+[”’\"]?")
_LIST_GAP = re.compile(r"^(?:、|和|及|以及|与|,|，)$")
_ALIAS_GAP = re.compile(r"^[(（](?:以下)?(?:简称|下称).{0,14}[)）]$")
_ALIAS_OPEN = re.compile(r"^[(（](?:以下)?(?:简称|下称)")
_LEAD_TITLE = re.compile(
    r"(?:书记|校长|院长|所长|主任|局长|厅长|董事长|总经理|总裁|理事长|执行干事|常委|党组成员|秘书长|"
    r"省长|市长|区长|县长|主席|部长|司长|署长|主持工作|党委委员|行长|处长|科长|站长|组长|主委|"
    r"董事局主席|首席执行官|首席运营官|监事长|领导(?!小组|干部|班子))(?!助理)"
)
_TITLE_PART = re.compile(
    _LEAD_TITLE.pattern
    + r"|副|兼|现任|党委|党组|党总支|党支部|党工委|常务|执行|首席|一级|二级|巡视员|"
    + r"院士|教授|研究员|董事|监事|委员|成员"
)
_CJK = re.compile(r"[\u4e00-\u9fff]")
# a body named again without its name inside a title list (…工委副书记、管委常务副主任)
_BARE_BODY = re.compile(r"管委会?|党工委|党委")
_GOV_POST = re.compile(r"[省市区县]长")
# a bare title names the kind of organisation it belongs to
_TITLE_KIND = re.compile(r"校长|所长")
_KIND_ENDS = {"校长": ("大学", "学院"), "所长": ("研究所", "所")}
_TITLE_AFTER = re.compile(r"^副?(校长|所长)(?![助])")
# "王明所长一行参观了…", "李强校长率团访问…": the person visits, and leads none of it
_VISITING = re.compile(r"^(?:等)?(?:一行|率|带队|带领|到|赴|访问|参观|考察|调研|走访|莅临)")
# 交易所, 事务所, 派出所 …: a 所 that is no research institute
_NOT_RESEARCH_SUO = ("交易所", "事务所", "派出所", "招待所", "托儿所", "看守所", "诊所")
_APPOINTED = re.compile(
    r"^(?:院士|教授|研究员|同志)?(?:为|是|任|现任|担任|出任)(?:第[一二三四五六七八九十\d]+届)?$"
)
_COMMITTEE_POST = re.compile(
    r"^(?:院士|教授|研究员|同志)?为(?:第[一二三四五六七八九十\d]+届)?[\u4e00-\u9fff]{0,6}"
    r"(?:委员会|理事会)(?:副?主任|副?理事长|秘书长)"
)
_HONOUR = re.compile(r"^(?:外籍)?(?:院士|教授|研究员|荣誉教授|名誉教授)$")
_COOP_AFTER_LIST = re.compile(r"^[^,，。;；]{0,38}(?:合作|共建|联合)")
# "A、B等企业签约落户PARK" signs with the park's owner, not A with B
_SIGN_AFTER = re.compile(
    r"^(?:(?!出席|参加|见证|主持)[^,，。;；与和]){0,30}(?:签约(?!落户|入驻|进驻|落地)|签订|签署)"
)
_SIGN = re.compile(r"签约|签订|签署|签定")
# "A已先后与B、C签署…": adverbs between the subject and 与
_WITH = re.compile(r"^(?:已|已经|先后|分别|还|也|将|正式|此前|近日|日前)+与$")
# "A、B、C等数十家企业也已纷纷签约": each signs on its own, not with the others
_SEPARATE_SIGNINGS = re.compile(
    r"^(?:等[^,，。;；]{0,6}[家个所批]|[^,，。;；]{0,12}(?:纷纷|分别|先后|相继|陆续))"
)
# "A和B就X项目建设签约": the subject of the signing after 就
_SIGN_ON = re.compile(r"^就[^,，。;；]{0,48}?(?:签约|签订|签署)")
_JOINT_BUILD = re.compile(r"^(?:合作)?共建$")
_COOP_ALSO = re.compile(
    r"(?:协议|备忘录)[^;；。]{0,4}[,，](?:双方)?(?:将)?"
    r"(?:(?:开展|建立|深化)[^,，;；。]{0,10}合作|联合开展)"
    # "…协议,双方将围绕A、B等领域展开全方位合作": 双方 names the parties, the verb may be far
    r"|(?:协议|备忘录)[^;；。]{0,4}[,，]双方[^;；。]{0,30}?"
    r"(?:开展|展开|建立|深化|加强)[^,，;；。]{0,10}合作"
)
# "A与B紧紧围绕…,在PARK共建X": the pair at a clause start, the joint verb later in the sentence
_COOP_FAR = re.compile(
    r"^(?!的|之|签|共同举办|联合主办)[^;；。与签]{0,60}?(?:共建|合作共建|携手共建|联合共建|共同建设|联合建设)"
)
# "A、B高度重视与C共同支持建设…": a short gap ending in 与 before the partner
_COOP_GAP_YU = re.compile(r"^[\u4e00-\u9fff]{0,6}与$")
_COOP_BEFORE = re.compile(
    # (共同签署 is a signing: "A与B共同签署…协议")
    r"^(?:正在)?(?:共建|合作|联合|共同(?!签)|筹建|联手|携手|(?:[两三四五六]方|双方)?(?:合资|共同出资))"
)
# "A、B、C三方共建", "A、B等12家企业联合发布": a counted list of parties acting together
_COOP_COUNTED = re.compile(
    r"^(?:等[\d两三四五六七八九十余多]*[家个所方]?(?:企业|单位|高校|院所|科研院所|机构|公司)?"
    r"|[两三四五六七八九十]方)"
    r"(?:共建|合作共建|联合(?!国)|共同(?:建设|发起|出资|打造|研发|申报|举办|主办|运营))"
)
# "由A牵头,联合B、C等科研院所及D…": the leader joins every listed partner
_LEAD_JOINS = re.compile(r"^(?:控股|牵头|主导|发起|领衔)[,，]?(?:并)?联合$")
_JOINED_LIST = r"^(?:、|和|及|以及|等[\u4e00-\u9fff]{0,6}(?:及|和|以及))$"
# "A与B(战略)合作(框架)协议…签署": the agreement is signed, not a cooperation statement
_COOP_AGREEMENT = re.compile(r"^(?:全面|战略|友好)?合作(?:框架)?协议")
_DEV = re.compile(r"研发|开发|发布|推出|建造|承建|研制|交付")
_BUILT_AT = re.compile(r"^(?:启动|开始|开工|正式)?(?:建造|制造|研制|开工建造)")
_DEV_PASSIVE = re.compile(r"^[”’\"]?[\u4e00-\u9fff]{0,6}由$")
_DEV_AFTER = re.compile(r"^(?:自主|联合|独立|负责)?(?:研发|开发|发布|推出|建造|承建|研制)")
# "北海造船继2022年交付…", "A正在研制…": adverbs and a date may stand before the verb
_DEV_GAP = re.compile(
    r"^(?:继|已|已经|正在|正|成功|先后|于)?(?:\d{4}年(?:\d{1,2}月)?(?:\d{1,2}日)?)?"
    r"(?:自主|联合|共同|投资|独立|合作|成功)?$"
)
_LOC_TRIG = re.compile(r"落户|入驻|位于|设立|布局")
_HOST_TRIG = re.compile(
    r"(?:拥有|集聚|聚集|汇聚|引进|吸引|入驻有|落户有|聚集了|集聚了|汇聚了|引进了|吸引了)"
    r"(?:了)?(?:建设|落地)?(?:了)?(?:一批|一大批)?(?:包括)?$"
    # "PARK…,目前园区已落地A、B…": the park referred to again
    r"|(?:园区|区内|园内|基地)(?:目前)?(?:已|已经|先后|累计)?(?:落地|入驻|落户|引进)了?$"
)
_BROUGHT_FROM = re.compile(r"从[^,，。;；]{0,8}(?:引进|吸引)")
_PARK_HOSTS = re.compile(r"^(?:目前)?(?:已|已经|先后|累计|共)(?:入驻|落户|落地)了?(?:包括)?$")
_INVEST = re.compile(r"^投资(?:建设|兴建)?(?:的)?$")
_INVEST_VIA = re.compile(
    r"^(?:将|拟|计划|已|正式)?在[^,，。;；]{2,24}?(?:投资建设|投资兴建|投资)(?:的)?$"
)
_SPEND_ON = re.compile(
    r"^(?:将|已|拟|计划|共|先后)?(?:投资|斥资|出资)[^,，。;；与和]{0,8}?(?:建设|打造|兴建|建成)了?$"
)
_INVEST_AFTER = re.compile(r"^(?:全资|独资|出资)?投资(?:建设|兴建)?")

Relation = dict[str, Any]


def sentences(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in _SENT_END.finditer(text):
        out.append((start, m.end()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return out


class _Sent:
    def __init__(self, text: str, idx: list[int], ents: Sequence[EntityLike]) -> None:
        self.text = text
        self.idx = idx  # global entity indices, in text order
        self.ents = ents

    def text_of(self, k: int) -> str:
        e = self.ents[self.idx[k]]
        return self.text[e.start_char : e.end_char]

    def former(self, k: int) -> bool:
        """Whether entity k is written as a former post (原中国海洋大学校长)."""
        start = self.ents[self.idx[k]].start_char
        return start > 0 and self.text[start - 1] == "原"

    def label(self, k: int) -> str:
        return self.ents[self.idx[k]].label_

    def gap(self, k: int) -> str:
        """Text between local entity k-1 and k (k=0: from sentence start)."""
        e = self.ents[self.idx[k]]
        prev_end = self.ents[self.idx[k - 1]].end_char if k > 0 else -1
        return self.text[prev_end : e.start_char] if k > 0 else ""

    def between(self, a: int, b: int) -> str:
        return self.text[self.ents[self.idx[a]].end_char : self.ents[self.idx[b]].start_char]

    def after(self, k: int, n: int = 40) -> str:
        e = self.ents[self.idx[k]].end_char
        return self.text[e : e + n]

    def group_back(self, k: int, types: set[str] | None = None, joins: str = "") -> list[int]:
        """k and the entities before it joined by list connectors (、 和 及 ,)."""
        out = [k]
        j = k
        while j > 0 and (
            (self.between(j - 1, j) in joins)
            if joins
            else (_LIST_GAP.match(self.between(j - 1, j)) and self.between(j - 1, j) != "与")
        ):
            j -= 1
            out.append(j)
        out.reverse()
        return [x for x in out if types is None or self.label(x) in types]

    def group_back_any(self, k: int) -> list[int]:
        out = [k]
        j = k
        while j > 0 and re.match(r"^(?:、|和|及|,|，)$", self.between(j - 1, j)):
            j -= 1
            out.append(j)
        out.reverse()
        return out

    def group_fwd(self, k: int, connectors: str = r"^(?:、|和|及|以及|,|，)$") -> list[int]:
        out = [k]
        j = k
        n = len(self.idx)
        while j + 1 < n and re.match(connectors, self.between(j, j + 1)):
            j += 1
            out.append(j)
        return out


def _rel(s: _Sent, a: int, rel: str, b: int, conf: float, span: tuple[int, int]) -> Relation:
    return {
        "subject_index": s.idx[a],
        "relation": rel,
        "object_index": s.idx[b],
        "confidence": conf,
        "evidence": s.text[span[0] : span[1]].strip(),
        "evidence_start": span[0],
        "evidence_end": span[1],
    }


def _only_of_kind(s: _Sent, title: str) -> int | None:
    """The sentence's only organisation of the kind a bare title names (校长: a university,
    所长: a research institute), when there is exactly one and it is no former post."""
    ends = _KIND_ENDS[title]
    cands = [
        j
        for j in range(len(s.idx))
        if s.label(j) in ORG
        and s.text_of(j).endswith(ends)
        and not s.text_of(j).endswith(_NOT_RESEARCH_SUO)
    ]
    return cands[0] if len(cands) == 1 and not s.former(cands[0]) else None


def _leads(s: _Sent, span: tuple[int, int]) -> list[Relation]:
    out: list[Relation] = []
    led: dict[int, list[int]] = {}
    n = len(s.idx)
    for k in range(n):
        if s.label(k) != "PERSON" or k == 0:
            continue
        gap = s.between(k - 1, k)
        # 海药院院长、欧亚科学院院士杜冠华: an honour from a second organisation in between
        if (
            k >= 2
            and s.label(k - 1) in ORG
            and _HONOUR.match(gap)
            and s.label(k - 2) in ORG
            and _LEAD_TITLE.search(s.between(k - 2, k - 1))
            and s.between(k - 2, k - 1)[-1:] in ("、", ",", "，")
            and "原" not in s.between(k - 2, k - 1)
            and not s.former(k - 2)
        ):
            led[k] = [k - 2]
            out.append(_rel(s, k, "LEADS", k - 2, 0.7, span))
            continue
        # 管委副主任王震、蒲洪强、纪芳: several people under one title
        if gap == "、" and s.label(k - 1) == "PERSON" and led.get(k - 1):
            led[k] = led[k - 1]
            for o in led[k]:
                out.append(_rel(s, k, "LEADS", o, 0.8, span))
            continue
        last = re.split(r"[,，]", gap)[-1]
        bare = last != gap and not _CJK.search(_TITLE_PART.sub("", last))
        if len(gap) > 14 and bare and _TITLE_KIND.search(last) and "原" not in last:
            # "…分别代表两方签署协议,副校长P主持": a bare title after a long clause
            kind = _TITLE_KIND.search(last)
            only = _only_of_kind(s, kind.group(0)) if kind else None
            if only is not None:
                led[k] = [only]
                out.append(_rel(s, k, "LEADS", only, 0.6, span))
            continue
        # a long gap counts only when it is all titles (党委书记、董事局主席、首席执行官P)
        long_gap = len(gap) > 14 and bool(_CJK.search(_TITLE_PART.sub("", gap)))
        if long_gap or not _LEAD_TITLE.search(gap) or "原" in gap or s.former(k - 1):
            continue
        # the title must stand right before the person ("…)主任,管华诗…" is someone else's),
        # and nothing but titles may stand there (…考察交流,学院党总支书记P: 学院 is not ORG)
        if not _LEAD_TITLE.search(last) or (last != gap and _CJK.search(_TITLE_PART.sub("", last))):
            continue
        if s.label(k - 1) in ORG:
            orgs = [k - 1]
            j = k - 1
            while j > 0 and s.label(j - 1) in ORG:
                g = s.between(j - 1, j)
                # 西海岸新区工委区委常委: two government bodies written together
                joint = g == "" and s.label(j - 1) == "GOV" and s.label(j) == "GOV"
                # "工委副书记、管委常务副主任,城阳区委副书记P": titles only (and bare 管委)
                titles_only = len(g) <= 16 and not _CJK.search(
                    _TITLE_PART.sub("", _BARE_BODY.sub("", g))
                )
                if joint or (
                    (len(g) <= 10 or titles_only)
                    and _LEAD_TITLE.search(g)
                    and g[-1] in "、,，"
                    and "原" not in g
                ):
                    orgs.insert(0, j - 1)
                    j -= 1
                else:
                    break
            led[k] = orgs
        elif (
            s.label(k - 1) == "PERSON"
            and led.get(k - 1)
            and gap[:1] in ("、", ",", "，")
            and not _CJK.search(_TITLE_PART.sub("", gap[1:]))
        ):
            # 党委书记张明、校长王强: the same organisation, unless a new one is named;
            # a government post (副市长) does not continue a Party committee (市委常委)
            if not (_GOV_POST.search(gap) and all(s.text_of(o).endswith("委") for o in led[k - 1])):
                led[k] = led[k - 1]
        elif last != gap and not _CJK.search(_TITLE_PART.sub("", last)):
            # "…签署协议,副校长P主持": a bare title, and only one organisation of its kind
            kind = _TITLE_KIND.search(last)
            only = _only_of_kind(s, kind.group(0)) if kind else None
            if only is not None:
                led[k] = [only]
        for o in led.get(k, []):
            out.append(_rel(s, k, "LEADS", o, 0.85, span))
    # "P所长对…表示欢迎,介绍了ORG": a bare title right after the name, and only one
    # organisation of its kind in the sentence
    for k in range(n):
        if s.label(k) != "PERSON" or led.get(k):
            continue
        kind = _TITLE_AFTER.match(s.after(k, 4))
        if kind and not _VISITING.match(s.after(k, 10)[kind.end() :]):
            only = _only_of_kind(s, kind.group(1))
            if only is not None:
                led[k] = [only]
                out.append(_rel(s, k, "LEADS", only, 0.6, span))
    # "任命P为ORG主任": the organisation follows; "P为学术委员会主任": the one named before
    for k in range(n):
        if s.label(k) != "PERSON":
            continue
        if k + 1 < n and s.label(k + 1) in ORG and _APPOINTED.match(s.between(k, k + 1)):
            rest = s.after(k + 1, 24)
            if k + 2 < n and _ALIAS_OPEN.match(s.between(k + 1, k + 2)):
                rest = re.sub(r"^[”’\"）)]+", "", s.after(k + 2, 12))
            if _LEAD_TITLE.match(rest):
                out.append(_rel(s, k, "LEADS", k + 1, 0.75, span))
                continue
        if _COMMITTEE_POST.match(s.after(k, 24)):
            orgs = [j for j in range(k) if s.label(j) in ORG]
            if orgs:
                out.append(_rel(s, k, "LEADS", _alias_left(s, orgs[-1]), 0.6, span))
    # "…其主任分别由 … P1 和 … P2 担任"
    for k in range(n):
        if s.label(k) == "PERSON" and s.after(k, 2) == "担任":
            people = [x for x in s.group_back_any(k) if s.label(x) == "PERSON"]
            first = people[0]
            head = s.text[span[0] : s.ents[s.idx[first]].start_char]
            pos = head.rfind("由")
            if pos < 0 or not _LEAD_TITLE.search(head[max(0, pos - 8) : pos]):
                continue
            cut = span[0] + pos
            orgs = [j for j in range(n) if s.label(j) in ORG and s.ents[s.idx[j]].end_char <= cut]
            if orgs:
                for p in people:
                    out.append(_rel(s, p, "LEADS", orgs[-1], 0.6, span))
    # person 牵头 … PROJECT
    for k in range(n):
        if s.label(k) == "PERSON" and "牵头" in s.after(k, 30):
            for j in range(k + 1, n):
                if s.label(j) == "PROJECT":
                    out.append(_rel(s, k, "LEADS", j, 0.6, span))
                    break
    return out


def _topic(s: _Sent, k: int) -> int | None:
    """The organisation that starts a clause before k and is followed by 与 (the topic of
    "A与B…;与C…")."""
    for j in range(k - 1, -1, -1):
        if s.label(j) not in ORG or not s.between(j, j + 1).startswith("与"):
            continue
        start = s.ents[s.idx[j]].start_char
        head = s.text[max(0, start - 5) : start]
        if j == 0 or re.search(r"[,，;；。:：\n][^,，;；。]{0,4}$", head):
            return j
    return None


def _alias_left(s: _Sent, k: int) -> int:
    """If entity k is an alias inside (以下简称…) right after entity k-1, use k-1."""
    if k > 0:
        g = s.text[s.ents[s.idx[k - 1]].end_char : s.ents[s.idx[k]].start_char]
        if _ALIAS_OPEN.match(g):
            return k - 1
    return k


def _headed_by(s: _Sent, p: int) -> int | None:
    """The organisation right before person p with only titles in between (A校长P), or None."""
    if p == 0 or s.label(p - 1) not in ORG:
        return None
    gap = s.between(p - 1, p)
    if len(gap) > 14 or not _LEAD_TITLE.search(gap) or _CJK.search(_TITLE_PART.sub("", gap)):
        return None
    return p - 1


def _represented_after(s: _Sent, k: int) -> list[int]:
    """ "与B局长Q、C局长R签订": the further organisations each named with its head."""
    out: list[int] = []
    j = k
    n = len(s.idx)
    while (
        j + 2 < n
        and s.label(j + 1) == "PERSON"
        and _headed_by(s, j + 1) == j
        and s.between(j + 1, j + 2) == "、"
        and s.label(j + 2) in PARTY
    ):
        j += 2
        out.append(j)
    return out


def _signed(s: _Sent, span: tuple[int, int]) -> list[Relation]:
    out = []
    n = len(s.idx)
    for k in range(1, n):
        g = s.between(k - 1, k)
        left = k - 1
        # "A与B和C两大央企签署…": B and C are both A's partners, not each other's
        if (
            g in ("和", "同")
            and (_SIGN.search(s.after(k, 16)) or _SIGN_ON.match(s.after(k, 60)))
            and not (left > 0 and s.between(left - 1, left) == "与")
        ):
            g = "与"
        # "A与B…;与C签订…": the clause's subject is left out; it is the topic A
        if g != "与" and re.search(r"[;；]与$", g) and _SIGN.search(s.after(k, 16)):
            topic = _topic(s, k)
            if topic is None:
                continue
            g, left = "与", topic
        if g != "与":
            if re.match(r"^[)）”’\"]*与$", g) and left > 0:
                left = _alias_left(s, left)
            elif not _WITH.match(g):
                continue
        # "A校长P与B局长Q签订…": the people sign for the organisations they head
        if s.label(left) == "PERSON":
            held = _headed_by(s, left)
            if held is None:
                continue
            left = held
        lefts = [x for x in s.group_back(left, None, "、") if s.label(x) in PARTY]
        rights = [x for x in s.group_fwd(k, r"^(?:、|和|及|以及)$") if s.label(x) in PARTY]
        rights += _represented_after(s, k) if s.label(k) in PARTY else []
        if (
            rights
            and _COOP_BEFORE.match(s.after(rights[-1], 6))
            and not _COOP_AGREEMENT.match(s.after(rights[-1], 8))
        ):
            continue  # "A与B共建的…中心签约揭牌": cooperation, not the signing parties
        # "…签订战略合作协议,开展全面合作": a cooperation stated besides the agreement
        clause = re.split(r"[;；。]", s.after(rights[-1], 60))[0] if rights else ""
        coop = bool(_SIGN.search(clause) and _COOP_ALSO.search(clause))
        for a in lefts:
            for b in rights:
                out.append(_rel(s, a, "SIGNED", b, 0.8, span))
                if coop:
                    out.append(_rel(s, a, "COOPERATES_WITH", b, 0.65, span))
    # "A、B、C战略合作框架协议签约": every pair of the listed parties
    k = 0
    while k < n:
        group = s.group_fwd(k, r"^(?:、|和|及|以及)$")
        last = group[-1]
        parties = [x for x in group if s.label(x) in ORG]
        # "A、B、C共建D签约仪式": D is a party too (and 共建 is not a separate cooperation)
        if (
            len(parties) >= 2
            and last + 1 < n
            and s.label(last + 1) in ORG
            and _JOINT_BUILD.match(s.between(last, last + 1))
            and _SIGN.match(s.after(last + 1, 2))
        ):
            parties.append(last + 1)
            last += 1
        before = s.text[max(span[0], s.ents[s.idx[k]].start_char - 1) : s.ents[s.idx[k]].start_char]
        tail = s.after(last, 40)
        if (
            len(parties) >= 2
            and before != "与"
            and _SIGN_AFTER.match(tail)
            and not _SEPARATE_SIGNINGS.match(tail)
        ):
            for i, a in enumerate(parties):
                for b in parties[i + 1 :]:
                    out.append(_rel(s, a, "SIGNED", b, 0.7, span))
        k = last + 1
    return out


def _cooperates(s: _Sent, span: tuple[int, int]) -> list[Relation]:
    out = []
    n = len(s.idx)
    done: set[tuple[int, int]] = set()

    def add(a: int, b: int, conf: float) -> None:
        if a != b and (a, b) not in done and (b, a) not in done:
            done.add((a, b))
            out.append(_rel(s, a, "COOPERATES_WITH", b, conf, span))

    joined: set[int] = set()  # partners an earlier organisation joins (…联合B、C…共同组建)
    for k in range(n):
        if s.label(k) not in ORG:
            continue
        after = s.after(k, 6)
        nxt = s.between(k, k + 1) if k + 1 < n else ""
        # "A联合B、C", "由A控股,联合B、C…共同出资" and "由A牵头,联合B、C等…及D" (the holder or
        # leader joins the others)
        if nxt == "联合" or _LEAD_JOINS.match(nxt):
            for b in s.group_fwd(k + 1, _JOINED_LIST):
                if s.label(b) in ORG:
                    add(k, b, 0.7)
                    joined.add(b)
        elif k not in joined and (counted := _COOP_COUNTED.match(s.after(k, 14))):
            # a counted list: every pair of 三方共建, but the first member of 等12家企业联合…
            # with each other one (not every pair of a list that may be long)
            grp = [x for x in s.group_back(k) if s.label(x) in ORG]
            star = counted.group(0).startswith("等")
            for i, a in enumerate(grp):
                for b in grp[i + 1 :] if not star or i == 0 else []:
                    add(a, b, 0.65)
        elif k not in joined and (
            _COOP_BEFORE.match(after)
            and not (
                _COOP_AGREEMENT.match(after + s.after(k, 8)[6:]) and _SIGN.search(s.after(k, 40))
            )
            and not (
                k + 1 < n
                and s.label(k + 1) in ORG
                and _JOINT_BUILD.match(s.between(k, k + 1))
                and _SIGN.match(s.after(k + 1, 2))
            )
        ):
            grp = [x for x in s.group_back(k) if s.label(x) in ORG]
            if len(grp) < 2:
                # A与B共建
                if k > 0 and s.between(k - 1, k) == "与" and s.label(k - 1) in ORG:
                    add(k - 1, k, 0.7)
                # A、B高度重视与C共同…: every member of the list before the gap
                elif (
                    k > 0
                    and _COOP_GAP_YU.match(s.between(k - 1, k))
                    and len(s.between(k - 1, k)) > 1
                ):
                    for a in s.group_back(k - 1):
                        if s.label(a) in ORG:
                            add(a, k, 0.6)
                continue
            for i, a in enumerate(grp):
                for b in grp[i + 1 :]:
                    add(a, b, 0.7)
    # "A与B紧紧围绕…,在PARK共建X": A and B at the sentence's start build something together
    for k in range(n - 1):
        if s.label(k) not in PARTY or s.label(k + 1) not in PARTY or s.between(k, k + 1) != "与":
            continue
        lead = s.text[span[0] : s.ents[s.idx[k]].start_char].strip()
        if lead and lead[-1] not in ",，;；:：":
            continue  # the pair must open a clause
        if _COOP_FAR.match(s.after(k + 1, 70)) and not _COOP_BEFORE.match(s.after(k + 1, 6)):
            add(k, k + 1, 0.55)
    # "A与B、C等…建立了…合作关系": A cooperates with each listed organisation
    for k in range(n - 1):
        if s.label(k) not in ORG or s.between(k, k + 1) != "与":
            continue
        members = [b for b in s.group_fwd(k + 1, r"^(?:、|和|及|以及)$") if s.label(b) in PARTY]
        tail = s.after(members[-1], 44) if members else ""
        if members and _COOP_AFTER_LIST.match(tail) and not _SIGN.search(tail[:30]):
            for b in members:
                add(k, b, 0.65)
    return out


def _develops(s: _Sent, span: tuple[int, int]) -> list[Relation]:
    out = []
    n = len(s.idx)
    for k in range(n):
        if s.label(k) not in ORG:
            continue
        after = s.after(k, 14)
        m = _DEV.search(after)
        if not m or not _DEV_GAP.match(after[: m.start()]):
            continue
        subjects = [x for x in s.group_back(k) if s.label(x) in ORG]
        # "A与B合作研发…": both develop it
        if (
            k > 0
            and s.between(k - 1, k) == "与"
            and s.label(k - 1) in ORG
            and after.startswith(("合作", "联合", "共同"))
        ):
            subjects.insert(0, k - 1)
        objects = []
        for j in range(k + 1, n):
            # the product is named in the verb's clause ("A研发了X", "A研发的“X”…")
            if re.search(
                r"[,，;；]",
                s.text[s.ents[s.idx[k]].end_char + m.end() : s.ents[s.idx[j]].start_char],
            ):
                break
            if s.label(j) == "PRODUCT":
                objects.append(j)
                while j + 1 < n and s.label(j + 1) == "PRODUCT" and len(s.between(j, j + 1)) <= 1:
                    j += 1
                    objects.append(j)
                break
            if "。" in s.between(k, j):
                break
        for a in subjects:
            for b in objects:
                out.append(_rel(s, a, "DEVELOPS", b, 0.75, span))
    # "“X”2020年12月在A启动建造": the yard where the product is built develops it
    for k in range(1, n):
        if s.label(k) not in ORG or not _BUILT_AT.match(s.after(k, 8)):
            continue
        if not s.text[: s.ents[s.idx[k]].start_char].endswith("在"):
            continue
        if s.label(k - 1) == "PRODUCT" and not re.search(r"[,，;；。]", s.between(k - 1, k)):
            out.append(_rel(s, k, "DEVELOPS", k - 1, 0.65, span))
    # "“X”大模型由A发布": the developer after the product
    for k in range(1, n):
        if s.label(k) not in ORG or s.label(k - 1) != "PRODUCT":
            continue
        if _DEV_PASSIVE.match(s.between(k - 1, k)) and _DEV_AFTER.match(s.after(k, 8)):
            out.append(_rel(s, k, "DEVELOPS", k - 1, 0.7, span))
    return out


_LOC_SUBJ = {"FIRM", "INSTITUTE", "PROJECT"}
_ADVERBS = (
    r"(?:将|已|已经|正式|先后|均|相继|陆续|分别|拟|计划|成功|也|都|率先|首批|正|正在|共|签约|集中)*"
)
# between the last subject and the park: "…、C等项目将落户PARK", "…已入驻PARK"
_LOC_BEFORE = re.compile(
    r"^(?:、[^,，。;；:：、]{1,25})*(?:等[^,，。;；]{0,24})?"
    + _ADVERBS
    + r"(?:落户|入驻|落地|进驻|位于|坐落于?|设在|扎根|选址|搬迁至|迁入)(?:在|于|到|至)?$"
    # "X项目总投资约50亿元,选址位于PARK"
    + r"|^(?:项目)?(?:计划)?(?:总投资|投资)[^,，。;；]{0,14}[,，](?:项目)?(?:选址|拟选址)?"
    + r"(?:位于|落户|设在|坐落于)$"
    # "X位于青岛市西南端的PARK": a short description of where the park is
    + r"|^(?:位于|地处|坐落于)[^,，。;；、]{1,12}的$"
)
# "A、B等16所高校在PARK设立校区"
_LOC_AT = re.compile(
    r"^(?:、[^,，。;；:：、]{1,25})*(?:等[^,，。;；]{0,14})?" + _ADVERBS + r"(?:在|于)$"
)
_LOC_AFTER = re.compile(
    r"^(?:设立|落户|入驻|建设|布局|成立|设有|建立|打造|落地|(?:巍然)?崛起|扎根|开工|奠基|动工|开建)"
)
# members of a list: plain connectors, unrecognised items, or "等27个科研机构,以及"
_ITEMS_GAP = re.compile(
    r"^(?:、|和|及|以及|,|，)$|^(?:(?:和|及|以及)[^,，。;；:：、]{1,25})?(?:、[^,，。;；:：、]{1,25})*、$"
)
_GROUP_GAP = re.compile(r"^等[^,，。;；]{0,20}[,，、;；](?:以及|和|及)?$")
_HOST_WINDOW = 80


def _list_back(s: _Sent, k: int) -> list[int]:
    out = [k]
    j = k
    while j > 0 and _ITEMS_GAP.match(s.between(j - 1, j)):
        j -= 1
        out.append(j)
    out.reverse()
    return out


def _list_fwd(s: _Sent, k: int) -> list[int]:
    out = [k]
    j = k
    while j + 1 < len(s.idx):
        g = s.between(j, j + 1)
        if not (_ITEMS_GAP.match(g) or _GROUP_GAP.match(g)) or s.label(j + 1) == "PARK":
            break
        j += 1
        out.append(j)
    return out


def _located(s: _Sent, span: tuple[int, int]) -> list[Relation]:
    out = []
    n = len(s.idx)
    for k in range(n):
        if s.label(k) != "PARK":
            continue
        # skip amounts between the subjects and the park: "…等总投资69亿元的10个项目签约落户PARK"
        j = k - 1
        while j >= 0 and s.label(j) in ("MONEY", "QUANTITY"):
            j -= 1
        before = s.between(j, k) if j >= 0 else ""
        after = s.after(k, 4)
        # 在位于PARK(的)X: the entity right after the park is in it
        first = k  # 坐落于A B内的X: parks written one after another
        while first > 0 and s.label(first - 1) == "PARK" and s.between(first - 1, first) == "":
            first -= 1
        if (
            k + 1 < n
            and s.text[
                max(span[0], s.ents[s.idx[first]].start_char - 3) : s.ents[s.idx[first]].start_char
            ].endswith(("位于", "落于", "落在", "地处", "户于", "户在", "设在"))
            and s.between(k, k + 1) in ("", "的", "内的", "里的")
            and s.label(k + 1) in _LOC_SUBJ
        ):
            for park in range(first, k + 1):
                out.append(_rel(s, k + 1, "LOCATED_IN", park, 0.7, span))
            continue
        # "X由A搬迁至B": the old site A stands between the subject and the new park
        if (
            j > 0
            and s.label(j) == "PARK"
            and re.match(r"^(?:将|已|正式)?(?:搬迁|迁)至$", before)
            and s.between(j - 1, j) == "由"
            and s.label(j - 1) in _LOC_SUBJ
        ):
            out.append(_rel(s, j - 1, "LOCATED_IN", k, 0.65, span))
            continue
        # A、B等项目将落户PARK  /  A、B等16所高校在PARK设立
        if j >= 0 and (
            _LOC_BEFORE.match(before) or (_LOC_AT.match(before) and _LOC_AFTER.match(after))
        ):
            for a in _list_back(s, j):
                if s.label(a) in _LOC_SUBJ:
                    out.append(_rel(s, a, "LOCATED_IN", k, 0.75, span))
            continue
        # PARK …拥有/已聚集/引进 A、B等…, C等…
        park_end = s.ents[s.idx[k]].end_char
        for j in range(k + 1, n):
            g = s.between(j - 1, j)
            if s.ents[s.idx[j]].start_char - park_end > _HOST_WINDOW:
                break
            # "PARK已入驻A、B等…": right after the park, the park is the host
            hosted = j == k + 1 and _PARK_HOSTS.match(g)
            if (hosted or _HOST_TRIG.search(g)) and not re.search(r"[;；]", g):
                # 从德国引进: brought from elsewhere; 引进了A的生产线: something of A's, not A
                for b in _list_fwd(s, j) if not _BROUGHT_FROM.search(g) else []:
                    if s.label(b) in _LOC_SUBJ and s.after(b, 1) != "的":
                        out.append(_rel(s, b, "LOCATED_IN", k, 0.7, span))
                break
            if s.label(j) in ORG or s.label(j) == "PARK":
                break  # an organisation of its own: what it brings in is its own doing
    return out


_FRONT_LOC = re.compile(r"(?:选择|决定|已|先后|相继)?(?:落户|入驻|进驻)$")


def _fronted_located(s: _Sent, span: tuple[int, int]) -> list[Relation]:
    """ "选择落户PARK、入驻PARK2,FIRM有自己的考量": the subject after the fronted clause."""
    out = []
    n = len(s.idx)
    for j in range(1, n):
        if s.label(j) not in _LOC_SUBJ or s.between(j - 1, j) not in (",", "，"):
            continue
        parks = list(range(j))
        if any(s.label(p) != "PARK" for p in parks):
            break
        first = s.ents[s.idx[0]].start_char
        if not _FRONT_LOC.search(s.text[span[0] : first].strip()):
            break
        for p in parks:
            lead = s.text[
                max(span[0], s.ents[s.idx[p]].start_char - 3) : s.ents[s.idx[p]].start_char
            ]
            if _FRONT_LOC.search(lead) or lead.endswith("、"):
                out.append(_rel(s, j, "LOCATED_IN", p, 0.7, span))
        break
    return out


_JOINT_INVEST = re.compile(r"^(?:共同|联合)(?:出资|投资)")


def _invests(s: _Sent, span: tuple[int, int]) -> list[Relation]:
    out = []
    n = len(s.idx)
    for k in range(n - 1):
        if (
            s.label(k) in ORG
            and s.label(k + 1) in {"PROJECT", "PARK"}
            and _INVEST.match(s.between(k, k + 1))
        ):
            out.append(_rel(s, k, "INVESTS_IN", k + 1, 0.7, span))
        # "A将在PARK投资建设X项目": a park (or nothing) may stand between
        elif s.label(k) in ORG:
            for j in range(k + 1, min(n, k + 3)):
                if s.label(j) in {"PROJECT", "PARK"} and _INVEST_VIA.match(
                    s.text[s.ents[s.idx[k]].end_char : s.ents[s.idx[j]].start_char]
                ):
                    out.append(_rel(s, k, "INVESTS_IN", j, 0.65, span))
                    break
        # "X项目,位于PARK,由A、B和C共同出资18亿元建设": every investor of the list
        if s.label(k) == "PROJECT":
            for j in range(k + 1, min(n, k + 3)):
                lead = s.text[s.ents[s.idx[j - 1]].end_char : s.ents[s.idx[j]].start_char]
                if s.label(j) in ORG and lead.endswith("由") and len(lead) <= 12:
                    grp = [x for x in s.group_fwd(j, r"^(?:、|和|及|以及)$") if s.label(x) in ORG]
                    if len(grp) > 1 and _JOINT_INVEST.match(s.after(grp[-1], 8)):
                        out += [_rel(s, x, "INVESTS_IN", k, 0.65, span) for x in grp]
                    break
        # "X项目由A投资建设": the investor after the project
        if (
            s.label(k) in {"PROJECT", "PARK"}
            and s.label(k + 1) in ORG
            and s.between(k, k + 1) in ("由", ",由", "，由")
            and _INVEST_AFTER.match(s.after(k + 1, 6))
        ):
            out.append(_rel(s, k + 1, "INVESTS_IN", k, 0.7, span))
    for k in range(n):
        # "A投资21亿元建设X项目", "A斥资8亿元打造X": an amount may stand between
        if s.label(k) in ORG:
            j = k + 1
            while j < n and s.label(j) in ("MONEY", "QUANTITY"):
                j += 1
            gap = s.text[s.ents[s.idx[k]].end_char : s.ents[s.idx[j]].start_char] if j < n else ""
            if j < n and s.label(j) in {"PROJECT", "PARK"} and _SPEND_ON.match(gap):
                out.append(_rel(s, k, "INVESTS_IN", j, 0.65, span))
        # "X项目位于…,由A投资建设": the project named earlier in the sentence
        if (
            s.label(k) in ORG
            and k > 0
            and re.search(r"[,，]由$", s.between(k - 1, k))  # a clause of its own subject
            and _INVEST_AFTER.match(s.after(k, 6))
            and s.label(k - 1) not in {"PROJECT", "PARK"}
        ):
            earlier = [j for j in range(k) if s.label(j) == "PROJECT"]
            if earlier:
                out.append(_rel(s, k, "INVESTS_IN", earlier[-1], 0.6, span))
    return out


def find_relations(text: str, ents: Sequence[EntityLike]) -> list[Relation]:
    out: list[Relation] = []
    order = sorted(range(len(ents)), key=lambda i: ents[i].start_char)
    pos = 0
    for start, end in sentences(text):
        idx = []
        while pos < len(order) and ents[order[pos]].start_char < end:
            if ents[order[pos]].start_char >= start:
                idx.append(order[pos])
            pos += 1
        if len(idx) < 2:
            continue
        s = _Sent(text, idx, ents)
        stext = text[start:end]
        span = (start, end)
        out += _leads(s, span)
        if _SIGN.search(stext):
            out += _signed(s, span)
        out += _cooperates(s, span)
        out += _develops(s, span)
        out += _located(s, span)
        out += _fronted_located(s, span)
        out += _invests(s, span)
    seen: set[tuple[int, str, int]] = set()
    uniq = []
    for r in out:
        key = (r["subject_index"], r["relation"], r["object_index"])
        if key not in seen and r["subject_index"] != r["object_index"]:
            seen.add(key)
            uniq.append(r)
    return uniq

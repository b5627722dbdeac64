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
_ALIAS_GAP = re.compile(r"^[(（]以下简称.{0,14}[)）]$")
_LEAD_TITLE = re.compile(
    r"书记|校长|院长|所长|主任|局长|厅长|董事长|总经理|总裁|理事长|执行干事|常委|党组成员|秘书长|"
    r"省长|市长|区长|县长|主席|部长(?!助理)|主持工作"
)
_SIGN = re.compile(r"签约|签订|签署")
_COOP_BEFORE = re.compile(r"^(?:正在)?(?:共建|合作|联合|共同|筹建)")
_DEV = re.compile(r"研发|开发|发布|推出|建造|研制")
_DEV_GAP = re.compile(r"^(?:自主|联合|共同|投资|独立|合作)?$")
_LOC_TRIG = re.compile(r"落户|入驻|位于|设立|布局")
_HOST_TRIG = re.compile(r"(?:已|已经)?(?:拥有|集聚|聚集|汇聚|引进)(?:了)?$")
_INVEST = re.compile(r"^投资(?:建设|兴建)?(?:的)?$")

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


def _leads(s: _Sent, span: tuple[int, int]) -> list[Relation]:
    out: list[Relation] = []
    led: dict[int, list[int]] = {}
    n = len(s.idx)
    for k in range(n):
        if s.label(k) != "PERSON" or k == 0:
            continue
        gap = s.between(k - 1, k)
        if len(gap) > 14 or not _LEAD_TITLE.search(gap) or "原" in gap:
            continue
        if s.label(k - 1) in ORG:
            orgs = [k - 1]
            j = k - 1
            while j > 0 and s.label(j - 1) in ORG:
                g = s.between(j - 1, j)
                if len(g) <= 10 and _LEAD_TITLE.search(g) and g[-1] in "、,，" and "原" not in g:
                    orgs.insert(0, j - 1)
                    j -= 1
                else:
                    break
            led[k] = orgs
        elif s.label(k - 1) == "PERSON" and led.get(k - 1) and gap[:1] in ("、", ",", "，"):
            led[k] = led[k - 1]
        for o in led.get(k, []):
            out.append(_rel(s, k, "LEADS", o, 0.85, span))
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


def _alias_left(s: _Sent, k: int) -> int:
    """If entity k is an alias inside (以下简称…) right after entity k-1, use k-1."""
    if k > 0:
        g = s.text[s.ents[s.idx[k - 1]].end_char : s.ents[s.idx[k]].start_char]
        if g.startswith(("(以下简称", "（以下简称")):
            return k - 1
    return k


def _signed(s: _Sent, span: tuple[int, int]) -> list[Relation]:
    out = []
    n = len(s.idx)
    for k in range(1, n):
        g = s.between(k - 1, k)
        left = k - 1
        if g != "与":
            m = re.match(r"^[)）”’\"]*与$", g)
            if not (m and left > 0):
                continue
            left = _alias_left(s, left)
        lefts = [x for x in s.group_back(left, None, "、") if s.label(x) in PARTY]
        rights = [x for x in s.group_fwd(k, r"^(?:、|和|及|以及)$") if s.label(x) in PARTY]
        for a in lefts:
            for b in rights:
                out.append(_rel(s, a, "SIGNED", b, 0.8, span))
    return out


def _cooperates(s: _Sent, span: tuple[int, int]) -> list[Relation]:
    out = []
    n = len(s.idx)
    done: set[tuple[int, int]] = set()

    def add(a: int, b: int, conf: float) -> None:
        if a != b and (a, b) not in done and (b, a) not in done:
            done.add((a, b))
            out.append(_rel(s, a, "COOPERATES_WITH", b, conf, span))

    for k in range(n):
        if s.label(k) not in ORG:
            continue
        after = s.after(k, 6)
        nxt = s.between(k, k + 1) if k + 1 < n else ""
        if nxt.startswith("联合") and nxt == "联合":
            # A联合B、C…
            for b in s.group_fwd(k + 1, r"^(?:、|和|及|以及)$"):
                if s.label(b) in ORG:
                    add(k, b, 0.7)
        elif _COOP_BEFORE.match(after):
            grp = [x for x in s.group_back(k) if s.label(x) in ORG]
            if len(grp) < 2:
                # A与B共建
                if k > 0 and s.between(k - 1, k) == "与" and s.label(k - 1) in ORG:
                    add(k - 1, k, 0.7)
                continue
            for i, a in enumerate(grp):
                for b in grp[i + 1 :]:
                    add(a, b, 0.7)
    return out


def _develops(s: _Sent, span: tuple[int, int]) -> list[Relation]:
    out = []
    n = len(s.idx)
    for k in range(n):
        if s.label(k) not in ORG:
            continue
        after = s.after(k, 10)
        m = _DEV.search(after)
        if not m or not _DEV_GAP.match(after[: m.start()]):
            continue
        subjects = [x for x in s.group_back(k) if s.label(x) in ORG]
        objects = []
        for j in range(k + 1, n):
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
    return out


_LOC_SUBJ = {"FIRM", "INSTITUTE", "PROJECT"}


def _located(s: _Sent, span: tuple[int, int]) -> list[Relation]:
    out = []
    n = len(s.idx)
    for k in range(n):
        if s.label(k) != "PARK":
            continue
        before = s.between(k - 1, k) if k > 0 else ""
        after = s.after(k, 4)
        # A、B等项目将落户PARK  /  A、B等16所高校在PARK设立
        if k > 0 and (
            (_LOC_TRIG.search(before[-4:]) and len(before) <= 12)
            or (re.search(r"在$", before) and _LOC_TRIG.match(after) and len(before) <= 12)
        ):
            grp = [x for x in s.group_back(k - 1) if s.label(x) in _LOC_SUBJ]
            for a in grp:
                out.append(_rel(s, a, "LOCATED_IN", k, 0.75, span))
            continue
        # PARK …拥有/已聚集 A、B
        for j in range(k + 1, n):
            if s.label(j) == "PARK":
                break
            g = s.between(j - 1, j)
            if (
                _HOST_TRIG.search(g)
                and len(s.text[s.ents[s.idx[k]].end_char : s.ents[s.idx[j]].start_char]) <= 30
            ):
                for b in s.group_fwd(j):
                    if s.label(b) in _LOC_SUBJ:
                        out.append(_rel(s, b, "LOCATED_IN", k, 0.7, span))
                break
    return out


def _invests(s: _Sent, span: tuple[int, int]) -> list[Relation]:
    out = []
    for k in range(len(s.idx) - 1):
        if (
            s.label(k) in ORG
            and s.label(k + 1) in {"PROJECT", "PARK"}
            and _INVEST.match(s.between(k, k + 1))
        ):
            out.append(_rel(s, k, "INVESTS_IN", k + 1, 0.7, span))
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
        else:
            out += _cooperates(s, span)
        out += _develops(s, span)
        out += _located(s, span)
        out += _invests(s, span)
    seen: set[tuple[int, str, int]] = set()
    uniq = []
    for r in out:
        key = (r["subject_index"], r["relation"], r["object_index"])
        if key not in seen and r["subject_index"] != r["object_index"]:
            seen.add(key)
            uniq.append(r)
    return uniq

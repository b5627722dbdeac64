"""Document ingest: news and policy texts → Document nodes, mentions, candidates, relations.

``ingest_documents(store, paths, run_id)`` reads .txt, .md and .html files (standard library
only), runs the NLP pipeline with a gazetteer exported from the graph, links mentions to
existing nodes (exact name/alias, then normalised name), turns unlinked mentions into
``Candidate`` nodes for review, and writes relations between linked nodes with
``observed = false``. Every written fact keeps the document id, the character offsets into the
document's text and the evidence sentence.

Idempotent by content hash: a document whose ``doc:<sha256>`` id is already in the graph is
skipped as a whole, so ingesting it again changes nothing.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from oceanbrain.graph.documents import (
    allowed,
    document_exists,
    existing_candidates,
    export_gazetteer,
    write_document,
)
from oceanbrain.graph.store import GraphStore
from oceanbrain.ingest.rejects import Reject
from oceanbrain.ingest.report import SourceReport
from oceanbrain.ingest.values import ValueProblem, parse_date, stable_id
from oceanbrain.nlp.gazetteer import Gazetteer
from oceanbrain.nlp.link import Linker, to_nlp_gazetteer_rows
from oceanbrain.nlp.relations import sentences

FORMATS = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".html": "html"}
FORMATS[".htm"] = "html"

# NLP relation → (graph type, reversed?): the graph stores INVESTED_BY/DEVELOPED_BY the other way
RELATION_TYPES: dict[str, tuple[str, bool]] = {
    "LOCATED_IN": ("IN_PARK", False),
    "INVESTS_IN": ("INVESTED_BY", True),
    "SIGNED": ("SIGNED_WITH", False),
    "COOPERATES_WITH": ("COOPERATES_WITH", False),
    "DEVELOPS": ("DEVELOPED_BY", True),
    "LEADS": ("LEADS", False),
}


@dataclass(frozen=True)
class TextDocument:
    path: str
    text: str  # the text the offsets index
    sha256: str
    format: str
    title: str | None = None
    url: str | None = None
    published: str | None = None

    @property
    def id(self) -> str:
        return f"doc:{self.sha256}"


# -- reading ----------------------------------------------------------------------------------
_FRONT = re.compile(r"\A---\r?\n(.*?)\r?\n---\r?\n", re.S)
_FRONT_FIELD = re.compile(r"^(title|url|source_url|date|published)\s*:\s*(.+?)\s*$", re.M)


class _HTMLText(HTMLParser):
    """Visible text of an HTML page, block elements as line breaks; title, url and date."""

    BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section"}
    BLOCKS |= {"article", "header", "footer", "blockquote", "pre", "table", "ul", "ol"}
    SKIP = {"script", "style", "noscript", "template", "head"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title_parts: list[str] = []
        self.skip = 0
        self.in_title = False
        self.meta: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "title":
            self.in_title = True
        elif tag in self.SKIP:
            self.skip += 1
        elif tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key and a.get("content"):
                self.meta.setdefault(key, a["content"].strip())
        elif tag == "link" and "canonical" in a.get("rel", "").lower() and a.get("href"):
            self.meta.setdefault("canonical", a["href"].strip())
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        elif tag in self.SKIP and self.skip:
            self.skip -= 1
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title_parts.append(data)
        elif not self.skip:
            self.parts.append(data)

    def text(self) -> str:
        raw = "".join(self.parts)
        lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in raw.splitlines()]
        return "\n".join(line for line in lines if line)


def _date(raw: str | None) -> str | None:
    if not raw:
        return None
    m = re.search(r"(\d{4})[-/年.](\d{1,2})[-/月.](\d{1,2})", raw)
    if not m:
        return None
    try:
        return parse_date(f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}")
    except ValueProblem:
        return None


def read_document(path: Path) -> TextDocument:
    """Read a .txt/.md/.html file; raises OSError/UnicodeDecodeError/ValueError when it cannot."""
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise ValueError(f"unsupported file type {path.suffix!r}")
    raw = path.read_bytes()
    sha = hashlib.sha256(raw).hexdigest()
    content = raw.decode("utf-8-sig")
    title = url = published = None
    if fmt == "html":
        parser = _HTMLText()
        parser.feed(content)
        parser.close()
        text = parser.text()
        title = " ".join("".join(parser.title_parts).split()) or None
        meta = parser.meta
        url = meta.get("canonical") or meta.get("og:url")
        for key in ("article:published_time", "pubdate", "publishdate", "date", "datepublished"):
            published = published or _date(meta.get(key))
    else:
        text = content
        front = _FRONT.match(content) if fmt == "md" else None
        if front:
            fields = dict(_FRONT_FIELD.findall(front.group(1)))
            title = fields.get("title", "").strip("\"'") or None
            url = fields.get("url") or fields.get("source_url")
            published = _date(fields.get("date") or fields.get("published"))
            text = content[front.end() :]
        if title is None:
            first = next((line.strip() for line in text.splitlines() if line.strip()), "")
            title = first.lstrip("# ").strip()[:80] or None
    return TextDocument(str(path), text, sha, fmt, title, url, published)


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Files as given, and the supported files inside given directories (sorted)."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out += sorted(f for f in p.rglob("*") if f.suffix.lower() in FORMATS and f.is_file())
        else:
            out.append(p)
    return out


# -- extraction → rows ------------------------------------------------------------------------
def _sentence_of(bounds: list[tuple[int, int]], start: int) -> tuple[int, int]:
    for s, e in bounds:
        if s <= start < e:
            return s, e
    return 0, 0


def document_rows(
    doc: TextDocument, extracted: dict[str, list[dict[str, Any]]], linker: Linker, store: Any
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """(mentions, candidates, relations) rows for :func:`write_document`."""
    text = doc.text
    bounds = sentences(text)
    mentions: list[dict[str, Any]] = []
    candidates: dict[str, dict[str, Any]] = {}
    targets: list[tuple[str, str] | None] = []  # per entity: (node id, label) if linked
    for ent in extracted["entities"]:
        etype, surface = ent["type"], ent["text"]
        link = linker.link(surface, etype)
        if link is not None:
            node_id, label = link.node_id, link.label
            targets.append((node_id, label))
        else:
            targets.append(None)
            cand = linker.candidate(surface, etype)
            if cand is None:
                continue
            node_id, label = cand.id, "Candidate"
            candidates.setdefault(
                cand.id, {"id": cand.id, "name": cand.name, "type": cand.type, "confidence": 0.5}
            )
        s, e = _sentence_of(bounds, ent["start"])
        mentions.append(
            {
                "to": node_id,
                "label": label,
                "start": ent["start"],
                "stop": ent["end"],
                "text": surface,
                "type": etype,
                "evidence": text[s:e].strip(),
                "confidence": 1.0 if link is not None and link.method == "exact" else 0.8,
            }
        )
    relations: list[dict[str, Any]] = []
    seen: set[tuple[str, str, str]] = set()
    for r in extracted["relations"]:
        a, b = targets[r["subject_index"]], targets[r["object_index"]]
        mapped = RELATION_TYPES.get(r["relation"])
        if a is None or b is None or mapped is None or a[0] == b[0]:
            continue
        rel_type, flip = mapped
        if flip:
            a, b = b, a
        if not allowed(store, rel_type, a[1], b[1]) or (rel_type, a[0], b[0]) in seen:
            continue
        seen.add((rel_type, a[0], b[0]))
        relations.append(
            {
                "type": rel_type,
                "from": a[0],
                "from_label": a[1],
                "to": b[0],
                "to_label": b[1],
                "confidence": r["confidence"],
                "evidence": r["evidence"],
                "evidence_start": r["evidence_start"],
                "evidence_end": r["evidence_end"],
            }
        )
    return mentions, list(candidates.values()), relations


def ingest_documents(store: GraphStore, paths: list[Path], run_id: str) -> SourceReport:
    """Read, extract, link and write each document; a document already present is skipped."""
    from oceanbrain.nlp.extract import extract
    from oceanbrain.nlp.pipeline import build_pipeline

    began = time.perf_counter()
    report = SourceReport(source="documents", kind="documents")
    files = expand_paths(paths)
    mapping = export_gazetteer(store)
    linker = Linker(mapping)
    nlp = build_pipeline(Gazetteer.from_rows(to_nlp_gazetteer_rows(mapping)))
    seen_ids: set[str] = set()
    for path in files:
        try:
            doc = read_document(path)
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            report.rejects.append(_reject(path, exc))
            report.add("Document", "rejected")
            continue
        if doc.id in seen_ids or document_exists(store, doc.id):
            report.add("Document", "unchanged")
            continue
        seen_ids.add(doc.id)
        extracted = extract(doc.text, nlp)
        mentions, candidates, relations = document_rows(doc, extracted, linker, store)
        known = existing_candidates(store, [c["id"] for c in candidates])
        source = _source_row(doc)
        document = {
            "id": doc.id,
            "title": doc.title,
            "url": doc.url,
            "published": doc.published,
            "path": doc.path,
            "format": doc.format,
            "chars": len(doc.text),
        }
        counts = write_document(store, document, source, mentions, candidates, relations, run_id)
        for label, n in counts.items():
            if label == "Candidate":
                report.add(label, "created", n - len(known))
                report.add(label, "unchanged", len(known))
            else:
                report.add(label, "created", n)
    report.seconds = time.perf_counter() - began
    return report


def _source_row(doc: TextDocument) -> dict[str, Any]:
    if doc.url:
        sid, kind, where = stable_id("src:web", doc.url), "web", doc.url
    else:
        sid, kind, where = stable_id("src:file", doc.path), "file", doc.path
    return {"id": sid, "kind": kind, "url": where, "title": doc.title, "retrieved": doc.published}


def _reject(path: Path, exc: Exception) -> Reject:
    if isinstance(exc, UnicodeDecodeError):
        zh, en = "文件不是 UTF-8 编码", f"not UTF-8 text ({exc.reason} at byte {exc.start})"
    elif isinstance(exc, ValueError):
        zh = f"不支持的文件类型（支持 {', '.join(sorted(FORMATS))}）"
        en = f"{exc}; supported: {', '.join(sorted(FORMATS))}"
    else:
        zh, en = "无法读取文件", f"cannot read the file: {exc}"
    return Reject(str(path), 0, "", path.suffix, zh, en, severity="file")

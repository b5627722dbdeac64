"""The per-row work on an enterprise export that needs no graph: convert, hash, classify.

This is most of an export's CPU time, and rows do not depend on each other here, so it can run
in worker processes (``[job] workers``) while the main process resolves firm ids and writes
the previous chunk. The main process uses the results in row order, so rejects, duplicates and
the graph are the same as when everything runs inline.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
import time
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from oceanbrain.ingest.config import EnterpriseExportSource
from oceanbrain.ingest.rejects import Reject
from oceanbrain.ingest.sources.enterprise_export import ExportedFirm, RowConverter

RawRow = tuple[int, list[str], str]  # (row number, cells, hash of the raw cells)


def fingerprint(value: Any) -> str:
    """A short, stable hash of a JSON-able value (key order does not matter)."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.blake2b(text.encode(), digest_size=10).hexdigest()


def firm_props(firm: ExportedFirm, source: EnterpriseExportSource) -> dict[str, Any]:
    capital_cny = (
        firm.registered_capital_amount if firm.registered_capital_currency == "CNY" else None
    )
    aliases = [*firm.former_names, *([firm.english_name] if firm.english_name else [])]
    props = {
        "name": firm.name,
        "uscc": firm.uscc,
        "legal_rep": firm.legal_rep,
        "status": firm.status,
        "founded": firm.founded,
        "registered_capital_text": firm.registered_capital_text,
        "registered_capital_cny": capital_cny,
        "firm_type": firm.firm_type,
        "province": firm.province or source.province,
        "city": firm.city or source.city,
        "district": firm.district,
        "industry_code": firm.industry_code,
        "business_scope": firm.business_scope,
        "address": firm.address,
        "insured_employees": firm.insured_employees,
        "aliases": aliases,
    }
    return {k: v for k, v in props.items() if v is not None and v != []}


@dataclass(frozen=True)
class PreparedRow:
    """One converted row: what resolution, the hash check and the write need."""

    number: int
    key: str  # hash of the raw cells (the row-hash cache key)
    name: str
    uscc: str | None
    props: dict[str, Any]
    entry: str  # the row's content hash with the source tag (see Preparer.entry_hash)
    segments: tuple[dict[str, Any], ...]  # {id, confidence, evidence, method, needs_review}


@dataclass(frozen=True)
class Preparer:
    """Everything converting a chunk needs; picklable, so it can be sent to a worker."""

    converter: RowConverter
    source: EnterpriseExportSource
    tag: str
    salt: str
    data_dir: Path | None  # None: do not classify

    def warm_up(self) -> None:
        """Load what :meth:`prepare` needs (run once in a new worker, before real work)."""
        if self.data_dir is not None:
            _classifier(self.data_dir)

    def entry_hash(self, key: str) -> str:
        """A row's content hash: its cells as read (``key``), the conversion and classification
        versions (``salt``) and the source's default province and city."""
        text = f"{key}|{self.salt}|{self.source.province}|{self.source.city}"
        return hashlib.blake2b(text.encode(), digest_size=10).hexdigest()

    def prepare(self, rows: list[RawRow]) -> tuple[list[PreparedRow], list[Reject]]:
        """The rows that convert (in order) and every reject of the chunk."""
        prepared: list[PreparedRow] = []
        rejects: list[Reject] = []
        classify = self.data_dir is not None and rows
        classifier = _classifier(self.data_dir) if classify and self.data_dir else None
        for number, cells, key in rows:
            firm, problems = self.converter.convert(number, cells)
            rejects.extend(problems)
            if firm is None:
                continue
            props = firm_props(firm, self.source)
            segments: tuple[dict[str, Any], ...] = ()
            if classifier is not None:
                segments = tuple(
                    {
                        "id": link.segment_id,
                        "confidence": link.confidence,
                        "evidence": link.evidence,
                        "method": link.method,
                        "needs_review": link.needs_review,
                    }
                    for link in classifier.classify(
                        name=firm.name,
                        industry_code=firm.industry_code,
                        industry_name=firm.industry,
                        business_scope=firm.business_scope,
                    )
                )
            entry = f"{self.tag}={self.entry_hash(key)}"
            prepared.append(PreparedRow(number, key, firm.name, firm.uscc, props, entry, segments))
        return prepared, rejects


_CLASSIFIERS: dict[Path, Any] = {}  # one per process and data folder


def _classifier(data_dir: Path) -> Any:
    from oceanbrain.ingest.classify import Classifier

    if data_dir not in _CLASSIFIERS:
        _CLASSIFIERS[data_dir] = Classifier.from_data(data_dir)
    return _CLASSIFIERS[data_dir]


class _Inline(Executor):
    """Runs each submitted call at once, in this process (``workers = 0``)."""

    def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:  # handed to whoever reads the result, as a pool would
            future.set_exception(exc)
        return future


def _exit_with_parent(parent: int) -> None:
    """Worker initializer: leave when the ingest process is gone (e.g. killed with SIGKILL),
    instead of waiting forever for work that will never come."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch, daemon=True, name="exit-with-parent").start()


def executor(workers: int) -> Executor:
    """``workers`` spawned processes, or inline when 0. Spawned, not forked: the parent may
    hold driver threads and sockets a forked child must not inherit."""
    if workers <= 0:
        return _Inline()
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=get_context("spawn"),
        initializer=_exit_with_parent,
        initargs=(os.getpid(),),
    )

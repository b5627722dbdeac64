"""The gazetteer: known names and aliases with their entity type and graph id.

A plain data class. :meth:`Gazetteer.from_canonical` reads the curated CSVs in ``data/``;
:meth:`Gazetteer.from_rows` takes rows exported by the graph layer (same shape).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from oceanbrain.ingest.values import ValueProblem, parse_uscc, split_multi, stable_id


@dataclass(frozen=True)
class GazetteerEntry:
    name: str
    type: str
    linked_id: str | None = None
    aliases: tuple[str, ...] = ()

    def surface_forms(self) -> Iterator[str]:
        yield self.name
        yield from self.aliases


# (file under data/, entity type, id prefix or "firm")
_SOURCES: tuple[tuple[str, str, str], ...] = (
    ("qingdao/firms.csv", "FIRM", "firm"),
    ("national/firms.csv", "FIRM", "firm"),
    ("qingdao/institutions.csv", "INSTITUTE", "institution"),
    ("qingdao/parks.csv", "PARK", "park"),
    ("qingdao/talent.csv", "PERSON", "person"),
    ("qingdao/models.csv", "PRODUCT", "product"),
    ("qingdao/projects.csv", "PROJECT", "project"),
)


def _cell(row: dict[str, str], key: str) -> str:
    return (row.get(key) or "").strip()


def _linked_id(prefix: str, row: dict[str, str]) -> str:
    """The node id the loader (oceanbrain.ingest.load) gives this row."""
    name = _cell(row, "name")
    if prefix == "firm":
        uscc = _cell(row, "uscc")
        if uscc:
            try:
                return f"firm:uscc:{parse_uscc(uscc)}"
            except ValueProblem:
                pass
        return stable_id("firm:name", name)
    if prefix == "person":
        return stable_id("person", name, _cell(row, "affiliation"))
    if prefix == "project":
        return stable_id("project", name, *split_multi(_cell(row, "investor")))
    return stable_id(prefix, name)


@dataclass
class Gazetteer:
    entries: list[GazetteerEntry] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[GazetteerEntry]:
        return iter(self.entries)

    @classmethod
    def from_rows(cls, rows: Iterable[Iterable[object] | dict[str, object]]) -> Gazetteer:
        """Rows of (name, type, linked_id, aliases) or dicts with those keys.

        ``aliases`` may be a list/tuple or a ``|``-separated string.
        """
        entries = []
        for row in rows:
            if isinstance(row, dict):
                name, etype = row["name"], row["type"]
                linked, aliases = row.get("linked_id"), row.get("aliases")
            else:
                name, etype, linked, aliases = (list(row) + [None, None])[:4]
            if isinstance(aliases, str):
                alias_list = split_multi(aliases)
            elif isinstance(aliases, list | tuple):
                alias_list = [str(a).strip() for a in aliases if str(a).strip()]
            else:
                alias_list = []
            if not name:
                continue
            entries.append(
                GazetteerEntry(
                    str(name).strip(),
                    str(etype),
                    str(linked) if linked else None,
                    tuple(a for a in alias_list if a != name),
                )
            )
        return cls(entries)

    @classmethod
    def from_canonical(cls, data_dir: str | Path) -> Gazetteer:
        """Names, short names and aliases from the curated CSVs in ``data_dir``."""
        root = Path(data_dir)
        rows: list[tuple[str, str, str, list[str]]] = []
        for file, etype, prefix in _SOURCES:
            path = root / file
            if not path.exists():
                continue
            with path.open(encoding="utf-8", newline="") as fh:
                for row in csv.DictReader(fh):
                    name = _cell(row, "name")
                    if not name:
                        continue
                    aliases = [_cell(row, "short_name")] if _cell(row, "short_name") else []
                    aliases += split_multi(_cell(row, "aliases"))
                    rows.append((name, etype, _linked_id(prefix, row), aliases))
        return cls.from_rows(rows)

    def lookup(self) -> dict[str, tuple[str, str | None]]:
        """Surface form → (type, linked_id); a form shared by two entries keeps the first
        full name over an alias, and ambiguous aliases get no id."""
        full: dict[str, tuple[str, str | None]] = {}
        alias: dict[str, tuple[str, str | None]] = {}
        for entry in self.entries:
            full.setdefault(entry.name, (entry.type, entry.linked_id))
            for a in entry.aliases:
                if a in alias and alias[a][1] != entry.linked_id:
                    alias[a] = (alias[a][0], None)
                else:
                    alias.setdefault(a, (entry.type, entry.linked_id))
        return {**alias, **full}

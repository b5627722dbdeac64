"""The ingest configuration (``ingest.toml``): which sources the weekly job reads, and how.

```toml
[job]
reports_dir = ".oceanbrain/reports"    # JSON run reports, reject reports, log file
lock_file = ".oceanbrain/ingest.lock"  # two runs never overlap
state_dir = ".oceanbrain/state"        # per-source cache of row hashes (a speed-up only)
batch_size = 1000                      # rows per UNWIND write
chunk_rows = 5000                      # source rows read, resolved and hashed at a time
workers = 1                            # processes that parse and classify export rows (0: none)

[[source]]
name = "data"                          # unique; names the source in reports and provenance
kind = "canonical"                     # the curated data/ folder
path = "data"

[[source]]
name = "weekly-export"
kind = "enterprise_export"             # 企查查/天眼查-style CSV or XLSX, a file or a glob
path = "exports/*.xlsx"
aliases = { name = ["单位名称"] }      # extra header spellings, added to the defaults
province = "山东省"                    # fill-ins for exports that leave the column out
city = "青岛市"

[[source]]
name = "news"
kind = "documents"                     # handled by oceanbrain.ingest.documents
paths = ["corpus/*.txt"]
```

Relative paths are taken relative to the folder of the TOML file. Every mistake raises
:class:`ConfigError` naming the file and the key.
"""

from __future__ import annotations

import glob
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from oceanbrain.errors import ConfigError
from oceanbrain.ingest.sources.enterprise_export import DEFAULT_ALIASES

KINDS = ("canonical", "enterprise_export", "documents")
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")


@dataclass(frozen=True)
class JobConfig:
    reports_dir: Path = Path(".oceanbrain/reports")
    lock_file: Path = Path(".oceanbrain/ingest.lock")
    state_dir: Path = Path(".oceanbrain/state")  # row-hash caches of export sources
    batch_size: int = 1000
    chunk_rows: int = 5000
    # worker processes that parse, validate and classify export rows while the main process
    # resolves and writes; 0 does everything in the main process
    workers: int = 1


@dataclass(frozen=True)
class SourceConfig:
    name: str
    kind: str

    @property
    def tag(self) -> str:
        """The prefix of this source's entries in ``row_hashes``."""
        return f"{self.kind}:{self.name}"


@dataclass(frozen=True)
class CanonicalSource(SourceConfig):
    path: Path = Path("data")


@dataclass(frozen=True)
class EnterpriseExportSource(SourceConfig):
    path: str = ""  # a file or a glob pattern (absolute after loading)
    aliases: dict[str, list[str]] = field(default_factory=dict)  # merged with DEFAULT_ALIASES
    province: str | None = None
    city: str | None = None
    classify: bool = True  # place firms in chain segments (IN_SEGMENT, inferred)
    data_dir: Path | None = None  # chains.yaml for the classifier; default: the canonical source

    def files(self) -> list[Path]:
        """The files the path or glob names now, sorted (a weekly glob picks up new exports)."""
        if glob.has_magic(self.path):
            return [Path(p) for p in sorted(glob.glob(self.path)) if Path(p).is_file()]
        return [Path(self.path)]

    def all_aliases(self) -> dict[str, list[str]]:
        merged = {k: list(v) for k, v in DEFAULT_ALIASES.items()}
        for fld, spellings in self.aliases.items():
            merged[fld] = [*merged.get(fld, []), *spellings]
        return merged


@dataclass(frozen=True)
class DocumentsSource(SourceConfig):
    paths: tuple[str, ...] = ()

    def files(self) -> list[Path]:
        found: list[Path] = []
        for pattern in self.paths:
            if glob.has_magic(pattern):
                found.extend(Path(p) for p in sorted(glob.glob(pattern)) if Path(p).is_file())
            else:
                found.append(Path(pattern))
        return found


@dataclass(frozen=True)
class IngestConfig:
    path: Path | None
    text: str  # the TOML as written, stored on the IngestRun
    job: JobConfig
    sources: tuple[SourceConfig, ...]

    def source(self, name: str) -> SourceConfig:
        for src in self.sources:
            if src.name == name:
                return src
        raise ConfigError(f"{self.path}: no source named {name!r}")


def load_config(path: Path) -> IngestConfig:
    """Read and check ``ingest.toml``."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(
            f"ingest configuration {path} does not exist; pass --config or copy ingest.toml"
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read ingest configuration {path}: {exc}") from None
    return parse_config(text, path)


def parse_config(text: str, path: Path | None = None) -> IngestConfig:
    where = str(path) if path else "ingest configuration"
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{where}: not valid TOML: {exc}") from None
    base = path.resolve().parent if path else Path.cwd()
    unknown = sorted(set(raw) - {"job", "source"})
    if unknown:
        raise ConfigError(f"{where}: unknown top-level keys {unknown}; expected [job], [[source]]")
    job = _job(raw.get("job", {}), where, base)
    sources_raw = raw.get("source", [])
    if not isinstance(sources_raw, list) or not sources_raw:
        raise ConfigError(f"{where}: no [[source]] tables; add at least one source")
    sources = tuple(_source(item, i, where, base) for i, item in enumerate(sources_raw))
    names = [s.name for s in sources]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise ConfigError(f"{where}: source names must be unique; repeated: {dupes}")
    return IngestConfig(path, text, job, sources)


def _job(raw: Any, where: str, base: Path) -> JobConfig:
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: [job] must be a table")
    allowed = {"reports_dir", "lock_file", "state_dir", "batch_size", "chunk_rows", "workers"}
    unknown = sorted(set(raw) - allowed)
    if unknown:
        raise ConfigError(f"{where}: [job] has unknown keys {unknown}; allowed: {sorted(allowed)}")
    defaults = JobConfig()
    numbers = {}
    for key in ("batch_size", "chunk_rows"):
        value = raw.get(key, getattr(defaults, key))
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise ConfigError(f"{where}: [job] {key} must be a positive integer, got {value!r}")
        numbers[key] = value
    workers = raw.get("workers", defaults.workers)
    if not isinstance(workers, int) or isinstance(workers, bool) or not 0 <= workers <= 64:
        raise ConfigError(
            f"{where}: [job] workers must be an integer from 0 to 64, got {workers!r}"
        )
    numbers["workers"] = workers
    return JobConfig(
        reports_dir=_path(
            raw.get("reports_dir", defaults.reports_dir), base, where, "job.reports_dir"
        ),
        lock_file=_path(raw.get("lock_file", defaults.lock_file), base, where, "job.lock_file"),
        state_dir=_path(raw.get("state_dir", defaults.state_dir), base, where, "job.state_dir"),
        **numbers,
    )


def _path(value: Any, base: Path, where: str, key: str) -> Path:
    if not isinstance(value, str | Path) or not str(value):
        raise ConfigError(f"{where}: {key} must be a path string, got {value!r}")
    p = Path(value)
    return p if p.is_absolute() else base / p


def _text(item: dict[str, Any], key: str, where: str, required: bool = False) -> str | None:
    value = item.get(key)
    if value is None:
        if required:
            raise ConfigError(f"{where}: missing key {key!r}")
        return None
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{where}: {key} must be a non-empty string, got {value!r}")
    return value


def _source(item: Any, index: int, where: str, base: Path) -> SourceConfig:
    at = f"{where}: [[source]] #{index + 1}"
    if not isinstance(item, dict):
        raise ConfigError(f"{at} must be a table")
    name = _text(item, "name", at, required=True)
    assert name is not None
    if not _NAME.match(name):
        raise ConfigError(f"{at}: name {name!r} may use letters, digits, '_', '-', '.' only")
    at = f"{where}: source {name!r}"
    kind = _text(item, "kind", at, required=True)
    if kind not in KINDS:
        raise ConfigError(f"{at}: kind {kind!r} is not one of {', '.join(KINDS)}")
    allowed = {
        "canonical": {"name", "kind", "path"},
        "enterprise_export": {
            "name",
            "kind",
            "path",
            "aliases",
            "province",
            "city",
            "classify",
            "data_dir",
        },
        "documents": {"name", "kind", "paths"},
    }[kind]
    unknown = sorted(set(item) - allowed)
    if unknown:
        raise ConfigError(
            f"{at}: unknown keys {unknown} for kind {kind}; allowed: {sorted(allowed)}"
        )
    if kind == "canonical":
        return CanonicalSource(name, kind, _path(item.get("path", "data"), base, at, "path"))
    if kind == "enterprise_export":
        raw_path = _text(item, "path", at, required=True)
        assert raw_path is not None
        aliases = item.get("aliases", {})
        if not isinstance(aliases, dict) or not all(
            isinstance(v, list) and all(isinstance(s, str) for s in v) for v in aliases.values()
        ):
            raise ConfigError(f"{at}: aliases must map field names to lists of header spellings")
        bad = sorted(set(aliases) - set(DEFAULT_ALIASES))
        if bad:
            raise ConfigError(
                f"{at}: aliases has unknown fields {bad}; known: {', '.join(DEFAULT_ALIASES)}"
            )
        classify = item.get("classify", True)
        if not isinstance(classify, bool):
            raise ConfigError(f"{at}: classify must be true or false")
        return EnterpriseExportSource(
            name,
            kind,
            path=str(_path(raw_path, base, at, "path")),
            aliases=aliases,
            province=_text(item, "province", at),
            city=_text(item, "city", at),
            classify=classify,
            data_dir=_path(item["data_dir"], base, at, "data_dir") if "data_dir" in item else None,
        )
    paths = item.get("paths")
    if not isinstance(paths, list) or not paths or not all(isinstance(p, str) for p in paths):
        raise ConfigError(f"{at}: paths must be a non-empty list of file paths or globs")
    return DocumentsSource(name, kind, tuple(str(_path(p, base, at, "paths")) for p in paths))

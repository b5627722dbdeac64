"""Saved queries for analysts: ``queries/*.cypher`` files with a header, run read-only.

Each file starts with ``//`` header lines, then the query::

    // name: suppliers_within_2_hops
    // description: Suppliers of a firm up to two SUPPLIES hops away | 某企业两跳以内的供应商
    // param: firm (string) Firm name, alias or id
    // param: limit (integer, default 50) Most rows
    // example: oceanbrain query --saved suppliers_within_2_hops --param firm=示例企业
    MATCH ...

The name is the file's stem (a ``name:`` line must agree with it). Parameter types: string,
integer, float, boolean, list<string>. Every ``$name`` in the query must be declared, and every
declared parameter used, so a file cannot drift from its header. Queries run through
:func:`~oceanbrain.graph.console.run_console_query`: read-only, row limit, timeout.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from oceanbrain import settings
from oceanbrain.errors import ConfigError, QueryError
from oceanbrain.graph.console import ConsoleResult, run_console_query
from oceanbrain.graph.store import GraphStore

TYPES = ("string", "integer", "float", "boolean", "list<string>")
_HEADER = re.compile(r"^//\s*(name|description|param|example):\s*(.*)$")
_PARAM = re.compile(
    r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*\((?P<type>[a-z<>]+)(?:\s*,\s*default\s+(?P<default>[^)]*))?\)"
    r"\s*(?P<help>.*)$"
)
_USED = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


@dataclass(frozen=True)
class SavedParam:
    name: str
    type: str
    help: str
    default: Any = None
    required: bool = True


@dataclass(frozen=True)
class SavedQuery:
    name: str
    description: str
    params: tuple[SavedParam, ...]
    examples: tuple[str, ...]
    cypher: str
    path: Path = field(compare=False)

    @property
    def description_en(self) -> str:
        return self.description.split("|")[0].strip()

    @property
    def description_zh(self) -> str:
        parts = self.description.split("|", 1)
        return parts[1].strip() if len(parts) > 1 else parts[0].strip()

    def row(self) -> dict[str, str]:
        """One line for listings: name, 中文 and English description, parameters."""
        return {
            "name": self.name,
            "description_zh": self.description_zh,
            "description_en": self.description_en,
            "params": ", ".join(
                p.name + ("" if p.required else f"={p.default}") for p in self.params
            ),
        }

    def bind(self, given: dict[str, Any]) -> dict[str, Any]:
        """Typed parameters from what a person typed; one clear error per problem."""
        known = {p.name: p for p in self.params}
        extra = sorted(set(given) - set(known))
        if extra:
            wanted = ", ".join(known) or "none"
            raise QueryError(
                f"saved query {self.name!r} has no parameter {extra[0]!r} (parameters: {wanted})"
            )
        bound: dict[str, Any] = {}
        for p in self.params:
            if p.name in given:
                bound[p.name] = _coerce(self.name, p, given[p.name])
            elif p.required:
                raise QueryError(
                    f"saved query {self.name!r} needs parameter {p.name!r} ({p.type}: {p.help}); "
                    f"add --param {p.name}=…"
                )
            else:
                bound[p.name] = p.default
        return bound


def _coerce(query: str, p: SavedParam, value: Any) -> Any:
    def bad() -> QueryError:
        return QueryError(
            f"saved query {query!r}: parameter {p.name!r} must be {p.type}, got {value!r}"
        )

    if p.type == "string":
        if isinstance(value, (list, dict)):
            raise bad()
        return value if isinstance(value, str) else _text(value)
    if p.type == "integer":
        if isinstance(value, bool):
            raise bad()
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise bad() from None
        if number != int(number):
            raise bad()
        return int(number)
    if p.type == "float":
        if isinstance(value, bool):
            raise bad()
        try:
            return float(value)
        except (TypeError, ValueError):
            raise bad() from None
    if p.type == "boolean":
        if isinstance(value, bool):
            return value
        if str(value).lower() in ("true", "1", "yes", "是"):
            return True
        if str(value).lower() in ("false", "0", "no", "否"):
            return False
        raise bad()
    if isinstance(value, list):
        return [_text(v) for v in value]
    return [v.strip() for v in str(value).split("|") if v.strip()]


def _text(value: Any) -> str:
    """A JSON-parsed scalar back to the text the person typed (``5`` → ``"5"``)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def queries_dir() -> Path:
    """The folder of saved queries: the ``queries_dir`` setting, else the one shipped."""
    configured = settings.get("queries_dir")
    if configured:
        return Path(configured)
    package = Path(__file__).resolve().parents[1]
    repo = package.parent / "queries"  # a source checkout
    return repo if repo.is_dir() else package / "queries"  # a wheel (force-included)


def parse_saved(path: Path) -> SavedQuery:
    """One ``.cypher`` file → :class:`SavedQuery`, or a ConfigError naming file, line and fix."""
    text = path.read_text(encoding="utf-8")
    meta: dict[str, list[str]] = {"name": [], "description": [], "param": [], "example": []}
    body: list[str] = []
    params: list[SavedParam] = []
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        match = _HEADER.match(stripped)
        if match and not body:
            key, value = match.group(1), match.group(2).strip()
            meta[key].append(value)
            if key == "param":
                params.append(_parse_param(path, number, value))
        elif stripped.startswith("//") and not body:
            continue
        elif stripped or body:
            body.append(line)
    cypher = "\n".join(body).strip()
    where = f"{path}"
    if meta["name"] and meta["name"][0] != path.stem:
        raise ConfigError(f"{where}: name {meta['name'][0]!r} differs from the file name")
    if not meta["description"]:
        raise ConfigError(f"{where}: missing '// description: English | 中文' header line")
    if not cypher:
        raise ConfigError(f"{where}: no query after the header")
    declared = [p.name for p in params]
    used = set(_USED.findall(cypher))
    if undeclared := sorted(used - set(declared)):
        raise ConfigError(
            f"{where}: ${undeclared[0]} is used but not declared; add '// param: {undeclared[0]} "
            "(string) …'"
        )
    if unused := [n for n in declared if n not in used]:
        raise ConfigError(f"{where}: parameter {unused[0]!r} is declared but not used")
    return SavedQuery(
        path.stem,
        " ".join(meta["description"]),
        tuple(params),
        tuple(meta["example"]),
        cypher,
        path,
    )


def _parse_param(path: Path, number: int, text: str) -> SavedParam:
    match = _PARAM.match(text)
    if not match or match.group("type") not in TYPES:
        raise ConfigError(
            f"{path}:{number}: bad param line {text!r}; write 'name (type) help' or "
            f"'name (type, default value) help' with type one of {', '.join(TYPES)}"
        )
    default_text = match.group("default")
    param = SavedParam(match.group("name"), match.group("type"), match.group("help").strip())
    if default_text is None:
        return param
    default = _coerce(path.stem, param, default_text.strip().strip("'\""))
    return SavedParam(param.name, param.type, param.help, default, required=False)


def list_saved(folder: Path | None = None) -> list[SavedQuery]:
    """Every saved query in ``folder`` (default :func:`queries_dir`), by name."""
    where = folder or queries_dir()
    if not where.is_dir():
        raise ConfigError(
            f"saved-query folder {where} does not exist; set OCEANBRAIN_QUERIES_DIR to a folder "
            "of .cypher files"
        )
    return [parse_saved(p) for p in sorted(where.glob("*.cypher"))]


def get_saved(name: str, folder: Path | None = None) -> SavedQuery:
    queries = {q.name: q for q in list_saved(folder)}
    if name in queries:
        return queries[name]
    import difflib

    close = difflib.get_close_matches(name, list(queries), n=3, cutoff=0.4)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise QueryError(
        f"no saved query named {name!r}{hint} (`oceanbrain query --list` shows all {len(queries)})"
    )


def run_saved(
    store: GraphStore,
    name: str,
    params: dict[str, Any] | None = None,
    *,
    max_rows: int | None = None,
    folder: Path | None = None,
) -> ConsoleResult:
    """Run the saved query ``name`` read-only with typed ``params`` (defaults filled in)."""
    saved = get_saved(name, folder)
    return run_console_query(store, saved.cypher, saved.bind(params or {}), max_rows=max_rows)

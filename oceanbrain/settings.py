"""Settings as data: each has a name, a default, help text and an ``OCEANBRAIN_*`` variable.

Secrets (passwords) are only ever read from the environment by variable name; they are never
defaults, never printed, and never part of a URL we show.
"""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Setting:
    name: str
    default: str | None
    help: str
    secret: bool = False

    @property
    def env_var(self) -> str:
        return "OCEANBRAIN_" + self.name.upper()

    def value(self, environ: dict[str, str] | None = None) -> str | None:
        env = os.environ if environ is None else environ
        raw = env.get(self.env_var)
        if raw is None or raw.strip() == "":
            return self.default
        return raw.strip()


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "graph",
        None,
        "Which graph engine to use, as a URL. Unset: the embedded FalkorDBLite graph at "
        "OCEANBRAIN_GRAPH_PATH. neo4j://, neo4j+s://, bolt://, bolt+s://host:port[/database]: "
        "a Neo4j server. falkordb://host:port: an external FalkorDB server.",
    ),
    Setting(
        "graph_path",
        ".oceanbrain/graph.db",
        "File of the embedded FalkorDBLite graph (append-only file on, fsync every second).",
    ),
    Setting("graph_name", "oceanbrain", "Graph (key) name inside FalkorDB."),
    Setting("neo4j_user", None, "Neo4j user name. Leave unset for a server with auth off."),
    Setting("neo4j_password", None, "Neo4j password (read from the environment only).", True),
    Setting(
        "neo4j_database",
        None,
        "Neo4j database name; overrides a /database path in OCEANBRAIN_GRAPH. "
        "Unset: the server's default database.",
    ),
    Setting("query_timeout_s", "30", "Timeout in seconds for console and CLI read queries."),
    Setting("console_max_rows", "1000", "Row limit of the dashboard's Cypher console."),
    Setting(
        "queries_dir",
        None,
        "Folder of saved analyst queries (*.cypher). Unset: the queries/ folder shipped with "
        "OceanBrain (docs/cypher-cookbook.md).",
    ),
    Setting(
        "dashboard_users",
        None,
        "Dashboard users file (TOML: [users.<login>] name, role viewer/analyst/editor, password "
        "hash from `oceanbrain users hash`). Unset: the dashboard runs open, localhost only.",
    ),
    Setting(
        "dashboard_reports_dir",
        ".oceanbrain/reports",
        "Folder the dashboard's 数据更新 page reads ingest reject reports from "
        "(the ingest job's reports_dir).",
    ),
    Setting(
        "dashboard_cache_ttl_s",
        "600",
        "Seconds the dashboard keeps a query result; a new ingest run invalidates it sooner.",
    ),
    Setting(
        "gap_missing_max_firms",
        "0",
        "Gap analysis: a segment with at most this many local firms is 缺链 (missing).",
    ),
    Setting(
        "gap_weak_min_firms",
        "3",
        "Gap analysis: a segment with fewer local firms than this is 弱链 (weak).",
    ),
    Setting(
        "gap_weak_max_lq",
        "0.8",
        "Gap analysis: without a chain leader, a location quotient below this is 弱链 (weak).",
    ),
    Setting(
        "gap_concentration_hhi",
        "0.5",
        "Gap analysis: supplier concentration (HHI, 0–1) at or above this is a 断链 risk.",
    ),
    Setting("target_weight_fit", "0.35", "招商线索 score weight of segment fit."),
    Setting("target_weight_strength", "0.30", "招商线索 score weight of firm strength."),
    Setting("target_weight_ties", "0.25", "招商线索 score weight of existing local ties."),
    Setting("target_weight_recency", "0.10", "招商线索 score weight of recent projects."),
    Setting(
        "classify_review_below",
        "0.6",
        "Firm → segment classification: a link with confidence below this needs review (审核).",
    ),
    Setting(
        "classify_min_confidence",
        "0.3",
        "Firm → segment classification: links with confidence below this are not made at all.",
    ),
    Setting(
        "classify_max_segments",
        "3",
        "Firm → segment classification: at most this many segments per firm (the best ones).",
    ),
    Setting(
        "resolve_auto_merge",
        "0.9",
        "Entity resolution: name similarity (0–1) at or above which two firm names merge "
        "without review (same region and legal form only).",
    ),
    Setting(
        "resolve_review_min",
        "0.5",
        "Entity resolution: name similarity below this raises no review question at all.",
    ),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def setting(name: str) -> Setting:
    return _BY_NAME[name]


def get(name: str, environ: dict[str, str] | None = None) -> str | None:
    """The current value of the setting called ``name`` (environment first, then default)."""
    return _BY_NAME[name].value(environ)


def get_number(name: str, environ: dict[str, str] | None = None) -> float:
    """A numeric setting, with an error naming the variable when it is not a number."""
    from oceanbrain.errors import ConfigError

    s = _BY_NAME[name]
    raw = s.value(environ)
    try:
        return float(raw) if raw is not None else float("nan")
    except ValueError:
        raise ConfigError(
            f"{s.env_var}={raw!r} is not a number; set it to a number such as {s.default}."
        ) from None

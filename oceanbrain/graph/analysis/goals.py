"""Goal tracking (目标进展): plan targets from ``data/qingdao/goals.yaml`` against the graph.

Only metrics the graph can count get a current figure, each with the rule used to count it and
the ids counted; every other goal says plainly that the graph does not hold the figure (computing
power, output value, GDP shares …). A count is what the graph holds — sourced records — so it is
a lower bound of the real figure, and is labelled so. No number is ever estimated.

Countable metrics (``metric`` in goals.yaml; ``COUNTERS`` below, docs/gap-analysis.md):
``firms``, ``high_tech_firms`` / ``marine_hitech_firms`` (高新技术 firms in some chain segment),
``leader_firms`` / ``ai_leading_firms`` (链主; ``ai_…`` in marine_ai), ``projects``,
``ai_featured_parks`` (parks focusing on marine_ai) and ``large_models`` (大模型 products).
A goal may name a ``chain`` to count within it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

from oceanbrain.errors import ConfigError, QueryError
from oceanbrain.graph.analysis.gaps import Scope, resolve_scope
from oceanbrain.graph.analysis.queries import member
from oceanbrain.graph.store import GraphStore

REQUIRED = ("id", "name_zh", "metric", "target", "unit", "deadline", "scope")
STATUS_ZH = {
    "counted": "图谱可计数",
    "not_in_graph": "图谱未收录该指标",
    "qualitative": "定性目标",
    "scope_unknown": "图谱中无此范围",
}


def _firms(kind: str, extra: str = "", chain: bool = False) -> str:
    m = member(kind, "f", "scope")
    seg = "MATCH (f)-[l:IN_SEGMENT]->(s:Segment) WHERE coalesce(l.expired, false) = false"
    if chain:
        seg += " AND s.chain_id = $chain"
    return f"""
MATCH {m.pattern.replace("(f)", "(f:Firm)", 1)} WHERE {m.condition}
{seg} {extra}
RETURN count(DISTINCT f) AS n, collect(DISTINCT f.id)[0..50] AS ids
"""


def _projects(kind: str, chain: bool) -> str:
    m = member(kind, "j", "scope")
    seg = "MATCH (j)-[:IN_SEGMENT]->(s:Segment {chain_id: $chain})" if chain else ""
    return f"""
MATCH {m.pattern.replace("(j)", "(j:Project)", 1)} WHERE {m.condition}
{seg}
RETURN count(DISTINCT j) AS n, collect(DISTINCT j.id)[0..50] AS ids
"""


def _parks(kind: str) -> str:
    m = member(kind, "p", "scope")
    if kind == "park":
        m = member("region", "p", "scope")  # a park scope has no parks inside it
    return f"""
MATCH {m.pattern.replace("(p)", "(p:Park)", 1)} WHERE {m.condition}
MATCH (p)-[:FOCUSES_ON]->(:Chain {{id: $chain}})
RETURN count(DISTINCT p) AS n, collect(DISTINCT p.id)[0..50] AS ids
"""


LARGE_MODELS = """
MATCH (p:Product) WHERE p.kind CONTAINS '大模型'
RETURN count(p) AS n, collect(p.id)[0..50] AS ids
"""


@dataclass(frozen=True)
class Counter:
    query: Callable[[str, bool], str]
    basis_zh: str
    chain: str | None = None  # fixed chain for this metric


COUNTERS: dict[str, Counter] = {
    "firms": Counter(lambda k, c: _firms(k, chain=c), "范围内属于产业链环节的企业数"),
    "high_tech_firms": Counter(
        lambda k, c: _firms(k, "AND f.high_tech = true", c), "范围内标记为高新技术企业的涉链企业数"
    ),
    "marine_hitech_firms": Counter(
        lambda k, c: _firms(k, "AND f.high_tech = true", c),
        "范围内标记为高新技术企业、且属于海洋产业链环节的企业数",
    ),
    "leader_firms": Counter(lambda k, c: _firms(k, "AND f.role = '链主'", c), "范围内链主企业数"),
    "ai_leading_firms": Counter(
        lambda k, c: _firms(k, "AND f.role = '链主'", True),
        "范围内海洋人工智能链的链主企业数",
        "marine_ai",
    ),
    "projects": Counter(lambda k, c: _projects(k, c), "范围内的项目数"),
    "ai_featured_parks": Counter(
        lambda k, c: _parks(k), "以海洋人工智能为主导产业链的园区数", "marine_ai"
    ),
    "large_models": Counter(
        lambda k, c: LARGE_MODELS, "图谱收录的大模型产品数（来自 data/qingdao/models.csv）"
    ),
}


@dataclass
class GoalProgress:
    id: str
    name_zh: str
    name_en: str
    metric: str
    target: Any
    unit: str
    deadline: str
    scope: str
    status: str  # counted / not_in_graph / qualitative / scope_unknown
    current: int | None
    progress: float | None  # current / target when the target is a plain number
    basis_zh: str
    evidence_ids: list[str] = field(default_factory=list)
    source_url: str = ""
    notes_zh: str = ""

    @property
    def status_zh(self) -> str:
        return STATUS_ZH[self.status]

    def row(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name_zh": self.name_zh,
            "target": self.target,
            "unit": self.unit,
            "deadline": self.deadline,
            "scope": self.scope,
            "current": self.current,
            "progress": self.progress,
            "status": self.status,
            "status_zh": self.status_zh,
            "basis_zh": self.basis_zh,
        }

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "status_zh": self.status_zh}


def read_goals(goals_file: Path) -> list[dict[str, Any]]:
    """The goals of a goals.yaml, each checked for the fields data/README.md requires.

    A relative path missing from the working directory is also looked up in the source checkout
    (so the dashboard finds data/qingdao/goals.yaml wherever it was started).
    """
    checkout = Path(__file__).resolve().parents[3] / goals_file
    if not goals_file.is_absolute() and not goals_file.exists() and checkout.exists():
        goals_file = checkout
    try:
        doc = yaml.safe_load(goals_file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{goals_file}: no such goals file") from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"{goals_file}: not valid YAML ({exc})") from None
    goals = doc.get("goals") if isinstance(doc, dict) else None
    if not isinstance(goals, list):
        raise ConfigError(f"{goals_file}: expected a top-level 'goals:' list")
    for number, goal in enumerate(goals, 1):
        if not isinstance(goal, dict):
            raise ConfigError(f"{goals_file}: goal {number} is not a mapping")
        for key in REQUIRED:
            if goal.get(key) in (None, ""):
                raise ConfigError(
                    f"{goals_file}: goal {number} ({goal.get('id', '?')}) lacks field {key!r}"
                )
    return goals


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def goal_progress(
    store: GraphStore, goals_file: Path = Path("data/qingdao/goals.yaml")
) -> list[GoalProgress]:
    """Progress of every goal in ``goals_file`` where the graph holds the figure."""
    scopes: dict[str, Scope | None] = {}
    out = []
    for goal in read_goals(goals_file):
        base = {
            "id": str(goal["id"]),
            "name_zh": str(goal["name_zh"]),
            "name_en": str(goal.get("name_en", "")),
            "metric": str(goal["metric"]),
            "target": goal["target"],
            "unit": str(goal["unit"]),
            "deadline": str(goal["deadline"]),
            "scope": str(goal["scope"]),
            "source_url": str(goal.get("source_url", "")),
            "notes_zh": str(goal.get("notes_zh", "")),
        }
        counter = COUNTERS.get(base["metric"])
        if counter is None:
            qualitative = base["unit"] == "定性"
            out.append(
                GoalProgress(
                    **base,
                    status="qualitative" if qualitative else "not_in_graph",
                    current=None,
                    progress=None,
                    basis_zh=(
                        "定性目标，图谱不计数"
                        if qualitative
                        else "图谱未收录该指标（graph does not hold this figure）"
                    ),
                )
            )
            continue
        name = base["scope"]
        if name not in scopes:
            try:
                scopes[name] = resolve_scope(store, name)
            except QueryError:
                scopes[name] = None
        scope = scopes[name]
        if scope is None:
            out.append(
                GoalProgress(
                    **base,
                    status="scope_unknown",
                    current=None,
                    progress=None,
                    basis_zh=f"图谱中没有名为“{name}”的地区或园区",
                )
            )
            continue
        chain = counter.chain or goal.get("chain")
        query = counter.query(scope.kind, bool(chain))
        params: dict[str, Any] = {**scope.params()}
        if "$chain" in query:
            params["chain"] = chain
        row = store.read(query, **params)[0]
        current = int(row["n"])
        target = _number(goal["target"])
        out.append(
            GoalProgress(
                **base,
                status="counted",
                current=current,
                progress=round(current / target, 4) if target else None,
                basis_zh=f"{counter.basis_zh}；仅统计图谱已收录、有来源的记录，为实际数的下限",
                evidence_ids=sorted(row["ids"]),
            )
        )
    return out

"""Architecture guards: Cypher lives only in oceanbrain/graph; no py2neo anywhere."""

from __future__ import annotations

import re

from tests.conftest import REPO

CYPHER = re.compile(r"\b(MATCH|MERGE|CREATE|DETACH\s+DELETE|UNWIND)\s*[(\$]")
PACKAGE = REPO / "oceanbrain"


def test_no_cypher_outside_graph() -> None:
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if (PACKAGE / "graph") in path.parents:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if CYPHER.search(line):
                offenders.append(f"{path.relative_to(REPO)}:{number}: {line.strip()}")
    assert offenders == []


def test_no_py2neo_dependency() -> None:
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert "py2neo" not in pyproject
    for path in PACKAGE.rglob("*.py"):
        assert "import py2neo" not in path.read_text(encoding="utf-8"), path


def test_the_four_subpackages_exist() -> None:
    for name in ("graph", "ingest", "nlp", "dashboards"):
        assert (PACKAGE / name / "__init__.py").is_file(), name


def test_saved_cypher_files_live_only_in_queries() -> None:
    """Analyst queries are data, not code: `queries/*.cypher` (read by oceanbrain/graph/saved.py)
    is the one place outside oceanbrain/graph that holds Cypher, and it holds nothing else."""
    skip = {".venv", ".git", "node_modules", "target"}
    strays = [
        str(p.relative_to(REPO))
        for p in REPO.rglob("*.cypher")
        if p.parent != REPO / "queries" and not skip & set(p.relative_to(REPO).parts)
    ]
    assert strays == []
    assert all(p.suffix == ".cypher" for p in (REPO / "queries").iterdir()), (
        "queries/ holds only .cypher"
    )

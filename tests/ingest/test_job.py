"""The weekly ingest job: change tracking, expiry, the what-changed diff, dry runs, the lock."""

from __future__ import annotations

from pathlib import Path

import pytest

from oceanbrain.graph import GraphStore
from oceanbrain.graph.changes import changes_since, list_runs
from oceanbrain.ingest.config import EnterpriseExportSource
from oceanbrain.ingest.job import IngestLocked, ingest_lock, run_job
from oceanbrain.ingest.pipeline import ExportIngest, RunContext
from tests.ingest.ingest_helpers import (
    DATA,
    bad_uscc,
    canonical_source,
    export_row,
    export_source,
    graph_dump,
    small_data,
    totals,
    write_config,
    write_export,
)

pytestmark = pytest.mark.graph


def test_rerun_expiry_and_diff(store: GraphStore, tmp_path: Path) -> None:
    data = small_data(tmp_path / "data", [("A", "B"), ("B", "C")])
    export = write_export(tmp_path / "export.csv", [export_row(i) for i in range(1, 6)])
    config = write_config(tmp_path, canonical_source(data) + export_source(export))

    first = run_job(config, store=store, full=True)
    assert first.status == "ok", [s.error for s in first.sources]
    assert first.exit_code == 0
    assert first.counts["Firm"]["created"] == 3 + 5
    assert first.counts["SUPPLIES"]["created"] == 2
    assert first.counts["IN_SEGMENT"]["created"] >= 3 + 5  # curated + classified
    classified = store.read(
        "MATCH (f:Firm {uscc: $u})-[e:IN_SEGMENT]->(s:Segment) "
        "RETURN e.observed AS observed, e.confidence AS confidence, e.evidence AS evidence",
        u=export_row(1)[1],
    )
    assert classified and all(r["observed"] is False and r["evidence"] for r in classified)
    dump = graph_dump(store)

    second = run_job(config, store=store, full=True)
    assert second.exit_code == 0
    assert totals(second.counts, "created") == totals(second.counts, "updated") == 0
    assert totals(second.counts, "expired") == 0
    assert second.counts["Firm"]["unchanged"] == 8
    assert graph_dump(store) == dump

    # a week later: B stops supplying C, firm 5 leaves the export, 6 joins, 1 is deregistered
    small_data(data, [("A", "B")])
    rows = [export_row(1, "注销", "800万元")] + [export_row(i) for i in (2, 3, 4, 6)]
    write_export(export, rows)
    third = run_job(config, store=store, full=True)
    assert third.exit_code == 0
    assert third.counts["SUPPLIES"]["expired"] == 1
    assert third.counts["Firm"]["created"] == 1 and third.counts["Firm"]["updated"] == 1
    assert third.counts["LOCATED_IN"]["expired"] == 1  # firm 5's, from the export
    links = store.read(
        "MATCH (a:Firm)-[e:SUPPLIES]->(b:Firm) "
        "RETURN a.name AS a, b.name AS b, e.expired AS expired ORDER BY a"
    )
    assert [(r["a"][2], r["b"][2], r["expired"]) for r in links] == [
        ("A", "B", None),
        ("B", "C", True),
    ]  # kept, marked, never deleted

    report = changes_since(store, second.run_id)
    assert [r["uscc"] for r in report.new_firms] == [export_row(6)[1]]
    assert [(r["supplier"][2], r["customer"][2]) for r in report.lost_supply_links] == [("B", "C")]
    changed = {(r["uscc"], r["field"], r["old"], r["new"]) for r in report.changed_registrations}
    assert (export_row(1)[1], "status", "存续", "注销") in changed
    assert (export_row(1)[1], "registered_capital_text", "500万元", "800万元") in changed
    assert changes_since(store, third.run_id).is_empty()
    runs = list_runs(store, 10)
    assert [r["id"] for r in runs] == [third.run_id, second.run_id, first.run_id]
    assert runs[0]["counts"]["totals"]["SUPPLIES"]["expired"] == 1

    # the link comes back: it is live again
    small_data(data, [("A", "B"), ("B", "C")])
    fourth = run_job(config, store=store, full=True)
    assert fourth.counts["SUPPLIES"]["updated"] == 1
    assert store.read("MATCH ()-[e:SUPPLIES]->() WHERE e.expired = true RETURN count(e) AS n") == [
        {"n": 0}
    ]


def test_without_full_nothing_expires(store: GraphStore, tmp_path: Path) -> None:
    data = small_data(tmp_path / "data", [("A", "B"), ("B", "C")])
    config = write_config(tmp_path, canonical_source(data))
    run_job(config, store=store)
    small_data(data, [("A", "B")])
    again = run_job(config, store=store)
    assert totals(again.counts, "expired") == 0
    assert store.read("MATCH ()-[e:SUPPLIES]->() WHERE e.expired IS NULL RETURN count(e) AS n") == [
        {"n": 2}
    ]


def test_dry_run_writes_nothing(store: GraphStore, tmp_path: Path) -> None:
    data = small_data(tmp_path / "data", [("A", "B")])
    export = write_export(tmp_path / "export.csv", [export_row(i) for i in range(1, 4)])
    config = write_config(tmp_path, canonical_source(data) + export_source(export))
    result = run_job(config, store=store, dry_run=True)
    assert result.exit_code == 0 and result.dry_run
    assert result.counts["Firm"]["created"] == 6
    assert store.read("MATCH (n) RETURN count(n) AS n") == [{"n": 0}]
    assert result.report_path is not None and result.report_path.name.endswith("-dry-run.json")


def test_second_run_while_locked_fails(store: GraphStore, tmp_path: Path) -> None:
    data = small_data(tmp_path / "data", [])
    config = write_config(tmp_path, canonical_source(data))
    with ingest_lock(config.job.lock_file), pytest.raises(IngestLocked, match="holds the lock"):
        run_job(config, store=store)
    assert store.read("MATCH (n) RETURN count(n) AS n") == [{"n": 0}]
    assert run_job(config, store=store).exit_code == 0  # released


def test_failed_source_fails_the_run_and_abandoned_runs_are_marked(
    store: GraphStore, tmp_path: Path
) -> None:
    export = write_export(tmp_path / "export.csv", [export_row(1)])
    nowhere = tmp_path / "no-chains"
    nowhere.mkdir()
    config = write_config(tmp_path, export_source(export, data_dir=nowhere))
    store.ensure_schema()
    store.write("CREATE (:IngestRun {id: 'run:20000101T000000000000Z', status: 'running'})")
    result = run_job(config, store=store)
    assert result.status == "failed" and result.exit_code == 2
    assert "chains.yaml" in (result.sources[0].error or "")
    statuses = store.read("MATCH (r:IngestRun) RETURN r.id AS id, r.status AS s ORDER BY r.id")
    assert [r["s"] for r in statuses] == ["failed", "failed"]


def test_row_hash_cache_is_never_trusted_over_the_graph(store: GraphStore, tmp_path: Path) -> None:
    export = write_export(tmp_path / "export.csv", [export_row(i) for i in range(1, 4)])
    config = write_config(tmp_path, export_source(export))
    assert run_job(config, store=store).counts["Firm"]["created"] == 3
    cache = tmp_path / ".oceanbrain" / "state" / "weekly.tsv"
    assert len(cache.read_text("utf-8").splitlines()) == 1 + 3
    assert run_job(config, store=store).counts["Firm"] == {
        "created": 0,
        "updated": 0,
        "unchanged": 3,
        "rejected": 0,
        "expired": 0,
    }
    source = config.sources[0]
    assert isinstance(source, EnterpriseExportSource)

    def cached() -> int:
        ingest = ExportIngest(
            store, source, RunContext("run:x", state_dir=config.job.state_dir), DATA
        )
        ingest._load_state()
        return len(ingest.cached)

    assert cached() == 3
    store.write(  # a reviewer decides two firms are one: rows must be resolved again
        "CREATE (:Judgement {id: 'j', kind: 'same_entity', decided_at: '2999-01-01T00:00:00'})"
    )
    assert cached() == 0
    store.reset()  # the graph is gone, the cache file is not: everything is written again
    again = run_job(config, store=store)
    assert again.counts["Firm"]["created"] == 3
    assert store.read("MATCH (f:Firm) RETURN count(f) AS n") == [{"n": 3}]


def test_worker_processes_give_the_same_graph_and_rejects(
    store: GraphStore, tmp_path: Path
) -> None:
    """Rows prepared by a worker process are used in row order: same graph, same rejects."""
    data = small_data(tmp_path / "data", [("A", "B")])
    rows = [export_row(i) for i in range(120)]
    rows[7][1] = bad_uscc(7)  # rejected row
    rows[30] = list(rows[12])  # duplicate of a row in an earlier chunk: a warning, skipped
    rows[55][3] = "很多钱"  # not an amount: a warning, the row loads
    export = write_export(tmp_path / "export.csv", rows)
    seen = {}
    for workers in (0, 1):
        store.reset()
        store.ensure_schema()
        (tmp_path / f"w{workers}").mkdir()
        config = write_config(
            tmp_path / f"w{workers}",
            canonical_source(data) + export_source(export),
            chunk_rows=20,
            batch_size=20,
            workers=workers,
        )
        result = run_job(config, store=store)
        rejects = [r.line() for s in result.sources for r in s.rejects]
        seen[workers] = (graph_dump(store), rejects, result.counts)
    assert seen[1] == seen[0]
    graph, rejects, counts = seen[1]
    assert len(rejects) == 3 and counts["Firm"]["created"] == 3 + 118


def test_a_duplicate_of_a_cached_row_is_still_caught(store: GraphStore, tmp_path: Path) -> None:
    """Rows skipped through the row-hash cache still count for the duplicate check."""
    rows = [export_row(i) for i in range(10)]
    export = write_export(tmp_path / "export.csv", rows)
    config = write_config(tmp_path, export_source(export))
    assert run_job(config, store=store).exit_code == 0
    copy = list(rows[3])
    copy[0] = "青岛另一个名字科技有限公司"  # another name, the same USCC as row 3
    write_export(export, [*rows, copy])
    result = run_job(config, store=store)
    [report] = result.sources
    assert report.counts["Firm"]["unchanged"] == 10 and report.warnings == 1
    [warning] = report.rejects
    assert warning.row == 12 and "row 5" in warning.reason_en  # header row 1, rows[3] row 5
    names = store.read("MATCH (f:Firm {uscc: $u}) RETURN f.name AS n", u=rows[3][1])
    assert names == [{"n": rows[3][0]}]

"""The synthetic scale generator: readable by the real readers, marked synthetic, deterministic."""

from __future__ import annotations

import statistics
from collections import Counter
from pathlib import Path

import pytest

from oceanbrain.errors import ConfigError
from oceanbrain.ingest.canonical import CanonicalData, read_canonical, read_csv_records
from oceanbrain.ingest.records import FirmRecord, SupplyRecord
from oceanbrain.ingest.synthetic import MARKER, SynthReport, generate
from oceanbrain.ingest.values import parse_uscc

FIRMS = 1000
SUPPLIES = "links/supplies.csv"
FIRM_FILES = ("qingdao/firms.csv", "national/firms.csv")


@pytest.fixture(scope="module")
def synth(tmp_path_factory: pytest.TempPathFactory) -> tuple[SynthReport, CanonicalData]:
    out = tmp_path_factory.mktemp("synth") / "out"
    report = generate(out, FIRMS)
    return report, read_canonical(out)


def supplies(data: CanonicalData) -> list[SupplyRecord]:
    loaded, rejects = read_csv_records(data.root, SUPPLIES, SupplyRecord)
    assert rejects == []
    return [rec for _, rec in loaded.records]


def firms(data: CanonicalData) -> list[FirmRecord]:
    return [rec for file in FIRM_FILES for _, rec in data.records(file)]


def file_bytes(root: Path) -> dict[str, bytes]:
    files = sorted(p for p in root.rglob("*") if p.is_file())
    return {str(p.relative_to(root)): p.read_bytes() for p in files}


def test_the_real_readers_accept_every_row(synth: tuple[SynthReport, CanonicalData]) -> None:
    report, data = synth
    assert [r.line() for r in data.rejects if r.severity in ("row", "file")] == []
    assert len(data.chains) > 0 and (report.out_dir / MARKER).is_file()
    read = {file: len(data.records(file)) for file in data.tables}
    read[SUPPLIES] = len(supplies(data))
    assert read == {file: report.counts[file] for file in read}
    assert set(report.counts) == set(read)


def test_shape_of_the_counts(synth: tuple[SynthReport, CanonicalData]) -> None:
    report, _ = synth
    counts = report.counts
    assert counts["qingdao/firms.csv"] + counts["national/firms.csv"] == FIRMS
    assert 0.10 * FIRMS <= counts["qingdao/firms.csv"] <= 0.20 * FIRMS
    assert 1.8 * FIRMS <= counts[SUPPLIES] <= 2.0 * FIRMS
    assert counts["qingdao/parks.csv"] == 20
    assert counts["qingdao/institutions.csv"] >= 20
    assert counts["qingdao/talent.csv"] >= 30
    assert counts["qingdao/projects.csv"] >= 40


def test_every_firm_is_marked_synthetic_with_a_reserved_uscc(
    synth: tuple[SynthReport, CanonicalData],
) -> None:
    _, data = synth
    records = firms(data)
    assert all("示例" in f.name and f.synthetic is True for f in records)
    assert len({f.name for f in records}) == len(records)
    codes = [f.uscc for f in records]
    assert all(c is not None and parse_uscc(c) == c and c.startswith("91999999") for c in codes)
    assert len(set(codes)) == len(codes)
    assert {f.city for _, f in data.records("qingdao/firms.csv")} == {"青岛市"}
    assert "青岛市" not in {f.city for _, f in data.records("national/firms.csv")}
    assert len({f.province for _, f in data.records("national/firms.csv")}) >= 15


def test_other_records_are_marked_and_point_nowhere(
    synth: tuple[SynthReport, CanonicalData],
) -> None:
    _, data = synth
    for file in data.tables:
        for _, rec in data.records(file):
            assert all(
                url.startswith("https://example.invalid/synthetic/") for url in rec.source_url
            ), file
            names = [rec.supplier, rec.customer] if file == SUPPLIES else [rec.name]
            assert all("示例" in name for name in names), file


def test_references_resolve_inside_the_synthetic_set(
    synth: tuple[SynthReport, CanonicalData],
) -> None:
    _, data = synth
    firm_names = {f.name for f in firms(data)}
    parks = {p.name for _, p in data.records("qingdao/parks.csv")}
    institutions = {i.name for _, i in data.records("qingdao/institutions.csv")}
    for _, project in data.records("qingdao/projects.csv"):
        assert project.investor and set(project.investor) <= firm_names
        assert project.park in parks and project.amount_cny > 0
    assert all(p.affiliation in institutions for _, p in data.records("qingdao/talent.csv"))
    assert all(f.park in parks for f in firms(data) if f.park)


def test_supply_links_follow_the_taxonomy(synth: tuple[SynthReport, CanonicalData]) -> None:
    report, data = synth
    header = (report.out_dir / SUPPLIES).read_text(encoding="utf-8").splitlines()[0]
    assert header == "supplier,customer,product,source_url,source_date,source_title,notes"
    feeds = {seg.id: set(seg.supplies) for chain in data.chains for seg in chain.segments}
    by_name = {f.name: f for f in firms(data)}
    local = {f.name for _, f in data.records("qingdao/firms.csv")}
    links = supplies(data)
    assert len({(s.supplier, s.customer) for s in links}) == len(links)
    for link in links:
        supplier, customer = by_name[link.supplier], by_name[link.customer]
        assert any(b in feeds[a] for a in supplier.segments for b in customer.segments), link
    kinds = Counter((s.supplier in local, s.customer in local) for s in links)
    assert kinds[(True, True)] > 0 and kinds[(False, True)] > 0


def test_some_qingdao_segments_depend_on_outside_or_one_supplier(
    synth: tuple[SynthReport, CanonicalData],
) -> None:
    _, data = synth
    local = {f.name: f.segments for _, f in data.records("qingdao/firms.csv")}
    suppliers: dict[str, set[str]] = {}
    for link in supplies(data):
        for seg in local.get(link.customer, []):
            suppliers.setdefault(seg, set()).add(link.supplier)
    outside_only = [seg for seg, names in suppliers.items() if not names & local.keys()]
    single = [seg for seg, names in suppliers.items() if len(names) == 1]
    assert outside_only and single


def test_segment_sizes_are_skewed_with_qingdao_gaps(
    synth: tuple[SynthReport, CanonicalData],
) -> None:
    _, data = synth
    all_segments = [seg.id for chain in data.chains for seg in chain.segments]
    sizes = Counter(seg for f in firms(data) for seg in f.segments)
    counts = [sizes[s] for s in all_segments]
    assert max(counts) >= 5 * statistics.median(counts)
    in_qingdao = {seg for _, f in data.records("qingdao/firms.csv") for seg in f.segments}
    assert set(all_segments) - in_qingdao


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path: Path) -> None:
    generate(tmp_path / "a", FIRMS)
    generate(tmp_path / "b", FIRMS)
    generate(tmp_path / "c", FIRMS, seed=7)
    first, again, other = (file_bytes(tmp_path / d) for d in "abc")
    assert first == again
    assert first["qingdao/firms.csv"] != other["qingdao/firms.csv"]
    assert first[SUPPLIES] != other[SUPPLIES]


def test_regenerating_into_a_synthetic_folder_is_allowed(tmp_path: Path) -> None:
    generate(tmp_path / "out", 100)
    report = generate(tmp_path / "out", 200)
    assert report.counts["qingdao/firms.csv"] + report.counts["national/firms.csv"] == 200


def test_refuses_a_folder_with_other_data(tmp_path: Path) -> None:
    (tmp_path / "firms.csv").write_text("name\n真实企业\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=MARKER):
        generate(tmp_path, 100)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["firms.csv"]


@pytest.mark.parametrize("firms_wanted", [1, 10, 67])
def test_tiny_runs_still_read_back_cleanly(tmp_path: Path, firms_wanted: int) -> None:
    report = generate(tmp_path, firms_wanted)
    data = read_canonical(tmp_path)
    assert [r.line() for r in data.rejects if r.severity in ("row", "file")] == []
    assert report.counts["qingdao/firms.csv"] + report.counts["national/firms.csv"] == firms_wanted


def test_rejects_a_non_positive_firm_count(tmp_path: Path) -> None:
    with pytest.raises(ConfigError):
        generate(tmp_path, 0)

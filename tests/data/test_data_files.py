"""The curated data/ files: complete, sourced, consistent (no graph engine needed)."""

from __future__ import annotations

import csv
from collections import Counter

import pytest
import yaml

from oceanbrain.ingest.canonical import CSV_FILES, read_canonical
from oceanbrain.ingest.load import RowBuilder
from oceanbrain.ingest.values import ValueProblem, parse_uscc
from tests.conftest import REPO

DATA = REPO / "data"
MINIMUM_ROWS = {
    "qingdao/parks.csv": 10,
    "qingdao/institutions.csv": 20,
    "qingdao/firms.csv": 150,
    "qingdao/projects.csv": 40,
    "qingdao/talent.csv": 30,
    "national/firms.csv": 100,
}
PRESENT = [f for f in CSV_FILES if (DATA / f).exists()]


def rows(file: str) -> list[dict[str, str]]:
    with (DATA / file).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def canonical():
    return read_canonical(DATA)


def test_the_required_files_exist() -> None:
    assert set(MINIMUM_ROWS) <= set(PRESENT)
    assert (DATA / "chains" / "chains.yaml").exists()
    assert (DATA / "qingdao" / "goals.yaml").exists()


@pytest.mark.parametrize(("file", "minimum"), MINIMUM_ROWS.items())
def test_row_counts(file: str, minimum: int) -> None:
    assert len(rows(file)) >= minimum


@pytest.mark.parametrize("file", PRESENT)
def test_every_row_validates_and_is_sourced(canonical, file: str) -> None:
    problems = [r.line() for r in canonical.rejects if r.file == file]
    assert problems == []
    for number, row in enumerate(rows(file), start=2):
        urls = [u for u in row["source_url"].split("|") if u.strip()]
        assert urls, f"{file}:{number} has no source_url"
        assert all(u.strip().startswith(("http://", "https://")) for u in urls), (file, number)
        assert "example.invalid" not in row["source_url"], f"{file}:{number}: synthetic URL"


@pytest.mark.parametrize("file", [f for f in PRESENT if "name" in rows(f)[0]])
def test_names_are_unique_within_a_file(file: str) -> None:
    duplicates = [n for n, c in Counter(r["name"] for r in rows(file)).items() if c > 1]
    assert duplicates == []


def test_no_firm_in_both_firm_files() -> None:
    local = {r["name"] for r in rows("qingdao/firms.csv")}
    national = {r["name"] for r in rows("national/firms.csv")}
    assert local & national == set()
    assert all(r["city"] != "青岛市" for r in rows("national/firms.csv"))


def test_every_uscc_passes_the_gb32100_check() -> None:
    bad = []
    for file in ("qingdao/firms.csv", "national/firms.csv"):
        for row in rows(file):
            if row["uscc"].strip():
                try:
                    parse_uscc(row["uscc"])
                except ValueProblem as exc:
                    bad.append((file, row["name"], row["uscc"], exc.en))
    assert bad == []


def test_no_synthetic_records_in_real_data() -> None:
    for file in ("qingdao/firms.csv", "national/firms.csv"):
        assert not any("示例" in r["name"] for r in rows(file)), file


def test_every_reference_resolves(canonical) -> None:
    built = RowBuilder(canonical).build()
    unresolved = [r.line() for r in built.rejects if r.severity == "warning"]
    assert unresolved == []


def test_taxonomy_shape() -> None:
    chains = yaml.safe_load((DATA / "chains" / "chains.yaml").read_text(encoding="utf-8"))["chains"]
    ids = {c["id"] for c in chains}
    assert {"marine_ai", "marine_equipment", "marine_biomed", "smart_port"} <= ids
    segments = [s for c in chains for s in c["segments"]]
    assert len(segments) >= 60
    assert len({s["id"] for s in segments}) == len(segments)
    for seg in segments:
        assert 5 <= len(seg["keywords"]) <= 40, seg["id"]
        assert seg["stage"] in {"upstream", "midstream", "downstream"}
        assert seg["name_zh"] and seg["name_en"]


def test_goals_include_the_plan_targets() -> None:
    goals = yaml.safe_load((DATA / "qingdao" / "goals.yaml").read_text(encoding="utf-8"))["goals"]
    by_metric = {g["metric"]: g for g in goals}
    assert by_metric["compute_eflops"]["target"] == 12
    assert by_metric["storage_eb"]["target"] == 10
    assert all(str(g["source_url"]).startswith("http") for g in goals)

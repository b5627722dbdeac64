# OceanBrain task runner: the two commands a fresh machine needs are `make demo` and `make test`.

SHELL := /bin/bash
.DEFAULT_GOAL := help

# The first Python >= 3.12 found (pyenv shims that point at another version are skipped).
PYTHON ?= $(shell for c in python3.12 $(HOME)/.pyenv/versions/3.12*/bin/python3.12 \
	/usr/bin/python3.12 python3.13 python3; do \
	  if command -v $$c >/dev/null 2>&1 && \
	     $$c -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then \
	    command -v $$c; break; fi; done)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
OB := $(BIN)/oceanbrain
NEO4J_DIR := tests/neo4j_server
NEO4J_CP := $(NEO4J_DIR)/target/classpath.txt

.PHONY: help venv neo4j-test-deps e2e-deps test demo db-init load dashboard docs lint clean \
	bench bench-graph bench-classify bench-resolve bench-ingest bench-analysis bench-nlp bench-dashboards

help:
	@echo "make demo   - install, initialise the embedded graph, load data/, serve http://localhost:8501"
	@echo "make test   - install, fetch the Neo4j test server, run the suite on both engines"
	@echo "make lint   - ruff and mypy"
	@echo "make docs   - regenerate docs/schema.md from oceanbrain/graph/schema.yaml"
	@echo "make bench-graph - batched vs per-row write throughput on both engines"
	@echo "make bench-classify - firm -> segment classification speed and agreement with data/"
	@echo "make bench-resolve - entity resolution throughput and memory at 10^4..10^6 keys"
	@echo "make bench-ingest - ingest pipeline vs raw UNWIND MERGE, 10^4..10^6 firms"
	@echo "make bench-analysis - gap analysis and target ranking latency, 10^4..10^6 firms"
	@echo "make bench-nlp - NLP chars/s on one core, load time, F1 on the corpus"
	@echo "make bench-dashboards - first render time of every dashboard page at 10^5 firms"
	@echo "make bench - all of the above; results in benchmarks/results/"

$(STAMP): pyproject.toml
	@test -n "$(PYTHON)" || { echo "error: no Python >= 3.12 found; install python3.12 or set PYTHON=/path/to/python3.12" >&2; exit 2; }
	"$(PYTHON)" -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

venv: $(STAMP)

$(NEO4J_CP): $(NEO4J_DIR)/pom.xml
	@command -v mvn >/dev/null || { echo "error: Maven (mvn) is needed to fetch the Neo4j test server; install maven" >&2; exit 2; }
	@command -v java >/dev/null || { echo "error: Java 17 is needed for the Neo4j test server; install openjdk-17-jdk" >&2; exit 2; }
	cd $(NEO4J_DIR) && mvn -q -B dependency:build-classpath -Dmdep.outputFile=target/classpath.txt

neo4j-test-deps: $(NEO4J_CP)

# Headless Chromium (and CJK fonts for readable screenshots) for the browser tests, from Debian.
e2e-deps:
	@if command -v chromium >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; \
	else echo "warning: chromium missing and not root: browser tests will skip (install chromium fonts-noto-cjk)" >&2; fi

test: $(STAMP) $(NEO4J_CP) e2e-deps
	$(BIN)/python -m pytest

db-init: $(STAMP)
	$(OB) db init

load: db-init
	@if [ -d data/qingdao ] || [ -d data/chains ]; then $(OB) data load; else echo "no data/ sample found; skipping load"; fi

dashboard: $(STAMP)
	$(OB) dashboard

demo: load
	$(OB) dashboard

bench-graph: $(STAMP) $(NEO4J_CP)
	$(BIN)/python -m benchmarks.bench_graph

bench-classify: $(STAMP)
	$(BIN)/python -m benchmarks.bench_classify

bench-resolve: $(STAMP)
	$(BIN)/python -m benchmarks.bench_resolve

bench-ingest: $(STAMP) $(NEO4J_CP)
	$(BIN)/python -m benchmarks.bench_ingest

bench-analysis: $(STAMP) $(NEO4J_CP)
	$(BIN)/python -m benchmarks.bench_analysis

bench-nlp: $(STAMP)
	$(BIN)/python -m benchmarks.bench_nlp

bench-dashboards: $(STAMP) $(NEO4J_CP)
	$(BIN)/python -m benchmarks.bench_dashboards

bench: bench-graph bench-classify bench-resolve bench-ingest bench-analysis bench-nlp bench-dashboards

docs: $(STAMP)
	$(OB) db schema-docs

lint: $(STAMP)
	$(BIN)/ruff check oceanbrain tests
	$(BIN)/ruff format --check oceanbrain tests
	$(BIN)/mypy oceanbrain

clean:
	rm -rf $(VENV) $(NEO4J_DIR)/target .pytest_cache

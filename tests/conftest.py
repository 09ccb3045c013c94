"""Shared fixtures. Backends are listed in `tests/contract/backends.py`."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from indexer.embed import Embedder, UseOnnxEmbedder
from indexer.record import Record
from scrapers.shared_data import SHARED_DATA

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"

pytest_plugins: list[str] = []
if (Path(__file__).parent / "es_fixtures.py").exists():
    pytest_plugins.append("tests.es_fixtures")


@pytest.fixture(scope="session")
def use_embedder() -> Embedder:
    """The production multilingual model (offline, shipped in a wheel)."""
    return UseOnnxEmbedder(threads=2)


@pytest.fixture(scope="session")
def contract_records() -> list[Record]:
    path = FIXTURES / "contract_records.jsonl"
    return [Record.from_json(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not SHARED_DATA.exists():
        raise RuntimeError(f"the shared data folder is missing: {SHARED_DATA}")
    return SHARED_DATA

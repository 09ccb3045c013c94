from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from indexer.backend.protocol import SearchBackend
from indexer.embed import Embedder
from indexer.record import Record
from indexer.search import SearchService
from indexer.store import RecordStore
from indexer.sync import sync
from indexer.terminology import load_terminology
from tests.contract.backends import FACTORIES, backend_params


@dataclass
class Loaded:
    backend: SearchBackend
    store: RecordStore
    records: list[Record]
    embedder: Embedder
    service: SearchService
    factory: str
    tmp: Path


@pytest.fixture(params=backend_params())
def backend_name(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def loaded(
    backend_name: str,
    tmp_path: Path,
    contract_records: list[Record],
    use_embedder: Embedder,
    request: pytest.FixtureRequest,
) -> Iterator[Loaded]:
    store = RecordStore(tmp_path / "store.sqlite")
    store.write_batch(contract_records)
    backend = FACTORIES[backend_name](store, tmp_path, use_embedder.dim, request)
    sync(store, backend, use_embedder)
    service = SearchService(backend, use_embedder, load_terminology())
    yield Loaded(backend, store, contract_records, use_embedder, service, backend_name, tmp_path)
    backend.close()
    store.close()

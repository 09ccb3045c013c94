"""Faults on a real node of their own: killed mid-run, restarted, overloaded.

- the node goes away: every backend call raises BackendUnavailable quickly, the
  API answers 503 with a clear message, and both work again when it is back,
  without restarting our process;
- an ingest interrupted by the node going away loses nothing when re-run (the
  watermark in the index only moves past what Elasticsearch acknowledged);
- backpressure: with a write thread pool of one and a queue of one, concurrent
  bulk requests are refused with 429, retried with backoff, and all land.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.services import Services
from api.settings import Settings
from indexer.backend.elasticsearch import ElasticsearchBackend
from indexer.backend.protocol import Filters
from indexer.document import build_index_doc
from indexer.embed import CachedEmbedder, Embedder, EmbeddingCache, HashingEmbedder
from indexer.errors import BackendUnavailable
from indexer.query import parse_query
from indexer.record import Record
from indexer.search import SearchService
from indexer.store import RecordStore
from indexer.sync import sync
from indexer.taxonomy import load_taxonomy
from indexer.terminology import load_terminology
from tests.es_fixtures import EsEndpoint, start_node
from tests.es_node import EsNode

pytestmark = [pytest.mark.es, pytest.mark.slow]

DIM = 64


@pytest.fixture(scope="module")
def node(request: pytest.FixtureRequest) -> Iterator[EsNode]:
    """A node we may kill: tiny write pool so that concurrent bulks meet 429s."""
    started = start_node(
        request.config,
        "faults",
        settings={"thread_pool.write.size": 1, "thread_pool.write.queue_size": 1},
    )
    try:
        yield started
    finally:
        started.destroy()


@pytest.fixture
def endpoint(node: EsNode) -> EsEndpoint:
    if not node.running():
        node.start()
    return EsEndpoint(node.url, node)


def _store(tmp: Path, records: list[Record]) -> RecordStore:
    store = RecordStore(tmp / "store.sqlite")
    store.write_batch(records)
    return store


def test_node_killed_then_back_api_503_then_200(
    node: EsNode, endpoint: EsEndpoint, tmp_path: Path, contract_records: list[Record],
    use_embedder: Embedder,
) -> None:  # fmt: skip
    settings = Settings(data_dir=tmp_path, backend="elasticsearch", es_url=endpoint.url)
    store = _store(tmp_path, contract_records)
    embedder = CachedEmbedder(use_embedder, EmbeddingCache(settings.embeddings_path))
    backend = ElasticsearchBackend(
        endpoint.config(request_timeout=5.0, max_retries=1), embedder.dim, store=store
    )
    sync(store, backend, embedder)
    services = Services(
        settings, store, embedder, backend,
        SearchService(backend, embedder, load_terminology()), load_taxonomy(),
    )  # fmt: skip
    with TestClient(create_app(settings, services)) as api:
        ok = api.get("/api/search", params={"q": "torture"})
        assert ok.status_code == 200 and ok.json()["total"] > 0
        total = ok.json()["total"]

        node.stop(hard=True)  # kill -9: the node goes away mid-run
        started = time.monotonic()
        down = api.get("/api/search", params={"q": "torture"})
        took = time.monotonic() - started
        assert down.status_code == 503
        error = down.json()["error"]
        assert error["code"] == "backend_unavailable"
        assert "Elasticsearch at http://127.0.0.1" in error["message"]
        assert "unreachable" in error["message"]
        assert took < 10, took
        assert api.get("/api/health").status_code == 503
        for call in (
            backend.count,
            backend.watermark,
            lambda: backend.keyword(parse_query("torture"), Filters(), 0, 10),
            lambda: backend.vector(embedder.embed(["torture"])[0], Filters(), 10),
            lambda: backend.get([contract_records[0].id]),
            lambda: backend.upsert([build_index_doc(contract_records[0], 1, None)]),
            lambda: backend.commit(1),
        ):
            with pytest.raises(BackendUnavailable):
                call()

        node.start()  # back, same port and data
        deadline = time.monotonic() + 30
        again = api.get("/api/search", params={"q": "torture"})
        while again.status_code != 200 and time.monotonic() < deadline:
            time.sleep(0.5)  # the client's node pool may hold the node dead for a moment
            again = api.get("/api/search", params={"q": "torture"})
        assert again.status_code == 200
        assert again.json()["total"] == total
        assert api.get("/api/health").status_code == 200
    services.close()


def test_ingest_interrupted_by_the_node_going_away_loses_nothing(
    node: EsNode, endpoint: EsEndpoint, tmp_path: Path, contract_records: list[Record]
) -> None:
    store = _store(tmp_path, contract_records)
    embedder = HashingEmbedder(DIM)
    backend = ElasticsearchBackend(
        endpoint.config(request_timeout=5.0, max_retries=1), DIM, store=store
    )
    batches = 0

    def progress(_: int) -> None:
        nonlocal batches
        batches += 1
        if batches == 4:  # after 4 batches of 5 and two commits (every 10)
            node.stop(hard=True)

    with pytest.raises(BackendUnavailable):
        sync(store, backend, embedder, batch=5, progress=progress, commit_every=10)
    node.start()
    mark = backend.watermark()
    assert 0 < mark < store.seq  # part was committed, the rest was not
    report = sync(store, backend, embedder, batch=5)
    assert report.watermark == store.seq == backend.watermark()
    assert backend.count() == store.count() == len(contract_records)
    assert sorted(backend.ids()) == sorted(r.id for r in contract_records)
    assert [r.id for r in backend.get([r.id for r in contract_records])] == [
        r.id for r in contract_records
    ]
    backend.close()


def test_bulk_backpressure_429_retried_until_everything_lands(
    node: EsNode, endpoint: EsEndpoint, contract_records: list[Record]
) -> None:
    def rejected() -> int:
        stats = node.request("GET", "/_nodes/stats/thread_pool")
        return sum(n["thread_pool"]["write"]["rejected"] for n in stats["nodes"].values())

    before = rejected()
    backend = ElasticsearchBackend(
        # Retries enough to outlast a busy machine (a CI run beside a benchmark refused
        # 3 of 41 documents after 12 retries capped at 1 s); the node pushes back all the same.
        endpoint.config(bulk_docs=5, bulk_initial_backoff=0.05, bulk_max_backoff=2.0,
                        bulk_retries=40, shards=3),
        DIM,
    )  # fmt: skip
    embedder = HashingEmbedder(DIM)
    errors: list[Exception] = []

    def writer(n: int) -> None:
        docs = []
        for i, record in enumerate(contract_records):
            copy = record.model_copy(update={"id": f"{record.id[:50]}-w{n}"})
            docs.append(build_index_doc(copy, i, embedder.embed([copy.text])[0]))
        try:
            for _ in range(3):
                backend.upsert(docs)
        except Exception as exc:
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    backend.commit()
    refused = rejected() - before
    print(f"backpressure: {refused} bulk shard requests refused with 429, all retried")
    assert not errors, errors
    assert refused > 0  # the node did push back...
    assert backend.count() == 6 * len(contract_records)  # ...and nothing was lost
    backend.client.indices.delete(index=",".join(backend.concrete_indices()))
    backend.close()

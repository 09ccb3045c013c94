"""The Elasticsearch backend on the session's real node: index layout, bulk
indexing and its failure report, the watermark, zero-downtime rebuilds."""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import numpy as np
import pytest

from indexer.backend.elasticsearch import BulkIndexingError, ElasticsearchBackend
from indexer.backend.protocol import Filters, SortOrder
from indexer.document import build_index_doc
from indexer.embed import Embedder, HashingEmbedder, Matrix
from indexer.errors import BackendUnavailable
from indexer.record import Record
from indexer.search import Mode, SearchRequest, SearchService
from indexer.store import RecordStore
from indexer.sync import sync
from indexer.terminology import load_terminology
from tests.es_fixtures import EsEndpoint

pytestmark = pytest.mark.es

Factory = Callable[..., ElasticsearchBackend]
DIM = 64


@pytest.fixture
def store(tmp_path: Path, contract_records: list[Record]) -> Iterator[RecordStore]:
    s = RecordStore(tmp_path / "store.sqlite")
    s.write_batch(contract_records)
    yield s
    s.close()


def test_alias_mappings_settings_and_meta(es_backend_factory: Factory, store: RecordStore) -> None:
    backend = es_backend_factory(DIM, store, shards=2)
    sync(store, backend, HashingEmbedder(DIM))
    es = backend.client
    indices = backend.concrete_indices()
    assert len(indices) == 1 and indices[0].startswith(backend.alias + "-")
    assert not es.indices.exists(index=backend.alias + "x")
    mapping = es.indices.get_mapping(index=backend.alias)[indices[0]]["mappings"]
    props = mapping["properties"]
    for field in ("stem", "exact", "title"):
        assert props[field] == {"type": "text", "analyzer": "whitespace"}
    for facet in ("mechanism", "body", "kind", "country", "region", "language", "response"):
        assert props[facet]["type"] == "keyword"
    assert props["year"]["type"] == "integer"
    assert props["vector"]["type"] == "dense_vector"
    assert props["vector"]["dims"] == DIM
    assert props["vector"]["similarity"] == "cosine"
    assert props["vector"]["index_options"]["type"] == "hnsw"
    assert props["record"] == {"type": "object", "enabled": False}
    assert mapping["dynamic"] == "strict"
    assert mapping["_meta"]["concordia"]["watermark"] == store.seq
    settings = es.indices.get_settings(index=indices[0])[indices[0]]["settings"]["index"]
    assert settings["number_of_shards"] == "2"
    assert settings["number_of_replicas"] == "0"
    # Our analysed terms are indexed as they are: the whitespace analyzer only splits.
    tokens = es.indices.analyze(index=backend.alias, field="stem", text="droit humain ١٨/١٤")
    assert [t["token"] for t in tokens["tokens"]] == ["droit", "humain", "١٨/١٤"]
    # Records come back whole from _source.
    first = store.get([next(iter(store.fingerprints()))])[0]
    assert backend.get([first.id]) == [first]


def test_watermark_survives_a_new_client(es_backend_factory: Factory, store: RecordStore) -> None:
    backend = es_backend_factory(DIM, store)
    assert backend.watermark() == 0
    sync(store, backend, HashingEmbedder(DIM))
    assert backend.watermark() == store.seq
    again = ElasticsearchBackend(backend.config, DIM, store=store)
    try:
        assert again.watermark() == store.seq
        assert again.count() == store.count()
    finally:
        again.close()


def test_dimension_mismatch_is_refused(es_backend_factory: Factory, store: RecordStore) -> None:
    backend = es_backend_factory(DIM, store)
    sync(store, backend, HashingEmbedder(DIM))
    other = ElasticsearchBackend(backend.config, DIM * 2, store=store)
    try:
        with pytest.raises(Exception, match="rebuild"):
            other.count()
    finally:
        other.close()


class _PoisonEmbedder:
    """Hashing vectors, except a zero vector (which cosine similarity cannot index)
    for texts containing `poison`."""

    def __init__(self, poison: str) -> None:
        self.inner = HashingEmbedder(DIM)
        self.dim = DIM
        self.model_id = "poison"
        self.poison = poison

    def embed(self, texts: Sequence[str]) -> Matrix:
        out = self.inner.embed(texts)
        for i, text in enumerate(texts):
            if self.poison in text:
                out[i] = 0.0
        return out


def test_bulk_reports_every_failed_item_and_keeps_the_rest(
    es_backend_factory: Factory, store: RecordStore, contract_records: list[Record]
) -> None:
    backend = es_backend_factory(DIM, store, bulk_docs=7)
    vectors = HashingEmbedder(DIM).embed([r.text for r in contract_records])
    docs = [build_index_doc(r, i, vectors[i]) for i, r in enumerate(contract_records)]
    bad = {docs[3].id, docs[20].id}
    docs[3] = build_index_doc(contract_records[3], 3, np.zeros(DIM, dtype=np.float32))
    docs[20] = build_index_doc(contract_records[20], 20, np.ones(DIM + 1, dtype=np.float32))
    with pytest.raises(BulkIndexingError) as caught:
        backend.upsert(docs)
    failed = caught.value.failed
    assert {f.id for f in failed} == bad
    assert all(f.status == 400 and f.op == "index" and f.reason for f in failed)
    assert caught.value.attempted == len(docs)
    assert "refused 2 of 41" in str(caught.value)
    backend.commit()
    assert backend.count() == len(docs) - 2
    assert backend.last_failures == failed


def test_failed_items_keep_the_watermark_so_a_rerun_retries_them(
    es_backend_factory: Factory, store: RecordStore, contract_records: list[Record]
) -> None:
    backend = es_backend_factory(DIM, store)
    victim = contract_records[10]
    with pytest.raises(BulkIndexingError) as caught:
        sync(store, backend, _PoisonEmbedder(victim.text[:40]), batch=1000)
    assert [f.id for f in caught.value.failed] == [victim.id]
    assert backend.watermark() == 0  # not advanced past what failed
    report = sync(store, backend, HashingEmbedder(DIM))  # the cause is fixed: re-run
    assert report.watermark == store.seq
    assert backend.count() == store.count()
    assert backend.get([victim.id])[0].id == victim.id


def test_delete_of_unknown_ids_is_not_an_error(
    es_backend_factory: Factory, store: RecordStore
) -> None:
    backend = es_backend_factory(DIM, store)
    sync(store, backend, HashingEmbedder(DIM))
    backend.delete(["t-doesnotexist000"])
    backend.commit()
    assert backend.count() == store.count()


def test_clear_empties_and_keeps_the_alias(es_backend_factory: Factory, store: RecordStore) -> None:
    backend = es_backend_factory(DIM, store)
    sync(store, backend, HashingEmbedder(DIM))
    before = backend.concrete_indices()
    backend.clear()
    assert backend.count() == 0 and backend.watermark() == 0
    after = backend.concrete_indices()
    assert len(after) == 1 and after != before
    assert not backend.client.indices.exists(index=before[0])


def test_rebuild_is_invisible_until_swapped(
    es_backend_factory: Factory, store: RecordStore
) -> None:
    backend = es_backend_factory(DIM, store)
    embedder = HashingEmbedder(DIM)
    sync(store, backend, embedder)
    old = backend.concrete_indices()
    new = backend.begin_rebuild()
    assert backend.watermark() == 0  # the new index starts empty...
    backend.upsert([])
    sync(store, backend, embedder, batch=10)
    assert backend.count() == store.count()  # ...while searches still see the old one
    assert backend.concrete_indices() == old
    backend.finish_rebuild()
    assert backend.concrete_indices() == [new]
    assert backend.watermark() == store.seq and backend.count() == store.count()
    assert not backend.client.indices.exists(index=old[0])


def test_interrupted_rebuild_leaves_the_alias_and_its_orphan_is_dropped(
    es_backend_factory: Factory, store: RecordStore, contract_records: list[Record]
) -> None:
    backend = es_backend_factory(DIM, store)
    sync(store, backend, HashingEmbedder(DIM))
    live = backend.concrete_indices()
    with pytest.raises(BulkIndexingError):
        backend.rebuild(store, _PoisonEmbedder(contract_records[5].text[:40]))
    assert len(backend.client.indices.get(index=backend.alias + "-*")) == 1  # aborted one gone
    assert backend.concrete_indices() == live and backend.count() == store.count()
    orphan = backend.begin_rebuild()  # simulate a crash: never finished nor aborted
    backend._building = None
    backend.rebuild(store, HashingEmbedder(DIM))
    assert not backend.client.indices.exists(index=orphan)
    assert backend.count() == store.count()


def test_zero_downtime_rebuild_under_load(
    es_backend_factory: Factory, store: RecordStore, use_embedder: Embedder
) -> None:
    """Four client threads search (keyword, vector, hybrid, facets, get) while the
    index is rebuilt and the alias swapped three times: no error, never an empty answer."""
    backend = es_backend_factory(use_embedder.dim, store, rebuild_drain_seconds=1.0)
    sync(store, backend, use_embedder)
    service = SearchService(backend, use_embedder, load_terminology())
    expected_total = backend.count()
    some_id = next(iter(backend.ids()))
    requests = [
        SearchRequest(query="torture", mode=Mode.KEYWORD),
        SearchRequest(query="enforced disappearance", mode=Mode.VECTOR),
        SearchRequest(query="droits de l'homme", mode=Mode.HYBRID),
        SearchRequest(query="", filters=Filters({"language": ("en",)}), sort=SortOrder.DATE_DESC),
    ]
    baseline = [len(service.search(r).results) for r in requests]
    assert all(baseline)
    stop = threading.Event()
    errors: list[str] = []
    done: Counter[str] = Counter()

    def client(n: int) -> None:
        i = n
        while not stop.is_set():
            request = requests[i % len(requests)]
            i += 1
            try:
                result = service.search(request)
                if len(result.results) != baseline[requests.index(request)]:
                    errors.append(f"{request.query!r}: {len(result.results)} results")
                if backend.count() != expected_total:
                    errors.append("count changed")
                if not backend.get([some_id]):
                    errors.append("get lost a record")
                done[f"thread{n}"] += 1
            except Exception as exc:  # every failure is a test failure
                errors.append(f"{type(exc).__name__}: {exc}")

    threads = [threading.Thread(target=client, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    swapped: list[str] = []
    try:
        time.sleep(0.5)
        for _ in range(3):
            backend.rebuild(store, use_embedder, batch=10)
            swapped += backend.concrete_indices()
            time.sleep(0.3)
    finally:
        stop.set()
        for t in threads:
            t.join(timeout=60)
    print(f"rebuild under load: {len(threads)} threads, {sum(done.values())} searches, "
          f"{len(swapped)} swaps, {len(errors)} errors")  # fmt: skip
    assert not errors, errors[:10]
    assert len(set(swapped)) == 3 and all(done[f"thread{n}"] > 3 for n in range(4))
    assert backend.concrete_indices() == [swapped[-1]]
    assert backend.watermark() == store.seq


def test_unknown_index_name_is_not_an_alias(
    es_backend_factory: Factory, es_node: EsEndpoint
) -> None:
    backend = es_backend_factory(DIM)
    backend.client.indices.create(index=backend.alias)
    try:
        with pytest.raises(Exception, match="not an alias"):
            backend.count()
    finally:
        backend.client.indices.delete(index=backend.alias)


def test_connection_refused_is_backend_unavailable(es_node: EsEndpoint) -> None:
    from tests.es_node import free_port

    config = es_node.config(url=f"http://127.0.0.1:{free_port()}", max_retries=0)
    backend = ElasticsearchBackend(config, DIM)
    started = time.monotonic()
    with pytest.raises(
        BackendUnavailable, match=r"Elasticsearch at http://127\.0\.0\.1:\d+ is unreachable"
    ):
        backend.count()
    assert time.monotonic() - started < 5
    backend.close()

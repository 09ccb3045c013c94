"""The HTTP contract of /api/search, /api/records and /api/health, over real records."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.services import Services
from api.settings import Settings
from indexer.backend.embedded import EmbeddedBackend
from indexer.embed import CachedEmbedder, Embedder, EmbeddingCache
from indexer.record import Record
from indexer.search import SearchService
from indexer.store import RecordStore
from indexer.sync import sync
from indexer.taxonomy import load_taxonomy
from indexer.terminology import load_terminology


@pytest.fixture(scope="module")
def client(
    tmp_path_factory: pytest.TempPathFactory,
    contract_records: list[Record],
    use_embedder: Embedder,
) -> Iterator[TestClient]:
    tmp: Path = tmp_path_factory.mktemp("api")
    settings = Settings(data_dir=tmp)
    store = RecordStore(settings.store_path)
    store.write_batch(contract_records)
    embedder = CachedEmbedder(use_embedder, EmbeddingCache(settings.embeddings_path))
    backend = EmbeddedBackend(store, settings.index_dir, embedder.dim)
    sync(store, backend, embedder)
    services = Services(
        settings, store, embedder, backend,
        SearchService(backend, embedder, load_terminology()), load_taxonomy(),
    )
    with TestClient(create_app(settings, services)) as test_client:
        yield test_client
    services.close()


SEARCH_KEYS = {"total", "took_ms", "results", "facets"}
HIT_KEYS = {"id", "text", "language", "mechanism", "body", "kind", "countries", "symbol",
            "paragraph", "date", "url", "score", "highlight"}


def test_health(client: TestClient) -> None:
    body = client.get("/api/health").json()
    assert body["status"] == "ok"
    assert body["indexed_records"] == body["store_records"] > 0
    assert body["index_lag"] == 0


def test_search_contract(client: TestClient) -> None:
    body = client.get("/api/search", params={"q": "prison"}).json()
    assert set(body) >= SEARCH_KEYS
    assert body["total"] >= len(body["results"]) > 0
    assert set(body["results"][0]) >= HIT_KEYS
    assert {"mechanism", "body", "kind", "country", "region", "year", "language", "response",
            "recommending"} <= set(body["facets"])
    for values in body["facets"].values():
        assert all(set(v) == {"value", "count"} for v in values)


def test_repeated_parameters_are_or_and_different_ones_and(client: TestClient) -> None:
    def total(**params: object) -> int:
        return int(client.get("/api/search", params=params).json()["total"])

    cat = total(body="CAT", mode="keyword")
    upr = total(body="UPR", mode="keyword")
    assert cat > 0 and upr > 0
    assert total(body=["CAT", "UPR"], mode="keyword") == cat + upr
    brazil = total(country="BRA", mode="keyword")
    assert total(body="UPR", country="BRA", mode="keyword") == min(brazil, upr)
    assert total(body="CAT", country="BRA", mode="keyword") == 0


def test_country_names_in_any_language(client: TestClient) -> None:
    codes = client.get("/api/search", params={"country": "BRA", "mode": "keyword"}).json()
    named = client.get("/api/search", params={"country": "Brésil", "mode": "keyword"}).json()
    assert codes["total"] == named["total"] > 0


def test_record_and_language_versions(client: TestClient, contract_records: list[Record]) -> None:
    record = contract_records[0]
    body = client.get(f"/api/records/{record.id}").json()
    assert body["id"] == record.id
    assert body["text"] == record.text
    assert body["provenance"][0]["source"] == record.provenance[0].source
    assert "versions" in body


@pytest.mark.parametrize(
    ("params", "status", "fragment"),
    [
        ({"page": 0}, 400, "page"),
        ({"size": 1000}, 400, "size"),
        ({"year_from": 2015, "year_to": 2010}, 400, "year_from"),
        ({"country": "Atlantis"}, 400, "Atlantis"),
        ({"q": "-torture"}, 400, "exclusions"),
        ({"q": "x" * 1001}, 400, "q"),
        ({"mode": "psychic"}, 400, "mode"),
    ],
)
def test_bad_queries_get_clear_errors(
    client: TestClient, params: dict[str, object], status: int, fragment: str
) -> None:
    response = client.get("/api/search", params=params)
    assert response.status_code == status
    assert fragment in response.json()["error"]["message"]


def test_unknown_record_is_404(client: TestClient) -> None:
    response = client.get("/api/records/r-nosuchrecord0000")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_openapi_is_served(client: TestClient) -> None:
    assert client.get("/openapi.json").json()["info"]["title"] == "Concordia"
    assert client.get("/docs").status_code == 200


def test_cross_lingual_hybrid(client: TestClient) -> None:
    body = client.get(
        "/api/search", params={"q": "tortura y detención arbitraria", "mode": "hybrid"}
    ).json()
    assert body["total"] > 0
    assert {h["language"] for h in body["results"]} - {"es"}


def test_keyword_total_is_the_exact_count_of_word_matches(client: TestClient) -> None:
    keyword = client.get("/api/search", params={"q": "prison", "mode": "keyword"}).json()
    hybrid = client.get("/api/search", params={"q": "prison", "mode": "hybrid"}).json()
    vector = client.get("/api/search", params={"q": "prison", "mode": "vector"}).json()
    assert keyword["keyword_total"] == keyword["total"] > 0
    assert hybrid["keyword_total"] == keyword["total"]
    assert hybrid["total"] >= hybrid["keyword_total"]
    assert vector["keyword_total"] is None

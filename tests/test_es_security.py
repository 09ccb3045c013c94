"""Authentication and TLS on a real node with security on (its own small node).

The node has x-pack security enabled, HTTPS with a throw-away CA, a superuser
and a read-only user (file realm, created with the `elasticsearch-users` tool
before it starts). Without credentials requests are refused; with them they
succeed; the read-only user can search but not write; TLS is verified against
the CA unless verification is explicitly switched off.
"""

from __future__ import annotations

import base64
import ssl
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from indexer.backend.elasticsearch import ElasticsearchBackend, ElasticsearchConfig
from indexer.backend.protocol import Filters
from indexer.embed import HashingEmbedder
from indexer.errors import BackendUnavailable
from indexer.query import parse_query
from indexer.record import Record
from indexer.store import RecordStore
from indexer.sync import sync
from tests.es_fixtures import start_node
from tests.es_node import EsNode

pytestmark = [pytest.mark.es, pytest.mark.slow]

DIM = 32
ADMIN = "concordia-admin"
READER = "concordia-reader"
READ_ROLE = {
    "cluster": ["monitor"],
    "indices": [{"names": ["secure-records*"], "privileges": ["read", "view_index_metadata"]}],
}
PASSWORD = uuid.uuid4().hex


@pytest.fixture(scope="module")
def node(request: pytest.FixtureRequest) -> Iterator[EsNode]:
    started = start_node(
        request.config,
        "secure",
        tls=True,
        users={ADMIN: PASSWORD, READER: (PASSWORD, "concordia_read")},
        roles={"concordia_read": READ_ROLE},
        heap="384m",
    )
    try:
        yield started
    finally:
        started.destroy()


@pytest.fixture(scope="module")
def store(
    tmp_path_factory: pytest.TempPathFactory, contract_records: list[Record]
) -> Iterator[RecordStore]:
    s = RecordStore(tmp_path_factory.mktemp("secure") / "store.sqlite")
    s.write_batch(contract_records)
    yield s
    s.close()


def _config(node: EsNode, **kwargs: object) -> ElasticsearchConfig:
    assert node.ca_cert is not None
    base: dict[str, object] = {
        "url": node.url,
        "index": "secure-records",
        "replicas": 0,
        "ca_certs": str(node.ca_cert),
        "max_retries": 0,
        "request_timeout": 10.0,
    }
    base.update(kwargs)
    return ElasticsearchConfig(**base)  # type: ignore[arg-type]


def _raw(node: EsNode, path: str, auth: str | None) -> int:
    """HTTP status of a GET with the given Authorization header (TLS verified)."""
    assert node.ca_cert is not None
    req = urllib.request.Request(node.url + path)
    if auth:
        req.add_header("Authorization", auth)
    context = ssl.create_default_context(cafile=str(node.ca_cert))
    try:
        with urllib.request.urlopen(req, context=context, timeout=10) as resp:
            return int(resp.status)
    except urllib.error.HTTPError as exc:
        return int(exc.code)


def _basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


def test_requests_without_credentials_are_refused(node: EsNode) -> None:
    assert _raw(node, "/_cluster/health", None) == 401
    assert _raw(node, "/_cluster/health", _basic(ADMIN, "wrong")) == 401
    assert _raw(node, "/_cluster/health", _basic(ADMIN, PASSWORD)) == 200
    backend = ElasticsearchBackend(_config(node), DIM)
    with pytest.raises(BackendUnavailable, match="requires credentials"):
        backend.count()
    backend.close()
    backend = ElasticsearchBackend(_config(node, username=ADMIN, password="wrong"), DIM)
    with pytest.raises(BackendUnavailable, match="rejected CONCORDIA_ES_USERNAME"):
        backend.count()
    backend.close()


def test_user_and_password_index_and_search(node: EsNode, store: RecordStore) -> None:
    backend = ElasticsearchBackend(_config(node, username=ADMIN, password=PASSWORD), DIM)
    sync(store, backend, HashingEmbedder(DIM))
    assert backend.count() == store.count()
    assert backend.keyword(parse_query("torture"), Filters(), 0, 5).total > 0
    backend.close()


def test_read_only_user_searches_but_cannot_write(node: EsNode, store: RecordStore) -> None:
    admin = ElasticsearchBackend(_config(node, username=ADMIN, password=PASSWORD), DIM)
    sync(store, admin, HashingEmbedder(DIM))
    admin.close()
    reader = ElasticsearchBackend(_config(node, username=READER, password=PASSWORD), DIM)
    assert reader.count() == store.count()
    assert len(reader.get([r.id for r in store.iter_records()][:2])) == 2
    with pytest.raises(BackendUnavailable, match="lack a privilege"):
        reader.commit(reader.watermark() + 1)
    reader.close()


def test_api_key_is_sent_as_an_api_key(node: EsNode) -> None:
    """The test distribution cannot mint API keys (they live in the .security index,
    whose mappings need the analysis-common module it lacks), so this proves the
    client presents CONCORDIA_ES_API_KEY as `Authorization: ApiKey ...` and that a
    refusal says which setting was rejected. Minting and using a real key is the
    client's standard path (docs/elasticsearch.md shows how)."""
    fake = base64.b64encode(b"not-an-id:not-a-key").decode()
    assert _raw(node, "/_cluster/health", f"ApiKey {fake}") == 401
    backend = ElasticsearchBackend(_config(node, api_key=fake), DIM)
    with pytest.raises(BackendUnavailable, match="rejected CONCORDIA_ES_API_KEY"):
        backend.count()
    assert backend.client.transport.node_pool.get().base_url == node.url
    backend.close()


def test_tls_is_verified_unless_switched_off(node: EsNode) -> None:
    unverified = _config(node, username=ADMIN, password=PASSWORD, ca_certs=None)
    backend = ElasticsearchBackend(unverified, DIM)
    with pytest.raises(BackendUnavailable, match=r"TLS handshake failed.*CONCORDIA_ES_CA_CERTS"):
        backend.count()
    backend.close()
    insecure = _config(node, username=ADMIN, password=PASSWORD, ca_certs=None, verify_certs=False)
    backend = ElasticsearchBackend(insecure, DIM)
    assert backend.count() >= 0
    backend.close()


def test_plain_http_to_a_tls_node_fails_clearly(node: EsNode) -> None:
    config = _config(node, username=ADMIN, password=PASSWORD, ca_certs=None)
    plain = ElasticsearchConfig(
        url=config.url.replace("https://", "http://"), index=config.index, max_retries=0,
        username=ADMIN, password=PASSWORD,
    )  # fmt: skip
    backend = ElasticsearchBackend(plain, DIM)
    with pytest.raises(BackendUnavailable, match=r"Elasticsearch at http://127\.0\.0\.1"):
        backend.count()
    backend.close()
    assert Path(str(node.ca_cert)).read_text().startswith("-----BEGIN CERTIFICATE-----")

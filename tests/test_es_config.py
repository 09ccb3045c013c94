"""ElasticsearchConfig, the query translation and error mapping: no node needed."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from indexer.backend.elasticsearch import ElasticsearchBackend, ElasticsearchConfig
from indexer.backend.elasticsearch.config import config_from_settings
from indexer.backend.elasticsearch.translate import plan_query, search_query
from indexer.backend.protocol import Filters
from indexer.errors import BackendUnavailable, ConfigError
from indexer.query import AllOf, AnyOf, KeywordPlan, Phrase, Term


def test_from_env_reads_every_variable(tmp_path: Path) -> None:
    ca = tmp_path / "ca.pem"
    ca.write_text("x")
    config = ElasticsearchConfig.from_env(
        {
            "CONCORDIA_ES_URL": "https://es.example.org:9243",
            "CONCORDIA_ES_INDEX": "concordia-prod",
            "CONCORDIA_ES_USERNAME": "concordia",
            "CONCORDIA_ES_PASSWORD": "s3cret",
            "CONCORDIA_ES_CA_CERTS": str(ca),
            "CONCORDIA_ES_VERIFY_CERTS": "true",
            "CONCORDIA_ES_SHARDS": "3",
            "CONCORDIA_ES_REPLICAS": "2",
        }
    )
    assert config.url == "https://es.example.org:9243" and config.https
    assert (config.index, config.shards, config.replicas) == ("concordia-prod", 3, 2)
    assert config.auth_mode == "basic" and config.ca_certs == str(ca) and config.verify_certs
    keyed = ElasticsearchConfig.from_env({"CONCORDIA_ES_API_KEY": "abc=="})
    assert keyed.auth_mode == "api_key" and keyed.url == "http://127.0.0.1:9200"


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"CONCORDIA_ES_URL": "es.example.org"}, "http"),
        ({"CONCORDIA_ES_INDEX": "Concordia*"}, "lowercase"),
        (
            {
                "CONCORDIA_ES_API_KEY": "k",
                "CONCORDIA_ES_USERNAME": "u",
                "CONCORDIA_ES_PASSWORD": "p",
            },
            "not both",
        ),
        ({"CONCORDIA_ES_USERNAME": "u"}, "go together"),
        ({"CONCORDIA_ES_CA_CERTS": "/nonexistent/ca.pem"}, "no such file"),
        ({"CONCORDIA_ES_SHARDS": "two"}, "integer"),
        ({"CONCORDIA_ES_REPLICAS": "-1"}, ">= 0"),
        ({"CONCORDIA_ES_VERIFY_CERTS": "maybe"}, "true or false"),
    ],
)
def test_bad_settings_are_refused(env: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        ElasticsearchConfig.from_env(env)


def test_config_from_api_settings() -> None:
    from api.settings import Settings

    settings = Settings(
        backend="elasticsearch",
        es_url="http://127.0.0.1:9201",
        es_index="concordia-x",
        es_username="u",
        es_password="p",  # type: ignore[arg-type]
        es_shards=2,
        es_replicas=0,
    )
    config = config_from_settings(settings)
    assert (config.url, config.index, config.username, config.password) == (
        "http://127.0.0.1:9201", "concordia-x", "u", "p",
    )  # fmt: skip
    assert (config.shards, config.replicas) == (2, 0)


def test_plan_translation_is_literal() -> None:
    plan = KeywordPlan(
        must=(
            AnyOf((Term("stem", "tortur"), Term("exact", "torture"), Term("title", "tortur", 0.3))),
            Phrase("exact", ("human", "rights")),
        ),
        should=(AllOf((Term("stem", "a"), Term("stem", "b")), 0.9),),
        must_not=(Term("stem", "x"),),
        min_should=0,
    )
    assert plan_query(plan) == {
        "bool": {
            "must": [
                {
                    "dis_max": {
                        "queries": [
                            {"term": {"stem": {"value": "tortur"}}},
                            {"term": {"exact": {"value": "torture"}}},
                            {"term": {"title": {"value": "tortur", "boost": 0.3}}},
                        ],
                        "tie_breaker": 0.0,
                    }
                },
                {"match_phrase": {"exact": {"query": "human rights", "slop": 0}}},
            ],
            "should": [
                {
                    "bool": {
                        "must": [
                            {"term": {"stem": {"value": "a"}}},
                            {"term": {"stem": {"value": "b"}}},
                        ],
                        "boost": 0.9,
                    }
                }
            ],
            "minimum_should_match": 0,
            "must_not": [{"term": {"stem": {"value": "x"}}}],
        }
    }
    only_should = KeywordPlan(should=(Term("stem", "a"), Term("stem", "b")))
    assert plan_query(only_should)["bool"]["minimum_should_match"] == 1
    filtered = search_query(
        None, Filters({"country": ("MEX", "GTM"), "year": ("2019",)}, year_from=2015)
    )
    assert filtered == {
        "bool": {
            "must": [{"match_all": {}}],
            "filter": [
                {
                    "bool": {
                        "filter": [
                            {"terms": {"country": ["MEX", "GTM"]}},
                            {"terms": {"year": [2019]}},
                            {"range": {"year": {"gte": 2015}}},
                        ]
                    }
                }
            ],
        }
    }


@pytest.fixture
def silent_server() -> Iterator[int]:
    """A TCP server that accepts connections and never answers."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = server.accept()
                held.append(conn)
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield int(server.getsockname()[1])
    stop.set()
    thread.join()
    for conn in held:
        conn.close()
    server.close()


def test_timeout_is_backend_unavailable(silent_server: int) -> None:
    config = ElasticsearchConfig(
        url=f"http://127.0.0.1:{silent_server}", request_timeout=0.5, max_retries=0
    )
    backend = ElasticsearchBackend(config, 8)
    started = time.monotonic()
    with pytest.raises(BackendUnavailable, match=r"did not answer within 0\.5s"):
        backend.count()
    assert time.monotonic() - started < 5
    backend.close()

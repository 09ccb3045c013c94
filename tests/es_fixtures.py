"""Pytest plugin: a real Elasticsearch node per test session, and backends on it.

Registered by tests/conftest.py (`pytest_plugins`). The node is started lazily,
by the first test that needs it (tests marked `es`), and stopped at the end of
the session. Set CONCORDIA_TEST_ES_URL to run against a node you started
yourself (e.g. `.ci/es.sh start`) instead; it must have security off.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest

from indexer.backend.elasticsearch import ElasticsearchBackend, ElasticsearchConfig
from indexer.backend.elasticsearch.client import make_client
from indexer.backend.protocol import SearchBackend
from indexer.store import RecordStore
from tests.es_node import EsNode, es_version


@dataclass
class EsEndpoint:
    url: str
    node: EsNode | None  # None: an external node we must not stop

    def config(self, **overrides: Any) -> ElasticsearchConfig:
        """A config on this node with a fresh alias, no replicas (single node: green)."""
        base = ElasticsearchConfig(
            url=self.url,
            index=f"test-{uuid.uuid4().hex[:10]}",
            replicas=0,
            request_timeout=20.0,
            rebuild_drain_seconds=0.5,
        )
        return replace(base, **overrides)


def _report(config: pytest.Config, line: str) -> None:
    """A line in the test log even under output capture (CI shows the node starting)."""
    reporter = config.pluginmanager.getplugin("terminalreporter")
    capture = config.pluginmanager.getplugin("capturemanager")
    if reporter is None:  # pragma: no cover
        print(line)
        return
    if capture is not None:
        with capture.global_and_fixture_disabled():
            reporter.write("\n")
            reporter.write_line(line)
    else:  # pragma: no cover
        reporter.write_line(line)


def start_node(config: pytest.Config, name: str, **kwargs: Any) -> EsNode:
    """Create and start a node, saying so in the test log (CI shows it)."""
    node = EsNode.create(name, **kwargs)
    user = "concordia-es" if os.geteuid() == 0 else "the current user"
    _report(
        config,
        f"[es] starting Elasticsearch {es_version()} ({name}) on {node.url}: "
        f"JDK {node.java_home.name}, heap {node.heap}, "
        f"security {'on' if node.security else 'off'}, as {user}",
    )
    try:
        node.start()
    except Exception:
        node.destroy()
        raise
    _report(config, f"[es] {name}: green after {node.startup_seconds}s")
    return node


@pytest.fixture(scope="session")
def es_node(request: pytest.FixtureRequest) -> Iterator[EsEndpoint]:
    """The session's Elasticsearch node (security off)."""
    external = os.environ.get("CONCORDIA_TEST_ES_URL")
    if external:
        _report(request.config, f"[es] using the external node at {external}")
        yield EsEndpoint(external.rstrip("/"), None)
        return
    node = start_node(request.config, "session")
    try:
        yield EsEndpoint(node.url, node)
    finally:
        node.destroy()
        _report(request.config, "[es] session node stopped")


def drop_indices(backend: ElasticsearchBackend) -> None:
    """Delete every index of the backend's alias (with a client of our own: the
    backend may be closed already)."""
    with make_client(backend.config) as es:
        client = es.options(ignore_status=404)
        found = client.indices.get(index=f"{backend.alias}-*", expand_wildcards="all")
        if found.meta.status == 200 and found.body:
            client.indices.delete(index=",".join(found.body))


@pytest.fixture
def es_backend_factory(
    es_node: EsEndpoint,
) -> Iterator[Callable[..., ElasticsearchBackend]]:
    """make(dim, store=None, **config overrides) -> a backend on its own alias; dropped after."""
    made: list[ElasticsearchBackend] = []

    def make(dim: int, store: RecordStore | None = None, **overrides: Any) -> ElasticsearchBackend:
        backend = ElasticsearchBackend(es_node.config(**overrides), dim, store=store)
        made.append(backend)
        return backend

    yield make
    for backend in made:
        try:
            drop_indices(backend)
        finally:
            backend.close()


def contract_factory(
    store: RecordStore, tmp: Path, dim: int, request: pytest.FixtureRequest
) -> SearchBackend:
    """The Elasticsearch entry of tests/contract/backends.py FACTORIES."""
    del tmp
    endpoint: EsEndpoint = request.getfixturevalue("es_node")
    backend = ElasticsearchBackend(endpoint.config(), dim, store=store)

    def cleanup() -> None:
        try:
            drop_indices(backend)
        finally:
            backend.close()

    request.addfinalizer(cleanup)
    return backend

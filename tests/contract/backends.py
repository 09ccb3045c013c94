"""The backends the contract suite runs against.

To add a backend, add a factory to `FACTORIES`: it receives the record store
(the source of truth, already filled), a fresh temporary directory, the vector
dimension and the pytest request (to reach session fixtures such as a running
server), and returns an empty `SearchBackend`. Mark server-bound backends with
`MARKS` so they can be selected (`-m es`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from indexer.backend.embedded import EmbeddedBackend
from indexer.backend.protocol import SearchBackend
from indexer.store import RecordStore

Factory = Callable[[RecordStore, Path, int, pytest.FixtureRequest], SearchBackend]


def _embedded(store: RecordStore, tmp: Path, dim: int, _: pytest.FixtureRequest) -> SearchBackend:
    return EmbeddedBackend(store, tmp / "index", dim)


FACTORIES: dict[str, Factory] = {"embedded": _embedded}
MARKS: dict[str, list[pytest.MarkDecorator]] = {}

try:  # the Elasticsearch backend registers itself when its test support is present
    from tests.es_fixtures import contract_factory as _es_factory
except ImportError:  # pragma: no cover - only before the ES backend landed
    pass
else:
    FACTORIES["elasticsearch"] = _es_factory
    MARKS["elasticsearch"] = [pytest.mark.es]


def backend_params() -> list[object]:
    return [pytest.param(name, marks=MARKS.get(name, []), id=name) for name in FACTORIES]

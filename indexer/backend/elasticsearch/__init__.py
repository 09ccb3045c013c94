"""The Elasticsearch backend (see docs/elasticsearch.md)."""

from typing import Any

from indexer.backend.elasticsearch.backend import (
    BulkIndexingError,
    ClusterOverloaded,
    ElasticsearchBackend,
    FailedItem,
    rebuild,
)
from indexer.backend.elasticsearch.config import ElasticsearchConfig, config_from_settings
from indexer.store import RecordStore


def from_settings(settings: Any, store: RecordStore, dim: int) -> ElasticsearchBackend:
    """The backend `api.settings.Settings` (CONCORDIA_ES_*) describes."""
    return ElasticsearchBackend(config_from_settings(settings), dim, store=store)


__all__ = [
    "BulkIndexingError",
    "ClusterOverloaded",
    "ElasticsearchBackend",
    "ElasticsearchConfig",
    "FailedItem",
    "config_from_settings",
    "from_settings",
    "rebuild",
]

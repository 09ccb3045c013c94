"""The Elasticsearch backend (see docs/elasticsearch.md)."""

from indexer.backend.elasticsearch.backend import (
    BulkIndexingError,
    ClusterOverloaded,
    ElasticsearchBackend,
    FailedItem,
    rebuild,
)
from indexer.backend.elasticsearch.config import ElasticsearchConfig

__all__ = [
    "BulkIndexingError",
    "ClusterOverloaded",
    "ElasticsearchBackend",
    "ElasticsearchConfig",
    "FailedItem",
    "rebuild",
]

"""Wiring: the store, the embedder, the configured backend and the search service.

Built explicitly by the app factory and the CLI, never at import time, so tests
can inject their own backend and nothing touches the disk on import.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from api.settings import Settings
from indexer.backend.protocol import SearchBackend
from indexer.citations import citation_index
from indexer.embed import CachedEmbedder, EmbeddingCache, make_embedder
from indexer.search import SearchService
from indexer.store import RecordStore
from indexer.sync import ProgressFn, SyncReport, sync
from indexer.taxonomy import Taxonomy, load_taxonomy
from indexer.terminology import load_terminology

log = logging.getLogger("concordia")


@dataclass(slots=True)
class Services:
    settings: Settings
    store: RecordStore
    embedder: CachedEmbedder
    backend: SearchBackend
    search: SearchService
    taxonomy: Taxonomy

    def sync(self, progress: ProgressFn | None = None) -> SyncReport:
        report = sync(self.store, self.backend, self.embedder, progress=progress)
        citation_index(self.store)  # cites/cited-by and case keys catch up too
        return report

    def close(self) -> None:
        self.backend.close()
        self.embedder.cache.close()
        self.store.close()


def make_backend(settings: Settings, store: RecordStore, dim: int) -> SearchBackend:
    if settings.backend == "elasticsearch":
        from indexer.backend.elasticsearch import from_settings

        return from_settings(settings, store, dim)
    from indexer.backend.embedded import EmbeddedBackend

    return EmbeddedBackend(store, settings.index_dir, dim)


def open_services(settings: Settings, backend: str | None = None) -> Services:
    if backend is not None and backend != settings.backend:
        settings = settings.model_copy(update={"backend": backend})
    store = RecordStore(settings.store_path)
    embedder = CachedEmbedder(
        make_embedder(settings.embedder, settings.embed_threads),
        EmbeddingCache(settings.embeddings_path),
    )
    engine = make_backend(settings, store, embedder.dim)
    taxonomy = load_taxonomy()
    search = SearchService(engine, embedder, load_terminology())
    return Services(settings, store, embedder, engine, search, taxonomy)

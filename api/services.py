"""Wiring: the store, the embedder, the configured backend and the search service.

Built explicitly by the app factory and the CLI, never at import time, so tests
can inject their own backend and nothing touches the disk on import.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from api.settings import Settings
from indexer.backend.protocol import SearchBackend
from indexer.citations import citation_index
from indexer.embed import CachedEmbedder, EmbeddingCache, make_embedder
from indexer.errors import BadQuery, NotFound
from indexer.record import MechanismType, Record
from indexer.related import RelatedItem, RelatedQuery, find_related
from indexer.search import SearchService
from indexer.store import RecordStore
from indexer.sync import ProgressFn, SyncReport, sync
from indexer.taxonomy import Taxonomy, load_taxonomy
from indexer.terminology import load_terminology

log = logging.getLogger("concordia")


@dataclass(slots=True)
class Related:
    record: Record
    items: list[RelatedItem]
    took_ms: float
    cited_by: list[dict[str, Any]]

    def to_json(self) -> dict[str, Any]:
        return {
            "record_id": self.record.id,
            "took_ms": self.took_ms,
            "results": [item.to_json() for item in self.items],
            "cited_by": self.cited_by,
            "scoring": "indexer/related.py; docs/duplicates.md",
        }


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

    def related(
        self,
        record_id: str,
        mechanisms: Sequence[str] = (),
        size: int = 10,
        include_same: bool = False,
        same_country: bool = False,
    ) -> Related:
        """What the API's related endpoint and `concordia related` answer, in one place.

        `mechanisms` are mechanism types or bodies by code or name (resolved here, so
        that "Human Rights Committee" and "CCPR" mean the same); an unknown one is a
        bad query rather than an empty answer.
        """
        found = self.backend.get([record_id])
        if not found:
            raise NotFound(f"no record with id {record_id!r}")
        record = found[0]
        types = {m.value for m in MechanismType}
        wanted: list[str] = []
        for value in mechanisms:
            if value in types:
                wanted.append(value)
                continue
            body = self.taxonomy.resolve_body(value)
            if body is None:
                raise BadQuery(f"unknown mechanism or body {value!r}")
            wanted.append(body.code)
        links = citation_index(self.store)
        query = RelatedQuery(size, tuple(wanted), include_same, same_country)
        items, took = find_related(record, self.backend, links, self.embedder, query)
        cited_by = [d.to_json() for d in links.cited_by(record)]
        return Related(record, items, took, cited_by)

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

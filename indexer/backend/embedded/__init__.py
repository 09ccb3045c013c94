"""The embedded backend: one local directory, nothing to start.

    <data>/store.sqlite        the records (source of truth, see indexer.store)
    <data>/index/keyword/      tantivy
    <data>/index/vectors/      memory-mapped vectors + HNSW graph
    <data>/index/state.json    the store sequence both indices hold

A crash between the two commits is harmless: `state.json` is written last, and
replaying changes from the previous watermark is idempotent.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from indexer.backend.embedded.keyword import KeywordIndex
from indexer.backend.embedded.vectors import VectorIndex, _atomic_write
from indexer.backend.protocol import (
    NO_FILTERS,
    FacetCounts,
    Filters,
    Hit,
    HitPage,
    IndexDoc,
    SortOrder,
    Vector,
)
from indexer.query import KeywordPlan
from indexer.record import Record
from indexer.store import RecordStore

# Filter sets up to this size are resolved to rows and scanned exactly.
EXACT_FILTER_MAX = 20_000


class EmbeddedBackend:
    name = "embedded"

    def __init__(self, store: RecordStore, index_dir: Path, dim: int, threads: int = 1) -> None:
        self.store = store
        self.index_dir = index_dir
        index_dir.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        self.keyword_index = KeywordIndex(index_dir / "keyword", threads=threads)
        self.vector_index = VectorIndex(index_dir / "vectors", dim)
        self._state_path = index_dir / "state.json"
        self._state = self._read_state()

    def _read_state(self) -> dict[str, Any]:
        if self._state_path.exists():
            data: dict[str, Any] = json.loads(self._state_path.read_text(encoding="utf-8"))
            return data
        return {"watermark": 0}

    def state(self, key: str) -> Any:
        return self._state.get(key)

    def set_state(self, key: str, value: Any) -> None:
        self._state[key] = value
        _atomic_write(self._state_path, json.dumps(self._state, sort_keys=True))

    # --- writing ---------------------------------------------------------
    def upsert(self, docs: Sequence[IndexDoc]) -> None:
        with self._lock:
            self.keyword_index.upsert(docs)
            with_vectors = [d for d in docs if d.vector is not None]
            if with_vectors:
                self.vector_index.upsert(
                    [d.row for d in with_vectors],
                    np.stack([d.vector for d in with_vectors if d.vector is not None]),
                )
            without = [d.row for d in docs if d.vector is None]
            if without:
                self.vector_index.delete(without)

    def delete(self, ids: Sequence[str]) -> None:
        with self._lock:
            self.keyword_index.delete(ids)
            rows = self.store.rows_for(ids)
            self.vector_index.delete(list(rows.values()))

    def commit(self, watermark: int | None = None) -> None:
        with self._lock:
            self.keyword_index.commit()
            self.vector_index.commit()
            if watermark is not None:
                self.set_state("watermark", watermark)

    def watermark(self) -> int:
        return int(self._state.get("watermark", 0))

    def clear(self) -> None:
        with self._lock:
            self.keyword_index.clear()
            self.vector_index.clear()
            self.set_state("watermark", 0)

    # --- reading ---------------------------------------------------------
    def count(self, filters: Filters = NO_FILTERS) -> int:
        return self.keyword_index.count(filters)

    def get(self, ids: Sequence[str]) -> list[Record]:
        return self.store.get(ids)

    def ids(self) -> Iterable[str]:
        return self.keyword_index.ids()

    def keyword(
        self,
        plan: KeywordPlan | None,
        filters: Filters,
        offset: int,
        limit: int,
        sort: SortOrder = SortOrder.RELEVANCE,
    ) -> HitPage:
        return self.keyword_index.search(plan, filters, offset, limit, sort)

    def vector(self, vector: Vector, filters: Filters, k: int) -> list[Hit]:
        allowed = None
        if not filters.empty:
            allowed = self.keyword_index.rows(filters, EXACT_FILTER_MAX)
            if allowed is None:
                return self._vector_oversampled(vector, filters, k)
        found = self.vector_index.search(vector, k, allowed)
        return self._hits_for_rows(found)

    def _vector_oversampled(self, vector: Vector, filters: Filters, k: int) -> list[Hit]:
        """Large filter sets: search wider, keep what passes the filter, widen if short."""
        want = k * 4
        total_alive = int(self.vector_index.alive_rows().shape[0])
        while True:
            found = self.vector_index.search(vector, want, None)
            hits = self._hits_for_rows(found)
            if not hits:
                return []
            passing = self.keyword_index.search(
                None,
                Filters(
                    filters.terms,
                    filters.year_from,
                    filters.year_to,
                    filters.exclude_ids,
                    tuple(h.id for h in hits),
                ),
                0,
                len(hits),
                SortOrder.RELEVANCE,
            )
            keep = {h.id for h in passing.hits}
            chosen = [h for h in hits if h.id in keep]
            if len(chosen) >= k or want >= total_alive:
                return chosen[:k]
            want *= 4

    def _hits_for_rows(self, found: list[tuple[int, float]]) -> list[Hit]:
        if not found:
            return []
        ids = self.store.ids_for_rows([r for r, _ in found])
        return [Hit(ids[r], s) for r, s in found if r in ids]

    def facets(
        self,
        plan: KeywordPlan | None,
        filters: Filters,
        names: Sequence[str],
        size: int,
    ) -> FacetCounts:
        return self.keyword_index.facets(plan, filters, names, size)

    def vectors_for(self, ids: Sequence[str]) -> dict[str, Vector]:
        rows = self.store.rows_for(ids)
        if not rows:
            return {}
        alive = {i: r for i, r in rows.items() if self.vector_index.alive[r]}
        if not alive:
            return {}
        matrix = self.vector_index.get(list(alive.values()))
        return {i: matrix[n] for n, i in enumerate(alive)}

    def close(self) -> None:
        with self._lock:
            self.keyword_index.commit()
            self.vector_index.close()

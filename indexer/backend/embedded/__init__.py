"""The embedded backend: one local directory, nothing to start.

    <data>/store.sqlite        the records (source of truth, see indexer.store)
    <data>/index/keyword/      tantivy
    <data>/index/vectors/      memory-mapped vectors + HNSW graph
    <data>/index/columns/      facet values and ids by row (filters for vector search)
    <data>/index/state.json    the store sequence the indices hold

A crash between the commits is harmless: `state.json` is written last, and
replaying changes from the previous watermark is idempotent.

Hits are rows until the last moment: tantivy gives each hit's row from a fast
field and vector search works on rows, and the row -> id column turns the few
rows returned into ids, so a search never reads a stored document or the store.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from indexer.backend.embedded.columns import FacetColumns
from indexer.backend.embedded.files import atomic_write
from indexer.backend.embedded.keyword import KeywordIndex
from indexer.backend.embedded.vectors import VectorIndex
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

log = logging.getLogger(__name__)

# Bumped when the layout of the derived files changes; older indices are completed
# from the store when opened.
COLUMNS_VERSION = 1
ROW_CACHE = 100_000  # ids of recent hits whose row is remembered (a few MiB)


class EmbeddedBackend:
    name = "embedded"

    def __init__(self, store: RecordStore, index_dir: Path, dim: int, threads: int = 1) -> None:
        self.store = store
        self.index_dir = index_dir
        index_dir.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        self.keyword_index = KeywordIndex(index_dir / "keyword", threads=threads)
        self.vector_index = VectorIndex(index_dir / "vectors", dim)
        self.columns = FacetColumns(index_dir / "columns")
        self.keyword_index.row_ids = self._ids_of_rows
        # id -> row of the hits returned since the last change: the service asks about
        # its hits again (facets of the vector hits, keyword matches among them), and
        # the row of each is known here without asking the store.
        self._row_of: dict[str, int] = {}
        self._state_path = index_dir / "state.json"
        self._state = self._read_state()
        if self._state.get("columns") != COLUMNS_VERSION:
            self._fill_columns()

    def _read_state(self) -> dict[str, Any]:
        if self._state_path.exists():
            data: dict[str, Any] = json.loads(self._state_path.read_text(encoding="utf-8"))
            return data
        return {"watermark": 0}

    def _fill_columns(self) -> None:
        """An index written before the columns existed: derive them from the store."""
        watermark = self.watermark()
        if watermark and self.keyword_index.num_docs():
            log.info("deriving facet columns for %s from the store", self.index_dir)
            for chunk in self.store.changes_since(0, 2000):
                live = [s for s in chunk if not s.deleted and s.seq <= watermark]
                self.columns.upsert(
                    [s.row for s in live],
                    [s.record.id for s in live],
                    [s.record.facet_values() for s in live],
                    [s.record.year for s in live],
                )
            self.columns.commit()
        self.set_state("columns", COLUMNS_VERSION)

    def state(self, key: str) -> Any:
        return self._state.get(key)

    def set_state(self, key: str, value: Any) -> None:
        self._state[key] = value
        atomic_write(self._state_path, json.dumps(self._state, sort_keys=True))

    # --- writing ---------------------------------------------------------
    def upsert(self, docs: Sequence[IndexDoc]) -> None:
        with self._lock:
            self._row_of = {}
            self.keyword_index.upsert(docs)
            self.columns.upsert(
                [d.row for d in docs],
                [d.id for d in docs],
                [d.facets for d in docs],
                [d.year for d in docs],
            )
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
            self._row_of = {}
            self.keyword_index.delete(ids)
            rows = list(self.store.rows_for(ids).values())
            self.columns.delete(rows)
            self.vector_index.delete(rows)

    def commit(self, watermark: int | None = None) -> None:
        with self._lock:
            self.keyword_index.commit()
            self.columns.commit()
            self.vector_index.commit()
            if watermark is not None:
                self.set_state("watermark", watermark)

    def watermark(self) -> int:
        return int(self._state.get("watermark", 0))

    def clear(self) -> None:
        with self._lock:
            self._row_of = {}
            self.keyword_index.clear()
            self.columns.clear()
            self.vector_index.clear()
            self.set_state("watermark", 0)

    # --- reading ---------------------------------------------------------
    def count(self, filters: Filters = NO_FILTERS) -> int:
        return self.keyword_index.count(filters)

    def get(self, ids: Sequence[str]) -> list[Record]:
        return self.store.get(ids)

    def ids(self) -> Iterable[str]:
        rows = np.flatnonzero(np.asarray(self.columns.present))
        return self.columns.id_of(rows)

    def keyword(
        self,
        plan: KeywordPlan | None,
        filters: Filters,
        offset: int,
        limit: int,
        sort: SortOrder = SortOrder.RELEVANCE,
    ) -> HitPage:
        return self.keyword_index.search(plan, filters, offset, limit, sort)

    def filter_rows(self, filters: Filters) -> np.ndarray[Any, np.dtype[np.int64]] | None:
        """Rows passing `filters` (None when nothing is filtered)."""
        ids = (*filters.exclude_ids, *(filters.include_ids or ()))
        known = self._row_of
        id_rows = {i: known[i] for i in ids if i in known}
        missing = [i for i in ids if i not in id_rows]
        if missing:
            id_rows.update(self.store.rows_for(missing))
        return self.columns.rows(filters, id_rows)

    def vector(self, vector: Vector, filters: Filters, k: int) -> list[Hit]:
        allowed = None if filters.empty else self.filter_rows(filters)
        found = self.vector_index.search(vector, k, allowed)
        return self._hits_for_rows(found)

    def _ids_of_rows(self, rows: Sequence[int]) -> list[str]:
        ids = self.columns.id_of(rows)
        known = self._row_of
        if len(known) > ROW_CACHE:
            known = self._row_of = {}
        for rid, row in zip(ids, rows, strict=True):
            if rid:
                known[rid] = int(row)
        return ids

    def _hits_for_rows(self, found: list[tuple[int, float]]) -> list[Hit]:
        if not found:
            return []
        ids = self._ids_of_rows([r for r, _ in found])
        return [Hit(i, s) for i, (_, s) in zip(ids, found, strict=True) if i]

    def facets(
        self,
        plan: KeywordPlan | None,
        filters: Filters,
        names: Sequence[str],
        size: int,
    ) -> FacetCounts:
        if plan is None or plan.is_empty:
            # No query: the counts come from the columns (the facets of a set of hits,
            # of a filtered browse), not from a pass of tantivy over the index.
            return self.columns.counts(self.filter_rows(filters), names, size)
        return self.keyword_index.facets(plan, filters, names, size)

    def disjunctive_facets(
        self, plan: KeywordPlan | None, filters: Filters, names: Sequence[str], size: int
    ) -> FacetCounts:
        """Facet counts as the search service shows them (a selected facet counted
        without its own filter), in one pass instead of one per selected facet."""
        if plan is not None and not plan.is_empty:
            found = self.keyword_index.disjunctive_facets(plan, filters, names, size)
            if found is not None:
                return found
        out: FacetCounts = {}
        selected = [n for n in names if filters.terms.get(n)]
        plain = [n for n in names if n not in selected]
        if plain:
            out.update(self.facets(plan, filters, plain, size))
        for name in selected:
            out.update(self.facets(plan, filters.without([name]), [name], size))
        return {n: out.get(n, []) for n in names}

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
            self.columns.commit()
            self.vector_index.close()

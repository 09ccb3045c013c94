"""Bring a backend up to date with the store.

One path serves a normal ingest, recovery after a crash and a full rebuild:
read the store's changes after the backend's watermark, analyse and embed them,
index, commit with the new watermark. Replaying is idempotent.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from indexer.backend.protocol import SearchBackend
from indexer.document import build_index_doc
from indexer.embed import Embedder
from indexer.store import RecordStore

ProgressFn = Callable[[int], None]


@dataclass(slots=True)
class SyncReport:
    indexed: int = 0
    deleted: int = 0
    watermark: int = 0


def sync(
    store: RecordStore,
    backend: SearchBackend,
    embedder: Embedder,
    batch: int = 1000,
    progress: ProgressFn | None = None,
    commit_every: int = 20_000,
) -> SyncReport:
    report = SyncReport(watermark=backend.watermark())
    pending = 0
    for chunk in store.changes_since(report.watermark, batch):
        live = [s for s in chunk if not s.deleted]
        gone = [s.record.id for s in chunk if s.deleted]
        vectors = embedder.embed([s.record.text for s in live])
        docs = [build_index_doc(s.record, s.row, vectors[i]) for i, s in enumerate(live)]
        if gone:
            backend.delete(gone)
        if docs:
            backend.upsert(docs)
        report.indexed += len(docs)
        report.deleted += len(gone)
        report.watermark = chunk[-1].seq
        pending += len(chunk)
        if pending >= commit_every:
            backend.commit(report.watermark)
            pending = 0
        if progress:
            progress(len(chunk))
    backend.commit(report.watermark)
    return report


def rebuild(
    store: RecordStore,
    backend: SearchBackend,
    embedder: Embedder,
    batch: int = 1000,
    progress: ProgressFn | None = None,
) -> SyncReport:
    backend.clear()
    return sync(store, backend, embedder, batch, progress)

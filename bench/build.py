"""Building the benchmark corpora, one timed phase at a time.

Ingest is measured in phases so that each backend is charged for what it does
and nothing else, and so that a long run can resume:

- `store`: parse the source (importers, or the synthetic file), validate,
  detect the language, enrich (citations, rights) and write the store. The same
  for every backend.
- `embed`: compute the embedding of every new text (the cache starts empty:
  this is the cold cost). The same for every backend.
- `index/<backend>`: analyse every record, write it to the backend, commit (the
  embedded backend also builds and saves its HNSW graph; Elasticsearch refreshes
  after a bulk load with refreshes off, as `concordia index --rebuild` does).
  Embeddings come from the cache filled by `embed`.

End-to-end cold ingest for a backend is `store + embed + index/<backend>`; warm
ingest is the same commands run again over the unchanged corpus.

Phases already measured in the work directory are not run again unless asked
(`--fresh`): their numbers, with the date they were taken, go to the report.
"""

from __future__ import annotations

import contextlib
import fcntl
import itertools
import logging
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from bench.common import dir_bytes, mib, now_iso, read_json, timed, write_json
from indexer.backend.protocol import SearchBackend
from indexer.embed import CachedEmbedder, EmbeddingCache, UseOnnxEmbedder, text_key
from indexer.pipeline import Item, ingest
from indexer.search import SearchService
from indexer.store import RecordStore
from indexer.sync import rebuild, sync
from indexer.terminology import load_terminology

log = logging.getLogger("bench")

ItemsFactory = Callable[[], Iterator[Item]]


@dataclass
class Corpus:
    """One benchmark corpus: its store, its embedding cache, its indices."""

    name: str
    root: Path
    embeddings: Path | None = None

    @property
    def store_path(self) -> Path:
        return self.root / "store.sqlite"

    @property
    def embeddings_path(self) -> Path:
        return self.embeddings or self.root / "embeddings.sqlite"

    @property
    def model_embeddings_path(self) -> Path:
        """Vectors computed by the model alone (`model_embed_phase`), apart from the
        cache the indices read (which may hold derived vectors, see `derive_phase`)."""
        return self.root / "embeddings.model.sqlite"

    @property
    def index_dir(self) -> Path:
        return self.root / "index"

    @property
    def es_alias(self) -> str:
        return f"bench-{self.name}"


class Phases:
    """Results of measured phases, kept in the work directory between runs."""

    def __init__(self, work: Path) -> None:
        self.path = work / "phases.json"
        self.data: dict[str, Any] = read_json(self.path) or {}

    def get(self, key: str) -> dict[str, Any] | None:
        value = self.data.get(key)
        return value if isinstance(value, dict) else None

    def put(self, key: str, value: dict[str, Any]) -> dict[str, Any]:
        value = {**value, "measured_at": now_iso()}
        with self._locked():  # another run may have recorded phases meanwhile
            self.data = read_json(self.path) or {}
            self.data[key] = value
            write_json(self.path, self.data)
        return value

    def drop(self, prefix: str) -> None:
        with self._locked():
            self.data = read_json(self.path) or {}
            self.data = {k: v for k, v in self.data.items() if not k.startswith(prefix)}
            write_json(self.path, self.data)

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with (self.path.parent / "phases.lock").open("a") as fh:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


_EMBEDDER: UseOnnxEmbedder | None = None
# onnxruntime threads (CONCORDIA_EMBED_THREADS, as `concordia` reads it). One thread
# embeds faster than two on this 2-core machine when anything else runs on it
# (104 against 68 paragraphs/s measured under load), and leaves a core to the rest.
EMBED_THREADS = int(os.environ.get("CONCORDIA_EMBED_THREADS", "1"))


def model() -> UseOnnxEmbedder:
    """One ONNX session per process (loading it costs a second and 300 MB)."""
    global _EMBEDDER
    if _EMBEDDER is None:
        _EMBEDDER = UseOnnxEmbedder(threads=EMBED_THREADS)
    return _EMBEDDER


def cached_embedder(corpus: Corpus) -> CachedEmbedder:
    return CachedEmbedder(model(), EmbeddingCache(corpus.embeddings_path))


def open_backend(
    corpus: Corpus, kind: str, store: RecordStore, es_url: str | None = None
) -> SearchBackend:
    if kind == "embedded":
        from indexer.backend.embedded import EmbeddedBackend

        return EmbeddedBackend(store, corpus.index_dir, model().dim)
    from indexer.backend.elasticsearch import ElasticsearchBackend, ElasticsearchConfig

    if es_url is None:
        raise ValueError("the Elasticsearch backend needs a node (es_url)")
    config = ElasticsearchConfig(
        url=es_url, index=corpus.es_alias, request_timeout=300.0, rebuild_drain_seconds=0.0
    )
    return ElasticsearchBackend(config, model().dim, store=store)


def service(corpus: Corpus, kind: str, es_url: str | None = None) -> SearchService:
    store = RecordStore(corpus.store_path)
    backend = open_backend(corpus, kind, store, es_url)
    return SearchService(backend, cached_embedder(corpus), load_terminology())


# --- phases -------------------------------------------------------------------------


def store_phase(corpus: Corpus, items: ItemsFactory) -> dict[str, Any]:
    store = RecordStore(corpus.store_path)
    try:
        with timed() as t:
            report = ingest(items(), store)
        n = report.seen
        return {
            "records_seen": n,
            "added": report.added,
            "merged": report.merged,
            "unchanged": report.unchanged,
            "rejected": report.rejected,
            "seconds": round(t.seconds, 2),
            "records_per_s": round(n / t.seconds, 1) if t.seconds else None,
            "load": [t.load_before, t.load_after],
            "store_records": store.count(),
        }
    finally:
        store.close()


def embed_phase(corpus: Corpus, batch: int = 1000) -> dict[str, Any]:
    store = RecordStore(corpus.store_path)
    embedder = cached_embedder(corpus)
    n = 0
    try:
        with timed() as t:
            for chunk in store.changes_since(0, batch):
                texts = [s.record.text for s in chunk if not s.deleted]
                embedder.embed(texts)
                n += len(texts)
        return {
            "records": n,
            "computed": embedder.computed,
            "from_cache": embedder.reused,
            "seconds": round(t.seconds, 2),
            "records_per_s": round(n / t.seconds, 1) if t.seconds else None,
            "load": [t.load_before, t.load_after],
        }
    finally:
        embedder.cache.close()
        store.close()


def model_embed_phase(
    corpus: Corpus, phases: Phases, key: str, batch: int = 2000
) -> dict[str, Any]:
    """The model on every text of `corpus`, resumable across runs and sessions.

    A million paragraphs take the model about two hours on this 2-core CPU, more
    than one session here can spare beside its other work. Vectors go to their own
    cache (`Corpus.model_embeddings_path`) batch by batch, and after each batch the
    texts computed and the seconds spent so far are recorded under `<key>/progress`;
    a later run embeds only what is missing and adds to those sums. The rate is
    computed/seconds over the recorded batches alone: a batch whose vectors were
    saved but whose time was not (a run killed in between) counts in neither.
    """
    progress_key = f"{key}/progress"
    progress = phases.get(progress_key) or {"computed": 0, "seconds": 0.0, "runs": 0}
    runs = int(progress.get("runs", 0)) + 1
    computed = int(progress.get("computed", 0))
    seconds = float(progress.get("seconds", 0.0))
    # Per run: onnxruntime threads, texts computed, seconds (runs may differ in threads).
    per_run: list[dict[str, Any]] = list(progress.get("per_run", []))
    per_run.append({"threads": EMBED_THREADS, "computed": 0, "seconds": 0.0})
    loads: list[float] = list(progress.get("load_1min", []))
    store = RecordStore(corpus.store_path)
    cache = EmbeddingCache(corpus.model_embeddings_path)
    embedder = model()
    texts_seen = 0
    try:
        for chunk in store.changes_since(0, batch):
            started = time.perf_counter()
            texts = {text_key(s.record.text): s.record.text for s in chunk if not s.deleted}
            texts_seen += len(texts)
            have = cache.get_many(embedder.model_id, list(texts))
            todo = sorted((k, t) for k, t in texts.items() if k not in have)
            if not todo:
                continue
            vectors = embedder.embed([t for _, t in todo])
            cache.put_many(embedder.model_id, {k: vectors[i] for i, (k, _) in enumerate(todo)})
            elapsed = time.perf_counter() - started
            computed += len(todo)
            seconds += elapsed
            per_run[-1]["computed"] += len(todo)
            per_run[-1]["seconds"] = round(per_run[-1]["seconds"] + elapsed, 2)
            if len(loads) < 600:
                loads.append(round(os.getloadavg()[0], 2))
            phases.put(
                progress_key,
                {
                    "computed": computed,
                    "seconds": round(seconds, 2),
                    "runs": runs,
                    "texts_seen_this_run": texts_seen,
                    "per_run": per_run,
                    "load_1min": loads,
                },
            )
        return {
            "records": texts_seen,
            "computed": computed,
            "seconds": round(seconds, 2),
            "records_per_s": round(computed / seconds, 1) if seconds else None,
            "runs": runs,
            "per_run": per_run,
            "load_1min": [min(loads, default=0.0), max(loads, default=0.0)],
            "note": f"every text embedded by the model ({embedder.model_id}) into its own "
            f"cache, over {runs} run(s): "
            + "; ".join(
                f"{r['computed']:,} texts in {r['seconds']:,.0f} s with {r['threads']} "
                "onnxruntime thread(s)"
                for r in per_run
            )
            + "; seconds are those of the recorded batches",
        }
    finally:
        cache.close()
        store.close()


def index_phase(corpus: Corpus, kind: str, es_url: str | None = None) -> dict[str, Any]:
    store = RecordStore(corpus.store_path)
    embedder = cached_embedder(corpus)
    backend = open_backend(corpus, kind, store, es_url)
    try:
        with timed() as t:
            if kind == "embedded":
                report = rebuild(store, backend, embedder)
                backend.close()  # builds what is missing and saves the HNSW graph
            else:
                report = backend.rebuild(store, embedder)  # type: ignore[attr-defined]
        out: dict[str, Any] = {
            "records": report.indexed,
            "seconds": round(t.seconds, 2),
            "records_per_s": round(report.indexed / t.seconds, 1) if t.seconds else None,
            "embeddings_computed": embedder.computed,
            "load": [t.load_before, t.load_after],
        }
        out.update(index_size(corpus, kind, backend))
        return out
    finally:
        if kind != "embedded":
            backend.close()
        embedder.cache.close()
        store.close()


def warm_phase(
    corpus: Corpus, kind: str, items: ItemsFactory, es_url: str | None = None
) -> dict[str, Any]:
    """`concordia ingest` again over an unchanged corpus: parse, skip, sync nothing.

    Every dataset is read and every record compared (the record-level path; the CLI's
    dataset quick check is `quick_warm_phase`). Before the timer starts the store is
    brought up to date with the importers (records enriched by older code are
    rewritten) and the index with the store, untimed: warm means nothing left to do.
    """
    store = RecordStore(corpus.store_path)
    embedder = cached_embedder(corpus)
    backend = open_backend(corpus, kind, store, es_url)
    try:
        with timed() as t_catch_up:
            caught_up = ingest(items(), store)
            reindexed = sync(store, backend, embedder).indexed
        with timed() as t_ingest:
            report = ingest(items(), store)
        with timed() as t_sync:
            synced = sync(store, backend, embedder)
        seconds = t_ingest.seconds + t_sync.seconds
        return {
            "records_seen": report.seen,
            "unchanged": report.unchanged,
            "changed": report.added + report.updated + report.merged,
            "reindexed": synced.indexed,
            "ingest_seconds": round(t_ingest.seconds, 2),
            "sync_seconds": round(t_sync.seconds, 2),
            "seconds": round(seconds, 2),
            "records_per_s": round(report.seen / seconds, 1) if seconds else None,
            "load": [t_ingest.load_before, t_sync.load_after],
            "catch_up": {
                "records_rewritten": caught_up.added + caught_up.updated + caught_up.merged,
                "reindexed": reindexed,
                "seconds": round(t_catch_up.seconds, 1),
            },
        }
    finally:
        backend.close()
        embedder.cache.close()
        store.close()


def quick_warm_phase(corpus: Corpus, kind: str, es_url: str | None = None) -> dict[str, Any]:
    """`concordia ingest --dataset all` again as the CLI runs it: a dataset whose files and
    code are unchanged since the last complete read is not read again
    (scrapers/importers/incremental.py), then the index syncs (nothing to do)."""
    from api.cli.common import DEFAULT_DATA_ROOT
    from scrapers.importers import IMPORTERS
    from scrapers.importers.incremental import DatasetReader

    importers = {name: imp for name, imp in IMPORTERS.items() if name != "sample"}
    store = RecordStore(corpus.store_path)
    embedder = cached_embedder(corpus)
    backend = open_backend(corpus, kind, store, es_url)
    try:
        # A store filled by `store_phase` has no signatures yet: one complete read,
        # untimed, records them (a store filled by `concordia ingest` has them).
        primer = DatasetReader(store, importers, DEFAULT_DATA_ROOT)
        with timed() as t_prime:
            ingest(primer.items(list(importers)), store)
            primer.commit()
        reader = DatasetReader(store, importers, DEFAULT_DATA_ROOT)
        with timed() as t_ingest:
            report = ingest(reader.items(list(importers)), store)
            reader.commit()
        with timed() as t_sync:
            synced = sync(store, backend, embedder)
        seconds = t_ingest.seconds + t_sync.seconds
        n = report.seen + reader.skipped_items
        return {
            "records_seen": n,
            "datasets_skipped": len(reader.skipped),
            "datasets_read": len(reader.runs),
            "reindexed": synced.indexed,
            "ingest_seconds": round(t_ingest.seconds, 3),
            "sync_seconds": round(t_sync.seconds, 3),
            "seconds": round(seconds, 3),
            "records_per_s": round(n / seconds, 1) if seconds else None,
            "priming_seconds": round(t_prime.seconds, 1),
            "load": [t_ingest.load_before, t_sync.load_after],
        }
    finally:
        backend.close()
        embedder.cache.close()
        store.close()


def index_size(corpus: Corpus, kind: str, backend: SearchBackend) -> dict[str, Any]:
    if kind == "embedded":
        keyword = dir_bytes(corpus.index_dir / "keyword")
        vectors = dir_bytes(corpus.index_dir / "vectors")
        columns = dir_bytes(corpus.index_dir / "columns")
        return {
            "index_mib": mib(keyword + vectors + columns),
            "keyword_mib": mib(keyword),
            "vectors_mib": mib(vectors),
            "columns_mib": mib(columns),
        }
    client = backend.client  # type: ignore[attr-defined]
    stats = client.indices.stats(index=corpus.es_alias)["_all"]["primaries"]
    return {
        "index_mib": mib(stats["store"]["size_in_bytes"]),
        "segments": stats["segments"]["count"],
        "docs": stats["docs"]["count"],
    }


def store_size(corpus: Corpus) -> dict[str, float]:
    """The store and the embedding cache: shared by both backends, not in their index size."""
    return {
        "store_mib": mib(dir_bytes(corpus.store_path) + _wal(corpus.store_path)),
        "embedding_cache_mib": mib(
            dir_bytes(corpus.embeddings_path) + _wal(corpus.embeddings_path)
        ),
    }


def _wal(path: Path) -> int:
    return dir_bytes(path.with_name(path.name + "-wal"))


def real_items() -> Iterator[Item]:
    """Every shared dataset through its importer, as `concordia ingest --dataset all`."""
    from api.cli.common import DEFAULT_DATA_ROOT
    from scrapers.importers import IMPORTERS

    return itertools.chain.from_iterable(
        importer.run(DEFAULT_DATA_ROOT) for name, importer in IMPORTERS.items() if name != "sample"
    )


def wait_for(predicate: Callable[[], bool], timeout: float, step: float = 1.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return predicate()


DERIVED_NOISE = 0.5  # norm of the noise added to a template's vector: cosine ~0.89 to it


def derive_phase(corpus: Corpus, real: Corpus, batch: int = 2000, seed: int = 11) -> dict[str, Any]:
    """Vectors for synthetic texts the model has not embedded, derived from their templates.

    Embedding a million paragraphs with the model on this 2-core CPU takes about two
    hours (152.8 synthetic paragraphs/s measured in `s100k/embed`), more than a session
    here can give it. What the later phases measure (indexing the vectors, building the
    graph and the clusters, searching them) depends on how the vectors are spread, not
    on which text they came from, so a synthetic record missing from the cache gets its
    template's real vector plus Gaussian noise of norm `DERIVED_NOISE`, renormalised:
    it stays near the real records on the same matter, and no two are equal. Texts
    already embedded by the model (the `s100k` subset) keep their real vectors. The
    result says how many of each, and the report marks the phase as derived.
    """
    rng = np.random.default_rng(seed)
    store = RecordStore(corpus.store_path)
    real_store = RecordStore(real.store_path)
    target = EmbeddingCache(corpus.embeddings_path)
    source = EmbeddingCache(real.embeddings_path)
    model_id = model().model_id
    derived = kept = 0
    try:
        with timed() as t:
            for chunk in store.changes_since(0, batch):
                records = [s.record for s in chunk if not s.deleted]
                keys = [text_key(r.text) for r in records]
                have = target.get_many(model_id, keys)
                todo = [(k, r) for k, r in zip(keys, records, strict=True) if k not in have]
                kept += len(records) - len(todo)
                if not todo:
                    continue
                template_ids = [r.provenance[0].location.removeprefix("template ") for _, r in todo]
                templates = {x.id: x for x in real_store.get(sorted(set(template_ids)))}
                tkeys = {tid: text_key(templates[tid].text) for tid in templates}
                tvecs = source.get_many(model_id, sorted(set(tkeys.values())))
                out: dict[str, npt.NDArray[np.float32]] = {}
                for (key, _), tid in zip(todo, template_ids, strict=True):
                    base = tvecs.get(tkeys.get(tid, ""))
                    if base is None:
                        continue  # left for the index phase to embed with the model
                    noise = rng.normal(0.0, DERIVED_NOISE / np.sqrt(len(base)), len(base))
                    v = base + noise.astype(np.float32)
                    out[key] = (v / np.linalg.norm(v)).astype(np.float32)
                target.put_many(model_id, out)
                derived += len(out)
        return {
            "records": derived + kept,
            "derived": derived,
            "embedded_by_model": kept,
            "method": f"template vector + Gaussian noise of norm {DERIVED_NOISE}, renormalised",
            "seconds": round(t.seconds, 2),
            "load": [t.load_before, t.load_after],
        }
    finally:
        target.close()
        source.close()
        real_store.close()
        store.close()

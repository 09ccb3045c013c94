"""Latency of the duplicate-complaint check and of related records, on the shared corpus.

- duplicate check: `bench/dupcheck.py` (its author's benchmark: 300-word complaints
  from real decisions and from the development set in four languages, one cold check
  then warm runs, wall and CPU time), run once per backend;
- related records (`GET /api/records/{id}/related`): 100 records drawn at random from
  the corpus (seeded), 10 results each, after one warm-up, per backend.
"""

from __future__ import annotations

import contextlib
import os
import random
import time
from collections.abc import Iterator
from typing import Any

from bench.build import Corpus, cached_embedder, open_backend
from bench.common import load_average, summarise_ms
from indexer.store import RecordStore

RELATED_SAMPLE = 100


@contextlib.contextmanager
def _backend_env(kind: str, corpus: Corpus, es_url: str | None) -> Iterator[None]:
    """bench/dupcheck.py opens the services from settings: point them at `kind`."""
    env = {"CONCORDIA_BACKEND": kind}
    if kind == "elasticsearch" and es_url:
        env.update({"CONCORDIA_ES_URL": es_url, "CONCORDIA_ES_INDEX": corpus.es_alias})
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def related_latency(corpus: Corpus, kind: str, es_url: str | None) -> dict[str, Any]:
    from indexer.citations import citation_index
    from indexer.related import find_related

    store = RecordStore(corpus.store_path)
    embedder = cached_embedder(corpus)
    backend = open_backend(corpus, kind, store, es_url)
    try:
        links = citation_index(store)
        rng = random.Random(3)
        records = [r for r in store.iter_records() if rng.random() < 0.002][:RELATED_SAMPLE]
        find_related(records[0], backend, links, embedder)  # warm-up
        seconds = []
        for record in records:
            started = time.perf_counter()
            find_related(record, backend, links, embedder)
            seconds.append(time.perf_counter() - started)
        return summarise_ms(seconds)
    finally:
        backend.close()
        embedder.cache.close()
        store.close()


def run(
    corpus: Corpus, backends: tuple[str, ...] = ("embedded",), es_url: str | None = None
) -> dict[str, Any]:
    from bench import dupcheck

    out: dict[str, Any] = {"duplicate check": {}, "related": {}, "load": [load_average()]}
    for kind in backends:
        with _backend_env(kind, corpus, es_url):
            out["duplicate check"][kind] = dupcheck.run(corpus.root)
        out["related"][kind] = related_latency(corpus, kind, es_url)
    out["load"].append(load_average())
    return out

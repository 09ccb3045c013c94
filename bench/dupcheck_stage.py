"""Latency of the duplicate-complaint check and of related records, on the shared corpus.

The duplicate check's quality (top-1, MRR, false alarms) is measured by its own
evaluation (bench/devsets/evaluate.py; `bench/dupcheck.py` once it lands, which
this stage then defers to). Here only time is measured, for both backends, as
the API calls them (`POST /api/duplicates`, `GET /api/records/{id}/related`):

- duplicate check: every complaint of bench/devsets/complaints.jsonl (written in
  the four languages), once each after a warm-up;
- related: 100 records drawn at random from the corpus (seeded), 10 results.
"""

from __future__ import annotations

import importlib.util
import json
import random
import time
from pathlib import Path
from typing import Any

from bench.build import Corpus, cached_embedder, open_backend
from bench.common import REPO, load_average, summarise_ms
from indexer.store import RecordStore

COMPLAINTS = REPO / "bench" / "devsets" / "complaints.jsonl"
RELATED_SAMPLE = 100


def _theirs() -> Any:
    """bench/dupcheck.py, when it exists and offers `latency(data_dir, backends)`."""
    path = REPO / "bench" / "dupcheck.py"
    if not path.exists():
        return None
    spec = importlib.util.spec_from_file_location("bench.dupcheck", path)
    if spec is None or spec.loader is None:
        return None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return getattr(module, "latency", None)


def run(
    corpus: Corpus, backends: tuple[str, ...] = ("embedded",), es_url: str | None = None
) -> dict[str, Any]:
    theirs = _theirs()
    if theirs is not None:
        result: dict[str, Any] = theirs(corpus.root, backends)
        return {"source": "bench/dupcheck.py", **result}
    from indexer.citations import citation_index
    from indexer.duplicates import Complaint, check_duplicates
    from indexer.related import find_related
    from indexer.taxonomy import load_taxonomy

    complaints = [
        Complaint.model_validate(json.loads(line)["complaint"])
        for line in Path(COMPLAINTS).read_text("utf-8").splitlines()
        if line.strip()
    ]
    taxonomy = load_taxonomy()
    latency: dict[str, dict[str, Any]] = {"duplicate check": {}, "related": {}}
    load_before = load_average()
    for kind in backends:
        store = RecordStore(corpus.store_path)
        embedder = cached_embedder(corpus)
        backend = open_backend(corpus, kind, store, es_url)
        links = citation_index(store)
        rng = random.Random(3)
        records = [r for r in store.iter_records() if rng.random() < 0.002][:RELATED_SAMPLE]
        check_duplicates(complaints[0], backend, embedder, links, taxonomy)  # warm-up
        seconds = []
        for complaint in complaints:
            started = time.perf_counter()
            check_duplicates(complaint, backend, embedder, links, taxonomy)
            seconds.append(time.perf_counter() - started)
        latency["duplicate check"][kind] = summarise_ms(seconds)
        seconds = []
        for record in records:
            started = time.perf_counter()
            find_related(record, backend, links, embedder)
            seconds.append(time.perf_counter() - started)
        latency["related"][kind] = summarise_ms(seconds)
        backend.close()
        embedder.cache.close()
        store.close()
    return {
        "source": "bench/dupcheck_stage.py",
        "complaints": len(complaints),
        "latency": latency,
        "load": [load_before, load_average()],
    }

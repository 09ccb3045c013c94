"""Query latency and throughput, both backends on the same data and the same requests.

The requests: every query of `bench/devsets/latency-queries.jsonl` (35 topics
researchers and NHRIs search for, each written in Arabic, English, French and
Spanish), each with three facet filters, top 10, with highlights and the facet
counts the web interface shows (all facets, a selected facet counted without its
own filter). The three filters of a request are the values one real record of
the corpus has for three facets (a triple from `TRIPLES`): they follow the
corpus's own distribution, from broad (mechanism + language + region) to narrow
(body + kind + year), and never select nothing.

Both backends answer each request in turn, in alternating order, in one process:
the machine is shared, and interleaving puts both under the same background load
at the same moment. Query vectors are computed before the timed runs (the
embedding cache holds them, as it does for any query a user repeats, pages or
refines with facets); the cost of embedding a never-seen query is measured on
its own and is the same for both backends.

Resident memory is measured in separate processes, one per backend, that open
the backend as `concordia serve` does and answer every request once.
"""

from __future__ import annotations

import json
import random
import statistics
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.build import Corpus, model, service
from bench.common import REPO, load_average, rss_kib, summarise_ms, timed, tree_rss_kib
from indexer.backend.protocol import Filters
from indexer.record import Record
from indexer.search import Mode, SearchRequest, SearchService
from indexer.store import RecordStore

QUERIES = REPO / "bench" / "devsets" / "latency-queries.jsonl"
MODES = (Mode.KEYWORD, Mode.VECTOR, Mode.HYBRID)
TRIPLES: tuple[tuple[str, str, str], ...] = (
    ("mechanism", "language", "region"),
    ("body", "kind", "year"),
    ("mechanism", "country", "language"),
    ("kind", "region", "language"),
    ("mechanism", "region", "year"),
    ("mechanism", "response", "region"),
)
FILTER_SETS_PER_QUERY = 2
WARMUP = 40
THREADS = 4


@dataclass(frozen=True)
class BenchQuery:
    topic: str
    language: str
    query: str
    filters: dict[str, str]


def load_queries(path: Path = QUERIES) -> list[dict[str, str]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def sample_records(store: RecordStore, n: int, rng: random.Random) -> list[Record]:
    top = store.seq
    out: list[Record] = []
    with store._lock:
        conn = store._conn
        max_row = int(conn.execute("SELECT MAX(row) FROM records").fetchone()[0] or 0)
        while len(out) < n and top:
            rows = [rng.randint(1, max_row) for _ in range(200)]
            marks = ",".join("?" * len(rows))
            for (blob,) in conn.execute(
                f"SELECT data FROM records WHERE deleted=0 AND row IN ({marks})", rows
            ):
                from indexer.store import _decode

                out.append(_decode(blob))
    return out[:n]


def make_requests(store: RecordStore, seed: int = 11) -> list[BenchQuery]:
    """Each query with `FILTER_SETS_PER_QUERY` filter triples taken from real records."""
    rng = random.Random(seed)
    queries = load_queries()
    records = sample_records(store, len(queries) * FILTER_SETS_PER_QUERY * 4, rng)
    out: list[BenchQuery] = []
    pool = iter(records)
    for q in queries:
        for _ in range(FILTER_SETS_PER_QUERY):
            while True:
                record = next(pool)
                values = record.facet_values()
                usable = [t for t in TRIPLES if all(values.get(f) for f in t)]
                if usable:
                    triple = usable[rng.randrange(len(usable))]
                    break
            out.append(
                BenchQuery(q["topic"], q["language"], q["query"], {f: values[f][0] for f in triple})
            )
    return out


def to_request(q: BenchQuery, mode: Mode) -> SearchRequest:
    filters = Filters({k: (v,) for k, v in q.filters.items()})
    return SearchRequest(query=q.query, mode=mode, filters=filters, size=10)


def _time_one(svc: SearchService, request: SearchRequest) -> tuple[float, int]:
    started = time.perf_counter()
    result = svc.search(request)
    return time.perf_counter() - started, result.total


def interleaved(
    services: dict[str, SearchService], requests: Sequence[BenchQuery]
) -> dict[str, Any]:
    """Latency per backend and mode, each request answered by every backend in turn."""
    names = list(services)
    warm = requests[-WARMUP:]
    for q in warm:
        for name in names:
            for mode in MODES:
                services[name].search(to_request(q, mode))
    samples: dict[str, dict[str, list[float]]] = {n: {m.value: [] for m in MODES} for n in names}
    totals: dict[str, dict[str, list[int]]] = {n: {m.value: [] for m in MODES} for n in names}
    load_before = load_average()
    for i, q in enumerate(requests):
        order = names if i % 2 == 0 else list(reversed(names))
        for mode in MODES:
            request = to_request(q, mode)
            for name in order:
                seconds, total = _time_one(services[name], request)
                samples[name][mode.value].append(seconds)
                totals[name][mode.value].append(total)
    out: dict[str, Any] = {"load": [load_before, load_average()], "backends": {}}
    for name in names:
        per_mode: dict[str, Any] = {}
        for mode in MODES:
            s = samples[name][mode.value]
            summary = summarise_ms(s)
            summary["qps_sequential"] = round(len(s) / sum(s), 1) if s else None
            summary["median_total_hits"] = statistics.median(totals[name][mode.value])
            summary["zero_hit_share"] = round(
                sum(1 for t in totals[name][mode.value] if t == 0) / len(s), 3
            )
            per_mode[mode.value] = summary
        out["backends"][name] = per_mode
    return out


def throughput(
    svc: SearchService, requests: Sequence[BenchQuery], threads: int = THREADS
) -> dict[str, float]:
    """Queries per second with `threads` clients at once (the machine has 2 cores)."""
    out: dict[str, float] = {}
    for mode in MODES:
        batch = [to_request(q, mode) for q in requests]
        with timed() as t, ThreadPoolExecutor(threads) as pool:
            done = sum(1 for _ in pool.map(svc.search, batch))
        out[mode.value] = round(done / t.seconds, 1)
    return out


def query_embedding_cost(queries: Sequence[str]) -> dict[str, float]:
    """What a never-seen query adds: the model, not the cache (same for both backends)."""
    embedder = model()
    embedder.embed(["warm up"])
    seconds = []
    for q in queries:
        started = time.perf_counter()
        embedder.embed([q])
        seconds.append(time.perf_counter() - started)
    return summarise_ms(seconds)


def run_latency(
    corpus: Corpus, backends: Sequence[str], es_url: str | None, seed: int = 11
) -> dict[str, Any]:
    services = {kind: service(corpus, kind, es_url) for kind in backends}
    first = next(iter(services.values()))
    store = first.backend.store if hasattr(first.backend, "store") else None
    if store is None:  # pragma: no cover - both backends keep the store
        raise RuntimeError("backend without a store")
    requests = make_requests(store, seed)
    # Query vectors into the cache before timing (see the module docstring).
    first.embedder.embed(sorted({q.query for q in requests}))
    result = interleaved(services, requests)
    result["requests"] = len(requests)
    result["throughput"] = {
        name: throughput(svc, requests[: len(requests) // 2]) for name, svc in services.items()
    }
    result["query_embedding"] = query_embedding_cost(sorted({q.query for q in requests}))
    result["requests_sample"] = [q.__dict__ for q in requests[:6]]
    for svc in services.values():
        svc.backend.close()
    return result


def run_memory(corpus: Corpus, kind: str, es_url: str | None, es_pid: int | None) -> dict[str, Any]:
    """Resident memory of a process serving `kind` after answering every request once."""
    before = rss_kib()
    svc = service(corpus, kind, es_url)
    opened = rss_kib()
    store = svc.backend.store  # type: ignore[attr-defined]
    requests = make_requests(store)
    svc.embedder.embed(sorted({q.query for q in requests}))
    for q in requests:
        for mode in MODES:
            svc.search(to_request(q, mode))
    after = rss_kib()
    out: dict[str, Any] = {
        "python_rss_mib": round(after.get("VmRSS", 0) / 1024, 1),
        "python_peak_mib": round(after.get("VmHWM", 0) / 1024, 1),
        "python_rss_opened_mib": round(opened.get("VmRSS", 0) / 1024, 1),
        "python_rss_before_open_mib": round(before.get("VmRSS", 0) / 1024, 1),
    }
    if kind == "elasticsearch" and es_pid:
        out["es_node_rss_mib"] = round(tree_rss_kib(es_pid) / 1024, 1)
    svc.backend.close()
    return out


def main() -> None:
    """`python -m bench.latency`: the memory probe, run in its own process."""
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("--name", required=True)
    parser.add_argument("--root", type=Path, required=True)
    parser.add_argument("--embeddings", type=Path)
    parser.add_argument("--kind", required=True)
    parser.add_argument("--es-url")
    parser.add_argument("--es-pid", type=int)
    args = parser.parse_args()
    corpus = Corpus(args.name, args.root, args.embeddings)
    print(json.dumps(run_memory(corpus, args.kind, args.es_url, args.es_pid)))


if __name__ == "__main__":
    main()

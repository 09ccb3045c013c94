"""Pools for judging by reading: the top 10 of keyword, vector and hybrid search, merged.

    python -m bench.quality.pool --data-dir DIR --queries seeds-ar.queries.json > pool.txt

prints, for each query, every pooled record (id, which modes found it, text) so
that a person can mark the relevant ones; `seeds-ar.jsonl` holds the result
(TREC-style pooling: a record no mode retrieved is unjudged, counted as not
relevant). The queries file: [{"id", "language", "query", "filters"}].
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from bench.build import Corpus, service
from indexer.backend.protocol import Filters
from indexer.search import Mode, SearchRequest

DEPTH = 10


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--queries", type=Path, required=True)
    args = parser.parse_args()
    svc = service(Corpus("full", args.data_dir), "embedded")
    for q in json.loads(args.queries.read_text("utf-8")):
        filters = Filters({k: tuple(v) for k, v in q.get("filters", {}).items()})
        found: dict[str, list[str]] = {}
        texts: dict[str, str] = {}
        for mode in (Mode.KEYWORD, Mode.VECTOR, Mode.HYBRID):
            result = svc.search(
                SearchRequest(q["query"], mode, filters, size=DEPTH, facets=(), highlight=False)
            )
            for item in result.results:
                found.setdefault(item.record.id, []).append(mode.value[0])
                texts[item.record.id] = item.record.text
        print(f"## {q['id']}  {q['query']}  ({len(found)} pooled)")
        for rid, modes in found.items():
            print(f"- {rid} [{''.join(modes)}] {' '.join(texts[rid].split())[:700]}")
        print()
    svc.backend.close()


if __name__ == "__main__":
    main()

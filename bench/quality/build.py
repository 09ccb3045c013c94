"""Build the quality development sets from an ingested shared corpus.

    python -m bench.quality.build --data-dir /var/tmp/concordia-bench/full

writes, under bench/devsets/quality/ (committed; record ids are derived from
source, document, paragraph and language, so they are stable between ingests):

upr-topics.jsonl     bench.quality.topics: one query per UPR Info issue in each of
                     the four languages; relevant = the UPR recommendations
                     labelled with that issue (searched with mechanism=upr,
                     kind=recommendation: the labelled records, nothing unjudged)
crosslingual.jsonl   the English/French pairs of legal-sources-samples (ECtHR
                     Lawless v. Ireland nos. 1 and 2, the Committee of Ministers'
                     Lingurar and Sidiropoulos documents, two CPT texts): the
                     opening words of a paragraph in one language must find the
                     same paragraph (same work key) in the other (language filter
                     set to the other language: a known-item search)
seeds-ar.jsonl       is written by hand (Arabic queries over the seed documents,
                     relevance judged by reading, see docs/quality.md); this script
                     only checks that its ids exist.

Every line: {"id", "set", "language", "query", "filters", "relevant": [ids]}
(or "relevant_rule" for upr-topics, resolved at evaluation time from the labels).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
from collections import defaultdict
from pathlib import Path
from typing import Any

from bench.quality.topics import TOPICS
from indexer.record import Record
from indexer.store import RecordStore

OUT = Path(__file__).resolve().parents[1] / "devsets" / "quality"
LANGS = ("en", "fr", "es", "ar")
QUERY_WORDS = 30
MIN_WORDS = 12
PER_DOCUMENT = 40


def _id(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:12]


def upr_topics(store: RecordStore) -> tuple[list[dict[str, Any]], dict[str, int]]:
    counts: dict[str, int] = defaultdict(int)
    for record in store.iter_records():
        if record.mechanism.value == "upr" and record.kind.value == "recommendation":
            for theme in record.themes:
                counts[theme] += 1
    rows = []
    for theme, queries in TOPICS.items():
        for lang, query in zip(LANGS, queries, strict=True):
            rows.append(
                {
                    "id": f"upr-{theme}-{lang}",
                    "set": "upr-topics",
                    "language": lang,
                    "query": query,
                    "filters": {"mechanism": ["upr"], "kind": ["recommendation"]},
                    "relevant_rule": {"theme": theme},
                    "relevant_count": counts.get(theme, 0),
                }
            )
    return rows, dict(counts)


def crosslingual(store: RecordStore, seed: int = 5) -> list[dict[str, Any]]:
    by_work: dict[str, dict[str, Record]] = defaultdict(dict)
    for record in store.iter_records():
        if record.language in ("en", "fr"):
            by_work[record.work][record.language] = record
    rng = random.Random(seed)
    per_doc: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for work, langs in sorted(by_work.items()):
        if len(langs) < 2:
            continue
        for src_lang, dst_lang in (("fr", "en"), ("en", "fr")):
            q, target = langs[src_lang], langs[dst_lang]
            words = q.text.split()
            if len(words) < MIN_WORDS or len(target.text.split()) < MIN_WORDS:
                continue
            doc = f"{target.body}:{target.symbol or target.title or ''}"
            per_doc[(doc, src_lang)].append(
                {
                    "id": f"xl-{_id(work, src_lang)}",
                    "set": "crosslingual",
                    "language": src_lang,
                    "query": " ".join(words[:QUERY_WORDS]),
                    "filters": {"language": [dst_lang]},
                    "relevant": [target.id],
                    "body": target.body,
                    "document": doc,
                }
            )
    rows: list[dict[str, Any]] = []
    for key in sorted(per_doc):
        items = per_doc[key]
        rng.shuffle(items)
        rows.extend(sorted(items[:PER_DOCUMENT], key=lambda r: r["id"]))
    return rows


def write(path: Path, rows: list[dict[str, Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data-dir", type=Path, required=True)
    args = parser.parse_args()
    store = RecordStore(args.data_dir / "store.sqlite")
    topics, counts = upr_topics(store)
    write(OUT / "upr-topics.jsonl", topics)
    pairs = crosslingual(store)
    write(OUT / "crosslingual.jsonl", pairs)
    seeds = OUT / "seeds-ar.jsonl"
    missing = 0
    if seeds.exists():
        for line in seeds.read_text("utf-8").splitlines():
            row = json.loads(line)
            missing += len(row["relevant"]) - len(store.get(row["relevant"]))
    print(
        f"upr-topics: {len(topics)} queries, relevant per theme "
        f"{min(counts.get(t, 0) for t in TOPICS)}-{max(counts.get(t, 0) for t in TOPICS)}; "
        f"crosslingual: {len(pairs)} queries "
        f"({', '.join(sorted({r['document'] for r in pairs}))}); seeds-ar ids missing: {missing}"
    )


if __name__ == "__main__":
    main()

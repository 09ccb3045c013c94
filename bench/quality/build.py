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
# The ECtHR's Lawless v. Ireland judgments (No. 1 of 14 November 1960, No. 2 of
# 7 April 1961) in English and French. HUDOC flattens them to one line without
# paragraph numbers, so the importer cannot pair their paragraphs (each language
# gets position keys of its own); these pairs were aligned by reading both
# versions side by side: the French No. 1 has one paragraph the English lacks
# (on the secret character of the Commission's procedure), and three paragraphs
# of Judge Maridakis's dissent are cut differently in the two versions (left out).
# (English record id, French record id)
HUDOC_ALIGNED: tuple[tuple[str, str], ...] = (
    ("r-0af8ef9f523d120854af", "r-9da98b97c09ee6c57702"),
    ("r-4827c7d15cc39fbe99f6", "r-290ab5d8b8164ae5732e"),
    ("r-530f20b4e35b5527f498", "r-d3409171ba4c2509bd85"),
    ("r-823687a186bc2f3605ae", "r-9831e75f5f81bc06daf1"),
    ("r-c28cedde4ff8b0a8cce3", "r-aa90b9c2ca9e8673a780"),
    ("r-aa23137ca75832d3f6a4", "r-2a10270811438a28d6f0"),
    ("r-2d7effe6969121a3d830", "r-5584367ee1e6f40afa9e"),
    ("r-33dcdd1e38b55dc97480", "r-4910116fb82ffef01633"),
    ("r-5c574a10116b53b0f0e0", "r-8aae44d00ebf99ed6cb0"),
    ("r-cc3faec1fef8ca964e9a", "r-103ccc304a3b53975649"),
    ("r-78b6af7b90fcf084a67d", "r-03f3acfe35791162d3f9"),
    ("r-1cf704ba66025aab5562", "r-55101441f866e88495d8"),
    ("r-7fd4a6202f08fb580136", "r-2f5ade091ed5acc090d0"),
    ("r-b48659e53b95e5a154db", "r-f5e47e5f0d8be6854987"),
    ("r-28eba7904b45f707ec3d", "r-d1da64c0e17c2802af6d"),
    ("r-62cdc82f3ef26c5e9a6b", "r-7c14268df454ba994441"),
    ("r-5b885a79778bda672dfe", "r-284289196f206205458c"),
    ("r-2b12cce5bde7e26f2d9a", "r-4d4c8ec4ff10a3feef8a"),
    ("r-45bab3ce9611c987d421", "r-7ffb72fcb34e9fc465ad"),
    ("r-a00b64abb003d03512b5", "r-b253bca5580a54c4d319"),
    ("r-6f3405d3338b24da41e8", "r-20f53ae4fcc3794cb5fc"),
    ("r-4ba4ba4283d94e7c274a", "r-3f1a8d4f7186937a4c3d"),
    ("r-b6f93d21a5483905bb43", "r-f1364759ab9ed3cec7d7"),
    ("r-1fc971b893d42f4d9f5f", "r-58aa0a3a0a720f84102c"),
    ("r-b4e838350518aa016534", "r-8bd7fef6a311287bd554"),
    ("r-a2a30f89a08f7c268c00", "r-3682adecbb7353923c2f"),
    ("r-c801414b09d2a749b393", "r-b4f28886a0dead2387d8"),
    ("r-2a32a01be655bffbd62b", "r-fabf3d94a54ece6c3734"),
    ("r-f70733fff50d17e1cc21", "r-89d3549122549b95e040"),
    ("r-8650a3c314aa379ccd23", "r-1bf7ee57bce7e7b6db60"),
    ("r-654f2f5d3c20679efa0c", "r-9b67438fce2b3b6e67d3"),
    ("r-8805e8a0c811578c877e", "r-bc059595d60505cf9847"),
)
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
    ids = {rid for pair in HUDOC_ALIGNED for rid in pair}
    found = {r.id: r for r in store.get(sorted(ids))}
    for en_id, fr_id in HUDOC_ALIGNED:
        if en_id in found and fr_id in found:
            by_work[f"hudoc:{en_id}"] = {"en": found[en_id], "fr": found[fr_id]}
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

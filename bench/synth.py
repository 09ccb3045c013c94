"""A synthetic scale-up of the real corpus, for benchmarks at 1,000,000 records.

The shared corpus holds about 220,000 records; the benchmarks need a million
that look like them to the parts being measured (text length and vocabulary per
language, facet values and their joint distribution, citations in the text).
Each synthetic record is made from the real ones, never from random words:

- its metadata (mechanism, body, kind, countries, UPR recommending State and
  response, case, date, symbol, themes) is copied from one real record, the
  *template*, drawn uniformly from the real corpus: facet values keep their real
  joint distribution (no impossible combination such as a UPR response on an
  ECtHR judgment);
- its text is recombined from the sentences of real records of the *same body
  and language* (falling back to the same mechanism and language where the body
  has fewer than `MIN_POOL` sentences): as many sentences as the template has,
  drawn at random, and the last one spliced at a word boundary with another
  sentence of the pool, so a one-sentence UPR recommendation becomes a new
  plausible recommendation and no two synthetic texts are the same (a repeated
  text would be merged by the store and served from the embedding cache, which
  would flatter both);
- it gets its own id, work key and provenance (`source: synthetic`), so it goes
  through the whole pipeline (validation, language detection, citations, rights,
  embedding, analysis, indexing) like an imported record.

The output is JSON lines (gzip), one Candidate-shaped dict per line, read back
by `iter_candidates` as an importer would read a dataset. Generation is
deterministic for a given store and seed.
"""

from __future__ import annotations

import gzip
import json
import random
import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from indexer.pipeline import Candidate
from indexer.record import Record, content_hash, make_record_id, make_work_key
from indexer.store import RecordStore

MIN_POOL = 200
MAX_SENTENCES = 12
LICENCE = (
    "synthetic: sentences of public UN and regional documents recombined for benchmarks "
    "(see docs/benchmarks.md)"
)
_SENTENCE_RE = re.compile(r"(?<=[.!?;؟؛])\s+")
_DROP = ("content_hash", "detected_language", "citations", "rights", "provenance", "id", "work")


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_RE.split(text) if len(s.strip()) >= 15]


class Pools:
    """Sentences by (language, body) and by (language, mechanism)."""

    def __init__(self) -> None:
        self.by_body: dict[tuple[str, str], list[str]] = defaultdict(list)
        self.by_mechanism: dict[tuple[str, str], list[str]] = defaultdict(list)

    def add(self, record: Record) -> int:
        found = sentences(record.text)
        self.by_body[(record.language, record.body)].extend(found)
        self.by_mechanism[(record.language, record.mechanism.value)].extend(found)
        return len(found)

    def pool(self, language: str, body: str, mechanism: str) -> list[str]:
        pool = self.by_body.get((language, body), [])
        if len(pool) >= MIN_POOL:
            return pool
        return self.by_mechanism.get((language, mechanism), []) or pool


def _splice(a: str, b: str, rng: random.Random) -> str:
    wa, wb = a.split(), b.split()
    if len(wa) < 4 or len(wb) < 4:
        return f"{a} {b}"
    cut_a = rng.randint(max(2, len(wa) * 3 // 10), max(2, len(wa) * 7 // 10))
    cut_b = rng.randint(max(1, len(wb) * 3 // 10), max(1, len(wb) * 7 // 10))
    return " ".join(wa[:cut_a] + wb[cut_b:])


def synth_text(template: Record, pool: list[str], rng: random.Random) -> str:
    n = max(1, min(MAX_SENTENCES, len(sentences(template.text)) or 1))
    picked = [pool[rng.randrange(len(pool))] for _ in range(n)]
    picked[-1] = _splice(picked[-1], pool[rng.randrange(len(pool))], rng)
    return " ".join(picked)


def candidate_fields(template: Record, text: str, serial: int) -> dict[str, Any]:
    fields: dict[str, Any] = template.model_dump(mode="json", exclude_defaults=True)
    for key in _DROP:
        fields.pop(key, None)
    document = f"synthetic/{template.id}"
    paragraph = str(serial)
    fields["id"] = make_record_id("synthetic", document, paragraph, template.language)
    fields["work"] = make_work_key(document, paragraph)
    fields["text"] = text
    if fields.get("case"):
        case = dict(fields["case"])
        if case.get("number"):
            case["number"] = f"{case['number']}-s{serial}"
        fields["case"] = case
    fields["provenance"] = [
        {
            "source": "synthetic",
            "source_id": f"syn-{serial}",
            "licence": LICENCE,
            "location": f"template {template.id}",
        }
    ]
    return fields


def generate(store: RecordStore, out: Path, n: int, seed: int = 7) -> dict[str, Any]:
    """Write `n` synthetic candidates to `out` (JSON lines, gzip); returns a summary."""
    rng = random.Random(seed)
    pools = Pools()
    rows: list[int] = []
    for stored in _live(store):
        if stored.record.language in ("ar", "en", "fr", "es") and pools.add(stored.record):
            rows.append(stored.row)
    # Templates: `n` draws from the real records, taken in row order for a single pass.
    draws: dict[int, int] = defaultdict(int)
    for _ in range(n):
        draws[rows[rng.randrange(len(rows))]] += 1
    seen: set[str] = set()
    serial = 0
    tmp = out.with_suffix(out.suffix + ".tmp")
    with gzip.open(tmp, "wt", encoding="utf-8", compresslevel=1) as fh:
        for stored in _live(store):
            copies = draws.get(stored.row, 0)
            template = stored.record
            pool = pools.pool(template.language, template.body, template.mechanism.value)
            for _ in range(copies):
                for _attempt in range(20):
                    text = synth_text(template, pool, rng)
                    key = content_hash(text)
                    if key not in seen:
                        break
                seen.add(key)
                fh.write(json.dumps(candidate_fields(template, text, serial), ensure_ascii=False))
                fh.write("\n")
                serial += 1
    tmp.replace(out)
    return {
        "records": serial,
        "templates": len(draws),
        "real_records": len(rows),
        "pools_by_body": len(pools.by_body),
        "seed": seed,
        "unique_texts": len(seen),
    }


def _live(store: RecordStore) -> Iterator[Any]:
    for chunk in store.changes_since(0, 2000):
        for stored in chunk:
            if not stored.deleted:
                yield stored


def iter_candidates(path: Path, every: int = 1) -> Iterator[Candidate]:
    """Read the synthetic file back as an importer would (parse is part of ingest).

    `every` > 1 keeps one line in `every`: the file is in template order (real rows,
    so grouped by source), and a strided subset keeps the mix of the whole.
    """
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            if n % every == 0:
                yield Candidate(json.loads(line), f"{path.name}:{n + 1}")

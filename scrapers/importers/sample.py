"""The bundled sample corpus: ``data/sample/*.jsonl.gz``, one Candidate per line.

Built by `scrapers.importers.build_sample` from the shared datasets (see
``data/sample/MANIFEST.md`` for what is in it, from where, under which licence). Each
line is ``{"location": ..., "fields": {...}}``: the fields exactly as the dataset's own
importer produced them, so a record ingested from the sample has the same id, work key
and provenance as the same record ingested from the full dataset, and a later full
ingest updates it instead of duplicating it. It needs nothing outside the repository.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path

from indexer.pipeline import Candidate, Item
from scrapers.importers.base import reject

SOURCE = "sample"
DEFAULT_PATH = "data/sample"
PATTERN = "*.jsonl.gz"


def read_file(path: Path) -> Iterator[Item]:
    rel = path.name
    try:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                location = f"{rel}:{number}"
                try:
                    row = json.loads(line)
                    fields, origin = row["fields"], row.get("location") or location
                    if not isinstance(fields, dict):
                        raise TypeError("fields is not an object")
                except (json.JSONDecodeError, KeyError, TypeError) as exc:
                    yield reject(SOURCE, location, f"broken JSON: {exc}", line)
                    continue
                yield Candidate(fields=fields, location=f"{location} ({origin})")
    except (OSError, EOFError, UnicodeDecodeError) as exc:
        yield reject(SOURCE, rel, f"unreadable file: {exc}")


def iter_items(root: Path) -> Iterator[Item]:
    files = sorted(root.glob(PATTERN))
    if not files:
        yield reject(SOURCE, str(root), "no sample files (data/sample/*.jsonl.gz)")
    for path in files:
        yield from read_file(path)

"""Tagging that every record gets on ingest, whatever its source.

Kept apart from resolution (names to codes) so that new taggers (citations,
rights through the concordance, themes) plug in here without touching
importers. A change here must bump `indexer.pipeline.ENRICH_VERSION`.
"""

from __future__ import annotations

from collections.abc import Callable

from indexer.record import Record

Enricher = Callable[[Record], Record]

ENRICHERS: list[Enricher] = []


def enrich(record: Record) -> Record:
    for step in ENRICHERS:
        record = step(record)
    return record

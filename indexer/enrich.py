"""Tagging that every record gets on ingest, whatever its source.

Kept apart from resolution (names to codes) so that new taggers (citations,
rights through the concordance, themes) plug in here without touching
importers. A change here must bump `indexer.pipeline.ENRICH_VERSION`.
"""

from __future__ import annotations

from collections.abc import Callable

from indexer.citations import enrich_citations
from indexer.record import Record
from indexer.rights import enrich_rights

Enricher = Callable[[Record], Record]

# Citations first: the rights enricher maps the `art:` citations it finds.
ENRICHERS: list[Enricher] = [enrich_citations, enrich_rights]


def enrich(record: Record) -> Record:
    for step in ENRICHERS:
        record = step(record)
    return record

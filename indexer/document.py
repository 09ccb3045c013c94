"""A stored record turned into what backends index (same for every backend)."""

from __future__ import annotations

from indexer.analysis import SUPPORTED_LANGUAGES, analyse
from indexer.backend.protocol import IndexDoc, Vector
from indexer.record import Record

# Bump when analysis changes: indices built with another version must be rebuilt.
ANALYSIS_VERSION = 1


def analysis_language(record: Record) -> str:
    if record.language in SUPPORTED_LANGUAGES:
        return record.language
    if record.detected_language in SUPPORTED_LANGUAGES:
        return record.detected_language or "xx"
    return "xx"


def build_index_doc(record: Record, row: int, vector: Vector | None) -> IndexDoc:
    lang = analysis_language(record)
    body = analyse(record.text, lang)
    title = analyse(record.title, lang) if record.title else None
    return IndexDoc(
        id=record.id,
        row=row,
        stem=body.stem_string(),
        exact=body.exact_string(),
        title=title.stem_string() if title else "",
        facets=record.facet_values(),
        year=record.year,
        date_ordinal=record.date.toordinal() if record.date else None,
        vector=vector,
        record_json=record.to_json(),
    )

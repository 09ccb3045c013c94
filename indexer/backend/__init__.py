"""Search backends: one contract (`SearchBackend`), two implementations."""

from indexer.backend.protocol import (
    FacetCounts,
    Filters,
    Hit,
    HitPage,
    IndexDoc,
    SearchBackend,
    SortOrder,
)

__all__ = ["FacetCounts", "Filters", "Hit", "HitPage", "IndexDoc", "SearchBackend", "SortOrder"]

"""The contract every search backend fulfils.

Backends are deliberately low level: they match, count, rank by BM25 or by
vector similarity, and aggregate facets. Query parsing, query translation,
rank fusion, highlighting and hydration of records live above them
(`indexer.search`), so both backends answer the same question the same way.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

from indexer.query import Clause, KeywordPlan
from indexer.record import FACETS, Record

Vector = npt.NDArray[np.float32]

# Index field names shared by both backends.
TEXT_FIELDS: tuple[str, ...] = ("stem", "exact", "title")


class SortOrder(StrEnum):
    RELEVANCE = "relevance"
    DATE_DESC = "date_desc"
    DATE_ASC = "date_asc"


@dataclass(frozen=True, slots=True)
class Filters:
    """Facet filters: OR within a facet, AND across facets."""

    terms: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    year_from: int | None = None
    year_to: int | None = None
    exclude_ids: tuple[str, ...] = ()
    include_ids: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        unknown = set(self.terms) - set(FACETS)
        if unknown:
            raise ValueError(f"unknown facet(s): {', '.join(sorted(unknown))}")

    @property
    def empty(self) -> bool:
        return (
            not any(self.terms.values())
            and self.year_from is None
            and self.year_to is None
            and not self.exclude_ids
            and self.include_ids is None
        )

    def with_terms(self, **extra: Sequence[str]) -> Filters:
        merged = dict(self.terms)
        for name, values in extra.items():
            merged[name] = tuple(values)
        return Filters(merged, self.year_from, self.year_to, self.exclude_ids, self.include_ids)

    def without(self, names: Iterable[str]) -> Filters:
        """The same filters with no selection on `names`: a selected facet's counts are
        taken without its own selection, so the interface can show its alternatives."""
        dropped = set(names)
        kept = {k: v for k, v in self.terms.items() if k not in dropped}
        return Filters(kept, self.year_from, self.year_to, self.exclude_ids, self.include_ids)


NO_FILTERS = Filters()


@dataclass(frozen=True, slots=True)
class IndexDoc:
    """A record as both backends index it: analysed terms, facet values, vector."""

    id: str
    row: int
    stem: str
    exact: str
    title: str
    facets: Mapping[str, Sequence[str]]
    year: int | None
    date_ordinal: int | None
    vector: Vector | None
    record_json: str


@dataclass(frozen=True, slots=True)
class Hit:
    id: str
    score: float


@dataclass(frozen=True, slots=True)
class HitPage:
    total: int
    hits: list[Hit]


FacetCounts = dict[str, list[tuple[str, int]]]


@runtime_checkable
class SearchBackend(Protocol):
    """Add, replace, delete, match, rank, count, aggregate."""

    name: str

    def upsert(self, docs: Sequence[IndexDoc]) -> None:
        """Add or replace documents by id. Visible after `commit`."""

    def delete(self, ids: Sequence[str]) -> None:
        """Remove documents by id (unknown ids are ignored). Visible after `commit`."""

    def commit(self, watermark: int | None = None) -> None:
        """Make changes durable and visible; remember the store sequence indexed."""

    def watermark(self) -> int:
        """Highest store sequence number known to be indexed (0 when empty)."""

    def clear(self) -> None:
        """Drop every document (used by rebuilds)."""

    def count(self, filters: Filters = NO_FILTERS) -> int: ...

    def get(self, ids: Sequence[str]) -> list[Record]:
        """Records for `ids`, in the same order, skipping unknown ids."""

    def ids(self) -> Iterable[str]:
        """Every indexed id (for consistency checks)."""

    def keyword(
        self,
        plan: KeywordPlan | None,
        filters: Filters,
        offset: int,
        limit: int,
        sort: SortOrder = SortOrder.RELEVANCE,
    ) -> HitPage:
        """Documents matching `plan` (all when None) and `filters`, ranked by BM25 or date."""

    def vector(self, vector: Vector, filters: Filters, k: int) -> list[Hit]:
        """The `k` nearest documents to `vector` among those matching `filters`.

        Scores are cosine similarities in [-1, 1].
        """

    def facets(
        self,
        plan: KeywordPlan | None,
        filters: Filters,
        names: Sequence[str],
        size: int,
    ) -> FacetCounts:
        """Counts of facet values over the documents matching `plan` and `filters`."""

    def vectors_for(self, ids: Sequence[str]) -> dict[str, Vector]:
        """Stored vectors of `ids` (for more-like-this and related records)."""

    def close(self) -> None: ...


def clause_fields(clause: Clause) -> set[str]:
    """Fields a clause touches (for validation in tests and backends)."""
    from indexer.query import AllOf, AnyOf, Phrase, Term

    if isinstance(clause, Term | Phrase):
        return {clause.field}
    if isinstance(clause, AnyOf | AllOf):
        out: set[str] = set()
        for sub in clause.clauses:
            out |= clause_fields(sub)
        return out
    raise TypeError(f"unknown clause {clause!r}")

"""Search as users see it: keyword, vector or hybrid, with facets and highlights.

Everything that must behave identically on both backends happens here: query
parsing and translation, query embedding, reciprocal rank fusion, the
disjunctive facet counts (a selected facet still shows its alternatives),
highlighting and hydration of records.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from enum import StrEnum

from indexer.backend.protocol import (
    NO_FILTERS,
    FacetCounts,
    Filters,
    Hit,
    SearchBackend,
    SortOrder,
    Vector,
)
from indexer.document import analysis_language
from indexer.embed import Embedder
from indexer.errors import BadQuery
from indexer.highlight import highlight
from indexer.query import KeywordPlan, parse_query
from indexer.record import FACETS, Record
from indexer.terminology import Terminology

RRF_K = 60
# The vector ranking counts for a little less than the keyword one in hybrid fusion.
# Measured on the development sets (bench/quality, full corpus, nDCG@10 of hybrid):
# with equal weights, hybrid fell below keyword-only on Arabic UPR topic queries
# (0.935 against 0.947: the embedding of a two-word Arabic query often misses the
# topic, and equal weight lets those misses displace exact matches); at 0.8 it is
# 0.974, and every set and language is at or above keyword-only (UPR topics all
# 0.946 -> 0.972, English/French pairs 0.736 -> 0.745, Arabic seeds 0.829 both).
VECTOR_WEIGHT = 0.8
VECTOR_K = 200
KEYWORD_FUSION_DEPTH = 200
MAX_PAGE_SIZE = 100
MAX_OFFSET = 10_000
# Facet counts of up to VECTOR_K hits: enough buckets for every value they hold.
HIT_FACET_BUCKETS = 10_000
# Facet counts over the whole match set are the costliest part of a search at a
# million records, and the vector search is independent of the keyword one: both
# run on worker threads while the keyword ranking runs (the backends do that work
# outside the interpreter lock: tantivy in Rust, numpy, Elasticsearch over HTTP).
WORKERS = 4


class Mode(StrEnum):
    KEYWORD = "keyword"
    VECTOR = "vector"
    HYBRID = "hybrid"


@dataclass(frozen=True, slots=True)
class SearchRequest:
    query: str = ""
    mode: Mode = Mode.HYBRID
    filters: Filters = NO_FILTERS
    page: int = 1
    size: int = 10
    sort: SortOrder = SortOrder.RELEVANCE
    facets: tuple[str, ...] = FACETS
    facet_size: int = 20
    highlight: bool = True

    def __post_init__(self) -> None:
        if self.page < 1:
            raise BadQuery("page must be 1 or more")
        if not 1 <= self.size <= MAX_PAGE_SIZE:
            raise BadQuery(f"size must be between 1 and {MAX_PAGE_SIZE}")
        if (self.page - 1) * self.size >= MAX_OFFSET:
            raise BadQuery(f"cannot page beyond the first {MAX_OFFSET} results; add filters")
        unknown = set(self.facets) - set(FACETS)
        if unknown:
            raise BadQuery(f"unknown facet(s): {', '.join(sorted(unknown))}")

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.size


@dataclass(slots=True)
class ResultItem:
    record: Record
    score: float
    highlight: str
    matched_by: tuple[str, ...]


@dataclass(slots=True)
class SearchResult:
    total: int
    took_ms: float
    results: list[ResultItem]
    facets: FacetCounts
    mode: Mode
    relaxed: bool = False
    translated: tuple[str, ...] = ()
    notes: list[str] = field(default_factory=list)
    keyword_total: int | None = None
    """Records that match the query's words, an exact count (None in vector mode): in
    hybrid mode `total` adds the semantic matches that do not contain the words."""


def rrf(
    rankings: Sequence[Sequence[str]],
    k: int = RRF_K,
    weights: Sequence[float] | None = None,
) -> list[tuple[str, float]]:
    """Weighted reciprocal rank fusion; ties broken by id so every backend orders alike."""
    scores: dict[str, float] = {}
    for i, ranking in enumerate(rankings):
        weight = 1.0 if weights is None else weights[i]
        for rank, rid in enumerate(ranking, start=1):
            scores[rid] = scores.get(rid, 0.0) + weight / (k + rank)
    return sorted(scores.items(), key=lambda item: (-item[1], item[0]))


class SearchService:
    def __init__(
        self, backend: SearchBackend, embedder: Embedder, terminology: Terminology
    ) -> None:
        self.backend = backend
        self.embedder = embedder
        self.terminology = terminology
        self._pool = ThreadPoolExecutor(WORKERS, thread_name_prefix="search")

    def plan(self, query: str) -> KeywordPlan | None:
        return parse_query(query, self.terminology)

    def search(self, request: SearchRequest) -> SearchResult:
        started = time.perf_counter()
        plan = self.plan(request.query)
        mode = request.mode if plan is not None else Mode.KEYWORD
        if mode is Mode.KEYWORD:
            result = self._keyword(request, plan)
        elif mode is Mode.VECTOR:
            result = self._vector(request, plan)
        else:
            result = self._hybrid(request, plan)
        result.took_ms = round((time.perf_counter() - started) * 1000, 2)
        return result

    # --- modes -----------------------------------------------------------
    def _keyword(self, request: SearchRequest, plan: KeywordPlan | None) -> SearchResult:
        sort = request.sort
        if plan is None and sort is SortOrder.RELEVANCE:
            sort = SortOrder.DATE_DESC
        counting = self._facets_later(plan, request)
        page = self.backend.keyword(plan, request.filters, request.offset, request.size, sort)
        relaxed = False
        if page.total == 0 and plan is not None and len(plan.must) + len(plan.should) > 1:
            plan = plan.relaxed()
            counting = self._facets_later(plan, request)
            page = self.backend.keyword(plan, request.filters, request.offset, request.size, sort)
            relaxed = True
        items = self._items(page.hits, plan, request, {h.id: ("keyword",) for h in page.hits})
        translated = plan.translated if plan else ()
        return SearchResult(
            page.total,
            0.0,
            items,
            counting.result(),
            Mode.KEYWORD,
            relaxed,
            translated,
            keyword_total=page.total,
        )

    def _query_vector(self, query: str) -> Vector:
        vector: Vector = self.embedder.embed([query])[0]
        return vector

    def _vector(self, request: SearchRequest, plan: KeywordPlan | None) -> SearchResult:
        vector = self._query_vector(request.query)
        hits = self.backend.vector(vector, request.filters, VECTOR_K)
        records: dict[str, Record] | None = None
        if request.sort is not SortOrder.RELEVANCE:
            records = {r.id: r for r in self.backend.get([h.id for h in hits])}
            hits = [h for h in hits if h.id in records]
            hits = self._sort_hits(hits, records, request.sort)
        # Facets of the hits are counted by the backend, from its index: reading and
        # decoding every hit's record only to count its facets cost more than the search.
        facets = self._count_hits([h.id for h in hits], request)
        window = hits[request.offset : request.offset + request.size]
        items = self._items(window, plan, request, {h.id: ("vector",) for h in window}, records)
        return SearchResult(
            len(hits), 0.0, items, facets, Mode.VECTOR, translated=plan.translated if plan else ()
        )

    def _hybrid(self, request: SearchRequest, plan: KeywordPlan | None) -> SearchResult:
        depth = max(KEYWORD_FUSION_DEPTH, request.offset + request.size)
        counting = self._facets_later(plan, request)
        vector = self._query_vector(request.query)
        nearest = self._pool.submit(self.backend.vector, vector, request.filters, VECTOR_K)
        keyword = self.backend.keyword(plan, request.filters, 0, depth, SortOrder.RELEVANCE)
        relaxed = False
        if keyword.total == 0 and plan is not None and len(plan.must) + len(plan.should) > 1:
            plan = plan.relaxed()
            counting = self._facets_later(plan, request)
            keyword = self.backend.keyword(plan, request.filters, 0, depth, SortOrder.RELEVANCE)
            relaxed = True
        vhits = nearest.result()
        keyword_ids = [h.id for h in keyword.hits]
        vector_ids = [h.id for h in vhits]
        fused = rrf([keyword_ids, vector_ids], weights=(1.0, VECTOR_WEIGHT))
        # Vector hits outside the keyword match set widen the result set. When the
        # keyword list holds every match, that is plain set difference.
        complete = keyword.total <= len(keyword_ids)
        outside = self._outside_keyword(
            plan, request.filters, vector_ids, set(keyword_ids), complete
        )
        total = keyword.total + len(outside)
        facets = counting.result()
        if outside:
            self._merge_counts(facets, self._count_hits(outside, request, top=False), request)
        ordered = [Hit(rid, score) for rid, score in fused]
        if request.sort is not SortOrder.RELEVANCE:
            records = {r.id: r for r in self.backend.get([h.id for h in ordered])}
            ordered = self._sort_hits(ordered, records, request.sort)
        window = ordered[request.offset : request.offset + request.size]
        kset, vset = set(keyword_ids), set(vector_ids)
        matched = {
            h.id: tuple(m for m, s in (("keyword", kset), ("vector", vset)) if h.id in s)
            for h in window
        }
        items = self._items(window, plan, request, matched)
        translated = plan.translated if plan else ()
        return SearchResult(
            total,
            0.0,
            items,
            facets,
            Mode.HYBRID,
            relaxed,
            translated,
            keyword_total=keyword.total,
        )

    # --- helpers ---------------------------------------------------------
    def _outside_keyword(
        self,
        plan: KeywordPlan | None,
        filters: Filters,
        vector_ids: list[str],
        seen: set[str],
        complete: bool = False,
    ) -> list[str]:
        unseen = [i for i in vector_ids if i not in seen]
        if not unseen or plan is None or complete:
            return [] if plan is None else unseen
        inside = self.backend.keyword(
            plan,
            Filters(
                filters.terms,
                filters.year_from,
                filters.year_to,
                filters.exclude_ids,
                tuple(unseen),
            ),
            0,
            len(unseen),
            SortOrder.RELEVANCE,
        )
        matched = {h.id for h in inside.hits}
        return [i for i in unseen if i not in matched]

    @staticmethod
    def _sort_hits(hits: list[Hit], records: dict[str, Record], sort: SortOrder) -> list[Hit]:
        if sort is SortOrder.RELEVANCE:
            return hits

        def key(h: Hit) -> int:
            d = records[h.id].date if h.id in records else None
            return d.toordinal() if d else 0

        return sorted(hits, key=key, reverse=sort is SortOrder.DATE_DESC)

    def _facets_later(
        self, plan: KeywordPlan | None, request: SearchRequest
    ) -> Future[FacetCounts]:
        return self._pool.submit(self._facets, plan, request)

    def _facets(self, plan: KeywordPlan | None, request: SearchRequest) -> FacetCounts:
        """Counts per facet; a facet with a selection is counted without its own filter."""
        names = list(request.facets)
        disjunctive = getattr(self.backend, "disjunctive_facets", None)
        if disjunctive is not None:
            # A backend that counts them all in one pass (the query is evaluated once).
            counted: FacetCounts = disjunctive(plan, request.filters, names, request.facet_size)
            return {n: counted.get(n, []) for n in names}
        selected = [n for n in names if request.filters.terms.get(n)]
        plain = [n for n in names if n not in selected]
        out = self.backend.facets(plan, request.filters, plain, request.facet_size)
        for name in selected:
            loosened = request.filters.without([name])
            out.update(self.backend.facets(plan, loosened, [name], request.facet_size))
        return {n: out.get(n, []) for n in names}

    def _count_hits(
        self, ids: Sequence[str], request: SearchRequest, top: bool = True
    ) -> FacetCounts:
        """Facet values of exactly these documents (no request filter: they passed it);
        every value when `top` is false (counts to be merged into others)."""
        if not ids:
            return {name: [] for name in request.facets}
        counts = self.backend.facets(
            None, Filters(include_ids=tuple(ids)), list(request.facets), HIT_FACET_BUCKETS
        )
        ranked: FacetCounts = {}
        for name in request.facets:
            pairs = sorted(counts.get(name, []), key=lambda kv: (-kv[1], kv[0]))
            ranked[name] = pairs[: request.facet_size] if top else pairs
        return ranked

    @staticmethod
    def _merge_counts(facets: FacetCounts, extra: FacetCounts, request: SearchRequest) -> None:
        for name in request.facets:
            counter: Counter[str] = Counter(dict(facets.get(name, [])))
            for value, n in extra.get(name, []):
                counter[value] += n
            ranked = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
            facets[name] = ranked[: request.facet_size]

    def _items(
        self,
        hits: Sequence[Hit],
        plan: KeywordPlan | None,
        request: SearchRequest,
        matched: dict[str, tuple[str, ...]],
        records: dict[str, Record] | None = None,
    ) -> list[ResultItem]:
        if records is None:
            records = {r.id: r for r in self.backend.get([h.id for h in hits])}
        terms = plan.highlight_terms if plan else frozenset()
        phrases = plan.highlight_phrases if plan else frozenset()
        items: list[ResultItem] = []
        for hit in hits:
            record = records.get(hit.id)
            if record is None:
                continue
            snippet = (
                highlight(record.text, analysis_language(record), terms, phrases)
                if request.highlight
                else ""
            )
            items.append(ResultItem(record, hit.score, snippet, matched.get(hit.id, ())))
        return items

    def get(self, record_id: str) -> Record | None:
        found = self.backend.get([record_id])
        return found[0] if found else None

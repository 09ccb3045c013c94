"""Records of other mechanisms on the same matter, each with the reasons it was linked.

An advocate reading a CAT decision on torture in Egyptian detention wants what the
Human Rights Committee, the UPR, the special rapporteurs and the African Commission
said about the same thing: other mechanisms, by default (another body counts as
another mechanism; `include_same` lifts that). Candidates come from three places,
so that no single signal decides alone:

1. semantic neighbours of the record's stored vector (cross-lingual: the model puts
   a paragraph and its translation together), among records of the other bodies;
2. a more-like-this keyword query built from the record's most frequent content
   stems (BM25 weighs them by rarity), for same-language matches the model misses;
3. records that share a citation with it (the same general comment, decision or
   resolution), cite its document, or are cited by it (`indexer.citations`).

Each candidate is then scored on every signal, whatever brought it in:

    score = 0.50 * similarity + 0.15 * keywords + 0.15 * citations
          + 0.10 * rights + 0.10 * country_period

    similarity      (cosine - 0.30) / 0.45, clipped to [0, 1]: cosines of unrelated
                    paragraphs sit around 0.1-0.3 with the multilingual model
    keywords        1 / (1 + rank / 10) for the rank in the more-like-this query
    citations       shared non-article citations (or a citation of one by the
                    other), 0.5 each, at most 1
    rights          Jaccard overlap of the rights (concordance ids) of the two
    country_period  0.5 for a shared country + 0.5 for dates at most 3 years apart
                    (0.25 at most 6)

A candidate needs similarity >= 0.35, a keyword hit or a citation link to count
(shared country and rights alone relate everything to everything), and only the
best record of each other document is kept.
"""

from __future__ import annotations

import math
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from indexer.analysis import analyse
from indexer.analysis.stopwords import is_stopword
from indexer.backend.protocol import Filters, SearchBackend, SortOrder, Vector
from indexer.citations import CitationIndex, case_key, cited_as
from indexer.document import analysis_language
from indexer.embed import Embedder
from indexer.errors import BadQuery
from indexer.query import KeywordPlan, Term
from indexer.record import MechanismType, Record, record_summary
from indexer.rights import Concordance, concordance

VECTOR_CANDIDATES = 120
KEYWORD_CANDIDATES = 60
CITATION_CANDIDATES = 200
MLT_TERMS = 24
MIN_SIMILARITY = 0.35
WEIGHTS = {
    "similarity": 0.50,
    "keywords": 0.15,
    "citations": 0.15,
    "rights": 0.10,
    "country_period": 0.10,
}
MAX_SIZE = 50


@dataclass(frozen=True, slots=True)
class RelatedQuery:
    size: int = 10
    mechanisms: tuple[str, ...] = ()
    """Mechanism types (treaty_body, upr, regional...) or body codes to keep."""
    include_same: bool = False
    """Also records of the record's own body (its own document stays excluded)."""
    same_country: bool = False

    def __post_init__(self) -> None:
        if not 1 <= self.size <= MAX_SIZE:
            raise BadQuery(f"size must be between 1 and {MAX_SIZE}")


@dataclass(slots=True)
class Reason:
    type: str
    score: float
    detail: object

    def to_json(self) -> dict[str, object]:
        return {"type": self.type, "score": round(self.score, 3), "detail": self.detail}


@dataclass(slots=True)
class RelatedItem:
    record: Record
    score: float
    reasons: list[Reason] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        summary = record_summary(self.record)
        summary["title"] = self.record.title
        summary["year"] = self.record.year
        return {
            "record": summary,
            "score": round(self.score, 4),
            "reasons": [r.to_json() for r in self.reasons],
        }


def more_like_this(
    record: Record, backend: SearchBackend | None = None, terms: int = MLT_TERMS
) -> KeywordPlan | None:
    """A keyword plan of the record's most distinctive content stems: frequent in the
    record, rare in the index (document frequencies come from the backend itself)."""
    analysed = analyse(record.text, analysis_language(record))
    counts: Counter[str] = Counter(
        t.stem
        for t in analysed.tokens
        if len(t.exact) > 3 and not is_stopword(t.exact) and not t.exact.isdigit()
    )
    candidates = [stem for stem, _ in counts.most_common(terms * 2)]
    if backend is not None and candidates:
        total = max(1, backend.count())
        weight: dict[str, float] = {}
        for stem in candidates:
            df = backend.keyword(
                KeywordPlan(must=(Term("stem", stem),)), Filters(), 0, 1, SortOrder.RELEVANCE
            ).total
            weight[stem] = counts[stem] * math.log((total + 1) / (df + 1))
        candidates = sorted(candidates, key=lambda s: (-weight[s], s))
    top = candidates[: terms // 2 if backend is not None else terms]
    if len(top) < 3:
        return None
    return KeywordPlan(should=tuple(Term("stem", s) for s in top), min_should=3)


def _similarity_score(cosine: float) -> float:
    return float(min(1.0, max(0.0, (cosine - 0.30) / 0.45)))


def _date_year(record: Record) -> int | None:
    if record.date is not None:
        return record.date.year
    return record.year


class RelatedFinder:
    def __init__(
        self,
        backend: SearchBackend,
        links: CitationIndex | None = None,
        embedder: Embedder | None = None,
        rights: Concordance | None = None,
    ) -> None:
        self.backend = backend
        self.links = links
        self.embedder = embedder
        self.rights = rights or concordance()

    # --- filters ------------------------------------------------------------------
    def _filters(self, record: Record, query: RelatedQuery) -> Filters:
        terms: dict[str, tuple[str, ...]] = {}
        types = {m.value for m in MechanismType}
        wanted_types = tuple(m for m in query.mechanisms if m in types)
        wanted_bodies = tuple(m for m in query.mechanisms if m not in types)
        if wanted_types:
            terms["mechanism"] = wanted_types
        bodies = [
            value
            for value, _ in self.backend.facets(None, Filters(), ["body"], 1000).get("body", [])
        ]
        if wanted_bodies:
            bodies = [b for b in bodies if b in wanted_bodies]
        if not query.include_same:
            bodies = [b for b in bodies if b != record.body]
        terms["body"] = tuple(bodies) or ("\x00none",)
        if query.same_country and record.countries:
            terms["country"] = tuple(record.countries)
        return Filters(terms, exclude_ids=(record.id,))

    @staticmethod
    def _admits(candidate: Record, filters: Filters) -> bool:
        values = candidate.facet_values()
        return (
            all(
                not allowed or any(v in allowed for v in values.get(name, []))
                for name, allowed in filters.terms.items()
            )
            and candidate.id not in filters.exclude_ids
        )

    # --- the search ----------------------------------------------------------------
    def find(self, record: Record, query: RelatedQuery = RelatedQuery()) -> list[RelatedItem]:
        filters = self._filters(record, query)
        own_case = case_key(record)
        vector = self._vector(record)
        cosines: dict[str, float] = {}
        if vector is not None:
            for hit in self.backend.vector(vector, filters, VECTOR_CANDIDATES):
                cosines[hit.id] = hit.score
        keyword_rank: dict[str, int] = {}
        plan = more_like_this(record, self.backend)
        if plan is not None:
            page = self.backend.keyword(plan, filters, 0, KEYWORD_CANDIDATES, SortOrder.RELEVANCE)
            keyword_rank = {h.id: rank for rank, h in enumerate(page.hits)}
        linked = self._citation_links(record)
        ids = list(dict.fromkeys([*cosines, *keyword_rank, *linked]))
        records = {r.id: r for r in self.backend.get(ids)}
        missing = [i for i in records if i not in cosines]
        if missing and vector is not None:
            stored = self.backend.vectors_for(missing)
            for rid, vec in stored.items():
                cosines[rid] = float(np.dot(vector, vec))
        record_rights = set(record.rights)
        year = _date_year(record)
        items: list[RelatedItem] = []
        for rid, candidate in records.items():
            if not self._admits(candidate, filters) or candidate.work == record.work:
                continue
            if case_key(candidate) == own_case:
                continue
            item = self._score(
                record,
                candidate,
                cosines.get(rid),
                keyword_rank.get(rid),
                linked.get(rid, []),
                record_rights,
                year,
            )
            if item is not None:
                items.append(item)
        items.sort(key=lambda i: (-i.score, i.record.id))
        best: dict[str, RelatedItem] = {}
        for item in items:
            best.setdefault(case_key(item.record), item)
        return list(best.values())[: query.size]

    def _vector(self, record: Record) -> Vector | None:
        stored = self.backend.vectors_for([record.id])
        if record.id in stored:
            return stored[record.id]
        if self.embedder is not None:
            vector: Vector = self.embedder.embed([record.text])[0]
            return vector
        return None

    def _citation_links(self, record: Record) -> dict[str, list[str]]:
        """candidate id -> the citation keys linking it to `record`."""
        if self.links is None:
            return {}
        out: dict[str, list[str]] = {}
        shared = [k for k in record.citations if not k.startswith("art:")]
        for key, ids in self.links.records_citing(shared).items():
            for rid in ids[:CITATION_CANDIDATES]:
                out.setdefault(rid, []).append(key)
        for key, ids in self.links.records_citing(cited_as(record)).items():
            for rid in ids[:CITATION_CANDIDATES]:
                out.setdefault(rid, []).append(f"cites this document ({key})")
        for key, ids in self.links.records_cited_as(shared).items():
            for rid in ids[:CITATION_CANDIDATES]:
                out.setdefault(rid, []).append(f"cited here ({key})")
        return out

    def _score(
        self,
        record: Record,
        candidate: Record,
        cosine: float | None,
        keyword_rank: int | None,
        links: Sequence[str],
        record_rights: set[str],
        year: int | None,
    ) -> RelatedItem | None:
        reasons: list[Reason] = []
        parts: dict[str, float] = {}
        if cosine is not None:
            parts["similarity"] = _similarity_score(cosine)
            if cosine >= MIN_SIMILARITY:
                reasons.append(Reason("similarity", cosine, round(cosine, 3)))
        if keyword_rank is not None:
            parts["keywords"] = 1.0 / (1.0 + keyword_rank / 10.0)
            reasons.append(Reason("keywords", parts["keywords"], f"rank {keyword_rank + 1}"))
        shared = sorted(
            set(links)
            | ({k for k in record.citations if not k.startswith("art:")} & set(candidate.citations))
        )
        if shared:
            parts["citations"] = min(1.0, 0.5 * len(shared))
            reasons.append(Reason("citations", parts["citations"], shared))
        # A keyword hit alone is not enough: it must also be somewhat similar in meaning.
        substantive = (
            (cosine is not None and cosine >= MIN_SIMILARITY)
            or bool(shared)
            or (keyword_rank is not None and keyword_rank < 20 and (cosine or 0.0) >= 0.25)
        )
        if not substantive:
            return None
        common = sorted(record_rights & set(candidate.rights))
        if record_rights and candidate.rights:
            union = record_rights | set(candidate.rights)
            parts["rights"] = len(common) / len(union)
        if common:
            names = [
                self.rights.right(r).name("en") if r in self.rights.rights else r for r in common
            ]
            reasons.append(Reason("rights", parts.get("rights", 0.0), names))
        country = sorted(set(record.countries) & set(candidate.countries))
        place = 0.5 if country else 0.0
        if country:
            reasons.append(Reason("country", 0.5, country))
        other_year = _date_year(candidate)
        if year is not None and other_year is not None:
            gap = abs(year - other_year)
            period = 0.5 if gap <= 3 else 0.25 if gap <= 6 else 0.0
            if period:
                place += period
                reasons.append(Reason("period", period, f"{year} / {other_year}"))
        parts["country_period"] = place
        score = sum(WEIGHTS[name] * value for name, value in parts.items())
        return RelatedItem(candidate, score, reasons)


def find_related(
    record: Record,
    backend: SearchBackend,
    links: CitationIndex | None = None,
    embedder: Embedder | None = None,
    query: RelatedQuery = RelatedQuery(),
) -> tuple[list[RelatedItem], float]:
    """Related records and the milliseconds it took."""
    started = time.perf_counter()
    items = RelatedFinder(backend, links, embedder).find(record, query)
    return items, round((time.perf_counter() - started) * 1000, 2)

"""Keyword index on tantivy: BM25 over our pre-analysed terms, facets, filters.

Terms arrive already analysed (see `indexer.analysis`), so the index only splits
on whitespace. Facet fields are raw fast fields, counted by tantivy's terms
aggregation in Rust.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import tantivy
from tantivy import Occur, Query

from indexer.backend.protocol import FacetCounts, Filters, Hit, HitPage, IndexDoc, SortOrder
from indexer.query import AllOf, AnyOf, Clause, KeywordPlan, Phrase, Term
from indexer.record import FACETS

WS_TOKENIZER = "concordia_ws"
TEXT_FIELDS = ("stem", "exact", "title")
WRITER_HEAP = 128_000_000
SEARCHER_TTL = 0.5


def _count(result: Any) -> int:
    """The total of a search made with count=True (the type stubs do not declare it)."""
    return int(getattr(result, "count", 0) or 0)


def _filter_string(name: str, values: Sequence[str]) -> str | None:
    """A facet selection in tantivy's query syntax (filter aggregations take only that)."""
    if name == "year":
        years = [v for v in values if str(v).lstrip("-").isdigit()]
        parts = [f"year:{int(v)}" for v in years]
    else:
        if any('"' in v or "\\" in v for v in values):
            return None
        parts = [f'{name}:"{v}"' for v in values]
    if not parts or len(parts) != len(values):
        return None
    return "(" + " OR ".join(parts) + ")"


def _schema() -> tantivy.Schema:
    sb = tantivy.SchemaBuilder()
    sb.add_text_field("id", stored=True, tokenizer_name="raw", fast=True)
    sb.add_integer_field("row", stored=True, indexed=True, fast=True)
    for name in TEXT_FIELDS:
        sb.add_text_field(name, tokenizer_name=WS_TOKENIZER, index_option="position")
    for name in FACETS:
        if name != "year":
            sb.add_text_field(name, tokenizer_name="raw", fast=True)
    sb.add_integer_field("year", indexed=True, fast=True)
    sb.add_integer_field("date", indexed=True, fast=True)
    return sb.build()


class KeywordIndex:
    def __init__(self, path: Path, threads: int = 1) -> None:
        path.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.schema = _schema()
        self.index = tantivy.Index(self.schema, path=str(path))
        self.index.register_tokenizer(
            WS_TOKENIZER, tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace()).build()
        )
        self._threads = threads
        self._writer: tantivy.IndexWriter | None = None
        # Row -> id, set by the backend: hits become ids without reading stored documents.
        self.row_ids: Callable[[Sequence[int]], list[str]] | None = None
        self._current: tuple[float, tantivy.Searcher] | None = None
        self.index.reload()

    def _searcher(self) -> tantivy.Searcher:
        """A searcher shared by the searches of `SEARCHER_TTL` seconds: getting one costs
        0.4 ms at a million records, and a search makes two or three. Our own commits
        replace it at once; another process's are seen within the reader's own delay."""
        now = time.monotonic()
        current = self._current
        if current is None or now - current[0] > SEARCHER_TTL:
            current = self._current = (now, self.index.searcher())
        return current[1]

    # --- writing ---------------------------------------------------------
    def _w(self) -> tantivy.IndexWriter:
        if self._writer is None:
            self._writer = self.index.writer(heap_size=WRITER_HEAP, num_threads=self._threads)
        return self._writer

    def upsert(self, docs: Sequence[IndexDoc]) -> None:
        writer = self._w()
        for doc in docs:
            writer.delete_documents_by_term("id", doc.id)
            fields: dict[str, Any] = {
                "id": doc.id,
                "row": doc.row,
                "stem": doc.stem,
                "exact": doc.exact,
                "title": doc.title,
                "date": doc.date_ordinal or 0,
            }
            if doc.year is not None:
                fields["year"] = doc.year
            for name, values in doc.facets.items():
                if name != "year" and values:
                    fields[name] = list(values)
            writer.add_document(tantivy.Document(**fields))

    def delete(self, ids: Sequence[str]) -> None:
        writer = self._w()
        for rid in ids:
            writer.delete_documents_by_term("id", rid)

    def commit(self) -> None:
        if self._writer is not None:
            self._writer.commit()
            self._writer.wait_merging_threads()
            self._writer = None
        self.index.reload()
        self._current = None

    def clear(self) -> None:
        writer = self._w()
        writer.delete_all_documents()
        self.commit()

    # --- translating plans -------------------------------------------------
    def clause(self, clause: Clause) -> Query:
        if isinstance(clause, Term):
            q = Query.term_query(self.schema, clause.field, clause.value)
        elif isinstance(clause, Phrase):
            q = Query.phrase_query(self.schema, clause.field, list(clause.values))
        elif isinstance(clause, AnyOf):
            subs = [self.clause(c) for c in clause.clauses]
            q = subs[0] if len(subs) == 1 else Query.disjunction_max_query(subs)
        elif isinstance(clause, AllOf):
            q = Query.boolean_query([(Occur.Must, self.clause(c)) for c in clause.clauses])
        else:  # pragma: no cover - exhaustive
            raise TypeError(clause)
        return q if clause.boost == 1.0 else Query.boost_query(q, clause.boost)

    def plan_query(self, plan: KeywordPlan | None) -> Query:
        if plan is None or plan.is_empty:
            return Query.all_query()
        parts: list[tuple[Occur, Query]] = [(Occur.Must, self.clause(c)) for c in plan.must]
        parts += [(Occur.Should, self.clause(c)) for c in plan.should]
        parts += [(Occur.MustNot, self.clause(c)) for c in plan.must_not]
        return Query.boolean_query(parts, plan.min_should or None)

    def filter_query(self, filters: Filters) -> Query | None:
        parts: list[tuple[Occur, Query]] = []
        for name, values in filters.terms.items():
            if not values:
                continue
            if name == "year":
                years = [int(v) for v in values if str(v).lstrip("-").isdigit()]
                q = Query.term_set_query(self.schema, "year", years)
            else:
                q = Query.term_set_query(self.schema, name, list(values))
            parts.append((Occur.Must, q))
        if filters.year_from is not None or filters.year_to is not None:
            lo = filters.year_from if filters.year_from is not None else -10_000
            hi = filters.year_to if filters.year_to is not None else 10_000
            parts.append(
                (
                    Occur.Must,
                    Query.range_query(self.schema, "year", tantivy.FieldType.Integer, lo, hi),
                )
            )
        if filters.include_ids is not None:
            parts.append(
                (Occur.Must, Query.term_set_query(self.schema, "id", list(filters.include_ids)))
            )
        if filters.exclude_ids:
            parts.append(
                (Occur.MustNot, Query.term_set_query(self.schema, "id", list(filters.exclude_ids)))
            )
        if not parts:
            return None
        if all(occur == Occur.MustNot for occur, _ in parts):
            parts.append((Occur.Must, Query.all_query()))
        return Query.const_score_query(Query.boolean_query(parts), 0.0)

    def query(self, plan: KeywordPlan | None, filters: Filters) -> Query:
        main = self.plan_query(plan)
        flt = self.filter_query(filters)
        if flt is None:
            return main
        return Query.boolean_query([(Occur.Must, main), (Occur.Must, flt)])

    # --- reading ---------------------------------------------------------
    def search(
        self,
        plan: KeywordPlan | None,
        filters: Filters,
        offset: int,
        limit: int,
        sort: SortOrder,
    ) -> HitPage:
        searcher = self._searcher()
        q = self.query(plan, filters)
        if sort is SortOrder.RELEVANCE and plan is not None and not plan.is_empty:
            result = searcher.search(q, limit=limit, offset=offset, count=True)
        else:
            order = tantivy.Order.Asc if sort is SortOrder.DATE_ASC else tantivy.Order.Desc
            result = searcher.search(
                q, limit=limit, offset=offset, count=True, order_by_field="date", order=order
            )
        addresses = [addr for _, addr in result.hits]
        ids = self._ids(searcher, addresses)
        scores = [float(s) if isinstance(s, float) else 0.0 for s, _ in result.hits]
        return HitPage(_count(result), [Hit(i, s) for i, s in zip(ids, scores, strict=True)])

    def _ids(self, searcher: tantivy.Searcher, addresses: Sequence[Any]) -> list[str]:
        if not addresses:
            return []
        out: list[str] = []
        if self.row_ids is not None:
            rows = searcher.fast_field_values("row", list(addresses))
            out = self.row_ids([-1 if r is None else int(r) for r in rows])
        else:
            out = [""] * len(addresses)
        for n, rid in enumerate(out):
            if not rid:  # not in the row -> id column: read the stored document
                out[n] = str(searcher.doc(addresses[n])["id"][0])
        return out

    def count(self, filters: Filters) -> int:
        searcher = self._searcher()
        flt = self.filter_query(filters)
        if flt is None:
            return int(searcher.num_docs)
        return _count(searcher.search(flt, limit=1, count=True))

    def facets(
        self, plan: KeywordPlan | None, filters: Filters, names: Sequence[str], size: int
    ) -> FacetCounts:
        if not names:
            return {}
        searcher = self._searcher()
        agg = {name: {"terms": {"field": name, "size": size}} for name in names}
        result = searcher.aggregate(self.query(plan, filters), agg)
        out: FacetCounts = {}
        for name in names:
            buckets = result.get(name, {}).get("buckets", [])
            out[name] = [(str(b["key"]), int(b["doc_count"])) for b in buckets]
        return out

    def disjunctive_facets(
        self, plan: KeywordPlan | None, filters: Filters, names: Sequence[str], size: int
    ) -> FacetCounts | None:
        """Every facet counted over the matches of `plan` and `filters`, a selected facet
        without its own filter, in one pass.

        The query (its clauses in four languages, phrases included) costs more than
        counting: one aggregation whose filter sub-aggregations apply the selected
        facets costs a third of one aggregation per selected facet. None when a
        selection cannot be written as a filter string (the caller then counts facet
        by facet).
        """
        selected = [n for n in names if filters.terms.get(n)]
        plain = [n for n in names if n not in selected]
        clauses: dict[str, str] = {}
        for name in selected:
            clause = _filter_string(name, filters.terms[name])
            if clause is None:
                return None
            clauses[name] = clause
        terms = {n: {"terms": {"field": n, "size": size}} for n in plain}
        if not selected:
            return self.facets(plan, filters, names, size)
        aggs: dict[str, Any] = {}
        if plain:
            aggs["__all"] = {"filter": " AND ".join(clauses.values()), "aggs": terms}
        for name in selected:
            own = {name: {"terms": {"field": name, "size": size}}}
            others = [c for n, c in clauses.items() if n != name]
            aggs[f"__{name}"] = (
                {"filter": " AND ".join(others), "aggs": own} if others else own[name]
            )
        base = filters.without(clauses)
        result = self._searcher().aggregate(self.query(plan, base), aggs)
        out: FacetCounts = {}
        for name in plain:
            buckets = result.get("__all", {}).get(name, {}).get("buckets", [])
            out[name] = [(str(b["key"]), int(b["doc_count"])) for b in buckets]
        for name in selected:
            node = result.get(f"__{name}", {})
            buckets = (node.get(name, node) if isinstance(node, dict) else {}).get("buckets", [])
            out[name] = [(str(b["key"]), int(b["doc_count"])) for b in buckets]
        return {n: out.get(n, []) for n in names}

    def num_docs(self) -> int:
        return int(self._searcher().num_docs)

    def ids(self) -> Iterable[str]:
        searcher = self._searcher()
        total = int(searcher.num_docs)
        if total == 0:
            return []
        result = searcher.search(Query.all_query(), limit=total, count=False)
        return self._ids(searcher, [addr for _, addr in result.hits])

    def destroy(self) -> None:
        self._writer = None
        shutil.rmtree(self.path, ignore_errors=True)

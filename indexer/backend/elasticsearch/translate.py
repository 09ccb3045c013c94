"""Keyword plans and filters in Elasticsearch's query DSL, translated literally.

The embedded backend (tantivy) is the reference; every construct maps to the
Lucene query tantivy's maps to, so both rank alike:

    Term(field, v, b)       term query                     (boost b)
    Phrase(field, vs, b)    match_phrase, slop 0           (the whitespace analyzer
                                                            gives back exactly `vs`)
    AnyOf(cs, b)            dis_max, tie_breaker 0         (boost b)
    AllOf(cs, b)            bool must                      (boost b)
    KeywordPlan             bool must/should/must_not with minimum_should_match
    Filters                 bool filter: they match without scoring, as tantivy's
                            const_score(0) does
"""

from __future__ import annotations

from typing import Any

from indexer.backend.protocol import Filters
from indexer.query import AllOf, AnyOf, Clause, KeywordPlan, Phrase, Term

Query = dict[str, Any]

MATCH_ALL: Query = {"match_all": {}}


def _boosted(query: Query, boost: float) -> Query:
    if boost == 1.0:
        return query
    kind, body = next(iter(query.items()))
    if kind in ("term", "match_phrase"):
        field, params = next(iter(body.items()))
        return {kind: {field: {**params, "boost": params.get("boost", 1.0) * boost}}}
    if kind in ("dis_max", "bool") and "boost" not in body:
        return {kind: {**body, "boost": boost}}
    return {"bool": {"must": [query], "boost": boost}}


def clause_query(clause: Clause) -> Query:
    if isinstance(clause, Term):
        query: Query = {"term": {clause.field: {"value": clause.value}}}
    elif isinstance(clause, Phrase):
        query = {"match_phrase": {clause.field: {"query": " ".join(clause.values), "slop": 0}}}
    elif isinstance(clause, AnyOf):
        subs = [clause_query(c) for c in clause.clauses]
        query = subs[0] if len(subs) == 1 else {"dis_max": {"queries": subs, "tie_breaker": 0.0}}
    elif isinstance(clause, AllOf):
        query = {"bool": {"must": [clause_query(c) for c in clause.clauses]}}
    else:  # pragma: no cover - exhaustive
        raise TypeError(f"unknown clause {clause!r}")
    return _boosted(query, clause.boost)


def plan_query(plan: KeywordPlan | None) -> Query:
    """The scoring part; an empty plan matches everything (as tantivy's all_query)."""
    if plan is None or plan.is_empty:
        return MATCH_ALL
    body: dict[str, Any] = {}
    if plan.must:
        body["must"] = [clause_query(c) for c in plan.must]
    if plan.should:
        body["should"] = [clause_query(c) for c in plan.should]
        # tantivy: without a minimum, should clauses are optional next to a must and
        # at least one is needed without one; spelled out (a bool with a filter
        # clause would otherwise default to 0).
        body["minimum_should_match"] = plan.min_should or (0 if plan.must else 1)
    if plan.must_not:
        body["must_not"] = [clause_query(c) for c in plan.must_not]
    return {"bool": body}


def filter_clauses(filters: Filters) -> tuple[list[Query], list[Query]]:
    """(filter, must_not) clauses for `filters`: OR within a facet, AND across facets."""
    must: list[Query] = []
    must_not: list[Query] = []
    for name, values in filters.terms.items():
        if not values:
            continue
        if name == "year":
            years = sorted({int(v) for v in values if str(v).lstrip("-").isdigit()})
            must.append({"terms": {"year": years}})
        else:
            must.append({"terms": {name: list(dict.fromkeys(values))}})
    if filters.year_from is not None or filters.year_to is not None:
        bounds: dict[str, int] = {}
        if filters.year_from is not None:
            bounds["gte"] = filters.year_from
        if filters.year_to is not None:
            bounds["lte"] = filters.year_to
        must.append({"range": {"year": bounds}})
    if filters.include_ids is not None:
        must.append({"terms": {"id": list(dict.fromkeys(filters.include_ids))}})
    if filters.exclude_ids:
        must_not.append({"terms": {"id": list(dict.fromkeys(filters.exclude_ids))}})
    return must, must_not


def filter_query(filters: Filters) -> Query | None:
    """Filters alone as one non-scoring query (None when there are none)."""
    must, must_not = filter_clauses(filters)
    if not must and not must_not:
        return None
    body: dict[str, Any] = {}
    if must:
        body["filter"] = must
    if must_not:
        body["must_not"] = must_not
    return {"bool": body}


def search_query(plan: KeywordPlan | None, filters: Filters) -> Query:
    """Plan (scoring) AND filters (not scoring)."""
    main = plan_query(plan)
    flt = filter_query(filters)
    if flt is None:
        return main
    return {"bool": {"must": [main], "filter": [flt]}}

"""Response models: the public contract other tools rely on."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from indexer.record import Record, record_summary
from indexer.search import ResultItem, SearchResult


class FacetValue(BaseModel):
    value: str
    count: int


class SearchHit(BaseModel):
    id: str
    text: str
    language: str
    mechanism: str
    body: str
    kind: str
    countries: list[str]
    symbol: str | None
    paragraph: str | None
    date: str | None
    url: str | None
    score: float
    highlight: str
    year: int | None = None
    title: str | None = None
    matched_by: list[str] = Field(default_factory=list)


class SearchResponse(BaseModel):
    total: int
    keyword_total: int | None = Field(
        None,
        description="records containing the query's words (exact); in hybrid mode `total` "
        "also counts semantically similar records without them; null in vector mode",
    )
    took_ms: float
    results: list[SearchHit]
    facets: dict[str, list[FacetValue]]
    mode: str
    page: int
    size: int
    relaxed: bool = Field(False, description="no record matched every word; any word was used")
    translated: list[str] = Field(default_factory=list, description="terminology concepts used")


def hit_from_item(item: ResultItem) -> SearchHit:
    data: dict[str, Any] = record_summary(item.record)
    return SearchHit(
        **data,
        score=round(item.score, 6),
        highlight=item.highlight,
        year=item.record.year,
        title=item.record.title,
        matched_by=list(item.matched_by),
    )


def search_response(result: SearchResult, page: int, size: int) -> SearchResponse:
    return SearchResponse(
        total=result.total,
        keyword_total=result.keyword_total,
        took_ms=result.took_ms,
        results=[hit_from_item(i) for i in result.results],
        facets={
            name: [FacetValue(value=v, count=c) for v, c in values]
            for name, values in result.facets.items()
        },
        mode=result.mode.value,
        page=page,
        size=size,
        relaxed=result.relaxed,
        translated=list(result.translated),
    )


def record_payload(record: Record) -> dict[str, Any]:
    data: dict[str, Any] = record.model_dump(mode="json")
    data["url"] = record.url
    data["licence"] = record.licence
    data["fetched_at"] = record.fetched_at.isoformat() if record.fetched_at else None
    return data

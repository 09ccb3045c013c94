"""Search parameters shared by every endpoint that takes "the same filters as search".

Repeated parameters mean OR within a facet (`country=MEX&country=GTM`), different
parameters AND. Country and body values may be codes or names in any of the
four languages; they are resolved here so URLs stay readable.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Query

from api.deps import ServicesDep
from indexer.backend.protocol import Filters, SortOrder
from indexer.errors import BadQuery
from indexer.search import MAX_PAGE_SIZE, Mode, SearchRequest

YEAR_MIN, YEAR_MAX = 1945, 2100


def _clean(values: list[str] | None) -> tuple[str, ...]:
    out: list[str] = []
    for value in values or []:
        out.extend(v.strip() for v in value.split(",") if v.strip())
    return tuple(dict.fromkeys(out))


def search_request(
    services: ServicesDep,
    q: Annotated[str, Query(max_length=1000, description='words, "phrases", -exclusions')] = "",
    lang: Annotated[list[str] | None, Query(description="record language: ar, en, fr, es")] = None,
    mechanism: Annotated[list[str] | None, Query()] = None,
    body: Annotated[list[str] | None, Query()] = None,
    kind: Annotated[list[str] | None, Query()] = None,
    country: Annotated[list[str] | None, Query(description="ISO 3166 alpha-3 or a name")] = None,
    region: Annotated[list[str] | None, Query()] = None,
    response: Annotated[list[str] | None, Query(description="UPR response")] = None,
    recommending: Annotated[list[str] | None, Query(description="UPR recommending State")] = None,
    year: Annotated[list[str] | None, Query()] = None,
    year_from: Annotated[int | None, Query(ge=YEAR_MIN, le=YEAR_MAX)] = None,
    year_to: Annotated[int | None, Query(ge=YEAR_MIN, le=YEAR_MAX)] = None,
    mode: Annotated[Mode, Query()] = Mode.HYBRID,
    sort: Annotated[SortOrder, Query()] = SortOrder.RELEVANCE,
    page: Annotated[int, Query(ge=1)] = 1,
    size: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = 10,
) -> SearchRequest:
    if year_from is not None and year_to is not None and year_from > year_to:
        raise BadQuery(f"year_from ({year_from}) is after year_to ({year_to})")
    taxonomy = services.taxonomy

    def countries(values: list[str] | None) -> tuple[str, ...]:
        out = []
        for value in _clean(values):
            code = taxonomy.resolve_country(value)
            if code is None:
                raise BadQuery(f"unknown country {value!r}: use an ISO 3166 alpha-3 code or a name")
            out.append(code)
        return tuple(out)

    def bodies(values: list[str] | None) -> tuple[str, ...]:
        out = []
        for value in _clean(values):
            found = taxonomy.resolve_body(value)
            if found is None:
                raise BadQuery(f"unknown body {value!r}")
            out.append(found.code)
        return tuple(out)

    terms = {
        "language": _clean(lang),
        "mechanism": _clean(mechanism),
        "body": bodies(body),
        "kind": _clean(kind),
        "country": countries(country),
        "region": _clean(region),
        "response": _clean(response),
        "recommending": countries(recommending),
        "year": _clean(year),
    }
    filters = Filters({k: v for k, v in terms.items() if v}, year_from, year_to)
    return SearchRequest(q.strip(), mode, filters, page, size, sort)


SearchRequestDep = Annotated[SearchRequest, Depends(search_request)]

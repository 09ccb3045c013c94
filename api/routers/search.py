"""GET /api/search: keyword, vector or hybrid search with facets and highlights."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import SearchDep
from api.params import SearchRequestDep
from api.schemas import SearchResponse, search_response

router = APIRouter(tags=["search"])


@router.get("/api/search", response_model=SearchResponse)
def search(request: SearchRequestDep, service: SearchDep) -> SearchResponse:
    result = service.search(request)
    return search_response(result, request.page, request.size)

"""Request-scoped dependencies, as `Annotated` types routers can declare."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from api.services import Services
from indexer.search import SearchService


def get_services(request: Request) -> Services:
    services: Services = request.app.state.services
    return services


def get_search(request: Request) -> SearchService:
    return get_services(request).search


ServicesDep = Annotated[Services, Depends(get_services)]
SearchDep = Annotated[SearchService, Depends(get_search)]

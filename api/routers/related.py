"""GET /api/records/{id}/related: what other mechanisms said on the same matter."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from api.deps import ServicesDep
from indexer.related import MAX_SIZE

router = APIRouter(tags=["records"])


@router.get("/api/records/{record_id}/related")
def related(
    record_id: str,
    services: ServicesDep,
    size: Annotated[int, Query(ge=1, le=MAX_SIZE)] = 10,
    mechanism: Annotated[
        list[str] | None,
        Query(
            description="keep only these mechanism types (treaty_body, upr, regional...) "
            "or bodies (codes or names); repeatable"
        ),
    ] = None,
    same_country: Annotated[bool, Query(description="only records about its countries")] = False,
    include_same: Annotated[
        bool, Query(description="also records of the record's own body")
    ] = False,
) -> dict[str, Any]:
    values = [v.strip() for raw in mechanism or [] for v in raw.split(",") if v.strip()]
    return services.related(record_id, values, size, include_same, same_country).to_json()

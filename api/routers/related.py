"""GET /api/records/{id}/related: what other mechanisms said on the same matter."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from api.deps import ServicesDep
from indexer.citations import citation_index
from indexer.errors import BadQuery, NotFound
from indexer.record import MechanismType
from indexer.related import MAX_SIZE, RelatedQuery, find_related

router = APIRouter(tags=["records"])
_TYPES = {m.value for m in MechanismType}


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
    found = services.backend.get([record_id])
    if not found:
        raise NotFound(f"no record with id {record_id!r}")
    record = found[0]
    wanted: list[str] = []
    for value in [v.strip() for raw in mechanism or [] for v in raw.split(",") if v.strip()]:
        if value in _TYPES:
            wanted.append(value)
            continue
        body = services.taxonomy.resolve_body(value)
        if body is None:
            raise BadQuery(f"unknown mechanism or body {value!r}")
        wanted.append(body.code)
    links = citation_index(services.store)
    items, took = find_related(
        record,
        services.backend,
        links,
        services.embedder,
        RelatedQuery(size, tuple(wanted), include_same, same_country),
    )
    return {
        "record_id": record.id,
        "took_ms": took,
        "results": [item.to_json() for item in items],
        "cited_by": [d.to_json() for d in links.cited_by(record)],
        "scoring": "indexer/related.py; docs/duplicates.md",
    }

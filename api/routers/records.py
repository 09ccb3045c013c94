"""GET /api/records/{id}: one record, its provenance and its other language versions."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from api.deps import ServicesDep
from api.schemas import record_payload
from indexer.citations import citation_links
from indexer.errors import NotFound
from indexer.record import record_summary

router = APIRouter(tags=["records"])


@router.get("/api/records/{record_id}")
def get_record(record_id: str, services: ServicesDep) -> dict[str, Any]:
    found = services.backend.get([record_id])
    if not found:
        raise NotFound(f"no record with id {record_id!r}")
    record = found[0]
    payload = record_payload(record)
    payload["versions"] = [
        record_summary(other)
        for other in services.store.by_work(record.work)
        if other.id != record.id
    ]
    payload.update(citation_links(services.store, record))  # cites / cited_by
    return payload

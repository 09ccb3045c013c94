"""Liveness and readiness in one: the store answers, the backend answers, counts agree."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from api.deps import ServicesDep
from indexer.errors import BackendUnavailable

router = APIRouter(tags=["health"])


@router.get("/api/health")
def health(services: ServicesDep) -> JSONResponse:
    body: dict[str, Any] = {
        "status": "ok",
        "backend": services.backend.name,
        "embedder": services.embedder.model_id,
        "store_records": services.store.count(),
    }
    try:
        body["indexed_records"] = services.backend.count()
        body["index_lag"] = max(0, services.store.seq - services.backend.watermark())
    except BackendUnavailable as exc:
        body.update(status="unavailable", error=str(exc))
        return JSONResponse(body, status_code=503)
    return JSONResponse(body)

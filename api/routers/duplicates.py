"""POST /api/duplicates: has this complaint already been examined elsewhere?"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from api.deps import ServicesDep
from indexer.citations import citation_index
from indexer.duplicates import Complaint, check_duplicates

router = APIRouter(tags=["duplicates"])


@router.post("/api/duplicates")
def duplicates(complaint: Complaint, services: ServicesDep) -> dict[str, Any]:
    """Ranked candidate cases with the evidence for each signal and a verdict
    (thresholds in docs/duplicates.md)."""
    links = citation_index(services.store)
    report = check_duplicates(
        complaint, services.backend, services.embedder, links, services.taxonomy
    )
    return report.to_json()

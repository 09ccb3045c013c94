"""The Uwazi API, which both the UPR Info database and IHRDA's African case-law
database run on (`upr_info_db`, `ihrda`).

Interface (ENDPOINTS.md, and the public scrapers of both sites):

- ``GET {site}/api/search?limit=30&from=0&types=["<templateId>"]&order=asc
  &sort=creationDate`` answers ``{"rows": [entity, ...], "totalRows": N}``; an entity is
  ``{"sharedId", "title", "language", "creationDate", "editDate" (ms since the epoch),
  "metadata": {"<property>": [{"value": ..., "label": ...}]}, "documents": [{"_id",
  "language", "totalPages"}]}``. Filter values are full UUIDs from ``/api/thesauris``;
- an attached document's text, page by page: ``GET {site}/api/documents/page?_id=<id>
  &page=<n>`` answers ``{"data": "<text of page n>"}``;
- an entity's public page: ``{site}/entity/{sharedId}``.

Incremental crawl: entities come in creation order with their ``editDate``, so an entity
whose listed record is unchanged is not fetched again, and ``--since`` keeps the entities
edited on or after the date. Listing pages are conditional GETs.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any, ClassVar

from scrapers.importers.base import clean_field
from scrapers.sources.base import Connector, DocumentRef, digest, iso_timestamp

SEARCH_PATH = "/api/search"
PAGE_PATH = "/api/documents/page"
ENTITY_PATH = "/entity/{shared_id}"
PAGE_SIZE = 30


def values(metadata: dict[str, Any], key: str) -> list[str]:
    """Labels (or values) of one metadata property, as Uwazi lists them."""
    out: list[str] = []
    for item in metadata.get(key) or []:
        found = item.get("label", item.get("value")) if isinstance(item, dict) else item
        text = clean_field(found)
        if text:
            out.append(text)
    return out


def value(metadata: dict[str, Any], key: str) -> str:
    found = values(metadata, key)
    return found[0] if found else ""


def raw_value(metadata: dict[str, Any], key: str) -> Any:
    items = metadata.get(key) or []
    first = items[0] if items else None
    return first.get("value") if isinstance(first, dict) else first


def timestamp_date(stamp: Any) -> str | None:
    """Uwazi dates are seconds since the epoch (metadata) or milliseconds (edit dates)."""
    try:
        number = float(stamp)
    except (TypeError, ValueError):
        return None
    if number > 1e11:
        number /= 1000
    return dt.datetime.fromtimestamp(number, dt.UTC).date().isoformat()


class UwaziApi(Connector):
    base: ClassVar[str]
    templates: ClassVar[tuple[str, ...]]

    def entities(
        self, since: dt.date | None, limit: int | None
    ) -> Iterator[tuple[dict[str, Any], str]]:
        """Every entity of the templates, with when its listing page was fetched."""
        seen = 0
        chosen = self.options.get("template")
        for template in (chosen,) if chosen else self.templates:
            offset = 0
            while True:
                params: dict[str, str | int] = {
                    "limit": PAGE_SIZE,
                    "from": offset,
                    "types": json.dumps([template]),
                    "order": "asc",
                    "sort": "creationDate",
                }
                page = self.get(f"{self.base}{SEARCH_PATH}", params=params)
                data = page.json()
                rows = data.get("rows") or []
                listed_at = iso_timestamp(page.fetched_at)
                for entity in rows:
                    edited = timestamp_date(entity.get("editDate") or entity.get("creationDate"))
                    if since is not None and edited is not None and edited < since.isoformat():
                        continue
                    yield entity, listed_at
                    seen += 1
                    if limit is not None and seen >= limit:
                        return
                offset += PAGE_SIZE
                if not rows or offset >= int(data.get("totalRows") or 0):
                    break

    def entity_ref(self, entity: dict[str, Any], listed_at: str, **extra: Any) -> DocumentRef:
        shared_id = clean_field(entity.get("sharedId"))
        return DocumentRef(
            key=shared_id,
            url=f"{self.base}{ENTITY_PATH.format(shared_id=shared_id)}",
            date=timestamp_date(entity.get("editDate") or entity.get("creationDate")),
            title=clean_field(entity.get("title")) or None,
            payload=entity,
            meta={"listed_at": listed_at, **extra},
            version=digest(entity),
        )

    def page_params(self, document_id: str, page: int) -> dict[str, str | int]:
        return {"_id": document_id, "page": page}

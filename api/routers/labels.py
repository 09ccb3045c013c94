"""GET /api/labels: names of the codes the API returns, in one interface language.

Search results and facets speak in codes (`CAT`, `EGY`, `treaty_body`) so that URLs
and exports stay stable across languages; people read names. The web page fetches
this table once per language (a few kilobytes gzipped, cacheable) instead of the API
translating every answer, which would make answers differ by reader.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from api.deps import ServicesDep
from indexer.errors import BadQuery
from indexer.rights import concordance
from indexer.taxonomy import Taxonomy

router = APIRouter(tags=["labels"])

LANG_PATTERN = r"^(ar|en|fr|es)$"
CACHE_SECONDS = 24 * 3600


class Namer:
    """Names of codes for exports and pages; a code the taxonomy lacks stays a code."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy

    def label(self, kind: str, code: str, lang: str) -> str:
        try:
            return self.taxonomy.label(kind, code, lang) or code
        except (KeyError, ValueError, LookupError):
            return code


KINDS: tuple[str, ...] = (
    "body",
    "body_short",
    "country",
    "mechanism",
    "region",
    "response",
    "theme",
    "affected",
    "sdg",
    "right",
)


def label_table(
    taxonomy: Taxonomy, lang: str, kinds: tuple[str, ...] = KINDS
) -> dict[str, dict[str, str]]:
    """Every code the taxonomy names, grouped by the facet or field that uses it."""
    codes: dict[str, list[str]] = {
        "body": list(taxonomy.bodies),
        "body_short": list(taxonomy.bodies),
        "country": list(taxonomy.countries),
        "mechanism": list(taxonomy.mechanism_types),
        "region": [*taxonomy.regional_groups, *taxonomy.organisations],
        "response": list(taxonomy.responses),
        "theme": list(taxonomy.themes),
        "affected": list(taxonomy.affected),
        "sdg": [str(n) for n in taxonomy.sdgs],
    }
    table = {
        kind: {code: taxonomy.label(kind, code, lang) for code in codes[kind]}
        for kind in kinds
        if codes.get(kind)
    }
    if "right" in kinds:
        # Rights live in the concordance (mappings/rights.json), not in the taxonomy.
        rights = concordance().rights
        table["right"] = {rid: right.name(lang) for rid, right in rights.items()}
    return table


@lru_cache(maxsize=64)
def _encoded(taxonomy: Taxonomy, lang: str, kinds: tuple[str, ...]) -> tuple[bytes, str]:
    body = json.dumps(
        {"lang": lang, "labels": label_table(taxonomy, lang, kinds)},
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode("utf-8")
    return body, '"' + hashlib.sha256(body).hexdigest()[:20] + '"'


@router.get("/api/labels")
def labels(
    services: ServicesDep,
    request: Request,
    lang: Annotated[str, Query(pattern=LANG_PATTERN, description="ar, en, fr or es")] = "en",
    kinds: Annotated[
        str | None, Query(description=f"comma-separated subset of: {', '.join(KINDS)}")
    ] = None,
) -> Response:
    """`{"lang", "labels": {"body": {"CAT": "Committee against Torture", ...}, ...}}`.

    A page asks only for the kinds it shows (`kinds=body,country`): the full table is
    several kilobytes that a slow connection should not pay for on every page.
    """
    wanted = KINDS
    if kinds:
        asked = tuple(dict.fromkeys(k.strip() for k in kinds.split(",") if k.strip()))
        unknown = [k for k in asked if k not in KINDS]
        if unknown:
            raise BadQuery(f"unknown label kind(s) {', '.join(unknown)}; known: {', '.join(KINDS)}")
        wanted = asked
    body, etag = _encoded(services.taxonomy, lang, wanted)
    headers = {"ETag": etag, "Cache-Control": f"public, max-age={CACHE_SECONDS}"}
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers=headers)
    return Response(body, media_type="application/json", headers=headers)

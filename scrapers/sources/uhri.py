"""UHRI: the Universal Human Rights Index of OHCHR — every recommendation and concern of
the treaty bodies, the special procedures and the UPR, annotated with themes, SDGs,
affected persons and (for the UPR) recommending States and positions.

Interface (ENDPOINTS.md):

- bulk export: ``GET https://dataex.ohchr.org/uhri/export-results/export-full-en.json``,
  one JSON array of 360-400 MB ("updated daily"); the same file exists for Spanish at
  ``uhri.ohchr.org/api/uhri/export-results/export-full-es.json``. Raw field names:
  ``AffectedPersons, AnnotationId, AnnotationType ("- Recommendations" |
  "- Concerns/Observations"), Body ("- CRC"), Countries, DocumentId, PublicationDate,
  PublicationDateOnUhri, Regions, Sdgs, Symbol, Text (HTML), Themes, UprCycle,
  UprPositions, UprRecommendingCountry, UprRecommendingRegions, UprSession``;
- search API, per language: ``POST https://dataex.ohchr.org/uhri/api/search/
  mechanism_result?culture={en,fr,es,ar,ru,zh}`` with a JSON filter body (documentCodes,
  countries, themes, ..., ``currentRecoDisplayed`` as the offset, pages of 40) answering
  ``{"listOfRecommendations": [{"annotationId", "text", ...}]}``. The same
  ``annotationId`` comes back in every culture, which is how the Arabic, French and
  Spanish versions of a recommendation are found: one record per language, all sharing
  the work key derived from the AnnotationId;
- the API wants an ``x-uhri-api-public-token`` header. Its public value appears in public
  code and is not reproduced here: give it with ``--set token=...`` or
  ``CONCORDIA_UHRI_TOKEN``; without it only the export is read.

How a crawl goes: the export is fetched conditionally (an unchanged export costs a 304)
and streamed from the cache file with `jsonstream` (never loaded whole); each annotation
is a listed document whose digest is its version, so an unchanged annotation costs
nothing, not even a search request. For a new or changed annotation the search API is
asked, once per document symbol and language, for the other language versions.

Quirks: ``Body`` and ``AnnotationType`` carry a "- " prefix; ``Text`` is HTML whose first
block is often the concluding observations' subheading, and whose paragraph number is
sometimes glued to the text ("3.The Committee"); SDGs are labels ("16.a - ..."); the
export's ``PublicationDate`` is the document's, ``PublicationDateOnUhri`` when it was
annotated (the field ``--since`` looks at).
"""

from __future__ import annotations

import datetime as dt
import os
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from indexer.pipeline import Item
from scrapers.http import FetchResult
from scrapers.importers import taxo
from scrapers.importers.base import clean_field, date_fields, iso_date
from scrapers.importers.legal_un import sdg_goals
from scrapers.importers.segment import Para
from scrapers.parse import parse_html
from scrapers.sources.base import (
    Connector,
    DocumentRef,
    Fetched,
    SourceInfo,
    digest,
    iso_timestamp,
    since_ok,
    tidy_symbol,
)
from scrapers.sources.jsonstream import iter_json_array

DATAEX_HOST = "dataex.ohchr.org"
UHRI_HOST = "uhri.ohchr.org"
EXPORT_URL = f"https://{DATAEX_HOST}/uhri/export-results/export-full-en.json"
EXPORT_URL_ALT = f"https://{UHRI_HOST}/api/uhri/export-results/export-full-{{language}}.json"
SEARCH_URL = f"https://{DATAEX_HOST}/uhri/api/search/mechanism_result"
SEARCH_PAGE = 40
CULTURES = ("fr", "es", "ar")
"""The other languages of the product; the export is the English version."""
TOKEN_HEADER = "x-uhri-api-public-token"
TOKEN_ENV = "CONCORDIA_UHRI_TOKEN"
SEARCH_PAGE_URL = "https://uhri.ohchr.org/en/search-human-rights-recommendations"
RECOMMENDATIONS = "Recommendations"
MEMO_DOCUMENTS = 64
"""Translations are kept for this many recent documents (annotations of one document
are contiguous in the export), so a first crawl does not hold all of UHRI in memory."""


def strip_prefix(value: object) -> str:
    return clean_field(value).lstrip("- ").strip()


def search_body(symbol: str, offset: int) -> dict[str, Any]:
    """The search API's filter for every annotation of one document."""
    return {
        "mechanismId": None,
        "currentRecoDisplayed": offset,
        "countries": [],
        "mechanisms": [],
        "affectedPersons": [],
        "sdgs": [],
        "themes": [],
        "documentCodes": [symbol],
        "documentTypes": [],
        "fromDate": None,
        "toDate": None,
        "searchText": "",
        "uprCycles": [],
        "uprPositions": [],
        "uprStates": [],
    }


class Uhri(Connector):
    info = SourceInfo(
        name="uhri",
        mechanism="Treaty bodies, special procedures and UPR: recommendations and "
        "concerns/observations, annotated (OHCHR Universal Human Rights Index)",
        bodies=("CCPR", "CESCR", "CAT", "CERD", "CEDAW", "CRC", "CMW", "CRPD", "CED", "UPR", "SP"),
        interface="bulk JSON export (streamed) + search API per culture (POST JSON)",
        hosts=(DATAEX_HOST, UHRI_HOST),
        licence="OHCHR Universal Human Rights Index (uhri.ohchr.org), UN terms of use",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._translations: OrderedDict[tuple[str, str], dict[str, str]] = OrderedDict()
        self.token = self.options.get("token") or os.environ.get(TOKEN_ENV) or None
        cultures = self.options.get("cultures")
        self.cultures = tuple(c for c in cultures.split(",") if c) if cultures else CULTURES
        if not self.token and "cultures" not in self.options:
            self.cultures = ()

    # -- listing: the export, streamed -------------------------------------------------------

    def list_documents(
        self, *, since: dt.date | None = None, limit: int | None = None
    ) -> Iterator[DocumentRef]:
        export = self.get(self.options.get("export_url", EXPORT_URL))
        listed_at = iso_timestamp(export.fetched_at)
        count = 0
        for record in iter_json_array(export.body_path):
            if not isinstance(record, dict) or not record.get("AnnotationId"):
                continue
            on_uhri = iso_date(record.get("PublicationDateOnUhri")) or iso_date(
                record.get("PublicationDate")
            )
            if not since_ok(on_uhri, since):
                continue
            annotation = clean_field(record["AnnotationId"])
            yield DocumentRef(
                key=annotation,
                url=SEARCH_PAGE_URL,
                date=iso_date(record.get("PublicationDate")),
                title=tidy_symbol(str(record.get("Symbol") or "")) or None,
                language="en",
                payload=record,
                meta={"listed_at": listed_at},
                version=digest(record),
            )
            count += 1
            if limit is not None and count >= limit:
                return

    # -- fetch: the other language versions ----------------------------------------------------

    def fetch(self, ref: DocumentRef) -> Fetched:
        symbol = tidy_symbol(str(ref.payload.get("Symbol") or ""))
        found: dict[str, str] = {}
        for culture in self.cultures:
            texts = self.translations(symbol, culture) if symbol else {}
            text = texts.get(ref.key.lower())
            if text:
                found[culture] = text
        return Fetched(ref, extra={"translations": found} if found else {})

    def translations(self, symbol: str, culture: str) -> dict[str, str]:
        """annotationId (lower case) -> text, for every annotation of ``symbol`` in ``culture``."""
        key = (symbol, culture)
        if key in self._translations:
            self._translations.move_to_end(key)
            return self._translations[key]
        texts: dict[str, str] = {}
        offset = 0
        headers = {TOKEN_HEADER: self.token} if self.token else {}
        while True:
            page: FetchResult = self.post_json(
                SEARCH_URL,
                search_body(symbol, offset),
                params={"culture": culture},
                headers=headers,
            )
            rows = (page.json() or {}).get("listOfRecommendations") or []
            for row in rows:
                annotation = clean_field(row.get("annotationId")).lower()
                if annotation and row.get("text"):
                    texts[annotation] = str(row["text"])
            if len(rows) < SEARCH_PAGE:
                break
            offset += SEARCH_PAGE
        self._translations[key] = texts
        while len(self._translations) > MEMO_DOCUMENTS * max(1, len(self.cultures)):
            self._translations.popitem(last=False)
        return texts

    # -- parse -------------------------------------------------------------------------------

    def parse(self, ref: DocumentRef, fetched: Fetched) -> Iterator[Item]:
        record: dict[str, Any] = ref.payload
        symbol = tidy_symbol(str(record.get("Symbol") or ""))
        annotation_type = strip_prefix(record.get("AnnotationType"))
        countries = [clean_field(c) for c in record.get("Countries") or []]
        kind = "recommendation" if annotation_type.startswith(RECOMMENDATIONS) else "observation"
        title_parts = [p for p in (symbol, annotation_type, ", ".join(countries[:3])) if p]
        upr: dict[str, Any] = {}
        if record.get("UprSession") or record.get("UprCycle"):
            positions = [clean_field(p) for p in record.get("UprPositions") or []]
            upr = {
                "recommending_states": [
                    clean_field(c) for c in record.get("UprRecommendingCountry") or []
                ],
                "session": _int(record.get("UprSession")),
                "cycle": _int(record.get("UprCycle")),
                "response_raw": positions[0] if positions else None,
            }
        fields: dict[str, Any] = {
            "title": " — ".join(title_parts) or None,
            "body": strip_prefix(record.get("Body")),
            "kind": kind,
            "symbol": symbol or None,
            "countries": countries,
            "themes": taxo.themes([clean_field(x) for x in record.get("Themes") or []]),
            "affected_persons": taxo.affected_persons(
                [clean_field(x) for x in record.get("AffectedPersons") or []]
            ),
            "sdgs": sdg_goals([clean_field(x) for x in record.get("Sdgs") or []]),
            "upr": upr,
            **date_fields(iso_date(record.get("PublicationDate"))),
        }
        versions = {"en": str(record.get("Text") or "")}
        versions.update(fetched.extra.get("translations", {}))
        # One work for every language version: the AnnotationId is the paragraph key.
        pkey = f"annotation:{ref.key.lower()}"
        for language, text_html in versions.items():
            para = annotation_paragraph(text_html)
            version_ref = ref if language == "en" else replace(ref, key=f"{ref.key}@{language}")
            yield from self.emit(
                version_ref,
                [para],
                document=symbol or "UHRI",
                language=language,
                fields=fields,
                fetched_at=fetched.fetched_at,
                keys=[pkey],
            )


def annotation_paragraph(text_html: str) -> Para:
    """An annotation's HTML as one paragraph: its number, its text, its subheading."""
    paragraphs = parse_html(text_html) if "<" in text_html else []
    if not paragraphs:
        return Para(None, clean_field(text_html))
    heading = next((p.heading for p in paragraphs if p.heading), None)
    number = next((p.number for p in paragraphs if p.number), None)
    text = "\n".join(p.text for p in paragraphs)
    return Para(number, text, heading)


def _int(value: object) -> int | None:
    try:
        return int(str(value).strip()) if value not in (None, "") else None
    except ValueError:
        return None

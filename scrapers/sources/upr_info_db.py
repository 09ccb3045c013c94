"""UPR Info database: every UPR recommendation with its recommending State, the State
under review, the response (Supported / Noted) and UPR Info's issue labels, as an Uwazi
site (`uwazi`).

Interface: ``https://upr-info-database.uwazi.io/api/search?limit=&from=&types=
["<templateId>"]&order=asc&sort=creationDate``. Templates known from public code:
``5e57cdd6f54e0a1304c0d50d`` (a UPR review document), ``5d8cdec361cde0408222d3ec`` (a
State) and ``5d8ce04361cde0408222e9a8``, used for recommendation aggregations; that the
last is the *recommendation* template is a guess (ENDPOINTS.md), so it is an option
(``--set template=...``). Filter values are UUIDs from ``/api/thesauris``, and a
``searchTerm`` needs quoted phrases.

Assumed, not documented: the names of a recommendation entity's metadata properties
(`PROPERTIES`; the review documents use ``state_reviewed``, ``session_of_the_document``,
``cycle_of_the_document``, ``document_date``, which the names below follow). The entity
title is the recommendation text. The response is one of Supported, Noted, Not Supported
(a public test asserts it); it is kept raw and mapped by the taxonomy.

Identity: the same document and paragraph keys as the UPR Info CSV importer
(``UPR/S07/Slovenia`` and a hash of text and recommending State), so a recommendation
crawled here and imported from the CSV export shares its work key, and the same text is
one record with two provenances.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

from indexer.pipeline import Item
from scrapers.importers import taxo
from scrapers.importers.base import date_fields, identify, make_candidate, provenance, text_key
from scrapers.sources.base import DocumentRef, Fetched, SourceInfo
from scrapers.sources.uwazi import UwaziApi, raw_value, timestamp_date, value, values

HOST = "upr-info-database.uwazi.io"
BASE = f"https://{HOST}"
REVIEW_DOCUMENT_TEMPLATE = "5e57cdd6f54e0a1304c0d50d"
STATE_TEMPLATE = "5d8cdec361cde0408222d3ec"
RECOMMENDATION_TEMPLATE = "5d8ce04361cde0408222e9a8"
PROPERTIES = {
    "state": "state_under_review",
    "recommending": "recommending_state",
    "response": "response",
    "session": "session",
    "cycle": "cycle",
    "issues": "issues",
    "action": "action_category",
    "date": "document_date",
}
RESPONSES = ("Supported", "Noted", "Not Supported")


class UprInfoDb(UwaziApi):
    info = SourceInfo(
        name="upr-info-db",
        mechanism="Universal Periodic Review: recommendations, responses, issues "
        "(UPR Info database)",
        bodies=("UPR",),
        interface="Uwazi JSON search API",
        hosts=(HOST,),
        licence="UPR Info database (upr-info.org); recommendation text from UN UPR "
        "Working Group reports",
    )
    base = BASE
    templates = (RECOMMENDATION_TEMPLATE,)

    def list_documents(
        self, *, since: dt.date | None = None, limit: int | None = None
    ) -> Iterator[DocumentRef]:
        for entity, listed_at in self.entities(since, limit):
            if entity.get("sharedId"):
                yield self.entity_ref(entity, listed_at)

    def fetch(self, ref: DocumentRef) -> Fetched:
        return Fetched(ref)

    def parse(self, ref: DocumentRef, fetched: Fetched) -> Iterator[Item]:
        entity: dict[str, Any] = ref.payload
        meta = entity.get("metadata") or {}
        text = ref.title or ""
        state = value(meta, PROPERTIES["state"])
        recommending = values(meta, PROPERTIES["recommending"])
        response = value(meta, PROPERTIES["response"])
        session_match = re.match(r"\d+", value(meta, PROPERTIES["session"]))
        session = int(session_match.group()) if session_match else None
        cycle_match = re.search(r"\d+", value(meta, PROPERTIES["cycle"]))
        cycle = int(cycle_match.group()) if cycle_match else None
        action_match = re.match(r"\d", value(meta, PROPERTIES["action"]))
        if session is None or not state:
            yield self.reject(ref, "missing session or State under review", text)
            return
        if cycle is None:
            cycle = taxo.upr_cycle_year(session)[0]
        date = timestamp_date(raw_value(meta, PROPERTIES["date"]))
        document = f"UPR/S{session:02d}/{state}"
        location = self.location(ref)
        fields: dict[str, Any] = {
            "text": text,
            "language": "en",
            "title": f"Universal Periodic Review of {state}, session {session}",
            "body": "UPR",
            "kind": "recommendation",
            "countries": [state],
            "upr": {
                "recommending_states": recommending,
                "session": session,
                "cycle": cycle,
                "response_raw": response or None,
                "action_category": int(action_match.group()) if action_match else None,
            },
            "themes": taxo.themes(values(meta, PROPERTIES["issues"])),
            "provenance": [
                provenance(
                    source=self.name,
                    source_id=ref.key,
                    licence=self.info.licence,
                    location=location,
                    url=ref.url,
                    fetched_at=fetched.fetched_at,
                )
            ],
            **date_fields(date),
        }
        pkey = text_key(
            text, recommending[0] if len(recommending) == 1 else ", ".join(recommending)
        )
        identify(fields, source=self.name, document=document, pkey=pkey, language="en")
        yield make_candidate(fields, location)

"""IHRDA case law analyser: decisions of the African Commission on Human and Peoples'
Rights on communications, as published by the Institute for Human Rights and
Development in Africa on an Uwazi site (`uwazi`).

Interface: ``https://caselaw.ihrda.org/api/search?limit=30&from=0&types=["<template>"]``
lists decision entities (template ``59f8a857c01ffe324453ba2f`` = ACHPR decisions; the
site also holds the African Court, ECOWAS Court, EACJ, ACERWC and SADC Tribunal under
other templates, which come here from AfricanLII instead); the decision's text is read
page by page from ``/api/documents/page?_id=<document id>&page=<n>`` (``{"data": ...}``).
Metadata properties used by the public scraper: ``country``, ``outcome``,
``type_of_document``, ``keywords``, ``year_decided`` (seconds since the epoch),
``case_head_notes``.

Quirks: the communication number leads the title ("143/95-150/96 Constitutional Rights
Project ... v Nigeria"); ``keywords`` are IHRDA's labels (themes); the head notes are
IHRDA's summary, not the Commission's words, and are not indexed; many early decisions
are a few short paragraphs.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

from indexer.pipeline import Item
from scrapers.importers import taxo
from scrapers.importers.base import date_fields
from scrapers.importers.segment import segment_wrapped
from scrapers.sources.base import DocumentRef, Fetched, SourceInfo
from scrapers.sources.uwazi import PAGE_PATH, UwaziApi, raw_value, timestamp_date, value, values

HOST = "caselaw.ihrda.org"
BASE = f"https://{HOST}"
ACHPR_DECISION_TEMPLATE = "59f8a857c01ffe324453ba2f"
ENGLISH = ("eng", "en", "")
_LEADING_NUMBER_RE = re.compile(r"^\s*([\d/\-]+)\s+")


class Ihrda(UwaziApi):
    info = SourceInfo(
        name="ihrda",
        mechanism="African Commission on Human and Peoples' Rights: decisions on "
        "communications (IHRDA case law)",
        bodies=("ACHPR",),
        interface="Uwazi JSON search API + document text page by page",
        hosts=(HOST,),
        licence="African Commission decision (public), via IHRDA case law (caselaw.ihrda.org)",
    )
    base = BASE
    templates = (ACHPR_DECISION_TEMPLATE,)

    def list_documents(
        self, *, since: dt.date | None = None, limit: int | None = None
    ) -> Iterator[DocumentRef]:
        for entity, listed_at in self.entities(since, limit):
            if not entity.get("sharedId"):
                continue
            documents = [d for d in entity.get("documents") or [] if d.get("totalPages")]
            english = [d for d in documents if str(d.get("language") or "") in ENGLISH]
            chosen = (english or documents)[:1]
            yield self.entity_ref(entity, listed_at, documents=chosen)

    def fetch(self, ref: DocumentRef) -> Fetched:
        results = []
        for document in ref.meta.get("documents") or []:
            for page in range(1, int(document.get("totalPages") or 0) + 1):
                results.append(
                    self.get(
                        f"{self.base}{PAGE_PATH}",
                        params=self.page_params(str(document["_id"]), page),
                    )
                )
        return Fetched(ref, results)

    def parse(self, ref: DocumentRef, fetched: Fetched) -> Iterator[Item]:
        entity: dict[str, Any] = ref.payload
        meta = entity.get("metadata") or {}
        title = ref.title or ""
        text = "\n\n".join(str(r.json().get("data") or "").strip() for r in fetched.results)
        countries = values(meta, "country")
        date = timestamp_date(raw_value(meta, "year_decided"))
        number = _LEADING_NUMBER_RE.match(title)
        case = {
            "number": number.group(1) if number else None,
            "title": title,
            "respondent_state": countries[0] if len(countries) == 1 else None,
            "decision_date": date,
            "outcome": value(meta, "outcome") or None,
        }
        fields = {
            "title": title,
            "body": "ACHPR",
            "kind": "decision",
            "countries": countries,
            "case": case,
            "themes": taxo.themes(values(meta, "keywords")),
            **date_fields(date),
        }
        yield from self.emit(
            ref,
            segment_wrapped(text),
            document=f"IHRDA/{ref.key}",
            language="en",
            fields=fields,
            fetched_at=fetched.fetched_at,
        )

"""HUDOC: the European Court of Human Rights' case-law database, and the HUDOC query API
that the Council of Europe's other databases share (ESC, EXEC, CPT: see `hudoc_esc`,
`hudoc_exec`, `hudoc_cpt`).

Interface (ENDPOINTS.md, and the public scrapers it was read from):

- listing: ``GET https://hudoc.echr.coe.int/app/query/results?query=...&select=...
  &sort=kpdate Descending&start=0&length=50`` answers ``{"resultcount": N, "results":
  [{"columns": {...}}]}``. The query is a Lucene-like expression: ``contentsitename:ECHR
  AND (doctype="HEJUD" OR ...)``, and ``kpdate>=YYYY-MM-DD`` for an incremental crawl.
  Offsets past about 10,000 are refused, so a full crawl goes year by year
  (``--set year=1960``) and an incremental one uses ``--since``;
- full text: ``GET /app/conversion/docx/html/body?library=ECHR&id={itemid}`` (the Word
  original converted to HTML);
- document page, for provenance: ``https://hudoc.echr.coe.int/eng?i={itemid}``.

Quirks:

- the ``application`` column is the document's *format* ("MS WORD", "ACROBAT"), not the
  application number (that is ``appno``, several joined by ";"). When ``appno`` is empty
  the number is read from the ECLI (its last nine digits: "000033257" = 332/57);
- language versions of one judgment (English HEJUD, French HFJUD, translations
  HJUDGER, HJUDRUM, ...) share the ECLI, which is therefore the document key: numbered
  paragraphs of the English and French versions share a work key;
- ``languageisocode`` is three letters ("ENG", "FRE", "GER").
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from indexer.pipeline import Item
from scrapers.importers.base import clean_field, date_fields, iso_date
from scrapers.importers.legal_coe import appno_from_ecli, echr_articles, language_of
from scrapers.parse import parse_html
from scrapers.sources.base import (
    Connector,
    DocumentRef,
    Fetched,
    SourceInfo,
    digest,
    iso_timestamp,
    paras_of,
    since_ok,
)

PAGE_LENGTH = 50
MAX_OFFSET = 9500
"""HUDOC refuses offsets past about 10,000 results; narrow the query instead."""

ECHR_HOST = "hudoc.echr.coe.int"
ECHR_BASE = f"https://{ECHR_HOST}"
QUERY_PATH = "/app/query/results"
HTML_BODY_PATH = "/app/conversion/docx/html/body"
ECHR_DOCTYPES = ("HEJUD", "HFJUD", "HEDEC", "HFDEC")
"""Judgments and decisions in English and French; translations (HJUDGER, HJUDRUM, ...)
can be added with ``--set doctypes=HEJUD,HJUDSPA``."""
ECHR_COLUMNS = (
    "itemid", "docname", "doctype", "appno", "conclusion", "kpdate", "languageisocode",
    "ecli", "importance", "respondent",
)  # fmt: skip
DECISION_DOCTYPES = frozenset({"HEDEC", "HFDEC"})


def hudoc_date(value: object) -> str | None:
    """HUDOC dates are ISO ("2025-03-18T00:00:00") or day-first ("18/03/2025 00:00:00")."""
    return iso_date(value)


class HudocApi(Connector):
    """The HUDOC query API as every Council of Europe database serves it."""

    base: ClassVar[str]
    content_site: ClassVar[str]
    library: ClassVar[str]
    sort_field: ClassVar[str]
    id_column: ClassVar[str]
    columns: ClassVar[tuple[str, ...]]
    type_column: ClassVar[str]
    doctypes: ClassVar[tuple[str, ...]]
    extra_query: ClassVar[str] = ""
    page_length: ClassVar[int] = PAGE_LENGTH
    doc_page: ClassVar[str] = "/eng?i={id}"

    def query(self, since: dt.date | None) -> str:
        types = self.options.get("doctypes")
        doctypes = tuple(t for t in types.split(",") if t) if types else self.doctypes
        parts = [f"contentsitename:{self.content_site}"]
        if doctypes:
            parts.append("(" + " OR ".join(f'{self.type_column}="{t}"' for t in doctypes) + ")")
        if self.extra_query:
            parts.append(self.extra_query)
        year = self.options.get("year")
        if year:
            parts.append(f"{self.sort_field}>={int(year)}-01-01")
            parts.append(f"{self.sort_field}<={int(year)}-12-31")
        if since:
            parts.append(f"{self.sort_field}>={since.isoformat()}")
        return " AND ".join(parts)

    def listing_params(self, since: dt.date | None, start: int) -> dict[str, str | int]:
        return {
            "query": self.query(since),
            "select": ",".join(self.columns),
            "sort": f"{self.sort_field} Descending",
            "start": start,
            "length": self.page_length,
        }

    def rows(
        self, since: dt.date | None, limit: int | None
    ) -> Iterator[tuple[dict[str, Any], str]]:
        """Every listed row (its ``columns``), newest first, with when its page was fetched."""
        start = 0
        seen = 0
        while start <= MAX_OFFSET:
            page = self.get(f"{self.base}{QUERY_PATH}", params=self.listing_params(since, start))
            data = page.json()
            listed_at = iso_timestamp(page.fetched_at)
            results = data.get("results") or []
            total = int(data.get("resultcount") or 0)
            older = 0
            for result in results:
                columns = result.get("columns") or {}
                if not since_ok(hudoc_date(columns.get(self.sort_field)), since):
                    older += 1
                    continue
                yield columns, listed_at
                seen += 1
                if limit is not None and seen >= limit:
                    return
            start += self.page_length
            if not results or start >= total or (results and older == len(results)):
                return

    def doc_url(self, item_id: str) -> str:
        return f"{self.base}{self.doc_page.format(id=item_id)}"


class Hudoc(HudocApi):
    """ECtHR judgments and decisions: listed by the query API, full text as HTML."""

    info = SourceInfo(
        name="hudoc",
        mechanism="European Court of Human Rights: judgments and decisions",
        bodies=("ECTHR",),
        interface="HUDOC JSON query API (listing) + DOCX-to-HTML conversion (full text)",
        hosts=(ECHR_HOST,),
        licence="Council of Europe / ECtHR, HUDOC (public; reuse with attribution)",
    )
    base = ECHR_BASE
    content_site = "ECHR"
    library = "ECHR"
    sort_field = "kpdate"
    id_column = "itemid"
    columns = ECHR_COLUMNS
    type_column = "doctype"
    doctypes = ECHR_DOCTYPES

    def list_documents(
        self, *, since: dt.date | None = None, limit: int | None = None
    ) -> Iterator[DocumentRef]:
        for columns, _ in self.rows(since, limit):
            item_id = clean_field(columns.get("itemid"))
            if not item_id:
                continue
            yield DocumentRef(
                key=item_id,
                url=f"{self.base}{HTML_BODY_PATH}?library={self.library}&id={item_id}",
                date=hudoc_date(columns.get("kpdate")),
                title=clean_field(columns.get("docname")) or None,
                language=language_of(clean_field(columns.get("languageisocode"))),
                meta={k: columns.get(k) for k in self.columns},
            )

    def fetch(self, ref: DocumentRef) -> Fetched:
        url = f"{self.base}{HTML_BODY_PATH}"
        return Fetched(ref, [self.get(url, params={"library": self.library, "id": ref.key})])

    def parse(self, ref: DocumentRef, fetched: Fetched) -> Iterator[Item]:
        meta = {k: clean_field(v) for k, v in ref.meta.items()}
        ecli = meta.get("ecli", "")
        numbers = [x.strip() for x in meta.get("appno", "").split(";") if x.strip()]
        if not numbers and ecli:
            derived = appno_from_ecli(ecli)
            numbers = [derived] if derived else []
        date = ref.date
        respondent = meta.get("respondent", "").split(";")[0] or None
        doctype = meta.get("doctype", "")
        conclusion = meta.get("conclusion", "")
        case = {
            "number": numbers[0] if numbers else None,
            "other_numbers": numbers[1:],
            "title": ref.title,
            "respondent_state": respondent,
            "articles": echr_articles(conclusion),
            "decision_date": date,
            "outcome": conclusion or None,
        }
        fields: dict[str, Any] = {
            "title": ref.title,
            "body": "ECTHR",
            "kind": "decision" if doctype in DECISION_DOCTYPES else "judgment",
            "symbol": ecli or None,
            "countries": [respondent] if respondent else [],
            "case": case,
            **date_fields(date),
        }
        paras = paras_of(parse_html(fetched.main.read_bytes()))
        yield from self.emit(
            ref,
            paras,
            document=ecli or ref.key,
            language=ref.language,
            fields=fields,
            fetched_at=fetched.fetched_at,
            url=self.doc_url(ref.key),
        )


def inline_ref(
    connector: HudocApi,
    columns: Mapping[str, Any],
    *,
    title: str | None,
    date: str | None,
    listed_at: str,
) -> DocumentRef:
    """A listed row that carries its full text (``contentbody``): nothing more to fetch,
    and the row's digest says whether it changed."""
    item_id = clean_field(columns.get(connector.id_column))
    return DocumentRef(
        key=item_id,
        url=connector.doc_url(item_id),
        date=date,
        title=title,
        payload=dict(columns),
        meta={"listed_at": listed_at},
        version=digest(json.loads(json.dumps(columns, default=str))),
    )

"""IACtHR: judgments of the Inter-American Court of Human Rights in contentious cases
(Series C), each published as a Spanish and English pair.

Interface (ENDPOINTS.md and the public scraper):

- listing: ``POST https://corteidh.or.cr/get_jurisprudencia_search_tipo.cfm`` (a form:
  ``lang=en, nId_Tipo_Jurisprudencia=CC, sYear, sYear2, page_rows, startrow, ...``) with
  ``Referer: https://corteidh.or.cr/casos_sentencias.cfm?lang=en``; it answers an HTML
  fragment of ``<li class="search-result">`` entries whose text is the citation ("I/A
  Court H.R., Case of X v. Y. Merits and Reparations. Judgment of December 4, 2025.
  Series C No. 588.") and whose links are the files;
- files: ``https://corteidh.or.cr/docs/casos/articulos/seriec_{N}_{esp,ing}.{pdf,docx}``,
  an **ES/EN parallel pair per Series C number**. Both are crawled (one document per
  language); they share the document key ``IACtHR/C/{N}``, so their numbered paragraphs
  share work keys. Separate opinions (``voto``, ``vsc_``) and summaries (``resumen``) are
  other files and are not read.

The listing is a POST (never conditional), so it is requested once per crawl; each file
is a conditional GET. ``--since`` keeps judgments dated on or after the date.

Quirks: the English version of a judgment is often published weeks after the Spanish
one (a 404 until then: the crawl records the failure and retries next time); the citation
in the English listing is English while the Spanish file's own heading is Spanish.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar
from urllib.parse import urljoin

from indexer.pipeline import Item
from scrapers.importers.base import clean_field, date_fields, parse_date
from scrapers.importers.legal_intl import respondent_from_parties
from scrapers.sources.base import (
    Connector,
    DocumentRef,
    Fetched,
    SourceInfo,
    paras_of,
    parse_body,
    since_ok,
)

HOST = "corteidh.or.cr"
BASE = f"https://{HOST}"
LISTING_URL = f"{BASE}/get_jurisprudencia_search_tipo.cfm"
REFERER = f"{BASE}/casos_sentencias.cfm?lang=en"
FILE_URL = f"{BASE}/docs/casos/articulos/seriec_{{n}}_{{suffix}}.{{ext}}"
LANGUAGES = {"es": "esp", "en": "ing"}
FIRST_YEAR = 1987
PAGE_ROWS = 3000
ENTRY_RE = re.compile(r'<li[^>]*class="[^"]*search-result[^"]*"[^>]*>(.*?)</li>', re.S | re.I)
HREF_RE = re.compile(r'href="([^"]+)"', re.I)
LINK_RE = re.compile(r"<a\b.*?</a>", re.S | re.I)
SERIES_RE = re.compile(r"seriec_(\d+)_(esp|ing)\.(pdf|docx?)$", re.I)
EXCLUDED_FILES = ("voto", "vsc_", "resumen")
CASE_NAME_RE = re.compile(r"Case of (.+?)\.\s+(?=[A-Z][a-z]+(?:\s|,))")
JUDGMENT_TYPE_RE = re.compile(
    r"\.\s+((?:Preliminary Objections|Merits|Reparations|Interpretation|Monitoring)[^.]*)\."
)
DATE_RE = re.compile(r"Judgment of ([A-Z][a-z]+ \d{1,2},? \d{4})")


def plain(fragment: str) -> str:
    return clean_field(re.sub(r"<[^>]+>", " ", html.unescape(fragment)))


def listing_entries(fragment: str, base_url: str) -> Iterator[dict[str, Any]]:
    for entry in ENTRY_RE.findall(fragment):
        # The citation is the entry's text without the file links' labels.
        citation = plain(LINK_RE.sub(" ", entry))
        files: dict[str, str] = {}
        series = None
        for href in HREF_RE.findall(entry):
            if any(x in href for x in EXCLUDED_FILES):
                continue
            match = SERIES_RE.search(href)
            if not match:
                continue
            series = int(match.group(1))
            language = "es" if match.group(2).lower() == "esp" else "en"
            # Prefer the Word file: its paragraphs are whole, a PDF's must be rebuilt.
            if language not in files or match.group(3).lower().startswith("doc"):
                files[language] = urljoin(base_url, href)
        if series is None:
            continue
        name = CASE_NAME_RE.search(citation)
        kind = JUDGMENT_TYPE_RE.search(citation)
        date = DATE_RE.search(citation)
        yield {
            "series": series,
            "case_name": name.group(1).strip() if name else "",
            "judgment_type": kind.group(1).strip() if kind else "",
            "date": parse_date(date.group(1)) if date else None,
            "citation": citation[:500],
            "files": files,
        }


class Iacthr(Connector):
    info = SourceInfo(
        name="iacthr",
        mechanism="Inter-American Court of Human Rights: judgments (Series C), Spanish and English",
        bodies=("IACTHR",),
        interface="HTML listing fragment (form POST) + judgment files (DOCX/PDF) per language",
        hosts=(HOST,),
        licence="OAS / Inter-American Court of Human Rights judgment (public)",
    )
    default_headers: ClassVar[Mapping[str, str]] = {"Referer": REFERER}

    def list_documents(
        self, *, since: dt.date | None = None, limit: int | None = None
    ) -> Iterator[DocumentRef]:
        this_year = dt.date.today().year
        form = {
            "lang": "en",
            "Texto_busqueda_TXT": "",
            "nId_estado_NUM": "T",
            "sYear": str(since.year if since else FIRST_YEAR),
            "sYear2": str(this_year),
            "page_rows": str(PAGE_ROWS),
            "nId_Tipo_Jurisprudencia": "CC",
            "startrow": "1",
            "search_param": "name",
        }
        fragment = self.post_form(LISTING_URL, form).text()
        for entry in listing_entries(fragment, LISTING_URL):
            if not since_ok(entry["date"], since):
                continue
            for language in ("es", "en"):
                url = entry["files"].get(language) or FILE_URL.format(
                    n=entry["series"], suffix=LANGUAGES[language], ext="pdf"
                )
                yield DocumentRef(
                    key=f"C/{entry['series']}/{language}",
                    url=url,
                    date=entry["date"],
                    title=entry["citation"],
                    language=language,
                    meta={k: v for k, v in entry.items() if k != "files"},
                )

    def parse(self, ref: DocumentRef, fetched: Fetched) -> Iterator[Item]:
        meta = ref.meta
        series = meta["series"]
        respondent = respondent_from_parties(meta.get("case_name", ""))
        number = f"Series C No. {series}"
        case = {
            "number": number,
            "title": meta.get("case_name") or None,
            "respondent_state": respondent,
            "decision_date": ref.date,
            "outcome": meta.get("judgment_type") or None,
        }
        fields: dict[str, Any] = {
            "title": ref.title,
            "body": "IACTHR",
            "kind": "judgment",
            "symbol": number,
            "countries": [respondent] if respondent else [],
            "case": case,
            **date_fields(ref.date),
        }
        yield from self.emit(
            ref,
            paras_of(parse_body(fetched.main)),
            document=f"IACtHR/C/{series}",
            language=ref.language,
            fields=fields,
            fetched_at=fetched.fetched_at,
        )

"""IACHR: the Inter-American Commission on Human Rights' decisions on petitions and
cases — merits reports, admissibility and inadmissibility reports, friendly settlements.

Interface (ENDPOINTS.md and the public scraper):

- listing, one page per kind and year: ``GET https://www.oas.org/en/iachr/decisions/pc/
  {merits,admissibilities,inadmissibilities,friendly}.asp?Year=YYYY``. A page groups its
  entries under country headings (``<p style='background-color:#f2f2f2 ...'>Country</p>``);
  each entry is an ``<li style='float:none ...'>`` with a Word link (``.docx``) and a PDF
  link whose text is the report number ("Report No. 13/14"), then ", Case 12.345, Title";
- files: ``https://www.oas.org/en/iachr/decisions/{YYYY}/{USPU12833EN}.{docx,pdf}``; the
  Word file is read (the PDF when there is none).

Incremental crawl: the years from ``--since`` (or ``--set years=2014-2017``; default the
current year) to the current year; listing pages and files are conditional GETs.

Quirks: the pages are ISO-8859-1; the same report is published in English and Spanish
(file names end in EN / ES), and some English pages link Spanish summaries; each report
prints its header twice (cover page, then title page), which the paragraph parser keeps
as unnumbered paragraphs before paragraph 1.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urljoin

from indexer.pipeline import Item
from scrapers.importers.base import clean_field, date_fields
from scrapers.sources.base import (
    Connector,
    DocumentRef,
    Fetched,
    SourceInfo,
    paras_of,
    parse_body,
)

HOST = "www.oas.org"
BASE = f"https://{HOST}"
LISTING_URL = f"{BASE}/en/iachr/decisions/pc/{{kind}}.asp"
KINDS = {
    "merits": "merits",
    "admissibilities": "admissibility",
    "inadmissibilities": "inadmissibility",
    "friendly": "friendly settlement",
}
COUNTRY_RE = re.compile(r"<p[^>]*background-color:\s*#f2f2f2[^>]*>\s*(.+?)\s*</p>", re.I | re.S)
ENTRY_RE = re.compile(r"<li[^>]*style='float:none[^']*'[^>]*>(.*?)</li>", re.I | re.S)
HREF_RE = re.compile(r"href='([^']+)'")
REPORT_LINK_RE = re.compile(r"<a[^>]+\.pdf'[^>]*>([^<]+)</a>", re.I)
CASE_RE = re.compile(r"(?:Case|Caso)\s+\d+[.\-]\d+|(?:Petition|Petici[oó]n)\s+\d+[-]\d+")
LANGUAGE_SUFFIX_RE = re.compile(r"(EN|ES|FR|PT)\.(?:docx?|pdf)$", re.I)


def plain(fragment: str) -> str:
    return clean_field(re.sub(r"<[^>]+>", " ", html.unescape(fragment)))


def listing_entries(page: str, base_url: str) -> Iterator[dict[str, Any]]:
    countries = [(m.start(), plain(m.group(1))) for m in COUNTRY_RE.finditer(page)]
    for match in ENTRY_RE.finditer(page):
        entry = match.group(1)
        country = next((name for pos, name in reversed(countries) if pos < match.start()), "")
        docx_url = pdf_url = None
        for href in HREF_RE.findall(entry):
            lowered = href.lower()
            if lowered.endswith(".docx"):
                docx_url = urljoin(base_url, href)
            elif lowered.endswith(".pdf"):
                pdf_url = urljoin(base_url, href)
        if not docx_url and not pdf_url:
            continue
        report = REPORT_LINK_RE.search(entry)
        report_number = plain(report.group(1)) if report else ""
        text = plain(entry)
        case = CASE_RE.search(text)
        title = text
        if report_number:
            title = re.sub(r"^[\s,]+", "", text.replace(report_number, "", 1))
        yield {
            "country": country,
            "report_number": report_number,
            "case_number": case.group(0) if case else "",
            "title": ", ".join(x for x in (report_number, title) if x),
            "docx_url": docx_url,
            "pdf_url": pdf_url,
        }


class Iachr(Connector):
    info = SourceInfo(
        name="iachr",
        mechanism="Inter-American Commission on Human Rights: merits, admissibility and "
        "friendly-settlement reports",
        bodies=("IACHR",),
        interface="HTML listing per kind and year + report files (DOCX, PDF)",
        hosts=(HOST,),
        licence="OAS / Inter-American Commission on Human Rights document (public)",
    )

    def years(self, since: dt.date | None) -> list[int]:
        this_year = dt.date.today().year
        chosen = self.options.get("years")
        if chosen:
            first, _, last = chosen.partition("-")
            return list(range(int(first), int(last or first) + 1))
        return list(range(since.year if since else this_year, this_year + 1))

    def list_documents(
        self, *, since: dt.date | None = None, limit: int | None = None
    ) -> Iterator[DocumentRef]:
        kinds = self.options.get("kinds", ",".join(KINDS)).split(",")
        for kind in kinds:
            for year in self.years(since):
                listing = LISTING_URL.format(kind=kind)
                page = self.get(listing, params={"Year": year})
                for entry in listing_entries(page.text(), listing):
                    url = entry["docx_url"] or entry["pdf_url"]
                    suffix = LANGUAGE_SUFFIX_RE.search(url)
                    yield DocumentRef(
                        key=url.rsplit("/", 1)[-1],
                        url=url,
                        title=entry["title"],
                        language=suffix.group(1).lower() if suffix else None,
                        meta={**entry, "kind": KINDS.get(kind, kind), "year": year},
                    )

    def parse(self, ref: DocumentRef, fetched: Fetched) -> Iterator[Item]:
        meta = ref.meta
        country = meta.get("country") or None
        case = {
            "number": meta.get("case_number") or None,
            "other_numbers": [meta["report_number"]] if meta.get("report_number") else [],
            "title": ref.title,
            "respondent_state": country,
            "outcome": meta.get("kind"),
        }
        fields: dict[str, Any] = {
            "title": ref.title,
            "body": "IACHR",
            "kind": "decision",
            "symbol": meta.get("report_number") or None,
            "countries": [country] if country else [],
            "case": case,
            **date_fields(year=int(meta["year"])),
        }
        # The report, not the file, is the document: its English and Spanish files share it.
        document = LANGUAGE_SUFFIX_RE.sub("", ref.key) or ref.key
        yield from self.emit(
            ref,
            paras_of(parse_body(fetched.main)),
            document=f"IACHR/{document}",
            language=ref.language,
            fields=fields,
            fetched_at=fetched.fetched_at,
        )

"""OHCHR treaty-body jurisprudence (juris.ohchr.org): decisions and Views of the treaty
bodies on individual communications (CCPR, CAT, CEDAW, CERD, CRC, CRPD, CED, CMW,
CESCR), with their metadata.

Interface (ENDPOINTS.md and the public scraper):

- a case page per sequential id: ``GET https://juris.ohchr.org/casedetails/{n}/en-US``
  (ids up to about 4,200; there is no listing, so a crawl walks a range of ids:
  ``--set from=1 --set to=4200``; a missing id is an error page, not a 404);
- on the page: the title in ``h1.un-style-page-title``, the symbol in
  ``.un-style-detail-symbol strong``, labelled fields (``.un-style-detail-label`` then a
  ``<p>``: Communication number, Author, Type of decision, Session, Country, Submission
  date, Date of decision), lists after "Substantive issues:" and "Substantive
  articles:", and a table of language rows whose English row links the decision on
  ``docstore.ohchr.org`` as doc, docx, pdf and html, in that order;
- the decision itself: the English html (preferred) or docx from docstore.

Quirks: docstore serves its "html" files in **UTF-16LE**; a scraper that reads them as
UTF-8 gets a NUL between every character (the defect of the OHCHR-Juris sample records),
so the bytes are decoded by their BOM here and `repair_utf16_misdecoding` catches a file
without one. The Country field can name two States ("Denmark,Iran (Islamic Republic
of)": the respondent and the country of return). The decision text is parsed by
`parse_decision_text` (cover fields, numbered paragraphs, sections).
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urljoin

from indexer.pipeline import Item
from scrapers.http import HTTPStatusError
from scrapers.importers.base import clean_field, date_fields, iso_date
from scrapers.importers.legal_common import TREATY_OF_BODY
from scrapers.importers.legal_un import (
    article_numbers,
    body_from_symbol,
    decision_kind,
    split_countries,
)
from scrapers.importers.segment import Para
from scrapers.parse import DocumentError, parse_decision_text, repair_utf16_misdecoding
from scrapers.parse.html_text import decode_html, html_blocks
from scrapers.sources.base import DocumentRef, Fetched, SourceInfo, since_ok, tidy_symbol
from scrapers.sources.sequential import SequentialIds

JURIS_HOST = "juris.ohchr.org"
DOCSTORE_HOST = "docstore.ohchr.org"
CASE_URL = f"https://{JURIS_HOST}/casedetails/{{n}}/en-US"
FIRST_ID = 1
LAST_ID = 4200
TITLE_RE = re.compile(r'<h1[^>]*class="[^"]*un-style-page-title[^"]*"[^>]*>(.*?)</h1>', re.S)
SYMBOL_RE = re.compile(r"un-style-detail-symbol.*?<strong>(.*?)</strong>", re.S)
LABEL_RE = re.compile(r"un-style-detail-label[^>]*>(.*?)</p>\s*(?:<p[^>]*>(.*?)</p>|</div>)", re.S)
LIST_RE = r"{label}:.*?<ul[^>]*>(.*?)</ul>"
ITEM_RE = re.compile(r"<li[^>]*>(.*?)</li>", re.S)
ROW_RE = re.compile(r"<tr[^>]*>\s*<td[^>]*>(.*?)</td>(.*?)</tr>", re.S)
DOCSTORE_LINK_RE = re.compile(r'href="(https?://docstore\.ohchr\.org/[^"]+)"')
LINK_FORMATS = ("doc", "docx", "pdf", "html")
"""The order of the links in a language row of the case page."""
PREFERRED = ("html", "docx", "pdf")
LABELS = {
    "communication number": "communication_number",
    "author": "author",
    "type of decision": "decision_type",
    "session": "session",
    "country": "country",
    "submission date": "submission_date",
    "date of decision": "decision_date",
}
ERROR_PAGE_MAX = 10_000
"""Case pages of missing ids are short error pages ("Oops ...")."""


def strip_tags(value: str) -> str:
    return clean_field(re.sub(r"<[^>]+>", " ", html.unescape(value)))


def case_page(page: str, base_url: str) -> dict[str, Any] | None:
    """The fields of a case page, or None for an error page (a missing id)."""
    if len(page) < ERROR_PAGE_MAX and ("Oops" in page or "un-style-page-title" not in page):
        return None
    data: dict[str, Any] = {}
    title = TITLE_RE.search(page)
    if title:
        data["title"] = strip_tags(title.group(1))
    symbol = SYMBOL_RE.search(page)
    if symbol:
        data["symbol"] = tidy_symbol(strip_tags(symbol.group(1)))
    for label, value in LABEL_RE.findall(page):
        key = LABELS.get(strip_tags(label).rstrip(":").strip().lower())
        if key and key not in data:
            data[key] = strip_tags(value).rstrip(":").strip()
    for name, key in (("Substantive issues", "issues"), ("Substantive articles", "articles")):
        block = re.search(LIST_RE.format(label=name), page, re.S)
        if block:
            data[key] = [strip_tags(i) for i in ITEM_RE.findall(block.group(1))]
    links: dict[str, str] = {}
    for language, cells in ROW_RE.findall(page):
        if strip_tags(language).lower() == "english":
            hrefs = [html.unescape(h) for h in DOCSTORE_LINK_RE.findall(cells)]
            links = dict(zip(LINK_FORMATS, hrefs, strict=False))
            break
    data["links"] = {k: urljoin(base_url, v) for k, v in links.items()}
    return data


def decision_text(raw: bytes) -> str:
    """The decision's text, line by line, whatever encoding docstore used."""
    text = decode_html(raw)
    text = repair_utf16_misdecoding(text)
    if "<" in text[:2000]:
        return "\n".join(block.text for block in html_blocks(text))
    return text


class OhchrJuris(SequentialIds):
    info = SourceInfo(
        name="ohchr-juris",
        mechanism="UN treaty bodies: decisions and Views on individual communications",
        bodies=("CCPR", "CAT", "CEDAW", "CERD", "CRC", "CRPD", "CED", "CMW", "CESCR"),
        interface="HTML case page per sequential id + decision file (UTF-16 html / docx) "
        "on docstore",
        hosts=(JURIS_HOST, DOCSTORE_HOST),
        licence="United Nations / OHCHR treaty-body jurisprudence (juris.ohchr.org), UN "
        "terms of use",
    )

    first_id = FIRST_ID
    last_id = LAST_ID

    def list_documents(
        self, *, since: dt.date | None = None, limit: int | None = None
    ) -> Iterator[DocumentRef]:
        for n in self.ids():
            yield DocumentRef(key=str(n), url=CASE_URL.format(n=n), meta={"since": since})

    def fetch(self, ref: DocumentRef) -> Fetched:
        try:
            page = self.get(ref.url)
        except HTTPStatusError as exc:
            if exc.status != 404:
                raise
            self.missing()
            return Fetched(ref, extra={"missing": True})
        data = case_page(page.text(), ref.url)
        if data is None:
            self.missing()
            return Fetched(ref, [page], extra={"missing": True})
        self.found(int(ref.key))
        links: dict[str, str] = data["links"]
        chosen = next((links[f] for f in PREFERRED if f in links), None)
        results = [page]
        if chosen:
            results.append(self.get(chosen))
        return Fetched(ref, results, extra={"case": data})

    def parse(self, ref: DocumentRef, fetched: Fetched) -> Iterator[Item]:
        if fetched.extra.get("missing"):
            return
        data: dict[str, Any] = fetched.extra["case"]
        if len(fetched.results) < 2:
            yield self.reject(
                ref, "no English decision file linked from the case page", data.get("title")
            )
            return
        date = iso_date(data.get("decision_date"))
        since = ref.meta.get("since")
        if isinstance(since, dt.date) and not since_ok(date, since):
            return
        document = fetched.results[1]
        if document.read_bytes()[:4] == b"PK\x03\x04":
            from scrapers.parse import parse_docx

            text = "\n".join(p.text for p in parse_docx(document.body_path))
        else:
            text = decision_text(document.read_bytes())
        decision = parse_decision_text(text)
        if not decision.paragraphs:
            raise DocumentError(document.url, "no numbered paragraphs in the decision")
        symbol = data.get("symbol") or decision.symbol or ""
        body = body_from_symbol(symbol) or ""
        countries = split_countries(data.get("country", ""))
        prefix = TREATY_OF_BODY.get(body, body)
        decision_type = data.get("decision_type", "")
        case = {
            "number": data.get("communication_number") or None,
            "title": data.get("title"),
            "authors": [data["author"]] if data.get("author") else [],
            "respondent_state": countries[0] if countries else None,
            "articles": [f"{prefix} {n}" for n in article_numbers(data.get("articles", []))],
            "decision_date": date,
            "submission_date": iso_date(data.get("submission_date")),
            "outcome": decision_type or None,
        }
        fields = {
            "title": data.get("title"),
            "body": body,
            "kind": decision_kind(body, decision_type),
            "symbol": symbol or None,
            "countries": countries,
            "case": case,
            **date_fields(date),
        }
        paras = [Para(p.number, p.text, p.heading) for p in decision.paragraphs]
        yield from self.emit(
            ref,
            paras,
            document=symbol or f"juris/{ref.key}",
            language="en",
            fields=fields,
            fetched_at=fetched.fetched_at,
        )

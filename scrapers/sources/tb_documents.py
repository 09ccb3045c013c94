"""Treaty-body documents (tbinternet.ohchr.org): general comments and general
recommendations of the nine treaty bodies, from the OHCHR treaty-body database.

Interface (ENDPOINTS.md and the public scraper):

- search: ``GET https://tbinternet.ohchr.org/_layouts/15/treatybodyexternal/TBSearch.aspx
  ?Lang=en&TreatyID={1 CAT, 2 CED, 3 CEDAW, 4 CRPD, 5 CRC, 6 CERD, 7 CMW, 8 CCPR, 9 CESCR}
  &DocTypeID=11`` (11 = general comments; other document types have other ids, not
  seen). The results page links each document as ``Download.aspx?symbolno={symbol}
  &Lang=en`` and says "N items in M pages";
- ``GET Download.aspx?symbolno={symbol}&Lang=en`` lists the files on
  ``https://docstore.ohchr.org/SelfServices/FilesHandler.ashx?enc=...``, each link with a
  ``title`` such as "English html" or "English docx"; html is preferred, then docx, then
  pdf (a legacy .doc cannot be read).

Quirks: paging past the first results page is an ASP.NET postback (a form with the
page's ``__VIEWSTATE``), which this connector does not replay: it reads the first page of
each treaty body (10 documents) and logs how many pages there were; CEDAW, CERD, CCPR,
CESCR and CRC have more. docstore "html" is UTF-16 (decoded by its BOM); one document of
the public sample was a Word .doc served as html, which `parse_body` refuses by name.
"""

from __future__ import annotations

import datetime as dt
import html
import logging
import re
from collections.abc import Iterator
from urllib.parse import quote, unquote, urljoin

from indexer.pipeline import Item
from scrapers.importers.base import date_fields, parse_date
from scrapers.sources.base import (
    Connector,
    DocumentRef,
    Fetched,
    SourceInfo,
    paras_of,
    parse_body,
    since_ok,
    tidy_symbol,
)

log = logging.getLogger("concordia.sources.tb_documents")

TB_HOST = "tbinternet.ohchr.org"
DOCSTORE_HOST = "docstore.ohchr.org"
TB_BASE = f"https://{TB_HOST}/_layouts/15/treatybodyexternal"
SEARCH_URL = f"{TB_BASE}/TBSearch.aspx"
DOWNLOAD_URL = f"{TB_BASE}/Download.aspx"
GENERAL_COMMENTS = 11
TREATY_IDS = {
    "CAT": 1, "CED": 2, "CEDAW": 3, "CRPD": 4, "CRC": 5, "CERD": 6, "CMW": 7, "CCPR": 8,
    "CESCR": 9,
}  # fmt: skip
DOWNLOAD_LINK_RE = re.compile(r"Download\.aspx\?symbolno=([^&\"']+?)&(?:amp;)?Lang=en", re.I)
PAGES_RE = re.compile(r"(\d+)\s+items?\s+in\s+(\d+)\s+pages?", re.I)
ROW_RE = re.compile(r"<tr[^>]*>(.*?)</tr>", re.S | re.I)
CELL_RE = re.compile(r"<td[^>]*>(.*?)</td>", re.S | re.I)
FILE_LINK_RE = re.compile(
    r"<a[^>]*title=\"([^\"]+)\"[^>]*href=\"(https?://docstore\.ohchr\.org/[^\"]+)\"", re.I
)
PREFERRED_FILES = ("english html", "english docx", "english pdf")


def text_of(fragment: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", fragment))).strip()


class TbDocuments(Connector):
    info = SourceInfo(
        name="tb-documents",
        mechanism="UN treaty bodies: general comments and general recommendations",
        bodies=("CCPR", "CESCR", "CAT", "CERD", "CEDAW", "CRC", "CMW", "CRPD", "CED"),
        interface="ASP.NET search page (HTML) + Download page + file on docstore",
        hosts=(TB_HOST, DOCSTORE_HOST),
        licence="United Nations treaty-body document (tbinternet.ohchr.org), UN terms of use",
    )

    def list_documents(
        self, *, since: dt.date | None = None, limit: int | None = None
    ) -> Iterator[DocumentRef]:
        chosen = self.options.get("treaties")
        committees = chosen.split(",") if chosen else list(TREATY_IDS)
        doc_type = int(self.options.get("doctype", GENERAL_COMMENTS))
        for committee in committees:
            params: dict[str, str | int] = {
                "Lang": "en",
                "TreatyID": TREATY_IDS[committee],
                "DocTypeID": doc_type,
            }
            page = self.get(SEARCH_URL, params=params).text()
            pages = PAGES_RE.search(page)
            if pages and int(pages.group(2)) > 1:
                log.warning(
                    "%s: %s items in %s pages; only the first page is read (postback paging)",
                    committee,
                    pages.group(1),
                    pages.group(2),
                )
            for symbol, title, date in self.results(page):
                if not since_ok(date, since):
                    continue
                yield DocumentRef(
                    key=symbol,
                    url=f"{DOWNLOAD_URL}?symbolno={quote(symbol, safe='/')}&Lang=en",
                    date=date,
                    title=title,
                    language="en",
                    meta={"committee": committee},
                )

    @staticmethod
    def results(page: str) -> Iterator[tuple[str, str | None, str | None]]:
        """(symbol, title, date) of each result row, in page order."""
        seen: set[str] = set()
        for row in ROW_RE.findall(page):
            match = DOWNLOAD_LINK_RE.search(row)
            if not match:
                continue
            symbol = tidy_symbol(unquote(html.unescape(match.group(1))))
            if symbol in seen:
                continue
            seen.add(symbol)
            cells = [text_of(c) for c in CELL_RE.findall(row)]
            texts = [c for c in cells if c and tidy_symbol(c) != symbol]
            title = max(texts, key=len) if texts else None
            date = next((parse_date(c) for c in cells if parse_date(c)), None)
            yield symbol, title, date

    def fetch(self, ref: DocumentRef) -> Fetched:
        download = self.get(DOWNLOAD_URL, params={"symbolno": ref.key, "Lang": "en"})
        links = {
            html.unescape(title).strip().lower(): html.unescape(url)
            for title, url in FILE_LINK_RE.findall(download.text())
        }
        chosen = next((links[t] for t in PREFERRED_FILES if t in links), None)
        results = [download]
        if chosen:
            results.append(self.get(urljoin(ref.url, chosen)))
        return Fetched(ref, results)

    def parse(self, ref: DocumentRef, fetched: Fetched) -> Iterator[Item]:
        if len(fetched.results) < 2:
            yield self.reject(ref, "no English html, docx or pdf file on the Download page")
            return
        paragraphs = parse_body(fetched.results[1])
        fields = {
            "title": ref.title,
            "body": ref.meta["committee"],
            "kind": "general_comment",
            "symbol": ref.key,
            **date_fields(ref.date),
        }
        yield from self.emit(
            ref,
            paras_of(paragraphs),
            document=ref.key,
            language="en",
            fields=fields,
            fetched_at=fetched.fetched_at,
            url=ref.url,
        )
